"""The queries `score --engine sql` runs, kept between runs in kpidsl's cache folder.

Building a query with sqlglot and writing it out as DuckDB's SQL costs more than DuckDB
takes to run it over tens of thousands of rows (0.2 s CPU for bench_sql.py's rule set, and
0.1 s to import sqlglot). The text of each query is kept as the parse cache keeps a rule
file's parse (kpidsl/syntax/cache.py: its folder, the user's alone, one folder per version
of the code, whose change drops the older ones): an entry is named by the sha256 of what
the query is made from (the plan's content, the results' header, --agreement and
--round, the agreements named, the dialect) and read only when its recorded format, code
key, key and the sha256 of its body all match, its body a JSON list of texts. Anything
else is passed over and the query built again; nothing but text is kept (no pickle). A
cache that cannot be written is passed over too. KPIDSL_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json

from ..files import OutputError, write_atomic
from ..syntax import cache

ENTRY_FORMAT = "kpidsl sql cache 1"
_LIMIT = 16 * 1024 * 1024  # a query is tens of kilobytes; anything this big is not an entry of ours


def key_of(*parts) -> str:
    """The key of an entry: the sha256 of what its queries are made from (JSON values)."""
    text = json.dumps([ENTRY_FORMAT, *parts], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _header(key: str, body: bytes) -> dict:
    return {"format": ENTRY_FORMAT, "code": cache.code_key(), "key": key, "body": hashlib.sha256(body).hexdigest()}


def load(key: str) -> list[str] | None:
    """The texts kept under ``key``, or None (a miss, or an entry not to trust)."""
    where = cache.version_folder(create=False)
    if where is None:
        return None
    data = cache.read_own_file(where / key[:2] / f"{key}.json", _LIMIT)
    if data is None:
        return None
    try:
        cut = data.index(b"\n")
        body = data[cut + 1:]
        if json.loads(data[:cut]) != _header(key, body):
            return None
        texts = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # truncated, not JSON, not UTF-8; nested deeper than JSON is read
        return None
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        return None
    return texts


def store(key: str, texts: list[str]) -> None:
    """Keep ``texts`` under ``key``; a cache that cannot be written is passed over."""
    body = json.dumps(texts, ensure_ascii=False).encode("utf-8")
    try:
        where = cache.version_folder(create=True)
        if where is None:
            return
        entry = where / key[:2] / f"{key}.json"
        entry.parent.mkdir(mode=0o700, exist_ok=True)
        write_atomic(entry, json.dumps(_header(key, body)).encode("utf-8") + b"\n" + body)
    except (OSError, OutputError):  # a read-only home, a full disk: the query is built again next time
        pass
