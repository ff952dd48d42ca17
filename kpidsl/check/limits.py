"""Limits a framework declares (I001) and competency scales (I002).

``limit kpis <= 10 warning`` — seed 001: "no more than 10 indicators" per person;
``limit share achievement >= 70%`` — seed 001: achievement at least 70 %;
``limit bands >= 5`` — at least five rating bands;
``limit band fair >= 60`` — the band พอใช้ starts at 60 or above.
"""

from __future__ import annotations

import operator
from decimal import Decimal

from ..diagnostics.hints import hint
from ..diagnostics.phrases import phrase
from ..syntax import ast
from .context import Checker, num, walk
from .overlay import overlay, walk_effective

_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


def run(ck: Checker) -> None:
    rs = ck.rs
    for fw in rs.frameworks.values():
        for scale in fw.scales:
            numbers = [lvl.number for lvl in scale.levels]
            if numbers != [1, 2, 3, 4, 5]:
                ck.report("I002", ast.header_span(scale), found=" ".join(map(str, numbers)) if numbers else phrase("no-levels"))
        bands = rs.bands.get(fw.bands.id) if fw.bands else None
        agreements = [a for a in rs.agreements.values() if a.framework and a.framework.id == fw.id]
        for limit in fw.limits:
            if limit.subject == "kpis":
                for agreement in agreements:
                    _kpis(ck, fw, agreement, limit)
            elif limit.subject == "share":
                _share(ck, fw, limit)
            elif limit.subject == "bands" and bands is not None:
                _violated(ck, fw, limit, limit.span, Decimal(len(bands.bands)), "the number of bands", "จำนวนระดับผล")
            elif limit.subject == "band" and bands is not None:
                band = next((b for b in bands.bands if b.id == limit.of), None)
                if band is not None and band.lower is not None:
                    _violated(ck, fw, limit, band.lower.span, band.lower.value,
                              f"the lower boundary of band `{band.id}`", f"ขอบล่างของระดับผล `{band.id}`")


def _violated(ck: Checker, fw: ast.Framework, limit: ast.Limit, span, value: Decimal, subject: str,
              subject_th: str) -> None:
    if _OPS[limit.op](value, limit.value):
        return
    advice = hint("as-written", text=limit.message) if limit.message else hint()  # the rule file's own words
    ck.report_with("I001", span, limit.severity, subject=subject, subject_th=subject_th, value=num(value),
                   framework=fw.id, cmp=limit.op, limit=num(limit.value), **advice)


def _kpis(ck: Checker, fw: ast.Framework, agreement: ast.Agreement, limit: ast.Limit) -> None:
    ov = overlay(fw, agreement)
    count = sum(1 for eff, _ in walk_effective(ov.roots)
                if eff.kind == "kpi" and not eff.children and not eff.omitted)
    _violated(ck, fw, limit, agreement.id_span or agreement.span, Decimal(count),
              f"the number of indicators in agreement `{agreement.id}`", f"จำนวนตัวชี้วัดในคำรับรอง `{agreement.id}`")


def _share(ck: Checker, fw: ast.Framework, limit: ast.Limit) -> None:
    for loc in walk(fw.nodes):
        node = loc.node
        if node.id == limit.of and node.share is not None:
            _violated(ck, fw, limit, node.id_span or node.span, node.share,
                      f"the share of `{node.id}`", f"สัดส่วนของ `{node.id}`")
