"""Everything `kpidsl build` writes, made in memory first: the plan, every form in
both formats (blank, and filled from the rule set's examples where a form takes
results), each form's PDF when asked (kpidsl/forms/pdf.py), and an index page
linking them all. Nothing is written until all of it has rendered, so a failure
leaves no half-made build behind."""

from __future__ import annotations

from ..plan.model import Plan
from ..plan.read import plan_of
from . import EXAMPLES, FORMS, Output, forms, render_outputs
from .env import FORMATS, render
from .pdf import pdf_bytes, pdf_name

FORMAT_LABELS = {"html": "HTML", "md": "Markdown", "pdf": "PDF"}


def build_files(plan: Plan | dict, plan_json: str, *, digits: str = "arabic", root: str = "",
                sources: bool = False, pdf: bool = False) -> dict[str, str | bytes]:
    """``{relative path: text}`` of a whole build, index.html and plan.json included;
    with ``pdf``, each HTML form's PDF too (bytes; raises PdfUnavailable without WeasyPrint)."""
    typed = plan_of(plan)
    outputs: list[Output] = []
    paths: dict[str, str] = {}
    for output_format in FORMATS:
        made = list(render_outputs(plan, output_format=output_format, digits=digits, root=root, sources=sources))
        for form in forms():
            if form.results != "none" and typed.examples:
                made += render_outputs(plan, output_format=output_format, digits=digits, form=form.name,
                                       results=EXAMPLES, root=root, sources=sources)
        for o in made:
            if o.path in paths:
                if paths[o.path] != o.text:
                    raise ValueError(f"two different documents would be written to {o.path}")
                continue
            paths[o.path] = o.text
            outputs.append(o)
    files: dict[str, str | bytes] = {"plan.json": plan_json}
    files.update(paths)
    if pdf:
        files.update({pdf_name(o.path): pdf_bytes(o.text) for o in outputs if o.path.endswith(".html")})
    files["index.html"] = render("index", "html", _index_view(plan, outputs, root, pdf), digits)
    return dict(sorted(files.items()))


def _index_view(plan: Plan | dict, outputs: list[Output], root: str, pdf: bool = False) -> dict:
    """The outputs grouped as a reader looks for them: the rule set, each framework,
    each agreement; within a group by form, each document with its HTML, PDF and Markdown."""
    typed = plan_of(plan)
    groups: dict[tuple, dict] = {}
    for o in outputs:
        r = o.request
        if r.scope == "agreement":
            key = (2, r.agreement.id)
            head = {"kind_th": "คำรับรอง / ผู้รับการประเมิน", "kind_en": "agreement", "id": r.agreement.id,
                    "title": r.agreement.title or r.agreement.id}
        elif r.scope == "framework":
            key = (1, r.framework.id)
            head = {"kind_th": "กรอบการประเมิน", "kind_en": "framework", "id": r.framework.id,
                    "title": r.framework.title or r.framework.id}
        else:
            key = (0, "")
            head = {"kind_th": "ชุดกฎ", "kind_en": "rule set", "id": typed.rule_set,
                    "title": f"ปีงบประมาณ พ.ศ. {typed.fiscal_year}"}
        group = groups.setdefault(key, dict(head, docs={}))
        stem = o.path.rsplit(".", 1)[0]
        doc = group["docs"].setdefault(stem, {
            "form_th": o.form.title_th, "form_en": o.form.title_en, "order": o.form.order,
            "title": o.document.title, "stem": stem.rsplit("/", 1)[-1], "links": [],
            "filled": r.results is not None})
        doc["links"].append({"href": o.path, "label": FORMAT_LABELS[o.path.rsplit(".", 1)[1]]})
        if pdf and o.path.endswith(".html"):
            doc["links"].append({"href": pdf_name(o.path), "label": FORMAT_LABELS["pdf"]})
    listed = []
    for key in sorted(groups):
        g = groups[key]
        g["docs"] = sorted(g["docs"].values(), key=lambda d: (d["order"], d["stem"]))
        listed.append(g)
    return {
        "plan": typed,
        "groups": listed,
        "root": root or typed.rule_set,
        "forms": [{"name": f.name, "th": f.title_th, "en": f.title_en} for f in forms()],
        "count": len(outputs) // len(FORMATS),
        "pdf": pdf,
        "orientation": "portrait",
        "footer": f"สร้างจากชุดกฎ {root or typed.rule_set} ด้วย kpidsl",
        "registered": sorted(FORMS),
    }
