"""The JSON Schema (draft 2020-12) of the plan that ``compile_plan`` produces.

The schema ships inside the package as ``kpidsl/plan/plan.schema.json`` and is
read through ``importlib.resources``, so it is found the same way from a source
tree, an editable install or an installed wheel (even a zipped one).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

SCHEMA_FILE = "plan.schema.json"


@lru_cache(maxsize=1)
def _text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict:
    """The plan's JSON Schema as a fresh dict (callers may change their copy)."""
    return json.loads(_text())


__all__ = ["SCHEMA_FILE", "load_schema"]
