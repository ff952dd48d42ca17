"""The forms in a real browser: headless Chromium prints the agreement and SAR forms
(and the landscape calendar) to PDF and to a PNG at A4 width, and measures the
laid-out page: no table, row or cell wider than the printable width of A4, and
the Thai text set in the embedded Sarabun (loaded from the page itself).

The measurement runs on a copy of each form with a small script appended (the
forms themselves carry no script) and the print layout's body (no screen
padding), in a window as wide as the A4 printable area: 210 mm − 2 × 12 mm
portrait, 297 mm − 2 × 12 mm landscape, at 96 px per inch.

Skipped, with the reason shown, only when no Chromium is installed (.ci/run
installs Debian's `chromium`). KPIDSL_SCREENSHOTS=DIR keeps the PNG and PDF files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium): "
                                                "forms were not checked in a browser"),
]

MM = 96 / 25.4  # CSS px per millimetre
PRINTABLE = {"portrait": round((210 - 24) * MM), "landscape": round((297 - 24) * MM)}
A4_HEIGHT = {"portrait": round(297 * MM), "landscape": round(210 * MM)}

MEASURE = """
<style>body { padding: 0 !important; max-width: none !important; }</style>
<script>
document.fonts.ready.then(() => {
  const width = document.documentElement.clientWidth;
  const over = [];
  document.querySelectorAll("table, tr, th, td").forEach((el) => {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5) over.push(el.tagName + " right " + Math.round(box.right));
    if ((el.tagName === "TD" || el.tagName === "TH") && el.scrollWidth > el.clientWidth + 1)
      over.push(el.tagName + " content " + el.scrollWidth + ">" + el.clientWidth + ": " + el.textContent.slice(0, 40));
  });
  const probe = (family) => {
    const s = document.createElement("span");
    s.style.font = "16px " + family;
    s.textContent = "คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ";
    document.body.appendChild(s);
    const w = s.getBoundingClientRect().width;
    s.remove();
    return w;
  };
  const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, "") === "Sarabun");
  const report = {
    width: width,
    scrollWidth: document.documentElement.scrollWidth,
    overflow: over.slice(0, 20),
    tables: document.querySelectorAll("table").length,
    check: document.fonts.check("16px Sarabun", "ก"),
    faces: faces.map((f) => f.weight + ":" + f.status),
    bodyFont: getComputedStyle(document.body).fontFamily,
    sarabunWidth: probe("Sarabun"),
    fallbackWidth: probe("monospace"),
  };
  const out = document.createElement("pre");
  out.id = "kpidsl-measure";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
});
</script>
"""


def chromium(*args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
           "--no-first-run", "--disable-extensions", "--run-all-compositor-stages-before-draw", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def orientation(html: str) -> str:
    return "landscape" if "size: A4 landscape" in html else "portrait"


def measure(page: Path, tmp: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    probe = tmp / f"measure-{page.parent.name}-{page.name}"
    probe.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    width = PRINTABLE[orientation(html)]
    done = chromium(f"--window-size={width},{A4_HEIGHT[orientation(html)]}", "--virtual-time-budget=10000",
                    "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="kpidsl-measure">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no measurement from Chromium for {page}: {done.stderr[-500:]}"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&gt;", ">").replace("&lt;", "<")
                      .replace("&amp;", "&"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A build of rules/2555 and one of rules/2554."""
    out = {}
    for year in ("2555", "2554"):
        folder = tmp_path_factory.mktemp(f"build{year}")
        result = CliRunner().invoke(main, ["build", str(ROOT / "rules" / year), "-o", str(folder)])
        assert result.exit_code == 0, result.output
        out[year] = folder
    return out


def pages(built: dict[str, Path]) -> list[Path]:
    """The agreement forms, the SAR forms (blank and filled) where they exist, and the calendars."""
    chosen = [built["2555"] / "dept_example_2555" / "agreement.html",
              built["2554"] / "rayong_agri_2554" / "agreement.html",
              built["2554"] / "province_example_2554" / "agreement.html",
              built["2555"] / "calendar.html", built["2554"] / "calendar.html"]
    for year in ("2555", "2554"):
        chosen += sorted(built[year].glob("*/sar*.html"))[:3]
    return [p for p in chosen if p.exists()]


def test_forms_fit_the_page_and_use_the_embedded_font(built, tmp_path):
    checked = pages(built)
    assert len(checked) >= 5
    problems = []
    for page in checked:
        m = measure(page, tmp_path)
        name = page.relative_to(page.parent.parent)
        if m["scrollWidth"] > m["width"] or m["overflow"]:
            problems.append(f"{name}: wider than A4 ({m['scrollWidth']} > {m['width']} px): {m['overflow']}")
        if not m["check"] or not m["faces"] or any(not f.endswith(":loaded") for f in m["faces"]):
            problems.append(f"{name}: Sarabun not loaded: check={m['check']} faces={m['faces']}")
        if "Sarabun" not in m["bodyFont"] or abs(m["sarabunWidth"] - m["fallbackWidth"]) < 1:
            problems.append(f"{name}: Thai text not set in Sarabun ({m['bodyFont']})")
        assert m["tables"] > 0, name
    assert not problems, "\n".join(problems)


def test_agreement_and_sar_print_to_a4_pdf_and_png(built, tmp_path):
    keep = Path(os.environ["KPIDSL_SCREENSHOTS"]) if os.environ.get("KPIDSL_SCREENSHOTS") else tmp_path
    keep.mkdir(parents=True, exist_ok=True)
    wanted = [p for p in pages(built) if p.name == "agreement.html" or p.name.startswith("sar")]
    assert wanted
    for page in wanted[:6]:
        html = page.read_text(encoding="utf-8")
        stem = f"{page.parent.name}-{page.stem}"
        pdf, png = keep / f"{stem}.pdf", keep / f"{stem}.png"
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", "--virtual-time-budget=10000", page.as_uri())
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF"), stem
        # The page size is A4 as the CSS asks: 595.28 × 841.89 pt (landscape: turned), within a point.
        boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
        want = (595.28, 841.89) if orientation(html) == "portrait" else (841.89, 595.28)
        assert boxes and all(abs(float(w) - want[0]) < 2 and abs(float(h) - want[1]) < 2
                             for w, h in boxes), (stem, boxes)
        chromium(f"--window-size={round(210 * MM)},{round(297 * MM)}", f"--screenshot={png}",
                 "--virtual-time-budget=10000", page.as_uri())
        assert png.read_bytes().startswith(b"\x89PNG"), stem


# ---- page breaks in the browser's print (issue 14 item 3): as tests/test_forms_pdf.py checks WeasyPrint's ----
def printed_texts(pdf: Path) -> list[str]:
    from test_forms_pdf import page_texts  # pypdf reads the pages back (the test extra)

    return page_texts(pdf.read_bytes())


def test_individual_sheets_keep_signatures_and_headings_with_their_text_in_print(built, tmp_path):
    """Chromium prints each person's forms (achievement, competency, summary sheets): no page holds
    only a signature block, and no page ends with a heading whose text follows on the next."""
    from test_forms_pdf import PAGE_NO, _Headings, made_of, marks_dropped, signature_lines, skeleton

    # the persons and groups whose achievement sheet runs over a page (8 or 9 indicators), blank and filled
    long = ("singburi_policy_analyst", "singburi_strategy_group", "trang_hr_group", "janya_2554_r1")
    forms = sorted(p for name in long for p in (built["2554"] / name).glob("individual*.html"))
    assert len(forms) >= 8
    foot = skeleton("ปีงบประมาณ พ.ศ. 2554 · จัดทำด้วย kpidsl")
    signed = pages_seen = 0
    for page in forms:
        html = page.read_text(encoding="utf-8")
        pdf = tmp_path / f"{page.parent.name}-{page.stem}.pdf"
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", "--virtual-time-budget=10000", page.as_uri())
        sign = signature_lines(html)
        headings = _Headings()
        headings.feed(html)
        texts = printed_texts(pdf)
        for i, text in enumerate(texts, 1):
            lines = [skeleton(line) for line in text.splitlines()]
            lines = [s for s in lines if s and s != foot and not PAGE_NO.fullmatch(marks_dropped(s))
                     and not re.fullmatch(r"หน[0-9]+", s)]
            pages_seen += 1
            if any(s.startswith(("ลงชอ", "ลงนม")) for s in lines):
                signed += 1
                assert [s for s in lines if not made_of(s, sign)], (page.name, page.parent.name, i, "signatures alone")
            if i < len(texts):
                for k in (1, 2, 3):
                    assert "".join(lines[-k:]) not in headings.found, (page.parent.name, page.name, i, lines[-k:])
    assert signed >= len(forms) and pages_seen >= 3 * len(forms)
