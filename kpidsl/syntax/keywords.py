"""The keyword table: every word of the language, in English and in Thai, with
what it means in both languages (the editor's hovers and completion show it).

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
from functools import lru_cache
from typing import Iterable

import attrs


@attrs.frozen
class Keyword:
    canonical: str
    en: tuple[str, ...]
    th: tuple[str, ...]
    doc: str = ""  # what the word means, in English (editor hovers, completion)
    doc_th: str = ""  # the same in Thai; tests/test_keyword_meanings.py wants both for every word

    def meaning(self, lang: str) -> str:
        return self.doc_th if lang == "th" else self.doc

    def spelling(self, lang: str) -> str:
        return (self.th if lang == "th" else self.en)[0]

    @property
    def spellings(self) -> tuple[str, ...]:
        return self.en + self.th


def _k(canonical: str, en: str | tuple[str, ...], th: str | tuple[str, ...], doc: str = "",
       doc_th: str = "") -> Keyword:
    en_t = (en,) if isinstance(en, str) else en
    th_t = (th,) if isinstance(th, str) else th
    return Keyword(canonical, en_t, th_t, doc, doc_th)


KEYWORDS: tuple[Keyword, ...] = (
    # ---- declarations -------------------------------------------------------
    _k("framework", "framework", ("กรอบ", "กรอบการประเมิน"), "an evaluation framework for one level",
       "กรอบการประเมินของหน่วยงานระดับหนึ่ง"),
    _k("agreement", "agreement", ("คำรับรอง", "คำรับรองการปฏิบัติราชการ"), "a performance agreement",
       "คำรับรองการปฏิบัติราชการ"),
    _k("bands", "bands", "ระดับผลการประเมิน", "rating bands", "ตารางระดับผลการประเมิน"),
    _k("calendar", "calendar", "ปฏิทิน", "dated activities", "ปฏิทินกิจกรรมที่มีกำหนดวัน"),
    _k("example", "example", "ตัวอย่าง", "a worked example: results in, scores out",
       "ตัวอย่างการคำนวณ: ผลการดำเนินงานเข้า คะแนนออก"),
    _k("policy", "policy", "หลักเกณฑ์", "scoring policies", "หลักเกณฑ์การคิดคะแนน"),
    _k("holidays", "holidays", "วันหยุด", "public holidays for working-day counts", "วันหยุดราชการ สำหรับนับวันทำการ"),
    # ---- framework ----------------------------------------------------------
    _k("level", "level", "ระดับ", "level of government the framework evaluates", "ระดับของหน่วยงานที่กรอบนี้ประเมิน"),
    _k("fiscal_year", "fiscal_year", "ปีงบประมาณ", "fiscal year (BE)", "ปีงบประมาณ (พ.ศ.)"),
    _k("source", "source", "ที่มา", "the source document and slide/section", "เอกสารต้นทางและสไลด์/หัวข้อที่อ้างถึง"),
    _k("note", "note", "หมายเหตุ", "a remark kept with the rule", "หมายเหตุที่เก็บไว้กับกฎ"),
    _k("review", "review", "ทบทวน", "a figure to confirm for the new year (kpidsl new-year); delete once confirmed",
       "ตัวเลขที่ต้องยืนยันสำหรับปีใหม่ (kpidsl new-year) ลบออกเมื่อยืนยันแล้ว"),
    _k("perspective", "perspective", "มุมมอง", "an evaluation perspective (external/internal)",
       "มุมมองการประเมิน (ภายนอก/ภายใน)"),
    _k("dimension", "dimension", "มิติ", "an evaluation dimension", "มิติการประเมิน"),
    _k("kpi", ("kpi", "indicator"), "ตัวชี้วัด", "an indicator", "ตัวชี้วัด"),
    _k("round", "round", "รอบ", "a reporting or evaluation round", "รอบการรายงานหรือรอบการประเมิน"),
    _k("component", "component", "องค์ประกอบ", "a component of an individual evaluation",
       "องค์ประกอบของการประเมินรายบุคคล"),
    _k("limit", "limit", "ข้อกำหนด", "a limit the checker enforces", "ข้อกำหนดที่ตัวตรวจบังคับใช้"),
    _k("salary", "salary", ("การเลื่อนเงินเดือน", "เงินเดือน"), "salary rules / a salary",
       "หลักเกณฑ์การเลื่อนเงินเดือน / เงินเดือน"),
    _k("scale", "scale", "มาตรวัด", "a 1–5 scale with a definition per level", "มาตรวัด 1–5 ที่นิยามแต่ละระดับ"),
    _k("strategy", "strategy", "ยุทธศาสตร์", "a strategy", "ยุทธศาสตร์"),
    _k("sample_size", "sample_size", "ขนาดตัวอย่าง", "survey sample-size rule", "หลักเกณฑ์ขนาดตัวอย่างของการสำรวจ"),
    _k("population", "population", ("ประชากร", "จำนวนประชากร"), "the population N a survey samples from",
       "จำนวนประชากร N ที่สุ่มตัวอย่างของการสำรวจ"),
    _k("agreement_requires", "agreement_requires", "คำรับรองต้องมี", "what every agreement must contain",
       "สิ่งที่คำรับรองทุกฉบับต้องมี"),
    # ---- indicators -----------------------------------------------------------
    _k("weight", "weight", "น้ำหนัก", "weight (% of the total)", "น้ำหนัก (ร้อยละของคะแนนรวม)"),
    _k("optional", "optional", "ถ้ามี", "indicator an agreement may omit", "ตัวชี้วัดที่คำรับรองเลือกไม่รับได้"),
    _k("unit", "unit", "หน่วย", "unit of measure", "หน่วยวัด"),
    _k("ladder", "ladder", ("เกณฑ์", "เกณฑ์การให้คะแนน"), "5-level scoring ladder", "เกณฑ์การให้คะแนน 5 ระดับ"),
    _k("target", "target", ("ค่าเป้าหมาย", "เป้าหมาย"), "target value (level 3)", "ค่าเป้าหมาย (ระดับ 3)"),
    _k("step", "step", ("ช่วงปรับ", "ช่วงปรับเกณฑ์"), "distance between levels", "ช่วงห่างระหว่างระดับคะแนน"),
    _k("milestones", "milestones", ("ขั้นความสำเร็จ", "ระดับขั้นของความสำเร็จ"), "milestone ladder",
       "เกณฑ์แบบระดับขั้นของความสำเร็จ"),
    _k("due", "due", ("ภายใน", "กำหนดส่ง"), "due date", "วันกำหนดส่ง"),
    _k("outside_year", "outside_year", "นอกปีงบประมาณ", "after a date: it falls outside the fiscal year, as meant",
       "ต่อท้ายวันที่: วันนั้นอยู่นอกปีงบประมาณโดยตั้งใจ"),
    _k("weighted_average", "weighted_average", "ค่าเฉลี่ยถ่วงน้ำหนัก", "weighted average of agreed sub-indicators",
       "ค่าเฉลี่ยถ่วงน้ำหนักของตัวชี้วัดย่อยตามคำรับรอง"),
    _k("agreed_kpis", "agreed_kpis", "ตัวชี้วัดตามคำรับรอง", "indicators set in each agreement",
       "ตัวชี้วัดที่กำหนดในคำรับรองแต่ละฉบับ"),
    _k("input", "input", "ข้อมูล", "named input of a formula", "ข้อมูลที่ตั้งชื่อไว้ใช้ในสูตร"),
    _k("value", "value", "คำนวณ", "formula computing the measured value", "สูตรคำนวณค่าที่วัดได้"),
    _k("part", "part", "ส่วน", "part of a composite indicator", "ส่วนหนึ่งของตัวชี้วัดแบบหลายส่วน"),
    _k("share", "share", "สัดส่วน", "fixed share of a part or component", "สัดส่วนคงที่ของส่วนหรือองค์ประกอบ"),
    _k("owner_score", "owner_score", "เจ้าภาพให้คะแนน", "score supplied by the indicator owner",
       "คะแนนที่เจ้าภาพตัวชี้วัดเป็นผู้ให้"),
    _k("description", "description", "คำอธิบาย", "description", "คำอธิบาย"),
    _k("definition", "definition", "นิยาม", "definition of a term", "นิยามของคำ"),
    _k("formula", "formula", "สูตรการคำนวณ", "formula as written in the template", "สูตรการคำนวณตามที่เขียนในแบบฟอร์ม"),
    _k("condition", "condition", "เงื่อนไข", "condition", "เงื่อนไข"),
    _k("baseline", "baseline", "ข้อมูลพื้นฐาน", "past result", "ผลการดำเนินงานในอดีต"),
    _k("owner", "owner", "เจ้าภาพ", "indicator owner", "เจ้าภาพตัวชี้วัด"),
    _k("supervisor", "supervisor", "ผู้กำกับดูแล", "supervisor", "ผู้กำกับดูแลตัวชี้วัด"),
    _k("collector", "collector", "ผู้จัดเก็บข้อมูล", "data collector", "ผู้จัดเก็บข้อมูล"),
    _k("evidence", "evidence", "หลักฐาน", "evidence", "หลักฐาน"),
    _k("reason", "reason", "เหตุผล", "rationale", "เหตุผล"),
    _k("kind", "kind", "ประเภท", "kind of indicator", "ประเภทของตัวชี้วัด"),
    _k("importance", "importance", "ความสำคัญ", "importance", "ความสำคัญ"),
    _k("group", "group", ("หมวด", "หมวดตัวชี้วัด"),
       "a heading over some indicators of a component, printed on the forms; it does not change any score",
       "หัวข้อที่จัดตัวชี้วัดบางตัวในองค์ประกอบไว้ด้วยกันบนแบบฟอร์ม ไม่มีผลต่อคะแนน"),
    # seed 004 สไลด์ 21, 24–34: งาน/โครงการ | ผลสัมฤทธิ์หลัก (KRAs) | ตัวชี้วัด (KPIs); seed 001's
    # ข้อตกลงผลการปฏิบัติงาน (สไลด์ 17) calls the key result ผลสัมฤทธิ์ที่คาดหวัง
    _k("task", "task", ("งานโครงการ", "งาน"), "the task or project an indicator measures",
       "งานหรือโครงการที่ตัวชี้วัดนี้วัด"),
    _k("key_result", "key_result", ("ผลสัมฤทธิ์หลัก", "ผลสัมฤทธิ์ที่คาดหวัง"), "the key result expected (KRA)",
       "ผลสัมฤทธิ์หลักที่คาดหวัง (KRA)"),
    _k("cascade", "cascade", "ถ่ายทอด", "cascade from a superior's indicator", "ถ่ายทอดจากตัวชี้วัดของผู้บังคับบัญชา"),
    # ---- rounds and calendar ------------------------------------------------
    _k("period", "period", "ระยะเวลา", "period covered", "ระยะเวลาที่ครอบคลุม"),
    _k("late_penalty", "late_penalty", "ปรับลด", "penalty for a late report", "การปรับลดคะแนนเมื่อส่งรายงานล่าช้า"),
    _k("activity", "activity", "กิจกรรม", "a dated activity", "กิจกรรมที่มีกำหนดวัน"),
    _k("when", "when", "ช่วงเวลา", "when an activity takes place", "ช่วงเวลาที่กิจกรรมเกิดขึ้น"),
    _k("responsible", "responsible", "ผู้รับผิดชอบ", "responsible unit", "หน่วยงานผู้รับผิดชอบ"),
    _k("related", "related", "หน่วยงานที่เกี่ยวข้อง", "related units", "หน่วยงานที่เกี่ยวข้อง"),
    # ---- bands, individuals, salary -------------------------------------------
    _k("range", "range", "ช่วงคะแนน", "range the bands cover", "ช่วงคะแนนที่ตารางระดับผลครอบคลุม"),
    _k("band", "band", "ระดับผล", "a rating band", "ระดับผลการประเมินหนึ่งระดับ"),
    _k("raise", "raise", "ร้อยละการเลื่อน", "salary raise (% of the base)", "ร้อยละการเลื่อนเงินเดือน (ของฐาน)"),
    _k("multiplier", "multiplier", "ตัวคูณ", "multiplier to a 100 base", "ตัวคูณเทียบฐาน 100"),
    _k("pool", "pool", "วงเงิน", "raise pool (% of salaries)", "วงเงินเลื่อนเงินเดือน (ร้อยละของเงินเดือนรวม)"),
    _k("pool_group", "pool_group", "กลุ่มวงเงิน", "a group of positions with a raise pool of its own",
       "กลุ่มตำแหน่งที่มีวงเงินเลื่อนเงินเดือนของตนเอง"),
    _k("leftover", "leftover", "วงเงินที่เหลือ", "what becomes of a pool group's unspent pool",
       "วงเงินที่ใช้ไม่หมดของกลุ่มจะนำไปใช้อย่างไร"),
    _k("cap", "cap", "เพดาน", "upper limit", "เพดาน"),
    _k("base", "base", "ฐาน", "calculation base", "ฐานในการคำนวณ"),
    _k("grade", "grade", "ระดับตำแหน่ง", "a position's salary range", "ช่วงเงินเดือนของระดับตำแหน่ง"),
    _k("min", "min", "ขั้นต่ำ", "lowest salary of a range", "เงินเดือนขั้นต่ำของช่วง"),
    _k("max", "max", "ขั้นสูง", "highest salary of a range", "เงินเดือนขั้นสูงของช่วง"),
    _k("lower_mid", "lower_mid", "ค่ากลางล่าง", "lower mid-point", "ค่ากลางล่าง"),
    _k("upper_mid", "upper_mid", "ค่ากลางบน", "upper mid-point", "ค่ากลางบน"),
    _k("split_at", "split_at", "แบ่งช่วงที่", "first salary of the upper half", "เงินเดือนแรกของครึ่งบน"),
    # ---- policy ----------------------------------------------------------------
    _k("interpolate", "interpolate", "เทียบสัดส่วน", "interpolation between levels", "การเทียบสัดส่วนระหว่างระดับ"),
    _k("floor", "floor", "คะแนนต่ำสุด", "score below level 1", "คะแนนเมื่อผลต่ำกว่าระดับ 1"),
    _k("decimals", "decimals", "ทศนิยม", "decimal places of published figures", "จำนวนตำแหน่งทศนิยมของตัวเลขที่ประกาศ"),
    _k("rounding", "rounding", "การปัดเศษ", "rounding rule", "วิธีปัดเศษ"),
    _k("round_at", "round_at", "ปัดที่", "where results are rounded", "จุดที่ปัดเศษผลลัพธ์"),
    _k("redistribute", "redistribute", "โอนน้ำหนัก", "where an omitted indicator's weight goes",
       "น้ำหนักของตัวชี้วัดที่ยกเว้นไปอยู่ที่ใด"),
    _k("milestone_count", "milestone_count", "นับขั้น", "which milestone steps done make the score",
       "ขั้นความสำเร็จที่ทำแล้วขั้นใดนับเป็นคะแนน"),
    _k("late_step", "late_step", "ขั้นที่ล่าช้า", "whether a milestone step done after its due date counts",
       "ขั้นที่ทำเสร็จหลังกำหนดนับหรือไม่"),
    _k("scale_score", "scale_score", "คะแนนมาตรวัด",
       "whether a score on a scale is one of its levels or may lie between them",
       "คะแนนตามมาตรวัดต้องเป็นระดับใดระดับหนึ่ง หรืออยู่ระหว่างระดับได้"),
    _k("penalty_floor", "penalty_floor", "ปรับลดไม่ต่ำกว่า",
       "the lowest a total less its late-report penalty is published at (none: no limit)",
       "คะแนนรวมหลังปรับลดเพราะส่งล่าช้าต่ำสุดเท่าใด (ไม่มี: ไม่จำกัด)"),
    _k("agreement_ladder", "agreement_ladder", "เกณฑ์ในคำรับรอง",
       "whether an agreement may give a framework's indicator other ladder figures or steps (fixed: it restates "
       "them or leaves them be)",
       "คำรับรองกำหนดเกณฑ์หรือขั้นความสำเร็จของตัวชี้วัดของกรอบเป็นตัวเลขอื่นได้หรือไม่ (ตามกรอบ: เขียนซ้ำตามกรอบหรือไม่เขียน)"),
    _k("country", "country", "ประเทศ", "country whose public holidays apply", "ประเทศที่ใช้วันหยุดราชการ"),
    _k("add", "add", "เพิ่ม", "add an entry", "เพิ่มรายการ"),
    _k("remove", "remove", "ลบ", "remove an entry", "ลบรายการ"),
    # ---- agreements ------------------------------------------------------------
    _k("signatory", "signatory", "ผู้ลงนาม", "a signatory", "ผู้ลงนาม"),
    _k("role", "role", "ตำแหน่ง", "role or position", "ตำแหน่งหรือบทบาท"),
    _k("organisation", ("organisation", "organization"), "หน่วยงาน", "the organisation", "หน่วยงาน"),
    _k("person", "person", "ผู้รับการประเมิน", "the person evaluated", "ผู้รับการประเมิน"),
    _k("assessor", "assessor", "ผู้ประเมิน", "the assessor", "ผู้ประเมิน"),
    _k("plan", "plan", "แผนปฏิบัติราชการ", "action plan", "แผนปฏิบัติราชการ"),
    _k("omit", "omit", "ยกเว้น", "optional indicator not taken up", "ตัวชี้วัดที่เลือกได้ซึ่งไม่รับ"),
    _k("competency", "competency", "สมรรถนะ", "a competency", "สมรรถนะ"),
    # ---- examples ----------------------------------------------------------------
    _k("given", "given", "ผลการดำเนินงาน", "results fed to an example", "ผลการดำเนินงานที่ป้อนให้ตัวอย่าง"),
    _k("expect", "expect", "ผลที่คาด", "expected figures", "ตัวเลขที่คาดว่าจะได้"),
    _k("result", "result", "ผล", "a measured result", "ผลที่วัดได้"),
    _k("steps", "steps", "ขั้นที่ผ่าน", "milestone steps completed", "จำนวนขั้นความสำเร็จที่ผ่าน"),
    _k("step_done", "step_done", "ขั้นที่", "a milestone step done, and the date it was done",
       "ขั้นความสำเร็จที่ทำแล้ว และวันที่ทำเสร็จ"),
    _k("score", "score", "คะแนน", "a score", "คะแนน"),
    _k("weighted", "weighted", "คะแนนถ่วงน้ำหนัก", "weighted score", "คะแนนถ่วงน้ำหนัก"),
    _k("total", "total", "คะแนนรวม", "total score", "คะแนนรวม"),
    _k("submitted", "submitted", "วันที่ส่ง", "date a report was submitted", "วันที่ส่งรายงาน"),
    _k("amount", "amount", "จำนวนเงิน", "an amount in baht", "จำนวนเงิน (บาท)"),
    _k("penalty", "penalty", "คะแนนที่ถูกปรับ", "points deducted", "คะแนนที่ถูกหัก"),
    # ---- value words ---------------------------------------------------------------
    _k("agreed", "agreed", "ตามที่ตกลง", "set by each agreement", "กำหนดในคำรับรองแต่ละฉบับ"),
    _k("fixed", "fixed", "ตามกรอบ", "as the framework sets it", "ตามที่กรอบกำหนด"),
    _k("higher", "higher", ("มากดี", "ยิ่งมากยิ่งดี"), "higher is better", "ยิ่งมากยิ่งดี"),
    _k("lower", "lower", ("น้อยดี", "ยิ่งน้อยยิ่งดี"), "lower is better", "ยิ่งน้อยยิ่งดี"),
    _k("proportional", "proportional", "ตามสัดส่วน", "proportionally", "ตามสัดส่วน"),
    _k("none", "none", ("ไม่มี", "ไม่เลื่อน"), "none", "ไม่มี"),
    _k("linear", "linear", "เชิงเส้น", "linear", "เชิงเส้น"),
    _k("whole", "whole", "เต็มระดับ", "whole levels only", "ให้คะแนนเต็มระดับเท่านั้น"),
    _k("between", "between", "ระหว่างระดับ", "any figure from the lowest level to the highest",
       "ตัวเลขใดก็ได้ตั้งแต่ระดับต่ำสุดถึงระดับสูงสุด"),
    _k("per", "per", "ต่อ", "per", "ต่อ"),
    _k("working_day", "working_day", "วันทำการ", "working day", "วันทำการ"),
    _k("day", "day", "วัน", "calendar day", "วันตามปฏิทิน"),
    _k("from", "from", "จาก", "from", "จาก"),
    _k("of", "of", "ของ", "of", "ของ"),
    _k("on", "on", "ณ", "on (a date)", "ณ (วันที่)"),
    _k("direct", "direct", "โดยตรง", "cascaded unchanged", "ถ่ายทอดทั้งตัวโดยไม่เปลี่ยน"),
    _k("split", "split", "แบ่งเป้าหมาย", "cascaded by splitting the target", "ถ่ายทอดโดยแบ่งค่าเป้าหมาย"),
    _k("partial", "partial", "บางส่วน", "cascaded in part", "ถ่ายทอดบางส่วน"),
    _k("warning", "warning", "คำเตือน", "a warning", "คำเตือน"),
    _k("error", "error", "ข้อผิดพลาด", "an error", "ข้อผิดพลาด"),
    _k("kpis", "kpis", "จำนวนตัวชี้วัด", "number of indicators", "จำนวนตัวชี้วัด"),
    _k("midpoint", "midpoint", "ค่ากลาง", "mid-point of the half the salary is in",
       "ค่ากลางของครึ่งช่วงที่เงินเดือนอยู่"),
    _k("half_up", "half_up", "ปัดครึ่งขึ้น", "round half up", "ปัดครึ่งขึ้น"),
    _k("half_even", "half_even", "ปัดครึ่งคู่", "round half to even", "ปัดครึ่งไปหาเลขคู่"),
    _k("up", "up", "ปัดขึ้น", "round up", "ปัดขึ้น"),
    _k("down", "down", "ปัดลง", "round down", "ปัดลง"),
    _k("indicator_level", "indicator_level", "รายตัวชี้วัด", "at each indicator", "ที่ตัวชี้วัดแต่ละตัว"),
    _k("consecutive", "consecutive", "ต่อเนื่อง", "steps done in a row from step 1", "ขั้นที่ทำต่อเนื่องกันตั้งแต่ขั้นที่ 1"),
    _k("listed", "listed", "ทุกขั้นที่ทำ", "every step listed as done", "ทุกขั้นที่ระบุว่าทำแล้ว"),
    _k("counted", "counted", "นับ", "counted", "นับ"),
    _k("not_counted", "not_counted", "ไม่นับ", "not counted", "ไม่นับ"),
    _k("spread", "spread", "เกลี่ย", "spread to the other pool groups", "เกลี่ยไปยังกลุ่มวงเงินอื่น"),
    _k("keep", "keep", "ไม่เกลี่ย", "kept in its own pool group", "เก็บไว้ในกลุ่มวงเงินของตนเอง"),
    _k("yamane", "yamane", "ยามาเน่", "Yamane's formula", "สูตรของยามาเน่"),
    _k("quantity", "quantity", "ปริมาณ", "quantity", "ด้านปริมาณ"),
    _k("quality", "quality", "คุณภาพ", "quality", "ด้านคุณภาพ"),
    _k("timeliness", "timeliness", "ความทันเวลา", "timeliness", "ด้านความทันเวลา"),
    _k("cost", "cost", "ความคุ้มค่า", "cost-effectiveness", "ด้านความคุ้มค่า"),
    _k("high", "high", "สำคัญมาก", "high importance", "ความสำคัญมาก"),
    _k("medium", "medium", "สำคัญปานกลาง", "medium importance", "ความสำคัญปานกลาง"),
    _k("low", "low", "สำคัญน้อย", "low importance", "ความสำคัญน้อย"),
    # levels of government
    _k("province_group", "province_group", "กลุ่มจังหวัด", "province group", "กลุ่มจังหวัด"),
    _k("province", "province", "จังหวัด", "province", "จังหวัด"),
    _k("provincial_agency", "provincial_agency", "ส่วนราชการประจำจังหวัด", "provincial agency",
       "ส่วนราชการประจำจังหวัด"),
    _k("ministry", "ministry", "กระทรวง", "ministry", "กระทรวง"),
    _k("department", "department", "ส่วนราชการ", "department", "ส่วนราชการระดับกรม"),
    _k("work_group", "work_group", "กลุ่มงาน", "work group", "กลุ่มงาน"),
    _k("individual", "individual", ("บุคคล", "ข้าราชการ"), "individual civil servant", "ข้าราชการรายบุคคล"),
    # words that change the shape of a statement (see SHAPE_TOKENS)
    _k("to", "to", "ถึง", "range separator", "คำคั่นช่วง (จาก … ถึง …)"),
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
    return _suggested(text, tuple(canonicals))


@lru_cache(maxsize=4096)  # a word mistyped many times is matched once (difflib is dear)
def _suggested(text: str, canonicals: tuple[str, ...]) -> str | None:
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
