"""The phrases that fill a diagnostic's fields (``{reason}``, ``{expected}``, ``{found}``,
``{what}`` … of a code in registry.py), in English and Thai, by key, with named fields the
caller fills:

    CODES["K013"].at(span, key=k, value=v, reason=phrase("be-year-between", low=2500, high=2600))

A phrase is a Bi (kpidsl/bilingual.py): given as the field ``reason`` it fills ``{reason}``
and ``{reason_th}``. A call site names a phrase and gives its fields; it never writes the
sentence itself (tests/test_phrases.py walks kpidsl's source for such literals). A field
given as a Bi is read in each language (``phrase("found-value", kind=phrase("a-number"),
text="5")``); any other field is the same in both (a name, a number, the system's own
words for an OSError, which kpidsl/source.py ``reason`` puts in Thai where it can).
Texts are ``str.format`` templates: a literal brace is doubled.
"""

from __future__ import annotations

from ..bilingual import Bi
from ..score_range import SCORE_RANGE

PHRASES: dict[str, tuple[str, str]] = {
    # -- kpidsl test: an expected weighted figure that is weight × score without / 100 (kpidsl/score/examples.py)
    "example-weighted-is-share": (
        "the weighted score is the share the indicator adds to its parent's score, weight (%) × score / 100 "
        "({share}), as every form and the `score` table print it; {table} is weight × score without the / 100",
        "คะแนนถ่วงน้ำหนักคือส่วนที่ตัวชี้วัดให้แก่คะแนนของระดับที่อยู่เหนือขึ้นไป น้ำหนัก (ร้อยละ) × คะแนน / 100 "
        "({share}) อย่างที่ทุกแบบฟอร์มและตารางของ `score` แสดง; {table} คือน้ำหนัก × คะแนนที่ยังไม่หารด้วย 100"),
    # -- a framework's criteria an agreement changes (A027, kpidsl/check/agreements.py)
    "fixed-ladder": ("a ladder", "เกณฑ์"),
    "fixed-steps": ("milestone steps", "ขั้นความสำเร็จ"),
    # -- a fraction read on a ladder in percent (L008, kpidsl/check/formulas.py)
    "fraction-never-reaches": ("no level is reached unless a part is 1 time its whole or more, so the score is the "
                               "floor", "ไม่ถึงระดับใดเลยเว้นแต่ส่วนจะมากกว่าหรือเท่ากับทั้งหมด คะแนนจึงเป็นค่าต่ำสุด"),
    "fraction-always-meets": ("every level is met whatever the figures (lower is better), so the score is 5",
                              "ผ่านทุกระดับไม่ว่าผลจะเป็นเท่าใด (ค่าน้อยดี) คะแนนจึงเป็น 5 เสมอ"),
    # -- files (F009, O001, J003): why a path cannot be read or written
    "is-a-folder": ("it is a folder", "เป็นโฟลเดอร์"),
    "no-folder-descriptors": ("this system cannot work in a folder by its descriptor (os.supports_dir_fd), which "
                              "kpidsl needs to write where no link put there meanwhile could lead it elsewhere",
                              "ระบบนี้ทำงานในโฟลเดอร์ผ่านตัวอธิบายโฟลเดอร์ (os.supports_dir_fd) ไม่ได้ ซึ่ง kpidsl "
                              "ต้องใช้เพื่อไม่ให้ลิงก์ที่มีผู้วางไว้ระหว่างทำงานพาไปเขียนที่อื่น"),
    "not-a-regular-file": ("it is not a regular file", "ไม่ใช่ไฟล์ธรรมดา"),
    "broken-link": ("it is a broken symbolic link", "เป็นลิงก์ที่ชี้ไปยังที่ที่ไม่มีอยู่"),
    "link-out-of-folder": ("it is a symbolic link to a file outside the folder named, which kpidsl does not follow: "
                           "copy the file into the folder",
                           "เป็นลิงก์ที่ชี้ไปยังไฟล์นอกโฟลเดอร์ที่ระบุ ซึ่ง kpidsl ไม่ตามไป ให้คัดลอกไฟล์มาไว้ในโฟลเดอร์"),
    "not-proven-in-folder": ("kpidsl cannot make sure on this system that the file opened is the folder's own (the drive "
                             "numbers no file): name the file itself",
                             "ระบบนี้ไม่อาจยืนยันได้ว่าไฟล์ที่เปิดเป็นไฟล์ในโฟลเดอร์ที่ระบุ (ไดรฟ์ไม่ระบุหมายเลขไฟล์) "
                             "ให้ระบุชื่อไฟล์นั้นโดยตรง"),
    # -- output names and folders (O003, O004, O006, O011: kpidsl/filenames.py, kpidsl/output_folder.py)
    "not-a-relative-path": ("not a relative path", "ไม่ใช่เส้นทางสัมพัทธ์"),
    "longer-than-bytes": ("longer than {limit} bytes", "ยาวเกิน {limit} ไบต์"),
    "not-a-name": ("`{part}` is not a name", "`{part}` ไม่ใช่ชื่อ"),
    "part-longer-than-bytes": ("a part is longer than {limit} bytes", "มีส่วนที่ยาวเกิน {limit} ไบต์"),
    "forbidden-character": ("it holds a character file names may not hold", "มีอักขระที่ใช้ในชื่อไฟล์ไม่ได้"),
    "windows-device-name": ("`{part}` is a device name on Windows", "`{part}` เป็นชื่ออุปกรณ์ของ Windows"),
    "path-longer-than-bytes": ("the whole path is longer than {limit} bytes", "เส้นทางทั้งหมดยาวเกิน {limit} ไบต์"),
    "files-n": ("{n} files", "{n} ไฟล์"),  # O010: how many a render would write
    "files-more-than": ("more than {n} files", "มากกว่า {n} ไฟล์"),
    "output-is": ("is", "เป็น"),
    "output-is-inside": ("is inside", "อยู่ใน"),
    "output-holds": ("holds", "มี"),
    "file-where-folder": ("stands where kpidsl makes a folder", "อยู่ในที่ที่ kpidsl ต้องสร้างโฟลเดอร์"),
    "folder-where-file": ("is a folder where kpidsl writes a file", "เป็นโฟลเดอร์ในที่ที่ kpidsl ต้องเขียนไฟล์"),
    "output-not-regular": ("is not a regular file", "ไม่ใช่ไฟล์ปกติ"),
    "not-from-last-build": ("was not written by the last build, or changed since",
                            "ไม่ได้เขียนโดยการสร้างครั้งก่อน หรือถูกแก้ไขภายหลัง"),
    "holds-unproven-files": ("it holds files kpidsl cannot prove it wrote", "มีไฟล์ที่ kpidsl ยืนยันไม่ได้ว่าเป็นผู้เขียน"),
    # -- a plan read back (T009)
    "nesting-depth": ("nesting depth", "ความลึกของการซ้อน"),
    "file-size": ("size", "ขนาด"),
    "one-of": ("one of {choices}", "หนึ่งใน {choices}"),
    # -- what a plan's value should be (T005, T006: kpidsl/plan/model/fields.py EXPECTED)
    "plan-expects-object": ("an object", "ออบเจ็กต์"),
    "plan-expects-array": ("a list", "รายการ"),
    "plan-expects-string": ("a text", "ข้อความ"),
    "plan-expects-integer": ("a whole number", "จำนวนเต็ม"),
    "plan-expects-boolean": ("true or false", "true หรือ false"),
    "plan-expects-decimal": ('a decimal written as text, like "87.5"', 'ทศนิยมที่เขียนเป็นข้อความ เช่น "87.5"'),
    "plan-expects-date": ('a date written like "2011-10-31"', 'วันที่ที่เขียนแบบ "2011-10-31"'),
    "plan-expects-nonempty": ("a text of at least one character", "ข้อความอย่างน้อยหนึ่งตัวอักษร"),
    "plan-expects-range": ("within the range the plan format allows", "อยู่ในช่วงที่รูปแบบแผนกำหนด"),
    "plan-expects-shape": ("one of the shapes the plan format allows here",
                           "รูปแบบใดรูปแบบหนึ่งที่รูปแบบแผนกำหนดไว้ ณ ตำแหน่งนี้"),
    "plan-expects-count": ("a list of the length the plan format allows", "รายการที่มีจำนวนตามที่รูปแบบแผนกำหนด"),
    "plan-expects-grade": ("the id of one of its framework's salary grades: the agreement gives a salary, "
                           "whose raise is worked out on its grade",
                           "รหัสระดับตำแหน่งหนึ่งในระดับตำแหน่งของกรอบ เพราะคำรับรองระบุเงินเดือน "
                           "ซึ่งคิดจำนวนเงินที่ได้เลื่อนตามระดับตำแหน่ง"),
    # -- results files (Q008): why the results cannot be read
    "no-results-files": ("no .csv, .json or .xlsx results files in {folder}",
                         "ไม่พบไฟล์ผลการดำเนินงาน .csv .json หรือ .xlsx ใน {folder}"),
    "csv-field-too-long": ("field larger than field limit ({limit})",
                           "มีช่องข้อมูลที่ยาวเกินกว่าที่รับได้ ({limit} อักขระ)"),
    "csv-line-too-long": ("line {line} runs on past {limit} bytes without a line end",
                          "บรรทัดที่ {line} ยาวเกิน {limit} ไบต์โดยไม่ขึ้นบรรทัดใหม่"),
    "csv-record-too-long": ("the row that begins on line {line} runs on past {limit} bytes in a quoted cell "
                            "(a quote left open?)",
                            "แถวที่เริ่มที่บรรทัดที่ {line} ยาวเกิน {limit} ไบต์ในช่องข้อมูลที่อยู่ในเครื่องหมายคำพูด "
                            "(ลืมปิดเครื่องหมายคำพูดหรือไม่)"),
    "csv-line-end-in-cell": ("a line end inside a cell that is not in quotes",
                             "มีการขึ้นบรรทัดใหม่ในช่องข้อมูลที่ไม่ได้อยู่ในเครื่องหมายคำพูด"),
    "csv-malformed": ("the text cannot be read as rows of cells", "อ่านข้อความเป็นแถวและช่องข้อมูลไม่ได้"),
    "nul-in-line": ("a line holds a NUL character: the file is not text",
                    "มีอักขระ NUL ในบรรทัด ไฟล์นี้ไม่ใช่ข้อความ"),
    "byte-not-utf8": ("byte 0x{byte} cannot be read as UTF-8", "อ่านไบต์ 0x{byte} เป็น UTF-8 ไม่ได้"),
    # -- what results give (Q004, Q006)
    "json-key": ("key {key}", "คีย์ {key}"),
    "json-list": ("a list", "รายการค่า (list)"),
    "json-object": ("an object", "ออบเจกต์ (object)"),
    # -- what an invisible character splits (S013, kpidsl/syntax/invisible.py)
    "split-name": ("name", "ชื่อ"),
    "split-number": ("number", "ตัวเลข"),
    "split-date": ("date", "วันที่"),
    # -- what the SQL backend cannot compile exactly, or at all, and why (Z002, Z003; kpidsl/sql)
    "sql-a-figure": ("a figure", "ตัวเลข"),
    "sql-a-product": ("a product", "ผลคูณ"),
    "sql-a-sum": ("a sum", "ผลรวม"),
    "sql-a-difference": ("a difference", "ผลต่าง"),
    "sql-a-quotient": ("a quotient", "ผลหาร"),
    "sql-rounding": ("rounding", "การปัดเศษ"),
    "sql-formula-of": ("the formula of {where}", "สูตรของ {where}"),
    "sql-formula-value-of": ("the value of the formula of {where}", "ค่าที่คำนวณจากสูตรของ {where}"),
    "sql-average-of": ("the average of {where}", "ค่าเฉลี่ยถ่วงน้ำหนักของ {where}"),
    "sql-mean-of": ("the mean of {where}", "ค่าเฉลี่ยของ {where}"),
    "sql-component": ("the component {where}", "องค์ประกอบ {where}"),
    "sql-ladder-of": ("the ladder of {where}", "เกณฑ์ของ {where}"),
    "sql-the-total": ("the total", "คะแนนรวม"),
    "sql-a-choice": ("a choice of figures", "การเลือกค่าจากหลายค่า"),
    "sql-digits-sql": ("needs {digits} digits, more than the {limit} SQL holds",
                       "ต้องใช้ {digits} หลัก เกินกว่า {limit} หลักที่ SQL เก็บได้"),
    "sql-digits-dialects": ("needs {digits} digits, more than the {limit} every dialect holds",
                            "ต้องใช้ {digits} หลัก เกินกว่า {limit} หลักที่ SQL ทุกรูปแบบเก็บได้"),
    "sql-division-by-zero": ("division by zero", "หารด้วยศูนย์"),
    "sql-unknown-rounding": ("unknown rounding {mode}", "ไม่รู้จักวิธีปัดเศษ {mode}"),
    "sql-quotient-not-ending": ("a quotient that does not end", "ผลหารที่ไม่รู้จบ"),
    "sql-sample-size-json": ("a survey sample size in the JSON output", "ขนาดกลุ่มตัวอย่างของการสำรวจในผลลัพธ์ JSON"),
    "sql-column-twice": ("a column named twice", "คอลัมน์ที่มีชื่อซ้ำกัน"),
    "sql-column-without-name": ("a column without a name", "คอลัมน์ที่ไม่มีชื่อ"),
    "sql-column-hidden-character": ("a column whose name holds a character no one sees",
                                    "คอลัมน์ที่ชื่อมีอักขระที่มองไม่เห็น"),
    "sql-two-columns-for": ("two columns for {field}", "สองคอลัมน์สำหรับ {field}"),
    "sql-ladder-equal-thresholds": ("a ladder with two equal thresholds", "เกณฑ์ที่มีค่าเกณฑ์เท่ากันสองค่า"),
    "sql-input-without-column": ("formula input {name} without a column", "ข้อมูล {name} ของสูตรที่ไม่มีคอลัมน์"),
    "sql-part-without-share": ("a composite part without a share", "ส่วนของตัวชี้วัดผสมที่ไม่มีสัดส่วน"),
    "sql-formula-score-given": ("a formula's score given directly", "คะแนนของตัวชี้วัดแบบสูตรที่กรอกมาโดยตรง"),
    "sql-composite-score-given": ("a composite's score given directly", "คะแนนของตัวชี้วัดผสมที่กรอกมาโดยตรง"),
    "sql-unweighted-indicator": ("a component with an unweighted indicator",
                                 "องค์ประกอบที่มีตัวชี้วัดที่ไม่มีน้ำหนัก"),
    "sql-scoring-kind": ("scoring {kind}", "การให้คะแนนแบบ {kind}"),
    "sql-grade-without-mid": ("a grade without its mid-point", "ระดับตำแหน่งที่ไม่มีค่ากลาง"),
    # -- why the SQL engine leaves results to the Python evaluator (kpidsl/sql/run.py Declined;
    #    told in Z005, where a Parquet file has no evaluator to go to)
    "sql-declined-format": ("the SQL engine writes no {format}", "เอนจิน SQL เขียนผลแบบ {format} ไม่ได้"),
    "sql-declined-no-duckdb": ("duckdb is not installed", "ยังไม่ได้ติดตั้ง duckdb"),
    "sql-declined-not-regular": ("the SQL engine reads a regular file only", "เอนจิน SQL อ่านได้เฉพาะไฟล์ธรรมดา"),
    "sql-declined-kind": ("the SQL engine reads a CSV, Parquet or workbook file only",
                          "เอนจิน SQL อ่านได้เฉพาะไฟล์ CSV, Parquet หรือสมุดงาน"),
    "sql-declined-not-text": ("the file is not text (a NUL, or control characters at its start), which the Python "
                              "evaluator tells", "ไฟล์ไม่ใช่ข้อความ (มีอักขระ NUL หรือมีอักขระควบคุมตอนต้นไฟล์) "
                              "ซึ่งตัวคำนวณภาษา Python จะแจ้ง"),
    "sql-declined-no-header": ("the file has no header the SQL engine reads",
                               "ไฟล์ไม่มีหัวตารางที่เอนจิน SQL อ่านได้"),
    "sql-declined-columns": ("it has more than {limit} columns", "มีมากกว่า {limit} คอลัมน์"),
    "sql-declined-twice": ("an evaluation is given twice", "มีการประเมินที่ให้ผลซ้ำกันสองแถว"),
    "sql-declined-other-agreement": ("a row names another agreement than --agreement",
                                     "มีแถวที่ระบุคำรับรองอื่นที่ไม่ใช่ --agreement"),
    "sql-declined-no-agreement": ("no row names an agreement of the rule set",
                                  "ไม่มีแถวใดระบุคำรับรองที่อยู่ในชุดกฎ"),
    "sql-declined-pool-exceeded": ("a raise pool is exceeded", "มีเงินเลื่อนเกินวงเงิน"),
    "sql-declined-duckdb": ("DuckDB: {error}", "DuckDB แจ้งว่า: {error}"),
    "sql-declined-not-exact": ("{what} cannot be computed exactly in SQL: {why}",
                               "คำนวณ{what}ใน SQL ให้ตรงทุกหลักไม่ได้: {why}"),
    "sql-declined-unsupported": ("{what} ({where}) is not compiled to SQL yet", "ยังแปลง{what} ({where}) เป็น SQL ไม่ได้"),
    "sql-declined-no-xlsx": ("the extra xlsx is not installed", "ยังไม่ได้ติดตั้งส่วนเสริม xlsx"),
    "sql-declined-workbook-says": ("the workbook reader has a problem to tell", "ตัวอ่านสมุดงานพบปัญหาที่ต้องแจ้ง"),
    "sql-declined-sheet-headers": ("the workbook's sheets have different headers", "แผ่นงานของสมุดงานมีหัวตารางต่างกัน"),
    "sql-declined-row-wider": ("a workbook row has more cells than its header",
                               "มีแถวในสมุดงานที่มีช่องมากกว่าหัวตาราง"),
    "sql-declined-no-entry-table": ("the workbook has no entry table", "สมุดงานไม่มีตารางกรอกผล"),
    "sql-declined-pool-not-summed": ("a raise pool the SQL engine does not sum",
                                     "มีวงเงินเลื่อนเงินเดือนที่เอนจิน SQL ไม่ได้รวมยอด"),
    "sql-declined-no-memfd": ("this system has no in-memory file to hand rows to the Python evaluator",
                              "ระบบนี้ไม่มีไฟล์ในหน่วยความจำสำหรับส่งแถวให้ตัวประเมินภาษา Python"),
    "sql-declined-row-problem": ("a row has a problem, which the Python evaluator tells at its cell",
                                 "มีแถวที่มีปัญหา ซึ่งตัวประเมินภาษา Python แจ้งได้ที่ช่องของแถวนั้น"),
    "sql-declined-row-count": ("the Python evaluator gave another number of rows",
                               "ตัวประเมินภาษา Python ให้จำนวนแถวไม่ตรงกัน"),
    "sql-declined-line-end": ("DuckDB's lines end without a line feed",
                              "บรรทัดที่ DuckDB เขียนไม่ได้ลงท้ายด้วยการขึ้นบรรทัดใหม่"),
    # -- `kpidsl fmt`'s verifications (kpidsl/fmt.py Failure): the check, and what did not hold
    "fmt-check-statement-tree": ("statement tree", "โครงสร้างคำสั่ง"),
    "fmt-check-rule-ast": ("rule AST", "โครงสร้างกฎ (rule AST)"),
    "fmt-check-comments": ("comments", "ความคิดเห็น"),
    "fmt-check-idempotence": ("idempotence", "การจัดรูปแบบซ้ำได้ผลเดิม"),
    "fmt-not-printed": ("the file could not be printed ({what})", "พิมพ์ไฟล์ในรูปแบบมาตรฐานไม่ได้ ({what})"),
    "fmt-result-not-parsed": ("the result does not parse{where}: {why}", "ผลลัพธ์แจงไวยากรณ์ไม่ได้{where}: {why}"),
    "fmt-at-line": (" at line {line}", " ที่บรรทัด {line}"),
    "fmt-blocks-unreadable": ("its blocks cannot be read", "อ่านบล็อกของผลลัพธ์ไม่ได้"),
    "fmt-statement-differs": ("statement {n} differs{where}", "คำสั่งที่ {n} ไม่ตรงกัน{where}"),
    "fmt-line-of-result": (" (line {line} of the result)", " (บรรทัด {line} ของผลลัพธ์)"),
    "fmt-statements-became": ("{before} statements became {after}", "คำสั่ง {before} คำสั่งกลายเป็น {after} คำสั่ง"),
    "fmt-other-rule-ast": ("the result lowers to a different rule AST", "ผลลัพธ์ได้โครงสร้างกฎ (rule AST) ที่ต่างไป"),
    "fmt-comment-lost": ("comment lost or moved: #{comment}", "ความคิดเห็นหายไปหรือย้ายที่: #{comment}"),
    "fmt-comments-order": ("comments out of order", "ลำดับความคิดเห็นเปลี่ยนไป"),
    "fmt-not-idempotent": ("formatting the result again changes it", "จัดรูปแบบผลลัพธ์อีกครั้งแล้วได้ข้อความต่างไป"),
    # -- a quoted value too long to show whole (quoted_values below): its start and its length
    "clipped-text": ("{start}… ({n} characters)", "{start}… ({n} อักขระ)"),
    # -- what a JSON record has too many of (Q030)
    "record-results": ("results", "ผลการดำเนินงาน"),
    "record-fields-of": ("fields of `{id}`", "ค่าของ `{id}`"),
    "record-values": ("values of the record", "ค่าทั้งหมดของรายการ"),
    "column": ("column `{column}`", "คอลัมน์ `{column}`"),
    "row-given": ("agreement `{agreement}`{person}{round}", "คำรับรอง `{agreement}`{person}{round}"),
    "row-person": (", person {person}", " ผู้รับการประเมิน {person}"),
    "row-round": (", round {round}", " รอบ {round}"),
    "population": ("population", "จำนวนประชากร"),
    "whole-people": ("whole people from 1", "จำนวนคนเต็มหน่วยตั้งแต่ 1 ขึ้นไป"),
    "score": ("score", "คะแนน"),
    "score-range": (SCORE_RANGE, SCORE_RANGE),
    # what a scale takes (kpidsl/scale_scores.py)
    "scale-levels": ("{levels} or {last}", "{levels} หรือ {last}"),
    "scale-one-level": ("{level}", "{level}"),
    "scale-between": ("any figure from {low} to {high}", "ตัวเลขใดก็ได้ตั้งแต่ {low} ถึง {high}"),
    "scale-policy": ("policy `{words}`", "หลักเกณฑ์ `{words}`"),
    "steps-done": ("steps done", "จำนวนขั้นที่ผ่าน"),
    "whole-steps": ("0–5 (whole steps)", "0–5 (จำนวนขั้นเต็มหน่วย)"),
    "steps-listed": ("steps done", "ขั้นที่ผ่าน"),
    "steps-listed-range": ("1–{count}, each step once", "1–{count} แต่ละขั้นไม่ซ้ำกัน"),
    "steps-done-of": ("the steps done of `{id}`", "ขั้นที่ผ่านของ `{id}`"),
    # -- what a statement expects (K005, K008: kpidsl/syntax/lower)
    "agreement-id": ("the agreement's id", "ชื่อคำรับรอง"),
    "step-number": ("the step's number", "ลำดับขั้น"),
    "step-done-date": ("the date the step was done", "วันที่ทำขั้นนั้นเสร็จ"),
    "submitted-date": ("the date the report was submitted", "วันที่ส่งรายงาน"),
    "a-value": ("a value", "ค่า"),
    "example-name": ("the example's name", "ชื่อตัวอย่าง"),
    "framework-id": ("the framework's id", "ชื่อกรอบ"),
    "field-and-value": ("a field and its value, like `score 3.5`", "ชื่อค่าและค่า เช่น `คะแนน 3.5`"),
    "field-name": ("a field name, like `result` or an input name", "ชื่อค่า เช่น `ผล` หรือชื่อข้อมูล"),
    "round-id": ("the round's id", "ชื่อรอบ"),
    "signatory-name-or-title": ("the signatory's name or title", "ชื่อหรือตำแหน่งผู้ลงนาม"),
    "optional-indicator-id": ("the id of an optional indicator", "รหัสตัวชี้วัดแบบถ้ามี"),
    "salary-in-baht": ("the salary in baht", "เงินเดือน (บาท)"),
    "grade-id": ("the grade's id", "ชื่อระดับตำแหน่ง"),
    "population-n": ("the population N, like 1,234 (people)", "จำนวนประชากร N เช่น 1,234 (คน)"),
    "be-year": ("a year (BE), like 2555", "ปี พ.ศ. เช่น 2555"),
    "text-in-quotes": ("text in quotes", "ข้อความในเครื่องหมายคำพูด"),
    "a-number": ("a number", "ตัวเลข"),
    "number-or-percentage": ("a number or a percentage", "ตัวเลขหรือร้อยละ"),
    "whole-number": ("a whole number", "จำนวนเต็ม"),
    "a-date": ("a date", "วันที่"),
    "date-or-range": ("a date or a range of dates", "วันที่หรือช่วงวันที่"),
    "framework-own-id": ("the framework's id", "ชื่อของกรอบ"),
    "accepted-error": ("the accepted error, like 5% or 0.05", "ความคลาดเคลื่อนที่ยอมรับได้ เช่น 5% หรือ 0.05"),
    "population-ranges": ("populations as `< 500`, `>= 100,001` or `10,001 – 100,000`",
                          "ช่วงจำนวนประชากร เช่น `< 500`, `>= 100,001` หรือ `10,001 – 100,000`"),
    "sample-size-after-arrow": ("the sample size after an arrow, like -> 222", "ขนาดตัวอย่างหลังลูกศร เช่น -> 222"),
    "table-id": ("the id of the table it uses", "ชื่อของตารางที่ใช้"),
    "strategy-number": ("the strategy's number", "ลำดับยุทธศาสตร์"),
    "limit-comparison": ("a comparison like <= 10 or >= 70%", "การเปรียบเทียบ เช่น <= 10 หรือ >= 70%"),
    "pool-percentage": ("the pool as a percentage of salaries, like 3%", "วงเงินเป็นร้อยละของเงินเดือน เช่น 3%"),
    "scale-id": ("the scale's id", "ชื่อมาตรวัด"),
    "limited-component": ("the component whose share is limited", "องค์ประกอบที่จำกัดสัดส่วน"),
    "limited-band": ("the band whose lower boundary is limited", "ระดับผลที่จำกัดขอบล่าง"),
    "level-definition-in-quotes": ("the level's definition in quotes", "นิยามของระดับ"),
    "pool-group-id": ("the pool group's id", "ชื่อกลุ่มวงเงิน"),
    "rounding-unit": ("the unit to round to, like 10 (baht)", "หน่วยที่ปัด เช่น 10 (บาท)"),
    "group-heading-in-quotes": ("the group's heading in quotes", "หัวข้อของหมวดในเครื่องหมายคำพูด"),
    "weight-value": ("a number, a percentage or `agreed`", "ตัวเลข ร้อยละ หรือ `ตามที่ตกลง`"),
    "result-of-that-year": ("the result of that year", "ผลการดำเนินงานของปีนั้น"),
    "superior-agreement-id": ("the id of the superior's agreement", "ชื่อคำรับรองของผู้บังคับบัญชา"),
    "superior-indicator-id": ("the id of the superior's indicator", "รหัสตัวชี้วัดของผู้บังคับบัญชา"),
    "heading-indicator-id": ("the id of an indicator under this heading", "รหัสตัวชี้วัดในหมวดนี้"),
    "sibling-indicator-id": ("the id of a sibling indicator", "รหัสของตัวชี้วัดระดับเดียวกัน"),
    "step-description-in-quotes": ("the step's description in quotes", "คำอธิบายขั้นในเครื่องหมายคำพูด"),
    "part-id": ("the part's id", "รหัสของส่วน"),
    "five-thresholds": ("five thresholds, or `target N step S`", "ค่าเกณฑ์ 5 ระดับ หรือ `ค่าเป้าหมาย N ช่วงปรับ S`"),
    "input-names": ("the input names, like X1 X2", "ชื่อข้อมูล เช่น X1 X2"),
    "function-arguments": ("at least 1 argument in its brackets", "ค่าอย่างน้อย 1 ค่าในวงเล็บ"),
    "step-distance": ("`step` and the distance between levels", "`ช่วงปรับ` และระยะห่างระหว่างระดับ"),
    "thresholds-separated-by-spaces": ("thresholds separated by spaces", "ค่าเกณฑ์คั่นด้วยการเว้นวรรค"),
    "threshold": ("a threshold (a number, or a comparison like <= 35)",
                  "ค่าเกณฑ์ (ตัวเลข หรือการเปรียบเทียบ เช่น <= 35)"),
    "bands-table-id": ("the bands table's id", "ชื่อตารางระดับผล"),
    "lowest-score": ("the lowest score, like 0", "คะแนนต่ำสุด เช่น 0"),
    "highest-score": ("the highest score, like 100", "คะแนนสูงสุด เช่น 100"),
    "band-id": ("the band's id", "ชื่อระดับผล"),
    "raise-percentage": ("a percentage or a range like 4.5% - 5%, or `none`",
                         "ร้อยละ หรือช่วงเช่น 4.5% - 5% หรือ `ไม่เลื่อน`"),
    "calendar-id": ("the calendar's id", "ชื่อปฏิทิน"),
    "activity-number-or-id": ("the activity's number or id", "ลำดับหรือรหัสกิจกรรม"),
    "two-numbers": ("two numbers, like 0 100", "ตัวเลขสองค่า เช่น 0 100"),
    "points-per-day-late": ("the points lost per day late, like 0.05", "คะแนนที่ถูกปรับต่อวัน เช่น 0.05"),
    "lower-and-upper": ("one lower and one upper boundary", "ขอบล่างหนึ่งค่าและขอบบนหนึ่งค่า"),
    "country-code-example": ("a country code, like TH", "รหัสประเทศ เช่น TH"),
    # -- an example's lines (X002, X003: kpidsl/check/examples.py): the block a line is in, the fields taken
    # which way a direct cascade's target is easier, and harder (C004: kpidsl/check/cascades.py)
    "target-less": ("less", "น้อยกว่า"),
    "target-more": ("more", "มากกว่า"),
    "target-more-ish": ("more", "มากกว่านั้น"),
    "target-less-ish": ("less", "น้อยกว่านั้น"),
    # why a submission date changes nothing (X009: kpidsl/check/examples.py _submitted)
    "submitted-no-round": ("neither it nor agreement `{agreement}` names a round",
                           "ทั้งตัวอย่างและคำรับรอง `{agreement}` ไม่ได้ระบุรอบ"),
    "submitted-round-free": ("round `{round}` charges no late penalty", "รอบ `{round}` ไม่มีการปรับลดเมื่อส่งล่าช้า"),
    "submitted-or-drop": (", or leave the date out", " หรือไม่ต้องระบุวันที่ส่ง"),
    # why an expected figure is never published (X008: kpidsl/check/examples.py _never_given)
    "example-node-figure": ("{kind} {id} {field}", "{kind} {id} {field}"),
    "never-decimals": ("figures are published to {decimals} decimals (policy `decimals`)",
                       "ตัวเลขแสดงทศนิยม {decimals} ตำแหน่ง (หลักเกณฑ์ `ทศนิยม`)"),
    "never-score-range": ("{node} is scored by {method} from {low} to {high}",
                          "{node} คิดคะแนนด้วย{method} ได้ตั้งแต่ {low} ถึง {high}"),
    "never-whole-levels": ("{node} scores whole levels (policy `interpolate whole`)",
                           "{node} ได้คะแนนเต็มระดับ (หลักเกณฑ์ `เทียบสัดส่วน เต็มระดับ`)"),
    "never-amount-unit": ("raises are rounded to whole units of {unit} baht (salary `rounding`)",
                          "จำนวนเงินที่ได้เลื่อนปัดเป็นหน่วยละ {unit} บาท (`การปัดเศษ` ของการเลื่อนเงินเดือน)"),
    "example-given-block": ("given figures", "ผลการดำเนินงาน"),
    "example-expect-block": ("expected figures", "ผลที่คาด"),
    "takes-nothing": ("nothing (its score comes from the indicators under it)",
                      "ไม่มี (คะแนนมาจากตัวชี้วัดที่อยู่ภายใต้)"),
    # X005: where a part's figure is written instead
    "part-given-on-indicator": ("give it on its indicator's line, `{line}`", "ให้ระบุในบรรทัดของตัวชี้วัด `{line}`"),
    "part-expect-on-indicator": ("a part's own score is not compared; expect its indicator's, `{line}`",
                                 "คะแนนของส่วนไม่ถูกนำมาเทียบ ให้ระบุคะแนนของตัวชี้วัด `{line}`"),
    # -- where a statement stands (K001–K004, S009, K012: kpidsl/syntax/lower)
    "the-agreement": ("agreement `{id}`", "คำรับรอง `{id}`"),
    "the-example": ("example `{id}`", "ตัวอย่าง `{id}`"),
    "the-framework": ("framework `{id}`", "กรอบ `{id}`"),
    "agreed-weight-of-it": ("the weight each agreement gives it", "น้ำหนักที่แต่ละคำรับรองกำหนดให้"),  # W011
    "the-node": ("{kind} `{id}`", "{kind} `{id}`"),
    "the-part": ("part `{id}`", "ส่วน `{id}`"),
    "the-band": ("band `{id}`", "ระดับผล `{id}`"),
    "the-bands": ("bands `{id}`", "ระดับผลการประเมิน `{id}`"),
    "the-calendar": ("calendar `{id}`", "ปฏิทิน `{id}`"),
    "sample-size-rule": ("a sample-size rule", "ขนาดตัวอย่าง"),
    "policy-block": ("a policy block", "หลักเกณฑ์"),
    "salary-rules": ("salary rules", "การเลื่อนเงินเดือน"),
    "in-framework": (" in framework `{id}`", " ในกรอบ `{id}`"),
    "in-agreement": (" in agreement `{id}`", " ในคำรับรอง `{id}`"),
    "among-inputs": (" among the indicator's inputs", " ในข้อมูลของตัวชี้วัดนี้"),
    "of-agreement": ("{node} of agreement `{id}`", "{node} ของคำรับรอง `{id}`"),
    "no-reason-given": ("(no reason given)", "(ไม่ได้ระบุเหตุผล)"),
    # how a node is scored (K012)
    "method-formula": ("a formula", "สูตร"),
    "method-ladder": ("a ladder", "เกณฑ์"),
    "method-milestones": ("milestones", "ขั้นความสำเร็จ"),
    "method-weighted-average": ("a weighted average", "ค่าเฉลี่ยถ่วงน้ำหนัก"),
    "method-owner-score": ("an owner's score", "คะแนนจากเจ้าภาพ"),
    "method-parts": ("parts", "ส่วนประกอบ"),
    "method-scale": ("a scale", "มาตรวัด"),
    "method-any": ("its sub-indicators", "ตัวชี้วัดย่อย"),  # a score read from those under it (X008)  # how a node past a cap is scored (check/caps.py P014)
    "one-method": ("one {method}", "{method}หนึ่งชุด"),
    "another-method": ("another", "อีกชุด"),
    "subject-id": ("the {key}'s id", "รหัส"),
    "node-id": ("the {kind}'s id", "รหัสของ{kind}"),
    "level-number": ("a level number", "เลขระดับ"),
    "in-one-part-of-id": ("in one part of the id", "ในส่วนหนึ่งของรหัส"),
    "before-point": ("before its point", "หน้าจุดทศนิยม"),
    "after-point": ("after its point", "หลังจุดทศนิยม"),
    "step-number-head": ("a step number", "ลำดับขั้น"),
    # -- the kinds of word a setting takes (K007: kpidsl/syntax/lower/cursor.py _WORD_KINDS)
    "word-kind-level": ("level", "ระดับ"),
    "word-kind-direction": ("direction", "ทิศทาง"),
    "word-kind-interpolate": ("interpolation", "การเทียบสัดส่วน"),
    "word-kind-rounding": ("rounding rule", "วิธีปัดเศษ"),
    "word-kind-round_at": ("rounding point", "จุดที่ปัดเศษ"),
    "word-kind-redistribute": ("redistribution", "การโอนน้ำหนัก"),
    "word-kind-milestone_count": ("milestone count", "การนับขั้นความสำเร็จ"),
    "word-kind-late_step": ("late step rule", "การนับขั้นที่ล่าช้า"),
    "word-kind-scale_score": ("score on a scale", "คะแนนตามมาตรวัด"),
    "word-kind-agreement_ladder": ("agreement's ladder rule", "เกณฑ์ในคำรับรอง"),
    "word-kind-leftover": ("leftover rule", "การใช้วงเงินที่เหลือ"),
    "word-kind-kind": ("indicator kind", "ประเภทตัวชี้วัด"),
    "word-kind-importance": ("importance", "ความสำคัญ"),
    "word-kind-cascade": ("cascade mode", "วิธีถ่ายทอด"),
    "word-kind-severity": ("severity", "ระดับความรุนแรง"),
    "word-kind-base": ("salary base", "ฐานการคำนวณ"),
    "word-kind-sample_size": ("sample-size method", "วิธีคำนวณขนาดตัวอย่าง"),
    "word-kind-per": ("unit of delay", "หน่วยของความล่าช้า"),
    "word-kind-limit": ("limit subject", "สิ่งที่จำกัด"),
    "word-kind-agreement_requires": ("agreement content", "ส่วนของคำรับรอง"),
    # -- what the text holds and the grammar expects (S002, S003: kpidsl/syntax/parser.py)
    "keyword-or-name": ("a keyword or name", "คำสั่งหรือชื่อ"),
    "a-percentage": ("a percentage", "ร้อยละ"),
    "dotted-id": ("an id like 1.1.2", "รหัสเช่น 1.1.2"),
    "end-of-line": ("end of line", "การขึ้นบรรทัดใหม่"),
    "end-of-file": ("end of file", "จุดสิ้นสุดไฟล์"),
    "a-comparison": ("a comparison (>=, <=, >, <)", "เครื่องหมายเปรียบเทียบ (>=, <=, >, <)"),
    "token-to": ("`to`", "`ถึง`"),
    "token-value": ("`value`", "`คำนวณ`"),
    "any-value": ("a value (a number, text, date or name)", "ค่า (ตัวเลข ข้อความ วันที่ หรือชื่อ)"),
    "an-operator": ("an operator (+ − × /)", "เครื่องหมายคำนวณ (+ − × /)"),
    "a-range-sign": ("a range sign (–)", "เครื่องหมายช่วง (–)"),
    "something-else": ("something else", "อย่างอื่น"),
    "either-or": ("{some} or {last}", "{some} หรือ{last}"),
    "found-quoted": ("text {text}", "ข้อความ {text}"),
    "kind-code": ("{kind} `{text}`", "{kind} `{text}`"),
    "something-unexpected": ("something unexpected", "สิ่งที่ไม่คาดคิด"),
    # -- what a statement gives instead (K005, K006: kpidsl/syntax/cst.py describe)
    "as-code": ("`{text}`", "`{text}`"),
    "line-number": ("line {line}", "บรรทัด {line}"),
    "found-number": ("number {text}", "ตัวเลข {text}"),
    "found-percentage": ("percentage {value}%", "ร้อยละ {value}"),
    "found-text": ('text "{text}"', 'ข้อความ "{text}"'),
    "found-word": ("word `{text}`", "คำ `{text}`"),
    "found-id": ("id {text}", "รหัส {text}"),
    "found-date": ("date {text}", "วันที่ {text}"),
    "found-bracketed": ("bracketed formula", "สูตรในวงเล็บ"),
    "found-range": ("range", "ช่วง"),
    # a `-` between two values is a range (kpidsl/syntax/cst.py figure): a negative figure is bracketed
    "found-negative": ("word `{word}` and `-{number}`, which reads as a range: a negative figure, where one is "
                       "taken (a ladder's threshold or target, a target, a baseline, an example's figure), is "
                       "written in brackets, `(-{number})`",
                       "คำ `{word}` และ `-{number}` ซึ่งอ่านเป็นช่วง ตัวเลขติดลบ (ในที่ที่รับได้: ค่าเกณฑ์ ค่าเป้าหมาย "
                       "ข้อมูลพื้นฐาน ตัวเลขของตัวอย่าง) ให้เขียนในวงเล็บ `(-{number})`"),
    "found-comparison": ("comparison `{op}`", "การเปรียบเทียบ `{op}`"),
    "found-arrow": ("arrow `->`", "ลูกศร `->`"),
    "found-argument": ("argument", "ค่า"),
    # -- values out of range (K013)
    "be-year-between": ("a BE year between {low} and {high}", "ปี พ.ศ. ระหว่าง {low} ถึง {high}"),
    "decimals-0-to-10": ("0 to 10 decimals", "ทศนิยม 0 ถึง 10 ตำแหน่ง"),
    "scores-0-to-5": ("scores run from 0 to 5", "คะแนนอยู่ระหว่าง 0 ถึง 5"),
    "multiplier-above-0": ("a multiplier is above 0", "ตัวคูณต้องมากกว่า 0"),
    "share-above-0": ("a share is above 0%", "สัดส่วนต้องมากกว่า 0%"),
    "rounding-unit-above-0": ("a raise is rounded to a unit above 0 baht (10: 1,127.16 up to 1,130)",
                              "หน่วยการปัดเศษจำนวนเงินต้องมากกว่า 0 บาท (10: 1,127.16 ปัดขึ้นเป็น 1,130)"),
    "holiday-added-on-a-weekend": ("it falls on a Saturday or Sunday, never a working day",
                                   "ตรงกับวันเสาร์หรือวันอาทิตย์ซึ่งไม่ใช่วันทำการอยู่แล้ว"),
    "holiday-removed-not-off": ("no weekday of it is a holiday of {country} or one this block adds (weekends "
                                "stay off)", "ไม่มีวันใดเป็นวันหยุดราชการของ {country} หรือวันที่เพิ่มในบล็อกนี้ "
                                "(วันเสาร์และอาทิตย์เป็นวันหยุดเสมอ)"),
    "penalty-above-0": ("a late-report penalty takes more than 0 a day late (seed 002: 0.0500 a working day)",
                        "การปรับลดเมื่อส่งล่าช้าต้องมากกว่า 0 ต่อวัน (seed 002: วันละ 0.0500 นับวันทำการ)"),
    # -- what of a component the framework fixes (A020: kpidsl/check/agreements.py)
    "component-share": ("share", "สัดส่วน"),
    "component-multiplier": ("multiplier", "ตัวคูณ"),
    # -- dates that cannot be (D001: kpidsl/syntax/dates.py)
    "unrecognised-date": ("unrecognised date", "อ่านวันที่ไม่ได้"),
    "weeks-of-a-month": ("weeks {first}-{last} of a month", "สัปดาห์ที่ {first}-{last} ไม่มีในเดือน"),
    "no-such-month-or-year": ("no such month or year", "ไม่มีเดือนหรือปีนี้"),
    "days-in-month": ("month {month} of {year} has {days} days", "เดือน {month} ปี {year} มี {days} วัน"),
    "day-before-day": ("day {end} comes before day {start}", "วันที่ {end} มาก่อนวันที่ {start}"),
    # -- checking a rule set (kpidsl/check)
    "floor-above-level-1": ("a result below level 1 cannot score more than level 1 (use 0 or 1)",
                            "ผลที่ต่ำกว่าระดับ 1 จะได้คะแนนมากกว่าระดับ 1 ไม่ได้ (ใช้ 0 หรือ 1)"),
    "cap-below-level-1": ("the highest score cannot be below level 1 (or the floor, {floor})",
                          "คะแนนสูงสุดต่ำกว่าระดับ 1 (หรือคะแนนต่ำสุด {floor}) ไม่ได้"),
    "country-code": ("country code", "รหัสประเทศ"),
    "no-levels": ("none", "ไม่มีระดับใดเลย"),
    "no-steps": ("no steps", "ไม่มีขั้นใดเลย"),
    "no-raise": ("0% (no raise)", "0% (ไม่เลื่อน)"),  # a band marked `raise none` (check/bands.py B013)
    "least-raise": ("least", "ต่ำสุด"),  # the ends of a band's raise (check/bands.py B014)
    "most-raise": ("most", "สูงสุด"),
    "is-due": ("is due", "กำหนดส่ง"),
    "runs": ("runs", "มีระยะเวลา"),
    "the-round": ("round `{id}`", "รอบ `{id}`"),
    # Q058: which end of its round a report is dated before, and why that is no report of it
    "round-starts": ("starts", "เริ่ม"),
    "round-ends": ("ends", "สิ้นสุด"),
    "report-after-period": ("the report of a round is of its whole period ({period}), sent after it ends and by "
                            "{due} (seed 002 clause 1.5.2)",
                            "รายงานของรอบเป็นรายงานของทั้งช่วง ({period}) ส่งหลังรอบสิ้นสุดและภายใน {due} "
                            "(seed 002 ข้อ 1.5.2)"),
    "report-in-period": ("a round's report is dated from its start on ({period})",
                         "รายงานของรอบลงวันที่ได้ตั้งแต่วันเริ่มรอบ ({period})"),
    "the-activity": ("activity `{id}`", "กิจกรรม `{id}`"),
    "step-of": ("step {step} of {node}", "ขั้นที่ {step} ของ{node}"),
    "score-exactly": ("the score of exactly {score}", "คะแนน {score} พอดี"),
    "scores-between": ("the scores between {low} and {high}", "คะแนนระหว่าง {low} ถึง {high}"),
    "between-levels": ("none (it falls between levels)", "ไม่ตรงระดับใด (อยู่ระหว่างระดับ)"),
    # what an agreement lacks (A007)
    "signatories": ("signatories", "ผู้ลงนาม"),
    "period": ("period", "ระยะเวลา"),
    "action-plan": ("action plan", "แผนปฏิบัติราชการ"),
    "indicators": ("indicators", "ตัวชี้วัด"),
    "baseline": ("baseline", "ข้อมูลพื้นฐาน"),
    "target": ("target", "ค่าเป้าหมาย"),
    "scoring-criteria": ("scoring criteria", "เกณฑ์การให้คะแนน"),
    "description": ("description", "คำอธิบาย"),
    "definition": ("definition", "นิยาม"),
    "formula-text": ("formula", "สูตรการคำนวณ"),
    "condition": ("condition", "เงื่อนไข"),
    "content-for": ("{content} for {node}", "{content}ของตัวชี้วัด {ids}"),  # one indicator or more: their ids
    # -- workbooks (J003)
    "workbook-unpacks-too-large": ("it unpacks to {unpacked} bytes, more than the {allowed} allowed",
                                   "แตกไฟล์แล้วมีขนาด {unpacked} ไบต์ เกินกว่าที่รับได้ {allowed} ไบต์"),
    "not-a-zip": ("it is not a zip file, as every .xlsx is", "ไม่ใช่ไฟล์ zip ซึ่งไฟล์ .xlsx ทุกไฟล์เป็น"),
    "old-xls": ("it is an old-format Excel file (.xls): open it and save it as .xlsx",
                "เป็นไฟล์ Excel รูปแบบเก่า (.xls): เปิดแล้วบันทึกเป็น .xlsx"),
    "encrypted-workbook": ("it is password-protected (encrypted): remove the password (File › Info › Protect "
                           "Workbook) and save it again",
                           "ตั้งรหัสผ่านไว้ (เข้ารหัส): ยกเลิกรหัสผ่าน (ไฟล์ › ข้อมูล › ป้องกันสมุดงาน) "
                           "แล้วบันทึกใหม่"),
    "only-xlsx": ("only .xlsx and .xlsm workbooks are read (an old .xls: save it as .xlsx)",
                  "อ่านได้เฉพาะสมุดงาน .xlsx และ .xlsm (ไฟล์ .xls แบบเก่า: บันทึกเป็น .xlsx ก่อน)"),
    "zip-without-workbook": ("a zip file without a workbook inside", "ไฟล์ zip ที่ไม่มีสมุดงานอยู่ข้างใน"),
    "workbook-damaged": ("it is damaged: a part of it cannot be read", "ไฟล์เสียหาย: อ่านบางส่วนของไฟล์ไม่ได้"),
    "sheet-damaged-at-row": ("sheet `{sheet}` is damaged at row {row}: it cannot be read from there on",
                             "แผ่นงาน `{sheet}` เสียหายที่แถว {row}: อ่านตั้งแต่แถวนั้นไปไม่ได้"),
    "sheets-share-a-part": ("sheet `{sheet}` is read from the same part as sheet `{first}`, which no spreadsheet "
                            "writes", "แผ่นงาน `{sheet}` อ่านจากส่วนเดียวกับแผ่นงาน `{first}` ซึ่งไม่มีสเปรดชีตใดเขียนไว้เช่นนี้"),
    "sheet-merges-damaged": ("the merged cells of sheet `{sheet}` are damaged",
                             "การผสานเซลล์ของแผ่นงาน `{sheet}` เสียหาย"),
    "sheet-too-many-merges": ("sheet `{sheet}` has more than {allowed} merged ranges",
                              "แผ่นงาน `{sheet}` มีช่วงเซลล์ที่ผสานไว้เกิน {allowed} ช่วง"),
    "workbook-parts-too-large": ("its parts other than sheets (the largest `{part}`) unpack to {unpacked} bytes, "
                                 "more than the {allowed} allowed",
                                 "ส่วนที่ไม่ใช่แผ่นงาน (ส่วนที่ใหญ่ที่สุดคือ `{part}`) แตกไฟล์แล้วมีขนาด {unpacked} ไบต์ "
                                 "เกินกว่าที่รับได้ {allowed} ไบต์"),
    # XML no spreadsheet writes, refused before a parser reads it (kpidsl/xlsx/xml_guard.py)
    "xml-too-long": ("it holds markup or text longer than {allowed} bytes, which no cell holds",
                     "มีมาร์กอัปหรือข้อความยาวเกิน {allowed} ไบต์ ซึ่งไม่มีเซลล์ใดเก็บได้"),
    "xml-doctype": ("it holds a document type declaration (DOCTYPE), which no spreadsheet writes: its entities "
                    "are not read", "มีการประกาศชนิดเอกสาร (DOCTYPE) ซึ่งไม่มีสเปรดชีตใดเขียน: ไม่อ่านเอนทิตีในนั้น"),
    "xml-too-deep": ("its elements are nested more than {allowed} deep, which no spreadsheet writes",
                     "มีอิลิเมนต์ซ้อนกันลึกเกิน {allowed} ชั้น ซึ่งไม่มีสเปรดชีตใดเขียน"),
    "xml-too-many": ("it holds more than {allowed} elements in one row, which no spreadsheet writes",
                     "มีอิลิเมนต์ในแถวเดียวเกิน {allowed} อิลิเมนต์ ซึ่งไม่มีสเปรดชีตใดเขียน"),
    "part-packed-otherwise": ("its part `{part}` is compressed in a way no spreadsheet writes (only stored or "
                              "deflated)", "ส่วน `{part}` ของไฟล์บีบอัดด้วยวิธีที่ไม่มีสเปรดชีตใดใช้ (ใช้ได้เฉพาะ stored หรือ deflate)"),
    "part-encrypted": ("its part `{part}` is encrypted in the zip, which no spreadsheet writes",
                       "ส่วน `{part}` ของไฟล์เข้ารหัสไว้ใน zip ซึ่งไม่มีสเปรดชีตใดเขียน"),
    "part-twice": ("it holds part `{part}` twice, which no spreadsheet writes",
                   "มีส่วน `{part}` สองครั้ง ซึ่งไม่มีสเปรดชีตใดเขียน"),
    "part-too-many-tags": ("its part `{part}` holds {tags} tags, more than the {allowed} allowed",
                           "ส่วน `{part}` ของไฟล์มีแท็ก {tags} แท็ก เกินกว่าที่รับได้ {allowed} แท็ก"),
    "shared-strings-too-large": ("its shared strings, part `{part}`, unpack to {unpacked} bytes, more than the "
                                 "{allowed} allowed: split the results over several "
                                 "workbooks, or give them as CSV",
                                 "ข้อความที่ใช้ร่วมกัน (ส่วน `{part}`) แตกไฟล์แล้วมีขนาด {unpacked} ไบต์ เกินกว่าที่รับได้ "
                                 "{allowed} ไบต์: แบ่งผลการดำเนินงานเป็นหลายสมุดงาน "
                                 "หรือส่งเป็นไฟล์ CSV"),
    "part-refused": ("its part `{part}` cannot be read: {why}", "ส่วน `{part}` ของไฟล์อ่านไม่ได้: {why}"),
    "sheet-refused-at-row": ("sheet `{sheet}` cannot be read from row {row} on: {why}",
                             "แผ่นงาน `{sheet}` อ่านตั้งแต่แถว {row} ไปไม่ได้: {why}"),
    "sheet-refused": ("sheet `{sheet}` cannot be read: {why}", "แผ่นงาน `{sheet}` อ่านไม่ได้: {why}"),
    "sheet-part-not-in-workbook": ("sheet `{sheet}` is to be read from `{part}`, which is not a part of the "
                                   "workbook (no spreadsheet points a sheet out of its own file)",
                                   "แผ่นงาน `{sheet}` ระบุให้อ่านจาก `{part}` ซึ่งไม่ใช่ส่วนหนึ่งของสมุดงาน "
                                   "(ไม่มีสเปรดชีตใดชี้แผ่นงานออกไปนอกไฟล์ของตัวเอง)"),
    "sheet-row-out-of-order": ("sheet `{sheet}` gives row {row} after row {after}, which no spreadsheet writes",
                               "แผ่นงาน `{sheet}` ให้แถว {row} ต่อจากแถว {after} ซึ่งไม่มีสเปรดชีตใดเขียน"),
    "sheet-row-past-last": ("sheet `{sheet}` has a row {row}, past the last a spreadsheet has ({last})",
                            "แผ่นงาน `{sheet}` มีแถว {row} ซึ่งเกินแถวสุดท้ายของสเปรดชีต ({last})"),
    # -- what an error cell holds (J007: kpidsl/xlsx/results.py)
    "spreadsheet-error": ("the spreadsheet error `{value}`", "ค่าผิดพลาด `{value}` จากสเปรดชีต"),
    "spreadsheet-error-empty": ("nothing but a spreadsheet error's mark",
                                "เพียงเครื่องหมายค่าผิดพลาดของสเปรดชีต โดยไม่มีค่าใด"),
    "sheet-cell-twice": ("sheet `{sheet}` gives cell {cell} twice, which no spreadsheet writes",
                         "แผ่นงาน `{sheet}` ให้ค่าเซลล์ {cell} สองครั้ง ซึ่งไม่มีสเปรดชีตใดเขียน"),
}


def phrase(key: str, /, **fields: object) -> Bi:
    """The phrase ``key`` with its fields filled, in both languages; a field given as a Bi
    is read in each language, a quoted value cut (quoted_values)."""
    en, th = PHRASES[key]
    fields = quoted_values(fields)
    return Bi(en.format(**_in(fields, "en")), th.format(**_in(fields, "th")))


# The fields that quote a value from the input as it was written (an id, a results cell, a
# column, a person, a word of a rule file): a results file may hold one of megabytes, and a
# message quoting it whole was as long. Past SHOWN_WHOLE characters a value is shown by its
# first SHOWN_START and its length ("clipped-text"), in every message and phrase: the one place
# values are cut (registry.Code.at and phrase above call it). Other fields are kpidsl's own
# sentences and lists (a hint, what is expected), never cut. SHOWN_WHOLE leaves room for a cut
# value's length, so that a value cut already is not cut again.
QUOTED_FIELDS = frozenset({"id", "text", "column", "field", "group", "grade", "agreement", "person", "round", "key",
                           "word", "given", "value"})
SHOWN_WHOLE = 120
SHOWN_START = 80


def quoted_values(fields: dict[str, object]) -> dict[str, object]:
    """``fields`` with each quoted value (QUOTED_FIELDS, and its ``_th``) longer than
    SHOWN_WHOLE cut: a Bi in each language, a text to a Bi of its cut in both."""
    out = dict(fields)
    for name, value in fields.items():
        base = name[:-3] if name.endswith("_th") else name
        if base not in QUOTED_FIELDS or isinstance(value, (list, tuple)):
            continue
        if isinstance(value, Bi):
            if max(len(value.en), len(value.th)) > SHOWN_WHOLE:
                out[name] = Bi(_cut(value.en).en, _cut(value.th).th)
            continue
        text = str(value)
        if len(text) > SHOWN_WHOLE:
            cut = _cut(text)
            out[name] = cut.th if name != base else cut
    return out


def _cut(text: str) -> Bi:
    if len(text) <= SHOWN_WHOLE:
        return Bi(text, text)
    return phrase("clipped-text", start=text[:SHOWN_START], n=f"{len(text):,}")


def _in(fields: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v.in_lang(lang) if isinstance(v, Bi) else v for k, v in fields.items()}
