"""The hints of diagnostics (the ``{hint}``/``{hint_th}`` part of a code in registry.py),
in English and Thai, by key, with named fields the caller fills:

    CODES["K001"].at(span, word=w, context=c, context_th=c_th, **hint("did-you-mean", guess=g))

A call site names a hint and gives its fields; it never writes the sentence itself
(tests/test_hints.py walks kpidsl's source for ``hint=`` literals). ``hint()`` with no
key is the empty hint. Texts are ``str.format`` templates: a literal brace is doubled.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping

HINTS: dict[str, tuple[str, str]] = {
    # -- any stage
    "did-you-mean": ("did you mean `{guess}`?", "หมายถึง `{guess}` หรือไม่"),
    # -- reading the text (kpidsl/syntax/parser.py)
    "double-quotes": ("put text in double quotes: \"…\"", 'ใส่ข้อความในเครื่องหมายคำพูดคู่ "…"'),
    "no-commas": ("separate values with spaces, not commas", "คั่นค่าด้วยการเว้นวรรค ไม่ใช่จุลภาค"),
    "decimal-comma": ("a decimal point is written `.`: `{number}`; a comma only groups thousands in threes (`2,160`)",
                      "จุดทศนิยมเขียนด้วย `.` เช่น `{number}` จุลภาคใช้คั่นหลักพันทีละสามหลักเท่านั้น (`2,160`)"),
    "byte-order-mark-inside": ("an invisible byte-order mark, which Windows editors put at the start of a file: two "
                               "files joined into one leave the second's here; delete it",
                               "เครื่องหมายลำดับไบต์ (BOM) ที่มองไม่เห็น ซึ่งโปรแกรมแก้ไขบน Windows ใส่ไว้ต้นไฟล์ "
                               "เมื่อรวมสองไฟล์เป็นไฟล์เดียว BOM ของไฟล์ที่สองจะอยู่ตรงนี้ ให้ลบออก"),
    "key-space-value": ("write the key and its value with a space between them: `weight 20`",
                        "เขียนคำสั่งแล้วเว้นวรรคตามด้วยค่า เช่น `น้ำหนัก 20`"),
    # the same, with the line's own words either side of the `:` or `=` (kpidsl/syntax/parser.py _char_hint)
    "word-then-space": ("write the key and its value with a space between them, not `{char}`: `{written}`",
                        "เขียนคำสั่งแล้วเว้นวรรคตามด้วยค่า ไม่ใช้ `{char}`: `{written}`"),
    "text-then-space": ("a text and what follows it are separated by a space, not `{char}`: `{written}`",
                        "ข้อความกับสิ่งที่ตามมาคั่นด้วยการเว้นวรรค ไม่ใช้ `{char}`: `{written}`"),
    "statement-unfinished": ("the statement is not finished on this line", "คำสั่งในบรรทัดนี้ยังไม่จบ"),
    "block-on-same-line": ("a block `{{` must follow a statement on the same line, like `kpi 5 \"…\" {{`",
                           "บล็อก `{{` ต้องอยู่บรรทัดเดียวกับคำสั่ง เช่น `ตัวชี้วัด 5 \"…\" {{`"),
    "formula-own-line": ("`value` starts a formula; put it on its own line", "`คำนวณ` ขึ้นต้นสูตร ให้อยู่บรรทัดของตัวเอง"),
    # a `-` between two figures is a range (`65 - 70`), so the grammar starts no figure with one
    # (kpidsl/syntax/cst.py figure)
    "negative-in-brackets": ("a `-` between two figures makes a range (`65 - 70`), so no figure starts with one: "
                             "write a figure below 0 in brackets, `({minus}{figure})`, where one is taken (a "
                             "ladder's threshold or target, a target, a baseline, an example's figure); a formula "
                             "writes `value X - 2` or `value -2 + X`",
                             "`-` ระหว่างตัวเลขสองตัวคือช่วง (`65 - 70`) ตัวเลขจึงขึ้นต้นด้วย `-` ไม่ได้ ให้เขียนตัวเลขติดลบ"
                             "ในวงเล็บ `({minus}{figure})` ในที่ที่รับได้ (ค่าเกณฑ์ ค่าเป้าหมาย ข้อมูลพื้นฐาน "
                             "ตัวเลขของตัวอย่าง) ส่วนสูตรเขียน `คำนวณ X - 2` หรือ `คำนวณ -2 + X` ได้"),
    # -- lowering (kpidsl/syntax/lower)
    "numbered-line-place": ("a numbered line belongs in a milestones or scale block",
                            "บรรทัดที่ขึ้นต้นด้วยตัวเลขใช้ในขั้นความสำเร็จหรือมาตรวัด"),
    "allowed-here": ("allowed here: {keys}", ""),
    "on-this-line": ("on this line: {keys}", ""),
    "one-of": ("one of: {choices}", ""),
    "own-line": ("`{word}` cannot follow `{key}` on this line; put it on a line of its own",
                 "`{word}` ตามหลัง `{key}` ในบรรทัดนี้ไม่ได้ ให้ขึ้นบรรทัดใหม่"),
    "function-arguments": ("write the values inside the brackets, separated by commas: `{function}(X1 / Y1, X2 / Y2)`",
                           "เขียนค่าในวงเล็บ คั่นด้วยจุลภาค เช่น `{function}(X1 / Y1, X2 / Y2)`"),
    # -- an expected figure never published (X008: kpidsl/check/examples.py)
    "never-decimals": ("write it as kpidsl test publishes it, to {decimals} decimals (like {like}): it compares "
                       "the published figure, never the scorer's before rounding",
                       "เขียนตามที่ kpidsl test แสดง ทศนิยม {decimals} ตำแหน่ง (เช่น {like}) kpidsl test เทียบกับตัวเลขที่แสดง "
                       "ไม่ใช่ตัวเลขก่อนปัด"),
    "never-score-range": ("a score runs from {low} to {high} (docs/scoring.md rules 1–3; policies `floor` and "
                          "`cap`): expect a figure in that range",
                          "คะแนนอยู่ระหว่าง {low} ถึง {high} (docs/scoring.md ข้อ 1–3 หลักเกณฑ์ `คะแนนต่ำสุด` และ "
                          "`เพดาน`) ให้คาดค่าในช่วงนี้"),
    "never-whole-levels": ("under `interpolate whole` a result between two levels scores the lower one (seed 003 "
                           "slide 11 moves ±step per point only under `interpolate linear`): expect {low}, or declare "
                           "`interpolate linear`",
                           "เมื่อ `เทียบสัดส่วน เต็มระดับ` ผลที่อยู่ระหว่างสองระดับได้คะแนนของระดับที่ต่ำกว่า (seed 003 สไลด์ 11 "
                           "ปรับ ±ช่วงต่อ 1 คะแนนเฉพาะเมื่อ `เทียบสัดส่วน เชิงเส้น`) ให้คาด {low} หรือประกาศ "
                           "`เทียบสัดส่วน เชิงเส้น`"),
    "never-amount-unit": ("the amount is rounded to {unit} baht (seed 001: 37,200 × 3.03% = 1,127.16 → 1,130 by "
                          "tens): expect a multiple of {unit}",
                          "จำนวนเงินปัดเป็นหน่วยละ {unit} บาท (seed 001: 37,200 × 3.03% = 1,127.16 → 1,130 ปัดเป็นสิบ) "
                          "ให้คาดจำนวนที่หารด้วย {unit} ลงตัว"),
    "formula-needs-ladder": ("write its five thresholds after the formula, like `ladder 85 87.5 90 92.5 95` (seed 003 "
                             "slide 35); an agreement that writes a formula of its own replaces the framework's whole "
                             "scoring, so it writes the ladder too",
                             "เขียนเกณฑ์ห้าระดับต่อจากสูตร เช่น `เกณฑ์ 85 87.5 90 92.5 95` (seed 003 สไลด์ 35) "
                             "คำรับรองที่เขียนสูตรเองจะแทนวิธีคิดคะแนนของกรอบทั้งหมด จึงต้องเขียนเกณฑ์ด้วย"),
    "inputs-need-formula": ("inputs feed a formula: add `value …` computing the measured value",
                            "ข้อมูลใช้กับสูตร ให้เพิ่ม `คำนวณ …`"),
    "thresholds-spaced": ("list the five thresholds with spaces between them, like 65 70 75 80 85 "
                          "(a negative threshold goes in brackets: (-5))",
                          "เขียนค่าเกณฑ์ 5 ค่าคั่นด้วยการเว้นวรรค เช่น 65 70 75 80 85 (ค่าลบให้ใส่วงเล็บ: (-5))"),
    # -- results (kpidsl/score/results)
    # Q001, Q002: an id cell holding an invisible character (kpidsl/score/results/cells.py invisible_said)
    "invisible-in-cell": ("the cell holds an invisible character ({chars}), often pasted with text from Word or a "
                          "web page: delete it",
                          "ในช่องมีอักขระที่มองไม่เห็น ({chars}) ซึ่งมักติดมากับข้อความที่คัดลอกจาก Word หรือหน้าเว็บ "
                          "ให้ลบออก"),
    # Q064: a header without an `agreement` column (kpidsl/score/results/header.py agreement_missing)
    "header-agreement-column": ("a results file's header is its first line: give it an `agreement` column "
                                "(`คำรับรอง`), as {expected}, or give --agreement",
                                "หัวตารางของไฟล์ผลการดำเนินงานคือบรรทัดแรก: เพิ่มคอลัมน์ `agreement` (คำรับรอง) "
                                "เช่น {expected} หรือระบุ --agreement"),
    "header-agreement-spelled": ("the column is written `agreement` in small letters, not `{column}`",
                                 "ชื่อคอลัมน์เขียนเป็น `agreement` ตัวพิมพ์เล็ก ไม่ใช่ `{column}`"),
    "rounds-allowed": ("rounds: {rounds}", "รอบ: {rounds}"),
    "no-rounds": ("rounds: none (this framework has no rounds)", "รอบ: ไม่มี (กรอบนี้ไม่มีรอบ)"),
    # -- the raise pool (kpidsl/score/pool.py)
    "pool-leftover-spread": ("each group's leftover is spread to the others (leftover spread)",
                             "วงเงินที่เหลือของแต่ละกลุ่มเกลี่ยให้กลุ่มอื่นแล้ว (วงเงินที่เหลือ เกลี่ย)"),
    # -- checking (kpidsl/check)
    "as-written": ("{text}", "{text}"),
    "example-needs-agreement": ("name the agreement the example scores: `agreement ID`",
                                "ระบุคำรับรองที่ตัวอย่างนี้ใช้: `คำรับรอง ชื่อ`"),
    "ladder-toward": ("levels 2–5 of a {direction}-is-better ladder use {ops}", "ระดับ 2–5 ต้องใช้ {ops_th}"),
    "ladder-toward-flip": ("levels 2–5 of a {direction}-is-better ladder use {ops}; write `{flip}` first if {flip} "
                           "is better", "ระดับ 2–5 ต้องใช้ {ops_th}"),
    "ladder-reversed-lower": ("the thresholds run the other way: if lower is better, write `lower` after `ladder`",
                              "ค่าเกณฑ์เรียงกลับด้าน ถ้าค่าน้อยดี ให้เขียน `น้อยดี` หลัง `เกณฑ์`"),
    "ladder-reversed-higher": ("the thresholds run the other way: if higher is better, write `higher` after `ladder`",
                               "ค่าเกณฑ์เรียงกลับด้าน ถ้าค่ามากดี ให้เขียน `มากดี` หลัง `เกณฑ์`"),
    "weights-listed": ("weights: {parts}; total {total}", "น้ำหนัก: {parts} รวม {total}"),
    "weights-missing": ("weights: {parts}; total {total}, {diff} missing", "น้ำหนัก: {parts} รวม {total} ขาดอีก {diff}"),
    "weights-too-much": ("weights: {parts}; total {total}, {diff} too much",
                         "น้ำหนัก: {parts} รวม {total} เกินมา {diff}"),
    "fixed-weights-exceed": ("the fixed weights alone exceed it", "น้ำหนักที่กำหนดแล้วเกินอยู่แล้ว"),
    "component-needs-weights": ("give each indicator `weight N`: a component's score is Σ score × weight, and the "
                                "weights (ข) of its indicators add up to 100% (seed 001)",
                                "กำหนด `น้ำหนัก N` ให้ทุกตัวชี้วัด คะแนนขององค์ประกอบคือ Σ คะแนน × น้ำหนัก "
                                "และน้ำหนัก (ข) ของตัวชี้วัดรวมกันเท่ากับร้อยละ 100 (seed 001)"),
    "average-needs-weights": ("give each sub-indicator `weight W`: a weighted average is Σ(W × SM) / ΣW, with "
                              "weights that add up to 1 (seed 003 slide 10)",
                              "กำหนด `น้ำหนัก W` ให้ตัวชี้วัดย่อยทุกตัว ค่าเฉลี่ยถ่วงน้ำหนักคือ Σ(W × SM) / ΣW "
                              "โดยน้ำหนักรวมกันเท่ากับ 1 (seed 003 สไลด์ 10)"),
    "group-needs-weights": ("its score is Σ weight × score over {children}: give each `weight N`, adding up to "
                            "{weight}, or `weight agreed` (seed 003 slide 4: 1 = 20 is 1.1 = 15 and 1.2 = 5)",
                            "คะแนนคือ Σ น้ำหนัก × คะแนน ของ {children}: กำหนด `น้ำหนัก N` ให้ทุกตัว รวมกันได้ "
                            "{weight_th} หรือ `น้ำหนัก ตามที่ตกลง` (seed 003 สไลด์ 4: 1 = 20 คือ 1.1 = 15 และ 1.2 = 5)"),
    "added-need-weights": ("its score is Σ weight × score over the indicators this agreement adds ({children}): "
                           "give each `weight N`, adding up to {weight}",
                           "คะแนนคือ Σ น้ำหนัก × คะแนน ของตัวชี้วัดที่คำรับรองนี้เพิ่ม ({children}): "
                           "กำหนด `น้ำหนัก N` ให้ทุกตัว รวมกันได้ {weight}"),
    "part-needs-share": ("give each part `share N%`: a composite indicator's score is Σ share × part score, the "
                         "shares adding up to 100% (seed 003 slide 46: survey 50% + checklist 50%)",
                         "กำหนด `สัดส่วน N%` ให้ทุกส่วน คะแนนของตัวชี้วัดแบบผสมคือ Σ สัดส่วน × คะแนนของส่วน "
                         "โดยสัดส่วนรวมกันเท่ากับร้อยละ 100 (seed 003 สไลด์ 46: ผลสำรวจ 50% + ตรวจรายการ 50%)"),
    "totals-of-components": ("a total is Σ share × multiplier × score, each score {floor}–{cap} (the framework's "
                             "floor and cap): {parts}; make the multipliers and the bands' range agree (seed 001: "
                             "× 20, so a full 5 is 100)",
                             "คะแนนรวมคือ Σ สัดส่วน × ตัวคูณ × คะแนน แต่ละคะแนนอยู่ในช่วง {floor}–{cap} (คะแนนต่ำสุดและ"
                             "เพดานของกรอบ): {parts} ให้ตัวคูณและช่วงคะแนนของระดับผลสอดคล้องกัน (seed 001: × 20 "
                             "คะแนนเต็ม 5 จึงเป็น 100)"),
    "best-of-components": ("a total is Σ share × multiplier × score, each score at most 5: {parts}, so {best} at "
                           "best; give each component its multiplier (seed 001: × 20, so a full 5 is 100; one left "
                           "out is × 1)",
                           "คะแนนรวมคือ Σ สัดส่วน × ตัวคูณ × คะแนน แต่ละคะแนนไม่เกิน 5: {parts} จึงได้สูงสุด {best} "
                           "ให้กำหนดตัวคูณของทุกองค์ประกอบ (seed 001: × 20 คะแนนเต็ม 5 จึงเป็น 100 องค์ประกอบที่ไม่มี"
                           "ตัวคูณคือ × 1)"),
    "best-under-cap": ("a ladder's score is at most the policy's cap, {cap}, any other at most 5, and its agreements "
                       "weigh them: {parts}, so {best} at best; a cap of 5 counts a ladder's level 5 in full (seed 003 "
                       "slide 11: levels 1–5)",
                       "คะแนนตามเกณฑ์ไม่เกินเพดานของหลักเกณฑ์ {cap} คะแนนอื่นไม่เกิน 5 และคำรับรองของกรอบนี้ถ่วงน้ำหนัก"
                       "คะแนนเหล่านั้น: {parts} จึงได้สูงสุด {best} เพดาน 5 จึงนับระดับ 5 ของเกณฑ์ได้เต็ม "
                       "(seed 003 สไลด์ 11: ระดับ 1–5)"),
    "best-of-weights": ("a total is Σ weight × score / 100, each score at most 5, so {best} at best: give the "
                        "framework bands on the scale of its totals (seed 002: 1–5)",
                        "คะแนนรวมคือ Σ น้ำหนัก × คะแนน / 100 แต่ละคะแนนไม่เกิน 5 จึงได้สูงสุด {best} ให้ใช้ระดับผลที่อยู่ใน"
                        "ช่วงของคะแนนรวม (seed 002: 1–5)"),
    "totals-of-weights": ("a total is Σ weight × score / 100, each score {floor}–{cap} (the framework's floor and "
                          "cap): give it bands whose range covers {floor}–{cap}",
                          "คะแนนรวมคือ Σ น้ำหนัก × คะแนน / 100 แต่ละคะแนนอยู่ในช่วง {floor}–{cap} (คะแนนต่ำสุดและ"
                          "เพดานของกรอบ) ให้ใช้ระดับผลที่ช่วงคะแนนครอบคลุม {floor}–{cap}"),
    "keep-one-or-omit-group": ("keep one of them, or omit {node} itself (the framework must mark it `optional`): "
                               "its weight then goes to its siblings",
                               "คงไว้อย่างน้อยหนึ่งตัว หรือยกเว้น{node_th}ทั้งตัว (กรอบต้องระบุ `ถ้ามี` ไว้) "
                               "แล้วน้ำหนักจะไปยังตัวชี้วัดระดับเดียวกัน"),
    "keep-one": ("keep one of them: the total is Σ weight × score / 100 over those kept",
                 "คงไว้อย่างน้อยหนึ่งตัว คะแนนรวมคือ Σ น้ำหนัก × คะแนน / 100 ของตัวที่คงไว้"),
    "country-upper-case": ("country codes are upper case: `{code}`", "รหัสประเทศเป็นตัวพิมพ์ใหญ่: `{code}`"),
    "thailand-is-th": ("Thailand is `TH`", "ประเทศไทยคือ `TH`"),
    "christian-era-year": ("{year} looks like a Christian-era year; in BE it is {be}",
                           "{year} ดูเหมือนเป็นปี ค.ศ. ซึ่งตรงกับ พ.ศ. {be}"),
    "fiscal-year-dates": ("dates of fiscal year {year} fall between {first_ce} and {last_ce} "
                          "(1 ต.ค. {first} – 30 ก.ย. {last}); "
                          "to move a rule set to a new year, run `kpidsl new-year`",
                          "วันที่ของปีงบประมาณ {year} ควรอยู่ระหว่าง 1 ต.ค. {first} ถึง 30 ก.ย. {last} "
                          "การย้ายชุดกฎไปปีใหม่ให้ใช้ `kpidsl new-year`"),
    "fiscal-year-bounds": ("fiscal year {year} runs from {first_ce} to {last_ce} ({first} – {last}): move the "
                           "dates inside it, or check the "
                           "`fiscal_year`",
                           "ปีงบประมาณ {year} เริ่ม {first} ถึง {last} ให้ย้ายวันที่ให้อยู่ในช่วงนี้ หรือตรวจสอบ `ปีงบประมาณ`"),
    "grade-figures": ("a grade gives five figures, rising: min, lower_mid, split_at, upper_mid, max (seed 001: "
                      "12,530 20,350 25,190 30,600 36,020)",
                      "ระดับตำแหน่งมีตัวเลข 5 ค่าเรียงจากน้อยไปมาก: ขั้นต่ำ ค่ากลางล่าง แบ่งช่วงที่ ค่ากลางบน ขั้นสูง "
                      "(seed 001: 12,530 20,350 25,190 30,600 36,020)"),
    "bands-range": ("the scores the bands cover, like `range 0 100`", "ช่วงคะแนนที่ครอบคลุม เช่น `ช่วงคะแนน 0 100`"),
    "bands-start-lowest": ("start the lowest band at `>= {low}`", "เริ่มระดับต่ำสุดที่ `>= {low}`"),
    "bands-end-highest": ("end the highest band at `<= {high}`", "จบระดับสูงสุดที่ `<= {high}`"),
    "bands-close-gap": ("make `{above}` start where `{below}` ends: `{op} {value}`", "ให้ `{above}` เริ่มที่ `{below}` สิ้นสุด"),
    "bands-one-side": ("say on which side {value} falls: `< {value}` below and `>= {value}` above",
                       "ระบุว่า {value} อยู่ระดับใด: `< {value}` ด้านล่าง และ `>= {value}` ด้านบน"),
}

# Hints kept in English alone: their Thai has always been empty (the list they give is
# of keys, which the Thai message already names). Giving them Thai changes the output.
ENGLISH_ONLY = frozenset({"allowed-here", "on-this-line", "one-of"})


NO_HINT: Mapping[str, str] = MappingProxyType({"hint": "", "hint_th": ""})
"""The empty hint, as a default argument (read-only, so one shared value is safe)."""


def hint(key: str | None = None, /, **fields: object) -> dict[str, str]:
    """The ``hint``/``hint_th`` arguments of a diagnostic: the hint ``key`` with its
    fields filled, or both empty when there is no key."""
    if key is None:
        return {"hint": "", "hint_th": ""}
    en, th = HINTS[key]
    return {"hint": en.format(**fields), "hint_th": th.format(**fields)}


def guess_hint(guess: str | None) -> dict[str, str]:
    """"did you mean `guess`?" when there is a guess, else no hint."""
    return hint("did-you-mean", guess=guess) if guess else hint()


# Error codes kept without a hint: their message already says what to do, and a hint would
# only say it again (tests/test_hints.py wants a hint on every other error code).
WITHOUT_HINT = frozenset({
    "X005",  # its {remedy} gives the line to write instead
    "X007",  # it names the scores the scale takes and the policy that says so
    "Q004",  # it names the range the cell's figure must lie in
    "P010",  # it names the range and gives both ways to write it: 5% or 0.05
    "E002",  # it says to fix the syntax errors first, and where the first one is
    "E007",  # an editor's request kpidsl lsp does not serve: nothing for the user to change
    "E008",  # the editor cancelled its own request: nothing for the user to do
    "O013",  # it gives the command that installs the extra
    "J001",  # it gives the command that installs the extra
    "Z001",  # it gives the command that installs the extra
})


# A list in a message or hint names at most this many items, then "…": a list of siblings
# told for each of n siblings grew as n².
LISTED = 10


def few(items: Iterable[str], sep: str = ", ") -> str:
    """At most LISTED of ``items`` joined by ``sep``, "…" after them when there are more."""
    shown: list[str] = []
    for item in items:
        if len(shown) == LISTED:
            return sep.join(shown) + sep + "…"
        shown.append(item)
    return sep.join(shown)
