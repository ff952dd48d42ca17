"""Text changed only between the matches of a pattern: the forms' figures written in Thai
digits outside names and tags (kpidsl/forms/env.py), their terms kept whole outside style,
code and tags (kpidsl/forms/whole_words.py)."""

from __future__ import annotations

import re
from typing import Callable


def converted_between(text: str, keep: re.Pattern, convert: Callable[[str], str]) -> str:
    """``convert`` applied to the text between the matches of ``keep``; the matches as they are."""
    out, last = [], 0
    for m in keep.finditer(text):
        out.append(convert(text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(convert(text[last:]))
    return "".join(out)
