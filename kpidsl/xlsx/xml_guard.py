"""The XML of a workbook's part, checked as it is read, before a parser sees it.

A streaming XML parser is given a part a chunk at a time (ElementTree's iterparse: 16 kB).
The expat it runs on (2.5, the one Python 3.11 comes with) parses again from its start a
tag, comment or processing instruction not yet ended at a chunk's end, so one of n bytes
costs n²/16k: a comment of 16 MB took 28 seconds, one of 900 MB (a workbook of 1 MB)
would take a day. A document type declaration (DOCTYPE) is how entities come, that expand
a billion times or name a file to read (/etc/passwd), and an element nested a million deep
holds 300 MB in the parser's tree for a workbook of 9 kB. No spreadsheet writes any of them:

- markup (a tag from its ``<``, a comment, a processing instruction) or text longer than
  MAX_MARKUP: a cell holds at most 32,767 characters (kpidsl/xlsx/cell_limit.py), some
  260 kB written as character references;
- a DOCTYPE, at all;
- elements nested deeper than MAX_DEPTH (a sheet's are some ten deep).

Each is :class:`Refused`, with its ``reason`` (a phrase key). CDATA sections are passed
(expat reads their text a chunk at a time), as long as MAX_MARKUP. The depth is counted from
the tags (``<`` opens one, ``</`` and ``/>`` close one), in C, a chunk at a time, never per
tag in Python: a ``/>`` written in an attribute's value or a text (no spreadsheet writes one
unescaped) miscounts by one. A part in UTF-16 is checked in its characters.
"""

from __future__ import annotations

import codecs

from ..bilingual import Bi
from ..diagnostics.phrases import phrase

# Markup or text longer than this, in bytes (characters in a UTF-16 part), is refused.
MAX_MARKUP = 1 << 20
# Elements nested deeper than this are refused.
MAX_DEPTH = 1_000
# The elements of one row of a sheet (its cells and what they hold: 16,384 cells of rich
# text hold some 100,000) held in memory at most while it is read (kpidsl/xlsx/read.py ended).
MAX_HELD = 200_000
# What the guard reads from the part at a time (each chunk's own gaps are shorter than
# MAX_MARKUP: only the gaps across chunks are counted).
CHUNK = 1 << 16

TOO_LONG, DOCTYPE, TOO_DEEP, TOO_MANY = "xml-too-long", "xml-doctype", "xml-too-deep", "xml-too-many"


def refusal(reason: str) -> Bi:
    """What is wrong with a part the guard refused for ``reason``, in a sentence."""
    # the family of keys `xml-…` named as one (tests/test_phrases.py finds every key a call names)
    return phrase(f"xml-{reason.removeprefix('xml-')}",
                  allowed=f"{ {TOO_DEEP: MAX_DEPTH, TOO_MANY: MAX_HELD}.get(reason, MAX_MARKUP):,}")


class Refused(ValueError):
    """A part the guard refuses: ``reason`` is TOO_LONG, DOCTYPE, TOO_DEEP or TOO_MANY."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# The constructs opened by `<!` or `<?` that the guard passes, and what ends each.
_OPENERS = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))
_LONGEST_OPENER = 9


class _Scan:
    """The state of a part's check, over its text as bytes (UTF-8 and the encodings that
    write ``<`` as one byte) or as characters (UTF-16): ``feed`` each piece in order, then
    ``end``."""

    def __init__(self, text: bool) -> None:
        conv = (lambda s: s) if text else (lambda s: s.encode("ascii"))
        self.lt, self.close_tag, self.self_close = conv("<"), conv("</"), conv("/>")
        self.specials = (conv("<!"), conv("<?"))
        self.openers = tuple((conv(o), conv(c)) for o, c in _OPENERS)
        self.carry = conv("")
        self.since = 0  # characters since the last `<` (or the end of a comment, PI or CDATA)
        self.closing = None  # what ends the comment, PI or CDATA section the part is in
        self.depth = 0
        self.tags = 0  # the `<` of tags seen (start, end and empty ones)

    def feed(self, piece, last: bool = False) -> None:
        buf = self.carry + piece
        limit = len(buf) if last else max(0, len(buf) - _LONGEST_OPENER)
        # a `<`, `</` or `/>` is never split between two pieces: its counts would be wrong
        while limit and not last and buf[limit - 1:limit] in (self.lt, self.self_close[:1]):
            limit -= 1
        pos = 0
        while pos < limit:
            if self.closing is not None:
                end = buf.find(self.closing, pos)
                if end == -1 or end >= limit:
                    self._grow(limit - pos)
                    pos = limit
                    break
                self._grow(end - pos)
                pos, self.closing, self.since = end + len(self.closing), None, 0
                continue
            special = min((i for i in (buf.find(s, pos, limit) for s in self.specials) if i != -1), default=-1)
            stop = limit if special == -1 else special
            self._tags(buf, pos, stop)
            if special == -1:
                pos = limit
                break
            for opener, closer in self.openers:
                if buf.startswith(opener, special):
                    self.closing, self.since, pos = closer, 0, special + len(opener)
                    break
            else:  # the carry keeps the longest opener whole: `<!` that opens none of them is a declaration
                raise Refused(DOCTYPE)
        self.carry = buf[pos:]

    def end(self) -> None:
        self.feed(self.carry[:0], last=True)

    def _tags(self, buf, start: int, stop: int) -> None:
        """Markup and text in buf[start:stop], none of it a comment, PI or CDATA section."""
        first = buf.find(self.lt, start, stop)
        if first == -1:
            self._grow(stop - start)
            # the end of an empty element begun in an earlier piece: a tag longer than a piece, or
            # one whose `/` was held back for this one (a `/>` is never split)
            self.depth -= buf.count(self.self_close, start, stop)
            return
        self._grow(first - start)
        last = buf.rfind(self.lt, start, stop)
        # each gap between two `<` within one piece is shorter than the piece (at most CHUNK + carry)
        self.since = stop - last - 1
        self._check()
        closes = buf.count(self.close_tag, start, stop)
        tags = buf.count(self.lt, start, stop)
        self.tags += tags
        self.depth += tags - 2 * closes - buf.count(self.self_close, start, stop)
        if self.depth > MAX_DEPTH:
            raise Refused(TOO_DEEP)

    def _grow(self, n: int) -> None:
        self.since += n
        self._check()

    def _check(self) -> None:
        if self.since > MAX_MARKUP:
            raise Refused(TOO_LONG)


def _utf16(head: bytes) -> bool:
    return head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or head[:2] in (b"<\x00", b"\x00<")


class Guarded:
    """A part's binary stream, read through the check: ``read`` raises Refused where the
    part stops being what a spreadsheet writes (the parser has had what came before). It does
    not close ``raw``: its callers open the part and close it (kpidsl/xlsx/read.py)."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.scan: _Scan | None = None
        self.decoder = None
        self.done = False
        self.refused: Refused | None = None

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (CHUNK at most). The chunk in which the part is refused is
        still given (the rows before what is refused in it are read, told at the row that
        follows them: at most one chunk more of it is parsed), and the next read raises;
        but a DOCTYPE is refused at once."""
        if self.refused is not None:
            raise self.refused
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(CHUNK), b""))
        chunk = self.raw.read(min(size, CHUNK) or 0)
        try:
            self._scan(chunk, size)
        except Refused as e:
            self.refused = e
            if not chunk or e.reason == DOCTYPE:  # a declaration's entities never reach the parser
                raise
        return chunk

    def _scan(self, chunk: bytes, size: int) -> None:
        if self.scan is None:
            text = _utf16(chunk)
            self.scan = _Scan(text)
            if text:
                encoding = "utf-16-be" if chunk[:2] in (codecs.BOM_UTF16_BE, b"\x00<") else "utf-16-le"
                self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        if chunk:
            self.scan.feed(self.decoder.decode(chunk) if self.decoder is not None else chunk)
        elif not self.done and size:
            self.done = True
            self.scan.end()


def check(raw) -> int:
    """Read all of a part's binary stream ``raw`` through the check (for a part that a
    parser reads whole, checked before it does); the number of its tags."""
    guarded = Guarded(raw)
    while guarded.read(CHUNK):
        pass
    if guarded.refused is not None:
        raise guarded.refused
    return guarded.scan.tags  # made by the first read, whatever it read
