"""The hints of diagnostics (the ``{hint}``/``{hint_th}`` part of a code in registry.py),
in English and Thai, by key, with named fields the caller fills:

    CODES["K001"].at(span, word=w, context=c, context_th=c_th, **hint("did-you-mean", guess=g))

A call site names a hint and gives its fields; it never writes the sentence itself
(tests/test_hints.py walks kpidsl's source for ``hint=`` literals). ``hint()`` with no
key is the empty hint. Texts are ``str.format`` templates: a literal brace is doubled.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

HINTS: dict[str, tuple[str, str]] = {
    # -- any stage
    "did-you-mean": ("did you mean `{guess}`?", "หมายถึง `{guess}` หรือไม่"),
    # -- reading the text (kpidsl/syntax/parser.py)
    "double-quotes": ("put text in double quotes: \"…\"", 'ใส่ข้อความในเครื่องหมายคำพูดคู่ "…"'),
    "no-commas": ("separate values with spaces, not commas", "คั่นค่าด้วยการเว้นวรรค ไม่ใช่จุลภาค"),
    "key-space-value": ("write the key and its value with a space between them: `weight 20`",
                        "เขียนคำสั่งแล้วเว้นวรรคตามด้วยค่า เช่น `น้ำหนัก 20`"),
    "statement-unfinished": ("the statement is not finished on this line", "คำสั่งในบรรทัดนี้ยังไม่จบ"),
    "block-on-same-line": ("a block `{{` must follow a statement on the same line, like `kpi 5 \"…\" {{`",
                           "บล็อก `{{` ต้องอยู่บรรทัดเดียวกับคำสั่ง เช่น `ตัวชี้วัด 5 \"…\" {{`"),
    "formula-own-line": ("`value` starts a formula; put it on its own line", "`คำนวณ` ขึ้นต้นสูตร ให้อยู่บรรทัดของตัวเอง"),
    # -- lowering (kpidsl/syntax/lower)
    "numbered-line-place": ("a numbered line belongs in a milestones or scale block",
                            "บรรทัดที่ขึ้นต้นด้วยตัวเลขใช้ในขั้นความสำเร็จหรือมาตรวัด"),
    "allowed-here": ("allowed here: {keys}", ""),
    "on-this-line": ("on this line: {keys}", ""),
    "one-of": ("one of: {choices}", ""),
    "own-line": ("`{word}` cannot follow `{key}` on this line; put it on a line of its own",
                 "`{word}` ตามหลัง `{key}` ในบรรทัดนี้ไม่ได้ ให้ขึ้นบรรทัดใหม่"),
    "inputs-need-formula": ("inputs feed a formula: add `value …` computing the measured value",
                            "ข้อมูลใช้กับสูตร ให้เพิ่ม `คำนวณ …`"),
    "thresholds-spaced": ("list the five thresholds with spaces between them, like 65 70 75 80 85 "
                          "(a negative threshold goes in brackets: (-5))",
                          "เขียนค่าเกณฑ์ 5 ค่าคั่นด้วยการเว้นวรรค เช่น 65 70 75 80 85 (ค่าลบให้ใส่วงเล็บ: (-5))"),
    # -- results (kpidsl/score/results)
    "name-the-agreement": ("add an `agreement` column or give --agreement",
                           "เพิ่มคอลัมน์ `agreement` หรือระบุ --agreement"),
    "rounds-allowed": ("rounds: {rounds}", "รอบ: {rounds}"),
    "no-rounds": ("rounds: none (this framework has no rounds)", "รอบ: ไม่มี (กรอบนี้ไม่มีรอบ)"),
    # -- the raise pool (kpidsl/score/pool.py)
    "pool-leftover-spread": ("each group's leftover is spread to the others (leftover spread)",
                             "วงเงินที่เหลือของแต่ละกลุ่มเกลี่ยให้กลุ่มอื่นแล้ว (วงเงินที่เหลือ เกลี่ย)"),
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
