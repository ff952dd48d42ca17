"""kpidsl diff: what changed between two rule sets, from their compiled plans."""

from .changes import diff_plans
from .match import TITLE_SIMILARITY
from .model import KINDS, Change, Diff

__all__ = ["KINDS", "TITLE_SIMILARITY", "Change", "Diff", "diff_plans"]
