"""kpidsl: Thai public-sector performance-evaluation rules as data.

Rule files (.kpi) are parsed into an AST (``kpidsl.syntax``), checked
(``kpidsl.check``), compiled into a scoring plan and rendered into forms.
Importing the package loads the checker, so a program can call
``kpidsl.check_paths([Path("rules/2555")])`` directly.
"""

__version__ = "0.1.0"

from .check import CheckResult, check_paths  # noqa: E402  (the version is read by submodules)
from .diagnostics import Diagnostic, Span  # noqa: E402

__all__ = ["CheckResult", "Diagnostic", "Span", "__version__", "check_paths"]
