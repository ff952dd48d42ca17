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
J workbooks (`kpidsl workbook`) · Z the plan compiled to SQL (`kpidsl sql`, `score --engine sql`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import attrs

from ..bilingual import Bi  # message arguments in both languages (kpidsl/bilingual.py)
from .phrases import quoted_values
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

        # a quoted value of megabytes is shown by its start (phrases.py quoted_values), in
        # Thai too where the Thai message names the field itself ({id}, not {id_th})
        cut = quoted_values(args)
        thai = {k: v.th for k, v in cut.items() if isinstance(v, Bi) and not isinstance(args[k], Bi)}
        args = cut
        for key, value in list(args.items()):
            if isinstance(value, Bi):
                args[key] = value.en
                args.setdefault(f"{key}_th", value.th)
        fields = _Args(args)
        fields_th = _Args({**args, **thai}) if thai else fields
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            span=span,
            message_en=self.en.format_map(fields),
            message_th=space_code(self.th.format_map(fields_th)),
            hint_en=self.hint_en.format_map(fields) if self.hint_en else "",
            hint_th=space_code(self.hint_th.format_map(fields_th)) if self.hint_th else "",
            io=self.io,
        )


def _thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def space_code(text: str) -> str:
    """Thai runs words together, so a `code` span written straight after a Thai
    word would stick to it: put a space on the Thai side of each span."""
    parts = text.split("`")  # outside, code, outside, code … (a part may be empty)
    if len(parts) == 1:
        return text
    out = [parts[0]]
    for i in range(1, len(parts)):
        before, part = parts[i - 1], parts[i]
        if i % 2:  # an opening backtick, after ``before``
            out.append(" `" if before and _thai(before[-1]) else "`")
        else:  # a closing one, before ``part``
            out.append("` " if part and _thai(part[0]) else "`")
        out.append(part)
    return "".join(out)


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
         "file is UTF-16; kpidsl reads UTF-8 (rule files, results, plans)",
         "ไฟล์บันทึกเป็น UTF-16 kpidsl อ่านไฟล์ UTF-8 (ไฟล์กฎ ผลการดำเนินงาน แผนการคำนวณ)",
         "save it again as UTF-8 (Notepad: Save As → Encoding: UTF-8; Excel: Save As → CSV UTF-8)",
         "บันทึกใหม่เป็น UTF-8 (Notepad: บันทึกเป็น → การเข้ารหัส UTF-8; Excel: บันทึกเป็น → CSV UTF-8)"),
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
         "อ่าน {path} ไม่ได้: {reason_th}",
         "check that the path is right and that you may read it; if another program holds the file open, close it "
         "and run again",
         "ตรวจสอบชื่อไฟล์และสิทธิ์การอ่านไฟล์ ถ้าโปรแกรมอื่นเปิดไฟล์ค้างไว้ให้ปิดแล้วสั่งใหม่", io=True),
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
         "ไฟล์จบก่อนเวลา ควรเป็น{expected_th}",
         "finish the last statement with what it expects, or delete it if the file was cut short",
         "เขียนคำสั่งสุดท้ายให้ครบตามที่ต้องการ หรือลบออกถ้าไฟล์ถูกตัดมาไม่ครบ"),
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
         "this operator is the formula's number {count}; a formula may have at most {limit} operators (+ − × /)",
         "เครื่องหมายนี้เป็นตัวที่ {count} ของสูตร สูตรหนึ่งมีเครื่องหมายคำนวณ (+ − × /) ได้ไม่เกิน {limit} ตัว",
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
    # {what}: a name, a number or a date (kpidsl/syntax/parser.py, kpidsl/syntax/invisible.py)
    Code("S013", "invisible-character-in-name", ERROR,
         "an invisible character `{char}` splits the {what} `{left}{right}` here",
         "มีอักขระที่มองไม่เห็น `{char}` แทรกอยู่กลาง{what_th} `{left}{right}` ตรงนี้",
         "it often comes with Thai text pasted from Word: delete it for one {what} `{left}{right}`, "
         "or type a space if `{left}` and `{right}` are two",
         "มักติดมากับข้อความภาษาไทยที่คัดลอกจาก Word ให้ลบออกเพื่อเป็น{what_th}เดียว `{left}{right}` "
         "หรือเว้นวรรคถ้า `{left}` กับ `{right}` เป็นสองค่าแยกกัน"),
    # A warning, not an error: every output shows such a character escaped (kpidsl/outputs/
    # terminal.py; forms, workbooks), so the rule set still builds, but a reviewer is told.
    Code("S014", "control-character-in-text", WARNING,
         "a control character `{char}` is in the text here: it prints as nothing, or makes the line read "
         "otherwise than it is written",
         "มีอักขระควบคุม `{char}` อยู่ในข้อความตรงนี้ ซึ่งพิมพ์ออกมาไม่เห็น หรือทำให้บรรทัดอ่านต่างจากที่เขียนไว้",
         "delete it; it often comes with text pasted from another program",
         "ให้ลบออก มักติดมากับข้อความที่คัดลอกมาจากโปรแกรมอื่น"),
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
         "พบ{found_th} เกินมาหลัง `{key}`",
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
         "`{key}` ต้องมีบล็อก `{{ … }}`",
         "open the block on the same line and close it below: `{key} … {{` … `}}`",
         "เปิดบล็อกในบรรทัดเดียวกันแล้วปิดด้านล่าง: `{key} … {{` … `}}`"),
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
         "`{key}` {value} อยู่นอกช่วงที่ใช้ได้: {reason_th}",
         "write a value of `{key}` inside that range",
         "แก้ค่าของ `{key}` ให้อยู่ในช่วงนั้น"),
    Code("K014", "scoring-beside-sub-indicators", ERROR,
         "{node} is scored by {method} of its own and also has sub-indicators ({children}): its score never uses "
         "theirs",
         "{node_th} มี{method_th}ของตัวเองและยังมีตัวชี้วัดย่อย ({children}) คะแนนของ{node_th}จึงไม่ใช้คะแนนของ"
         "ตัวชี้วัดย่อยเลย",
         "keep one: drop {method} to score {node} from its sub-indicators (their weighted mean; or write "
         "`weighted_average`, whose block may carry the ladder they share, as seed 003 indicator 9's), or drop the "
         "sub-indicators to score it by {method}",
         "ให้เหลือแบบเดียว: ถ้าคิดคะแนนของ{node_th}จากตัวชี้วัดย่อย ให้ลบ{method_th}ออก (ได้ค่าเฉลี่ยถ่วงน้ำหนักของ"
         "ตัวชี้วัดย่อย หรือเขียน `ค่าเฉลี่ยถ่วงน้ำหนัก` ซึ่งในบล็อกเขียนเกณฑ์ที่ตัวชี้วัดย่อยใช้ร่วมกันได้ เช่นตัวชี้วัด 9 "
         "ของ seed 003) ถ้าคิดจาก{method_th} ให้ลบตัวชี้วัดย่อยออก"),
    Code("K015", "formula-divides-by-zero", ERROR,
         "the formula of {node} divides by a figure that is 0, so every results row is refused (division by zero)",
         "สูตรของ{node_th}หารด้วยตัวเลขที่เป็น 0 ผลการดำเนินงานทุกแถวจึงคิดคะแนนไม่ได้ (หารด้วยศูนย์)",
         "divide by an input (seed 003: each quarter's X / Y) or by the figure meant",
         "หารด้วยข้อมูลที่กรอก (seed 003: X / Y ของแต่ละไตรมาส) หรือด้วยตัวเลขที่ตั้งใจไว้"),
    Code("K016", "formula-without-ladder", ERROR,
         "the formula of {node} gives a value, but no ladder turns it into a score",
         "สูตรของ{node_th}ให้ค่าผลการดำเนินงาน แต่ไม่มีเกณฑ์ที่แปลงค่านั้นเป็นคะแนน",
         "{hint}", "{hint_th}"),
    # ---- N: names and references --------------------------------------------------------
    Code("N001", "duplicate-id", ERROR,
         "{kind} `{id}` is defined more than once",
         "{kind_th} `{id}` ถูกกำหนดซ้ำ",
         "the first definition is at {first}", "ครั้งแรกกำหนดไว้ที่ {first}"),
    Code("N002", "unresolved-reference", ERROR,
         "no {kind} named `{id}`{where}",
         "ไม่พบ{kind_th} `{id}`{where_th}",
         "{hint}", "{hint_th}"),
    Code("N003", "unused-input", ERROR,
         "input `{input}` of {node} is not used by its formula, yet every results row must give it",
         "ข้อมูล `{input}` ของ{node_th}ไม่ได้ใช้ในสูตร แต่ผลการดำเนินงานทุกแถวต้องระบุค่านี้",
         "use `{input}` in the formula (`value …`), or remove the input; a figure that only describes the "
         "indicator goes in its `description` or `definition`",
         "ใช้ `{input}` ในสูตร (`คำนวณ …`) หรือลบข้อมูลนี้ออก ตัวเลขที่ใช้อธิบายตัวชี้วัดเท่านั้นให้เขียนใน "
         "`คำอธิบาย` หรือ `นิยาม`"),
    # ---- W: weights and shares ----------------------------------------------------------------
    Code("W001", "weights-do-not-add-up", ERROR,
         "weights under {node} add up to {total}, not {expected}",
         "น้ำหนักภายใต้ {node_th} รวมได้ {total} ไม่ใช่ {expected}",
         "{hint}", "{hint_th}"),
    Code("W002", "no-room-for-agreed-weights", ERROR,
         "fixed weights under {node} already add up to {total} of {expected}; nothing is left for the agreed weights of {agreed}",
         "น้ำหนักที่กำหนดแล้วภายใต้ {node_th} รวมได้ {total} จาก {expected} ไม่เหลือให้น้ำหนักตามที่ตกลงของ {agreed}",
         "lower the fixed weights under {node} to leave room for {agreed}, or give {agreed} fixed weights too",
         "ลดน้ำหนักที่กำหนดแล้วภายใต้ {node_th} ให้เหลือสำหรับ {agreed} หรือกำหนดน้ำหนักของ {agreed} ไว้ด้วย"),
    Code("W003", "agreement-weights-do-not-add-up", ERROR,
         "in agreement `{agreement}`, weights under {node} add up to {total}, not {expected}",
         "ในคำรับรอง `{agreement}` น้ำหนักภายใต้ {node_th} รวมได้ {total} ไม่ใช่ {expected}",
         "{hint}", "{hint_th}"),
    Code("W004", "missing-weight", ERROR,
         "{node} has no weight",
         "{node_th} ไม่มีน้ำหนัก",
         "give it `weight N` or `weight agreed`",
         "กำหนด `น้ำหนัก N` หรือ `น้ำหนัก ตามที่ตกลง`"),
    Code("W005", "shares-do-not-add-up", ERROR,
         "shares under {node} add up to {total}%, not 100%",
         "สัดส่วนภายใต้ {node_th} รวมได้ร้อยละ {total} ไม่ใช่ร้อยละ 100",
         "change the shares so that they add up to 100%, like `share 70%` and `share 30%` (seed 001: achievement "
         "70% + competency 30%)",
         "แก้สัดส่วนให้รวมกันได้ร้อยละ 100 เช่น `สัดส่วน 70%` และ `สัดส่วน 30%` (seed 001: ผลสัมฤทธิ์ของงาน 70% + "
         "สมรรถนะ 30%)"),
    Code("W006", "weight-not-positive", ERROR,
         "weight {weight} must be greater than 0",
         "น้ำหนัก {weight} ต้องมากกว่า 0",
         "to leave an indicator out, mark it `optional` and omit it in the agreement",
         "ถ้าจะไม่ใช้ตัวชี้วัด ให้กำหนด `ถ้ามี` แล้วระบุ `ยกเว้น` ในคำรับรอง"),
    Code("W007", "bad-weight-target", ERROR,
         "the weight of optional {node} goes to `{target}`, which is not one of its siblings",
         "น้ำหนักของ {node_th} (ถ้ามี) โอนไปยัง `{target}` ซึ่งไม่ใช่ตัวชี้วัดระดับเดียวกัน",
         "siblings: {siblings}", "ตัวชี้วัดระดับเดียวกัน: {siblings}"),
    Code("W008", "unweighted-where-added-up", ERROR,
         "{node} has no weight, but {parent} adds up its indicators by weight, so it cannot be scored",
         "{node_th} ไม่มีน้ำหนัก แต่{parent_th}รวมคะแนนของตัวชี้วัดตามน้ำหนัก จึงคิดคะแนนไม่ได้",
         "{hint}", "{hint_th}"),
    Code("W009", "framework-without-weights", ERROR,
         "nothing at the top level of framework `{framework}` has a weight, so its agreements ({agreements}) get no total",
         "ระดับบนสุดของกรอบ `{framework}` ไม่มีน้ำหนักเลย คำรับรองตามกรอบนี้ ({agreements}) จึงไม่มีคะแนนรวม",
         "the total is Σ weight × score / 100 over {nodes}: give each `weight N` (adding up to 100) or `weight agreed`",
         "คะแนนรวมคือ Σ น้ำหนัก × คะแนน / 100 ของ{nodes_th}: กำหนด `น้ำหนัก N` ให้ทุกตัว (รวมกันได้ 100) หรือ `น้ำหนัก ตามที่ตกลง`"),
    # ---- L: ladders -------------------------------------------------------------------------
    Code("W010", "sub-weights-sum", ERROR,
         "the sub-indicator weights of {node} in agreement `{agreement}` add up to {total}, not 1 (or 100%)",
         "น้ำหนักของตัวชี้วัดย่อยของ{node_th}ในคำรับรอง `{agreement}` รวมได้ {total} ไม่ใช่ 1 (หรือร้อยละ 100)",
         "a weighted average Σ(W × SM) / ΣW takes weights that add up to 1 (seed 003 slide 10); weights: {parts}",
         "ค่าเฉลี่ยถ่วงน้ำหนัก Σ(W × SM) / ΣW ใช้น้ำหนักที่รวมกันเท่ากับ 1 (seed 003 สไลด์ 10) น้ำหนัก: {parts}"),
    Code("W011", "group-without-weights", ERROR,
         "none of the indicators under {node} has a weight, so {node} has no score and its agreements ({agreements}) "
         "get no total",
         "ตัวชี้วัดภายใต้{node_th}ไม่มีน้ำหนักเลย จึงคิดคะแนนของ{node_th}ไม่ได้ และคำรับรอง ({agreements}) ไม่มีคะแนนรวม",
         "{hint}", "{hint_th}"),
    Code("L001", "ladder-levels", ERROR,
         "a ladder needs 5 levels, found {count}",
         "เกณฑ์การให้คะแนนต้องมี 5 ระดับ แต่พบ {count} ระดับ",
         "write five thresholds, level 1 to level 5, like `ladder 65 70 75 80 85` (seed 004 slide 24), or `ladder "
         "target 75 step 5`",
         "เขียนเกณฑ์ 5 ค่า ระดับ 1 ถึงระดับ 5 เช่น `เกณฑ์ 65 70 75 80 85` (seed 004 สไลด์ 24) หรือ `เกณฑ์ "
         "ค่าเป้าหมาย 75 ช่วงปรับ 5`"),
    Code("L002", "ladder-order", ERROR,
         "ladder is not in {direction} order: level {level} is {value}, level {next_level} is {next_value}",
         "เกณฑ์ไม่เรียงตาม{direction_th}: ระดับ {level} คือ {value} ระดับ {next_level} คือ {next_value}",
         "{hint}", "{hint_th}"),
    Code("L003", "ladder-step", ERROR,
         "ladder does not move by the declared step {step}: level {level} is {value}, level {next_level} is {next_value}",
         "เกณฑ์ไม่เป็นไปตามช่วงปรับ {step}: ระดับ {level} คือ {value} ระดับ {next_level} คือ {next_value}",
         "make each level {step} from the next, or delete `step` if the levels are not evenly spaced",
         "ให้แต่ละระดับห่างกัน {step} หรือลบ `ช่วงปรับ` ออกถ้าระดับห่างกันไม่เท่ากัน"),
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
         "มีเพียงระดับ 1 เท่านั้นที่เขียนเป็นช่วงเปิดได้ และต้องเป็นอีกด้านของระดับ 2 (เช่น `> 35` ก่อน `<= 35`)",
         "write level 1 at the same figure as level 2, on the other side, or as a threshold like the others (`65 "
         "70 75 80 85`)",
         "เขียนระดับ 1 ด้วยค่าเดียวกับระดับ 2 แต่เป็นอีกด้าน หรือเขียนเป็นค่าเกณฑ์เหมือนระดับอื่น (`65 70 75 80 "
         "85`)"),
    Code("L007", "ladder-step-not-positive", ERROR,
         "step {step} must be greater than 0",
         "ช่วงปรับ {step} ต้องมากกว่า 0",
         "write the distance between two levels, like `ladder target 60 step 5` (levels 50 55 60 65 70); for "
         "lower-is-better write `lower`, not a negative step",
         "เขียนระยะห่างระหว่างระดับ เช่น `เกณฑ์ ค่าเป้าหมาย 60 ช่วงปรับ 5` (ระดับ 50 55 60 65 70) "
         "ถ้าค่าน้อยดีให้เขียน `น้อยดี` ไม่ใช่ช่วงปรับติดลบ"),
    Code("L008", "formula-fraction-on-percent-ladder", WARNING,
         "the formula of {node} gives a fraction (inputs {inputs} of one unit over one another: 0.9 for 90%), but {node} "
         "is a percentage ({unit}) and its ladder runs {low} to {high}: {outcome}",
         "สูตรของ{node_th}ให้ค่าเป็นสัดส่วน (ข้อมูล {inputs} หน่วยเดียวกันหารกัน 0.9 คือร้อยละ 90) แต่{node_th}"
         "เป็นร้อยละ ({unit}) และเกณฑ์อยู่ระหว่าง {low} ถึง {high}: {outcome_th}",
         "a percentage is the fraction × 100, as seed 003 slide 34 writes kpi 8: the average (เฉลี่ย) of X1 / Y1, … × 100 "
         "against 85 87.5 90 92.5 95; write `× 100` in the formula, or the ladder as fractions",
         "ร้อยละคือสัดส่วน × 100 อย่างที่ seed 003 สไลด์ 34 เขียนตัวชี้วัด 8: เฉลี่ย(X1 / Y1, …) × 100 "
         "เทียบเกณฑ์ 85 87.5 90 92.5 95 ให้เขียน `× 100` ในสูตร หรือเขียนเกณฑ์เป็นสัดส่วน"),
    # ---- M: milestones ------------------------------------------------------------------------
    Code("M001", "milestone-numbering", ERROR,
         "milestone steps must be numbered 1 to 5 in order; found {found}",
         "ขั้นความสำเร็จต้องเรียงลำดับ 1 ถึง 5 แต่พบ {found_th}",
         "write five steps, one a line, numbered 1 to 5: `1 \"…\"` … `5 \"…\"` (seed 004 slide 24)",
         "เขียน 5 ขั้น บรรทัดละขั้น เรียงเลข 1 ถึง 5: `1 \"…\"` … `5 \"…\"` (seed 004 สไลด์ 24)"),
    Code("M002", "milestone-due-order", ERROR,
         "step {step} is due {due}, after step {next_step} ({next_due})",
         "ขั้นที่ {step} กำหนดส่ง {due_th} หลังขั้นที่ {next_step} ({next_due_th})",
         "due dates run from step 1 to step 5: move step {step} to {next_due} or earlier, or step {next_step} later",
         "วันกำหนดส่งต้องเรียงจากขั้น 1 ถึงขั้น 5 ให้เลื่อนขั้นที่ {step} เป็นไม่เกิน {next_due_th} หรือเลื่อนขั้นที่ "
         "{next_step} ให้ช้าลง"),
    Code("M003", "milestone-due-after-round", ERROR,
         "step {step} is due {due}, after the report of round `{round}` is due ({round_due}): the round is reported "
         "before the step falls due",
         "ขั้นที่ {step} กำหนดส่ง {due_th} หลังกำหนดส่งรายงานของรอบ `{round}` ({round_due_th}) "
         "รายงานของรอบจึงส่งก่อนที่ขั้นจะครบกำหนด",
         "a step done after the report went in still counts as on time by its own date: give the step a due date "
         "no later than {round_due} (seed 003 slide 32: each step's result is sent by its date), or evaluate the "
         "agreement in a round reported after it",
         "ขั้นที่ทำหลังส่งรายงานแล้วยังนับว่าทันกำหนดของขั้น ให้กำหนดส่งของขั้นไม่เกิน {round_due_th} "
         "(seed 003 สไลด์ 32: ส่งผลแต่ละระดับคะแนนภายในวันที่กำหนด) หรือประเมินคำรับรองในรอบที่ส่งรายงานหลังจากนั้น"),
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
         "ระดับผล `{band}` เกินช่วงคะแนน {low}–{high}",
         "keep the band within {low}–{high}, or widen the table's `range`",
         "ให้ระดับผลอยู่ในช่วง {low}–{high} หรือขยาย `ช่วงคะแนน` ของตาราง"),
    Code("B005", "band-raise", ERROR,
         "raise {raise} of band `{band}` {problem}",
         "ร้อยละการเลื่อน {raise} ของระดับผล `{band}` {problem_th}",
         "write the raise low to high, like `raise 4.5% - 5%` (seed 001 step 9: outstanding (ดีเด่น) 4.5 - 5), and no higher "
         "than the framework's `cap`",
         "เขียนร้อยละการเลื่อนจากน้อยไปมาก เช่น `ร้อยละการเลื่อน 4.5% - 5%` (seed 001 ขั้นตอนที่ 9: ดีเด่น 4.5 - "
         "5) และไม่เกิน `เพดาน` ของกรอบ"),
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
    Code("B011", "totals-outside-bands", ERROR,
         "the totals of framework `{framework}` run {bottom}–{top}, but bands `{bands}` cover {low}–{high}: a total "
         "outside them gets no band",
         "คะแนนรวมของกรอบ `{framework}` อยู่ในช่วง {bottom}–{top} แต่ระดับผล `{bands}` ครอบคลุม {low}–{high} "
         "คะแนนรวมที่อยู่นอกช่วงจึงไม่มีระดับผล",
         "{hint}", "{hint_th}"),
    Code("B012", "bands-above-best-total", ERROR,
         "the totals of framework `{framework}` reach at most {best}, so bands {unreached} of `{bands}` (from {lower}) "
         "can never be given",
         "คะแนนรวมของกรอบ `{framework}` ได้สูงสุด {best} จึงไม่มีใครได้ระดับผล {unreached} ของ `{bands}` "
         "(ตั้งแต่ {lower}) เลย",
         "{hint}", "{hint_th}"),
    Code("B013", "band-raise-below-lower-band", ERROR,
         "band `{band}` raises {given}, less than the least raise of band `{other}` below it ({other_given}): "
         "a better rating would earn a smaller raise",
         "ระดับผล `{band}` ได้เลื่อน {given_th} น้อยกว่าร้อยละการเลื่อนต่ำสุดของระดับผล `{other}` ที่ต่ำกว่า "
         "({other_given_th}) ระดับที่ดีกว่าจึงได้เลื่อนเงินเดือนน้อยกว่า",
         "seed 001 step 9 ranks the raises with the bands: outstanding (ดีเด่น) 4.5–5%, very good (ดีมาก) 3.5–4%, "
         "good (ดี) 2.5–3%, fair (พอใช้) 1.5–2%, needs improvement (ต้องปรับปรุง) none; correct the raise of `{band}` or of `{other}`",
         "seed 001 (ขั้นตอนที่ 9) เรียงร้อยละการเลื่อนตามระดับผล: ดีเด่น 4.5–5 ดีมาก 3.5–4 ดี 2.5–3 "
         "พอใช้ 1.5–2 ต้องปรับปรุง ไม่ได้เลื่อนเงินเดือน ให้แก้ร้อยละการเลื่อนของ `{band}` หรือของ `{other}`"),
    Code("B014", "band-raise-end-below-lower-band", ERROR,
         "band `{band}` raises {given} against {other_given} for band `{other}` below it: its {end} raise, {value}%, "
         "is below `{other}`'s {other_value}%, so a better rating can earn a smaller raise",
         "ระดับผล `{band}` ได้เลื่อน {given_th} เทียบกับ {other_given_th} ของระดับผล `{other}` ที่ต่ำกว่า "
         "ร้อยละการเลื่อน{end_th}ของ `{band}` ({value}) ต่ำกว่าของ `{other}` ({other_value}) "
         "ระดับที่ดีกว่าจึงอาจได้เลื่อนเงินเดือนน้อยกว่า",
         "seed 001 step 9 ranks the raises with the bands, both ends: outstanding (ดีเด่น) 4.5–5%, very good (ดีมาก) "
         "3.5–4%, good (ดี) 2.5–3%, fair (พอใช้) 1.5–2%, needs improvement (ต้องปรับปรุง) none; give `{band}` a {end} raise of at least {other_value}%, "
         "or lower `{other}`'s",
         "seed 001 (ขั้นตอนที่ 9) เรียงร้อยละการเลื่อนตามระดับผลทั้งขอบล่างและขอบบน: ดีเด่น 4.5–5 ดีมาก 3.5–4 "
         "ดี 2.5–3 พอใช้ 1.5–2 ต้องปรับปรุง ไม่ได้เลื่อนเงินเดือน ให้ร้อยละการเลื่อน{end_th}ของ `{band}` "
         "ไม่ต่ำกว่า {other_value} หรือลดของ `{other}`"),
    # ---- D: dates ------------------------------------------------------------------------------
    Code("D001", "invalid-date", ERROR,
         "`{text}` is not a date: {reason}",
         "`{text}` ไม่ใช่วันที่ที่ถูกต้อง: {reason_th}",
         "write a date as day, Thai month and BE year, like `1 ต.ค. 2553`, or as CE year-month-day, like "
         "`2010-10-01`",
         "เขียนวันที่เป็น วัน เดือน ปี พ.ศ. เช่น `1 ต.ค. 2553` หรือ ปี ค.ศ.-เดือน-วัน เช่น `2010-10-01`"),
    Code("D002", "date-far-from-fiscal-year", ERROR,
         "{date} is far outside fiscal year {year} ({start} – {end})",
         "{date_th} อยู่นอกปีงบประมาณ {year} ({start_th} – {end_th}) มากเกินไป",
         "{hint}", "{hint_th}"),
    Code("D003", "period-outside-fiscal-year", ERROR,
         "period {start} – {end} is not inside fiscal year {year}",
         "ช่วง {start_th} – {end_th} ไม่อยู่ในปีงบประมาณ {year}",
         "{hint}", "{hint_th}"),
    Code("D004", "due-before-period-end", ERROR,
         "due date {due} is before the period ends ({end})",
         "วันกำหนดส่ง {due_th} อยู่ก่อนสิ้นสุดช่วงเวลา ({end_th})",
         "set the due date on {end} or later, or end the period earlier",
         "กำหนดวันส่งเป็น {end_th} หรือหลังจากนั้น หรือให้ช่วงเวลาสิ้นสุดเร็วขึ้น"),
    Code("D005", "reversed-range", ERROR,
         "the range ends ({end}) before it starts ({start})",
         "ช่วงเวลาสิ้นสุด ({end_th}) ก่อนเริ่มต้น ({start_th})",
         "write the earlier date first, and check the years: a fiscal year starts in October (ต.ค.) of the year before",
         "เขียนวันที่ที่มาก่อนไว้ก่อน และตรวจสอบปี พ.ศ. ปีงบประมาณเริ่มเดือน ต.ค. ของปีก่อนหน้า"),
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
         "{date_th} อยู่นอกปีงบประมาณ {year} ({start_th} – {end_th})",
         "a date meant to fall outside the year (a report due after it ends) says so: `{text} outside_year`; "
         "to move a rule set to a new year, run `kpidsl new-year`",
         "วันที่ที่ตั้งใจให้อยู่นอกปี (เช่น กำหนดส่งรายงานหลังสิ้นปี) ให้เขียนกำกับไว้: `{text} นอกปีงบประมาณ` "
         "การย้ายชุดกฎไปปีใหม่ให้ใช้ `kpidsl new-year`"),
    Code("D011", "date-marked-outside-but-inside", WARNING,
         "{date} is marked outside fiscal year {year}, but it is inside it",
         "{date_th} ระบุว่าอยู่นอกปีงบประมาณ {year} แต่อยู่ในปี",
         "delete `outside_year`, or correct the date", "ลบคำว่า `นอกปีงบประมาณ` หรือแก้วันที่"),
    Code("D012", "round-gap", WARNING,
         "round `{round}` starts {start}: neither the first day of fiscal year {year} ({year_start}) nor the day "
         "after another round ends",
         "รอบ `{round}` เริ่ม {start_th} ซึ่งไม่ใช่วันแรกของปีงบประมาณ {year} ({year_start_th}) "
         "และไม่ใช่วันถัดจากวันสิ้นสุดของรอบอื่น",
         "rounds cover the year without a gap (seed 001: 1 Oct – 31 Mar, 1 Apr – 30 Sep)",
         "รอบต้องครอบคลุมทั้งปีโดยไม่เว้นช่วง (seed 001: 1 ต.ค.–31 มี.ค., 1 เม.ย.–30 ก.ย.)"),
    Code("D013", "rounds-end-early", WARNING,
         "the last round, `{round}`, ends {end}, not on the last day of fiscal year {year} ({year_end})",
         "รอบสุดท้าย `{round}` สิ้นสุด {end_th} ไม่ใช่วันสุดท้ายของปีงบประมาณ {year} ({year_end_th})",
         "end the last round on {year_end}, or add a round that runs to it",
         "ให้รอบสุดท้ายสิ้นสุด {year_end_th} หรือเพิ่มรอบที่สิ้นสุดวันนั้น"),
    Code("D014", "due-date-not-as-stated", WARNING,
         "{what} is due {due}, but its own text gives the deadline as {stated}",
         "{what_th} กำหนดส่ง {due_th} แต่ข้อความของรายการเดียวกันระบุว่าภายใน {stated_th}",
         "the seed states the deadline in both places: correct the date or the text",
         "seed ระบุกำหนดส่งไว้ทั้งสองแห่ง ให้แก้วันที่หรือข้อความให้ตรงกัน"),
    Code("D015", "round-not-whole-months", WARNING,
         "round `{round}` runs {start} – {end}: it starts on the first of a month but does not end on the last "
         "day of one",
         "รอบ `{round}` มีระยะเวลา {start_th} – {end_th} ซึ่งเริ่มวันแรกของเดือนแต่ไม่สิ้นสุดวันสุดท้ายของเดือน",
         "rounds are whole months (seed 001: 1 Oct – 31 Mar, 1 Apr – 30 Sep; seed 002: 6, 9 and 12 months)",
         "รอบการประเมินเป็นเดือนเต็ม (seed 001: 1 ต.ค.–31 มี.ค., 1 เม.ย.–30 ก.ย.; seed 002: 6, 9 และ 12 เดือน)"),
    Code("D016", "round-length-not-as-named", WARNING,
         "round `{round}` is named “{title}” but runs {start} – {end}, {length} months, not {months}",
         "รอบ `{round}` ชื่อ “{title}” แต่มีระยะเวลา {start_th} – {end_th} รวม {length} เดือน ไม่ใช่ {months} เดือน",
         "seed 002: SAR reports of 6, 9 and 12 months, all from 1 Oct",
         "seed 002: รายงานรอบ 6, 9 และ 12 เดือน นับจาก 1 ต.ค. ทุกรอบ"),
    Code("D017", "pool-date-outside-round", WARNING,
         "the salary pool of round `{round}` is counted on {date}, outside the round ({start} – {end})",
         "วงเงินเลื่อนเงินเดือนของรอบ `{round}` คิดจากเงินเดือน ณ {date_th} ซึ่งอยู่นอกรอบ ({start_th} – {end_th})",
         "seed 001: round 1 on the salaries held on 1 Mar, round 2 on 1 Sep",
         "seed 001: รอบที่ 1 คิดจากเงินเดือน ณ 1 มี.ค. รอบที่ 2 ณ 1 ก.ย."),
    Code("D018", "date-not-in-quoted-source", WARNING,
         "{what} is dated {date}, a day the source quoted in the notes of calendar `{calendar}` does not give",
         "{what_th} ลงวันที่ {date_th} ซึ่งไม่มีในข้อความต้นฉบับที่ยกมาในหมายเหตุของปฏิทิน `{calendar}`",
         "correct the date as the quoted source gives it (or the quote, if it was copied wrongly)",
         "แก้วันที่ให้ตรงกับต้นฉบับที่ยกมา (หรือแก้ข้อความที่ยกมาหากคัดลอกผิด)"),
    Code("D019", "pool-date-not-in-quoted-source", WARNING,
         "a salary pool is counted on {date}, a day the source quoted in the salary block's notes does not give "
         "({quoted})",
         "วงเงินเลื่อนเงินเดือนคิด ณ {date_th} ซึ่งไม่มีในข้อความต้นฉบับที่ยกมาในหมายเหตุของหมวดเงินเดือน ({quoted_th})",
         "correct the date as the quoted source gives it (or the quote, if it was copied wrongly)",
         "แก้วันที่ให้ตรงกับต้นฉบับที่ยกมา (หรือแก้ข้อความที่ยกมาหากคัดลอกผิด)"),
    Code("D020", "period-not-as-stated", WARNING,
         "round `{round}` runs {period}, but its own text gives the period as {stated}",
         "รอบ `{round}` มีระยะเวลา {period_th} แต่ข้อความของรอบเดียวกันระบุว่า {stated_th}",
         "correct the period or the text: the seed states it once", "แก้ระยะเวลาหรือข้อความให้ตรงกับ seed"),
    Code("D021", "date-not-as-quoted-day-month", WARNING,
         "{what} is dated {date}, but the seed's line quoted in its notes gives the days {stated} (day and month, "
         "one per round)",
         "{what_th} ลงวันที่ {date_th} แต่ข้อความของ seed ที่ยกมาในหมายเหตุของรายการเดียวกันระบุวันที่ {stated_th} "
         "(วันและเดือน รอบละหนึ่งวัน)",
         "correct the date as the quoted line gives it (or the quote, if it was copied wrongly)",
         "แก้วันที่ให้ตรงกับข้อความที่ยกมา (หรือแก้ข้อความที่ยกมาหากคัดลอกผิด)"),
    Code("D022", "quoted-date-not-in-calendar", WARNING,
         "the source quoted in the notes of calendar `{calendar}` gives {date}, a day none of its activities gives",
         "ข้อความต้นฉบับที่ยกมาในหมายเหตุของปฏิทิน `{calendar}` ระบุวันที่ {date_th} ซึ่งไม่มีกิจกรรมใดในปฏิทินลงวันที่นั้น",
         "give the activity of that row its date as quoted (it may have been typed as another row's day), "
         "or add the missing activity",
         "แก้วันที่ของกิจกรรมในแถวนั้นให้ตรงกับที่ยกมา (อาจพิมพ์เป็นวันที่ของแถวอื่น) หรือเพิ่มกิจกรรมที่ขาด"),
    Code("D023", "holiday-change-changes-nothing", WARNING,
         "`{change}` {date} changes no working day the late-report penalty counts: {reason}",
         "`{change_th}` {date_th} ไม่ได้เปลี่ยนวันทำการที่ใช้นับการปรับลดเมื่อส่งล่าช้า: {reason_th}",
         "check the date: a holiday that falls on a weekend is made up on the next working day (วันหยุดชดเชย)",
         "ตรวจวันที่: วันหยุดที่ตรงกับวันเสาร์หรืออาทิตย์ มีวันหยุดชดเชยในวันทำการถัดไป"),
    # ---- R: rounds and calendars ---------------------------------------------------------------
    Code("R001", "round-missing-period", ERROR,
         "round `{round}` needs a `period`",
         "รอบ `{round}` ต้องมี `ระยะเวลา`",
         "add `period START – END` on the round's line, like `period 2009-10-01 – 2010-03-31` or "
         "`period 1 ต.ค. 2552 – 31 มี.ค. 2553`",
         "เพิ่ม `ระยะเวลา วันเริ่ม – วันสิ้นสุด` ในบรรทัดของรอบ เช่น `ระยะเวลา 1 ต.ค. 2552 – 31 มี.ค. 2553` "
         "หรือ `ระยะเวลา 2009-10-01 – 2010-03-31`"),
    Code("R002", "rounds-overlap", ERROR,
         "rounds `{first}` and `{second}` overlap but start on different days",
         "รอบ `{first}` และ `{second}` ซ้อนทับกันแต่เริ่มคนละวัน",
         "rounds either follow one another or, like 6/9/12-month reports, grow from the same start",
         "รอบต้องต่อเนื่องกัน หรือเริ่มวันเดียวกันแบบรายงานรอบ 6/9/12 เดือน"),
    Code("R003", "framework-without-year", ERROR,
         "framework `{framework}` has no `fiscal_year`",
         "กรอบ `{framework}` ไม่มี `ปีงบประมาณ`",
         "add `fiscal_year` with the BE year in the framework's block, like `fiscal_year 2555`",
         "เพิ่ม `ปีงบประมาณ` เป็นปี พ.ศ. ในบล็อกของกรอบ เช่น `ปีงบประมาณ 2555`"),
    Code("R004", "round-disagrees-with-calendar", WARNING,
         "round `{round}` {what} {date}, but activity `{round}` of calendar `{calendar}` gives {other}",
         "รอบ `{round}` {what_th} {date_th} แต่กิจกรรม `{round}` ในปฏิทิน `{calendar}` ระบุ {other_th}",
         "the seed's calendar table and the round say the same thing: correct one of them",
         "ตารางปฏิทินของ seed และรอบต้องตรงกัน ให้แก้ให้ตรงกัน"),
    Code("R005", "penalty-without-due-date", ERROR,
         "round `{round}` has a late-report penalty but no due date, so no report is ever late and the penalty never "
         "applies",
         "รอบ `{round}` มีการปรับลดคะแนนเมื่อส่งล่าช้าแต่ไม่มีกำหนดส่ง จึงไม่มีรายงานใดล่าช้าและไม่มีการปรับลดเลย",
         "give the round its due date after its period: `due …` (seed 002: the 12-month report by 2011-10-31)",
         "ให้ระบุกำหนดส่งของรอบหลังระยะเวลาของรอบ: `ภายใน …` (seed 002: รายงานรอบ 12 เดือน ภายใน 31 ต.ค. 2554)"),
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
         "{node_th} คิดคะแนนจากตัวชี้วัดย่อยตามที่ตกลง แต่คำรับรอง `{agreement}` ไม่ได้ระบุไว้",
         "in agreement `{agreement}`, write the sub-indicators under {node}, each `kpi ID \"…\" weight W {{ … }}` "
         "with its ladder or milestones (seed 003 slide 10)",
         "ในคำรับรอง `{agreement}` ให้เขียนตัวชี้วัดย่อยภายใต้ {node_th} แต่ละตัวเป็น `ตัวชี้วัด รหัส \"…\" "
         "น้ำหนัก W {{ … }}` พร้อมเกณฑ์หรือขั้นความสำเร็จ (seed 003 สไลด์ 10)"),
    Code("A005", "omit-not-optional", ERROR,
         "{node} is not optional and cannot be omitted",
         "{node_th} ไม่ใช่ตัวชี้วัดแบบถ้ามี จึงยกเว้นไม่ได้",
         "keep it in the agreement (delete `omit`), or mark it `optional` in the framework if the seed lets "
         "agreements leave it out (seed 003 slide 4: 1.2 \"ถ้ามี\")",
         "คงไว้ในคำรับรอง (ลบ `ยกเว้น`) หรือระบุ `ถ้ามี` ในกรอบ ถ้าเอกสารต้นทางให้คำรับรองไม่รับได้ (seed 003 "
         "สไลด์ 4: 1.2 \"ถ้ามี\")"),
    Code("A006", "weight-not-agreed", ERROR,
         "the framework fixes the weight of {node} at {weight}; the agreement cannot change it",
         "กรอบกำหนดน้ำหนักของ {node_th} ไว้ที่ {weight} คำรับรองเปลี่ยนไม่ได้",
         "delete `weight` here or write {weight}; if each agreement sets it, the framework writes `weight agreed`",
         "ลบ `น้ำหนัก` ตรงนี้ หรือเขียน {weight} ถ้าคำรับรองแต่ละฉบับกำหนดเอง กรอบต้องเขียน `น้ำหนัก ตามที่ตกลง`"),
    Code("A007", "agreement-lacks-content", ERROR,
         "agreement `{agreement}` has no {what}, which framework `{framework}` requires",
         "คำรับรอง `{agreement}` ไม่มี{what_th} ซึ่งกรอบ `{framework}` กำหนดให้ต้องมี",
         "add what is lacking to agreement `{agreement}`; `agreement_requires` in framework `{framework}` lists "
         "what every agreement gives",
         "เพิ่มสิ่งที่ขาดลงในคำรับรอง `{agreement}` โดย `คำรับรองต้องมี` ในกรอบ `{framework}` "
         "ระบุสิ่งที่คำรับรองทุกฉบับต้องมี"),
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
         "{node_th} ใช้ตัวชี้วัดตามคำรับรอง แต่คำรับรอง `{agreement}` ไม่ได้ระบุไว้",
         "in agreement `{agreement}`, write its indicators under {node}, each `kpi ID \"…\" weight N {{ … }}` with "
         "its ladder (seed 001: weights (ข) add up to 100%)",
         "ในคำรับรอง `{agreement}` ให้เขียนตัวชี้วัดภายใต้ {node_th} แต่ละตัวเป็น `ตัวชี้วัด รหัส \"…\" น้ำหนัก N "
         "{{ … }}` พร้อมเกณฑ์ (seed 001: น้ำหนัก (ข) รวมกันเท่ากับร้อยละ 100)"),
    Code("A011", "optional-not-taken-up", ERROR,
         "agreement `{agreement}` neither takes up nor omits optional {node}",
         "คำรับรอง `{agreement}` ไม่ได้ระบุว่าจะใช้หรือยกเว้น {node_th} (ถ้ามี)",
         "give it its sub-indicators, or write `omit {id}`", "ระบุตัวชี้วัดย่อย หรือเขียน `ยกเว้น {id}`"),
    # ---- C: cascades -------------------------------------------------------------------------------
    Code("A012", "agreement-period-not-fiscal-year", WARNING,
         "agreement `{agreement}` covers {start} – {end}, not fiscal year {year} ({year_start} – {year_end})",
         "คำรับรอง `{agreement}` มีระยะเวลา {start_th} – {end_th} ไม่ตรงกับปีงบประมาณ {year} ({year_start_th} – {year_end_th})",
         "an agreement covers its fiscal year (seed 002 clause 1.4.2 (2))",
         "คำรับรองมีระยะเวลาตรงกับปีงบประมาณ (seed 002 ข้อ 1.4.2 (2))"),
    Code("A013", "group-without-indicators", ERROR,
         "heading \"{title}\" in {node} names no indicator",
         "หมวด \"{title}\" ใน{node_th} ไม่ได้ระบุตัวชี้วัด",
         "list the ids of the indicators it heads, like `group \"…\" kpi 1 2`",
         "ระบุรหัสตัวชี้วัดในหมวด เช่น `หมวด \"…\" ตัวชี้วัด 1 2`"),
    Code("A014", "group-member-unknown", ERROR,
         "heading \"{title}\" names `{id}`, which is not an indicator directly under {node}",
         "หมวด \"{title}\" ระบุ `{id}` ซึ่งไม่ใช่ตัวชี้วัดที่อยู่ใต้{node_th}โดยตรง",
         "name an indicator written directly under {node}, or move the heading into the block that holds `{id}`",
         "ระบุตัวชี้วัดที่อยู่ใต้{node_th}โดยตรง หรือย้ายหมวดไปไว้ในบล็อกที่มี `{id}`"),
    Code("A015", "group-title-duplicate", ERROR,
         "{node} has two headings \"{title}\"",
         "{node_th} มีหมวด \"{title}\" สองครั้ง",
         "put all of its indicators under one heading", "รวมตัวชี้วัดไว้ในหมวดเดียว"),
    Code("A016", "group-member-twice", ERROR,
         "`{id}` is already under heading \"{first}\" in {node}",
         "`{id}` อยู่ในหมวด \"{first}\" ของ{node_th}แล้ว",
         "an indicator stands under one heading", "ตัวชี้วัดหนึ่งตัวอยู่ได้หมวดเดียว"),
    Code("A017", "weight-where-framework-has-none", ERROR,
         "framework `{framework}` gives {node} no weight, so the weight {weight} the agreement gives it is not used",
         "กรอบ `{framework}` ไม่ได้กำหนดน้ำหนักของ {node_th} น้ำหนัก {weight} ที่คำรับรองกำหนดจึงไม่ถูกใช้",
         "the framework sets the weights, and an agreement only those it marks `weight agreed`: mark {node} so in "
         "the framework, or leave the weight out here",
         "กรอบเป็นผู้กำหนดน้ำหนัก คำรับรองกำหนดได้เฉพาะน้ำหนักที่กรอบระบุว่า `น้ำหนัก ตามที่ตกลง`: ระบุเช่นนั้นที่"
         "{node_th}ในกรอบ หรือไม่ต้องระบุน้ำหนักที่นี่"),
    Code("A018", "every-indicator-omitted", ERROR,
         "agreement `{agreement}` omits every indicator under {node} ({children}), so {node} has no score and the "
         "agreement no total",
         "คำรับรอง `{agreement}` ยกเว้นตัวชี้วัดทุกตัวภายใต้{node_th} ({children}) จึงคิดคะแนนของ{node_th}ไม่ได้ "
         "และคำรับรองไม่มีคะแนนรวม",
         "{hint}", "{hint_th}"),
    Code("A019", "salary-outside-grade", ERROR,
         "the salary {salary} of agreement `{agreement}` is outside grade `{grade}` ({low}–{high}), so its raise is "
         "worked out on a mid-point it cannot have",
         "เงินเดือน {salary} ของคำรับรอง `{agreement}` อยู่นอกช่วงของระดับตำแหน่ง `{grade}` ({low}–{high}) "
         "จำนวนเงินที่ได้เลื่อนจึงคิดจากค่ากลางที่ไม่ใช่ของเงินเดือนนี้",
         "correct the salary or the grade: a salary runs from the grade's minimum to its maximum (seed 001)",
         "แก้เงินเดือนหรือระดับตำแหน่งให้ถูกต้อง: เงินเดือนอยู่ระหว่างขั้นต่ำถึงขั้นสูงของระดับตำแหน่ง (seed 001)"),
    Code("A020", "component-figure-changed", ERROR,
         "the framework fixes the {what} of {node} at {value}; the agreement cannot change it",
         "กรอบกำหนด{what_th}ของ {node_th} ไว้ที่ {value} คำรับรองเปลี่ยนไม่ได้",
         "every agreement under the framework is rated on the same components (seed 001: 70% and 30%, each × 20); "
         "change the framework, or leave the figure out of the agreement",
         "ทุกคำรับรองภายใต้กรอบประเมินด้วยองค์ประกอบเดียวกัน (seed 001: ร้อยละ 70 และ 30 แต่ละองค์ประกอบ × 20) "
         "ให้แก้ที่กรอบ หรือไม่ต้องระบุในคำรับรอง"),
    Code("A021", "salary-without-grade", ERROR,
         "agreement `{agreement}` gives the salary {salary} but no grade, so its raise cannot be worked out",
         "คำรับรอง `{agreement}` ระบุเงินเดือน {salary} แต่ไม่ระบุระดับตำแหน่ง จึงคิดจำนวนเงินที่ได้เลื่อนไม่ได้",
         "a raise is a % of the upper or lower mid-point of the grade the salary is in (seed 001): write "
         "`salary {salary} grade ...` with one of {grades}",
         "จำนวนเงินที่ได้เลื่อนคิดเป็นร้อยละของค่ากลางตอนบนหรือตอนล่างของระดับตำแหน่งที่เงินเดือนอยู่ (seed 001) "
         "ให้เขียน `เงินเดือน {salary} ระดับตำแหน่ง ...` ด้วยระดับตำแหน่งหนึ่งใน {grades}"),
    Code("A022", "agreement-changes-scoring", ERROR,
         "framework `{framework}` scores {node} by {fw_method}, but agreement `{agreement}` scores it by {method}: "
         "an agreement's scoring replaces the framework's whole, and the framework's is dropped without a word",
         "กรอบ `{framework}` คิดคะแนน{node_th}ด้วย{fw_method_th} แต่คำรับรอง `{agreement}` คิดด้วย{method_th} "
         "วิธีคิดคะแนนของคำรับรองแทนของกรอบทั้งหมด วิธีของกรอบจึงถูกทิ้งไปโดยไม่มีคำเตือน",
         "the framework decides how an indicator is scored (seed 003: kpi 7 by 5 steps with due dates, kpi 8 by the "
         "mean of Xq / Yq × 100 on a ladder, kpi 11 by 50% survey + 50% checklist); an agreement may write the same "
         "kind of scoring ({fw_method} again: with its own figures where the framework's policy says "
         "`agreement_ladder agreed`, A027), or leave it to the framework; to score {node} another way, change the "
         "framework",
         "กรอบเป็นผู้กำหนดวิธีคิดคะแนนของตัวชี้วัด (seed 003: ตัวชี้วัด 7 ด้วยขั้นความสำเร็จ 5 ขั้นพร้อมกำหนดส่ง "
         "ตัวชี้วัด 8 ด้วยค่าเฉลี่ยของ Xq / Yq × 100 เทียบเกณฑ์ ตัวชี้วัด 11 ด้วยแบบสำรวจ 50% + checklist 50%) "
         "คำรับรองเขียนวิธีเดียวกันได้ ({fw_method_th} ด้วยตัวเลขของตนเมื่อหลักเกณฑ์ของกรอบเป็น `เกณฑ์ในคำรับรอง ตามที่ตกลง` A027) "
         "หรือไม่ต้องเขียนเลย "
         "หากต้องการคิดคะแนน{node_th}ด้วยวิธีอื่น ให้แก้ที่กรอบ"),
    Code("A023", "part-share-changed", ERROR,
         "framework `{framework}` fixes the share of part `{part}` of {node} at {share}; agreement `{agreement}` "
         "gives it {agreed}",
         "กรอบ `{framework}` กำหนดสัดส่วนของส่วน `{part}` ของ{node_th}ไว้ที่ {share} แต่คำรับรอง `{agreement}` "
         "ให้ {agreed}",
         "the parts of an indicator and their shares are the framework's (seed 003 slide 46: 50% survey + 50% "
         "IT checklist for every department); restate {share}, or leave the parts to the framework",
         "ส่วนประกอบของตัวชี้วัดและสัดส่วนเป็นของกรอบ (seed 003 สไลด์ 46: แบบสำรวจ 50% + checklist IT 50% "
         "ทุกส่วนราชการ) ให้เขียน {share} ตามกรอบ หรือไม่ต้องเขียนส่วนประกอบในคำรับรอง"),
    Code("A024", "node-kind-changed", ERROR,
         "agreement `{agreement}` writes {written}, but framework `{framework}` has it as {node}",
         "คำรับรอง `{agreement}` เขียน{written_th} แต่กรอบ `{framework}` กำหนดไว้เป็น{node_th}",
         "an agreement fills in the framework's own nodes under the framework's keyword: write it as {node}, "
         "or give an indicator the agreement adds an id of its own",
         "คำรับรองเติมรายละเอียดให้หน่วยของกรอบด้วยคำเดียวกับที่กรอบใช้ ให้เขียนเป็น{node_th} "
         "หรือตั้งรหัสใหม่ให้ตัวชี้วัดที่คำรับรองเพิ่ม"),
    Code("A025", "framework-node-misplaced", ERROR,
         "agreement `{agreement}` writes {node} inside {written_in}, but framework `{framework}` has it under "
         "{parent}",
         "คำรับรอง `{agreement}` เขียน{node_th}ไว้ภายใน{written_in_th} แต่กรอบ `{framework}` กำหนดไว้ใต้{parent_th}",
         "an agreement fills in a framework's node by its id wherever it is written, so {node} is scored where the "
         "framework has it, not as a part of {written_in}; write it at the top of the agreement or under its own "
         "place in the framework, or give an indicator the agreement adds an id of its own",
         "คำรับรองเติมรายละเอียดให้หน่วยของกรอบตามรหัส ไม่ว่าจะเขียนไว้ที่ใด {node_th}จึงถูกคิดคะแนนในตำแหน่งของกรอบ "
         "ไม่ใช่เป็นส่วนหนึ่งของ{written_in_th} ให้เขียนไว้ชั้นบนสุดของคำรับรองหรือใต้ตำแหน่งของตนในกรอบ "
         "หรือตั้งรหัสใหม่ให้ตัวชี้วัดที่คำรับรองเพิ่ม"),
    Code("A026", "part-not-in-framework", ERROR,
         "agreement `{agreement}` gives {node} part `{part}`, which framework `{framework}` does not have "
         "(its parts: {parts})",
         "คำรับรอง `{agreement}` ให้{node_th}มีส่วน `{part}` ซึ่งกรอบ `{framework}` ไม่มี (ส่วนของกรอบ: {parts})",
         "the parts of an indicator and their shares are the framework's (seed 003 slide 46: 50% survey + 50% "
         "IT checklist for every department), and the scorer takes the parts an agreement writes in their place; "
         "restate the framework's parts ({parts}), or leave the parts to the framework",
         "ส่วนประกอบของตัวชี้วัดและสัดส่วนเป็นของกรอบ (seed 003 สไลด์ 46: แบบสำรวจ 50% + checklist IT 50% "
         "ทุกส่วนราชการ) และการคิดคะแนนใช้ส่วนที่คำรับรองเขียนแทนของกรอบ ให้เขียนส่วนของกรอบ ({parts}) "
         "หรือไม่ต้องเขียนส่วนประกอบในคำรับรอง"),
    Code("A027", "fixed-ladder-changed", ERROR,
         "agreement `{agreement}` gives {node} {what} other than framework `{framework}` fixes ({fixed}), and the "
         "framework's agreements restate its criteria (`{policy}`)",
         "คำรับรอง `{agreement}` ให้{node_th}มี{what_th}ต่างจากที่กรอบ `{framework}` กำหนด ({fixed}) "
         "ขณะที่คำรับรองของกรอบนี้ต้องเขียนเกณฑ์ตามกรอบ (`{policy_th}`)",
         "seed 003 fixes the criteria of the indicators every department is held to (slide 24: \"กำหนดเกณฑ์การให้"
         "คะแนน ดังนี้ 65 70 75 80 85\"; kpi 7's five steps, slides 29–32), and the scorer takes the agreement's "
         "in their place; restate the framework's, leave them to the framework, or declare `{agreed}` in the "
         "framework's policy where its agreements set their own (seed 002's provinces)",
         "seed 003 กำหนดเกณฑ์ของตัวชี้วัดที่ทุกส่วนราชการใช้ร่วมกัน (สไลด์ 24: \"กำหนดเกณฑ์การให้คะแนน ดังนี้ 65 70 75 "
         "80 85\"; ขั้นความสำเร็จ 5 ขั้นของตัวชี้วัด 7 สไลด์ 29–32) และการคิดคะแนนใช้ของคำรับรองแทน ให้เขียนตามกรอบ "
         "ไม่ต้องเขียน หรือประกาศ `{agreed_th}` ในหลักเกณฑ์ของกรอบหากคำรับรองกำหนดเกณฑ์เอง (จังหวัดใน seed 002)"),
    Code("C001", "split-does-not-add-up", ERROR,
         "split targets of {node} add up to {total}, less than its target {target}",
         "ค่าเป้าหมายที่แบ่งจาก {node_th} รวมได้ {total} น้อยกว่าค่าเป้าหมาย {target}",
         "subordinates' targets must add up to at least the superior's (seed 004, slide 14)",
         "ค่าเป้าหมายของผู้ใต้บังคับบัญชารวมกันต้องไม่น้อยกว่าของผู้บังคับบัญชา"),
    Code("C003", "split-exceeds-lower-target", ERROR,
         "split targets of {node} add up to {total}, more than its target {target}: its ladder is lower-is-better, "
         "so every subordinate can meet their target while the superior misses theirs",
         "ค่าเป้าหมายที่แบ่งจาก {node_th} รวมได้ {total} มากกว่าค่าเป้าหมาย {target} เกณฑ์ของตัวชี้วัดนี้ค่าน้อยดี "
         "ผู้ใต้บังคับบัญชาทุกคนจึงอาจบรรลุเป้าหมายของตนได้ขณะที่ผู้บังคับบัญชาไม่บรรลุ",
         "seed 004 (slide 14) splits a target figure by area so that the parts cover the whole; where less is better "
         "(complaints, errors, outages: seed 004's 4 3 2 1 0) the subordinates' targets add up to at most the "
         "superior's {target}",
         "seed 004 (สไลด์ 14) แบ่งค่าเป้าหมายตามพื้นที่ให้ส่วนที่แบ่งครอบคลุมทั้งหมด เมื่อค่าน้อยดี (เรื่องร้องเรียน "
         "ความผิดพลาด จำนวนครั้งที่ระบบใช้งานไม่ได้: 4 3 2 1 0 ของ seed 004) ค่าเป้าหมายของผู้ใต้บังคับบัญชารวมกัน"
         "ต้องไม่เกิน {target} ของผู้บังคับบัญชา"),
    Code("C004", "direct-cascade-below-superior", ERROR,
         "{node} is cascaded directly from {superior}, but its target {target} is {easier} than the superior's "
         "{superior_target}: it can meet its target while the superior misses theirs",
         "{node_th} ถ่ายทอดโดยตรงจาก {superior_th} แต่ค่าเป้าหมาย {target} {easier_th}ค่าเป้าหมาย {superior_target} "
         "ของผู้บังคับบัญชา ผู้ใต้บังคับบัญชาจึงอาจบรรลุเป้าหมายของตนขณะที่ผู้บังคับบัญชาไม่บรรลุ",
         "a direct cascade hands the indicator and its target down (seed 004 slide 13, 1.1 direct cascading (การถ่ายทอดลงมาโดยตรง)); "
         "Singburi's officer takes the group's 70 75 80 85 90 as 75 80 85 90 95 (slides 24, 27): the same target "
         "or a harder one. Give it a target of {superior_target} or {harder}, or cascade it `split` (a share of the "
         "target figure) or `partial` (one side of the work)",
         "การถ่ายทอดโดยตรงมอบทั้งตัวชี้วัดและค่าเป้าหมาย (seed 004 สไลด์ 13 ข้อ 1.1 การถ่ายทอดลงมาโดยตรง) "
         "นักวิเคราะห์ของสิงห์บุรีรับเกณฑ์ 70 75 80 85 90 ของกลุ่มงานเป็น 75 80 85 90 95 (สไลด์ 24, 27) "
         "คือค่าเป้าหมายเท่าเดิมหรือยากขึ้น ให้กำหนดค่าเป้าหมาย {superior_target} หรือ{harder_th} "
         "หรือถ่ายทอดแบบ `แบ่งเป้าหมาย` หรือ `บางส่วน`"),
    Code("C005", "split-of-a-percentage", ERROR,
         "{node} is cascaded by splitting the target of {superior}, a percentage ({unit}): percentages of parts do "
         "not add up to the percentage of the whole",
         "{node_th} ถ่ายทอดแบบแบ่งเป้าหมายจาก {superior_th} ซึ่งเป็นร้อยละ ({unit}) ร้อยละของแต่ละส่วนรวมกันไม่ได้เป็นร้อยละของทั้งหมด",
         "a split hands each subordinate a share of the target figure, and their figures add up to at least the "
         "superior's (seed 004 slide 14: rai of rice by district and tambon); 80% of one tambon and 80% of another "
         "are 80% of both, not 160%. Cascade a percentage `direct` (the same target or a harder one, slides 24, 27), "
         "or split the count it is a percentage of",
         "การแบ่งเป้าหมายมอบส่วนหนึ่งของตัวเลขเป้าหมายให้ผู้ใต้บังคับบัญชาแต่ละคน และตัวเลขของทุกคนรวมกันต้องไม่น้อยกว่า"
         "ของผู้บังคับบัญชา (seed 004 สไลด์ 14: ไร่ข้าวของอำเภอแบ่งตามตำบล) ร้อยละ 80 ของตำบลหนึ่งและร้อยละ 80 "
         "ของอีกตำบลคือร้อยละ 80 ของทั้งสอง ไม่ใช่ 160 ให้ถ่ายทอดร้อยละแบบ `โดยตรง` (ค่าเป้าหมายเท่าเดิมหรือยากขึ้น "
         "สไลด์ 24, 27) หรือแบ่งจำนวนที่ร้อยละนั้นคิดจาก"),
    Code("C002", "cascade-without-target", ERROR,
         "a split cascade needs a target on {node}",
         "การถ่ายทอดโดยแบ่งค่าเป้าหมายต้องมีค่าเป้าหมายที่ {node_th}",
         "write `target N` in {node}, or give it a ladder whose level 3 is the target, like `ladder 350 355 360 "
         "365 370` (seed 001: subdistrict A (ตำบล ก), 360 rai); the targets split from it add up to at least that (seed 004 slide "
         "14)",
         "เขียน `ค่าเป้าหมาย N` ใน {node_th} หรือกำหนดเกณฑ์ที่ระดับ 3 เป็นค่าเป้าหมาย เช่น `เกณฑ์ 350 355 360 365 "
         "370` (seed 001: ตำบล ก 360 ไร่) ค่าเป้าหมายที่แบ่งไปรวมกันต้องไม่น้อยกว่าค่านี้ (seed 004 สไลด์ 14)"),
    # ---- I: individual limits ------------------------------------------------------------------------
    Code("I001", "limit-violated", ERROR,
         "{subject} is {value}; framework `{framework}` requires {cmp} {limit}",
         "{subject_th} มีค่า {value} แต่กรอบ `{framework}` กำหนดให้ {cmp} {limit}",
         "{hint}", "{hint_th}"),
    Code("I002", "scale-levels", ERROR,
         "a scale needs levels 1 to 5 in order; found {found}",
         "มาตรวัดต้องมีระดับ 1 ถึง 5 เรียงกัน แต่พบ {found_th}",
         "write five levels, one a line, numbered 1 to 5, each with its definition: `1 \"…\"` … `5 \"…\"` (seed "
         "001: competency 1–5)",
         "เขียน 5 ระดับ บรรทัดละระดับ เรียงเลข 1 ถึง 5 พร้อมนิยาม: `1 \"…\"` … `5 \"…\"` (seed 001: สมรรถนะ 1–5)"),
    Code("I003", "grade-figures-out-of-order", ERROR,
         "the figures of grade `{grade}` do not rise from its minimum to its maximum: {figures}",
         "ตัวเลขของระดับตำแหน่ง `{grade}` ไม่ได้เรียงจากขั้นต่ำไปขั้นสูง: {figures_th}",
         "a raise is a % of the mid-point of the half a salary is in: min < lower_mid < split_at < upper_mid < max "
         "(seed 001: 12,530 20,350 25,190 30,600 36,020)",
         "จำนวนเงินที่เลื่อนคิดเป็นร้อยละของค่ากลางของครึ่งช่วงที่เงินเดือนอยู่: ขั้นต่ำ < ค่ากลางล่าง < แบ่งช่วงที่ "
         "< ค่ากลางบน < ขั้นสูง (seed 001: 12,530 20,350 25,190 30,600 36,020)"),
    # ---- X: worked examples -----------------------------------------------------------------------------
    Code("X001", "example-step-not-in-milestones", ERROR,
         "example `{example}` gives a day for step {step} of indicator `{id}`, which has {count} milestone steps",
         "ตัวอย่าง `{example}` ระบุวันที่ของขั้นที่ {step} ของตัวชี้วัด `{id}` ซึ่งมีขั้นความสำเร็จ {count} ขั้น",
         "give the days of steps 1 to the last of that indicator's milestones",
         "ระบุวันที่ของขั้นที่ 1 ถึงขั้นสุดท้ายของขั้นความสำเร็จของตัวชี้วัดนั้น"),
    # An example's line is a rule file's (not a results file's Q009): the fields a node takes
    # are the results reader's (kpidsl/results_fields.py), those an expected line can check
    # kpidsl test's (kpidsl/score/examples.py).
    Code("X002", "example-unknown-field", ERROR,
         "`{field}` is not something {kind} `{id}` takes in an example's {block}: it takes {fields}",
         "`{field_th}` ไม่ใช่ค่าที่{kind_th} `{id}` ใช้ใน{block_th}ของตัวอย่าง ใช้ได้: {fields_th}",
         "{hint}", "{hint_th}"),
    Code("X003", "example-figure-twice", ERROR,
         "{what} is written twice in the {block} of example `{example}`",
         "{what_th} ระบุซ้ำใน{block_th}ของตัวอย่าง `{example}`",
         "the first is at {first}", "ครั้งแรกระบุไว้ที่ {first}"),
    Code("X004", "example-omitted-indicator", ERROR,
         "agreement `{agreement}` omits {kind} `{id}`: example `{example}` gives it a figure that is never scored",
         "คำรับรอง `{agreement}` ยกเว้น{kind_th} `{id}` ตัวอย่าง `{example}` ระบุค่าให้ซึ่งไม่ถูกนำไปคิดคะแนน",
         "the agreement omits it at {first}", "คำรับรองยกเว้นไว้ที่ {first}"),
    Code("X005", "example-part-line", ERROR,
         "example `{example}` gives part `{id}` a line of its own, from which `kpidsl test` reads no figure: {remedy}",
         "ตัวอย่าง `{example}` ระบุส่วน `{id}` เป็นบรรทัดของตัวเอง ซึ่ง kpidsl test ไม่ได้อ่านค่าใด {remedy_th}"),
    Code("X006", "example-unchecked-figure", ERROR,
         "`{field}` is not a figure of the whole evaluation that `kpidsl test` checks in example `{example}`: it checks {fields}",
         "`{field_th}` ไม่ใช่ค่าของผลการประเมินทั้งฉบับที่ kpidsl test ตรวจได้ในตัวอย่าง `{example}` ตรวจได้: {fields_th}",
         "{hint}", "{hint_th}"),
    # The scorer's Q035 told where the example is written: a score on a scale within its levels
    # (kpidsl/scale_scores.py), one of them under the rule set's `scale_score whole`.
    Code("X007", "example-score-off-scale", ERROR,
         "example `{example}` gives {kind} `{id}` score {score}, which is not on scale `{scale}`: it takes {allowed} ({policy})",
         "ตัวอย่าง `{example}` ให้คะแนน {score} แก่{kind_th} `{id}` ซึ่งไม่อยู่ในมาตรวัด `{scale}` มาตรวัดนี้รับ {allowed_th} ({policy_th})"),
    # An expected figure `kpidsl test` fails whatever the results: the scorer never publishes it.
    Code("X008", "example-figure-never-given", ERROR,
         "example `{example}` expects {what} {value}, which kpidsl score never gives: {why}",
         "ตัวอย่าง `{example}` คาด{what_th} {value} ซึ่ง kpidsl score ไม่มีทางให้ได้ {why_th}",
         "{hint}", "{hint_th}"),
    Code("X009", "example-submitted-without-penalty", ERROR,
         "example `{example}` gives the report's submission date `{date}`, but {why}: the date changes no figure",
         "ตัวอย่าง `{example}` ระบุวันที่ส่งรายงาน {date} แต่{why_th} วันที่นี้จึงไม่เปลี่ยนตัวเลขใด",
         "a late report is charged by its round's due date and penalty (seed 002: the 12-month SAR, 0.0500 a "
         "working day): name the round, like `round {round}`{or_drop}",
         "การส่งรายงานล่าช้าคิดจากกำหนดส่งและการปรับลดของรอบ (seed 002: รายงานรอบ 12 เดือน วันทำการละ 0.0500) "
         "ให้ระบุรอบ เช่น `รอบ {round}`{or_drop_th}"),
    Code("X010", "example-given-score-past-cap", ERROR,
         "example `{example}` gives {node} the score {value}, past the cap {cap} of the ladder it is scored on",
         "ตัวอย่าง `{example}` ให้{node_th}ได้คะแนน {value} เกินเพดาน {cap} ของเกณฑ์ที่ใช้คิดคะแนน",
         "the `cap` policy is the most a ladder gives (docs/scoring.md rule 1), and a score given for an indicator "
         "on a ladder stands for the ladder's: `kpidsl score` refuses it (Q057); give {cap} or less, or the result "
         "for the ladder to read",
         "หลักเกณฑ์ `เพดาน` คือคะแนนสูงสุดที่เกณฑ์ให้ได้ (docs/scoring.md ข้อ 1) คะแนนที่ให้ตรงแก่ตัวชี้วัดที่คิดจากเกณฑ์"
         "ใช้แทนคะแนนจากเกณฑ์ `kpidsl score` จึงไม่รับ (Q057) ให้ใส่ไม่เกิน {cap} หรือใส่ผลการดำเนินงานให้คิดจากเกณฑ์"),
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
         "{what_th} {value} ของ `{id}` อยู่นอกช่วง {range_th}"),
    Code("Q005", "results-wrong-round", ERROR,
         "round `{round}` is not a round of {where}",
         "รอบ `{round}` ไม่ใช่รอบของ{where_th}",
         "{hint}", "{hint_th}"),
    Code("Q006", "results-duplicate", ERROR,
         "{what} is given twice",
         "{what_th} ซ้ำกัน",
         "the first is at {first}", "ครั้งแรกอยู่ที่{first_th}"),
    Code("Q007", "results-missing-value", ERROR,
         "agreement `{agreement}` cannot be scored: missing {missing}",
         "คำรับรอง `{agreement}` คิดคะแนนไม่ได้: ขาด {missing_th}",
         "give the row a figure in each of these columns (add any the file lacks): {columns}",
         "ใส่ตัวเลขในคอลัมน์เหล่านี้ของแถว (เพิ่มคอลัมน์ที่ไฟล์ยังไม่มี): {columns}"),
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
         "write 2011-11-03 or `3 พ.ย. 2554`", "เขียนเป็น 2011-11-03 หรือ 3 พ.ย. 2554"),
    Code("Q012", "results-number-separators", ERROR,
         "`{text}` in column `{column}` is not a number: `,` separates thousands in groups of three before the point",
         "`{text}` ในคอลัมน์ `{column}` ไม่ใช่ตัวเลข: จุลภาค `,` ใช้คั่นหลักพันทีละสามหลักหน้าจุดทศนิยมเท่านั้น",
         "write 1,000.5 or 1000.5 (a dot for decimals)", "เขียนเป็น 1,000.5 หรือ 1000.5 (ใช้จุดเป็นจุดทศนิยม)"),
    Code("Q013", "results-foreign-digit", ERROR,
         "`{text}` in column `{column}` uses the digit `{char}` ({name}, {codepoint})",
         "`{text}` ในคอลัมน์ `{column}` ใช้ตัวเลข `{char}` ({name}, {codepoint})",
         "write digits 0-9 or Thai digits (๐-๙)", "เขียนด้วยเลขอารบิก 0-9 หรือเลขไทย ๐-๙"),
    Code("Q014", "results-number-too-long", ERROR,
         "`{text}` in column `{column}` has {count} digits; a number may have at most {limit}",
         "`{text}` ในคอลัมน์ `{column}` มี {count} หลัก ตัวเลขมีได้ไม่เกิน {limit} หลัก",
         "round the figure in the spreadsheet to the decimals the indicator uses (Excel writes 1/3 as "
         "0.333333333333333), or check that two cells did not run together",
         "ปัดตัวเลขในตารางให้เหลือทศนิยมตามที่ตัวชี้วัดใช้ (Excel เขียน 1/3 เป็น 0.333333333333333) "
         "หรือตรวจว่าไม่มีสองช่องติดกัน"),
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
    # Problems the evaluator finds while scoring (kpidsl/score/evaluate): each its own sentence.
    Code("Q017", "results-score-outside-scale", ERROR,
         "score {score} of {id} is outside 0–5",
         "คะแนน {score} ของ {id} อยู่นอกช่วง 0–5",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    Code("Q057", "results-score-past-cap", ERROR,
         "score {score} of {id} is past the cap {cap}: its ladder gives no more",
         "คะแนน {score} ของ {id} เกินเพดาน {cap} เกณฑ์ของตัวชี้วัดนี้ให้คะแนนได้ไม่เกินนั้น",
         "the `cap` policy is the most a ladder gives (docs/scoring.md rule 1), and a score given for an indicator "
         "on a ladder stands for the ladder's: give {cap} or less, or the result for the ladder to read (the rule "
         "is at {rule})",
         "หลักเกณฑ์ `เพดาน` คือคะแนนสูงสุดที่เกณฑ์ให้ได้ (docs/scoring.md ข้อ 1) คะแนนที่ให้ตรงแก่ตัวชี้วัดที่คิดจากเกณฑ์"
         "ใช้แทนคะแนนจากเกณฑ์ ให้ใส่ไม่เกิน {cap} หรือใส่ผลการดำเนินงานให้คิดจากเกณฑ์ (กฎอยู่ที่ {rule})"),
    Code("Q018", "results-formula-input-missing", ERROR,
         "no value for input {name}",
         "ไม่มีค่าของข้อมูล {name}",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    Code("Q019", "results-division-by-zero", ERROR,
         "division by zero: {divisor} is 0 in {formula}",
         "หารด้วยศูนย์: {divisor} เป็น 0 ใน {formula}",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    Code("Q020", "results-steps-outside-milestones", ERROR,
         "{steps} steps of {id} is not a whole number from 0 to {count}",
         "จำนวนขั้น {steps} ของ {id} ต้องเป็นจำนวนเต็ม 0 ถึง {count}",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    Code("Q021", "results-part-score-outside-scale", ERROR,
         "score {score} of part {part} of {id} is outside 0–5",
         "คะแนน {score} ของส่วน {part} ของ {id} อยู่นอกช่วง 0–5",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    # A score on a scale (a competency's): within the scale's levels, one of them under the
    # rule set's `scale_score whole` (kpidsl/scale_scores.py). The reader's at the results cell,
    # and the evaluator's for a score given otherwise (an example's); the SQL engine sends such
    # a row to them. No rule location: the reader tells it at every row, knowing no rule file.
    Code("Q035", "results-score-off-scale", ERROR,
         "score {score} of `{id}` is not on scale `{scale}`, which takes {allowed} ({policy})",
         "คะแนน {score} ของ `{id}` ไม่อยู่ในมาตรวัด `{scale}` ซึ่งรับ {allowed_th} ({policy_th})",
         # a 3.5 or a 0 typed: what to type, then what to do while there is no score (the hint
         # said only the second, under a 3.5 typed for a level)
         "type one of the levels it takes, or leave the cell blank while there is no score",
         "กรอกระดับที่มาตรวัดรับ หรือเว้นช่องว่างไว้ถ้ายังไม่มีคะแนน"),
    Code("Q022", "results-component-without-weights", ERROR,
         "component {id} cannot be added up: {names} {has} no weight",
         "รวมคะแนนองค์ประกอบ {id} ไม่ได้: {names} ไม่มีน้ำหนัก",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    # The range said in both languages, and what to do: the Thai sentence had left the range out,
    # and "the rule is at" sent the officer to a rule file for a figure the scorer knows.
    Code("Q023", "results-raise-outside-band", ERROR,
         "raise {percent}% is outside the range of band {band} ({low}–{high}%)",
         "ร้อยละการเลื่อน {percent} อยู่นอกช่วงของระดับผล {band_th} ({low}–{high}%)",
         "give a raise within {low}–{high}%, or check the row's results; the rule is at {rule}",
         "ให้ร้อยละการเลื่อนอยู่ในช่วง {low}–{high}% หรือตรวจผลการดำเนินงานของแถวนี้ กฎอยู่ที่ {rule}"),
    Code("Q024", "results-raise-over-cap", ERROR,
         "raise {percent}% exceeds the {cap}% cap",
         "ร้อยละการเลื่อน {percent} เกินเพดานร้อยละ {cap}",
         "the rule is at {rule}", "กฎอยู่ที่ {rule}"),
    Code("Q025", "results-empty", ERROR,
         "cannot read the results: the file is empty",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: ไฟล์ว่างเปล่า",
         "save the results again: a CSV with a header row, `agreement` then a column per indicator (`agreement,5,6`), "
         "or JSON records like {{\"agreement\": \"…\", \"results\": {{\"5\": 78}}}}",
         "บันทึกผลการดำเนินงานใหม่: CSV ที่มีแถวหัวตาราง `agreement` ตามด้วยคอลัมน์ของแต่ละตัวชี้วัด (`agreement,5,6`) "
         "หรือ JSON แบบ {{\"agreement\": \"…\", \"results\": {{\"5\": 78}}}}"),
    Code("Q026", "results-row-width", ERROR,
         "cannot read the results: row has {cells} cells, the header {columns}",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: แถวมี {cells} ช่อง แต่หัวตารางมี {columns} ช่อง",
         "give the row as many cells as the header: look for a missing comma, or a comma inside a cell that is not "
         "in double quotes",
         "ให้แถวมีจำนวนช่องเท่ากับหัวตาราง ตรวจหาจุลภาคที่ขาดไป หรือจุลภาคในช่องที่ไม่ได้อยู่ในเครื่องหมายคำพูดคู่"),
    Code("Q027", "results-not-json", ERROR,
         "cannot read the results: not valid JSON: {error}",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: ไม่ใช่ JSON ที่ถูกต้อง: {error}",
         "look at the place named for a missing comma, quote or bracket, or a comma before `}}`; each record is "
         "like {{\"agreement\": \"…\", \"results\": {{\"5\": 78}}}}",
         "ตรวจจุดที่ระบุว่ามีจุลภาค เครื่องหมายคำพูด หรือวงเล็บขาดไป หรือมีจุลภาคก่อน `}}` หรือไม่ "
         "แต่ละรายการเขียนแบบ {{\"agreement\": \"…\", \"results\": {{\"5\": 78}}}}"),
    Code("Q028", "results-record-shape", ERROR,
         "cannot read the results: record {number} is not an object with `results`",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: รายการที่ {number} ไม่ใช่ object ที่มี `results`",
         "write each record as an object whose `results` maps indicators to figures: {{\"agreement\": \"…\", "
         "\"results\": {{\"5\": 78, \"8\": {{\"X1\": 90}}}}}}",
         "เขียนแต่ละรายการเป็น object ที่ `results` จับคู่ตัวชี้วัดกับค่า: {{\"agreement\": \"…\", \"results\": "
         "{{\"5\": 78, \"8\": {{\"X1\": 90}}}}}}"),
    Code("Q034", "results-record-value-shape", ERROR,
         "`{key}` of record {number} is {found}; it must be a text or a number",
         "`{key}` ของรายการที่ {number} เป็น{found_th} ต้องเป็นข้อความหรือตัวเลข",
         "write one value, like \"person\": \"สมชาย ใจดี\"", "เขียนค่าเดียว เช่น \"person\": \"สมชาย ใจดี\""),
    Code("Q029", "results-too-many-columns", ERROR,
         "cannot read the results: the header has {count} columns; a results file may have at most {limit}, "
         "as many as a spreadsheet holds",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: หัวตารางมี {count} คอลัมน์ ไฟล์ผลการดำเนินงานมีได้ไม่เกิน {limit} คอลัมน์ "
         "เท่าที่โปรแกรมตารางคำนวณรองรับ",
         "a results file has a column for each value its agreements take (`kpidsl workbook` makes such a sheet)",
         "ไฟล์ผลการดำเนินงานมีหนึ่งคอลัมน์ต่อค่าที่คำรับรองใช้ (คำสั่ง `kpidsl workbook` สร้างตารางแบบนี้ให้)"),
    Code("Q030", "results-record-too-many-keys", ERROR,
         "cannot read the results: record {number} gives {count} {what}; a record may give at most {limit}, "
         "as many as a results table's columns",
         "อ่านไฟล์ผลการดำเนินงานไม่ได้: รายการที่ {number} ให้{what_th} {count} ค่า รายการหนึ่งให้ได้ไม่เกิน {limit} ค่า "
         "เท่าจำนวนคอลัมน์ของตารางผลการดำเนินงาน",
         "a record gives one value for each value its agreement takes (Q029 holds a CSV header to the same)",
         "รายการหนึ่งให้หนึ่งค่าต่อค่าที่คำรับรองใช้ (หัวตาราง CSV มีข้อจำกัดเดียวกัน Q029)"),
    # `score --agreement` / `--round` say what the results are for: a cell naming another
    # (kpidsl/score/results/reader.py) is not scored as the cell says without a word.
    Code("Q031", "results-agreement-not-the-option", ERROR,
         "the results here are for agreement `{id}`, but --agreement says `{given}`",
         "ผลการดำเนินงานนี้เป็นของคำรับรอง `{id}` แต่ --agreement ระบุ `{given}`",
         "leave --agreement out to score each row as its own `agreement` says, or correct this one",
         "ไม่ต้องระบุ --agreement เพื่อคิดคะแนนแต่ละแถวตาม `agreement` (คำรับรอง) ของแถวนั้น หรือแก้ไขค่านี้"),
    Code("Q033", "results-none-for-agreement", ERROR,
         "no row of {path} is for agreement `{agreement}`: its forms would be printed blank",
         "ไม่มีแถวใดใน {path} เป็นของคำรับรอง `{agreement}` แบบฟอร์มจะว่างเปล่า",
         "its rows are for: {found}; give one of those to --agreement, or leave --results out for blank forms",
         "แถวในไฟล์เป็นของ: {found} ให้ระบุหนึ่งในนั้นด้วย --agreement หรือไม่ต้องระบุ --results เพื่อพิมพ์แบบฟอร์มเปล่า"),
    Code("Q032", "results-round-not-the-option", ERROR,
         "the results here are for round `{round}`, but --round says `{given}`",
         "ผลการดำเนินงานนี้เป็นของรอบ `{round}` แต่ --round ระบุ `{given}`",
         "leave --round out to score each row in the round its own `round` says, or correct this one",
         "ไม่ต้องระบุ --round เพื่อคิดคะแนนแต่ละแถวตาม `round` (รอบ) ของแถวนั้น หรือแก้ไขค่านี้"),
    # Q040–Q049: the seeds' rules read from results (steps one by one, sample size, raise pool).
    Code("Q040", "results-step-mark", ERROR,
         "`{text}` in column `{column}` says neither that step {step} of `{id}` is done nor when",
         "`{text}` ในคอลัมน์ `{column}` ไม่ได้บอกว่าขั้นที่ {step} ของ `{id}` ทำแล้วหรือทำเมื่อใด",
         "write the date the step was done, or ✓ (or 1) for done and 0 or nothing for not done",
         "เขียนวันที่ที่ทำขั้นนั้นเสร็จ หรือ ✓ (หรือ 1) ว่าทำแล้ว และ 0 หรือเว้นว่างว่ายังไม่ทำ"),
    Code("Q041", "results-unknown-pool-group", ERROR,
         "`{group}` is not a pool group of framework `{framework}`",
         "`{group}` ไม่ใช่กลุ่มวงเงินของกรอบ `{framework}`",
         "groups: {groups}", "กลุ่มวงเงิน: {groups}"),
    # A salary counted in a pool kept by group, with the group left blank: told at the group's
    # cell (kpidsl/score/pool.py), never as Q041's "`` is not a pool group".
    Code("Q054", "results-pool-group-missing", ERROR,
         "a salary is given but no pool group of framework `{framework}`",
         "มีเงินเดือนแต่ไม่ได้เลือกกลุ่มวงเงินของกรอบ `{framework}`",
         "choose the person's group: {groups}", "เลือกกลุ่มวงเงินของผู้รับการประเมิน: {groups}"),
    Code("Q055", "results-date-without-round", ERROR,
         "the report date {date} is read against a round's due date, but the row names no round and agreement "
         "`{agreement}` none: framework `{framework}` penalises a late report of round {rounds}",
         "วันที่ส่งรายงาน {date} ต้องเทียบกับกำหนดส่งของรอบ แต่แถวนี้ไม่ได้ระบุรอบ และคำรับรอง `{agreement}` "
         "ก็ไม่ได้ระบุ กรอบ `{framework}` ปรับลดคะแนนเมื่อส่งรายงานของรอบ {rounds} ล่าช้า",
         "seed 002 reckons a late report by its round's due date (the 12-month report, 0.0500 a working day; the "
         "6- and 9-month reports are not penalised), so a date with no round was read by nothing and no penalty "
         "taken; name the row's round in the `round` column ({all_rounds})",
         "seed 002 นับการส่งล่าช้าจากกำหนดส่งของรอบ (รายงานรอบ 12 เดือน ปรับลดวันละ 0.0500 ต่อวันทำการ "
         "รอบ 6 และ 9 เดือนไม่ปรับลด) วันที่ที่ไม่มีรอบจึงไม่ถูกใช้และไม่ถูกปรับลด ให้ระบุรอบของแถวในคอลัมน์ `รอบ` "
         "({all_rounds})"),
    Code("Q056", "results-pool-without-round", ERROR,
         "a salary is given, but the row names no round and agreement `{agreement}` none: the raise pools of "
         "framework `{framework}` are for round {rounds} only",
         "มีเงินเดือน แต่แถวนี้ไม่ได้ระบุรอบ และคำรับรอง `{agreement}` ก็ไม่ได้ระบุ วงเงินเลื่อนเงินเดือนของกรอบ "
         "`{framework}` เป็นของรอบ {rounds} เท่านั้น",
         "seed 001 (ว 20/52: two rounds a year; ว 28/52 clause 1: 3% of the salaries held on 1 Mar for round 1, on "
         "1 Sep for round 2) holds each raise to its round's pool, so a raise with no round was held to none; "
         "name the row's round in the `round` column ({rounds})",
         "seed 001 (ว 20/52: ปีละ 2 รอบ; ว 28/52 ข้อ 1: ร้อยละ 3 ของเงินเดือนที่ครองอยู่ ณ 1 มี.ค. สำหรับรอบที่ 1 "
         "และ ณ 1 ก.ย. สำหรับรอบที่ 2) จำกัดการเลื่อนแต่ละครั้งด้วยวงเงินของรอบนั้น การเลื่อนที่ไม่มีรอบจึงไม่ถูกจำกัด"
         "ด้วยวงเงินใด ให้ระบุรอบของแถวในคอลัมน์ `รอบ` ({rounds})"),
    Code("Q042", "results-pool-exceeded", ERROR,
         "the raises of {what} come to {given} baht, more than its pool of {pool} baht ({percent}% of {salaries})",
         "เงินเลื่อนของ{what_th}รวม {given} บาท เกินวงเงิน {pool} บาท (ร้อยละ {percent} ของ {salaries})",
         "{hint}", "{hint_th}"),
    Code("Q044", "results-unknown-grade", ERROR,
         "`{grade}` is not a salary grade of framework `{framework}`",
         "`{grade}` ไม่ใช่ระดับตำแหน่งในการเลื่อนเงินเดือนของกรอบ `{framework}`",
         "grades: {grades}", "ระดับตำแหน่ง: {grades}"),
    Code("Q043", "results-pool-needs-salary", ERROR,
         "{what} counts towards a raise pool but has no salary",
         "{what_th} อยู่ในวงเงินเลื่อนเงินเดือนแต่ไม่มีเงินเดือน",
         "add a `salary` (เงินเดือน) column, or the agreement's `salary`",
         "เพิ่มคอลัมน์ `salary` (เงินเดือน) หรือระบุ `เงินเดือน` ในคำรับรอง"),
    # A results row's salary (or grade) the raise cannot be worked from: the raise is a % of the
    # mid-point of the half of the grade the salary is in (seed 001); one outside the grade's
    # minimum–maximum is in neither half (the agreement's own is A019, at check).
    Code("Q047", "results-salary-outside-grade", ERROR,
         "the salary {salary} of `{id}` is outside grade `{grade}`, so its raise cannot be worked out",
         "เงินเดือน {salary} ของ `{id}` อยู่นอกช่วงของระดับตำแหน่ง `{grade}` จึงคิดจำนวนเงินที่ได้เลื่อนไม่ได้",
         "grade `{grade}` runs from {low} to {high} (seed 001): correct the salary or the grade",
         "ระดับตำแหน่ง `{grade}` มีเงินเดือนตั้งแต่ขั้นต่ำ {low} ถึงขั้นสูง {high} (seed 001): แก้เงินเดือนหรือระดับตำแหน่งให้ถูกต้อง"),
    # Q050–Q059: results as people keep them in spreadsheets (issue J). Q017–Q028 and Q040–Q049 are
    # taken on other branches.
    Code("Q045", "results-changed-before-printing", ERROR,
         "{path} changed while it was being scored; nothing was printed",
         "{path} ถูกแก้ไขระหว่างการคำนวณคะแนน จึงไม่ได้พิมพ์ผลใดออกมา",
         "score it again once nothing is writing to it, or name an output file with -o",
         "คำนวณใหม่เมื่อไม่มีโปรแกรมใดเขียนไฟล์นี้อยู่ หรือระบุไฟล์ผลลัพธ์ด้วย -o", io=True),
    Code("Q046", "results-changed-while-printing", ERROR,
         "{path} changed while its scores were being printed; what was printed is incomplete and may mix two versions",
         "{path} ถูกแก้ไขระหว่างการพิมพ์ผลคะแนน ผลที่พิมพ์ออกมาไม่ครบและอาจปนกันสองฉบับ",
         "discard what was printed and score it again once nothing is writing to it, or name an output file with -o",
         "ทิ้งผลที่พิมพ์ออกมาแล้วคำนวณใหม่เมื่อไม่มีโปรแกรมใดเขียนไฟล์นี้อยู่ หรือระบุไฟล์ผลลัพธ์ด้วย -o", io=True),
    Code("Q050", "results-long-layout", ERROR,
         "column `{column}` lists indicators one per row; results have one row per evaluation and a column per indicator",
         "คอลัมน์ `{column}` เรียงตัวชี้วัดทีละแถว แต่ผลการดำเนินงานต้องเป็นหนึ่งแถวต่อการประเมินหนึ่งครั้ง หนึ่งคอลัมน์ต่อตัวชี้วัด",
         "write the header as {expected} and one row below it for each evaluation (`kpidsl workbook` makes such a sheet)",
         "เขียนหัวตารางเป็น {expected} แล้วกรอกหนึ่งแถวต่อการประเมินหนึ่งครั้ง (คำสั่ง `kpidsl workbook` สร้างตารางแบบนี้ให้)"),
    # Not an error in the input (a header alone is a well-formed table): told so that an empty
    # output is not taken for a scoring that lost its rows (kpidsl/cli/commands.py score).
    Code("Q051", "results-no-evaluation", WARNING,
         "the results hold no evaluation: nothing was scored",
         "ผลการดำเนินงานไม่มีการประเมินเลย จึงไม่ได้คิดคะแนนรายการใด",
         "a results file has a row below its header for each evaluation (`kpidsl workbook` makes such a sheet)",
         "ไฟล์ผลการดำเนินงานมีหนึ่งแถวใต้หัวตารางต่อการประเมินหนึ่งครั้ง (คำสั่ง `kpidsl workbook` สร้างตารางแบบนี้ให้)"),
    # The same of one file of a folder whose other files were scored: a file left blank by
    # whoever was to fill it would otherwise drop out of the batch without a word.
    Code("Q052", "results-file-no-evaluation", WARNING,
         "this results file holds no evaluation: the other files of {folder} were scored without it",
         "ไฟล์ผลการดำเนินงานนี้ไม่มีการประเมินเลย คะแนนที่คิดได้มาจากไฟล์อื่นใน {folder} โดยไม่มีไฟล์นี้",
         "fill a row below its header for each evaluation, or take the file out of the folder if it is not meant to hold any",
         "กรอกหนึ่งแถวใต้หัวตารางต่อการประเมินหนึ่งครั้ง หรือนำไฟล์ออกจากโฟลเดอร์หากไม่ได้ตั้งใจให้มีการประเมิน"),
    # A NUL in a cell of a workbook (`_x0000_`), a JSON string (`\\u0000`) or a Parquet file: refused
    # at its cell, as a CSV holding one is refused whole (F005); no output carries it (a CSV's
    # reader may stop at it, a C string ends there), and no person can see or type it.
    Code("Q053", "results-nul-in-cell", ERROR,
         "the cell of `{column}` holds a NUL character (U+0000), which is not text",
         "ช่องของ `{column}` มีอักขระ NUL (U+0000) ซึ่งไม่ใช่ข้อความ",
         "nobody types a NUL: it comes from the program that made the file; type the cell again, "
         "or export the file again",
         "อักขระ NUL ไม่ได้เกิดจากการพิมพ์ แต่มาจากโปรแกรมที่สร้างไฟล์ ให้พิมพ์ค่าในช่องนี้ใหม่ "
         "หรือส่งออกไฟล์จากโปรแกรมนั้นอีกครั้ง"),
    # `diff --rescore`: the raise typed for OLD's band does not fit the band a rule set gives the
    # row (a weight change moved it). The total and band are still that rule set's; only the
    # raise is flagged, at its cell (kpidsl/diff/rescore.py), with what to do before paying.
    Code("Q059", "rescore-raise-outside-band", WARNING,
         "raise {percent}% does not fit band {band} under {rules} ({range})",
         "ร้อยละการเลื่อน {percent} ไม่อยู่ในช่วงของระดับผล {band_th} ตามชุดกฎ {rules} ({range_th})",
         "the total and band are as {rules} says; before paying under {rules}, give this row a raise that fits "
         "band {band} ({range}); the band is at {rule}",
         "คะแนนรวมและระดับผลเป็นไปตามชุดกฎ {rules} แล้ว ก่อนเลื่อนเงินเดือนตามชุดกฎ {rules} "
         "ให้แก้ร้อยละการเลื่อนของแถวนี้ให้เข้ากับระดับผล {band_th} ({range_th}) ระดับผลอยู่ที่ {rule}"),
    # `--person` (score, render --results): one person's rows, by the person column a workbook
    # carries (kpidsl/score/results/one_person.py). No row of that person: at the results named.
    Code("Q060", "results-person-not-found", ERROR,
         "no row of {path} is of person `{person}`",
         "ไม่มีแถวใดใน {path} เป็นของผู้รับการประเมิน `{person}`",
         "give the person as the `person` column writes it (such as {found})",
         "ระบุผู้รับการประเมินตามที่เขียนในคอลัมน์ `person` (เช่น {found})"),
    # Two rows of one person in the same agreement and round: which one is theirs is not kpidsl's
    # to guess; told at the second, naming the first.
    Code("Q061", "results-person-twice", ERROR,
         "person `{person}` has a second row for agreement `{agreement}` round {round}: the first is at {first}",
         "ผู้รับการประเมิน `{person}` มีแถวที่สองของคำรับรอง `{agreement}` รอบ {round} แถวแรกอยู่ที่ {first}",
         "keep one row of each person for each round: delete or rename the other (a namesake: give each a "
         "name the other does not have)",
         "ให้แต่ละคนมีแถวเดียวต่อรอบ ลบหรือแก้ชื่อในแถวที่ไม่ใช่ (ถ้าชื่อซ้ำกันจริง ให้เติมชื่อที่แยกกันได้)"),
    # `--person`: other people's rows with problems, counted in one line (kpidsl/score/batch.py), not
    # told one by one; the person's rows are scored all the same, and the run exits 1 (the input,
    # the results file, has errors).
    Code("Q062", "results-others-have-errors", ERROR,
         "{rows} other row(s) of {path} have errors ({errors} in all), not shown with --person `{person}`",
         "แถวอื่นใน {path} อีก {rows} แถวมีข้อผิดพลาด (รวม {errors} รายการ) ซึ่งไม่แสดงเมื่อระบุ --person `{person}`",
         "score without --person to see each of them at its cell",
         "คิดคะแนนโดยไม่ระบุ --person เพื่อดูข้อผิดพลาดแต่ละรายการที่ช่องของมัน"),
    # A report dated before its round (kpidsl/early_reports.py): seed 002 ข้อ 1.5.2 gives a round its
    # period and the date its report is due by, so a report is sent after the period ends; a round
    # without a due date (seed 001's evaluation rounds, evaluated in their last weeks) from its start.
    # Earlier is a mistyped date, most often its year: told at the cell, the row not scored.
    Code("Q058", "results-report-before-round", ERROR,
         "the report of round `{round}` is dated {day}, before the round {when} ({limit})",
         "รายงานของรอบ `{round}` ลงวันที่ {day_th} ก่อนรอบ{when_th} ({limit_th})",
         "{why}; check the date's year (dates without one are read in fiscal year {fiscal_year}; a Buddhist Era "
         "year is the Christian one + 543), or the round the row names",
         "{why_th} ให้ตรวจปีของวันที่ (วันที่ที่ไม่ระบุปีอ่านเป็นปีงบประมาณ {fiscal_year} ปีพุทธศักราชคือคริสต์ศักราช + 543) "
         "หรือรอบที่แถวนี้ระบุ"),
    # An ISO date (2554-11-03) whose year is a Buddhist-era one, as a spreadsheet set to the Thai
    # calendar shows and saves a date: an ISO year is the Common Era's, so it read as 543 years on
    # (a late-report penalty of thousands, a step done in time counted late). Never a year of ours.
    Code("Q063", "results-iso-date-be-year", ERROR,
         "`{text}` writes the Buddhist-era year {year} in an ISO date, whose year is the Common Era's",
         "`{text}` เขียนปี พ.ศ. {year} ในวันที่แบบ ISO ซึ่งปีต้องเป็น ค.ศ.",
         "write {iso} (ISO, the year CE) or `{thai}`",
         "เขียนเป็น {iso} (แบบ ISO ปี ค.ศ.) หรือ {thai}"),
    # A header with no `agreement` column, read without --agreement (kpidsl/score/results/header.py):
    # no row can say whose it is. Told once at the header, not as Q001 at every row's first cell.
    Code("Q064", "results-header-without-agreement", ERROR,
         "no column of this header names the agreement a row is for, and --agreement is not given",
         "หัวตารางนี้ไม่มีคอลัมน์ที่ระบุคำรับรองของแต่ละแถว และไม่ได้ระบุ --agreement",
         "{hint}", "{hint_th}"),
    # A header whose cells are separated by `;` or tabs (kpidsl/score/results/header.py): read as one
    # column, each row as one cell. Told once at the header, not at every row.
    Code("Q065", "results-header-other-separator", ERROR,
         "the header's cells are separated by {separator}, not by commas",
         "ช่องของหัวตารางคั่นด้วย {separator} ไม่ใช่จุลภาค",
         "save the file again as CSV with commas (Excel: Save As → CSV UTF-8 (Comma delimited))",
         "บันทึกไฟล์ใหม่เป็น CSV ที่คั่นด้วยจุลภาค (Excel: บันทึกเป็น → CSV UTF-8 (Comma delimited))"),
    # A row whose agreement cell is blank (or a JSON record without one), with no --agreement: the
    # column is there (a header without it is Q064, once), the row names none. It was Q001 "no
    # agreement `` in rule set X", its hint asking for the column the header has.
    Code("Q066", "results-row-without-agreement", ERROR,
         "this row names no agreement: its `agreement` is blank",
         "แถวนี้ไม่ได้ระบุคำรับรอง: ช่อง `agreement` ว่าง",
         "write the id of the row's agreement there (rule set {rule_set} has {known}), or give --agreement when "
         "every row is of one",
         "เขียนรหัสคำรับรองของแถวนี้ลงในช่องนั้น (ชุดกฎ {rule_set} มี {known}) หรือระบุ --agreement เมื่อทุกแถวเป็นของคำรับรองเดียวกัน"),
    # ---- P: policies ------------------------------------------------------------------------------------
    Code("P001", "policy-value", ERROR,
         "policy `{key}` cannot be {value}: {reason}",
         "หลักเกณฑ์ `{key}` เป็น {value} ไม่ได้: {reason_th}",
         "scores run from level 1 to level 5 (seed 003 slide 11): a `floor` is at most 1 and a `cap` at least 1",
         "คะแนนอยู่ระหว่างระดับ 1 ถึงระดับ 5 (seed 003 สไลด์ 11) `คะแนนต่ำสุด` ไม่เกิน 1 และ `เพดาน` ไม่ต่ำกว่า 1"),
    Code("P002", "policy-conflict", ERROR,
         "policy `{key}` is set twice in rule set: here and at {other}",
         "หลักเกณฑ์ `{key}` ถูกกำหนดซ้ำในชุดกฎ: ที่นี่และที่ {other}",
         "keep one: delete this `{key}` or the one at {other}",
         "ให้เหลือเพียงหนึ่ง: ลบ `{key}` ตรงนี้ หรือที่ {other}"),
    # P010–P019: the seeds' declared rules (survey sample size, raise pool groups)
    Code("P010", "sample-size-error", ERROR,
         "the accepted error of a sample size must be above 0 and below 1 (5% or 0.05); it is {value}",
         "ความคลาดเคลื่อนที่ยอมรับได้ของขนาดตัวอย่างต้องมากกว่า 0 และน้อยกว่า 1 (5% หรือ 0.05) แต่เป็น {value}"),
    Code("P011", "sample-size-rows-overlap", ERROR,
         "a population of {value} falls in this row and in the row at line {line}",
         "ประชากร {value} อยู่ทั้งในแถวนี้และในแถวที่บรรทัด {line}",
         "give each population one row: start a row one above where the row before ends, like `population 1 – 500 "
         "-> …` and `population 501 – 1,000 -> …`",
         "ให้จำนวนประชากรแต่ละค่าอยู่เพียงแถวเดียว แถวถัดไปเริ่มต่อจากค่าสุดท้ายของแถวก่อนหนึ่งค่า เช่น `ประชากร 1 "
         "– 500 -> …` และ `ประชากร 501 – 1,000 -> …`"),
    Code("P012", "pool-group-duplicate", ERROR,
         "pool group `{id}` is declared twice; the first is at line {line}",
         "กลุ่มวงเงิน `{id}` ประกาศซ้ำ ครั้งแรกอยู่ที่บรรทัด {line}",
         "give this group another name, or write its lines in the first one, at line {line}",
         "ตั้งชื่อกลุ่มนี้ใหม่ หรือย้ายบรรทัดของกลุ่มไปไว้ในกลุ่มแรกที่บรรทัด {line}"),
    Code("P015", "round-without-pool", ERROR,
         "round `{round}` has no salary pool: the pools are for round {rounds} only, so the raises of round "
         "`{round}` are held to no pool",
         "รอบ `{round}` ไม่มีวงเงินเลื่อนเงินเดือน วงเงินที่ประกาศเป็นของรอบ {rounds} เท่านั้น "
         "การเลื่อนเงินเดือนของรอบ `{round}` จึงไม่ถูกจำกัดด้วยวงเงินใด",
         "seed 001 (ว 28/52 clause 1) gives each round its pool: 3% of the salaries held on 1 Mar for round 1 and "
         "on 1 Sep for round 2; write `pool 3% on … round {round}`, or a `pool` naming no round to serve every round",
         "seed 001 (ว 28/52 ข้อ 1) กำหนดวงเงินของแต่ละรอบ: ร้อยละ 3 ของเงินเดือนที่ครองอยู่ ณ 1 มี.ค. สำหรับรอบที่ 1 "
         "และ ณ 1 ก.ย. สำหรับรอบที่ 2 ให้เขียน `วงเงิน 3% ณ … รอบ {round}` หรือวงเงินที่ไม่ระบุรอบเพื่อใช้กับทุกรอบ"),
    Code("P013", "sample-size-row-empty", ERROR,
         "no population falls in this row ({low} to {high} people), so its sample of {n} is never given",
         "ไม่มีจำนวนประชากรใดอยู่ในแถวนี้ ({low} ถึง {high} คน) ขนาดตัวอย่าง {n} ของแถวนี้จึงไม่เคยถูกใช้",
         "write the smaller population first (seed 003 slide 52: 10,001 – 100,000 -> 400); populations are whole "
         "people",
         "เขียนจำนวนประชากรที่น้อยกว่าก่อน (seed 003 สไลด์ 52: 10,001 – 100,000 -> 400) จำนวนประชากรเป็นจำนวนคนเต็ม"),
    Code("P014", "cap-not-held", WARNING,
         "cap {cap} holds only a score read on a ladder (a ladder's or a formula's): {indicators} can still score "
         "up to 5",
         "เพดาน {cap} จำกัดเฉพาะคะแนนที่อ่านจากเกณฑ์ (ของเกณฑ์หรือสูตร) แต่ {indicators_th} ยังได้คะแนนถึง 5",
         "the cap is the most a ladder gives (seed 003 slide 11: a ladder's levels 1–5; the forms say "
         "“คะแนนจากเกณฑ์ไม่เกิน {cap}”); milestones count up to 5 steps, and a score given or on a scale runs "
         "to 5, whatever the cap: score them on a ladder if no indicator is to pass {cap}, or leave the cap at 5",
         "เพดานคือคะแนนสูงสุดที่เกณฑ์ให้ (seed 003 สไลด์ 11: เกณฑ์ระดับ 1–5 แบบฟอร์มเขียนว่า "
         "“คะแนนจากเกณฑ์ไม่เกิน {cap}”) ขั้นความสำเร็จนับได้ถึง 5 ขั้น และคะแนนที่กรอกหรือตามมาตรวัดได้ถึง 5 "
         "ไม่ว่าเพดานเท่าใด หากไม่ให้ตัวชี้วัดใดเกิน {cap} ให้ใช้เกณฑ์กับตัวชี้วัดเหล่านั้น หรือใช้เพดาน 5"),
    # ---- Y: year over year -------------------------------------------------------------------------------
    Code("Y001", "review-needed", WARNING,
         "review needed in {where}: “{text}”",
         "ต้องทบทวนใน{where_th}: {text_th}",
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
         "ไม่ได้จัดรูปแบบ: ข้อความที่จัดรูปแบบแล้วของ {path} ไม่ผ่านการตรวจ{check_th} ({detail_th})",
         "the file is left as it was; this is a fault in kpidsl fmt: please report it with the file",
         "ไฟล์ยังคงเดิม นี่เป็นข้อผิดพลาดของ kpidsl fmt กรุณาแจ้งพร้อมแนบไฟล์"),
    Code("E004", "lsp-message-too-big", ERROR,
         "the editor sent a message of {size} bytes, past the {most} MiB kpidsl lsp reads; the server stops",
         "โปรแกรมแก้ไขส่งข้อความขนาด {size} ไบต์ เกิน {most} MiB ที่ kpidsl lsp อ่านได้ เซิร์ฟเวอร์จึงหยุดทำงาน",
         "split the file into smaller .kpi files, then restart kpidsl lsp from the editor",
         "แบ่งไฟล์เป็นไฟล์ .kpi ที่เล็กลง แล้วสั่งเริ่ม kpidsl lsp ใหม่จากโปรแกรมแก้ไข",
         io=True),
    # What pygls would show as "Error in server: …" (kpidsl/lsp/server.py report_server_error): a
    # message from the editor that could not be read, or a notification whose handling failed.
    Code("E005", "lsp-message-failed", ERROR,
         "kpidsl lsp could not handle a message from the editor ({text}); the server reads on",
         "kpidsl lsp จัดการข้อความจากโปรแกรมแก้ไขไม่ได้ ({text}) เซิร์ฟเวอร์ยังทำงานต่อ",
         "the editor's output panel for kpidsl has the details",
         "ดูรายละเอียดได้ที่แผงผลลัพธ์ (Output) ของ kpidsl ในโปรแกรมแก้ไข"),
    # A request kpidsl lsp answers with an error (kpidsl/lsp/server.py KpiServer.answered): the
    # editor shows the answer's message, which pygls wrote in English ("Invalid Params",
    # "Method Not Found: …", a Python exception); each is one of these, in the server's language.
    Code("E006", "lsp-request-invalid", ERROR,
         "kpidsl lsp cannot answer `{method}`: its parameters are not what the language server protocol asks for",
         "kpidsl lsp ตอบคำขอ `{method}` ไม่ได้: พารามิเตอร์ของคำขอไม่เป็นไปตามที่โปรโตคอล language server กำหนด",
         "the editor's output panel for kpidsl has the details",
         "ดูรายละเอียดได้ที่แผงผลลัพธ์ (Output) ของ kpidsl ในโปรแกรมแก้ไข"),
    Code("E007", "lsp-method-unknown", ERROR,
         "kpidsl lsp does not answer `{method}`",
         "kpidsl lsp ไม่รองรับคำขอ `{method}`"),
    Code("E008", "lsp-request-cancelled", ERROR,
         "`{method}` was cancelled before kpidsl lsp answered it",
         "คำขอ `{method}` ถูกยกเลิกก่อนที่ kpidsl lsp จะตอบ"),
    Code("E009", "lsp-request-failed", ERROR,
         "kpidsl lsp could not answer `{method}` ({text}); the server reads on",
         "kpidsl lsp ตอบคำขอ `{method}` ไม่ได้ ({text}) เซิร์ฟเวอร์ยังทำงานต่อ",
         "the editor's output panel for kpidsl has the details",
         "ดูรายละเอียดได้ที่แผงผลลัพธ์ (Output) ของ kpidsl ในโปรแกรมแก้ไข"),
    Code("E010", "lsp-shut-down", ERROR,
         "kpidsl lsp has been shut down: it answers no `{method}` now",
         "kpidsl lsp ปิดการทำงานแล้ว จึงไม่ตอบคำขอ `{method}`",
         "restart kpidsl lsp from the editor",
         "สั่งเริ่ม kpidsl lsp ใหม่จากโปรแกรมแก้ไข"),
    # A change to a document the editor has not opened (kpidsl/lsp/server.py _Protocol): a client
    # that breaks the protocol. pygls failed on it with a KeyError, shown as E005.
    Code("E011", "lsp-change-unopened", ERROR,
         "the editor sent changes to {uri}, which it has not opened (textDocument/didOpen); "
         "kpidsl lsp passed them over and reads on",
         "โปรแกรมแก้ไขส่งการแก้ไขของ {uri} ซึ่งยังไม่ได้เปิด (textDocument/didOpen) "
         "kpidsl lsp จึงข้ามการแก้ไขนั้นและทำงานต่อ",
         "close the file in the editor and open it again", "ปิดไฟล์ในโปรแกรมแก้ไขแล้วเปิดใหม่"),
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
         "เขียน `{path}` ไม่ได้: {reason_th}",
         "choose a folder you may write to, or ask its owner for write permission",
         "เลือกโฟลเดอร์ที่มีสิทธิ์เขียน หรือขอสิทธิ์เขียนจากเจ้าของโฟลเดอร์", io=True),
    Code("O002", "output-read-only", ERROR,
         "`{path}` is read-only; kpidsl does not rewrite it",
         "`{path}` เป็นไฟล์อ่านอย่างเดียว kpidsl จะไม่เขียนทับ",
         "make it writable (chmod u+w) if it should change",
         "ถ้าต้องการให้แก้ไขได้ ให้เปิดสิทธิ์เขียนก่อน (chmod u+w)", io=True),
    Code("O003", "output-bad-name", ERROR,
         "`{name}` cannot be a file name: {reason}",
         "`{name}` ใช้เป็นชื่อไฟล์ไม่ได้: {reason_th}",
         "choose another name, short and of letters, digits, `-` and `_`: such a name is safe on every drive",
         "ตั้งชื่ออื่นที่สั้นและใช้ตัวอักษร ตัวเลข `-` และ `_` ซึ่งใช้ได้กับทุกไดรฟ์", io=True),
    Code("O004", "output-in-rule-folder", ERROR,
         "the output `{path}` {relation} the rule folder `{rules}`; kpidsl never writes among rule files",
         "ที่เก็บผลลัพธ์ `{path}` {relation_th}โฟลเดอร์กฎ `{rules}` kpidsl ไม่เขียนปนกับไฟล์กฎ",
         "choose an output folder outside the rule folder, e.g. `out/`",
         "เลือกโฟลเดอร์ผลลัพธ์ที่อยู่นอกโฟลเดอร์กฎ เช่น `out/`", io=True),
    Code("O005", "output-symlink", ERROR,
         "`{path}` is a symbolic link; kpidsl does not write through a link, as its output folder or inside it",
         "`{path}` เป็นลิงก์สัญลักษณ์ kpidsl ไม่เขียนผ่านลิงก์ ทั้งที่เป็นโฟลเดอร์ผลลัพธ์เองและที่อยู่ในโฟลเดอร์นั้น",
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
         "`{path}` names one file, but {count} would be rendered",
         "`{path}` เป็นชื่อไฟล์เดียว แต่จะสร้างได้ {count_th}",
         # with --results a form is filled for each row beside the blank one, so --agreement and
         # --form choose no single form there: the hint had sent an officer round in a circle
         "name a folder; without --results, --agreement and --form choose one form (with it, a form is "
         "filled for each row, beside the blank one)",
         "ระบุโฟลเดอร์ เมื่อไม่ใช้ --results เลือกแบบฟอร์มเดียวได้ด้วย --agreement และ --form "
         "(เมื่อใช้ --results จะได้แบบฟอร์มที่กรอกแล้วหนึ่งไฟล์ต่อแถว นอกจากแบบฟอร์มเปล่า)", io=True),
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
         "no PDF written: PDF forms need the optional extra `pdf`: pip install 'kpidsl[pdf]'",
         "ไม่ได้เขียน PDF: แบบฟอร์ม PDF ต้องติดตั้งส่วนเสริม `pdf` ก่อน: pip install 'kpidsl[pdf]'", io=True),
    Code("O014", "output-not-a-build", ERROR,
         "`{path}` is not empty and no build wrote it (it has no `.kpidsl-build`); kpidsl builds only into a new "
         "or empty folder, or one an earlier build wrote",
         "`{path}` ไม่ว่างและไม่ใช่โฟลเดอร์ที่ kpidsl สร้างไว้ (ไม่มี `.kpidsl-build`) kpidsl สร้างผลลัพธ์เฉพาะในโฟลเดอร์ใหม่"
         "หรือโฟลเดอร์ว่าง หรือโฟลเดอร์ที่การสร้างครั้งก่อนเขียนไว้",
         "name a new folder, e.g. `out/`", "ระบุโฟลเดอร์ใหม่ เช่น `out/`", io=True),
    Code("O015", "output-exists", ERROR,
         "`{path}` is already there; `kpidsl new-year` writes a new rule set and never overwrites a file",
         "`{path}` มีอยู่แล้ว `kpidsl new-year` เขียนชุดกฎใหม่และไม่เขียนทับไฟล์ใด",
         "choose a new folder for the new year, e.g. `rules/2556`",
         "เลือกโฟลเดอร์ใหม่สำหรับปีใหม่ เช่น `rules/2556`", io=True),
    Code("O016", "fmt-link-out-of-folder", ERROR,
         "`{path}` is a link to `{target}`, outside `{folder}`; fmt rewrites only what lies in the folder named",
         "`{path}` เป็นลิงก์ไปยัง `{target}` ซึ่งอยู่นอก `{folder}` fmt จัดรูปแบบเฉพาะไฟล์ที่อยู่ในโฟลเดอร์ที่ระบุ",
         "to format that file where it is, name it: kpidsl fmt {target}",
         "ถ้าต้องการจัดรูปแบบไฟล์นั้น ให้ระบุชื่อไฟล์เอง: kpidsl fmt {target}", io=True),
    Code("O017", "output-is-input", ERROR,
         "`{path}` is the results file `{input}` this run reads; writing there would replace it",
         "`{path}` คือไฟล์ผลการดำเนินงาน `{input}` ที่คำสั่งนี้อ่าน การเขียนลงไปจะแทนที่ไฟล์นั้น",
         "write the output to another name", "เขียนผลลัพธ์ไปยังชื่ออื่น", io=True),
    Code("O018", "explain-not-in-csv", ERROR,
         "--explain explains --format text and json (a workbook, --format xlsx, holds the explanations "
         "always); a CSV holds one row of figures per evaluation",
         "--explain ใช้กับ --format text และ json (สมุดงาน --format xlsx มีคำอธิบายอยู่เสมอ) "
         "ไฟล์ CSV มีเพียงตัวเลขหนึ่งแถวต่อการประเมินหนึ่งรายการ",
         "drop --explain, or give --format json --explain for every figure with its explanation",
         "ตัด --explain ออก หรือใช้ --format json --explain เพื่อได้ทุกตัวเลขพร้อมคำอธิบาย", io=True),
    Code("O019", "pdf-to-terminal", ERROR,
         "a PDF is binary: it is not written to a terminal",
         "ไฟล์ PDF เป็นไฟล์ไบนารี จึงไม่เขียนออกทางหน้าจอเทอร์มินัล",
         "give -o FORM.pdf, or redirect standard output to a file",
         "ระบุ -o FORM.pdf หรือเปลี่ยนทางเอาต์พุตมาตรฐานไปยังไฟล์", io=True),
    Code("O020", "output-among-results", ERROR,
         "`{path}` is in the results folder `{folder}` this run reads; written there, it would be read as "
         "results by the next run",
         "`{path}` อยู่ในโฟลเดอร์ผลการดำเนินงาน `{folder}` ที่คำสั่งนี้อ่าน หากเขียนไว้ที่นั่น "
         "คำสั่งครั้งถัดไปจะอ่านเป็นผลการดำเนินงานด้วย",
         "write the output to another folder", "เขียนผลลัพธ์ไปยังโฟลเดอร์อื่น", io=True),
    Code("O021", "new-year-name-clash", ERROR,
         "`{path}` and `{other}` would both be written as `{name}`; `kpidsl new-year` never writes two files "
         "to one name",
         "`{path}` และ `{other}` จะเขียนเป็นชื่อเดียวกัน `{name}` `kpidsl new-year` ไม่เขียนสองไฟล์เป็นชื่อเดียวกัน",
         "rename one of the two in this year's rule set, then run again (a year a name carries moves with the "
         "fiscal year; names are compared without letter case, as a shared drive compares them)",
         "เปลี่ยนชื่อไฟล์หนึ่งในสองไฟล์นี้ในชุดกฎของปีนี้ แล้วสั่งใหม่อีกครั้ง (ปีในชื่อไฟล์ย้ายตามปีงบประมาณ "
         "และชื่อไฟล์เทียบกันโดยไม่แยกตัวพิมพ์เล็กใหญ่ เช่นเดียวกับไดรฟ์ที่ใช้ร่วมกัน)", io=True),
    Code("O022", "output-case-clash", ERROR,
         "`{path}` and `{other}` are one name on a drive that does not tell letter case apart (Windows, a "
         "shared drive, macOS): one would replace the other; nothing is written",
         "`{path}` และ `{other}` เป็นชื่อเดียวกันบนไดรฟ์ที่ไม่แยกตัวพิมพ์เล็กใหญ่ (Windows ไดรฟ์ที่ใช้ร่วมกัน "
         "macOS) อันหนึ่งจะทับอีกอันหนึ่ง จึงไม่เขียนไฟล์ใดเลย",
         "rename one of the two ids in the rule set so that they differ by more than letter case",
         "เปลี่ยนรหัสหนึ่งในสองรหัสนี้ในชุดกฎ ให้ต่างกันมากกว่าตัวพิมพ์เล็กใหญ่", io=True),
    Code("O023", "output-through-link", ERROR,
         "`{path}` is a symbolic link to `{target}`; kpidsl writes no output through a link, which anyone "
         "who may write in its folder could have put there",
         "`{path}` เป็นลิงก์สัญลักษณ์ไปยัง `{target}` kpidsl ไม่เขียนผลลัพธ์ผ่านลิงก์ "
         "เพราะใครก็ตามที่เขียนในโฟลเดอร์นั้นได้อาจวางลิงก์ไว้",
         "if `{target}` is where you mean to write, name it itself; else remove the link or choose another name",
         "ถ้าต้องการเขียนที่ `{target}` จริง ให้ระบุ `{target}` เอง หรือลบลิงก์ออก หรือเลือกชื่ออื่น", io=True),
    # fmt (tabs become spaces) and new-year (review lines) make a file longer: one written over
    # the limit of reading (F007, kpidsl/source.py MAX_BYTES) would be refused by every command.
    Code("O024", "written-rule-file-too-large", ERROR,
         "written, `{path}` would be {size} MB; a rule file may be at most {limit} MB, so no command could "
         "read it: nothing is written",
         "ถ้าเขียน `{path}` จะมีขนาด {size} MB ไฟล์กฎมีขนาดได้ไม่เกิน {limit} MB จึงไม่มีคำสั่งใดอ่านได้ "
         "จึงไม่เขียน",
         "split this file into several .kpi files in the same folder (a rule set is every .kpi in its "
         "folder), then run again",
         "แบ่งไฟล์นี้เป็นหลายไฟล์ .kpi ในโฟลเดอร์เดียวกัน (ชุดกฎคือไฟล์ .kpi ทุกไฟล์ในโฟลเดอร์) แล้วสั่งใหม่อีกครั้ง",
         io=True),
    # fmt reads a file, formats it, then swaps its result in: an edit saved in between (an editor
    # open on the file) would be lost without a word (kpidsl/files.py write_file ``as_read``).
    Code("O025", "rule-file-changed-since-read", ERROR,
         "`{path}` changed after it was read (saved by another program meanwhile?); it is left as it now "
         "is, not rewritten",
         "`{path}` ถูกแก้ไขหลังจากอ่านไฟล์แล้ว (อาจมีโปรแกรมอื่นบันทึกไฟล์ระหว่างนั้น) จึงคงไฟล์ไว้ตามที่เป็นอยู่ตอนนี้ "
         "ไม่เขียนทับ",
         "save the file in your editor, then run the command again",
         "บันทึกไฟล์ในโปรแกรมแก้ไขให้เรียบร้อย แล้วสั่งคำสั่งเดิมอีกครั้ง", io=True),
    # A folder kpidsl fills hidden beside an output (or one inside it) lies in a folder others may
    # write in: swapped for a link while it was filled, the files went elsewhere and the link would
    # become part of the output (kpidsl/output_folder.py _swap_in). Told at what the user named.
    Code("O026", "output-swapped-mid-run", ERROR,
         "the folder kpidsl was filling as `{path}` was swapped for a symbolic link while it worked (anyone "
         "who may write in the folder holding it can do so); the output is left as it was",
         "โฟลเดอร์ที่ kpidsl กำลังเขียนเป็น `{path}` ถูกสลับเป็นลิงก์สัญลักษณ์ระหว่างทำงาน "
         "(ใครก็ตามที่เขียนในโฟลเดอร์ที่เก็บโฟลเดอร์นั้นได้ทำเช่นนี้ได้) จึงคงผลลัพธ์ไว้ตามเดิม",
         "find out who else may write there, then run again",
         "ตรวจสอบว่าผู้ใดเขียนในโฟลเดอร์นั้นได้บ้าง แล้วสั่งใหม่อีกครั้ง", io=True),
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
         "ไม่มี `{field}` ที่ {pointer}",
         "compile the plan again from its rule set (`kpidsl compile RULESET -o plan.json`) rather than editing it "
         "by hand",
         "สร้างแผนใหม่จากชุดกฎ (`kpidsl compile ชุดกฎ -o plan.json`) แทนการแก้ไขไฟล์แผนเอง"),
    Code("T004", "plan-unknown-field", ERROR,
         "`{field}` at {pointer} is not part of the plan format",
         "`{field}` ที่ {pointer} ไม่ใช่ส่วนหนึ่งของรูปแบบแผน",
         "compile the plan again with this kpidsl (`kpidsl compile RULESET -o plan.json`): the plan may be from "
         "another version, or edited by hand",
         "สร้างแผนใหม่ด้วย kpidsl รุ่นนี้ (`kpidsl compile ชุดกฎ -o plan.json`) "
         "แผนนี้อาจมาจากรุ่นอื่นหรือถูกแก้ไขเอง"),
    Code("T005", "plan-wrong-type", ERROR,
         "{pointer} should be {expected}",
         "{pointer} ต้องเป็น{expected_th}",
         "compile the plan again from its rule set (`kpidsl compile RULESET -o plan.json`) rather than editing it "
         "by hand",
         "สร้างแผนใหม่จากชุดกฎ (`kpidsl compile ชุดกฎ -o plan.json`) แทนการแก้ไขไฟล์แผนเอง"),
    Code("T006", "plan-bad-value", ERROR,
         "`{value}` at {pointer} is not {expected}",
         "`{value}` ที่ {pointer} ไม่ใช่{expected_th}",
         "compile the plan again from its rule set (`kpidsl compile RULESET -o plan.json`) rather than editing it "
         "by hand",
         "สร้างแผนใหม่จากชุดกฎ (`kpidsl compile ชุดกฎ -o plan.json`) แทนการแก้ไขไฟล์แผนเอง"),
    Code("T007", "plan-unknown-reference", ERROR,
         "{pointer} names {kind} `{id}`, which the plan does not hold",
         "{pointer} อ้างถึง{kind_th} `{id}` ซึ่งไม่มีในแผน",
         "compile the plan again from its rule set (`kpidsl compile RULESET -o plan.json`) rather than editing it "
         "by hand",
         "สร้างแผนใหม่จากชุดกฎ (`kpidsl compile ชุดกฎ -o plan.json`) แทนการแก้ไขไฟล์แผนเอง"),
    Code("T008", "plan-duplicate-id", ERROR,
         "{kind} `{id}` is listed twice in the plan",
         "{kind_th} `{id}` อยู่ในแผนซ้ำกัน",
         "compile the plan again from its rule set (`kpidsl compile RULESET -o plan.json`) rather than editing it "
         "by hand",
         "สร้างแผนใหม่จากชุดกฎ (`kpidsl compile ชุดกฎ -o plan.json`) แทนการแก้ไขไฟล์แผนเอง"),
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
    # `workbook --people` for an agreement of several rounds: a row a person and round, more than
    # a sheet has below its top rows (kpidsl/xlsx/layout.py MAX_PEOPLE); openpyxl would write
    # rows Excel cannot open.
    Code("J015", "workbook-rows-past-sheet", ERROR,
         "agreement `{agreement}`: {people} people in each of {rounds} rounds are {rows} rows, more than a "
         "sheet's {most}",
         "คำรับรอง `{agreement}`: {people} คน ใน {rounds} รอบ เป็น {rows} แถว เกินกว่าที่แผ่นงานหนึ่งมี ({most} แถว)",
         "give fewer --people, or one round at a time with --round",
         "ระบุ --people ให้น้อยลง หรือทำทีละรอบด้วย --round", io=True),
    Code("J006", "workbook-formula-without-value", ERROR,
         "this cell holds a formula saved without its value",
         "ช่องนี้มีสูตรที่บันทึกไว้โดยไม่มีค่าผลลัพธ์",
         "open the workbook in Excel or LibreOffice and save it again (the values are saved then), or type the value",
         "เปิดสมุดงานด้วย Excel หรือ LibreOffice แล้วบันทึกอีกครั้ง (ค่าจะถูกบันทึกไว้) หรือพิมพ์ค่าลงในช่องแทนสูตร"),
    Code("J007", "workbook-error-value", ERROR,
         "this cell holds {holds}, not a value",
         "ช่องนี้มี{holds_th} ไม่ใช่ค่าผลการดำเนินงาน",
         "correct the formula or type the value", "แก้สูตรหรือพิมพ์ค่าลงในช่อง"),
    Code("J008", "workbook-empty", ERROR,
         "the workbook holds no results: its sheets are empty",
         "สมุดงานไม่มีผลการดำเนินงาน: ทุกแผ่นงานว่างเปล่า",
         "fill in a workbook made with `kpidsl workbook`",
         "กรอกผลลงในสมุดงานที่สร้างด้วยคำสั่ง `kpidsl workbook`"),
    Code("J009", "workbook-last-row", ERROR,
         "sheet `{sheet}` reaches row {row}, the last a spreadsheet has: rows past it were most likely cut off",
         "แผ่นงาน `{sheet}` มีข้อมูลถึงแถวที่ {row} ซึ่งเป็นแถวสุดท้ายของสเปรดชีต แถวที่เกินน่าจะถูกตัดทิ้งไป",
         "split the results over several sheets or files, or give them as CSV",
         "แบ่งผลการดำเนินงานเป็นหลายแผ่นงานหรือหลายไฟล์ หรือส่งเป็นไฟล์ CSV"),
    Code("J010", "workbook-to-terminal", ERROR,
         "a workbook is binary: it is not written to a terminal",
         "สมุดงานเป็นไฟล์ไบนารี จึงไม่เขียนออกทางหน้าจอเทอร์มินัล",
         "give -o scores.xlsx, or redirect standard output to a file",
         "ระบุ -o scores.xlsx หรือเปลี่ยนทางเอาต์พุตมาตรฐานไปยังไฟล์", io=True),
    # A cell of a workbook kpidsl writes, cut at Excel's limit so that the workbook opens
    # (kpidsl/xlsx/cell_limit.py): told once a cell, at its sheet and cell.
    Code("J011", "workbook-cell-cut", WARNING,
         "this cell's text is {length} characters long, past the {limit} a spreadsheet cell holds: "
         "its first {kept} are written, the rest is cut off",
         "ข้อความของช่องนี้ยาว {length} ตัวอักษร เกิน {limit} ตัวอักษรที่ช่องของสเปรดชีตเก็บได้ "
         "จึงเขียนไว้เพียง {kept} ตัวอักษรแรก ส่วนที่เหลือถูกตัดออก",
         "shorten it where it comes from (the results file or the rule file) to have it whole in the workbook",
         "ย่อข้อความนั้นที่ต้นทาง (ไฟล์ผลการดำเนินงานหรือไฟล์กฎ) เพื่อให้สมุดงานเก็บได้ครบ"),
    # A filled workbook's hidden parts are scored like any other (kpidsl/xlsx/hidden.py): an officer
    # may have hidden a row to drop a person, who is scored all the same. Warnings, each at its place;
    # the machine row kpidsl hides itself is not one.
    Code("J012", "workbook-hidden-sheet", WARNING,
         "sheet `{sheet}` is hidden, and its {rows} filled rows are scored",
         "แผ่นงาน `{sheet}` ถูกซ่อนไว้ แต่แถวที่กรอกแล้ว {rows} แถวในแผ่นงานนี้ยังถูกนำไปคิดคะแนน",
         "unhide it (right-click a sheet's tab › Unhide) to check what is scored; to leave its rows out, "
         "delete them rather than hide them",
         "ให้เลิกซ่อนแผ่นงาน (คลิกขวาที่แท็บแผ่นงาน › ยกเลิกการซ่อน) เพื่อตรวจดูสิ่งที่ถูกคิดคะแนน "
         "ถ้าไม่ต้องการให้คิดคะแนนแถวเหล่านั้น ให้ลบแถวแทนการซ่อน"),
    Code("J013", "workbook-hidden-row", WARNING,
         "row {row} is hidden, and it is scored all the same",
         "แถว {row} ถูกซ่อนไว้ แต่ยังถูกนำไปคิดคะแนน",
         "unhide it to check what is scored; to leave the row out, delete it rather than hide it",
         "ให้เลิกซ่อนเพื่อตรวจดูสิ่งที่ถูกคิดคะแนน ถ้าไม่ต้องการให้คิดคะแนนแถวนี้ ให้ลบแถวแทนการซ่อน"),
    Code("J014", "workbook-hidden-column", WARNING,
         "column `{column}` is hidden, and the values in it are scored all the same",
         "คอลัมน์ `{column}` ถูกซ่อนไว้ แต่ค่าที่กรอกในคอลัมน์นี้ยังถูกนำไปคิดคะแนน",
         "unhide it to check what is scored; to leave a value out, clear its cell rather than hide the column",
         "ให้เลิกซ่อนเพื่อตรวจดูสิ่งที่ถูกคิดคะแนน ถ้าไม่ต้องการให้ใช้ค่าใด ให้ลบค่าในช่องนั้นแทนการซ่อนคอลัมน์"),
    # ---- Z: the plan compiled to SQL ----------------------------------------------------------------
    Code("Z001", "sql-extra-missing", ERROR,
         "SQL needs the optional extra `sql`: pip install 'kpidsl[sql]'",
         "การแปลงเป็น SQL ต้องติดตั้งส่วนเสริม `sql` ก่อน: pip install 'kpidsl[sql]'", io=True),
    Code("Z002", "sql-not-exact", ERROR,
         "{what} cannot be computed exactly in SQL: {why}",
         "คำนวณ{what_th}ใน SQL ให้ตรงทุกหลักไม่ได้: {why_th}",
         "score these results with `kpidsl score --engine python`",
         "ให้คะแนนผลการดำเนินงานนี้ด้วย `kpidsl score --engine python`"),
    Code("Z003", "sql-unsupported", ERROR,
         "{what} ({where}) is not compiled to SQL yet",
         "ยังแปลง{what_th} ({where}) เป็น SQL ไม่ได้",
         "score these results with `kpidsl score --engine python`",
         "ให้คะแนนผลการดำเนินงานนี้ด้วย `kpidsl score --engine python`"),
    Code("Z004", "sql-parquet-needs-sql", ERROR,
         "a Parquet results file is scored by the SQL engine only, to CSV or JSON: `--engine sql --format csv` "
         "(or `--format json`)",
         "ไฟล์ผลการดำเนินงานแบบ Parquet ให้คะแนนได้ด้วยเอนจิน SQL เท่านั้น และออกเป็น CSV หรือ JSON: "
         "`--engine sql --format csv` (หรือ `--format json`)",
         "the Python evaluator reads CSV, JSON and .xlsx results; the SQL engine needs the extra `sql`: "
         "pip install 'kpidsl[sql]'",
         "ตัวประเมินภาษา Python อ่านผลการดำเนินงานแบบ CSV, JSON และ .xlsx; เอนจิน SQL ต้องติดตั้งส่วนเสริม `sql`: "
         "pip install 'kpidsl[sql]'", io=True),
    Code("Z005", "sql-parquet-rows-left", ERROR,
         "the SQL engine does not score every row of {path} ({reason}), and the Python evaluator, which would, "
         "reads no Parquet",
         "เอนจิน SQL ให้คะแนนไม่ครบทุกแถวของ {path} ({reason_th}) และตัวประเมินภาษา Python ซึ่งให้คะแนนแถวเหล่านั้นได้ "
         "อ่านไฟล์ Parquet ไม่ได้",
         "convert it to CSV (with DuckDB: COPY (FROM '{path}') TO 'results.csv') and score that: what stops it "
         "is then shown where it is",
         "แปลงเป็น CSV (ด้วย DuckDB: COPY (FROM '{path}') TO 'results.csv') แล้วให้คะแนนไฟล์นั้น: "
         "จะเห็นว่าติดอยู่ที่แถวใด"),
    Code("Z006", "sql-engine-cannot-write", ERROR,
         "--engine sql cannot give {option}: the SQL engine writes CSV and JSON without explanations, "
         "on DuckDB's own threads",
         "--engine sql ให้ {option} ไม่ได้: เอนจิน SQL เขียนได้เฉพาะ CSV และ JSON ที่ไม่มีคำอธิบาย "
         "และทำงานด้วยเธรดของ DuckDB เอง",
         "leave --engine out (the Python evaluator writes every format and explanation), or give "
         "--format csv or json without --explain and --jobs",
         "ไม่ต้องระบุ --engine (ตัวประเมินภาษา Python เขียนได้ทุกรูปแบบพร้อมคำอธิบาย) หรือใช้ --format csv "
         "หรือ json โดยไม่มี --explain และ --jobs", io=True),
    Code("Z007", "sql-engine-cannot-read", ERROR,
         "--engine sql reads one CSV, Parquet or .xlsx results file; {path} is not one",
         "--engine sql อ่านผลการดำเนินงานได้เฉพาะไฟล์ CSV, Parquet หรือ .xlsx ไฟล์เดียว แต่ {path} ไม่ใช่",
         "leave --engine out: the Python evaluator reads JSON files and folders of results",
         "ไม่ต้องระบุ --engine: ตัวประเมินภาษา Python อ่านไฟล์ JSON และโฟลเดอร์ของผลการดำเนินงานได้", io=True),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}
assert len(CODES) == len(_CODES), "duplicate diagnostic code"


def code(name: str) -> Code:
    return CODES[name]


class Coded:
    """A registry code and its fields, told in either language without a place or a rule id:
    for what carries its places apart (a score's problems, a formula that cannot be computed)."""

    __slots__ = ()
    code: str
    fields: dict

    @property
    def message_en(self) -> str:
        return CODES[self.code].at(None, rule="", **self.fields).message_en

    @property
    def message_th(self) -> str:
        return CODES[self.code].at(None, rule="", **self.fields).message_th
