"""The diff of a rule set's tables: rounds, rating bands, calendars and holidays."""

from __future__ import annotations

from . import values as v
from .match import match


# The fields of each table's class compared by name here, and those left out on purpose;
# the differ's ``rest`` compares any other, and any the model gains.
_WHERE = frozenset({"id", "title", "source"})  # matched by id and title (_rows); lines
ROUND_SEEN = _WHERE | {"period", "due", "late_penalty"}
BAND_SEEN = _WHERE | {"lower", "upper", "raise_range", "no_raise"}
BANDS_TABLE_SEEN = _WHERE | {"low", "high", "bands", "citation"}  # citation: which seed, not what it says
ACTIVITY_SEEN = _WHERE | {"when", "due", "responsible", "related", "notes"}
# fiscal_year and period: the calendar's year, which every activity's dates follow (listed each)
CALENDAR_SEEN = _WHERE | {"notes", "activities", "citation", "fiscal_year", "period"}


class Tables:
    """Rounds, band tables, calendars and holidays, for the differ (whose emit, field and dates it uses)."""

    # ---- rounds, bands, calendars ---------------------------------------------------------------------
    def _rows(self, thing: str, base: str, olds: tuple, news: tuple):
        """The rows of a table (rounds, bands, activities) matched by id, then by title: those
        added and removed are emitted here, a new id or title too; each pair is yielded as
        (old, new, path, old source, new source) for what else the caller compares."""
        m = match(olds, news, key=lambda r: r.id, title=lambda r: r.title)
        for i, j, _ in m.pairs:
            a, b = olds[i], news[j]
            path = f"{base}/{thing}:{b.id}"
            as_, bs = a.source, b.source
            if a.id != b.id:
                self.emit(f"{thing}-renamed", f"{path}/id", a.id, b.id, as_, bs, b.title)
            self.field(f"{thing}-renamed", path, a.title, b.title, as_, bs, b.title)
            yield a, b, path, as_, bs
        for i in m.removed:
            a = olds[i]
            self.emit(f"{thing}-removed", f"{base}/{thing}:{a.id}", a.title, None, a.source, None, a.title)
        for j in m.added:
            b = news[j]
            self.emit(f"{thing}-added", f"{base}/{thing}:{b.id}", None, b.title, None, b.source, b.title)

    def rounds(self, base: str, olds: tuple, news: tuple) -> None:
        for r, s, path, rs, ss in self._rows("round", base, olds, news):
            self.dates("round-moved", f"{path}/period", r.period, s.period, rs, ss, s.title)
            self.dates("round-moved", f"{path}/due", r.due, s.due, rs, ss, s.title)
            pen = [f"{v.text(p.amount)} per {p.per}" if p else None for p in (r.late_penalty, s.late_penalty)]
            self.field("penalty-changed", path, pen[0], pen[1], v.source(r.late_penalty, rs),
                       v.source(s.late_penalty, ss), s.title)
            self.rest(path, r, s, ROUND_SEEN, rs, ss, s.title)

    def band_table(self, path: str, o, n) -> None:
        self.field("bands-range-changed", path, f"{v.text(o.low)}–{v.text(o.high)}",
                   f"{v.text(n.low)}–{v.text(n.high)}", o.source, n.source, n.title)
        for a, b, band, as_, bs in self._rows("band", path, o.bands, n.bands):
            self.field("band-boundary-changed", f"{band}/lower", v.bound(a.lower), v.bound(b.lower), as_, bs,
                       b.title)
            self.field("band-boundary-changed", f"{band}/upper", v.bound(a.upper), v.bound(b.upper), as_, bs,
                       b.title)
            self.field("band-raise-changed", band, v.raise_range(a), v.raise_range(b), as_, bs, b.title)
            self.rest(band, a, b, BAND_SEEN, as_, bs, b.title)
        self.rest(path, o, n, BANDS_TABLE_SEEN, o.source, n.source, n.title)

    def calendar(self, path: str, o, n) -> None:
        self.field("details-changed", f"{path}/notes", o.notes, n.notes, o.source, n.source, n.title)
        for a, b, act, as_, bs in self._rows("activity", path, o.activities, n.activities):
            when = [[v.dates(w) for w in x.when] for x in (a, b)]
            if when[0] != when[1]:
                # The first date that differs, on each side, at its own line.
                k = next((k for k, (x, y) in enumerate(zip(when[0], when[1])) if x != y),
                         min(len(when[0]), len(when[1])))
                at = [x.when[min(k, len(x.when) - 1)] if x.when else None for x in (a, b)]
                self.emit("activity-moved", f"{act}/when", when[0], when[1], v.source(at[0], as_),
                          v.source(at[1], bs), b.title, v.shift(a.when, b.when))
            self.dates("activity-moved", f"{act}/due", a.due, b.due, as_, bs, b.title)
            for key in ("responsible", "related", "notes"):
                self.field("details-changed", f"{act}/{key}", getattr(a, key), getattr(b, key), as_, bs, b.title)
            self.rest(act, a, b, ACTIVITY_SEEN, as_, bs, b.title)
        self.rest(path, o, n, CALENDAR_SEEN, o.source, n.source, n.title)

    # ---- holidays ---------------------------------------------------------------------------------------------
    def holidays(self, o, n) -> None:
        self.field("holidays-changed", "holidays/country", o.country, n.country, None, None)
        for key, label in (("add", "holidays"), ("remove", "working days")):
            olds = {(v.dates(h.date), h.name) for h in getattr(o, key)}
            news = {(v.dates(h.date), h.name) for h in getattr(n, key)}
            for day, name in sorted(olds - news, key=str):
                self.emit("holiday-removed", f"holidays/{key}", f"{day} {name or ''}".strip(), None, None, None, label)
            for day, name in sorted(news - olds, key=str):
                self.emit("holiday-added", f"holidays/{key}", None, f"{day} {name or ''}".strip(), None, None, label)
