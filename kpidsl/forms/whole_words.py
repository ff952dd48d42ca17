"""Thai words a printed form keeps on one line: its own terms, never cut where a reader stops.

Thai is written without spaces; the printer (WeasyPrint through Pango and libthai) may break
a line between any two words of its dictionary, so a compound the dictionary holds only as
its parts is cut between them: the SAR's header "ผลการดำเนิน | งาน" and "คะแนนถ่วง |
น้ำหนัก", "ตัว | ชี้วัด", a ladder level "70 หรือน้อย | กว่า", a milestone "แผนได้ | รับ"; a
quotation's “ left at the end of a line; a milestone step's "3." left at the end of one.
Each word below is one such compound, seen cut so in the forms of rules/2555 and 2554; in the
HTML of a form (and so in its PDF) each is wrapped, once and here, in a span that does not
break (``.whole`` in templates/base.html.j2). The text is unchanged: a span adds no
character to what a reader copies.

A word here is short enough for the narrowest column it is printed in (a SAR level, 6 % of
a landscape page): tests/test_forms_sar.py holds every cell's lines inside their cell.
"""

from __future__ import annotations

import re

from .between import converted_between

WHOLE_WORDS = (
    "ตัวชี้วัด",       # ตัว | ชี้วัด
    "ตัวชี้วัดย่อย",    # ตัวชี้วัด | ย่อย (a group's mean "ของ 2 ตัวชี้วัดย่อย")
    "องค์ประกอบ",     # องค์ | ประกอบ (an individual's components, the score report's heading)
    "ถ่วงน้ำหนัก",     # คะแนนถ่วง | น้ำหนัก
    "น้ำหนัก",
    "ดำเนินงาน",      # ผลการดำเนิน | งาน
    "ดำเนินการ",      # 3. ดำเนิน | การตาม
    "ได้รับ",          # แผนได้ | รับ
    "น้อยกว่า",        # 70 หรือน้อย | กว่า
    "มากกว่า",        # 95 หรือมาก | กว่า
    "ต้องปรับปรุง",     # (1) ต้อง | ปรับปรุง
    "ปฏิบัติราชการ",    # การปฏิบัติ | ราชการ
    "ขับเคลื่อน",       # แผนขับ | เคลื่อน
    "ผู้บริหาร",        # ความเห็นชอบจากผู้ | บริหาร
    "ร่วมกัน",          # เป้าหมายร่วม | กัน
    "ระยะเวลา",        # มาตรฐานระยะ | เวลาการให้บริการ
)

# A rule file's own words in quotation marks (“ปัดที่ คะแนนรวม”, kpidsl/policy_sentences.py) kept
# with their marks: the printer had left a “ at the end of a line. Short, the quotation is one
# span; longer, its first and its last run of letters each stay with their mark, each run
# ending and beginning where a Thai syllable may (_CLUSTER_EDGE): a break beside it must never
# leave a tone mark or a vowel sign at the start of a line ("งส | ่วน" had been printable).
_CLUSTER_START = "(?<![เ-ไ])(?=[ก-ฮเ-ไ])"  # before a consonant or a leading vowel, not after one
_CLUSTER_EDGE = rf"{_CLUSTER_START}|(?=[\s“”<]|$)"
_QUOTED = (rf"“[^“”<]{{1,24}}”|“[^\s“”<]{{1,16}}(?:{_CLUSTER_EDGE})|{_CLUSTER_START}[^\s“”<]{{1,16}}”")
# A milestone step's number and the space after it ("3. ดำเนินการตามแผน…", the SAR's level cells,
# seed 003 slide 28): the space was where the printer broke, and "3." stood alone on its line. In
# one span, with no break allowed at its end, the number goes with its step's first word.
_STEP = r"(?P<step>(?<![\w.])[0-9๐-๙]{1,2}\. (?=[\u0e00-\u0e7f]))"
# Longest first, so that ถ่วงน้ำหนัก is one span, not ถ่วง and a span of น้ำหนัก.
_WORDS = re.compile("|".join([_STEP, _QUOTED] + [re.escape(w) for w in sorted(WHOLE_WORDS, key=len, reverse=True)]))
# What is not a form's text: tags, the style sheet, the page's title (text only, no markup in
# it), code and comments; the text between them is what a reader sees.
_NOT_TEXT = re.compile(r"<style\b.*?</style>|<title\b.*?</title>|<script\b.*?</script>|<code\b.*?</code>|"
                       r"<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)


_THAI = re.compile("[\u0e00-\u0e7f]")


def _wrapped(text: str) -> str:
    def span(m: re.Match) -> str:
        if m.lastgroup == "step":  # no <wbr> after it: the number stays with the word it begins
            return f'<span class="whole">{m.group(0)}</span>'
        # WeasyPrint breaks a line at the edge of a span only where the page says it may (<wbr>,
        # no character: nothing more to copy); said only between Thai letters, where the
        # dictionary would have broken, so that no line ends on a "(" or a step's "3.".
        before = "<wbr>" if m.start() > 0 and _THAI.match(text[m.start() - 1]) else ""
        after = "<wbr>" if m.end() < len(text) and _THAI.match(text[m.end()]) else ""
        return f'{before}<span class="whole">{m.group(0)}</span>{after}'

    return _WORDS.sub(span, text)


def keep_words_whole(page: str) -> str:
    """An HTML page with each of :data:`WHOLE_WORDS` in its text held on one line."""
    return converted_between(page, _NOT_TEXT, _wrapped)


__all__ = ["WHOLE_WORDS", "keep_words_whole"]
