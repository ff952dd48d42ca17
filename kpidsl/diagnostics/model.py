"""A diagnostic: one located problem, with its message in both languages."""

from __future__ import annotations

import attrs

from .span import Span


@attrs.frozen
class Diagnostic:
    code: str
    severity: str
    span: Span | None
    message_en: str
    message_th: str
    hint_en: str = ""
    hint_th: str = ""
    io: bool = False

    def message(self, lang: str) -> str:
        return self.message_th if lang == "th" else self.message_en

    def hint(self, lang: str) -> str:
        return self.hint_th if lang == "th" else self.hint_en

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple:
        s = self.span
        return (s.path, s.line, s.column, self.code) if s else ("", 0, 0, self.code)
