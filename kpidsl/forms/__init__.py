"""Forms for distribution, rendered from a compiled plan as HTML and Markdown.

One function, :func:`render_outputs`, gives every output file of a rule set (or
of one agreement, or one form), each rendered as it is asked for; the caller
writes each as it comes (``kpidsl render``: memory flat in the number of people)
or keeps them all (``kpidsl build``; :func:`render_forms` as ``{relative path:
text}``). Forms render from the plan, never from the rule files, so a form says
exactly what ``kpidsl compile`` says.

Output names are deterministic:

* a form of an agreement: ``<agreement-id>/<form>.<ext>``;
* a form of a framework: ``framework-<framework-id>/<form>.<ext>``;
* a form of the whole rule set: ``<form>.<ext>``.

A builder may return several documents for one scope (one per round, a blank
and a filled one); each names its file stem (``sar-r6``, ``sar-r6-filled``).

How to add a form
-----------------
1. Write a builder, ``build(request: Request) -> Iterable[Document]``, in its own
   module (``kpidsl/forms/<name>.py``): plain view data from the typed plan
   (kpidsl/plan/model): ``request.plan`` and ``request.agreement`` / ``request.framework``. No formatting of numbers
   there beyond choosing what to show; templates format with the filters of
   kpidsl/forms/env.py (``figure``, ``fixed``, ``thai_date``, ``date_span``,
   ``ladder_cells`` …).
2. Write ``templates/<template>.html.j2`` and ``templates/<template>.md.j2``
   extending ``base.html.j2`` / ``base.md.j2`` (blocks ``title`` and ``body``;
   each document's context also holds ``orientation``, ``policies``, ``plan``,
   ``digits`` and ``footer``).
3. Add a :class:`Form` to the list in :func:`_builtin` (its name is what ``--form``
   takes).
   ``scopes`` says what one document set is made for; ``applies`` skips
   agreements or frameworks the form does not fit (an individual's agreement
   has no organisation's คำรับรอง); ``results`` says whether the form takes
   score results (``none``, ``optional``: blank without them, ``required``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal

from ..diagnostics.cli_texts import said
from ..filenames import safe_name
from ..output_folder import two_documents
from ..plan.model import Agreement, Framework, Plan
from ..plan.read import plan_of
from .env import DIGITS, FORMATS, render

Scope = Literal["ruleset", "framework", "agreement"]


class _Examples:
    """Results taken from the rule set's own ``example`` blocks (``kpidsl build``)."""

    def __repr__(self) -> str:
        return "EXAMPLES"


EXAMPLES = _Examples()


@dataclass(frozen=True)
class Request:
    """What a builder gets: the typed plan, and the agreement or framework it is for."""

    plan: Plan
    scope: Scope
    agreement: Agreement | None = None
    framework: Framework | None = None
    # None: blank forms; a Path: a results file as `kpidsl score --results` reads it (a
    # kpidsl/forms/fills.py ReadOnce: the same, read once for a run); EXAMPLES: the example
    # blocks of the rule set.
    results: Path | _Examples | None = None
    # How rule files are named in references (e.g. "rules/2555"): file:line in a form.
    root: str = ""


@dataclass(frozen=True)
class Document:
    """One output document: its file stem (without extension) and its view data."""

    stem: str
    context: dict[str, Any]
    title: str = ""
    orientation: str | None = None  # overrides the form's


Builder = Callable[[Request], Iterable[Document]]


@dataclass(frozen=True)
class Form:
    name: str
    title_th: str
    title_en: str
    template: str
    build: Builder
    scopes: tuple[Scope, ...]
    orientation: str = "portrait"
    results: Literal["none", "optional", "required"] = "none"
    applies: Callable[[Request], bool] | None = None
    order: int = 100  # place in listings and in the index page


FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    if form.name in FORMS:
        raise ValueError(f"form {form.name!r} is registered twice")
    FORMS[form.name] = form
    return form


class FormsError(ValueError):
    """A request that names something the plan does not have (a usage error): a sentence of
    kpidsl/diagnostics/cli_texts.py (``key``, its field ``wanted``) and the valid names."""

    def __init__(self, key: str, wanted: str, choices: list[str] | None = None) -> None:
        super().__init__(said(key, "en", wanted=wanted))
        self.key = key
        self.wanted = wanted
        self.choices = choices or []

    def text(self, lang: str) -> str:
        return said(self.key, lang, wanted=self.wanted)


def forms() -> list[Form]:
    """Every registered form, in their listing order."""
    if not FORMS:
        for form in _builtin():
            register(form)
    return sorted(FORMS.values(), key=lambda f: (f.order, f.name))


def _builtin() -> list[Form]:
    """The forms kpidsl ships. Imported here, lazily, so that a form module may import
    this one and `import kpidsl.forms` stays cheap."""
    from . import agreement, calendar, indicator_template, individual, kpi_sheet, overview, sar, score_report

    return [
        Form("overview", "กรอบการประเมินผล", "framework overview", "overview", overview.build,
             scopes=("framework",), order=10),
        Form("agreement", "คำรับรองการปฏิบัติราชการ", "performance agreement", "agreement",
             agreement.build, scopes=("agreement",), applies=agreement.applies, order=20),
        Form("kpi-sheet", "ข้อตกลงผลการปฏิบัติงาน / การกำหนดตัวชี้วัด", "agreed indicators sheet (KRAs, KPIs, 5 levels)",
             "kpi_sheet", kpi_sheet.build, scopes=("agreement",), orientation="landscape", applies=kpi_sheet.applies,
             order=25),
        Form("indicator-template", "รายละเอียดตัวชี้วัด", "indicator details (KPI template)",
             "indicator_template", indicator_template.build, scopes=("framework", "agreement"), order=30),
        Form("calendar", "ปฏิทินการดำเนินงาน", "calendar of activities", "calendar", calendar.build,
             scopes=("ruleset",), orientation="landscape", order=40),
        Form("sar", "รายงานผลการประเมินตนเอง (SAR)", "self-assessment report", "sar", sar.documents,
             scopes=("agreement",), orientation="landscape", results="optional", applies=sar.applies, order=50),
        Form("individual", "แบบประเมินผลการปฏิบัติราชการรายบุคคล", "individual evaluation forms", "individual",
             individual.documents, scopes=("agreement",), results="optional", applies=individual.applies, order=60),
        Form("score-report", "รายงานผลคะแนนพร้อมคำอธิบาย", "score report, every number explained", "score_report",
             score_report.documents, scopes=("agreement",), orientation="landscape", results="optional", order=70),
    ]


def scope_dir(request: Request) -> str:
    """The folder of a request's forms, named after its id (made safe: an id may be
    longer than a file name may be, see kpidsl/filenames.py)."""
    if request.scope == "agreement":
        return f"{safe_name(request.agreement.id, 'agreement')}/"
    if request.scope == "framework":
        return f"framework-{safe_name(request.framework.id, 'framework')}/"
    return ""


def requests(plan: Plan | dict, *, agreement: str | None = None, results: Any = None,
             root: str = "") -> list[Request]:
    """The rule set, each framework and each agreement (or only the one agreement asked for)."""
    typed = plan_of(plan)
    if agreement is not None:
        if agreement not in typed.agreements_by_id:
            raise FormsError("forms-no-agreement", agreement, list(typed.agreements_by_id))
        a = typed.agreement(agreement)
        return [Request(typed, "agreement", a, a.framework, results, root)]
    out = [Request(typed, "ruleset", None, None, results, root)]
    out += [Request(typed, "framework", None, f, results, root) for f in typed.frameworks]
    out += [Request(typed, "agreement", a, a.framework, results, root) for a in typed.agreements]
    return out


def _footer(plan: Plan, request: Request) -> str:
    """The line at the foot of a form: the fiscal year of what the form evaluates (an
    agreement's, else its framework's, else the rule set's: rules/2554 holds seed 004's
    2553 frameworks), and no file (a signed form names none)."""
    year = ((request.agreement.fiscal_year if request.agreement else None)
            or (request.framework.fiscal_year if request.framework else None) or plan.fiscal_year)
    return f"ปีงบประมาณ พ.ศ. {year} · จัดทำด้วย kpidsl"


def _footer_source(plan: Plan, request: Request, sources: bool) -> str | None:
    """The rule set's folder, for a reviewer who asked for sources; shown as code, so
    its digits stay as written whatever ``--digits`` says."""
    return (request.root or plan.rule_set) if sources else None


def documents(form: Form, request: Request) -> Iterable[Document]:
    """The documents one form makes for one request (none if it does not apply), as its
    builder gives them (a builder of filled forms yields one person's at a time)."""
    if request.scope not in form.scopes:
        return []
    if form.results == "required" and request.results is None:
        return []
    if form.applies is not None and not form.applies(request):
        return []
    return form.build(request)


@dataclass(frozen=True)
class Output:
    """One rendered file, and what it is (for listings such as the index page)."""

    path: str
    text: str
    form: Form
    request: Request
    document: Document
    context: dict[str, Any] = field(default_factory=dict, repr=False)  # what the template was given


def render_outputs(plan: Plan | dict, *, output_format: str, digits: str = "arabic", agreement: str | None = None,
                   form: str | None = None, results: Any = None, root: str = "",
                   sources: bool = False, spill: Any = None, distinct: bool = True,
                   person: str | None = None) -> Iterator[Output]:
    """Every output file of the request, each rendered as it is asked for, in a stable order:
    a caller that writes each as it comes holds one at a time (20,000 people's forms
    held at once once took 6.4 GB).

    ``agreement`` limits the output to that agreement's forms, ``form`` to one
    form; both raise :class:`FormsError` (with the valid names) at once when unknown.
    ``sources`` prints where each figure comes from (rule line, seed and slide) in
    small notes for a reviewer; the forms staff sign leave it out. A results file with
    mistakes raises ResultsError (kpidsl/forms/fills.py) when the first form it fills is asked for.
    ``spill``: a kpidsl/sorted_spill.py SpillFolder where a results file's rows wait (else held).
    ``distinct``: two documents of one path are refused here (ValueError), which holds every
    path given; False for a caller that refuses them itself (kpidsl/output_folder.py
    write_render, by the files it has staged: 20,000 people's paths are no longer held).
    ``person`` (`render --results … --person`): that person's filled forms alone."""
    if output_format not in FORMATS:
        raise FormsError("forms-unknown-format", output_format, list(FORMATS))
    if digits not in DIGITS:
        raise FormsError("forms-unknown-digits", digits, list(DIGITS))
    chosen = forms()
    if form is not None:
        if form not in FORMS:
            raise FormsError("forms-no-form", form, [f.name for f in chosen])
        chosen = [FORMS[form]]
    typed = plan_of(plan)
    if isinstance(results, (str, Path)):  # read once for the run, not once per agreement and form
        from .fills import ReadOnce

        results = ReadOnce(typed, Path(results), agreement, spill, person, root)
    outputs = _outputs(typed, requests(typed, agreement=agreement, results=results, root=root), chosen,
                       output_format, digits, sources, distinct)
    if person is not None:  # the blank forms and everyone else's are not what was asked for
        return (o for o in outputs if o.context.get("filled"))
    return outputs


def _outputs(typed: Plan, asked: list[Request], chosen: list[Form], output_format: str, digits: str,
             sources: bool, distinct: bool) -> Iterator[Output]:
    seen: set[str] = set()  # the paths only, never the texts
    for request in asked:
        for f in chosen:
            for doc in documents(f, request):
                path = f"{scope_dir(request)}{doc.stem}.{output_format}"
                if distinct:
                    if path in seen:
                        raise ValueError(two_documents(path))
                    seen.add(path)
                context = {
                    "plan": typed,
                    "policies": request.framework.policies if request.framework else typed.policies,
                    "orientation": doc.orientation or f.orientation,
                    "digits": digits,
                    "footer": _footer(typed, request),
                    "footer_source": _footer_source(typed, request, sources),
                    "form": f,
                    "sources": sources,
                    **doc.context,
                }
                yield Output(path, render(f.template, output_format, context, digits), f, request, doc, context)


def rendered_as(output: Output, output_format: str) -> str:
    """The same document in another format (the HTML page of a Markdown output, to print it as PDF)."""
    if output_format not in FORMATS:
        raise FormsError("forms-unknown-format", output_format, list(FORMATS))
    return render(output.form.template, output_format, output.context, output.context["digits"])


def render_forms(plan: Plan | dict, *, output_format: str, digits: str = "arabic", agreement: str | None = None,
                 form: str | None = None, results: Any = None, root: str = "",
                 sources: bool = False) -> dict[str, str]:
    """Every output file as ``{relative path: text}``, in a stable order (see
    :func:`render_outputs`): all of them held, for a few forms (tests, a single page)."""
    return {o.path: o.text for o in render_outputs(plan, output_format=output_format, digits=digits,
                                                   agreement=agreement, form=form, results=results, root=root,
                                                   sources=sources)}
