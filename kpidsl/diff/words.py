"""The words a diff report is written in, English or Thai.

A change's path (``framework:department/dimension:quality/kpi:5/step:3``) is shown as
``kpi 5 / step 3`` in English and ``ตัวชี้วัด 5 / ขั้น 3`` in Thai: each part takes the
Thai keyword of the rule files (kpidsl/syntax/keywords.py), so a reviewer reads the
words they write. Kinds (``weight-changed``) and ids stay as they are: they are
stable names, the same in both languages.
"""

from __future__ import annotations

import re

from ..syntax.keywords import BY_CANONICAL

# Path parts that are not a keyword's canonical name, mapped to the keyword they show.
_AS_KEYWORD = {
    "definitions": "definition", "conditions": "condition", "baselines": "baseline", "owners": "owner",
    "supervisors": "supervisor", "collectors": "collector", "notes": "note", "strategies": "strategy",
    "calendars": "calendar", "signatories": "signatory", "limits": "limit", "policies": "policy",
    "inputs": "input", "expression": "value", "percent": "pool", "grades": "grade", "groups": "group",
}

# Path parts that no keyword spells (or whose keyword means something else here: a
# milestone's `step` is a ขั้น, not the ladder's ช่วงปรับ).
_THAI = {
    "step": "ขั้น",
    "id": "รหัส",
    "title": "ชื่อ",
    "lower": "ขอบล่าง",
    "upper": "ขอบบน",
    "rounding_unit": "หน่วยการปัดเศษ",
    "rule set": "ชุดกฎ",
    "top level": "ชั้นบนสุด",
    "place": "ลำดับที่",
}


def word(name: str, lang: str) -> str:
    """One path part's name (``kpi``, ``fiscal_year``) as a reviewer reads it."""
    if lang != "th":
        return name
    if name in _THAI:
        return _THAI[name]
    kw = BY_CANONICAL.get(_AS_KEYWORD.get(name, name))
    return kw.th[0] if kw else name


def segment(part: str, lang: str) -> str:
    """``kpi:5`` → ``kpi 5`` / ``ตัวชี้วัด 5``; ``fiscal_year`` → ``fiscal_year`` / ``ปีงบประมาณ``."""
    kind, sep, ident = part.partition(":")
    return f"{word(kind, lang)} {ident}" if sep else word(kind, lang)


def path(text: str, lang: str) -> str:
    return " / ".join(segment(p, lang) for p in text.split("/")) if text else ""


# Headings and labels of the text and Markdown reports.
_PHRASES: dict[str, tuple[str, str]] = {
    "no changes": ("no changes", "ไม่มีการเปลี่ยนแปลง"),
    "added and removed": ("added and removed", "เพิ่มและลบ"),
    "Added and removed": ("Added and removed", "เพิ่มและลบ"),
    "by kind": ("by kind", "แยกตามชนิด"),
    "new": ("(new)", "(ใหม่)"),
    "old": ("(old)", "(เดิม)"),
    "rule set": ("(rule set)", "(ทั้งชุดกฎ)"),
    "change": ("change", "ชนิด"),
    "what": ("what", "รายการ"),
    "title": ("title", "ชื่อ"),
    "where": ("where", "บรรทัด"),
    "old value": ("old", "เดิม"),
    "new value": ("new", "ใหม่"),
    "count": ("count", "จำนวน"),
    "meaning": ("meaning", "ความหมาย"),
    "row": ("row", "แถว"),
    "agreement": ("agreement", "คำรับรอง"),
    "person": ("person", "ผู้รับการประเมิน"),
    "total": ("total", "คะแนนรวม"),
    "difference": ("change", "ผลต่าง"),
    "band": ("band", "ระดับผล"),
    "raise": ("raise", "ร้อยละการเลื่อน"),
    "Rescored": ("Rescored", "คำนวณคะแนนใหม่"),
    "No results rows.": ("No results rows.", "ไม่มีแถวผลการดำเนินงาน"),
    "not scored": ("not scored", "คำนวณไม่ได้"),
    "not scored under both": ("not scored under both", "คำนวณไม่ได้ทั้งสองชุด"),
}


def say(key: str, lang: str) -> str:
    en, th = _PHRASES[key]
    return th if lang == "th" else en


def changes(n: int, lang: str) -> str:
    """``30 changes`` / ``เปลี่ยน 30 รายการ``."""
    if lang == "th":
        return f"เปลี่ยน {n} รายการ"
    return f"{n} change{'s' if n != 1 else ''}"


def rescore_summary(results: str | None, rows: int, scored: int, changed: int, lang: str) -> str:
    what = f" {results}" if results else ""
    if lang == "th":
        return (f"คำนวณคะแนนใหม่{what}: {rows} แถว คำนวณได้ทั้งสองชุด {scored} แถว "
                f"คะแนนรวม ระดับผล หรือการเลื่อนเงินเดือนต่างกัน {changed} แถว")
    return (f"rescore{what}: {rows} row{'s' if rows != 1 else ''}, {scored} scored under both, "
            f"{changed} with a different total, band or raise")


def side_total(total: str, band: str, lang: str) -> str:
    if lang == "th":
        return f"คะแนนรวม {total} ระดับผล {band}"
    return f"total {total}, band {band}"


_YEARS = re.compile(r"^([+-]\d+) years?$")


def note(text: str | None, lang: str) -> str | None:
    """``+1 year`` → ``+1 ปี``."""
    if text is None or lang != "th":
        return text
    m = _YEARS.match(text)
    return f"{m.group(1)} ปี" if m else text


# Values the differ writes in words (values.py), shown in Thai with the rule files' words.
_VALUES_TH = {
    "yes": "ใช่", "no": "ไม่ใช่", "omitted": "ยกเว้น", "kept": "คงไว้",
    "higher": BY_CANONICAL["higher"].th[0], "lower": BY_CANONICAL["lower"].th[0],
    "agreed": BY_CANONICAL["agreed"].th[0], "none": BY_CANONICAL["none"].th[0], "no raise": "ไม่เลื่อน",
    "salary rules": "หลักเกณฑ์การเลื่อนเงินเดือน", "proportional": BY_CANONICAL["proportional"].th[0],
}
def _weight_th(m: re.Match) -> str:
    shown = _VALUES_TH.get(m.group(1), m.group(1))
    to = _VALUES_TH.get(m.group(2), m.group(2)) if m.group(2) else None
    return f"{shown}, {word('optional', 'th')}" + (f" → {to}" if to else "")


# Only the exact shapes values.py writes: a rule file's own text is never reworded.
_VALUE_WORDS = [
    (re.compile(r"^([\d.]+) per (working_day|day)$"),
     lambda m: f"{m.group(1)} {word('per', 'th')} {word(m.group(2), 'th')}"),
    (re.compile(r"^(agreed|none|[\d.]+), optional(?: → (\S+))?$"), _weight_th),
    (re.compile(r"^milestones \((\d+) steps?\)$"), lambda m: f"{word('milestones', 'th')} ({m.group(1)} ขั้น)"),
    (re.compile(r"^ladder (?=[<>=\d.])"), lambda m: f"{word('ladder', 'th')} "),
    (re.compile(r"^formula (?=\S)"), lambda m: f"{word('value', 'th')} "),
]


_PLACE = re.compile(r"^(top level|(\S+) (\S+))(?:, place (\d+))?$")


def place(text: str | None, lang: str) -> str | None:
    """Where a moved node stood (``dimension quality, place 2``), as nodes.py writes it."""
    m = _PLACE.match(text or "")
    if m is None or lang != "th":
        return text
    at = word("top level", lang) if m.group(2) is None else f"{word(m.group(2), lang)} {m.group(3)}"
    return at + (f" {word('place', lang)} {m.group(4)}" if m.group(4) else "")


def value(text: str | None, lang: str) -> str | None:
    """A value as the differ wrote it; in Thai its few English words become the keywords'.
    Texts from the rule files themselves (titles, descriptions) are left as written."""
    if text is None or lang != "th":
        return text
    if text in _VALUES_TH:
        return _VALUES_TH[text]
    for pattern, repl in _VALUE_WORDS:
        if pattern.search(text):
            return pattern.sub(repl, text, count=1)
    return text
