"""Text in both of kpidsl's languages: one shape for a Thai/English pair everywhere a pair
is carried (a message argument, an explanation, a missing result), English first."""

from __future__ import annotations

import os
import re

import attrs

LANGS = ("th", "en")


def lang_from_env() -> str:
    """The language KPIDSL_LANG asks for, read the one way every command and the language
    server read it: `th` or `en`, in any letter case or as a locale names it (`EN`,
    `en_US.UTF-8`, `th_TH`); Thai when it says neither."""
    value = os.environ.get("KPIDSL_LANG", "").strip().lower()
    code = re.split(r"[_.@-]", value, maxsplit=1)[0]
    return code if code in LANGS else "th"


@attrs.frozen
class Bi:
    """A text that reads differently in English and in Thai. As a message argument
    (``node=Bi("kpi `5`", "ตัวชี้วัด `5`")``) it fills {node} and {node_th}."""

    en: str
    th: str

    def __str__(self) -> str:
        return self.en

    def in_lang(self, lang: str) -> str:
        """The text in ``lang`` ("th" or "en")."""
        return self.th if lang == "th" else self.en
