"""The parse cache: a hit gives what a parse gives, any change is a miss, and a cache
that cannot be used is passed over."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.source import SourceFile, read_file
from kpidsl.syntax import _parse_source, cache, parse_source

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rules").rglob("*.kpi"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return tmp_path / "cache"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pickle")) if folder.exists() else []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_hit_gives_what_a_parse_gives(path, cache_dir):
    src, _ = read_file(path)
    fresh = _parse_source(src)
    first = parse_source(src)   # a miss: parsed and kept
    second = parse_source(src)  # a hit
    assert first == fresh and second == fresh
    assert second[0].path == src.path  # fields left out of equality come back too
    assert len(entries(cache_dir)) == 1


def test_a_changed_text_or_path_is_a_miss(cache_dir):
    text = 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100 { ตัวชี้วัด 1 "ข" น้ำหนัก 100 { เกณฑ์ 1 2 3 4 5 } }\n}\n'
    a = parse_source(SourceFile("a.kpi", text))
    b = parse_source(SourceFile("a.kpi", text.replace("น้ำหนัก 100 {", "น้ำหนัก 90 {", 1)))
    c = parse_source(SourceFile("b.kpi", text))
    assert len(entries(cache_dir)) == 3
    assert a != b
    assert c[0].path == "b.kpi"


def test_a_broken_entry_is_parsed_again(cache_dir):
    src = SourceFile("a.kpi", 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n}\n')
    expected = parse_source(src)
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    assert parse_source(src) == expected


def test_no_cache_reads_and_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    assert check_paths([ROOT / "rules" / "2555"]).errors == 0
    assert entries(cache_dir) == []


def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    result = check_paths([ROOT / "rules" / "2555"])
    assert result.errors == 0 and result.diagnostics == ()


def test_a_new_version_of_the_code_takes_the_place_of_the_old(cache_dir, monkeypatch):
    parse_source(SourceFile("a.kpi", 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n}\n'))
    (old,) = [p for p in cache_dir.iterdir() if p.is_dir()]
    monkeypatch.setattr(cache, "code_key", lambda: "f" * 64)
    parse_source(SourceFile("a.kpi", 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n}\n'))
    assert [p.name for p in cache_dir.iterdir()] == ["f" * 16]
    assert not old.exists()


def test_check_gives_the_same_report_from_the_cache(cache_dir):
    broken = ROOT / "tests" / "broken"
    first = check_paths([ROOT / "rules", broken])
    second = check_paths([ROOT / "rules", broken])
    assert first.diagnostics == second.diagnostics and first.errors > 0
