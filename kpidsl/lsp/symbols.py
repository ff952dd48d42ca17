"""Document symbols: the framework tree (perspectives, dimensions, indicators),
agreements, bands, rounds, calendars and examples as the editor's outline."""

from __future__ import annotations

from lsprotocol import types

from ..syntax import cst
from ..syntax.keywords import canonical
from .outline import arg_text
from .positions import Lines

_KINDS: dict[str, types.SymbolKind] = {
    "framework": types.SymbolKind.Namespace,
    "agreement": types.SymbolKind.Object,
    "bands": types.SymbolKind.Enum,
    "band": types.SymbolKind.EnumMember,
    "calendar": types.SymbolKind.Event,
    "activity": types.SymbolKind.Event,
    "round": types.SymbolKind.Event,
    "example": types.SymbolKind.Method,
    "perspective": types.SymbolKind.Package,
    "dimension": types.SymbolKind.Module,
    "kpi": types.SymbolKind.Field,
    "component": types.SymbolKind.Field,
    "competency": types.SymbolKind.Field,
    "part": types.SymbolKind.Property,
    "policy": types.SymbolKind.Property,
    "holidays": types.SymbolKind.Property,
    "salary": types.SymbolKind.Property,
    "milestones": types.SymbolKind.Array,
}


def document_symbols(doc: cst.Document, lines: Lines) -> list[types.DocumentSymbol]:

    def walk(stmts) -> list[types.DocumentSymbol]:
        out = []
        for st in stmts:
            if not isinstance(st, cst.Statement) or st.span is None:
                continue
            key = canonical(st.head.text)
            children = walk(st.block.statements) if st.block is not None else []
            if key not in _KINDS:
                out.extend(children)
                continue
            ident = arg_text(st.args[0]) if st.args and not isinstance(st.args[0], cst.Text) else None
            title = next((a.value for a in st.args if isinstance(a, cst.Text)), None)
            name = " ".join(x for x in (st.head.text, ident) if x)
            weight = _weight(st)
            detail = " · ".join(x for x in (title, weight) if x)
            select = st.args[0].span if ident and st.args[0].span else st.head.span
            out.append(types.DocumentSymbol(name=name, kind=_KINDS[key], range=lines.range(st.span),
                                            selection_range=lines.range(select), detail=detail or None,
                                            children=children or None))
        return out

    return walk(doc.statements)


def _weight(st: cst.Statement) -> str | None:
    for i, arg in enumerate(st.args):
        if isinstance(arg, cst.Name) and canonical(arg.text) == "weight" and i + 1 < len(st.args):
            value = st.args[i + 1]
            return f"{arg.text} {getattr(value, 'written', '') or arg_text(value) or ''}".strip()
    return None
