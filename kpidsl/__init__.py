"""kpidsl: Thai public-sector performance-evaluation rules as data.

Rule files (.kpi) are parsed into an AST (``kpidsl.syntax``), checked
(``kpidsl.check``), compiled into a scoring plan and rendered into forms.
A program can call ``kpidsl.check_paths([Path("rules/2555")])`` directly: the
checker is loaded when first asked for, so a program that only scores a plan
(a worker of `score --jobs`, kpidsl/score/parts.py) loads neither it nor the parser.
"""

from .diagnostics import Diagnostic, Span
from .version import __version__


def __getattr__(name: str):
    if name in ("CheckResult", "check_paths"):
        from . import check

        return getattr(check, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CheckResult", "Diagnostic", "Span", "__version__", "check_paths"]
