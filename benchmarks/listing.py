"""What both benchmark scripts print of a cProfile run: the top functions by self time
and by cumulative time."""

from __future__ import annotations

import io
import pstats


def print_top(stats: pstats.Stats, top: int, heading: str) -> None:
    """``heading`` is formatted with ``order`` (tottime, cumulative)."""
    stats.strip_dirs()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats(order).print_stats(top)
        listing = out.getvalue()
        print(heading.format(order=order))
        print(listing[listing.index("   ncalls"):].rstrip())
