"""A workbook's first sheet as LibreOffice Calc reads it: the tests that open what kpidsl
writes in a real spreadsheet program share this (they skip where `soffice` is absent)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def first_sheet_csv(book: Path, tmp_path: Path, *, as_shown: bool = False) -> Path:
    """The first sheet of ``book`` converted to CSV (UTF-8, comma-separated) by LibreOffice, in
    a profile of its own (no clash with another soffice); ``as_shown``: each cell as its number
    format shows it (4 decimals), not its value."""
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    shown = "true" if as_shown else "false"
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,{shown},false,false,1",
                           "--outdir", str(out), str(book)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    (converted,) = out.glob("*.csv")
    return converted


def first_sheet_table(book: Path, tmp_path: Path, rows: int) -> Path:
    """The first sheet of ``book`` converted to CSV by LibreOffice, from the header row of the
    results-file headers (``agreement,…``) and ``rows`` rows under it, as a CSV file."""
    lines = first_sheet_csv(book, tmp_path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("agreement,"))
    table = tmp_path / "table.csv"
    table.write_text("\n".join(lines[start:start + 1 + rows]) + "\n", encoding="utf-8")
    return table


def saved_by_libreoffice(book: Path, tmp_path: Path) -> Path:
    """``book`` opened and saved again as .xlsx by LibreOffice, in a profile of its own: what a
    person who fills a workbook in Calc sends back (shared strings, every formatted cell left
    empty written as a cell without a value)."""
    out = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                           "--outdir", str(out), str(book)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    return out / book.name
