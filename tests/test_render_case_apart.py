"""`render -o DIR` refuses two forms whose paths differ only in letter case (O022), as
`build` does, nothing written: on NTFS, SMB or APFS they are one file, and the second
form would replace the first. Folders were checked as each form came (few); a form's own
name was trusted to its maker (kpidsl/forms/fills.py folds people's names). The names are
compared once all are staged, sorted by their folded form with memory flat in their number
(kpidsl/sorted_spill.py: a run's names past RUN_ROWS wait on disk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpidsl import sorted_spill
from kpidsl.files import OutputError
from kpidsl.output_folder import write_render
from kpidsl.run_folders import FORMS_FILLS
from kpidsl.sorted_spill import SpillFolder

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2554"


def _forms(clash: tuple[str, str], around: int) -> list[tuple[str, str]]:
    """``around`` forms of distinct names, the two of ``clash`` among them, far apart."""
    names = [f"janya_2554_r1/individual-p{i}.md" for i in range(around)]
    names.insert(1, clash[0])
    names.append(clash[1])
    return [(name, f"form {i}") for i, name in enumerate(names)]


@pytest.mark.parametrize("spilled", [False, True])
def test_two_forms_apart_only_by_letter_case_are_o022_nothing_written(tmp_path, monkeypatch, spilled):
    out = tmp_path / "out"
    forms = _forms(("janya_2554_r1/individual-Somchai.md", "janya_2554_r1/individual-SOMCHAI.md"), 25)
    if spilled:  # the names sorted in runs of 4 on disk, merged
        monkeypatch.setattr(sorted_spill, "RUN_ROWS", 4)
    with SpillFolder.for_output(out, FORMS_FILLS) if spilled else SpillFolder(None) as spill:
        with pytest.raises(OutputError) as e:
            write_render(out, iter(forms), RULES, spill)
    diag = e.value.diagnostic
    assert diag.code == "O022" and diag.span.path == str(out)
    assert "`janya_2554_r1/individual-SOMCHAI.md`" in diag.message_en
    assert "`janya_2554_r1/individual-Somchai.md`" in diag.message_en
    assert list(tmp_path.iterdir()) == []  # no output, no staging folder, no spill left


def test_an_output_folder_there_is_left_as_it_was(tmp_path):
    out = tmp_path / "out"
    (out / "janya_2554_r1").mkdir(parents=True)
    (out / "janya_2554_r1" / "individual-Somchai.md").write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        write_render(out, iter(_forms(("janya_2554_r1/individual-Ann.md", "janya_2554_r1/individual-ANN.md"), 3)),
                     RULES)
    assert e.value.diagnostic.code == "O022"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "out", "out/janya_2554_r1", "out/janya_2554_r1/individual-Somchai.md"]


def test_names_apart_by_more_than_letter_case_are_written(tmp_path):
    out = tmp_path / "out"
    forms = _forms(("janya_2554_r1/individual-Somchai.md", "janya_2554_r1/individual-Somchai-2.md"), 3)
    written = [p.relative_to(out).as_posix() for p in write_render(out, iter(forms), RULES)]
    assert written == [name for name, _ in forms]
