"""The registry of diagnostic codes: the only place messages are written.

Every problem kpidsl can report has a stable code here, with its severity, a
message in Thai and in English and, where it helps, a hint. Codes never change
meaning once released; tests refer to codes, never to message text.

Code letters: F files and encodings · S syntax · K keys and statement shapes ·
N names and references · W weights and shares · L ladders · M milestones ·
B rating bands · D dates · A agreements · C cascades · I individual limits ·
R rounds and calendars · P policies · X worked examples · Q results files ·
Y year over year (figures to review in a new year's rule set) · O outputs (files
and folders kpidsl writes) · U mutation testing (`kpidsl mutate`) · E the editor
(`kpidsl lsp`) ·
T typed plan (a plan.json read back) ·
J workbooks (`kpidsl workbook`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import attrs

from .span import Span

if TYPE_CHECKING:
    from .model import Diagnostic

ERROR = "error"
WARNING = "warning"


@attrs.frozen
class Code:
    code: str
    name: str
    severity: str
    en: str
    th: str
    hint_en: str = ""
    hint_th: str = ""
    # True for trouble that is not about the content of the input (a missing
    # path, an unreadable folder): the command exits 2 rather than 1.
    io: bool = False

    def at(self, span: Span | None, *, severity: str | None = None, **args: Any) -> "Diagnostic":
        from .model import Diagnostic

        for key, value in list(args.items()):
            if isinstance(value, Bi):
                args[key] = value.en
                args.setdefault(f"{key}_th", value.th)
        fmt = _Args(args)
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            span=span,
            message_en=self.en.format_map(fmt),
            message_th=space_code(self.th.format_map(fmt)),
            hint_en=self.hint_en.format_map(fmt) if self.hint_en else "",
            hint_th=space_code(self.hint_th.format_map(fmt)) if self.hint_th else "",
            io=self.io,
        )


def _thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def space_code(text: str) -> str:
    """Thai runs words together, so a `code` span written straight after a Thai
    word would stick to it: put a space on the Thai side of each span."""
    out: list[str] = []
    opening = True
    for i, ch in enumerate(text):
        if ch == "`":
            if opening and out and _thai(out[-1]):
                out.append(" ")
            out.append(ch)
            if not opening and i + 1 < len(text) and _thai(text[i + 1]):
                out.append(" ")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


@attrs.frozen
class Bi:
    """A message argument that reads differently in English and in Thai
    (``node=Bi("kpi `5`", "ตัวชี้วัด `5`")`` fills {node} and {node_th})."""

    en: str
    th: str

    def __str__(self) -> str:
        return self.en


class _Args(dict):
    """Message arguments; an optional hint part left empty reads as ''."""

    def __init__(self, args: Mapping[str, Any]):
        super().__init__({k: _show(v) for k, v in args.items()})

    def __missing__(self, key: str) -> str:
        if key.endswith("_th") and key[:-3] in self:
            return self[key[:-3]]  # no Thai wording given: the value itself (a name, a figure)
        raise KeyError(f"diagnostic message needs argument {key!r}")


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v) for v in value)
    return str(value)


_CODES: list[Code] = [
    # ---- F: files and encodings --------------------------------------------------
    Code("F001", "path-not-found", ERROR,
         "path not found: {path}",
         "ไม่พบไฟล์หรือโฟลเดอร์: {path}",
         "check the spelling of the path", "ตรวจสอบชื่อไฟล์หรือโฟลเดอร์", io=True),
    Code("F002", "no-rule-files", ERROR,
         "no .kpi rule files in {path}",
         "ไม่มีไฟล์กฎ .kpi ใน {path}",
         "a rule set is a folder of .kpi files", "ชุดกฎคือโฟลเดอร์ที่มีไฟล์ .kpi", io=True),
    Code("F003", "legacy-thai-encoding", ERROR,
         "file is not UTF-8: it looks like the old Thai Windows encoding (TIS-620 / cp874)",
         "ไฟล์ไม่ได้บันทึกเป็น UTF-8 ดูเหมือนเป็นรหัสภาษาไทยแบบเก่าของ Windows (TIS-620 / cp874)",
         "save it again as UTF-8 (Notepad: Save As → Encoding: UTF-8), or convert it: iconv -f CP874 -t UTF-8 {name} > {name}.utf8",
         "บันทึกใหม่เป็น UTF-8 (Notepad: บันทึกเป็น → การเข้ารหัส UTF-8) หรือแปลงด้วย iconv -f CP874 -t UTF-8 {name} > {name}.utf8"),
    Code("F004", "utf16-file", ERROR,
         "file is UTF-16; rule files must be UTF-8",
         "ไฟล์บันทึกเป็น UTF-16 ไฟล์กฎต้องเป็น UTF-8",
         "save it again as UTF-8 (Notepad: Save As → Encoding: UTF-8)",
         "บันทึกใหม่เป็น UTF-8 (Notepad: บันทึกเป็น → การเข้ารหัส UTF-8)"),
    Code("F005", "binary-file", ERROR,
         "file is not text (binary data at byte {offset})",
         "ไฟล์ไม่ใช่ข้อความ (พบข้อมูลไบนารีที่ไบต์ {offset})",
         "is this really a .kpi rule file (or a .csv/.json results file)?",
         "ไฟล์นี้เป็นไฟล์กฎ .kpi (หรือไฟล์ผลการดำเนินงาน .csv/.json) จริงหรือไม่"),
    Code("F006", "empty-file", WARNING,
         "file is empty",
         "ไฟล์ว่างเปล่า",
         "delete it or write rules in it", "ลบไฟล์ หรือเขียนกฎลงในไฟล์"),
    Code("F007", "file-too-large", ERROR,
         "file is {size} MB; a rule file may be at most {limit} MB",
         "ไฟล์มีขนาด {size} MB ไฟล์กฎมีขนาดได้ไม่เกิน {limit} MB",
         "is this really a rule file? split large rule sets into several files",
         "ไฟล์นี้เป็นไฟล์กฎจริงหรือไม่ ถ้าใช่ให้แบ่งเป็นหลายไฟล์"),
    Code("F008", "invalid-utf8", ERROR,
         "file is not valid UTF-8 (byte 0x{byte} cannot be read)",
         "ไฟล์ไม่ใช่ UTF-8 ที่ถูกต้อง (อ่านไบต์ 0x{byte} ไม่ได้)",
         "save it again as UTF-8", "บันทึกใหม่เป็น UTF-8"),
    Code("F009", "unreadable", ERROR,
         "cannot read {path}: {reason}",
         "อ่าน {path} ไม่ได้: {reason_th}", io=True),
    Code("F010", "empty-rule-set", ERROR,
         "the rule set declares nothing",
         "ชุดกฎนี้ไม่มีการประกาศสิ่งใดเลย",
         "add a framework, bands, calendar or agreement", "เพิ่มกรอบ ระดับผลการประเมิน ปฏิทิน หรือคำรับรอง"),
    Code("F011", "latin1-encoding", ERROR,
         "file is not UTF-8 (byte 0x{byte} cannot be read): it looks like the Western European encoding (Latin-1 / Windows-1252)",
         "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (อ่านไบต์ 0x{byte} ไม่ได้) ดูเหมือนเป็นรหัสภาษายุโรปตะวันตก (Latin-1 / Windows-1252)",
         "save it again as UTF-8 (Notepad: Save As → Encoding: UTF-8), or convert it: iconv -f CP1252 -t UTF-8 {name} > {name}.utf8",
         "บันทึกใหม่เป็น UTF-8 (Notepad: บันทึกเป็น → การเข้ารหัส UTF-8) หรือแปลงด้วย iconv -f CP1252 -t UTF-8 {name} > {name}.utf8"),
    # ---- S: syntax ---------------------------------------------------------------
    Code("S001", "unexpected-character", ERROR,
         "unexpected character `{char}`",
         "พบอักขระที่ไม่คาดคิด `{char}`",
         "{hint}", "{hint_th}"),
    Code("S002", "unexpected-token", ERROR,
         "unexpected {found}; expected {expected}",
         "ไม่คาดว่าจะพบ{found_th} ควรเป็น{expected_th}",
         "{hint}", "{hint_th}"),
    Code("S003", "unexpected-end", ERROR,
         "the file ends too early; expected {expected}",
         "ไฟล์จบก่อนเวลา ควรเป็น{expected_th}"),
    Code("S004", "unclosed-block", ERROR,
         "`{{` is never closed",
         "`{{` ไม่มี `}}` ปิด",
         "add `}}` at the end of the block opened here",
         "เพิ่ม `}}` ที่ท้ายบล็อกที่เปิดตรงนี้"),
    Code("S005", "unmatched-close", ERROR,
         "`{close}` has no matching `{open}`",
         "`{close}` ไม่มี `{open}` คู่กัน",
         "delete it, or add the opening `{open}` it belongs to",
         "ลบออก หรือเพิ่ม `{open}` ที่คู่กัน"),
    Code("S006", "unterminated-string", ERROR,
         "text in quotes is not closed on this line",
         "ข้อความในเครื่องหมายคำพูดไม่มีเครื่องหมายปิดในบรรทัดนี้",
         'close it with `"`; for text over several lines use """ … """',
         'ปิดด้วย `"` ถ้าข้อความยาวหลายบรรทัดให้ใช้ """ … """'),
    Code("S007", "unclosed-paren", ERROR,
         "`(` is never closed",
         "`(` ไม่มี `)` ปิด",
         "add `)`", "เพิ่ม `)`"),
    Code("S008", "blocks-too-deep", ERROR,
         "this `{{` opens a block {limit} blocks deep already; blocks may nest at most {limit} deep",
         "`{{` นี้เปิดบล็อกซ้อนลึกเกิน {limit} ชั้น บล็อกซ้อนกันได้ไม่เกิน {limit} ชั้น",
         "close some blocks, or split the file", "ปิดบล็อกที่ไม่จำเป็น หรือแยกเป็นหลายไฟล์"),
    Code("S009", "tree-too-deep", ERROR,
         "{node} is level {depth} of the indicator tree; a tree may be at most {limit} levels deep",
         "{node_th} อยู่ชั้นที่ {depth} ของโครงสร้างตัวชี้วัด โครงสร้างลึกได้ไม่เกิน {limit} ชั้น",
         "move it up a level", "ย้ายขึ้นไปอยู่ในชั้นที่สูงกว่า"),
    Code("S010", "formula-too-long", ERROR,
         "this operator is the formula's number {count}; a formula may have at most {limit} operators (+ − × ÷)",
         "เครื่องหมายนี้เป็นตัวที่ {count} ของสูตร สูตรหนึ่งมีเครื่องหมายคำนวณ (+ − × ÷) ได้ไม่เกิน {limit} ตัว",
         "split the formula with inputs computed elsewhere", "แบ่งสูตรออกเป็นส่วนย่อย"),
    Code("S011", "brackets-too-deep", ERROR,
         "this `(` is {limit} brackets deep already; brackets may nest at most {limit} deep",
         "`(` นี้ซ้อนลึกเกิน {limit} ชั้น วงเล็บซ้อนกันได้ไม่เกิน {limit} ชั้น",
         "remove brackets the formula does not need", "ลบวงเล็บที่ไม่จำเป็น"),
    Code("S012", "number-too-long", ERROR,
         "the number `{number}` has {count} digits {part}; at most {limit} are allowed",
         "ตัวเลข `{number}` มี {count} หลัก{part_th} ได้ไม่เกิน {limit} หลัก",
         "the scorer carries {integer} digits before the point and {fraction} after it exactly; no rule needs more",
         "การคำนวณคะแนนเก็บตัวเลขได้ถูกต้องครบถ้วน {integer} หลักหน้าจุดทศนิยมและ {fraction} หลักหลังจุด"),
    # ---- K: keys and statement shapes ----------------------------------------------
    Code("K001", "unknown-key", ERROR,
         "unknown key `{word}` in {context}",
         "ไม่รู้จักคำสั่ง `{word}` ใน{context_th}",
         "{hint}", "{hint_th}"),
    Code("K002", "misplaced-key", ERROR,
         "`{word}` cannot appear in {context}",
         "`{word}` ใช้ใน{context_th}ไม่ได้",
         "`{word}` belongs in {places}", "`{word}` ใช้ได้ใน{places_th}"),
    Code("K003", "missing-field", ERROR,
         "{context} needs `{key}`",
         "{context_th}ต้องมี `{key}`",
         "{hint}", "{hint_th}"),
    Code("K004", "repeated-field", ERROR,
         "`{key}` is given more than once in {context}",
         "`{key}` ซ้ำใน{context_th}",
         "the first one is at line {line}; keep one", "ครั้งแรกอยู่ที่บรรทัด {line} ให้เหลือเพียงหนึ่ง"),
    Code("K005", "bad-argument", ERROR,
         "`{key}` expects {expected}, found {found}",
         "`{key}` ต้องการ{expected_th} แต่พบ{found_th}",
         "{hint}", "{hint_th}"),
    Code("K006", "extra-argument", ERROR,
         "unexpected {found} after `{key}`",
         "พบ{found_th}เกินมาหลัง `{key}`",
         "{hint}", "{hint_th}"),
    Code("K007", "unknown-word", ERROR,
         "`{word}` is not a valid {what}; expected one of: {choices}",
         "`{word}` ไม่ใช่{what_th}ที่ใช้ได้ ควรเป็นหนึ่งใน: {choices}",
         "{hint}", "{hint_th}"),
    Code("K008", "missing-argument", ERROR,
         "`{key}` needs {expected}",
         "`{key}` ต้องมี{expected_th}",
         "{hint}", "{hint_th}"),
    Code("K009", "unexpected-block", ERROR,
         "`{key}` does not take a block",
         "`{key}` ไม่มีบล็อก {{ … }}",
         "remove the braces and what is inside them, or move it to where it belongs",
         "ลบวงเล็บปีกกาและข้อความข้างใน หรือย้ายไปไว้ในที่ที่ถูกต้อง"),
    Code("K010", "missing-block", ERROR,
         "`{key}` needs a block `{{ … }}`",
         "`{key}` ต้องมีบล็อก `{{ … }}`"),
    Code("K011", "glued-keyword", ERROR,
         "`{word}` starts with the keyword `{keyword}` but has no space after it",
         "`{word}` ขึ้นต้นด้วยคำสั่ง `{keyword}` แต่ไม่มีการเว้นวรรคหลังคำสั่ง",
         "write `{keyword} {rest}`", "เขียนเป็น `{keyword} {rest}`"),
    Code("K012", "conflicting-scoring", ERROR,
         "{node} is scored in more than one way: {first} and {second}",
         "{node_th} มีวิธีให้คะแนนมากกว่าหนึ่งแบบ: {first_th} และ {second_th}",
         "keep one; a formula takes a ladder, a weighted average may carry the sub-indicators' ladder in its block",
         "ให้เหลือแบบเดียว สูตรใช้คู่กับเกณฑ์ได้ ค่าเฉลี่ยถ่วงน้ำหนักระบุเกณฑ์ของตัวชี้วัดย่อยไว้ในบล็อกของตัวเอง"),
    Code("K013", "value-out-of-range", ERROR,
         "`{key}` {value} is out of range: {reason}",
         "`{key}` {value} อยู่นอกช่วงที่ใช้ได้: {reason_th}"),
    # ---- N: names and references --------------------------------------------------------
    Code("N001", "duplicate-id", ERROR,
         "{kind} `{id}` is defined more than once",
         "{kind_th} `{id}` ถูกกำหนดซ้ำ",
         "the first definition is at {first}", "ครั้งแรกกำหนดไว้ที่ {first}"),
    Code("N002", "unresolved-reference", ERROR,
         "no {kind} named `{id}`{where}",
         "ไม่พบ{kind_th} `{id}`{where_th}",
         "{hint}", "{hint_th}"),
    # ---- W: weights and shares ----------------------------------------------------------------
    Code("W001", "weights-do-not-add-up", ERROR,
         "weights under {node} add up to {total}, not {expected}",
         "น้ำหนักภายใต้ {node_th} รวมได้ {total} ไม่ใช่ {expected}",
         "{hint}", "{hint_th}"),
    Code("W002", "no-room-for-agreed-weights", ERROR,
         "fixed weights under {node} already add up to {total} of {expected}; nothing is left for the agreed weights of {agreed}",
         "น้ำหนักที่กำหนดแล้วภายใต้ {node_th} รวมได้ {total} จาก {expected} ไม่เหลือให้น้ำหนักตามที่ตกลงของ {agreed}"),
    Code("W003", "agreement-weights-do-not-add-up", ERROR,
         "in agreement `{agreement}`, weights under {node} add up to {total}, not {expected}",
         "ในคำรับรอง `{agreement}` น้ำหนักภายใต้ {node_th} รวมได้ {total} ไม่ใช่ {expected}",
         "{hint}", "{hint_th}"),
    Code("W004", "missing-weight", ERROR,
         "{node} has no weight",
         "{node_th} ไม่มีน้ำหนัก",
         "give it `weight N`, `weight agreed`, or leave out the weights of all its siblings",
         "กำหนด `น้ำหนัก N` หรือ `น้ำหนัก ตามที่ตกลง`"),
    Code("W005", "shares-do-not-add-up", ERROR,
         "shares under {node} add up to {total}%, not 100%",
         "สัดส่วนภายใต้ {node_th} รวมได้ร้อยละ {total} ไม่ใช่ร้อยละ 100"),
    Code("W006", "weight-not-positive", ERROR,
         "weight {weight} must be greater than 0",
         "น้ำหนัก {weight} ต้องมากกว่า 0",
         "to leave an indicator out, mark it `optional` and omit it in the agreement",
         "ถ้าจะไม่ใช้ตัวชี้วัด ให้กำหนด `ถ้ามี` แล้วระบุ `ยกเว้น` ในคำรับรอง"),
    Code("W007", "bad-weight-target", ERROR,
         "the weight of optional {node} goes to `{target}`, which is not one of its siblings",
         "น้ำหนักของ {node_th} (ถ้ามี) โอนไปยัง `{target}` ซึ่งไม่ใช่ตัวชี้วัดระดับเดียวกัน",
         "siblings: {siblings}", "ตัวชี้วัดระดับเดียวกัน: {siblings}"),
    # ---- L: ladders -------------------------------------------------------------------------
    Code("W010", "sub-weights-sum", ERROR,
         "the sub-indicator weights of {node} in agreement `{agreement}` add up to {total}, not 1 (or 100%)",
         "น้ำหนักของตัวชี้วัดย่อยของ{node_th}ในคำรับรอง `{agreement}` รวมได้ {total} ไม่ใช่ 1 (หรือร้อยละ 100)",
         "a weighted average Σ(W × SM) / ΣW takes weights that add up to 1 (seed 003 slide 10); weights: {parts}",
         "ค่าเฉลี่ยถ่วงน้ำหนัก Σ(W × SM) / ΣW ใช้น้ำหนักที่รวมกันเท่ากับ 1 (seed 003 สไลด์ 10) น้ำหนัก: {parts}"),
    Code("L001", "ladder-levels", ERROR,
         "a ladder needs 5 levels, found {count}",
         "เกณฑ์การให้คะแนนต้องมี 5 ระดับ แต่พบ {count} ระดับ"),
    Code("L002", "ladder-order", ERROR,
         "ladder is not in {direction} order: level {level} is {value}, level {next_level} is {next_value}",
         "เกณฑ์ไม่เรียงตาม{direction_th}: ระดับ {level} คือ {value} ระดับ {next_level} คือ {next_value}",
         "{hint}", "{hint_th}"),
    Code("L003", "ladder-step", ERROR,
         "ladder does not move by the declared step {step}: level {level} is {value}, level {next_level} is {next_value}",
         "เกณฑ์ไม่เป็นไปตามช่วงปรับ {step}: ระดับ {level} คือ {value} ระดับ {next_level} คือ {next_value}"),
    Code("L004", "target-not-level-3", WARNING,
         "target {target} is at level {level}, not at level 3",
         "ค่าเป้าหมาย {target} อยู่ที่ระดับ {level_th} ไม่ใช่ระดับ 3",
         "by convention the target is the level-3 value", "โดยหลักการ ค่าเป้าหมายอยู่ที่ระดับคะแนน 3"),
    Code("L005", "ladder-comparator", ERROR,
         "`{cmp}` at level {level} contradicts a {direction} ladder",
         "`{cmp}` ที่ระดับ {level} ขัดกับเกณฑ์แบบ{direction_th}",
         "{hint}", "{hint_th}"),
    Code("L006", "ladder-open-level", ERROR,
         "only level 1 may be open-ended, and only as the far side of level 2 (e.g. `> 35` before `<= 35`)",
         "มีเพียงระดับ 1 เท่านั้นที่เขียนเป็นช่วงเปิดได้ และต้องเป็นอีกด้านของระดับ 2 (เช่น `> 35` ก่อน `<= 35`)"),
    Code("L007", "ladder-step-not-positive", ERROR,
         "step {step} must be greater than 0",
         "ช่วงปรับ {step} ต้องมากกว่า 0"),
    # ---- M: milestones ------------------------------------------------------------------------
    Code("M001", "milestone-numbering", ERROR,
         "milestone steps must be numbered 1 to 5 in order; found {found}",
         "ขั้นความสำเร็จต้องเรียงลำดับ 1 ถึง 5 แต่พบ {found_th}"),
    Code("M002", "milestone-due-order", ERROR,
         "step {step} is due {due}, after step {next_step} ({next_due})",
         "ขั้นที่ {step} กำหนดส่ง {due} หลังขั้นที่ {next_step} ({next_due})"),
    # ---- B: rating bands ---------------------------------------------------------------------
    Code("B001", "band-gap", ERROR,
         "no band covers {what}",
         "ไม่มีระดับผลครอบคลุม{what_th}",
         "{hint}", "{hint_th}"),
    Code("B002", "band-overlap", ERROR,
         "bands `{first}` and `{second}` overlap{at}",
         "ระดับผล `{first}` และ `{second}` ซ้อนทับกัน{at_th}",
         "{hint}", "{hint_th}"),
    Code("B003", "band-boundary", ERROR,
         "band `{band}` needs a lower and an upper boundary, each with its comparison",
         "ระดับผล `{band}` ต้องระบุขอบล่างและขอบบนพร้อมเครื่องหมายเปรียบเทียบ",
         "e.g. `>= 80 < 90`: 80 belongs to this band, 90 to the one above",
         "เช่น `>= 80 < 90` คือ 80 อยู่ในระดับนี้ ส่วน 90 อยู่ในระดับที่สูงกว่า"),
    Code("B004", "band-outside-range", ERROR,
         "band `{band}` reaches outside the range {low}–{high}",
         "ระดับผล `{band}` เกินช่วงคะแนน {low}–{high}"),
    Code("B005", "band-raise", ERROR,
         "raise {raise} of band `{band}` {problem}",
         "ร้อยละการเลื่อน {raise} ของระดับผล `{band}` {problem_th}"),
    Code("B006", "band-reversed", ERROR,
         "band `{band}` runs backwards: from {low} up to {high}",
         "ระดับผล `{band}` กลับด้าน: จาก {low} ขึ้นไปถึง {high}",
         "the lower boundary comes first: `>= 80 < 90`", "ขอบล่างมาก่อน: `>= 80 < 90`"),
    Code("B010", "band-raise-default-cap", ERROR,
         "raise {raise} of band `{band}` exceeds the {cap}% cap that applies when no salary block sets one",
         "ร้อยละการเลื่อน {raise} ของระดับผล `{band}` เกินเพดานร้อยละ {cap} ที่ใช้เมื่อไม่มีหมวดเงินเดือนกำหนดเพดาน",
         "seed 001 sets raises of 0–{cap}% for everyone; lower the raise, or declare the cap in a `salary` block "
         "(`cap {cap}%`)",
         "seed 001 กำหนดร้อยละการเลื่อน 0–{cap} สำหรับทุกคน ให้ลดร้อยละการเลื่อน หรือประกาศเพดานในหมวด `เงินเดือน`"),
    # ---- D: dates ------------------------------------------------------------------------------
    Code("D001", "invalid-date", ERROR,
         "`{text}` is not a date: {reason}",
         "`{text}` ไม่ใช่วันที่ที่ถูกต้อง: {reason_th}"),
    Code("D002", "date-far-from-fiscal-year", ERROR,
         "{date} is far outside fiscal year {year} ({start} – {end})",
         "{date} อยู่นอกปีงบประมาณ {year} ({start} – {end}) มากเกินไป",
         "{hint}", "{hint_th}"),
    Code("D003", "period-outside-fiscal-year", ERROR,
         "period {start} – {end} is not inside fiscal year {year}",
         "ช่วง {start} – {end} ไม่อยู่ในปีงบประมาณ {year}"),
    Code("D004", "due-before-period-end", ERROR,
         "due date {due} is before the period ends ({end})",
         "วันกำหนดส่ง {due} อยู่ก่อนสิ้นสุดช่วงเวลา ({end})"),
    Code("D005", "reversed-range", ERROR,
         "the range ends ({end}) before it starts ({start})",
         "ช่วงเวลาสิ้นสุด ({end}) ก่อนเริ่มต้น ({start})"),
    Code("D007", "year-not-buddhist-era", ERROR,
         "year {year} looks like a Christian-era year; years are Buddhist era (BE)",
         "ปี {year} ดูเหมือนเป็นปีคริสต์ศักราช ปีในไฟล์กฎต้องเป็นพุทธศักราช",
         "did you mean {be}? write ISO dates (2011-10-31) for CE",
         "หมายถึง {be} หรือไม่ ถ้าจะใช้ ค.ศ. ให้เขียนแบบ ISO (2011-10-31)"),
    Code("D006", "date-without-year", ERROR,
         "`{text}` has no year and there is no fiscal year to take it from",
         "`{text}` ไม่มีปี และไม่มีปีงบประมาณให้อ้างอิง",
         "write the year, e.g. `{text} 2554`", "ระบุปี เช่น `{text} 2554`"),
    Code("D010", "date-outside-fiscal-year", ERROR,
         "{date} is outside fiscal year {year} ({start} – {end})",
         "{date} อยู่นอกปีงบประมาณ {year} ({start} – {end})",
         "a date meant to fall outside the year (a report due after it ends) says so: `{text} outside_year`; "
         "to move a rule set to a new year, run `kpidsl new-year`",
         "วันที่ที่ตั้งใจให้อยู่นอกปี (เช่น กำหนดส่งรายงานหลังสิ้นปี) ให้เขียนกำกับไว้: `{text} นอกปีงบประมาณ` "
         "การย้ายชุดกฎไปปีใหม่ให้ใช้ `kpidsl new-year`"),
    Code("D011", "date-marked-outside-but-inside", WARNING,
         "{date} is marked outside fiscal year {year}, but it is inside it",
         "{date} ระบุว่าอยู่นอกปีงบประมาณ {year} แต่อยู่ในปี",
         "delete `outside_year`, or correct the date", "ลบคำว่า `นอกปีงบประมาณ` หรือแก้วันที่"),
    Code("D012", "round-gap", WARNING,
         "round `{round}` starts {start}: neither the first day of fiscal year {year} ({year_start}) nor the day "
         "after another round ends",
         "รอบ `{round}` เริ่ม {start} ซึ่งไม่ใช่วันแรกของปีงบประมาณ {year} ({year_start}) "
         "และไม่ใช่วันถัดจากวันสิ้นสุดของรอบอื่น",
         "rounds cover the year without a gap (seed 001: 1 ต.ค.–31 มี.ค., 1 เม.ย.–30 ก.ย.)",
         "รอบต้องครอบคลุมทั้งปีโดยไม่เว้นช่วง (seed 001: 1 ต.ค.–31 มี.ค., 1 เม.ย.–30 ก.ย.)"),
    Code("D013", "rounds-end-early", WARNING,
         "the last round, `{round}`, ends {end}, not on the last day of fiscal year {year} ({year_end})",
         "รอบสุดท้าย `{round}` สิ้นสุด {end} ไม่ใช่วันสุดท้ายของปีงบประมาณ {year} ({year_end})"),
    # ---- R: rounds and calendars ---------------------------------------------------------------
    Code("R001", "round-missing-period", ERROR,
         "round `{round}` needs a `period`",
         "รอบ `{round}` ต้องมี `ระยะเวลา`"),
    Code("R002", "rounds-overlap", ERROR,
         "rounds `{first}` and `{second}` overlap but start on different days",
         "รอบ `{first}` และ `{second}` ซ้อนทับกันแต่เริ่มคนละวัน",
         "rounds either follow one another or, like 6/9/12-month reports, grow from the same start",
         "รอบต้องต่อเนื่องกัน หรือเริ่มวันเดียวกันแบบรายงานรอบ 6/9/12 เดือน"),
    Code("R003", "framework-without-year", ERROR,
         "framework `{framework}` has no `fiscal_year`",
         "กรอบ `{framework}` ไม่มี `ปีงบประมาณ`"),
    # ---- A: agreements ---------------------------------------------------------------------------
    Code("A001", "agreement-without-framework", ERROR,
         "agreement `{agreement}` names no framework",
         "คำรับรอง `{agreement}` ไม่ได้ระบุกรอบการประเมิน",
         "add `framework ID`", "เพิ่ม `กรอบ ชื่อกรอบ`"),
    Code("A002", "agreement-year-mismatch", ERROR,
         "agreement `{agreement}` is for fiscal year {year}, but framework `{framework}` is for {framework_year}",
         "คำรับรอง `{agreement}` เป็นของปีงบประมาณ {year} แต่กรอบ `{framework}` เป็นของปี {framework_year}",
         "to move a rule set to a new year, run `kpidsl new-year RULESET YEAR -o DIR`: it moves every date and "
         "fiscal year together",
         "การย้ายชุดกฎไปปีใหม่ให้ใช้ `kpidsl new-year RULESET YEAR -o DIR` ซึ่งย้ายวันที่และปีงบประมาณทั้งหมดพร้อมกัน"),
    Code("A003", "agreed-weight-missing", ERROR,
         "agreement `{agreement}` does not set the weight of {node}",
         "คำรับรอง `{agreement}` ไม่ได้กำหนดน้ำหนักของ {node_th}",
         "the framework says its weight is agreed: add `weight N` to it in the agreement",
         "กรอบกำหนดให้น้ำหนักเป็นไปตามที่ตกลง ให้ระบุ `น้ำหนัก N` ในคำรับรอง"),
    Code("A004", "sub-indicators-missing", ERROR,
         "{node} is scored from agreed sub-indicators, but agreement `{agreement}` gives none",
         "{node_th} คิดคะแนนจากตัวชี้วัดย่อยตามที่ตกลง แต่คำรับรอง `{agreement}` ไม่ได้ระบุไว้"),
    Code("A005", "omit-not-optional", ERROR,
         "{node} is not optional and cannot be omitted",
         "{node_th} ไม่ใช่ตัวชี้วัดแบบถ้ามี จึงยกเว้นไม่ได้"),
    Code("A006", "weight-not-agreed", ERROR,
         "the framework fixes the weight of {node} at {weight}; the agreement cannot change it",
         "กรอบกำหนดน้ำหนักของ {node_th} ไว้ที่ {weight} คำรับรองเปลี่ยนไม่ได้"),
    Code("A007", "agreement-lacks-content", ERROR,
         "agreement `{agreement}` has no {what}, which framework `{framework}` requires",
         "คำรับรอง `{agreement}` ไม่มี{what_th} ซึ่งกรอบ `{framework}` กำหนดให้ต้องมี"),
    Code("A008", "indicator-without-scoring", ERROR,
         "{node} has no scoring criteria",
         "{node_th} ไม่มีเกณฑ์การให้คะแนน",
         "give it a ladder, milestones, a weighted average, a formula with a ladder, parts, or `owner_score`",
         "ระบุเกณฑ์ ขั้นความสำเร็จ ค่าเฉลี่ยถ่วงน้ำหนัก สูตรพร้อมเกณฑ์ ส่วนประกอบ หรือ `เจ้าภาพให้คะแนน`"),
    Code("A009", "node-not-open", ERROR,
         "{node} is not open to new indicators in agreements",
         "{node_th} ไม่เปิดให้เพิ่มตัวชี้วัดในคำรับรอง",
         "only weighted averages and dimensions marked `agreed_kpis` take indicators from agreements",
         "เพิ่มได้เฉพาะใต้ค่าเฉลี่ยถ่วงน้ำหนัก หรือมิติที่ระบุ `ตัวชี้วัดตามคำรับรอง`"),
    Code("A010", "agreed-kpis-missing", ERROR,
         "{node} takes its indicators from each agreement, but agreement `{agreement}` gives none",
         "{node_th} ใช้ตัวชี้วัดตามคำรับรอง แต่คำรับรอง `{agreement}` ไม่ได้ระบุไว้"),
    Code("A011", "optional-not-taken-up", ERROR,
         "agreement `{agreement}` neither takes up nor omits optional {node}",
         "คำรับรอง `{agreement}` ไม่ได้ระบุว่าจะใช้หรือยกเว้น {node_th} (ถ้ามี)",
         "give it its sub-indicators, or write `omit {id}`", "ระบุตัวชี้วัดย่อย หรือเขียน `ยกเว้น {id}`"),
    # ---- C: cascades -------------------------------------------------------------------------------
    Code("A012", "agreement-period-not-fiscal-year", WARNING,
         "agreement `{agreement}` covers {start} – {end}, not fiscal year {year} ({year_start} – {year_end})",
         "คำรับรอง `{agreement}` มีระยะเวลา {start} – {end} ไม่ตรงกับปีงบประมาณ {year} ({year_start} – {year_end})",
         "an agreement covers its fiscal year (seed 002 ข้อ 1.4.2 (2))",
         "คำรับรองมีระยะเวลาตรงกับปีงบประมาณ (seed 002 ข้อ 1.4.2 (2))"),
    Code("C001", "split-does-not-add-up", ERROR,
         "split targets of {node} add up to {total}, less than its target {target}",
         "ค่าเป้าหมายที่แบ่งจาก {node_th} รวมได้ {total} น้อยกว่าค่าเป้าหมาย {target}",
         "subordinates' targets must add up to at least the superior's (seed 004, slide 14)",
         "ค่าเป้าหมายของผู้ใต้บังคับบัญชารวมกันต้องไม่น้อยกว่าของผู้บังคับบัญชา"),
    Code("C002", "cascade-without-target", ERROR,
         "a split cascade needs a target on {node}",
         "การถ่ายทอดโดยแบ่งค่าเป้าหมายต้องมีค่าเป้าหมายที่ {node_th}"),
    # ---- I: individual limits ------------------------------------------------------------------------
    Code("I001", "limit-violated", ERROR,
         "{subject} is {value}; framework `{framework}` requires {cmp} {limit}",
         "{subject_th} มีค่า {value} แต่กรอบ `{framework}` กำหนดให้ {cmp} {limit}",
         "{hint}", "{hint_th}"),
    Code("I002", "scale-levels", ERROR,
         "a scale needs levels 1 to 5 in order; found {found}",
         "มาตรวัดต้องมีระดับ 1 ถึง 5 เรียงกัน แต่พบ {found}"),
    # ---- Q: results files ------------------------------------------------------------------------------
    Code("Q001", "results-unknown-agreement", ERROR,
         "no agreement `{id}` in rule set {rule_set}",
         "ไม่มีคำรับรอง `{id}` ในชุดกฎ {rule_set}",
         "{hint}", "{hint_th}"),
    Code("Q002", "results-unknown-indicator", ERROR,
         "agreement `{agreement}` has no indicator `{id}`",
         "คำรับรอง `{agreement}` ไม่มีตัวชี้วัด `{id}`",
         "{hint}", "{hint_th}"),
    Code("Q003", "results-not-a-number", ERROR,
         "`{text}` in column `{column}` is not a number",
         "`{text}` ในคอลัมน์ `{column}` ไม่ใช่ตัวเลข",
         "write numbers with a dot for decimals, like 87.5 (Thai digits and 1,000 separators are fine)",
         "เขียนตัวเลขโดยใช้จุดทศนิยม เช่น 87.5 (ใช้เลขไทยและจุลภาคคั่นหลักพันได้)"),
    Code("Q004", "results-out-of-range", ERROR,
         "{what} {value} of `{id}` is outside {range}",
         "{what_th} {value} ของ `{id}` อยู่นอกช่วง {range}"),
    Code("Q005", "results-wrong-round", ERROR,
         "round `{round}` is not a round of {where}",
         "รอบ `{round}` ไม่ใช่รอบของ{where_th}",
         "{hint}", "{hint_th}"),
    Code("Q006", "results-duplicate", ERROR,
         "{what} is given twice",
         "{what_th} ซ้ำกัน",
         "the first is at line {line}", "ครั้งแรกอยู่ที่บรรทัด {line}"),
    Code("Q007", "results-missing-value", ERROR,
         "agreement `{agreement}` cannot be scored: missing {missing}",
         "คำรับรอง `{agreement}` คิดคะแนนไม่ได้: ขาด {missing}"),
    Code("Q008", "results-unreadable", ERROR,
         "cannot read the results: {reason}",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: {reason_th}",
         "{hint}", "{hint_th}"),
    Code("Q009", "results-unknown-field", ERROR,
         "`{field}` is not something {kind} `{id}` takes",
         "`{field}` ไม่ใช่ค่าที่{kind_th} `{id}` ใช้",
         "it takes: {fields}", "ใช้ได้: {fields}"),
    Code("Q010", "results-bad-date", ERROR,
         "`{text}` is not a date",
         "`{text}` ไม่ใช่วันที่",
         "write 2011-11-03 or 3 พ.ย. 2554", "เขียนเป็น 2011-11-03 หรือ 3 พ.ย. 2554"),
    Code("Q011", "results-scoring-failed", ERROR,
         "scoring failed: {message}",
         "คิดคะแนนไม่ได้: {message_th}",
         "{hint}", "{hint_th}"),
    Code("Q012", "results-number-separators", ERROR,
         "`{text}` in column `{column}` is not a number: `,` separates thousands in groups of three before the point",
         "`{text}` ในคอลัมน์ `{column}` ไม่ใช่ตัวเลข: จุลภาค `,` ใช้คั่นหลักพันทีละสามหลักหน้าจุดทศนิยมเท่านั้น",
         "write 1,000.5 or 1000.5 (a dot for decimals)", "เขียนเป็น 1,000.5 หรือ 1000.5 (ใช้จุดเป็นจุดทศนิยม)"),
    Code("Q013", "results-foreign-digit", ERROR,
         "`{text}` in column `{column}` uses the digit `{char}` ({name}, {codepoint})",
         "`{text}` ในคอลัมน์ `{column}` ใช้ตัวเลข `{char}` ({name}, {codepoint})",
         "write digits 0-9 or Thai digits ๐-๙", "เขียนด้วยเลขอารบิก 0-9 หรือเลขไทย ๐-๙"),
    Code("Q014", "results-number-too-long", ERROR,
         "`{text}` in column `{column}` has {count} digits; a number may have at most {limit}",
         "`{text}` ในคอลัมน์ `{column}` มี {count} หลัก ตัวเลขมีได้ไม่เกิน {limit} หลัก"),
    Code("Q015", "results-too-deep", ERROR,
         "the JSON nests deeper than {limit} levels here",
         "JSON ซ้อนกันลึกเกิน {limit} ชั้นที่ตำแหน่งนี้",
         "a results record nests 4 levels: a list, a record, its results, an indicator's fields",
         "รายการผลการดำเนินงานซ้อนกัน 4 ชั้น: รายการ, ระเบียน, ผลการดำเนินงาน, ค่าของตัวชี้วัด"),
    Code("Q016", "results-file-too-large", ERROR,
         "the results file is {size} MB; a {kind} results file may be at most {limit} MB",
         "ไฟล์ผลการดำเนินงานมีขนาด {size} MB ไฟล์ {kind} มีขนาดได้ไม่เกิน {limit} MB",
         "split it into several files in one folder and score the folder",
         "แบ่งเป็นหลายไฟล์ในโฟลเดอร์เดียวกัน แล้วให้คิดคะแนนทั้งโฟลเดอร์"),
    # ---- P: policies ------------------------------------------------------------------------------------
    Code("P001", "policy-value", ERROR,
         "policy `{key}` cannot be {value}: {reason}",
         "หลักเกณฑ์ `{key}` เป็น {value} ไม่ได้: {reason_th}"),
    Code("P002", "policy-conflict", ERROR,
         "policy `{key}` is set twice in rule set: here and at {other}",
         "หลักเกณฑ์ `{key}` ถูกกำหนดซ้ำในชุดกฎ: ที่นี่และที่ {other}"),
    # ---- Y: year over year -------------------------------------------------------------------------------
    Code("Y001", "review-needed", WARNING,
         "review needed in {where}: {text}",
         "ต้องทบทวนใน{where_th}: {text}",
         "confirm or correct the figure for the new year, then delete this `review` line",
         "ยืนยันหรือแก้ไขตัวเลขสำหรับปีใหม่ แล้วลบบรรทัด `ทบทวน` นี้"),
    # ---- E: the editor (kpidsl lsp) ------------------------------------------------------------------------
    Code("E001", "lsp-not-installed", ERROR,
         "kpidsl lsp needs the language-server packages (pygls), which are not installed",
         "kpidsl lsp ต้องใช้แพ็กเกจ language server (pygls) ซึ่งยังไม่ได้ติดตั้ง",
         "install them with: pip install 'kpidsl[lsp]'", "ติดตั้งด้วยคำสั่ง: pip install 'kpidsl[lsp]'", io=True),
    Code("E002", "format-refused-syntax", ERROR,
         "not formatted: {path} has syntax errors (the first on line {line}); fix them first",
         "ไม่ได้จัดรูปแบบ: {path} มีข้อผิดพลาดทางไวยากรณ์ (แห่งแรกที่บรรทัด {line}) ให้แก้ก่อน"),
    Code("E003", "format-refused-verify", ERROR,
         "not formatted: the formatted text of {path} failed the {check} check ({detail})",
         "ไม่ได้จัดรูปแบบ: ข้อความที่จัดรูปแบบแล้วของ {path} ไม่ผ่านการตรวจ {check} ({detail})"),
    # ---- U: mutation testing (kpidsl mutate) -----------------------------------------------------------
    Code("U001", "mutant-survived", ERROR,
         "mutant `{operator}` survived: `{before}` → `{after}` passes `check` and the rule set's examples",
         "การกลายพันธุ์ `{operator}` รอด: `{before}` → `{after}` ผ่านทั้ง `check` และตัวอย่างของชุดกฎ",
         "make the mistake a check's error, or add an `example` with figures from the seeds that it changes",
         "เพิ่มการตรวจที่จับข้อผิดพลาดนี้ หรือเพิ่ม `ตัวอย่าง` ที่มีตัวเลขจาก seed ซึ่งการเปลี่ยนนี้ทำให้ผิด"),
    Code("U002", "mutant-crashed", ERROR,
         "kpidsl failed on mutant `{operator}` (`{before}` → `{after}`): {reason}",
         "kpidsl ทำงานผิดพลาดกับการกลายพันธุ์ `{operator}` (`{before}` → `{after}`): {reason}",
         "a fault of kpidsl: please report it with the rule file and this line",
         "เป็นข้อบกพร่องของ kpidsl โปรดแจ้งพร้อมไฟล์กฎและบรรทัดนี้"),
    Code("U003", "mutate-unclean-rule-set", ERROR,
         "mutation testing needs a rule set that checks without errors: {name} has {errors} error(s)",
         "การทดสอบด้วยการกลายพันธุ์ต้องใช้ชุดกฎที่ไม่มีข้อผิดพลาด: {name} มีข้อผิดพลาด {errors} รายการ",
         "run `kpidsl check {name}` and fix them first", "รัน `kpidsl check {name}` แล้วแก้ให้หมดก่อน", io=True),
    Code("U004", "mutate-failing-tests", ERROR,
         "mutation testing needs a rule set whose own tests pass: {name} fails {failed}",
         "การทดสอบด้วยการกลายพันธุ์ต้องใช้ชุดกฎที่ผ่านการทดสอบของตนเอง: {name} ไม่ผ่าน {failed}",
         "run `kpidsl test {name}` and fix them first", "รัน `kpidsl test {name}` แล้วแก้ให้ผ่านก่อน", io=True),
    # ---- O: outputs (what kpidsl writes; each is trouble with the place, not the rules: exit 2) -----------
    Code("O001", "output-unwritable", ERROR,
         "cannot write `{path}`: {reason}",
         "เขียน `{path}` ไม่ได้: {reason}",
         "choose a folder you may write to, or ask its owner for write permission",
         "เลือกโฟลเดอร์ที่มีสิทธิ์เขียน หรือขอสิทธิ์เขียนจากเจ้าของโฟลเดอร์", io=True),
    Code("O002", "output-read-only", ERROR,
         "`{path}` is read-only; kpidsl does not rewrite it",
         "`{path}` เป็นไฟล์อ่านอย่างเดียว kpidsl จะไม่เขียนทับ",
         "make it writable (chmod u+w) if it should change",
         "ถ้าต้องการให้แก้ไขได้ ให้เปิดสิทธิ์เขียนก่อน (chmod u+w)", io=True),
    Code("O003", "output-bad-name", ERROR,
         "`{name}` cannot be a file name: {reason}",
         "`{name}` ใช้เป็นชื่อไฟล์ไม่ได้: {reason_th}", io=True),
    Code("O004", "output-in-rule-folder", ERROR,
         "the output `{path}` {relation} the rule folder `{rules}`; kpidsl never writes among rule files",
         "ที่เก็บผลลัพธ์ `{path}` {relation_th}โฟลเดอร์กฎ `{rules}` kpidsl ไม่เขียนปนกับไฟล์กฎ",
         "choose an output folder outside the rule folder, e.g. `out/`",
         "เลือกโฟลเดอร์ผลลัพธ์ที่อยู่นอกโฟลเดอร์กฎ เช่น `out/`", io=True),
    Code("O005", "output-symlink", ERROR,
         "`{path}` is a symbolic link; kpidsl does not write through links inside its output folder",
         "`{path}` เป็นลิงก์สัญลักษณ์ kpidsl ไม่เขียนผ่านลิงก์ในโฟลเดอร์ผลลัพธ์",
         "remove the link, or choose another output folder",
         "ลบลิงก์ออก หรือเลือกโฟลเดอร์ผลลัพธ์อื่น", io=True),
    Code("O006", "output-not-ours", ERROR,
         "`{path}` {why}; kpidsl does not overwrite it",
         "`{path}` {why_th} kpidsl จะไม่เขียนทับ",
         "move it away or delete it, then build again",
         "ย้ายหรือลบไฟล์นั้นออกก่อน แล้วสร้างใหม่อีกครั้ง", io=True),
    Code("O007", "output-busy", ERROR,
         "another kpidsl is writing to `{path}`",
         "มี kpidsl อีกตัวกำลังเขียนที่ `{path}`",
         "wait for it to finish, then run again",
         "รอให้ทำงานเสร็จก่อน แล้วสั่งใหม่อีกครั้ง", io=True),
    Code("O008", "output-not-a-folder", ERROR,
         "`{path}` is not a folder",
         "`{path}` ไม่ใช่โฟลเดอร์",
         "name a folder (it is made when missing)",
         "ระบุโฟลเดอร์ (ถ้ายังไม่มี kpidsl จะสร้างให้)", io=True),
    Code("O009", "output-kept", WARNING,
         "kept `{path}`: it changed since the last build wrote it",
         "เก็บ `{path}` ไว้: ไฟล์ถูกแก้ไขหลังจากการสร้างครั้งก่อน",
         "delete it yourself when it is no longer needed",
         "ลบเองได้เมื่อไม่ต้องการแล้ว"),
    Code("O010", "output-one-file", ERROR,
         "`{path}` names one file, but {count} files were rendered",
         "`{path}` เป็นชื่อไฟล์เดียว แต่สร้างได้ {count} ไฟล์",
         "name a folder, or choose one form with --agreement and --form",
         "ระบุโฟลเดอร์ หรือเลือกแบบฟอร์มเดียวด้วย --agreement และ --form", io=True),
    Code("O011", "output-left-behind", WARNING,
         "left `{path}` behind: {reason}",
         "ยังมี `{path}` เหลืออยู่: {reason_th}",
         "look inside, then delete it yourself",
         "ตรวจดูแล้วลบเอง"),
    Code("O012", "output-is-rule-file", ERROR,
         "`{path}` is a rule file; only `kpidsl fmt` rewrites rule files",
         "`{path}` เป็นไฟล์กฎ มีเพียง `kpidsl fmt` ที่เขียนทับไฟล์กฎได้",
         "write the output to another name", "เขียนผลลัพธ์ไปยังชื่ออื่น", io=True),
    Code("O013", "pdf-extra-missing", ERROR,
         "no PDF written: PDF forms need the optional extra `pdf`: pip install 'kpidsl[pdf]' "
         "(the HTML and Markdown were written)",
         "ไม่ได้เขียน PDF: แบบฟอร์ม PDF ต้องติดตั้งส่วนเสริม `pdf` ก่อน: pip install 'kpidsl[pdf]' "
         "(เขียน HTML และ Markdown แล้ว)", io=True),
    # ---- T: typed plan (a plan.json read back) -----------------------------------------------------------
    Code("T001", "plan-not-json", ERROR,
         "the plan is not valid JSON here",
         "แผนไม่ใช่ JSON ที่ถูกต้อง ณ ตำแหน่งนี้",
         "a plan is what `kpidsl compile` writes: compile the rule set again",
         "แผนคือสิ่งที่ `kpidsl compile` เขียนออกมา ให้คอมไพล์ชุดกฎใหม่"),
    Code("T002", "plan-version", ERROR,
         "plan format version {found}; this kpidsl reads version {supported}",
         "แผนเป็นรูปแบบรุ่น {found} แต่ kpidsl นี้อ่านรุ่น {supported}",
         "compile the rule set again with this kpidsl", "คอมไพล์ชุดกฎใหม่ด้วย kpidsl รุ่นนี้"),
    Code("T003", "plan-missing-field", ERROR,
         "`{field}` is missing at {pointer}",
         "ไม่มี `{field}` ที่ {pointer}"),
    Code("T004", "plan-unknown-field", ERROR,
         "`{field}` at {pointer} is not part of the plan format",
         "`{field}` ที่ {pointer} ไม่ใช่ส่วนหนึ่งของรูปแบบแผน"),
    Code("T005", "plan-wrong-type", ERROR,
         "{pointer} should be {expected}",
         "{pointer} ต้องเป็น{expected_th}"),
    Code("T006", "plan-bad-value", ERROR,
         "`{value}` at {pointer} is not {expected}",
         "`{value}` ที่ {pointer} ไม่ใช่{expected_th}"),
    Code("T007", "plan-unknown-reference", ERROR,
         "{pointer} names {kind} `{id}`, which the plan does not hold",
         "{pointer} อ้างถึง{kind_th} `{id}` ซึ่งไม่มีในแผน"),
    Code("T008", "plan-duplicate-id", ERROR,
         "{kind} `{id}` is listed twice in the plan",
         "{kind_th} `{id}` อยู่ในแผนซ้ำกัน"),
    Code("T009", "plan-too-large", ERROR,
         "the plan's {what} is {size}; at most {limit} can be read",
         "{what_th}ของแผนเป็น {size} อ่านได้ไม่เกิน {limit}",
         "is this really a plan written by `kpidsl compile`?",
         "ไฟล์นี้เป็นแผนที่ `kpidsl compile` เขียนจริงหรือไม่"),
    # ---- J: results-entry workbooks (.xlsx) ------------------------------------------------------------
    Code("J001", "workbook-extra-missing", ERROR,
         "workbooks need the optional extra `xlsx`: pip install 'kpidsl[xlsx]'",
         "สมุดงาน Excel ต้องติดตั้งส่วนเสริม `xlsx` ก่อน: pip install 'kpidsl[xlsx]'", io=True),
    Code("J003", "workbook-unreadable", ERROR,
         "{path} is not a workbook that can be read: {reason}",
         "{path} ไม่ใช่สมุดงานที่อ่านได้: {reason_th}",
         "save it as an Excel workbook (.xlsx)", "บันทึกเป็นสมุดงาน Excel (.xlsx)", io=True),
    Code("J004", "workbook-no-entry-table", ERROR,
         "sheet `{sheet}` has no entry table: no row starts with `agreement`",
         "แผ่นงาน `{sheet}` ไม่มีตารางกรอกผล: ไม่มีแถวที่ขึ้นต้นด้วย `agreement`",
         "make the sheet with `kpidsl workbook`, or put the results-file headers in one row",
         "สร้างแผ่นงานด้วยคำสั่ง `kpidsl workbook` หรือใส่หัวคอลัมน์ของไฟล์ผลการดำเนินงานไว้ในแถวเดียว"),
    Code("J005", "workbook-round-not-in-agreement", ERROR,
         "agreement `{agreement}` has no round `{round}`",
         "คำรับรอง `{agreement}` ไม่มีรอบ `{round}`",
         "rounds: {rounds}", "รอบ: {rounds}", io=True),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}
assert len(CODES) == len(_CODES), "duplicate diagnostic code"


def code(name: str) -> Code:
    return CODES[name]
