"""The keyword table: every word of the language, in English and in Thai.

This is the one place where spellings live. The grammar knows none of them
(apart from the two words that change the shape of a statement, see
``SHAPE_TOKENS``); the lowering pass looks every head word and every value word
up here, so a file may mix Thai and English freely and a misspelling is caught
with "did you mean".

A keyword is only a keyword when it is a whole NAME token: Thai has no spaces
between words, so ``น้ำหนัก20`` lexes as one name and is not ``น้ำหนัก``.
"""

from __future__ import annotations

import difflib
from typing import Iterable

import attrs


@attrs.frozen
class Keyword:
    canonical: str
    en: tuple[str, ...]
    th: tuple[str, ...]
    doc: str = ""

    def spelling(self, lang: str) -> str:
        return (self.th if lang == "th" else self.en)[0]

    @property
    def spellings(self) -> tuple[str, ...]:
        return self.en + self.th


def _k(canonical: str, en: str | tuple[str, ...], th: str | tuple[str, ...], doc: str = "") -> Keyword:
    en_t = (en,) if isinstance(en, str) else en
    th_t = (th,) if isinstance(th, str) else th
    return Keyword(canonical, en_t, th_t, doc)


KEYWORDS: tuple[Keyword, ...] = (
    # ---- declarations -------------------------------------------------------
    _k("framework", "framework", ("กรอบ", "กรอบการประเมิน"), "an evaluation framework for one level"),
    _k("agreement", "agreement", ("คำรับรอง", "คำรับรองการปฏิบัติราชการ"), "a performance agreement"),
    _k("bands", "bands", "ระดับผลการประเมิน", "rating bands"),
    _k("calendar", "calendar", "ปฏิทิน", "dated activities"),
    _k("example", "example", "ตัวอย่าง", "a worked example: results in, scores out"),
    _k("policy", "policy", "หลักเกณฑ์", "scoring policies"),
    _k("holidays", "holidays", "วันหยุด", "public holidays for working-day counts"),
    # ---- framework ----------------------------------------------------------
    _k("level", "level", "ระดับ", "level of government the framework evaluates"),
    _k("fiscal_year", "fiscal_year", "ปีงบประมาณ", "fiscal year (BE)"),
    _k("source", "source", "ที่มา", "the source document and slide/section"),
    _k("note", "note", "หมายเหตุ", "a remark kept with the rule"),
    _k("review", "review", "ทบทวน", "a figure to confirm for the new year (kpidsl new-year); delete once confirmed"),
    _k("perspective", "perspective", "มุมมอง", "an evaluation perspective (external/internal)"),
    _k("dimension", "dimension", "มิติ", "an evaluation dimension"),
    _k("kpi", ("kpi", "indicator"), "ตัวชี้วัด", "an indicator"),
    _k("round", "round", "รอบ", "a reporting or evaluation round"),
    _k("component", "component", "องค์ประกอบ", "a component of an individual evaluation"),
    _k("limit", "limit", "ข้อกำหนด", "a limit the checker enforces"),
    _k("salary", "salary", ("การเลื่อนเงินเดือน", "เงินเดือน"), "salary rules / a salary"),
    _k("scale", "scale", "มาตรวัด", "a 1–5 scale with a definition per level"),
    _k("strategy", "strategy", "ยุทธศาสตร์", "a strategy"),
    _k("sample_size", "sample_size", "ขนาดตัวอย่าง", "survey sample-size rule"),
    _k("agreement_requires", "agreement_requires", "คำรับรองต้องมี", "what every agreement must contain"),
    # ---- indicators -----------------------------------------------------------
    _k("weight", "weight", "น้ำหนัก", "weight (% of the total)"),
    _k("optional", "optional", "ถ้ามี", "indicator an agreement may omit"),
    _k("unit", "unit", "หน่วย", "unit of measure"),
    _k("ladder", "ladder", ("เกณฑ์", "เกณฑ์การให้คะแนน"), "5-level scoring ladder"),
    _k("target", "target", ("ค่าเป้าหมาย", "เป้าหมาย"), "target value (level 3)"),
    _k("step", "step", ("ช่วงปรับ", "ช่วงปรับเกณฑ์"), "distance between levels"),
    _k("milestones", "milestones", ("ขั้นความสำเร็จ", "ระดับขั้นของความสำเร็จ"), "milestone ladder"),
    _k("due", "due", ("ภายใน", "กำหนดส่ง"), "due date"),
    _k("outside_year", "outside_year", "นอกปีงบประมาณ", "after a date: it falls outside the fiscal year, as meant"),
    _k("weighted_average", "weighted_average", "ค่าเฉลี่ยถ่วงน้ำหนัก", "weighted average of agreed sub-indicators"),
    _k("agreed_kpis", "agreed_kpis", "ตัวชี้วัดตามคำรับรอง", "indicators set in each agreement"),
    _k("input", "input", "ข้อมูล", "named input of a formula"),
    _k("value", "value", "คำนวณ", "formula computing the measured value"),
    _k("part", "part", "ส่วน", "part of a composite indicator"),
    _k("share", "share", "สัดส่วน", "fixed share of a part or component"),
    _k("owner_score", "owner_score", "เจ้าภาพให้คะแนน", "score supplied by the indicator owner"),
    _k("description", "description", "คำอธิบาย", "description"),
    _k("definition", "definition", "นิยาม", "definition of a term"),
    _k("formula", "formula", "สูตรการคำนวณ", "formula as written in the template"),
    _k("condition", "condition", "เงื่อนไข", "condition"),
    _k("baseline", "baseline", "ข้อมูลพื้นฐาน", "past result"),
    _k("owner", "owner", "เจ้าภาพ", "indicator owner"),
    _k("supervisor", "supervisor", "ผู้กำกับดูแล", "supervisor"),
    _k("collector", "collector", "ผู้จัดเก็บข้อมูล", "data collector"),
    _k("evidence", "evidence", "หลักฐาน", "evidence"),
    _k("reason", "reason", "เหตุผล", "rationale"),
    _k("kind", "kind", "ประเภท", "kind of indicator"),
    _k("importance", "importance", "ความสำคัญ", "importance"),
    # seed 004 สไลด์ 21, 24–34: งาน/โครงการ | ผลสัมฤทธิ์หลัก (KRAs) | ตัวชี้วัด (KPIs); seed 001's
    # ข้อตกลงผลการปฏิบัติงาน (สไลด์ 17) calls the key result ผลสัมฤทธิ์ที่คาดหวัง
    _k("task", "task", ("งานโครงการ", "งาน"), "the task or project an indicator measures (งาน/โครงการ)"),
    _k("key_result", "key_result", ("ผลสัมฤทธิ์หลัก", "ผลสัมฤทธิ์ที่คาดหวัง"), "the key result expected (KRA)"),
    _k("cascade", "cascade", "ถ่ายทอด", "cascade from a superior's indicator"),
    # ---- rounds and calendar ------------------------------------------------
    _k("period", "period", "ระยะเวลา", "period covered"),
    _k("late_penalty", "late_penalty", "ปรับลด", "penalty for a late report"),
    _k("activity", "activity", "กิจกรรม", "a dated activity"),
    _k("when", "when", "ช่วงเวลา", "when an activity takes place"),
    _k("responsible", "responsible", "ผู้รับผิดชอบ", "responsible unit"),
    _k("related", "related", "หน่วยงานที่เกี่ยวข้อง", "related units"),
    # ---- bands, individuals, salary -------------------------------------------
    _k("range", "range", "ช่วงคะแนน", "range the bands cover"),
    _k("band", "band", "ระดับผล", "a rating band"),
    _k("raise", "raise", "ร้อยละการเลื่อน", "salary raise (% of the base)"),
    _k("multiplier", "multiplier", "ตัวคูณ", "multiplier to a 100 base"),
    _k("pool", "pool", "วงเงิน", "raise pool (% of salaries)"),
    _k("cap", "cap", "เพดาน", "upper limit"),
    _k("base", "base", "ฐาน", "calculation base"),
    _k("grade", "grade", "ระดับตำแหน่ง", "a position's salary range"),
    _k("min", "min", "ขั้นต่ำ", "lowest salary of a range"),
    _k("max", "max", "ขั้นสูง", "highest salary of a range"),
    _k("lower_mid", "lower_mid", "ค่ากลางล่าง", "lower mid-point"),
    _k("upper_mid", "upper_mid", "ค่ากลางบน", "upper mid-point"),
    _k("split_at", "split_at", "แบ่งช่วงที่", "first salary of the upper half"),
    # ---- policy ----------------------------------------------------------------
    _k("interpolate", "interpolate", "เทียบสัดส่วน", "interpolation between levels"),
    _k("floor", "floor", "คะแนนต่ำสุด", "score below level 1"),
    _k("decimals", "decimals", "ทศนิยม", "decimal places of published figures"),
    _k("rounding", "rounding", "การปัดเศษ", "rounding rule"),
    _k("round_at", "round_at", "ปัดที่", "where results are rounded"),
    _k("redistribute", "redistribute", "โอนน้ำหนัก", "where an omitted indicator's weight goes"),
    _k("country", "country", "ประเทศ", "country whose public holidays apply"),
    _k("add", "add", "เพิ่ม", "add an entry"),
    _k("remove", "remove", "ลบ", "remove an entry"),
    # ---- agreements ------------------------------------------------------------
    _k("signatory", "signatory", "ผู้ลงนาม", "a signatory"),
    _k("role", "role", "ตำแหน่ง", "role or position"),
    _k("organisation", ("organisation", "organization"), "หน่วยงาน", "the organisation"),
    _k("person", "person", "ผู้รับการประเมิน", "the person evaluated"),
    _k("assessor", "assessor", "ผู้ประเมิน", "the assessor"),
    _k("plan", "plan", "แผนปฏิบัติราชการ", "action plan"),
    _k("omit", "omit", "ยกเว้น", "optional indicator not taken up"),
    _k("competency", "competency", "สมรรถนะ", "a competency"),
    # ---- examples ----------------------------------------------------------------
    _k("given", "given", "ผลการดำเนินงาน", "results fed to an example"),
    _k("expect", "expect", "ผลที่คาด", "expected figures"),
    _k("result", "result", "ผล", "a measured result"),
    _k("steps", "steps", "ขั้นที่ผ่าน", "milestone steps completed"),
    _k("score", "score", "คะแนน", "a score"),
    _k("weighted", "weighted", "คะแนนถ่วงน้ำหนัก", "weighted score"),
    _k("total", "total", "คะแนนรวม", "total score"),
    _k("submitted", "submitted", "วันที่ส่ง", "date a report was submitted"),
    _k("amount", "amount", "จำนวนเงิน", "an amount in baht"),
    _k("penalty", "penalty", "คะแนนที่ถูกปรับ", "points deducted"),
    # ---- value words ---------------------------------------------------------------
    _k("agreed", "agreed", "ตามที่ตกลง", "set by each agreement"),
    _k("higher", "higher", ("มากดี", "ยิ่งมากยิ่งดี"), "higher is better"),
    _k("lower", "lower", ("น้อยดี", "ยิ่งน้อยยิ่งดี"), "lower is better"),
    _k("proportional", "proportional", "ตามสัดส่วน", "proportionally"),
    _k("none", "none", ("ไม่มี", "ไม่เลื่อน"), "none"),
    _k("linear", "linear", "เชิงเส้น", "linear"),
    _k("whole", "whole", "เต็มระดับ", "whole levels only"),
    _k("per", "per", "ต่อ", "per"),
    _k("working_day", "working_day", "วันทำการ", "working day"),
    _k("day", "day", "วัน", "calendar day"),
    _k("from", "from", "จาก", "from"),
    _k("of", "of", "ของ", "of"),
    _k("on", "on", "ณ", "on (a date)"),
    _k("direct", "direct", "โดยตรง", "cascaded unchanged"),
    _k("split", "split", "แบ่งเป้าหมาย", "cascaded by splitting the target"),
    _k("partial", "partial", "บางส่วน", "cascaded in part"),
    _k("warning", "warning", "คำเตือน", "a warning"),
    _k("error", "error", "ข้อผิดพลาด", "an error"),
    _k("kpis", "kpis", "จำนวนตัวชี้วัด", "number of indicators"),
    _k("midpoint", "midpoint", "ค่ากลาง", "mid-point of the half the salary is in"),
    _k("half_up", "half_up", "ปัดครึ่งขึ้น", "round half up"),
    _k("half_even", "half_even", "ปัดครึ่งคู่", "round half to even"),
    _k("up", "up", "ปัดขึ้น", "round up"),
    _k("down", "down", "ปัดลง", "round down"),
    _k("indicator_level", "indicator_level", "รายตัวชี้วัด", "at each indicator"),
    _k("yamane", "yamane", "ยามาเน่", "Yamane's formula"),
    _k("quantity", "quantity", "ปริมาณ", "quantity"),
    _k("quality", "quality", "คุณภาพ", "quality"),
    _k("timeliness", "timeliness", "ความทันเวลา", "timeliness"),
    _k("cost", "cost", "ความคุ้มค่า", "cost-effectiveness"),
    _k("high", "high", "สำคัญมาก", "high importance"),
    _k("medium", "medium", "สำคัญปานกลาง", "medium importance"),
    _k("low", "low", "สำคัญน้อย", "low importance"),
    # levels of government
    _k("province_group", "province_group", "กลุ่มจังหวัด", "province group"),
    _k("province", "province", "จังหวัด", "province"),
    _k("provincial_agency", "provincial_agency", "ส่วนราชการประจำจังหวัด", "provincial agency"),
    _k("ministry", "ministry", "กระทรวง", "ministry"),
    _k("department", "department", "ส่วนราชการ", "department"),
    _k("work_group", "work_group", "กลุ่มงาน", "work group"),
    _k("individual", "individual", ("บุคคล", "ข้าราชการ"), "individual civil servant"),
    # words that change the shape of a statement (see SHAPE_TOKENS)
    _k("to", "to", "ถึง", "range separator"),
)

# Functions a formula may call, with their spellings.
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "mean": ("mean", "avg", "เฉลี่ย", "ค่าเฉลี่ย"),
    "sum": ("sum", "ผลรวม"),
    "min": ("min", "ต่ำสุด"),
    "max": ("max", "สูงสุด"),
}
FUNCTION_BY_SPELLING: dict[str, str] = {s: name for name, spellings in FUNCTIONS.items() for s in spellings}

# Keywords whose NAME token the lexer retypes, because the grammar parses what
# follows them differently: a formula after `value`, a range around `to`.
SHAPE_TOKENS: dict[str, str] = {"value": "FORMULA_KW", "to": "RANGE_KW"}


def normalize_thai(text: str) -> str:
    """Fold the ways Thai keyboards store the same word into one.

    SARA AM is often typed as NIKHAHIT + SARA AA (``นํา`` for ``นำ``), and a tone
    mark may be stored after SARA AM instead of before it.
    """
    if "\u0e4d" in text:
        text = text.replace("\u0e4d\u0e32", "\u0e33")
        for tone in "\u0e48\u0e49\u0e4a\u0e4b":
            text = text.replace("\u0e4d" + tone + "\u0e32", tone + "\u0e33")
    for tone in "\u0e48\u0e49\u0e4a\u0e4b":
        text = text.replace("\u0e33" + tone, tone + "\u0e33")
    return text


def _build_index(keywords: Iterable[Keyword]) -> dict[str, Keyword]:
    index: dict[str, Keyword] = {}
    for kw in keywords:
        for spelling in kw.spellings:
            key = normalize_thai(spelling)
            if key in index:
                raise ValueError(f"spelling {spelling!r} used by {index[key].canonical} and {kw.canonical}")
            index[key] = kw
    return index


BY_SPELLING: dict[str, Keyword] = _build_index(KEYWORDS)
BY_CANONICAL: dict[str, Keyword] = {kw.canonical: kw for kw in KEYWORDS}


def lookup(text: str) -> Keyword | None:
    return BY_SPELLING.get(normalize_thai(text))


def canonical(text: str) -> str | None:
    kw = lookup(text)
    return kw.canonical if kw else None


def spell(canonical_name: str, lang: str = "en") -> str:
    return BY_CANONICAL[canonical_name].spelling(lang)


def is_thai(text: str) -> bool:
    return any("\u0e01" <= ch <= "\u0e5b" for ch in text)


def suggest(text: str, canonicals: Iterable[str]) -> str | None:
    """The closest spelling among the given keywords, in the script of ``text``."""
    thai = is_thai(text)
    candidates: dict[str, str] = {}
    for name in canonicals:
        kw = BY_CANONICAL[name]
        for spelling in kw.th if thai else kw.en:
            candidates[spelling] = name
        for spelling in kw.en if thai else kw.th:
            candidates.setdefault(spelling, name)
    match = difflib.get_close_matches(normalize_thai(text), list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None
