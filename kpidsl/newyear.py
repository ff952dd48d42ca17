"""`kpidsl new-year`: next year's rule set, scaffolded from this year's.

Every file of the rule set is copied with its text edited in place (so
comments and seed citations stay where they were), then laid out by the
formatter:

* every fiscal year (``ปีงบประมาณ 2555``, an agreement's ``กรอบ department
  2555``, a baseline's year) and every year written in a date moves by the
  same number of years, in the style the author used (Thai month names or
  abbreviations, Thai digits, two-digit years, ISO); a 29 ก.พ. that lands in
  a year without one becomes 28 ก.พ.;
* an id carrying a fiscal year the rule set declares (``od_2555``,
  ``janya_2554_r1``: four digits, no digit either side, only in the ids of
  frameworks, agreements, bands tables, calendars and examples) is renamed
  with its year, at its declaration and every place naming it — the language
  server's rename (kpidsl/lsp/rename.py), checked to keep every name's
  meaning — with a review line (kind ``id``): results files and workbooks
  name agreements by id. An id whose new name is taken keeps its name, with a
  review line;
* a file or folder whose name carries such a year (``work_group_2553.kpi``,
  ``agreements_2555/``) is written under its name moved by the same rule
  (``with_years_moved``), said in the command's summary: staff find the year's
  files by name. Two files to one name (letter case aside, as a shared drive
  compares names; or a file where a folder is) is ``NameClash``, and nothing is
  written;
* a year in a text moves when it is written as a year (after ``พ.ศ.`` or
  ``ปีงบประมาณ``) or as a date's year — one rule for every text, so a title's
  ``ประจำปีงบประมาณ พ.ศ. 2555`` and a note's dates (which checks D018–D020
  compare with the moved dates) follow the year. An example's title is a
  test's name, not seed text: it moves the years its id would, too
  (``กรมตัวอย่าง 2555`` → ``กรมตัวอย่าง 2556``), without a review line (the
  example's expected figures have one already). A name new-year changed that a
  text gives follows it as a comment's does (below: ``ดูไฟล์ ตัวชี้วัด2555.kpi``
  → ``ดูไฟล์ ตัวชี้วัด2556.kpi``), moved as the text's years are. Whether a step's, a
  condition's or a description's year or name should move is the staff's call (it may
  name last year's data on purpose): such a moved year or name gets a review line
  (kind ``text``). A year written bare (``ปี 2555``, ``มิถุนายน 2555``, ``๒๕๕๕``)
  is never edited: when it is the old fiscal year or the year before, any text
  naming it gets a review line quoting it;
* comments are the staff's notes and the seeds' citations: a word of theirs changes only
  when it is a name new-year changed and names nothing it kept — a renamed file
  (``work_group_2553.kpi``, alone or ending a path), a renamed folder written as one
  (``agreements_2555/``), an id renamed everywhere it is named — so that a comment and the
  file or id it names stay one (``ตามกรอบ work_group_2553 (work_group_2553.kpi)`` →
  ``ตามกรอบ work_group_2554 (work_group_2554.kpi)``); their years, dates and seed
  citations stay as written;
* a ``review "…"`` line (check code Y001) is written beside each figure the
  new year's staff must confirm: weights and shares, ladders (thresholds,
  targets, steps), rating bands, salary figures, late penalties, baselines,
  declared holidays, and each example's expected figures;
* a due date that lands on a weekend or a public holiday (the ``holidays``
  package for the rule set's country, with its declared holidays moved too)
  gets a review line naming the next working day;
* an example's report submitted late whose date, moved a year, is late by
  another count of days on the new calendar (weekends and holidays fall
  elsewhere) is moved on to the day as late as this year's, with a review line
  (kind ``late``) giving both counts (kpidsl/newyear_lateness.py); so is a step
  done on a day whose lateness moving a year changed (29 ก.พ. → 28 ก.พ.).

Examples are kept, with a review line in their expected figures, rather than
dropped: they still pass on the scaffold and start to fail, figure by figure,
as staff change a ladder or a weight — which is the list of expected figures
to work out again.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs

from .bilingual import Bi
from .check.in_memory import check_parsed, parse_text
from .syntax import cst
from .syntax.dates import DateError, resolve
from .syntax.keywords import canonical
from .syntax.parser import parse
from .thai import BE_OFFSET, MONTH_BY_NAME, format_date, to_arabic, to_thai_digits

# A fiscal year in BE: 2400–2699 covers every year a rule file may name (1857–2156 CE).
BE_YEARS = range(2400, 2700)
_DIGITS = "0-9\u0E50-\u0E59"
_YEAR_AT_END = re.compile(rf"(?<![{_DIGITS}])([{_DIGITS}]{{4}}|[{_DIGITS}]{{2}})(\s*)$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TEXT_YEAR = re.compile(rf"((?:พ\.ศ\.|ปีงบประมาณ)\s*\[?)([{_DIGITS}]{{4}})(?:([–-])([{_DIGITS}]{{4}}))?(?![{_DIGITS}])")
_MONTH_WORDS = "|".join(sorted((re.escape(m) for m in MONTH_BY_NAME), key=len, reverse=True))
# A date written in a text: "ภายใน 31 ม.ค. 55", "30 เมษายน 2554" (a month, then its year).
_TEXT_DATE = re.compile(rf"([{_DIGITS}]{{1,2}}\s*(?:{_MONTH_WORDS})\.?\s*(?:พ\.ศ\.\s*)?)"
                        rf"([{_DIGITS}]{{4}}|[{_DIGITS}]{{2}})(?![{_DIGITS}])")
_WEEKDAYS_TH = ("วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์", "วันอาทิตย์")

# Statements whose figures are the year's policy, by canonical keyword: what the review says.
_FIGURE_HEADS = {
    "ladder": "เกณฑ์การให้คะแนน",
    "band": "ช่วงคะแนนและร้อยละการเลื่อนของระดับผล",
    "pool": "วงเงินการเลื่อนเงินเดือน",
    "grade": "อัตราเงินเดือนของระดับตำแหน่ง",
    # the year's late penalty (``ปรับลด 0.05 ต่อ วันทำการ``), not an example's expected
    # ``คะแนนที่ถูกปรับ`` (keyword ``penalty``), which the example's review line covers
    "late_penalty": "การปรับลดคะแนนเมื่อส่งล่าช้า",
    "baseline": "ข้อมูลพื้นฐาน (ผลของปีที่ผ่านมา)",
}
_WEIGHT_WORDS = {"weight": "น้ำหนัก", "share": "สัดส่วน"}


class NewYearError(ValueError):
    """A year or rule set new-year cannot work with (the command exits 2): a sentence of
    kpidsl/diagnostics/cli_texts.py (``key``) with its fields; str() is the English."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        from .diagnostics.cli_texts import said

        fields = dict(self.fields)
        if self.key == "year-not-be":
            be = fields.pop("be")
            fields["hint"] = said("year-be-hint", lang, be=be) if be else ""
        return said(self.key, lang, **fields)


class NameClash(ValueError):
    """Two files of the new rule set would have one name (module docstring): ``path`` is
    written as ``name``, which ``other`` (a relative path of this year's rule set) takes too."""

    def __init__(self, path: str, other: str, name: str) -> None:
        from .diagnostics.registry import CODES

        self.path, self.other, self.name = path, other, name
        super().__init__(CODES["O021"].at(None, path=path, other=other, name=name).message_en)


@attrs.frozen
class Review:
    kind: str  # weight, ladder, band, salary, penalty, baseline, holiday, example, late, due, id, text
    path: str
    line: int  # in the source file
    text: str


@attrs.frozen
class Scaffold:
    from_year: int
    to_year: int
    files: dict[str, str]  # relative path → new text
    reviews: tuple[Review, ...]
    moved_dates: int
    renamed: tuple[tuple[str, str], ...] = ()  # (old id, new id), ids renamed with their year
    # (old path, new path) of each file written under a name with its year moved; ``files``
    # is keyed by the new paths, a Review's path is the file it was read from
    renamed_files: tuple[tuple[str, str], ...] = ()


def check_year(text: str, current: int) -> int:
    """The target year from the command line: a 4-digit BE year after ``current``."""
    digits = to_arabic(text.strip())
    if not re.fullmatch(r"\d{4}", digits) or int(digits) not in BE_YEARS:
        be = int(digits) + BE_OFFSET if re.fullmatch(r"\d{4}", digits) and 1857 <= int(digits) < 2157 else None
        raise NewYearError("year-not-be", text=text, be=be)
    year = int(digits)
    if year <= current:
        raise NewYearError("year-not-after", current=current, year=year)
    return year


def rule_set_year(texts: dict[str, str]) -> int:
    """The rule set's fiscal year: the latest ``fiscal_year`` it declares."""
    years = [y for doc in _documents(texts).values() for y in _fiscal_years(doc.statements)]
    if not years:
        raise NewYearError("no-fiscal-year")
    return max(years)


def _documents(texts: dict[str, str], folder: Path | None = None) -> dict[str, cst.Document]:
    """Each text's statement tree; UnreadRuleSet with the parser's own diagnostics when one
    does not parse (the command checked it just before: only a file saved in between gets
    here), located at the file under ``folder`` as `check` locates them."""
    from .source import display_path

    docs = {}
    for path, text in texts.items():
        parsed = parse(text, path)
        if parsed.document is None or parsed.diagnostics:
            shown = path if folder is None else display_path(folder / path)
            again = parsed if shown == path else parse(text, shown)  # only on this rare path: parsed twice
            raise UnreadRuleSet(list(again.diagnostics), {shown: text})
        docs[path] = parsed.document
    return docs


def _fiscal_years(stmts) -> list[int]:
    found = []
    for st in stmts:
        if not isinstance(st, cst.Statement):
            continue
        if _kw(st) == "fiscal_year" and st.args and isinstance(st.args[0], cst.Number):
            found.append(int(st.args[0].value))
        if st.block is not None:
            found.extend(_fiscal_years(st.block.statements))
    return found


def _kw(st: cst.Statement) -> str | None:
    return None if st.head.written else canonical(st.head.text)


# ---- moving years and dates ---------------------------------------------------------------------


def with_years_moved(text: str, years: set[int], delta: int,
                     skip: list[tuple[int, int]] = ()) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each year it carries (four digits, no digit either side: ``od_2555``,
    ``janya_2554_r1``) that is one of ``years`` moved by ``delta`` as written, and the spans
    moved; a year starting in a span of ``skip`` is left. The one rule for ids, file and
    folder names, and examples' titles."""
    from .diff.match import YEAR_IN_ID

    spans = []

    def moved(m: re.Match) -> str:
        if int(to_arabic(m.group(1))) not in years or any(a <= m.start() < b for a, b in skip):
            return m.group(1)
        spans.append(m.span())
        return _year_text(m.group(1), delta)

    return YEAR_IN_ID.sub(moved, text), spans


def _year_text(old: str, delta: int) -> str:
    """A year written as ``old`` (2 or 4 digits, Thai or Arabic) moved by ``delta``."""
    thai = any("\u0E50" <= ch <= "\u0E59" for ch in old)
    value = int(to_arabic(old))
    new = f"{(value + delta) % 100:02d}" if len(old) == 2 else str(value + delta)
    return to_thai_digits(new) if thai else new


def _leap(ce_year: int) -> bool:
    return ce_year % 4 == 0 and (ce_year % 100 != 0 or ce_year % 400 == 0)


def move_date(lit: cst.DateLit, delta: int, fiscal_year: int | None) -> str:
    """The text of a date moved by ``delta`` years, written as it was."""
    text, parts = lit.text, lit.parts
    if parts is None:
        return text
    iso = _ISO.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        year += delta
        if month == 2 and day == 29 and not _leap(year):
            day = 28
        return f"{year:04d}-{month:02d}-{day:02d}"
    m = _YEAR_AT_END.search(text) if parts.year is not None else None
    if m:
        text = text[:m.start(1)] + _year_text(m.group(1), delta) + text[m.end(1):]
    if parts.month == 2 and 29 in (parts.day, parts.day_end):
        new_fy = (fiscal_year + delta) if fiscal_year else None
        ce = (parts.year + delta - BE_OFFSET) if parts.year is not None else (new_fy - BE_OFFSET if new_fy else None)
        if ce is not None and not _leap(ce):
            text = re.sub(r"(?<![0-9])29(?![0-9])", "28", text, count=1)
            text = re.sub("(?<![๐-๙])๒๙(?![๐-๙])", "๒๘", text, count=1)
    return text


# A date of one day written in Thai (``3 พ.ย. 2554``, ``๓ พฤศจิกายน ๕๔``): what ``written_as`` rewrites.
_THAI_DAY = re.compile(rf"^((?:วันที่\s*)?)([{_DIGITS}]{{1,2}})(\s*)({_MONTH_WORDS})(\.?\s*(?:พ\.ศ\.\s*)?)"
                       rf"([{_DIGITS}]{{4}}|[{_DIGITS}]{{2}})?$")


def written_as(text: str, day: dt.date, fiscal_year: int | None) -> str | None:
    """``day`` written in the style of the date ``text`` (ISO; or Thai, its month in full or
    abbreviated, its year of four digits, two or none, in Thai digits or not), read back as
    ``day`` in ``fiscal_year``; None when it cannot be (a span of days, a week, a year that
    left unwritten would be read as another)."""
    from .syntax.dates import read
    from .thai import MONTHS

    if _ISO.match(text):
        new = day.isoformat()
    else:
        m = _THAI_DAY.match(text)
        if m is None:
            return None
        prefix, written_day, space, month, after, year = m.groups()
        full, abbr = MONTHS[day.month - 1]
        name = full if any(month == f for f, _ in MONTHS) else abbr if month.endswith(".") else abbr.rstrip(".")
        thai = any("\u0E50" <= ch <= "\u0E59" for ch in written_day)
        new_day = to_thai_digits(str(day.day)) if thai else str(day.day)
        new = prefix + new_day + space + name + after
        if year is not None:
            new += _year_text(year, day.year + BE_OFFSET - int(to_arabic(year)))  # as long as written
    try:
        days = resolve(read(new), fiscal_year)
    except DateError:
        return None
    return new if days == (day, day) else None


def _move_text_years(value: str, delta: int) -> str:
    """Years in a text: after พ.ศ. or ปีงบประมาณ (both ends of a range), and the
    year of a date written out. Other numbers (circular numbers like ว 20/52,
    slide numbers) are left alone."""
    return _text_years(value, delta)[0]


def _text_years(value: str, delta: int) -> tuple[str, list[tuple[str, str]], list[tuple[int, int]]]:
    """The text with its years moved (``_move_text_years``), each year moved as (old, new)
    written with what names it a year (``พ.ศ. 2554``, ``31 ม.ค. 55``), and the spans of
    ``value`` they were read from."""
    moved: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []

    def year(m: re.Match) -> str:
        new = m.group(1) + _year_text(m.group(2), delta)
        new += m.group(3) + _year_text(m.group(4), delta) if m.group(4) else ""
        moved.append((m.group(0).replace("[", ""), new.replace("[", "")))
        return new

    def date(m: re.Match) -> str:
        if any(a <= m.start(2) < b for a, b in spans):
            return m.group(0)  # ``31 มกราคม พ.ศ. 2555``: its year moved once already, as a พ.ศ. year
        new = m.group(1) + _year_text(m.group(2), delta)
        moved.append((m.group(0), new))
        return new

    spans += [m.span() for m in _TEXT_YEAR.finditer(value)]
    # a year keeps its length when it moves: the dates are found where they were
    value = _TEXT_YEAR.sub(year, value)
    dates = [m.span() for m in _TEXT_DATE.finditer(value)]
    return _TEXT_DATE.sub(date, value), moved, spans + dates


# A year written bare in a text: four digits with no digit either side.
_BARE_YEAR = re.compile(rf"(?<![{_DIGITS}])([{_DIGITS}]{{4}})(?![{_DIGITS}])")
# The words quoted with a bare year when they stand just before it (Thai has no spaces
# between words to cut a longer quote at).
_YEAR_WORDS = re.compile(rf"(?:ปี|พ\.ศ\.|{_MONTH_WORDS})\.?\s*$")


def _bare_years(value: str, years: set[int], read: list[tuple[int, int]]) -> list[str]:
    """The years of ``years`` written bare in ``value`` (outside the ``read`` spans, which
    ``_text_years`` moved), each quoted with the word naming it a year when there is one
    (``ปี 2555``, ``มิถุนายน 2555``)."""
    found = []
    for m in _BARE_YEAR.finditer(value):
        if int(to_arabic(m.group(1))) not in years or any(a <= m.start() < b for a, b in read):
            continue
        word = _YEAR_WORDS.search(value[:m.start()])
        found.append(value[word.start() if word else m.start():m.end()])
    return found


# ---- holidays -----------------------------------------------------------------------------------------


@attrs.define
class _Holidays:
    country: str | None = "TH"
    added: set = attrs.Factory(set)
    removed: set = attrs.Factory(set)

    def name(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day, or None."""
        if day in self.removed:
            return None
        if day in self.added:
            return "วันหยุดที่ประกาศในชุดกฎ"
        if self.country:
            import holidays

            from .days_off import categories_of

            try:
                names = holidays.country_holidays(self.country, years=[day.year], categories=categories_of(self.country),
                                                  language="th")
            except (NotImplementedError, KeyError, ValueError):
                return None
            if day in names:
                return names.get(day)
        return None

    def off(self, day: dt.date) -> str | None:
        if day.weekday() >= 5:
            return _WEEKDAYS_TH[day.weekday()]
        holiday = self.name(day)
        return f"วันหยุด {holiday}" if holiday else None

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while self.off(day):
            day += dt.timedelta(days=1)
        return day


# ---- the scaffold -------------------------------------------------------------------------------------


@attrs.define
class _FileEditor:
    """Edits of one file: replacements by span and review lines to insert."""

    path: str
    text: str
    delta: int
    to_year: int
    holidays: _Holidays
    years: set[int]  # the fiscal years the rule set declares: those an id or example's title moves
    # the whole names new-year changed and their new text (``_names_in_comments``): what a
    # comment's or a text's word follows
    names: re.Pattern | None = None
    new_names: dict[str, str] = attrs.Factory(dict)
    lines: list[str] = attrs.Factory(list)
    starts: list[int] = attrs.Factory(list)
    edits: list[tuple[int, int, str]] = attrs.Factory(list)
    inserts: list[tuple[int, str]] = attrs.Factory(list)  # (line before which, review text)
    reviews: list[Review] = attrs.Factory(list)
    dues: list[tuple[cst.DateLit, int]] = attrs.Factory(list)
    moved: int = 0
    # an example's late report or step (kpidsl/newyear_lateness.py): the dates of its given
    # results by line (each literal, its moved text, its fiscal year), each example's first
    # line inside ผลที่คาด
    given: dict[int, list[tuple[cst.DateLit, str, int | None]]] = attrs.Factory(dict)
    expects: dict[int, int] = attrs.Factory(dict)
    example: int | None = None

    def __attrs_post_init__(self) -> None:
        self.lines = self.text.split("\n")
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line) + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def replace(self, node, new: str) -> None:
        s = node.span
        self.edits.append((self.offset(s.line, s.column), self.offset(s.end_line, s.end_column), new))

    def review(self, kind: str, line: int, text: str) -> None:
        self.inserts.append((line, text))
        self.reviews.append(Review(kind, self.path, line, text))

    # -- the walk
    def walk(self, stmts, parent: str | None, fiscal_year: int | None) -> None:
        years = _fiscal_years(s for s in stmts if isinstance(s, cst.Statement) and _kw(s) == "fiscal_year")
        fiscal_year = years[0] if years else fiscal_year
        for st in stmts:
            if isinstance(st, cst.Statement):
                self.statement(st, parent, fiscal_year)

    def statement(self, st: cst.Statement, parent: str | None, fiscal_year: int | None) -> None:
        kw = _kw(st)
        line = st.span.line
        shown = " ".join(_arg_text(a) for a in st.args)
        # Fiscal years: the year itself, and the year an agreement names its framework by.
        if kw in ("fiscal_year", "baseline") or (kw == "framework" and parent == "agreement"):
            for a in st.args:
                if isinstance(a, cst.Number) and int(a.value) in BE_YEARS and a.value == int(a.value):
                    self.replace(a, _year_text(a.written or a.text, self.delta))
                    break
        if kw == "baseline":
            year = next((int(a.value) for a in st.args if isinstance(a, cst.Number) and int(a.value) in BE_YEARS), None)
            moved = f" ปี {year + self.delta} " if year else " "
            self.review("baseline", line, f"{_FIGURE_HEADS['baseline']}{moved}— ตัวเลขยังเป็นของเดิม ({shown}): "
                                          "ใส่ผลจริงของปีนั้น")
        elif kw in ("ladder", "late_penalty") or (kw == "band" and parent != "expect") \
                or (kw == "pool" and parent == "salary") or (kw == "grade" and parent == "salary"):
            # An example's expected band (`ระดับผล good` under ผลที่คาด) is no band of the year: the
            # example's own review line covers it.
            self.review({"pool": "salary", "grade": "salary", "late_penalty": "penalty"}.get(kw, kw), line,
                        f"{_FIGURE_HEADS[kw]}ปี {self.to_year}: {_short(st)}")
        elif kw in ("cap",) and parent == "salary":
            self.review("salary", line, f"เพดานการเลื่อนเงินเดือนปี {self.to_year}: {shown}")
        elif kw == "salary" and parent == "agreement" and st.block is None:
            self.review("salary", line, f"เงินเดือนปี {self.to_year}: {shown}")
        elif kw in ("add", "remove") and parent == "holidays":
            self.review("holiday", line, f"วันหยุดที่ประกาศ ({_short(st)}) ย้ายมาเป็นปี {self.to_year}: "
                                         "ยืนยันว่ายังเป็นวันหยุด หรือลบ")
        if kw == "example":
            self.example = line
        if kw == "expect":
            self.expects[self.example] = line + 1
            self.review("example", line + 1, f"ผลที่คาดคำนวณจากเกณฑ์และน้ำหนักปี {self.to_year - self.delta}: "
                                             "คำนวณใหม่เมื่อเปลี่ยน")
        # Weights and shares, wherever they stand.
        for i, a in enumerate(st.args[:-1]):
            word = canonical(a.text) if isinstance(a, cst.Name) else None
            value = st.args[i + 1]
            if word in _WEIGHT_WORDS and isinstance(value, (cst.Number, cst.Percent)):
                what = f"{_WEIGHT_WORDS[word]} {_arg_text(value)}"
                self.review("weight", line, f"{what} ของ {st.head.text} {_arg_text(st.args[0])} ปี {self.to_year}")
        # Dates and texts.
        previous = None
        for a in st.args:
            for lit in _dates(a):
                new = move_date(lit, self.delta, fiscal_year)
                if new != lit.text:
                    self.replace(lit, new)
                    self.moved += 1
                if previous == "due" and lit is a:
                    self.dues.append((attrs.evolve(lit, text=new), line, fiscal_year))
                if parent == "given" and lit is a:
                    self.given.setdefault(line, []).append((lit, new, fiscal_year))
            if isinstance(a, cst.Text):
                self.text_years(st, kw, a, line, parent is None and st.block is not None)
            previous = canonical(a.text) if isinstance(a, cst.Name) else None
        if st.block is not None:
            self.walk(st.block.statements, kw, fiscal_year)

    def text_years(self, st: cst.Statement, kw: str | None, a: cst.Text, line: int, top: bool) -> None:
        """A text's years moved (module docstring), and the review line a text naming a year gets."""
        moved_text, moved, read = _text_years(a.value, self.delta) if not a.long else (a.value, [], [])
        if self.names is not None and not a.long:
            # a renamed file, folder or id the text names follows it as in a comment; said as a
            # year the text names is (a description naming last year's file may mean it)
            moved_text, named = self.follow_in(moved_text, read)
            moved += named
        title = kw is not None and len(st.args) > 1 and st.args[1] is a and not isinstance(st.args[0], cst.Text)
        if title and kw == "example" and not a.long:
            # a test's name: the years its id would move move (module docstring), said by nothing
            moved_text, spans = with_years_moved(moved_text, self.years, self.delta, read)
            read = read + spans
        if moved_text != a.value:
            self.replace(a, '"' + moved_text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        # a declaration's review line goes inside its block: none may stand at a file's top level
        at = line + 1 if top else line
        if moved and not title and kw not in ("note", "source"):
            said = ", ".join(f"'{old}' ย้ายเป็น '{new}'" for old, new in moved)
            self.review("text", at, f"ข้อความระบุ {said} ตามปีงบประมาณ: ยืนยันว่าควรย้าย หรือแก้คืน")
        from_year = self.to_year - self.delta
        bare = list(dict.fromkeys(_bare_years(a.value, {from_year, from_year - 1}, read)))
        if bare:
            said = ", ".join(f"'{q}'" for q in bare)
            self.review("text", at, f"ข้อความระบุ {said} คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น "
                                    f"หรือแก้เป็นปีของปีงบประมาณ {self.to_year}")

    def follow_in(self, value: str, read: list[tuple[int, int]]) -> tuple[str, list[tuple[str, str]]]:
        """``value`` with each name ``names`` finds outside the ``read`` spans (years moved
        already, which keep their length) written anew, and each (old, new); the spans are
        added to ``read``."""
        named: list[tuple[str, str]] = []
        spans: list[tuple[int, int]] = []

        def follow(m: re.Match) -> str:
            if any(a < m.end() and m.start() < b for a, b in read):
                return m.group(0)
            named.append((m.group(0), self.new_names[m.group(0)]))
            spans.append(m.span())
            return self.new_names[m.group(0)]

        value = self.names.sub(follow, value)
        read += spans  # a year moved with its name keeps its length: the spans stay where they were
        return value, named

    def follow_names(self, comments) -> None:
        """Each name in ``comments`` that ``names`` finds, written as ``new_names`` says (module
        docstring); a comment whose text is not where its span says (the parser read a text
        with invisible characters rejoined) is left as written."""
        if self.names is None:
            return
        for comment in comments:
            start = self.offset(comment.span.line, comment.span.column) + 1  # after the "#"
            if self.text[start:start + len(comment.text)] != comment.text:
                continue
            for m in self.names.finditer(comment.text):
                self.edits.append((start + m.start(), start + m.end(), self.new_names[m.group(0)]))

    def rename(self, span, new_id: str) -> None:
        self.edits.append((self.offset(span.line, span.column), self.offset(span.end_line, span.end_column), new_id))

    def flag_dues(self) -> None:
        from .syntax.dates import read

        for lit, line, fiscal_year in self.dues:
            try:
                days = resolve(read(lit.text), (fiscal_year + self.delta) if fiscal_year else self.to_year)
            except DateError:
                continue
            if days is None:
                continue
            due = days[1]
            why = self.holidays.off(due)
            if why:
                after = self.holidays.next_working_day(due)
                self.review("due", line, f"กำหนดส่ง {format_date(due)} ตรงกับ{why} — "
                                         f"วันทำการถัดไป {format_date(after)} ({_WEEKDAYS_TH[after.weekday()]})")

    def keep_lateness(self, late) -> None:
        """An example's report or step as late in the new calendar as in this year's (a
        LateExample or LateStep of kpidsl/newyear_lateness.py): its date moved on to the day as
        late, said in a review line in its expected figures; or, where no such day can be
        written, its figures to work out again."""
        dates = self.given[late.line]
        lit, moved, fiscal_year = dates[0]
        kept = None
        if late.kept is not None and len(dates) == 1:  # a line of one date: the one the scorer read
            kept = written_as(moved, late.kept, (fiscal_year + self.delta) if fiscal_year else self.to_year)
        from .newyear_lateness import LateStep

        from_year = self.to_year - self.delta
        step = isinstance(late, LateStep)
        if step:
            before, after = ("เสร็จหลังวันครบกำหนด", "ทันวันครบกำหนด")[::1 if late.late else -1]
            said = (f"ขั้นที่ {late.step} ของ {late.node} {before}ในปี {from_year}; วันที่ย้ายแล้ว ({moved}) "
                    f"{after}ในปี {self.to_year}")
            keep = f"ให้{before}เท่าเดิม"
        else:
            unit = "วันทำการ" if late.per == "working_day" else "วัน"
            said = (f"ส่ง {late.days} {unit}หลังกำหนดในปี {from_year}; วันที่ย้ายแล้ว ({moved}) "
                    f"เป็น {late.moved_days} {unit}ในปี {self.to_year}")
            keep = f"ให้ล่าช้า {late.days} {unit}เท่าเดิม"
        if kept is None:
            said += ": คำนวณผลที่คาดใหม่"
        else:
            start, end = self.offset(lit.span.line, lit.span.column), self.offset(lit.span.end_line, lit.span.end_column)
            self.edits = [e for e in self.edits if e[:2] != (start, end)]
            self.replace(lit, kept)
            said += f": เลื่อน{'วันที่' if step else 'วันที่ส่ง'}เป็น {kept} {keep}"
        self.review("late", self.expects[late.example_line], said)

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        lines = text.split("\n")
        for line, review in sorted(self.inserts, key=lambda x: x[0], reverse=True):
            row = lines[line - 1] if line - 1 < len(lines) else ""
            indent = row[: len(row) - len(row.lstrip())]
            quoted = '"' + review.replace("\\", "\\\\").replace('"', "'") + '"'
            lines.insert(line - 1, f"{indent}ทบทวน {quoted}")
        return "\n".join(lines)


def _dates(arg) -> list[cst.DateLit]:
    if isinstance(arg, cst.DateLit):
        return [arg]
    if isinstance(arg, cst.Range):
        return _dates(arg.low) + _dates(arg.high)
    if isinstance(arg, (cst.Compare, cst.Arrow)):
        return _dates(arg.value if isinstance(arg, cst.Compare) else arg.target)
    return []


def _arg_text(arg) -> str:
    from .syntax.printer import print_arg

    text = print_arg(arg)
    return text if len(text) <= 40 else text[:39] + "…"


def _short(st: cst.Statement) -> str:
    words = [f"{a.written or a.op}{_arg_text(a.value)}" if isinstance(a, cst.Compare) else _arg_text(a)
             for a in st.args if not isinstance(a, cst.Text)]
    return " ".join(words) or st.head.text


def scaffold(texts: dict[str, str], to_year_text: str, folder: Path | None = None) -> Scaffold:
    """The new rule set's files (same relative paths) from this year's texts, read from
    ``folder`` when given (read_rule_set): a text that does not parse is told there."""
    from .newyear_lateness import late_examples

    docs = _documents(texts, folder)
    from_year = rule_set_year(texts)
    to_year = check_year(to_year_text, from_year)
    delta = to_year - from_year
    years = {y for doc in docs.values() for y in _fiscal_years(doc.statements)}
    names = _new_names(list(texts), years, delta)
    holidays = _declared_holidays(docs, delta)
    renames, renamed, id_reviews, followed_ids = _id_renames(texts, docs, years, delta)
    in_comments, new_in_comments = _names_in_comments(names, followed_ids)
    editors: dict[str, _FileEditor] = {}
    files: dict[str, str] = {}
    for path, doc in docs.items():
        editor = editors[path] = _FileEditor(path, texts[path], delta, to_year, holidays, years,
                                             names=in_comments, new_names=new_in_comments)
        editor.walk(doc.statements, None, None)
        editor.follow_names(doc.comments)
        for span, new_id in renames.get(path, []):
            editor.rename(span, new_id)
        for review in id_reviews:
            if review.path == path:
                editor.review(review.kind, review.line, review.text)
        editor.flag_dues()
        files[names[path]] = _formatted(editor)
    # an example's late report counted again on the new calendar (kpidsl/newyear_lateness.py)
    for path, lates in late_examples(texts, files, dict(renamed)).items():
        for late in lates:
            editors[path].keep_lateness(late)
        files[names[path]] = _formatted(editors[path])
    reviews = [r for editor in editors.values() for r in sorted(editor.reviews, key=lambda r: r.line)]
    moved = sum(editor.moved for editor in editors.values())
    renamed_files = tuple((old, new) for old, new in sorted(names.items()) if old != new)
    return Scaffold(from_year, to_year, files, tuple(reviews), moved, renamed, renamed_files)


def _formatted(editor: _FileEditor) -> str:
    """The file ``editor`` edited, laid out by the formatter."""
    from .fmt import format_text

    formatted = format_text(editor.result(), editor.path)
    if formatted.text is None:
        first = formatted.diagnostics[0] if formatted.diagnostics else None
        why = formatted.failure.detail if formatted.failure else Bi(first.message_en, first.message_th)
        raise NewYearError("scaffold-failed", path=editor.path, why=why)
    return formatted.text


def _new_names(paths: list[str], years: set[int], delta: int) -> dict[str, str]:
    """Each relative path's name in the new rule set: every folder and file name with the
    years it carries moved (``with_years_moved``). NameClash when a moved name and another
    would be one place (``_one_place``) that were not one before."""
    names = {path: "/".join(with_years_moved(part, years, delta)[0] for part in path.split("/")) for path in paths}
    files: dict[str, list[str]] = {}  # a new path as a shared drive compares it → the paths it comes from
    folders: dict[str, list[str]] = {}
    for path in sorted(paths):
        parts = names[path].casefold().split("/")
        key, above = "/".join(parts), ["/".join(parts[:i]) for i in range(1, len(parts))]
        near = files.get(key, []) + folders.get(key, []) + [p for f in above for p in files.get(f, [])]
        for other in near:
            # two names this year's rule set has already (A.kpi and a.kpi) are none of new-year's
            # doing; a new clash has a moved name in it, the one told
            if not _one_place(other, path):
                told, by = (other, path) if names[other] != other else (path, other)
                raise NameClash(told, by, names[told])
        files.setdefault(key, []).append(path)
        for folder in above:
            folders.setdefault(folder, []).append(path)
    return names


# A character that goes on a name (the grammar's NAME, kpi.lark) or a file's name.
_NAME_CHAR = "A-Za-z0-9_\u0E01-\u0E3A\u0E40-\u0E4E\u0E50-\u0E59"


def _names_in_comments(names: dict[str, str], ids: dict[str, str]) -> tuple[re.Pattern | None, dict[str, str]]:
    """What a comment's word follows (module docstring): a pattern finding each whole name
    new-year changed — a renamed file's name (after ``/`` or alone, not part of a longer
    name: ``old_f_2555.kpi``, ``f_2555.kpi.bak``), a renamed folder's name followed by ``/``
    (a folder named ``2555`` is a year in a sentence), an id of ``ids`` — and each one's new
    text."""
    new: dict[str, str] = {}
    folders = set()
    for path, moved in names.items():
        *above, name = zip(path.split("/"), moved.split("/"))
        for old, now in [*above, name]:
            if old != now:
                new[old] = now
        folders.update(old for old, now in above if old != now)
    files = [n for n in new if n not in folders]
    new.update(ids)
    if not new:
        return None, {}

    def alternatives(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    ends = rf"(?![{_NAME_CHAR}-]|\.[{_NAME_CHAR}])"
    found = [f"(?:{alternatives(folders)})(?=/)" if folders else "",
             f"(?:{alternatives(set(files) | set(ids))}){ends}" if files or ids else ""]
    pattern = rf"(?<![{_NAME_CHAR}.-])(?:{'|'.join(f for f in found if f)})"
    return re.compile(pattern), new


def _one_place(a: str, b: str) -> bool:
    """Whether relative paths ``a`` and ``b`` cannot both be written: one name but for letter
    case (a shared drive's names are one then), or one a folder the other is in."""
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _id_renames(texts: dict[str, str], docs: dict[str, cst.Document], years: set[int], delta: int):
    """The ids that carry a fiscal year the rule set declares (``years``), renamed with it
    (module docstring): the edits by file, (old, new) of each id renamed, the review lines,
    and the renamed ids a comment's word follows (old → new)."""
    from .diagnostics.cli_texts import said
    from .diff.match import YEAR_IN_ID
    from .lsp.names import DECLARATIONS, build
    from .lsp.rename import Refusal, rename_all
    from .lsp.ruleset_state import RuleSetState, parse_text

    index = build(docs.values())
    wanted = {}
    for key in index.definitions:
        kind, scope, ident = key
        if kind in DECLARATIONS and not scope and (new := with_years_moved(ident, years, delta)[0]) != ident:
            wanted[key] = new
    if not wanted:
        return {}, (), [], {}
    known = set(index.definitions) | {site.key for site in index.references}
    refused: dict = {}
    while True:  # an id whose new name is taken (by an id not renamed itself) keeps its name
        taken = known - (set(wanted) - set(refused))
        clash = {k for k, new in wanted.items() if k not in refused and (k[0], k[1], new) in taken}
        if not clash:
            break
        refused.update(dict.fromkeys(clash))
    state = RuleSetState(Path("."), {p: parse_text(p, t) for p, t in texts.items()})
    chosen = {k: new for k, new in wanted.items() if k not in refused}
    edits: dict = {}
    if chosen:
        try:
            edits = rename_all(state, index, chosen)
        except Refusal as why:  # kept, each with the language server's reason
            refused.update(dict.fromkeys(chosen, why))
            chosen = {}
    reviews = []
    for key, new in wanted.items():
        span = index.definitions[key]
        line = _inside_line(docs[span.path], span.line)
        if key in chosen:
            reviews.append(Review("id", span.path, line, f"รหัส {key[2]} เปลี่ยนเป็น {new} ทุกที่ที่อ้างถึง: "
                                                         "ผลการประเมินที่ใช้รหัสเดิมต้องใช้รหัสใหม่"))
        else:
            year = ", ".join(m.group(1) for m in YEAR_IN_ID.finditer(key[2]) if int(to_arabic(m.group(1))) in years)
            why = refused[key]
            reason = "เพราะมีชื่อนี้อยู่แล้ว" if why is None else said(why.key, "th", **why.fields)
            reviews.append(Review("id", span.path, line, f"รหัส {key[2]} ระบุปี {year} แต่ไม่ได้เปลี่ยนเป็น {new} "
                                                         f"{reason}: ตั้งรหัสใหม่เอง"))
    # an id a comment may name: renamed, and no name kept (refused, or of another kind or
    # scope) is written the same
    kept = {key[2] for key in known if key not in chosen}
    followed = {key[2]: new for key, new in chosen.items() if key[2] not in kept}
    return edits, tuple((k[2], new) for k, new in chosen.items()), reviews, followed


def _inside_line(doc: cst.Document, line: int) -> int:
    """The line a review of the declaration on ``line`` goes before: the first of its block
    (a review line may not stand at a file's top level)."""
    for st in doc.statements:
        if isinstance(st, cst.Statement) and st.span.line == line and st.block is not None:
            return line + 1
    return line


def _declared_holidays(docs: dict[str, cst.Document], delta: int) -> _Holidays:
    """The rule set's holidays, with its declared days moved to the new year."""
    from .syntax.dates import read

    found = _Holidays()
    for doc in docs.values():
        for st in doc.statements:
            if not isinstance(st, cst.Statement) or _kw(st) != "holidays" or st.block is None:
                continue
            for inner in st.block.statements:
                if not isinstance(inner, cst.Statement):
                    continue
                kw = _kw(inner)
                if kw == "country" and inner.args:
                    found.country = _arg_text(inner.args[0])
                for lit in (d for a in inner.args for d in _dates(a)):
                    try:
                        days = resolve(read(move_date(lit, delta, None)), None)
                    except DateError:
                        continue
                    if days and kw in ("add", "remove"):
                        span = {days[0] + dt.timedelta(days=i) for i in range((days[1] - days[0]).days + 1)}
                        (found.added if kw == "add" else found.removed).update(span)
    return found


class UnreadRuleSet(Exception):
    """The rule set could not be read as its check read it: a file changed between the
    command's check and this reading (removed, saved in another encoding, a folder made
    unlistable, a syntax error saved). ``diagnostics``: the file's own (F002, F003, F009, the
    parser's …), located as `check` tells them, ``sources`` the texts they point into; the
    command exits 2 when one is trouble with a file (``io``), else 1."""

    def __init__(self, diagnostics: list, sources: dict[str, str] | None = None) -> None:
        super().__init__(diagnostics[0].message_en)
        self.diagnostics = diagnostics
        self.sources = sources or {}


def read_rule_set(folder: Path, saved: dict[str, str] | None = None) -> dict[str, str]:
    """Every .kpi file under ``folder`` (relative path → text), read as `check` reads it;
    UnreadRuleSet when one cannot be (the command checked them just before: only a change
    in between gets here). ``saved``, when given, gets each file's form as saved: its
    byte-order mark and CRLF, all of it kpidsl/fmt.py ``as_saved`` reads, so that a file a
    Windows editor saved is written back in its form."""
    from .diagnostics.registry import CODES, ERROR
    from .diagnostics.span import Span
    from .source import decode, display_path, find_rule_files, read_rule_bytes

    files, trouble = find_rule_files(folder)
    if trouble:
        raise UnreadRuleSet(trouble)
    texts = {}
    for path in files:
        raw, diags = read_rule_bytes(path, display_path(path))
        text = None
        if raw is not None:
            text, diags = decode(raw, display_path(path))
        if text is None:
            raise UnreadRuleSet([d for d in diags if d.severity == ERROR] or diags)
        rel = path.relative_to(folder).as_posix()
        texts[rel] = text
        if saved is not None:
            saved[rel] = ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + ("\r\n" if b"\r\n" in raw else "")
    if not texts:
        shown = display_path(folder)
        raise UnreadRuleSet([CODES["F002"].at(Span.whole_file(shown), path=shown)])
    return texts


def recheck_if_changed(folder: Path, texts: dict[str, str], checked: dict[str, str]) -> None:
    """The texts read (``read_rule_set``) checked again when they are not those the command's
    check read (``checked``: each rule set's texts by shown path): a file saved in between with
    an error only the checker sees would otherwise go into next year's rule set untold.
    UnreadRuleSet with the errors, located as `check` tells them, when there are any."""
    from .diagnostics.model import Diagnostic
    from .source import display_path

    shown = {display_path(folder / rel): text for rel, text in texts.items()}
    if shown == checked:
        return
    result = check_parsed("new-year", [parse_text(path, text) for path, text in sorted(shown.items())])
    if result.errors:
        raise UnreadRuleSet(sorted(result.errors, key=Diagnostic.sort_key), shown)
