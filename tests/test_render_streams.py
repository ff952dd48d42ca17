"""`kpidsl render --results` keeps memory flat in the number of people: each form is
written into the staging folder as it is made, never all of them held at once (20,000
people once took 6.4 GB), and the results are read once a run, not once per agreement
and form. What render checks on the whole set still holds: one file for `-o NAME.html`
(O010 otherwise), the count it says, and a failure part-way leaves nothing behind."""

from __future__ import annotations

import csv
import gc
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules/2554"


def _people(path: Path, count: int) -> Path:
    """Janya's row of examples/janya.csv ``count`` times, each for another person."""
    with open(ROOT / "examples/janya.csv", encoding="utf-8", newline="") as f:
        header, janya = list(csv.reader(f))[:2]
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows([janya[0], f"p{n:05d}", *janya[2:]] for n in range(count))
    return path


def _render(results: Path, out, *extra: str):
    return CliRunner().invoke(main, ["render", str(RULES), "--agreement", "janya_2554_r1", "--results",
                                     str(results), "-o", str(out), "--lang", "en", *extra])


@pytest.mark.slow  # tracemalloc slows the scoring and rendering of 1,100 forms to half a minute
def test_memory_is_flat_in_the_number_of_people(tmp_path):
    def peak(count: int) -> int:
        results = _people(tmp_path / f"r{count}.csv", count)
        gc.collect()
        tracemalloc.start()
        result = _render(results, tmp_path / f"out{count}", "--form", "individual", "--format", "md")
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert result.exit_code == 0, result.output
        assert len(list((tmp_path / f"out{count}/janya_2554_r1").iterdir())) == count + 1
        return top

    peak(10)  # templates, caches and the plan's reading, once, before either count
    small, big = peak(100), peak(1_000)
    assert big < small * 2, (small, big)  # ten times the people, about the same memory


def test_a_mistake_found_after_forms_were_written_leaves_the_folder_as_it_was(tmp_path):
    # Without --agreement the rule set's and frameworks' forms come first; Janya's results are
    # read only when her forms are reached, when many files are already staged.
    results = _people(tmp_path / "r.csv", 3)
    with open(results, "a", encoding="utf-8") as f:
        f.write("janya_2554_r1,late,สาม,3,4.5,3,4.5,4,3,4,3,3\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "calendar.md").write_text("the last render's", encoding="utf-8")
    result = _render_all(results, out)
    assert result.exit_code == 1 and "Q0" in result.stderr, result.output
    assert sorted(p.name for p in out.iterdir()) == ["calendar.md", "notes.txt"]
    assert (out / "calendar.md").read_text(encoding="utf-8") == "the last render's"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left


def test_a_new_folder_appears_whole_and_an_old_one_keeps_what_is_not_a_form(tmp_path):
    results = _people(tmp_path / "r.csv", 3)
    out = tmp_path / "out"
    first = _render_all(results, out)
    assert first.exit_code == 0, first.output
    listed = first.stdout.splitlines()
    assert len(listed) == len(set(listed)) and f"wrote {len(listed)} files" in first.stderr
    assert {str(p) for p in out.rglob("*") if p.is_file()} == set(listed)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "calendar.md").write_text("old", encoding="utf-8")
    again = _render_all(results, out)
    assert again.exit_code == 0, again.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "calendar.md").read_text(encoding="utf-8").startswith("#")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_one_file_named_when_many_would_be_rendered_is_o010_and_writes_nothing(tmp_path):
    results = _people(tmp_path / "r.csv", 3)
    result = CliRunner().invoke(main, ["render", str(RULES), "--agreement", "janya_2554_r1", "--form", "individual",
                                       "--results", str(results), "-o", str(tmp_path / "one.html"), "--lang", "en"])
    assert result.exit_code == 2 and "O010" in result.stderr and "4" in result.stderr, result.output
    assert list(tmp_path.iterdir()) == [results]


def test_one_file_named_for_many_peoples_forms_is_refused_without_rendering_them_all(tmp_path, monkeypatch):
    """Counting what would be rendered rendered every form: `render --results` of 20,000
    people named one file and waited 200 s to be told so. Past O010_COUNTED forms the
    count stops, and says "more than"."""
    import kpidsl.forms as forms

    results = _people(tmp_path / "r.csv", 500)
    made = []
    real = forms.render
    monkeypatch.setattr(forms, "render", lambda *a, **k: made.append(1) or real(*a, **k))
    for lang, said in (("en", "more than 100 files"), ("th", "มากกว่า 100 ไฟล์")):
        made.clear()
        result = CliRunner().invoke(main, ["render", str(RULES), "--results", str(results), "-o",
                                           str(tmp_path / "one.html"), "--lang", lang])
        assert result.exit_code == 2 and "O010" in result.stderr and said in result.stderr, result.output
        assert len(made) == 101
    assert list(tmp_path.iterdir()) == [results]


def _render_all(results: Path, out: Path):
    return CliRunner().invoke(main, ["render", str(RULES), "--results", str(results), "--format", "md",
                                     "-o", str(out), "--lang", "en"])


def test_the_results_are_read_once_a_run(tmp_path, monkeypatch):
    # Read for each agreement and form, a big workbook took 57.6 s where one reading takes 1.5 s.
    from kpidsl.forms import fills

    reads = []
    real = fills.read_results

    def counted(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(fills, "read_results", counted)
    result = _render_all(_people(tmp_path / "r.csv", 2), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert reads == ["r.csv"]
    assert (tmp_path / "out/janya_2554_r1/individual-p00001.md").is_file()
    assert (tmp_path / "out/janya_2554_r1/score-report-p00001.md").is_file()
