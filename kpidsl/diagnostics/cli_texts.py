"""What the command line itself says, beside the diagnostics of registry.py: the help
of every command and option, click's own words (usage lines, "Missing argument", "No
such option", a bad choice …), the usage errors kpidsl raises, and its counted status
lines, in English and Thai.

How the two languages are kept (one catalogue, in the manner of gettext):

- English help stays where click reads it, in the decorators and docstrings of
  kpidsl/cli; ``HELP_TH`` maps each such text, exactly as click shows it
  (``inspect.cleandoc``), to its Thai.
- ``CLICK_TH`` maps click's own message ids (the strings click passes to gettext) to
  Thai, placeholders kept; kpidsl/cli/language.py hands them to click.
- ``SAID`` holds the sentences kpidsl's commands build themselves: English singular,
  English plural and Thai, with named fields (``said``).

tests/test_cli_language.py fails when a command or option has no Thai here, when a
click message id here is no longer one of click's, and when a Thai text drops a
placeholder of its English.
"""

from __future__ import annotations

import os

from ..bilingual import Bi

# ---- click's own messages (click/core.py, exceptions.py, parser.py, types.py, formatting.py,
# decorators.py), by message id. Messages only a programmer of kpidsl can meet (a parameter
# declared twice …) are left in English.
CLICK_TH: dict[str, str] = {
    "Usage:": "วิธีใช้:",
    "Options": "ตัวเลือก",
    "Positional arguments": "อาร์กิวเมนต์ตามตำแหน่ง",
    "Commands": "คำสั่ง",
    "Show this message and exit.": "แสดงข้อความนี้แล้วจบ",
    "Show the version and exit.": "แสดงรุ่นของ kpidsl แล้วจบ",
    "%(prog)s, version %(version)s": "%(prog)s รุ่น %(version)s",
    "default: {default}": "ค่าเริ่มต้น: {default}",
    "env var: {var}": "ตัวแปรสภาพแวดล้อม: {var}",
    "required": "ต้องระบุ",
    "(dynamic)": "(กำหนดขณะทำงาน)",
    "deprecated": "เลิกใช้แล้ว",
    "Aborted!": "ยกเลิกแล้ว",
    "Error: {message}": "ข้อผิดพลาด: {message}",
    "Try '{command} {option}' for help.": "ดูวิธีใช้ด้วย '{command} {option}'",
    "Missing command.": "ไม่ได้ระบุคำสั่ง",
    "No such command {name!r}.": "ไม่มีคำสั่ง {name!r}",
    "No such option {name!r}.": "ไม่มีตัวเลือก {name!r}",
    "Did you mean {possibility}?": "หมายถึง {possibility} หรือไม่",
    "(Did you mean one of: {possibilities}?)": "(หมายถึงตัวใดตัวหนึ่งใน {possibilities} หรือไม่)",
    "Missing argument": "ไม่ได้ระบุอาร์กิวเมนต์",
    "Missing option": "ไม่ได้ระบุตัวเลือก",
    "Missing parameter": "ไม่ได้ระบุพารามิเตอร์",
    "Missing {param_type}": "ไม่ได้ระบุ {param_type}",
    "Missing parameter: {param_name}": "ไม่ได้ระบุพารามิเตอร์: {param_name}",
    "Invalid value for {param_hint}: {message}": "ค่าของ {param_hint} ไม่ถูกต้อง: {message}",
    "Invalid value: {message}": "ค่าไม่ถูกต้อง: {message}",
    "unknown error": "ข้อผิดพลาดที่ไม่ทราบสาเหตุ",
    "Could not open file {filename!r}: {message}": "เปิดไฟล์ {filename!r} ไม่ได้: {message}",
    "Got unexpected extra argument ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Got unexpected extra arguments ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Option {name!r} does not take a value.": "ตัวเลือก {name!r} ไม่รับค่า",
    "Option {name!r} requires an argument.": "ตัวเลือก {name!r} ต้องมีค่าตามหลัง",
    "Option {name!r} requires {nargs} arguments.": "ตัวเลือก {name!r} ต้องมีค่าตามหลัง {nargs} ค่า",
    "Argument {name!r} takes {nargs} values.": "อาร์กิวเมนต์ {name!r} รับ {nargs} ค่า",
    "Takes {nargs} values but 1 was given.": "ต้องมี {nargs} ค่า แต่ได้ 1 ค่า",
    "Takes {nargs} values but {len} were given.": "ต้องมี {nargs} ค่า แต่ได้ {len} ค่า",
    "Value must be an iterable.": "ค่าต้องเป็นชุดของค่า",
    "Choose from:\n\t{choices}": "เลือกจาก:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} ไม่ใช่ {choice}",
    "{value!r} is not one of {choices}.": "{value!r} ไม่ใช่ค่าใดใน {choices}",
    "{value} is not in the range {range}.": "{value} ไม่อยู่ในช่วง {range}",
    "{value!r} is not a valid {number_type}.": "{value!r} ไม่ใช่ตัวเลขที่ใช้ได้ ({number_type})",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} ไม่ใช่ค่าจริงหรือเท็จ ค่าที่รับได้: {states}",
    "file": "ไฟล์",
    "directory": "โฟลเดอร์",
    "path": "พาธ",
    "{name} {filename!r} does not exist.": "{name} {filename!r} ไม่มีอยู่",
    "{name} {filename!r} is a file.": "{name} {filename!r} เป็นไฟล์",
    "{name} {filename!r} is a directory.": "{name} {filename!r} เป็นโฟลเดอร์",
    "{name} {filename!r} is not readable.": "{name} {filename!r} อ่านไม่ได้",
    "{name} {filename!r} is not writable.": "{name} {filename!r} เขียนไม่ได้",
    "{name} {filename!r} is not executable.": "{name} {filename!r} เรียกใช้ไม่ได้",
}

# The placeholders of a usage line (click's options_metavar and subcommand_metavar).
METAVARS_TH: dict[str, str] = {
    "[OPTIONS]": "[ตัวเลือก]",
    "COMMAND [ARGS]...": "คำสั่ง [อาร์กิวเมนต์]...",
}

_LANG_HELP = "Language of messages (KPIDSL_LANG sets the default)."
_SOURCES_HELP = ("Print where each figure comes from (rule file and line, seed and slide) in small notes for a "
                 "reviewer; the forms staff sign leave them out.")
_OUTPUT_HELP = "Write here (atomically; - for standard output) instead of to standard output."

# ---- help of the commands and their options, by the English text click shows.
HELP_TH: dict[str, str] = {
    # the command group
    "kpidsl — performance-evaluation rules as plain-text .kpi files.":
        "kpidsl — หลักเกณฑ์การประเมินผลการปฏิบัติราชการเป็นไฟล์ข้อความ .kpi",
    _LANG_HELP: "ภาษาของข้อความ (ค่าเริ่มต้นตั้งได้ด้วย KPIDSL_LANG)",
    "Language of messages for the command that follows (as its own --lang; KPIDSL_LANG sets the default).":
        "ภาษาของข้อความของคำสั่งที่ตามมา (เหมือน --lang ของคำสั่งนั้น ค่าเริ่มต้นตั้งได้ด้วย KPIDSL_LANG)",
    "Output format.": "รูปแบบผลลัพธ์",
    _OUTPUT_HELP: "เขียนลงไฟล์นี้แทนเอาต์พุตมาตรฐาน (เขียนทั้งไฟล์หรือไม่เขียนเลย; - คือเอาต์พุตมาตรฐาน)",
    # check
    "Check rule files or rule-set folders and report every problem found.\n\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O trouble.":
        "ตรวจไฟล์กฎหรือโฟลเดอร์ชุดกฎ และรายงานทุกปัญหาที่พบ\n\n"
        "รหัสออก: 0 ไม่มีข้อผิดพลาด (มีคำเตือนได้), 1 พบข้อผิดพลาด, 2 ใช้คำสั่งผิดหรืออ่าน/เขียนไฟล์ไม่ได้",
    # compile
    "Check a rule set and compile it into a JSON scoring plan.":
        "ตรวจชุดกฎแล้วแปลงเป็นแผนการคิดคะแนนแบบ JSON",
    "Write the plan here (- for standard output).": "เขียนแผนลงไฟล์นี้ (- คือเอาต์พุตมาตรฐาน)",
    # test
    "Run the examples of rule sets and check every ladder and band table.\n\n"
    "Exit status: 0 every example and boundary passes, 1 one fails (or a rule set\n"
    "has errors), 2 usage or I/O trouble.":
        "รันตัวอย่างของชุดกฎ และตรวจเกณฑ์การให้คะแนนและตารางระดับผลทุกตาราง\n\n"
        "รหัสออก: 0 ตัวอย่างและค่าขอบทุกค่าผ่าน, 1 มีรายการไม่ผ่าน (หรือชุดกฎมีข้อผิดพลาด), "
        "2 ใช้คำสั่งผิดหรืออ่าน/เขียนไฟล์ไม่ได้",
    # score
    "Score results against a rule set: indicator scores, subtotals, total, band and raise.":
        "คิดคะแนนผลการดำเนินงานตามชุดกฎ: คะแนนรายตัวชี้วัด คะแนนรวมย่อย คะแนนรวม ระดับผล และร้อยละการเลื่อนเงินเดือน",
    "The agreement the results are for: a row without one takes it, a row naming another is an error (Q031).":
        "คำรับรองของผลการดำเนินงาน: แถวที่ไม่ระบุคำรับรองใช้ค่านี้ แถวที่ระบุคำรับรองอื่นเป็นข้อผิดพลาด (Q031)",
    "Results: a CSV, JSON or .xlsx file (a filled `kpidsl workbook`), or a folder of them.":
        "ผลการดำเนินงาน: ไฟล์ CSV, JSON หรือ .xlsx (สมุดงานจาก `kpidsl workbook` ที่กรอกแล้ว) หรือโฟลเดอร์ของไฟล์เหล่านั้น",
    "Results: a CSV, JSON or .xlsx file (a filled `kpidsl workbook`), or a folder of them; a Parquet file "
    "with --engine sql.":
        "ผลการดำเนินงาน: ไฟล์ CSV, JSON หรือ .xlsx (สมุดงานจาก `kpidsl workbook` ที่กรอกแล้ว) หรือโฟลเดอร์ของไฟล์เหล่านั้น "
        "หรือไฟล์ Parquet เมื่อใช้ --engine sql",
    "The round the results are for: a row without one takes it, a row naming another is an error (Q032).":
        "รอบของผลการดำเนินงาน: แถวที่ไม่ระบุรอบใช้ค่านี้ แถวที่ระบุรอบอื่นเป็นข้อผิดพลาด (Q032)",
    "text: a table for people; json: every figure with both languages' explanations, for programs; "
    "csv: one row per evaluation (total, band, raise), safe to open in a spreadsheet; xlsx: a workbook "
    "(needs the extra `xlsx`) of one row per evaluation, a sheet per agreement and the explanations; "
    "not to a terminal. Not given: -o FILE's suffix (.csv, .json, .xlsx) chooses, else text.":
        "text: ตารางสำหรับอ่าน; json: ทุกตัวเลขพร้อมคำอธิบายสองภาษา สำหรับโปรแกรม; "
        "csv: หนึ่งแถวต่อการประเมิน (คะแนนรวม ระดับผล ร้อยละการเลื่อน) เปิดในโปรแกรมตารางคำนวณได้อย่างปลอดภัย; "
        "xlsx: สมุดงาน (ต้องติดตั้งส่วนเสริม `xlsx`) หนึ่งแถวต่อการประเมิน หนึ่งแผ่นงานต่อคำรับรอง และคำอธิบาย "
        "ไม่เขียนออกทางหน้าจอเทอร์มินัล ถ้าไม่ระบุ: ใช้ตามนามสกุลของไฟล์ -o (.csv, .json, .xlsx) มิฉะนั้นเป็น text",
    "Start a CSV with a byte-order mark, so that Excel shows its Thai. Default: on for a file "
    "named by -o (for people to open), off for standard output (for programs).":
        "ขึ้นต้นไฟล์ CSV ด้วยเครื่องหมายลำดับไบต์ (BOM) เพื่อให้ Excel แสดงภาษาไทยถูกต้อง "
        "ค่าเริ่มต้น: ใส่เมื่อเขียนลงไฟล์ที่ระบุด้วย -o (สำหรับคนเปิดอ่าน) ไม่ใส่เมื่อเขียนออกเอาต์พุตมาตรฐาน (สำหรับโปรแกรม)",
    "Score on this many processes (each CSV cut at line ends into as many parts); the output is the same "
    "bytes as with one. A workbook (--format xlsx) is written by one.":
        "ให้คะแนนด้วยโปรเซสจำนวนนี้ (ไฟล์ CSV แต่ละไฟล์แบ่งที่ท้ายบรรทัดเป็นส่วนเท่าจำนวนนั้น) "
        "ผลลัพธ์เป็นไบต์เดียวกับเมื่อใช้โปรเซสเดียว สมุดงาน (--format xlsx) เขียนด้วยโปรเซสเดียว",
    "Show, for every number, the rule, the rule file line and the seed "
    "(--format text and json; a workbook holds them always; not csv).":
        "แสดงกฎ บรรทัดในไฟล์กฎ และเอกสารต้นทาง ของทุกตัวเลข "
        "(--format text และ json สมุดงานมีอยู่เสมอ ใช้กับ csv ไม่ได้)",
    # diff
    "Compare two rule sets: frameworks, indicators, weights, ladders, bands, rounds,\n"
    "dates and agreements added, removed, renamed, moved or changed. Text and md are\n"
    "written in --lang (Thai by default); kinds and JSON are the same in both.\n\n"
    "Exit status: 0 (whatever the differences; 1 with --exit-code when there are any),\n"
    "1 if either rule set has errors or a row of --rescore's results can be scored under\n"
    "neither (the results have errors; a row only one side cannot score is a difference),\n"
    "2 usage or I/O trouble.":
        "เปรียบเทียบชุดกฎสองชุด: กรอบ ตัวชี้วัด น้ำหนัก เกณฑ์ ระดับผล รอบ วันที่ และคำรับรอง "
        "ที่เพิ่ม ลบ เปลี่ยนชื่อ ย้าย หรือเปลี่ยน ผลแบบ text และ md เขียนตาม --lang (ค่าเริ่มต้นภาษาไทย) "
        "ส่วนชนิดของการเปลี่ยนและ JSON เหมือนกันทั้งสองภาษา\n\n"
        "รหัสออก: 0 (ไม่ว่าจะต่างกันหรือไม่; 1 เมื่อใช้ --exit-code และมีความต่าง), "
        "1 ชุดกฎชุดใดชุดหนึ่งมีข้อผิดพลาด หรือผลการดำเนินงานของ --rescore มีแถวที่คิดคะแนนไม่ได้ทั้งสองชุด "
        "(ผลการดำเนินงานมีข้อผิดพลาด ส่วนแถวที่คิดไม่ได้เพียงชุดเดียวคือความต่าง), "
        "2 ใช้คำสั่งผิดหรืออ่าน/เขียนไฟล์ไม่ได้",
    "text for a terminal, md for a pull-request comment, json for programs.":
        "text สำหรับเทอร์มินัล, md สำหรับความเห็นใน pull request, json สำหรับโปรแกรม",
    "Score these results (a CSV, JSON or .xlsx file, or a folder) under OLD and NEW and compare.":
        "คิดคะแนนผลการดำเนินงานนี้ (ไฟล์ CSV, JSON หรือ .xlsx หรือโฟลเดอร์) ตามชุดกฎ OLD และ NEW แล้วเปรียบเทียบ",
    "With --rescore: the agreement of results files without one.":
        "ใช้กับ --rescore: คำรับรองของไฟล์ผลการดำเนินงานที่ไม่ได้ระบุคำรับรอง",
    "Exit 1 when there are changes (as git diff --exit-code).":
        "ออกด้วยรหัส 1 เมื่อมีความต่าง (เหมือน git diff --exit-code)",
    # fmt
    "Rewrite rule files in the one canonical layout (files, or every .kpi under a folder).\n\n"
    "Every result is verified before it is written: it parses to the same\n"
    "statement tree and rule AST, keeps every comment, and formatting it again\n"
    "changes nothing. A file with syntax errors is reported and left alone.\n\n"
    "Exit status: 0 done (or nothing to change), 1 a file has syntax errors or\n"
    "(with --check) would change, 2 a file could not be read or verified.":
        "จัดรูปแบบไฟล์กฎให้เป็นรูปแบบมาตรฐานเดียว (ระบุไฟล์ หรือทุกไฟล์ .kpi ในโฟลเดอร์)\n\n"
        "ผลทุกไฟล์ถูกตรวจก่อนเขียน: แยกวิเคราะห์ได้โครงสร้างคำสั่งและกฎเดิม เก็บความเห็นครบทุกบรรทัด "
        "และจัดรูปแบบซ้ำแล้วไม่เปลี่ยน ไฟล์ที่มีข้อผิดพลาดทางไวยากรณ์จะถูกรายงานและไม่ถูกแก้\n\n"
        "รหัสออก: 0 เสร็จ (หรือไม่มีอะไรต้องเปลี่ยน), 1 มีไฟล์ที่มีข้อผิดพลาดทางไวยากรณ์ หรือ (เมื่อใช้ --check) "
        "มีไฟล์ที่ต้องจัดรูปแบบ, 2 อ่านหรือตรวจไฟล์ไม่ได้",
    "Write nothing; exit 1 if a file would change.": "ไม่เขียนไฟล์ ออกด้วยรหัส 1 ถ้ามีไฟล์ที่ต้องจัดรูปแบบ",
    "Write nothing; print a unified diff of the changes.": "ไม่เขียนไฟล์ พิมพ์ส่วนที่จะเปลี่ยนแบบ unified diff",
    "Write every keyword in Thai or in English.": "เขียนคำสั่งทุกคำเป็นภาษาไทยหรือภาษาอังกฤษ",
    # new-year
    "Scaffold next year's rule set from RULESET: the fiscal year and every\n"
    "date moved to YEAR (BE), structure and comments kept, and a `review` line\n"
    "(check code Y001) beside each figure to confirm, each due date that\n"
    "falls on a weekend or holiday, each id renamed with its year and each text\n"
    "that names a year. A file named with a year is renamed with it.\n\n"
    "Exit status: 0 written, 1 RULESET has errors, 2 a bad year, a bad or\n"
    "non-empty output folder, or I/O trouble.":
        "สร้างชุดกฎของปีถัดไปจาก RULESET: ย้ายปีงบประมาณและทุกวันที่ไปปี YEAR (พ.ศ.) "
        "คงโครงสร้างและความเห็นไว้ และเพิ่มบรรทัด `ทบทวน` (รหัสตรวจ Y001) ข้างตัวเลขที่ต้องยืนยัน "
        "ข้างกำหนดส่งที่ตรงกับวันหยุด ข้างรหัสที่เปลี่ยนตามปี และข้างข้อความที่ระบุปี "
        "ไฟล์ที่ชื่อระบุปีจะเปลี่ยนชื่อตามปีด้วย\n\n"
        "รหัสออก: 0 เขียนแล้ว, 1 RULESET มีข้อผิดพลาด, 2 ปีไม่ถูกต้อง โฟลเดอร์ผลลัพธ์ไม่ถูกต้องหรือไม่ว่าง "
        "หรืออ่าน/เขียนไฟล์ไม่ได้",
    "The folder to write the new rule set to.": "โฟลเดอร์ที่จะเขียนชุดกฎใหม่",
    "Write into an output folder that already holds other files (none is overwritten).":
        "เขียนลงโฟลเดอร์ผลลัพธ์แม้มีไฟล์อื่นอยู่แล้ว (ไม่เขียนทับไฟล์ใด)",
    # render and build
    "Render forms of a rule set (agreement, indicator details, calendar …) as HTML or Markdown,\n"
    "and as PDF with --pdf (or a single output named NAME.pdf).":
        "สร้างแบบฟอร์มของชุดกฎ (คำรับรอง รายละเอียดตัวชี้วัด ปฏิทิน …) เป็น HTML หรือ Markdown "
        "และเป็น PDF เมื่อใช้ --pdf (หรือเมื่อตั้งชื่อผลลัพธ์เดียวเป็น NAME.pdf)",
    "Write each form as PDF too (A4, Sarabun embedded, หน้า x/y); needs the optional extra `pdf`: "
    "pip install 'kpidsl[pdf]'.":
        "เขียนแบบฟอร์มทุกแบบเป็น PDF ด้วย (A4 ฝังฟอนต์ Sarabun มีเลขหน้า หน้า x/y) "
        "ต้องติดตั้งส่วนเสริม `pdf`: pip install 'kpidsl[pdf]'",
    "Only the forms of this agreement.": "เฉพาะแบบฟอร์มของคำรับรองนี้",
    "Only this form (e.g. agreement, overview, calendar).": "เฉพาะแบบฟอร์มนี้ (เช่น agreement, overview, calendar)",
    "HTML (print-ready, self-contained) or GitHub-flavoured Markdown.":
        "HTML (พร้อมพิมพ์ ครบในไฟล์เดียว) หรือ Markdown แบบ GitHub",
    "Folder to write the forms into; a name ending in .html or .md (or - for standard output) when "
    "exactly one form is rendered.":
        "โฟลเดอร์ที่จะเขียนแบบฟอร์ม; ชื่อไฟล์ที่ลงท้ายด้วย .html หรือ .md (หรือ - คือเอาต์พุตมาตรฐาน) "
        "เมื่อสร้างแบบฟอร์มเดียว",
    "Digits of figures and dates: 0-9 or ๐-๙.": "ตัวเลขของค่าและวันที่: 0-9 หรือ ๐-๙",
    "Fill the forms that take results from this results file or folder (as `kpidsl score`).":
        "กรอกแบบฟอร์มที่ใช้ผลการดำเนินงานจากไฟล์หรือโฟลเดอร์นี้ (อ่านแบบเดียวกับ `kpidsl score`)",
    "With --results: only this person's filled forms (as the results' person column writes them).":
        "ใช้กับ --results: เฉพาะแบบฟอร์มที่กรอกแล้วของผู้รับการประเมินคนนี้ (ตามที่เขียนในคอลัมน์ person)",
    "Only this person's rows (as the results' person column writes them); a name no row carries, "
    "or one two rows of a round carry, is an error.":
        "เฉพาะแถวของผู้รับการประเมินคนนี้ (ตามที่เขียนในคอลัมน์ person) ชื่อที่ไม่มีในแถวใด "
        "หรือมีสองแถวในรอบเดียวกัน เป็นข้อผิดพลาด",
    _SOURCES_HELP:
        "พิมพ์ที่มาของทุกตัวเลข (ไฟล์กฎและบรรทัด เอกสารต้นทางและสไลด์) เป็นหมายเหตุเล็ก ๆ สำหรับผู้ตรวจทาน "
        "แบบฟอร์มที่ใช้ลงนามไม่มีหมายเหตุนี้",
    "Check a rule set, then write its plan, every form of every agreement in HTML and\n"
    "Markdown (filled from the rule set's examples where it has them), with --pdf as PDF\n"
    "too, and an index page.":
        "ตรวจชุดกฎ แล้วเขียนแผน แบบฟอร์มทุกแบบของทุกคำรับรองเป็น HTML และ Markdown "
        "(กรอกจากตัวอย่างของชุดกฎเมื่อมี) เป็น PDF ด้วยเมื่อใช้ --pdf และหน้าสารบัญ",
    "Folder of the build: plan.json, every form, index.html (made beside it and swapped in whole; files "
    "kpidsl did not write there are kept).":
        "โฟลเดอร์ผลลัพธ์: plan.json ทุกแบบฟอร์ม และ index.html (สร้างไว้ข้าง ๆ แล้วสลับเข้าทั้งโฟลเดอร์; "
        "ไฟล์ที่ kpidsl ไม่ได้เขียนจะถูกเก็บไว้)",
    # workbook
    "Make a results-entry workbook (.xlsx): a locked, validated sheet per agreement with\n"
    "one row per person and round, whose filled cells read back as a results file.":
        "สร้างสมุดงานสำหรับกรอกผลการดำเนินงาน (.xlsx): หนึ่งแผ่นงานต่อคำรับรอง ล็อกและตรวจค่าที่กรอก "
        "หนึ่งแถวต่อคนต่อรอบ และอ่านกลับเป็นไฟล์ผลการดำเนินงานได้",
    "An agreement to make a sheet for; repeat it for a whole work unit (one sheet each).":
        "คำรับรองที่จะสร้างแผ่นงาน; ระบุซ้ำได้สำหรับทั้งหน่วยงาน (คำรับรองละหนึ่งแผ่นงาน)",
    "Only this round's rows (default: every round of each agreement).":
        "เฉพาะแถวของรอบนี้ (ค่าเริ่มต้น: ทุกรอบของแต่ละคำรับรอง)",
    "The .xlsx file to write (default: AGREEMENT.xlsx; `-` for standard output).":
        "ไฟล์ .xlsx ที่จะเขียน (ค่าเริ่มต้น: AGREEMENT.xlsx; `-` คือเอาต์พุตมาตรฐาน)",
    "Entry rows for each round of an agreement that names no person (a whole unit on one agreement: each "
    "person's name typed in their row); an agreement naming its person keeps one row a round.":
        "จำนวนแถวที่กรอกต่อรอบของคำรับรองที่ไม่ระบุผู้รับการประเมิน (ทั้งหน่วยงานใช้คำรับรองเดียว "
        "พิมพ์ชื่อแต่ละคนในแถวของตน) คำรับรองที่ระบุผู้รับการประเมินแล้วมีหนึ่งแถวต่อรอบ",
    # mutate
    "Change the rule set a little in every place, one change at a time, and\n"
    "report the changes that neither `check` nor the rule set's examples catch.\n\n"
    "Exit status: 0 every mutant caught or equivalent, 1 some survive, 2 usage or\n"
    "I/O trouble (or a rule set that does not check clean or fails its own tests).":
        "แก้ชุดกฎทีละเล็กน้อยในทุกตำแหน่ง ครั้งละหนึ่งจุด แล้วรายงานการแก้ที่ทั้ง `check` "
        "และตัวอย่างของชุดกฎจับไม่ได้\n\n"
        "รหัสออก: 0 จับได้ทุกตัวหรือให้ผลเท่าเดิม, 1 มีตัวที่รอด, 2 ใช้คำสั่งผิดหรืออ่าน/เขียนไฟล์ไม่ได้ "
        "(หรือชุดกฎตรวจไม่ผ่านหรือตัวอย่างของตนเองไม่ผ่าน)",
    "Apply only this operator (repeat for several).": "ใช้เฉพาะการแก้ชนิดนี้ (ระบุซ้ำได้หลายชนิด)",
    "Worker processes (forked); the output is the same whatever the number.":
        "จำนวนโปรเซสที่ทำงานพร้อมกัน ผลลัพธ์เหมือนกันไม่ว่าจะกี่โปรเซส",
    # sql, and score --engine (kpidsl/cli/sql.py)
    "Print the SQL query that scores an agreement's results table.\n\n"
    "The table `results` has the columns of a results CSV, every cell text; the query gives\n"
    "one row per evaluation with the columns of `kpidsl score --format csv` and `sure`\n"
    "(false: score that row with `kpidsl score`). Exit status: 0 printed, 1 the rule set\n"
    "has errors or a construct cannot be exact in SQL, 2 usage or I/O trouble.":
        "พิมพ์คำสั่ง SQL ที่คิดคะแนนตารางผลการดำเนินงานของคำรับรอง\n\n"
        "ตาราง `results` มีคอลัมน์เหมือนไฟล์ผลการดำเนินงาน CSV ทุกช่องเป็นข้อความ คำสั่งให้หนึ่งแถวต่อการประเมิน "
        "มีคอลัมน์เหมือน `kpidsl score --format csv` และ `sure` (false: ให้คิดคะแนนแถวนั้นด้วย `kpidsl score`) "
        "รหัสออก: 0 พิมพ์แล้ว, 1 ชุดกฎมีข้อผิดพลาดหรือมีส่วนที่ SQL คำนวณให้ตรงไม่ได้, "
        "2 ใช้คำสั่งผิดหรืออ่าน/เขียนไฟล์ไม่ได้",
    "The agreement whose scoring the query computes.": "คำรับรองที่คำสั่ง SQL คิดคะแนน",
    "The SQL dialect to write.": "ภาษา SQL ที่จะเขียน",
    "Name the table's columns as this results CSV's header does (default: the columns `kpidsl workbook` writes "
    "for the agreement).":
        "ตั้งชื่อคอลัมน์ของตารางตามหัวตารางของไฟล์ผลการดำเนินงาน CSV นี้ (ค่าเริ่มต้น: คอลัมน์ที่ `kpidsl workbook` "
        "เขียนให้คำรับรองนั้น)",
    "sql: the compiled query on embedded DuckDB (CSV, Parquet or .xlsx in, CSV or JSON out; rows it is "
    "not sure of go to Python); auto: sql for big inputs and Parquet.":
        "sql: คิดด้วยคำสั่ง SQL บน DuckDB ในตัว (รับ CSV, Parquet หรือ .xlsx ให้ผลแบบ CSV หรือ JSON; แถวที่ไม่แน่ใจส่งให้ "
        "Python คิด); auto: ใช้ sql เมื่อข้อมูลมีขนาดใหญ่และสำหรับ Parquet",
    # lsp
    "Run the language server for editors (VS Code: editors/vscode).\n\n"
    "Needs the `lsp` extra: pip install 'kpidsl[lsp]'. Exit status: 0 when the\n"
    "editor shuts it down, 2 when the extra is not installed.":
        "เริ่มเซิร์ฟเวอร์ภาษาสำหรับโปรแกรมแก้ไข (VS Code: editors/vscode)\n\n"
        "ต้องติดตั้งส่วนเสริม `lsp`: pip install 'kpidsl[lsp]' รหัสออก: 0 เมื่อโปรแกรมแก้ไขปิดเซิร์ฟเวอร์, "
        "2 เมื่อไม่ได้ติดตั้งส่วนเสริม",
    "Talk over standard input and output (the default and only channel).":
        "สื่อสารผ่านอินพุตและเอาต์พุตมาตรฐาน (ช่องทางเดียวที่มี)",
    "Language of messages until the editor's `kpidsl.lang` setting says otherwise.":
        "ภาษาของข้อความ จนกว่าการตั้งค่า `kpidsl.lang` ของโปรแกรมแก้ไขจะกำหนดเป็นอื่น",
}

# ---- sentences the commands build: key → (English for 1, English for many, Thai).
SAID: dict[str, tuple[str, str, str]] = {
    "figures": ("{n} figure", "{n} figures", "ตัวเลข {n} ค่า"),
    # printed at the top of each sheet of a draft's workbooks (`kpidsl workbook`, `score --format xlsx`)
    "draft-workbook": (
        "DRAFT: the rule set has {n} review line (Y001) left to confirm; these figures are not final",
        "DRAFT: the rule set has {n} review lines (Y001) left to confirm; these figures are not final",
        "ร่าง — ชุดกฎยังมีบรรทัดทบทวน {n} บรรทัด (Y001) ที่ยังไม่ยืนยัน ตัวเลขเหล่านี้ยังไม่ใช่ฉบับจริง"),
    "draft-rule-set": (
        "kpidsl: {path} is a draft: {n} review line (Y001) is left to confirm; its forms say “ร่าง” (draft) "
        "until it is confirmed and deleted (kpidsl check {path} shows it)",
        "kpidsl: {path} is a draft: {n} review lines (Y001) are left to confirm; its forms say “ร่าง” (draft) "
        "until each is confirmed and deleted (kpidsl check {path} lists them)",
        "kpidsl: ชุดกฎ {path} ยังเป็นร่าง: บรรทัดทบทวน {n} บรรทัด (Y001) ยังไม่ยืนยัน แบบฟอร์มจะพิมพ์ว่า ร่าง "
        "จนกว่าจะยืนยันและลบทุกบรรทัด (kpidsl check {path} แสดงทุกบรรทัด)"),
    "wrote-files": ("wrote {n} file to {folder}", "wrote {n} files to {folder}",
                    "เขียน {n} ไฟล์ลงใน {folder}"),
    "removed-files": ("removed {n} file an earlier build wrote", "removed {n} files an earlier build wrote",
                      "ลบ {n} ไฟล์ที่การสร้างครั้งก่อนเขียนไว้"),
    # status lines on standard error
    "wrote-file": ("wrote {path}", "wrote {path}", "เขียน {path} แล้ว"),
    "wrote-scored": ("wrote {path} ({n} scored)", "wrote {path} ({n} scored)",
                     "เขียน {path} แล้ว (คิดคะแนน {n} รายการ)"),
    "wrote-sheets": ("wrote {path} (sheet: {names})", "wrote {path} (sheets: {names})",
                     "เขียน {path} แล้ว (แผ่นงาน: {names})"),
    "open-index": ("open {path}", "open {path}", "เปิดดูที่ {path}"),
    "nothing-to-render": ("nothing to render: {rule_set} has no {what}{whose}",
                          "nothing to render: {rule_set} has no {what}{whose}",
                          "ไม่มีอะไรให้สร้าง: {rule_set} ไม่มี{what}{whose}"),
    "forms-of": ("forms", "forms", "แบบฟอร์ม"),
    "form-named": ("form `{form}`", "form `{form}`", "แบบฟอร์ม `{form}`"),
    "for-agreement": (" for agreement `{agreement}`", " for agreement `{agreement}`",
                      " สำหรับคำรับรอง `{agreement}`"),
    "new-year-wrote": ("{wrote}: fiscal year {from_year} → {to_year}, {moved}, {reviews} ({counts})",
                       "{wrote}: fiscal year {from_year} → {to_year}, {moved}, {reviews} ({counts})",
                       "{wrote}: ปีงบประมาณ {from_year} → {to_year}, {moved}, {reviews} ({counts})"),
    "new-year-ids": ("{n} id changed with its year ({names}): results files and workbooks that name it by its "
                     "old id need the new one",
                     "{n} ids changed with their year ({names}): results files and workbooks that name them by "
                     "their old ids need the new ones",
                     "รหัส {n} รายการเปลี่ยนตามปี ({names}): ไฟล์ผลการประเมินและสมุดงานที่อ้างรหัสเดิมต้องใช้รหัสใหม่"),
    "new-year-files": ("{n} file renamed with its year ({names})", "{n} files renamed with their year ({names})",
                       "ไฟล์ {n} ไฟล์เปลี่ยนชื่อตามปี ({names})"),
    "new-year-next": ("next: kpidsl check {path} lists each review line (Y001); delete each once confirmed",
                      "next: kpidsl check {path} lists each review line (Y001); delete each once confirmed",
                      "ต่อไป: kpidsl check {path} แสดงบรรทัดทบทวนทุกบรรทัด (Y001) ลบแต่ละบรรทัดเมื่อยืนยันแล้ว"),
    "internal-error": ("kpidsl: internal error: {what}; please report it to the kpidsl maintainers with the "
                       "command and the rule files (set {debug}=1 to see the traceback)",
                       "kpidsl: internal error: {what}; please report it to the kpidsl maintainers with the "
                       "command and the rule files (set {debug}=1 to see the traceback)",
                       "kpidsl: ข้อผิดพลาดภายใน: {what}; โปรดแจ้งผู้ดูแล kpidsl พร้อมคำสั่งและไฟล์กฎที่ใช้ "
                       "(ตั้ง {debug}=1 เพื่อดู traceback)"),
    "version": ("kpidsl, version {version}", "kpidsl, version {version}", "kpidsl รุ่น {version}"),
    "dates-moved": ("{n} date moved", "{n} dates moved", "ย้ายวันที่ {n} วัน"),
    "review-lines": ("{n} review line", "{n} review lines", "บรรทัดทบทวน {n} บรรทัด"),
    # what each review line of new-year asks to confirm (kpidsl/newyear.py Review.kind), counted
    "review-kind-weight": ("{n} weight", "{n} weight", "น้ำหนัก {n}"),
    "review-kind-ladder": ("{n} ladder", "{n} ladder", "เกณฑ์ {n}"),
    "review-kind-band": ("{n} band", "{n} band", "ระดับผล {n}"),
    "review-kind-salary": ("{n} salary", "{n} salary", "เงินเดือน {n}"),
    "review-kind-penalty": ("{n} penalty", "{n} penalty", "การปรับลดคะแนน {n}"),
    "review-kind-baseline": ("{n} baseline", "{n} baseline", "ข้อมูลพื้นฐาน {n}"),
    "review-kind-holiday": ("{n} holiday", "{n} holiday", "วันหยุด {n}"),
    "review-kind-example": ("{n} example", "{n} example", "ตัวอย่าง {n}"),
    "review-kind-late": ("{n} late", "{n} late", "ส่งล่าช้า {n}"),
    "review-kind-due": ("{n} due", "{n} due", "กำหนดส่ง {n}"),
    "review-kind-id": ("{n} id", "{n} id", "รหัส {n}"),
    "review-kind-text": ("{n} text", "{n} text", "ข้อความ {n}"),
    "mutants-in": ("{n} mutant in {seconds} s", "{n} mutants in {seconds} s",
                   "{n} การกลายพันธุ์ ใน {seconds} วินาที"),
    "jobs": ("{n} job", "{n} jobs", "{n} โปรเซส"),
    # kpidsl fmt, one line a file and black's summary of the counts that are not zero
    "fmt-reformatted": ("reformatted {path}", "reformatted {path}", "จัดรูปแบบ {path}"),
    "fmt-would-reformat": ("would reformat {path}", "would reformat {path}", "ต้องจัดรูปแบบ {path}"),
    "fmt-left-alone": ("{path}: has syntax errors; left as it was", "{path}: has syntax errors; left as it was",
                       "{path}: มีข้อผิดพลาดทางไวยากรณ์ ไม่ได้จัดรูปแบบ"),
    "fmt-check-failed": ("{path}: not formatted: the '{check}' check failed ({detail})",
                         "{path}: not formatted: the '{check}' check failed ({detail})",
                         "{path}: ไม่ได้จัดรูปแบบ: การตรวจ '{check}' ไม่ผ่าน ({detail})"),
    "fmt-files": ("{n} file", "{n} files", "{n} ไฟล์"),
    "fmt-count-reformatted": ("{files} reformatted", "{files} reformatted", "จัดรูปแบบแล้ว {files}"),
    "fmt-count-would-reformat": ("{files} would be reformatted", "{files} would be reformatted",
                                 "ต้องจัดรูปแบบ {files}"),
    "fmt-count-unchanged": ("{files} left unchanged", "{files} left unchanged", "ไม่เปลี่ยน {files}"),
    "fmt-count-would-be-unchanged": ("{files} would be left unchanged", "{files} would be left unchanged",
                                     "ไม่เปลี่ยน {files}"),
    "fmt-count-invalid": ("{files} with syntax errors", "{files} with syntax errors",
                          "มีข้อผิดพลาดทางไวยากรณ์ {files}"),
    "fmt-count-failed": ("{files} failed to reformat", "{files} failed to reformat", "จัดรูปแบบไม่ได้ {files}"),
    "fmt-count-would-fail": ("{files} would fail to reformat", "{files} would fail to reformat",
                             "จัดรูปแบบไม่ได้ {files}"),
    "fmt-count-unreadable": ("{files} could not be read or written", "{files} could not be read or written",
                             "อ่านหรือเขียนไม่ได้ {files}"),
    "fmt-nothing": ("no rule files to format", "no rule files to format", "ไม่มีไฟล์กฎให้จัดรูปแบบ"),
    # usage errors kpidsl raises itself (click shows them after "Error: ")
    "unknown-choice": ("no {what} `{given}`{close} ({whats}: {choices})",
                       "no {what} `{given}`{close} ({whats}: {choices})",
                       "ไม่มี{what} `{given}`{close} ({what}ที่มี: {choices})"),
    "did-you-mean": ("; did you mean `{close}`?", "; did you mean `{close}`?", " หมายถึง `{close}` หรือไม่"),
    "none": ("none", "none", "ไม่มี"),
    "folder-not-stdout": ("- is standard output, which cannot hold a folder of files: name a folder (./- for one called -)",
                          "- is standard output, which cannot hold a folder of files: name a folder (./- for one called -)",
                          "- คือเอาต์พุตมาตรฐาน ซึ่งเก็บโฟลเดอร์ของไฟล์ไม่ได้: ระบุโฟลเดอร์ (./- สำหรับโฟลเดอร์ชื่อ -)"),
    "file-not-folder": ("ends in /, which names a folder: this writes one file, so name the file ({file})",
                        "ends in /, which names a folder: this writes one file, so name the file ({file})",
                        "ลงท้ายด้วย / ซึ่งหมายถึงโฟลเดอร์ แต่คำสั่งนี้เขียนไฟล์เดียว: ระบุชื่อไฟล์ ({file})"),
    "empty-path": ("'' is empty: name a file or folder", "'' is empty: name a file or folder",
                   "'' ว่างเปล่า: ระบุชื่อไฟล์หรือโฟลเดอร์"),
    "agreement": ("agreement", "agreements", "คำรับรอง"),
    "form": ("form", "forms", "แบบฟอร์ม"),
    "people-between": ("{given} rows: give 1 to {most}", "{given} rows: give 1 to {most}",
                       "{given} แถว: ต้องระบุ 1 ถึง {most}"),
    "person-needs-results": ("--person picks a person's rows of --results: give --results too",
                             "--person picks a person's rows of --results: give --results too",
                             "--person เลือกแถวของผู้รับการประเมินจาก --results: ต้องระบุ --results ด้วย"),
    "jobs-at-least-one": ("{given} processes: give 1 or more", "{given} processes: give 1 or more",
                          "{given} โปรเซส: ต้องระบุตั้งแต่ 1 ขึ้นไป"),
    "agreement-not-in": ("no agreement `{given}` in {rule_set} (agreements: {known})",
                         "no agreement `{given}` in {rule_set} (agreements: {known})",
                         "ไม่มีคำรับรอง `{given}` ใน {rule_set} (คำรับรองที่มี: {known})"),
    "rule-sets-in-folder": ("{path} holds {n} rule set ({names}); name one of them",
                            "{path} holds {n} rule sets ({names}); name one of them",
                            "{path} มีชุดกฎ {n} ชุด ({names}) ระบุชุดใดชุดหนึ่ง"),
    "diff-one-rule-set": ("{old} and {new} are in one rule set, {root}: a file stands for its whole rule set; "
                          "name two rule sets (e.g. rules/2554 rules/2555)",
                          "{old} and {new} are in one rule set, {root}: a file stands for its whole rule set; "
                          "name two rule sets (e.g. rules/2554 rules/2555)",
                          "{old} และ {new} อยู่ในชุดกฎเดียวกัน คือ {root} ไฟล์หนึ่งไฟล์แทนทั้งชุดกฎที่ไฟล์นั้นอยู่ "
                          "ระบุชุดกฎสองชุด (เช่น rules/2554 rules/2555)"),
    "folder-not-empty": ("{path} is not empty; choose another folder or pass --force",
                         "{path} is not empty; choose another folder or pass --force",
                         "{path} มีไฟล์อยู่แล้ว เลือกโฟลเดอร์อื่น หรือใช้ --force"),
    # kpidsl/newyear.py's refusals (NewYearError.key)
    "year-not-be": ("{text!r} is not a Buddhist-era fiscal year like 2556{hint}",
                    "{text!r} is not a Buddhist-era fiscal year like 2556{hint}",
                    "{text!r} ไม่ใช่ปีงบประมาณแบบ พ.ศ. เช่น 2556{hint}"),
    "year-be-hint": (" ({be} BE?)", " ({be} BE?)", " (หมายถึง พ.ศ. {be} หรือไม่)"),
    "year-not-after": ("the rule set is for {current}; the new year must come after it, not {year}",
                       "the rule set is for {current}; the new year must come after it, not {year}",
                       "ชุดกฎนี้เป็นของปี {current} ปีใหม่ต้องอยู่หลังปีนี้ ไม่ใช่ {year}"),
    "no-fiscal-year": ("the rule set declares no fiscal year (ปีงบประมาณ)",
                       "the rule set declares no fiscal year (ปีงบประมาณ)",
                       "ชุดกฎไม่ได้ระบุปีงบประมาณ"),
    "scaffold-failed": ("{path}: the scaffold could not be laid out ({why})",
                        "{path}: the scaffold could not be laid out ({why})",
                        "{path}: จัดรูปแบบชุดกฎใหม่ไม่ได้ ({why})"),
    # kpidsl render's refusals (kpidsl/forms FormsError.key)
    "format-not-name": ("names one {suffix} file, but --format {format} writes {format}: leave --format out or "
                        "name the file `{stem}.{format}`",
                        "names one {suffix} file, but --format {format} writes {format}: leave --format out or "
                        "name the file `{stem}.{format}`",
                        "ระบุไฟล์ {suffix} ไฟล์เดียว แต่ --format {format} เขียนเป็น {format}: ไม่ต้องระบุ --format "
                        "หรือตั้งชื่อไฟล์เป็น `{stem}.{format}`"),
    "pdf-names-one-file": ("names one {suffix} file; with --pdf name the PDF (e.g. `{stem}.pdf`) or a folder",
                           "names one {suffix} file; with --pdf name the PDF (e.g. `{stem}.pdf`) or a folder",
                           "ระบุไฟล์ {suffix} ไฟล์เดียว เมื่อใช้ --pdf ให้ระบุไฟล์ PDF (เช่น `{stem}.pdf`) "
                           "หรือโฟลเดอร์"),
    "forms-no-agreement": ("no agreement `{wanted}` in this rule set", "no agreement `{wanted}` in this rule set",
                           "ไม่มีคำรับรอง `{wanted}` ในชุดกฎนี้"),
    "forms-no-form": ("no form `{wanted}`", "no form `{wanted}`", "ไม่มีแบบฟอร์ม `{wanted}`"),
    "forms-unknown-format": ("unknown format `{wanted}`", "unknown format `{wanted}`",
                             "ไม่รู้จักรูปแบบ `{wanted}`"),
    "forms-unknown-digits": ("unknown digits `{wanted}`", "unknown digits `{wanted}`",
                             "ไม่รู้จักชนิดตัวเลข `{wanted}`"),
    # kpidsl mutate's report (kpidsl/mutate/report.py)
    "hint-label": ("hint", "hint", "คำแนะนำ"),
    "mutate-error": ("check error", "check error", "check พบข้อผิดพลาด"),
    "mutate-warning": ("check warning", "check warning", "check เตือน"),
    "mutate-test": ("tests", "tests", "การทดสอบ"),
    "mutate-equivalent": ("equivalent", "equivalent", "เทียบเท่า"),
    "mutate-survived": ("survived", "survived", "รอด"),
    "mutate-crash": ("kpidsl failed", "kpidsl failed", "kpidsl ผิดพลาด"),
    "mutate-equivalents": ("equivalent mutants, and how it was decided:",
                           "equivalent mutants, and how it was decided:",
                           "การกลายพันธุ์ที่เทียบเท่า และวิธีที่ตัดสิน:"),
    "mutate-plan-identical": ("the compiled plan is byte-identical to the rule set's",
                              "the compiled plan is byte-identical to the rule set's",
                              "แผนที่คอมไพล์ได้เหมือนของชุดกฎเดิมทุกไบต์"),
    "mutate-sample-size-ties": ("the two roundings differ only where Yamane's n is exactly x.5; every such population "
                                "was scored and both give the same n: {cases}",
                                "the two roundings differ only where Yamane's n is exactly x.5; every such population "
                                "was scored and both give the same n: {cases}",
                                "การปัดเศษทั้งสองแบบต่างกันเฉพาะเมื่อ n ของยามาเน่เป็น x.5 พอดี; คำนวณทุกจำนวนประชากร"
                                "ที่เป็นเช่นนั้นแล้ว ได้ n เท่ากัน: {cases}"),
    "mutate-by_operator": ("by operator:", "by operator:", "แยกตามชนิดการกลายพันธุ์:"),
    "mutate-by_file": ("by file:", "by file:", "แยกตามไฟล์:"),
    "mutate-mutants": ("mutants", "mutants", "จำนวน"),
    "mutate-score": ("mutation score {score} ({caught} caught of {non_equivalent} non-equivalent; {total} mutants: "
                     "{parts})",
                     "mutation score {score} ({caught} caught of {non_equivalent} non-equivalent; {total} mutants: "
                     "{parts})",
                     "คะแนนการกลายพันธุ์ {score} (จับได้ {caught} จาก {non_equivalent} ที่ไม่เทียบเท่า; "
                     "ทั้งหมด {total}: {parts})"),
    "mutate-no_score": ("mutation score: none ({total} mutants, all equivalent)",
                        "mutation score: none ({total} mutants, all equivalent)",
                        "คะแนนการกลายพันธุ์: ไม่มี (ทั้งหมด {total} เทียบเท่าทุกรายการ)"),
    # kpidsl test's line on the ladders and bands (kpidsl/cli/commands.py)
    "ladders-and-bands": ("{root}: ladders and bands {good} of {total} scored as declared",
                          "{root}: ladders and bands {good} of {total} scored as declared",
                          "{root}: เกณฑ์และตารางระดับผล {good} จาก {total} รายการให้คะแนนตามที่ประกาศ"),
    # the raise pool (kpidsl/score/pool.py): its table's words, and what Q041-Q043 name
    "pool-heading": ("raise pool", "raise pool", "วงเงินเลื่อนเงินเดือน"),
    "pool-line": ("{framework} round {round}, group {group}: {people} people, salaries{on} {salaries} × {percent}% = "
                  "pool {pool}; raises given {given}; left {left}",
                  "{framework} round {round}, group {group}: {people} people, salaries{on} {salaries} × {percent}% = "
                  "pool {pool}; raises given {given}; left {left}",
                  "{framework} รอบ {round}, กลุ่ม {group}: {people} คน, เงินเดือนรวม{on} {salaries} × {percent}% = "
                  "วงเงิน {pool}; เงินเลื่อน {given}; คงเหลือ {left}"),
    "pool-on": (" on {date}", " on {date}", " ณ {date}"),
    "pool-agreement": ("agreement `{agreement}`", "agreement `{agreement}`", "คำรับรอง `{agreement}`"),
    "pool-group": ("pool group `{group}`", "pool group `{group}`", "กลุ่มวงเงิน `{group}` "),
    "pool-the-pool": ("the pool", "the pool", "วงเงิน"),
    "pool-round-together": ("round {round} (all pool groups together)", "round {round} (all pool groups together)",
                            "รอบ {round} (ทุกกลุ่มวงเงินรวมกัน) "),
    "diff-no-total": ("no total", "no total", "ไม่มีคะแนนรวม"),
    # the code actions of the language server (kpidsl/lsp/actions.py)
    "lsp-insert-space": ("Insert a space after `{keyword}`: `{keyword} {rest}`",
                         "Insert a space after `{keyword}`: `{keyword} {rest}`",
                         "เว้นวรรคหลัง `{keyword}`: `{keyword} {rest}`"),
    "lsp-replace-with": ("Replace with `{name}`", "Replace with `{name}`", "แทนด้วย `{name}`"),
    # the indicator snippet completion offers (kpidsl/lsp/completion.py): what it is, and its placeholders
    "lsp-snippet-kpi": ("an indicator with a 5-level ladder", "an indicator with a 5-level ladder",
                        "ตัวชี้วัดพร้อมเกณฑ์ 5 ระดับ"),
    "lsp-snippet-title": ("title", "title", "ชื่อตัวชี้วัด"),
    "lsp-snippet-source": ("document, slide", "document, slide", "เอกสาร สไลด์"),
    "lsp-snippet-unit": ("percent", "percent", "ร้อยละ"),
    # why the language server does not rename (kpidsl/lsp/rename.py)
    "lsp-rename-not-a-name": ("Only a declared name can be renamed here: a framework, agreement, indicator, input, "
                              "round, bands table, band, calendar, activity or example",
                              "Only a declared name can be renamed here: a framework, agreement, indicator, input, "
                              "round, bands table, band, calendar, activity or example",
                              "เปลี่ยนชื่อได้เฉพาะชื่อที่ประกาศไว้: กรอบ คำรับรอง ตัวชี้วัด ข้อมูล รอบ ตารางระดับ "
                              "ระดับ ปฏิทิน กิจกรรม หรือตัวอย่าง"),
    # grammar/kpi.lark's NAME, NUMBER and DOTTED, the ids rename.py takes: `8ก` is letters and digits, not an id
    "lsp-rename-not-an-id": ("`{name}` cannot be a name: a name is one word that starts with a letter or _ and goes "
                             "on with letters, digits and _ (`k_8`), or a number such as 8, 1.2 or 1.2.3",
                             "`{name}` cannot be a name: a name is one word that starts with a letter or _ and goes "
                             "on with letters, digits and _ (`k_8`), or a number such as 8, 1.2 or 1.2.3",
                             "`{name}` เป็นชื่อไม่ได้: ชื่อเป็นคำเดียวที่ขึ้นต้นด้วยตัวอักษรหรือ _ ตามด้วยตัวอักษร ตัวเลข "
                             "หรือ _ (`ข้อแปด`, `k_8`) หรือเป็นตัวเลขอย่าง 8, 1.2 หรือ 1.2.3"),
    "lsp-rename-breaks": ("Renaming to `{name}` would give error {code} (line {line}): not renamed",
                          "Renaming to `{name}` would give error {code} (line {line}): not renamed",
                          "เปลี่ยนเป็น `{name}` แล้วจะเกิดข้อผิดพลาด {code} (บรรทัด {line}): ไม่ได้เปลี่ยนชื่อ"),
    "lsp-rename-changes-meaning": ("Renaming to `{name}` would make a name refer to something else: not renamed",
                                   "Renaming to `{name}` would make a name refer to something else: not renamed",
                                   "เปลี่ยนเป็น `{name}` แล้วจะมีชื่อที่อ้างถึงสิ่งอื่นไป: ไม่ได้เปลี่ยนชื่อ"),
    "lsp-rename-results": ("Results files and workbooks that name `{old}` need `{name}` now",
                           "Results files and workbooks that name `{old}` need `{name}` now",
                           "ไฟล์ผลการดำเนินงานและสมุดงานที่ใช้ชื่อ `{old}` ต้องเปลี่ยนเป็น `{name}` ด้วย"),
    "lsp-weights-add": ("Weights add up to {total}, not {expected}: add {amount}",
                        "Weights add up to {total}, not {expected}: add {amount}",
                        "น้ำหนักรวม {total} ต้องเป็น {expected}: เพิ่มอีก {amount}"),
    "lsp-weights-take-away": ("Weights add up to {total}, not {expected}: take away {amount}",
                              "Weights add up to {total}, not {expected}: take away {amount}",
                              "น้ำหนักรวม {total} ต้องเป็น {expected}: ลดลง {amount}"),
    # the language server's hover texts (kpidsl/lsp/hover.py)
    "hover-allowed-in": ("allowed in: {places}", "allowed in: {places}", "ใช้ได้ใน: {places}"),
    "hover-value-word": ("a value word (written after a keyword)", "a value word (written after a keyword)",
                         "คำค่า (ใช้หลังคำสั่ง)"),
    "hover-ladder": ("ladder {values} ({way})", "ladder {values} ({way})", "เกณฑ์ {values} ({way})"),
    "hover-higher-is-better": ("higher is better", "higher is better", "มากดี"),
    "hover-lower-is-better": ("lower is better", "lower is better", "น้อยดี"),
    "hover-milestones": ("milestones:", "milestones:", "ขั้นความสำเร็จ:"),
    "hover-due": (" — due {date}", " — due {date}", " — ภายใน {date}"),
    "hover-weighted-average": ("weighted average of sub-indicators", "weighted average of sub-indicators",
                               "ค่าเฉลี่ยถ่วงน้ำหนักของตัวชี้วัดย่อย"),
    "hover-composite": ("composite", "composite", "ตัวชี้วัดแบบผสม"),
    "hover-owner-score": ("owner's score", "owner's score", "เจ้าภาพให้คะแนน"),
    "hover-formula": ("formula", "formula", "สูตร"),
    "hover-agreed": ("agreed", "agreed", "ตามที่ตกลง"),
    "hover-weight-in-framework": ("- weight in framework `{framework}`: {weight}",
                                  "- weight in framework `{framework}`: {weight}",
                                  "- น้ำหนักในกรอบ `{framework}`: {weight}"),
    "hover-omitted-in": ("- agreement `{agreement}`: omitted", "- agreement `{agreement}`: omitted",
                         "- คำรับรอง `{agreement}`: ยกเว้น"),
    "hover-share-in-framework": ("- share in framework `{framework}`: {share}", "- share in framework `{framework}`: {share}",
                                 "- สัดส่วนในกรอบ `{framework}`: {share}"),
    "hover-effective-weight": ("- effective weight in agreement `{agreement}`: {weight}",
                               "- effective weight in agreement `{agreement}`: {weight}",
                               "- น้ำหนักที่ใช้จริงในคำรับรอง `{agreement}`: {weight}"),
    "hover-weight-in-agreement": ("- weight in agreement `{agreement}`: {weight}",
                                  "- weight in agreement `{agreement}`: {weight}",
                                  "- น้ำหนักในคำรับรอง `{agreement}`: {weight}"),
    "hover-source": ("- source: {sources}", "- source: {sources}", "- ที่มา: {sources}"),
    "hover-as-written": ("_(the rule set has errors: shown as written, effective weights not worked out)_",
                         "_(the rule set has errors: shown as written, effective weights not worked out)_",
                         "_(ชุดกฎยังมีข้อผิดพลาด: แสดงตามที่เขียน ยังไม่คำนวณน้ำหนักที่ใช้จริง)_"),
    "hover-band": ("**band {band}** {title}", "**band {band}** {title}", "**ระดับผล {band}** {title}"),
    "hover-range": ("- range: {bounds}", "- range: {bounds}", "- ช่วงคะแนน: {bounds}"),
    "hover-salary-raise": ("- salary raise: {raise_range}", "- salary raise: {raise_range}",
                           "- ร้อยละการเลื่อนเงินเดือน: {raise_range}"),
    # a band whose raise is none (ต้องปรับปรุง, seed 001 ขั้นตอนที่ 9 "ไม่ได้เลื่อนเงินเดือน"), on every
    # table and form that shows a row's raise range (kpidsl/raise_words.py), never "0–0%"
    "raise-none": ("no raise", "no raise", "ไม่ได้เลื่อนเงินเดือน"),
    "hover-no-raise": ("no raise", "no raise", "ไม่เลื่อนเงินเดือน"),
    "hover-thai-holidays": (" (Thailand's public holidays)", " (Thailand's public holidays)",
                            " (วันหยุดราชการของประเทศไทย)"),
    "hover-holiday": ("a holiday: {name}", "a holiday: {name}", "วันหยุด {name}"),
    "hover-weekend": ("a weekend day", "a weekend day", "วันหยุดสุดสัปดาห์"),
    "hover-working-day": ("a working day", "a working day", "วันทำการ"),
    "hover-from": ("from", "from", "ตั้งแต่"),
    "hover-to": ("to", "to", "ถึง"),
    "hover-days": ("{days} days, {n} working day", "{days} days, {n} working days",
                   "{days} วัน เป็นวันทำการ {n} วัน"),
    # kpidsl diff's reports (kpidsl/diff/words.py, render.py and rescore.py)
    "diff-changes": ("{n} change", "{n} changes", "เปลี่ยน {n} รายการ"),
    "diff-rescore-summary": ("rescore{what}: {n} row, {scored} scored under both, {changed} with a different total, "
                             "band or raise",
                             "rescore{what}: {n} rows, {scored} scored under both, {changed} with a different total, "
                             "band or raise",
                             "คำนวณคะแนนใหม่{what}: {n} แถว คำนวณได้ทั้งสองชุด {scored} แถว "
                             "คะแนนรวม ระดับผล หรือการเลื่อนเงินเดือนต่างกัน {changed} แถว"),
    "diff-side-total": ("total {total}, band {band}", "total {total}, band {band}", "คะแนนรวม {total} ระดับผล {band}"),
    "diff-years": ("{years} year", "{years} years", "{years} ปี"),
    "diff-missing": ("missing: {what}", "missing: {what}", "ขาดข้อมูล: {what}"),
    "diff-steps": ("{milestones} ({n} step)", "{milestones} ({n} steps)", "{milestones} ({n} ขั้น)"),
    # headings and labels of its text and Markdown reports
    "diff-no-changes": ("no changes", "no changes", "ไม่มีการเปลี่ยนแปลง"),
    "diff-added-and-removed": ("added and removed", "added and removed", "เพิ่มและลบ"),
    "diff-added-and-removed-heading": ("Added and removed", "Added and removed", "เพิ่มและลบ"),
    "diff-by-kind": ("by kind", "by kind", "แยกตามชนิด"),
    "diff-new-side": ("(new)", "(new)", "(ใหม่)"),
    "diff-old-side": ("(old)", "(old)", "(เดิม)"),
    "diff-rule-set-wide": ("(rule set)", "(rule set)", "(ทั้งชุดกฎ)"),
    "diff-column-change": ("change", "change", "ชนิด"),
    "diff-column-what": ("what", "what", "รายการ"),
    "diff-column-title": ("title", "title", "ชื่อ"),
    "diff-column-where": ("where", "where", "บรรทัด"),
    "diff-column-old": ("old", "old", "เดิม"),
    "diff-column-new": ("new", "new", "ใหม่"),
    "diff-column-count": ("count", "count", "จำนวน"),
    "diff-column-meaning": ("meaning", "meaning", "ความหมาย"),
    "diff-column-row": ("row", "row", "แถว"),
    "diff-column-agreement": ("agreement", "agreement", "คำรับรอง"),
    "diff-column-person": ("person", "person", "ผู้รับการประเมิน"),
    "diff-column-total": ("total", "total", "คะแนนรวม"),
    "diff-column-difference": ("change", "change", "ผลต่าง"),
    "diff-column-band": ("band", "band", "ระดับผล"),
    "diff-column-raise": ("raise", "raise", "ร้อยละการเลื่อน"),
    "diff-rescored": ("Rescored", "Rescored", "คำนวณคะแนนใหม่"),
    "diff-no-rows": ("No results rows.", "No results rows.", "ไม่มีแถวผลการดำเนินงาน"),
    "diff-not-scored": ("not scored", "not scored", "คำนวณไม่ได้"),
    # a row one side (or neither) cannot score: "คำนวณไม่ได้ทั้งสองชุด" read as "under neither",
    # above a row the old rules had scored
    "diff-not-scored-under-both": ("not scored under both", "not scored under both", "คำนวณได้ไม่ครบทั้งสองชุด"),
    # the parts of a change's path no rule-file keyword spells (a milestone's `step` is a
    # ขั้น, not the ladder's ช่วงปรับ), and the values the differ writes in words
    "diff-part-step": ("step", "step", "ขั้น"),
    "diff-part-id": ("id", "id", "รหัส"),
    "diff-part-title": ("title", "title", "ชื่อ"),
    "diff-part-lower": ("lower", "lower", "ขอบล่าง"),
    "diff-part-upper": ("upper", "upper", "ขอบบน"),
    "diff-part-rounding_unit": ("rounding_unit", "rounding_unit", "หน่วยการปัดเศษ"),
    "diff-part-rule set": ("rule set", "rule set", "ชุดกฎ"),
    "diff-part-top level": ("top level", "top level", "ชั้นบนสุด"),
    "diff-part-place": ("place", "place", "ลำดับที่"),
    "diff-value-yes": ("yes", "yes", "ใช่"),
    "diff-value-no": ("no", "no", "ไม่ใช่"),
    "diff-value-omitted": ("omitted", "omitted", "ยกเว้น"),
    "diff-value-kept": ("kept", "kept", "คงไว้"),
    "diff-value-no raise": ("no raise", "no raise", "ไม่เลื่อน"),
    "diff-value-salary rules": ("salary rules", "salary rules", "หลักเกณฑ์การเลื่อนเงินเดือน"),
    # kpidsl sql --columns-from (kpidsl/cli/sql.py)
    "columns-from-csv": ("`{path}` is not a results CSV file: the header of one names the table's columns",
                         "`{path}` is not a results CSV file: the header of one names the table's columns",
                         "`{path}` ไม่ใช่ไฟล์ผลการดำเนินงาน CSV: ชื่อคอลัมน์ของตารางมาจากหัวตารางของไฟล์ CSV"),
    # kpidsl score's text report (kpidsl/score/report.py text)
    # the first column's heading: the kinds of node its rows are, " / " between (report.py text)
    "report-kind-perspective": ("perspective", "perspectives", "มุมมอง"),
    "report-kind-dimension": ("dimension", "dimensions", "มิติ"),
    "report-kind-kpi": ("indicator", "indicators", "ตัวชี้วัด"),
    "report-kind-component": ("component", "components", "องค์ประกอบ"),
    "report-kind-competency": ("competency", "competencies", "สมรรถนะ"),
    "report-weight": ("weight", "weight", "น้ำหนัก"),
    "report-score": ("score", "score", "คะแนน"),
    "report-weighted": ("weighted", "weighted", "คะแนนถ่วงน้ำหนัก"),
    "report-total": ("total", "total", "คะแนนรวม"),
    "report-penalty": ("penalty", "penalty", "ปรับลด"),
    "report-published": ("published total", "published total", "คะแนนรวมสุทธิ"),
    "report-band": ("band", "band", "ระดับผล"),
    "report-raise": ("raise", "raise", "ร้อยละการเลื่อน"),
    "report-amount": ("amount", "amount", "จำนวนเงิน"),
    "report-missing": ("missing", "missing", "ขาดข้อมูล"),
    "report-framework": ("framework", "framework", "กรอบ"),
    "report-fiscal-year": ("fiscal year", "fiscal year", "ปีงบประมาณ"),
    "report-round": ("round", "round", "รอบ"),
    "report-person": ("person", "person", "ผู้รับการประเมิน"),
    "report-omitted": ("omitted", "omitted", "ยกเว้น"),
    "report-sample": ("survey sample", "survey sample", "ขนาดกลุ่มตัวอย่าง"),
    "report-people": ("people", "people", "คน"),
    # kpidsl diff: what each kind of change means (kpidsl/diff/model.py KINDS lists the kinds)
    "change-framework-added": ("a framework new in NEW", "a framework new in NEW", "กรอบการประเมินที่มีใหม่ใน NEW"),
    "change-framework-removed": ("a framework gone from NEW", "a framework gone from NEW",
                                 "กรอบการประเมินที่ไม่มีแล้วใน NEW"),
    "change-framework-renamed": ("a framework's title changed", "a framework's title changed",
                                 "ชื่อกรอบการประเมินเปลี่ยน"),
    "change-framework-changed": ("a framework's level, fiscal year, calendars or rating bands changed",
                                 "a framework's level, fiscal year, calendars or rating bands changed",
                                 "ระดับ ปีงบประมาณ ปฏิทิน หรือระดับผลการประเมินของกรอบเปลี่ยน"),
    "change-indicator-added": ("indicator: new in NEW", "indicator: new in NEW", "ตัวชี้วัด: มีใหม่ใน NEW"),
    "change-indicator-removed": ("indicator: gone from NEW", "indicator: gone from NEW",
                                 "ตัวชี้วัด: ไม่มีแล้วใน NEW"),
    "change-indicator-renamed": ("indicator: same id, new title", "indicator: same id, new title",
                                 "ตัวชี้วัด: รหัสเดิม ชื่อใหม่"),
    "change-indicator-renumbered": ("indicator: new id, matched by its title",
                                    "indicator: new id, matched by its title",
                                    "ตัวชี้วัด: รหัสใหม่ จับคู่ด้วยชื่อ"),
    "change-indicator-moved": ("indicator: new parent, or new place among its siblings",
                               "indicator: new parent, or new place among its siblings",
                               "ตัวชี้วัด: ย้ายไปอยู่ใต้หัวข้ออื่น หรือเปลี่ยนลำดับในหัวข้อเดิม"),
    "change-dimension-added": ("dimension: new in NEW", "dimension: new in NEW", "มิติ: มีใหม่ใน NEW"),
    "change-dimension-removed": ("dimension: gone from NEW", "dimension: gone from NEW", "มิติ: ไม่มีแล้วใน NEW"),
    "change-dimension-renamed": ("dimension: same id, new title", "dimension: same id, new title",
                                 "มิติ: รหัสเดิม ชื่อใหม่"),
    "change-dimension-renumbered": ("dimension: new id, matched by its title",
                                    "dimension: new id, matched by its title",
                                    "มิติ: รหัสใหม่ จับคู่ด้วยชื่อ"),
    "change-dimension-moved": ("dimension: new parent, or new place among its siblings",
                               "dimension: new parent, or new place among its siblings",
                               "มิติ: ย้ายไปอยู่ใต้หัวข้ออื่น หรือเปลี่ยนลำดับในหัวข้อเดิม"),
    "change-perspective-added": ("perspective: new in NEW", "perspective: new in NEW", "มุมมอง: มีใหม่ใน NEW"),
    "change-perspective-removed": ("perspective: gone from NEW", "perspective: gone from NEW",
                                   "มุมมอง: ไม่มีแล้วใน NEW"),
    "change-perspective-renamed": ("perspective: same id, new title", "perspective: same id, new title",
                                   "มุมมอง: รหัสเดิม ชื่อใหม่"),
    "change-perspective-renumbered": ("perspective: new id, matched by its title",
                                      "perspective: new id, matched by its title",
                                      "มุมมอง: รหัสใหม่ จับคู่ด้วยชื่อ"),
    "change-perspective-moved": ("perspective: new parent, or new place among its siblings",
                                 "perspective: new parent, or new place among its siblings",
                                 "มุมมอง: ย้ายไปอยู่ใต้หัวข้ออื่น หรือเปลี่ยนลำดับในหัวข้อเดิม"),
    "change-component-added": ("component: new in NEW", "component: new in NEW", "องค์ประกอบ: มีใหม่ใน NEW"),
    "change-component-removed": ("component: gone from NEW", "component: gone from NEW",
                                 "องค์ประกอบ: ไม่มีแล้วใน NEW"),
    "change-component-renamed": ("component: same id, new title", "component: same id, new title",
                                 "องค์ประกอบ: รหัสเดิม ชื่อใหม่"),
    "change-component-renumbered": ("component: new id, matched by its title",
                                    "component: new id, matched by its title",
                                    "องค์ประกอบ: รหัสใหม่ จับคู่ด้วยชื่อ"),
    "change-component-moved": ("component: new parent, or new place among its siblings",
                               "component: new parent, or new place among its siblings",
                               "องค์ประกอบ: ย้ายไปอยู่ใต้หัวข้ออื่น หรือเปลี่ยนลำดับในหัวข้อเดิม"),
    "change-competency-added": ("competency: new in NEW", "competency: new in NEW", "สมรรถนะ: มีใหม่ใน NEW"),
    "change-competency-removed": ("competency: gone from NEW", "competency: gone from NEW",
                                  "สมรรถนะ: ไม่มีแล้วใน NEW"),
    "change-competency-renamed": ("competency: same id, new title", "competency: same id, new title",
                                  "สมรรถนะ: รหัสเดิม ชื่อใหม่"),
    "change-competency-renumbered": ("competency: new id, matched by its title",
                                     "competency: new id, matched by its title",
                                     "สมรรถนะ: รหัสใหม่ จับคู่ด้วยชื่อ"),
    "change-competency-moved": ("competency: new parent, or new place among its siblings",
                                "competency: new parent, or new place among its siblings",
                                "สมรรถนะ: ย้ายไปอยู่ใต้หัวข้ออื่น หรือเปลี่ยนลำดับในหัวข้อเดิม"),
    "change-weight-changed": ("a weight's figure changed", "a weight's figure changed", "ค่าน้ำหนักเปลี่ยน"),
    "change-weight-kind-changed": ("a weight became agreed, optional or fixed (or its optional weight goes elsewhere)",
                                   "a weight became agreed, optional or fixed (or its optional weight goes elsewhere)",
                                   "น้ำหนักกลายเป็นตามที่ตกลง ถ้ามี หรือกำหนดตายตัว (หรือน้ำหนักถ้ามีโอนไปที่อื่น)"),
    "change-share-changed": ("a component's or composite part's share changed",
                             "a component's or composite part's share changed",
                             "สัดส่วนขององค์ประกอบหรือส่วนของตัวชี้วัดเปลี่ยน"),
    "change-multiplier-changed": ("a component's multiplier changed", "a component's multiplier changed",
                                  "ตัวคูณขององค์ประกอบเปลี่ยน"),
    "change-scale-changed": ("the competency scale used changed", "the competency scale used changed",
                             "มาตรวัดสมรรถนะที่ใช้เปลี่ยน"),
    "change-unit-changed": ("the unit of a measured result changed", "the unit of a measured result changed",
                            "หน่วยของผลที่วัดเปลี่ยน"),
    "change-target-changed": ("a target changed", "a target changed", "ค่าเป้าหมายเปลี่ยน"),
    "change-scoring-kind-changed": ("how an indicator is scored changed (ladder, milestones, formula, …)",
                                    "how an indicator is scored changed (ladder, milestones, formula, …)",
                                    "วิธีให้คะแนนตัวชี้วัดเปลี่ยน (เกณฑ์ ขั้นความสำเร็จ สูตร …)"),
    "change-ladder-changed": ("a ladder's five thresholds changed (figures, or open and closed ends)",
                              "a ladder's five thresholds changed (figures, or open and closed ends)",
                              "เกณฑ์ 5 ระดับเปลี่ยน (ตัวเลข หรือปลายเปิดปลายปิด)"),
    "change-direction-changed": ("a ladder turned from higher-is-better to lower-is-better or back",
                                 "a ladder turned from higher-is-better to lower-is-better or back",
                                 "เกณฑ์เปลี่ยนจากมากดีเป็นน้อยดี หรือกลับกัน"),
    "change-step-changed": ("a ladder's step per level changed", "a ladder's step per level changed",
                            "ช่วงปรับเกณฑ์ต่อระดับเปลี่ยน"),
    "change-formula-changed": ("a formula's inputs or expression changed", "a formula's inputs or expression changed",
                               "ข้อมูลหรือสูตรคำนวณเปลี่ยน"),
    "change-milestone-changed": ("a milestone step's text or evidence changed",
                                 "a milestone step's text or evidence changed",
                                 "ข้อความหรือหลักฐานของขั้นความสำเร็จเปลี่ยน"),
    "change-milestone-moved": ("a milestone step's due date moved", "a milestone step's due date moved",
                               "กำหนดส่งของขั้นความสำเร็จเลื่อน"),
    "change-part-added": ("a composite part new in NEW", "a composite part new in NEW",
                          "ส่วนของตัวชี้วัดที่มีใหม่ใน NEW"),
    "change-part-removed": ("a composite part gone from NEW", "a composite part gone from NEW",
                            "ส่วนของตัวชี้วัดที่ไม่มีแล้วใน NEW"),
    "change-details-changed": ("an indicator's description, definitions, formula text, conditions, owners, … changed",
                               "an indicator's description, definitions, formula text, conditions, owners, … changed",
                               "คำอธิบาย นิยาม สูตร เงื่อนไข เจ้าภาพ … ของตัวชี้วัดเปลี่ยน"),
    "change-policy-changed": ("a scoring policy changed (floor, cap, decimals, rounding, redistribution, …)",
                              "a scoring policy changed (floor, cap, decimals, rounding, redistribution, …)",
                              "หลักเกณฑ์การให้คะแนนเปลี่ยน (คะแนนต่ำสุด เพดาน ทศนิยม การปัดเศษ การโอนน้ำหนัก …)"),
    "change-limit-added": ("a framework rule (limit) new in NEW", "a framework rule (limit) new in NEW",
                           "ข้อกำหนดของกรอบที่มีใหม่ใน NEW"),
    "change-limit-removed": ("a framework rule (limit) gone from NEW", "a framework rule (limit) gone from NEW",
                             "ข้อกำหนดของกรอบที่ไม่มีแล้วใน NEW"),
    "change-salary-changed": ("a salary-raise rule changed (pools, cap, base, rounding, grades)",
                              "a salary-raise rule changed (pools, cap, base, rounding, grades)",
                              "หลักเกณฑ์การเลื่อนเงินเดือนเปลี่ยน (วงเงิน เพดาน ฐาน การปัดเศษ ระดับตำแหน่ง)"),
    "change-bands-added": ("a rating band table new in NEW", "a rating band table new in NEW",
                           "ตารางระดับผลการประเมินที่มีใหม่ใน NEW"),
    "change-bands-removed": ("a rating band table gone from NEW", "a rating band table gone from NEW",
                             "ตารางระดับผลการประเมินที่ไม่มีแล้วใน NEW"),
    "change-bands-renamed": ("a rating band table's title changed", "a rating band table's title changed",
                             "ชื่อตารางระดับผลการประเมินเปลี่ยน"),
    "change-bands-range-changed": ("the score range of a band table changed",
                                   "the score range of a band table changed",
                                   "ช่วงคะแนนของตารางระดับผลการประเมินเปลี่ยน"),
    "change-band-added": ("a rating band new in NEW", "a rating band new in NEW", "ระดับผลที่มีใหม่ใน NEW"),
    "change-band-removed": ("a rating band gone from NEW", "a rating band gone from NEW",
                            "ระดับผลที่ไม่มีแล้วใน NEW"),
    "change-band-renamed": ("a rating band's title changed", "a rating band's title changed", "ชื่อระดับผลเปลี่ยน"),
    "change-band-boundary-changed": ("a band's lower or upper bound changed (figure, or open and closed)",
                                     "a band's lower or upper bound changed (figure, or open and closed)",
                                     "ขอบล่างหรือขอบบนของระดับผลเปลี่ยน (ตัวเลข หรือรวมหรือไม่รวมขอบ)"),
    "change-band-raise-changed": ("a band's raise range changed", "a band's raise range changed",
                                  "ร้อยละการเลื่อนเงินเดือนของระดับผลเปลี่ยน"),
    "change-round-added": ("a reporting round new in NEW", "a reporting round new in NEW",
                           "รอบการรายงานที่มีใหม่ใน NEW"),
    "change-round-removed": ("a reporting round gone from NEW", "a reporting round gone from NEW",
                             "รอบการรายงานที่ไม่มีแล้วใน NEW"),
    "change-round-renamed": ("a round's title changed", "a round's title changed", "ชื่อรอบเปลี่ยน"),
    "change-round-moved": ("a round's period or due date moved", "a round's period or due date moved",
                           "ระยะเวลาหรือกำหนดส่งของรอบเลื่อน"),
    "change-penalty-changed": ("a round's late penalty changed", "a round's late penalty changed",
                               "การปรับลดคะแนนเมื่อส่งรายงานช้าเปลี่ยน"),
    "change-calendar-added": ("a calendar new in NEW", "a calendar new in NEW", "ปฏิทินที่มีใหม่ใน NEW"),
    "change-calendar-removed": ("a calendar gone from NEW", "a calendar gone from NEW", "ปฏิทินที่ไม่มีแล้วใน NEW"),
    "change-calendar-renamed": ("a calendar's title changed", "a calendar's title changed", "ชื่อปฏิทินเปลี่ยน"),
    "change-activity-added": ("a calendar activity new in NEW", "a calendar activity new in NEW",
                              "กิจกรรมในปฏิทินที่มีใหม่ใน NEW"),
    "change-activity-removed": ("a calendar activity gone from NEW", "a calendar activity gone from NEW",
                                "กิจกรรมในปฏิทินที่ไม่มีแล้วใน NEW"),
    "change-activity-renamed": ("a calendar activity's title changed", "a calendar activity's title changed",
                                "ชื่อกิจกรรมในปฏิทินเปลี่ยน"),
    "change-activity-moved": ("a calendar activity's dates moved", "a calendar activity's dates moved",
                              "วันที่ของกิจกรรมในปฏิทินเลื่อน"),
    "change-agreement-added": ("an agreement new in NEW", "an agreement new in NEW", "คำรับรองที่มีใหม่ใน NEW"),
    "change-agreement-removed": ("an agreement gone from NEW", "an agreement gone from NEW",
                                 "คำรับรองที่ไม่มีแล้วใน NEW"),
    "change-agreement-renamed": ("an agreement's title changed", "an agreement's title changed",
                                 "ชื่อคำรับรองเปลี่ยน"),
    "change-agreement-changed": ("an agreement's framework, person, round, period, salary or grade changed",
                                 "an agreement's framework, person, round, period, salary or grade changed",
                                 "กรอบ ผู้รับการประเมิน รอบ ระยะเวลา เงินเดือน หรือระดับตำแหน่งของคำรับรองเปลี่ยน"),
    "change-agreed-weight-changed": ("a weight set by an agreement changed", "a weight set by an agreement changed",
                                     "น้ำหนักที่กำหนดในคำรับรองเปลี่ยน"),
    "change-effective-weight-changed": ("a weight in force changed because of omissions or redistribution",
                                        "a weight in force changed because of omissions or redistribution",
                                        "น้ำหนักที่ใช้จริงเปลี่ยน เพราะมีการยกเว้นหรือโอนน้ำหนัก"),
    "change-omission-changed": ("an agreement omits an indicator it kept, or keeps one it omitted",
                                "an agreement omits an indicator it kept, or keeps one it omitted",
                                "คำรับรองยกเว้นตัวชี้วัดที่เคยมี หรือกลับมาใช้ตัวชี้วัดที่เคยยกเว้น"),
    "change-holidays-changed": ("the holiday country changed", "the holiday country changed",
                                "ประเทศของวันหยุดเปลี่ยน"),
    "change-holiday-added": ("a holiday added by the rules (or a day taken off the country's list)",
                             "a holiday added by the rules (or a day taken off the country's list)",
                             "วันหยุดที่กฎเพิ่ม (หรือวันที่นำออกจากรายการวันหยุดของประเทศ)"),
    "change-holiday-removed": ("a holiday no longer added by the rules (or no longer taken off)",
                               "a holiday no longer added by the rules (or no longer taken off)",
                               "วันหยุดที่กฎไม่เพิ่มแล้ว (หรือไม่นำออกแล้ว)"),
}


def both(key: str, n: int | None = None, **fields: object) -> tuple[str, str]:
    """A sentence of ``SAID`` in English and in Thai (for a ``Bi`` field of a diagnostic)."""
    return said(key, "en", n, **fields), said(key, "th", n, **fields)


def said(key: str, lang: str, n: int | None = None, **fields: object) -> str:
    """A sentence of ``SAID`` in ``lang``, English singular when ``n`` is 1, fields filled (a
    field given as a Bi, a phrase, in ``lang``).

    A path (a field given as a Path) is shown on one line with its control characters
    escaped (kpidsl/outputs/terminal.py): a file another user named on a shared drive, or a
    name typed with a newline, cannot drive the terminal or forge a line of the output."""
    from ..outputs.terminal import shown_on_one_line

    one, many, thai = SAID[key]
    text = thai if lang == "th" else (one if n == 1 else many)
    fields = {k: shown_on_one_line(os.fspath(v)) if isinstance(v, os.PathLike) else
              v.in_lang(lang) if isinstance(v, Bi) else v for k, v in fields.items()}
    return text.format(n=n, **fields)
