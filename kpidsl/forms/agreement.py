"""(in progress)"""

from __future__ import annotations

from . import Document, Request


def applies(request: Request) -> bool:
    return True


def build(request: Request) -> list[Document]:
    return []
