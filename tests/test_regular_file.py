"""kpidsl/regular_file.py: the one way a whole file is read (rule files, plans, results
checked or quoted, the cache's entries)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpidsl.plan.read import PlanFileError, read_plan_file
from kpidsl.regular_file import NotOwned, NotRegular, TooBig, read_regular
from kpidsl.source import read_file
from kpidsl.syntax.cache import read_own_file

PROC = Path("/proc/self/status")


def test_a_regular_file_is_read_whole(tmp_path):
    f = tmp_path / "a.kpi"
    f.write_bytes(b"x" * 100)
    assert read_regular(f, 100) == b"x" * 100
    assert read_regular(f, None) == b"x" * 100


def test_one_byte_past_the_limit_is_too_big(tmp_path):
    f = tmp_path / "a.kpi"
    f.write_bytes(b"x" * 101)
    with pytest.raises(TooBig) as e:
        read_regular(f, 100)
    assert e.value.size == 101


def test_a_folder_is_told_apart_from_other_files(tmp_path):
    with pytest.raises(NotRegular) as e:
        read_regular(tmp_path, 10)
    assert e.value.folder


def test_a_device_is_never_read():
    with pytest.raises(NotRegular) as e:
        read_regular("/dev/zero", None)
    assert not e.value.folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_opened_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotRegular):
        read_regular(fifo, 10)


@pytest.mark.skipif(not PROC.is_file(), reason="no /proc here")
def test_a_file_whose_size_lies_is_read_no_further_than_the_limit():
    # a file under /proc is regular and says it holds 0 bytes: the limit is kept by the read
    assert os.stat(PROC).st_size == 0 and len(PROC.read_bytes()) > 64
    with pytest.raises(TooBig) as e:
        read_regular(PROC, 64)
    assert e.value.size == 65
    assert len(read_regular(PROC, 1 << 20)) > 64


def test_a_link_is_refused_when_links_are_not_followed(tmp_path):
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert read_regular(tmp_path / "link", 10) == b"x"
    with pytest.raises(OSError):
        read_regular(tmp_path / "link", 10, follow_links=False)
    assert read_own_file(tmp_path / "link", 10) is None
    assert read_own_file(tmp_path / "real", 10) == b"x"


def test_someone_elses_file_is_not_owned(tmp_path):
    f = tmp_path / "a"
    f.write_bytes(b"x")
    with pytest.raises(NotOwned):
        read_regular(f, 10, owner=os.geteuid() + 1)


def test_the_cache_never_hands_back_more_than_its_limit(tmp_path):
    f = tmp_path / "entry"
    f.write_bytes(b"x" * 11)
    assert read_own_file(f, 10) is None  # it gave back 11 bytes before
    assert read_own_file(f, 11) == b"x" * 11


@pytest.mark.skipif(not PROC.is_file(), reason="no /proc here")
def test_rule_files_and_plans_keep_their_limits_when_the_size_lies(monkeypatch):
    # the readers of rule files and plans now read by read_regular: a limit the size cannot hide
    monkeypatch.setattr("kpidsl.source.MAX_BYTES", 64)
    _, diags = read_file(PROC, "status.kpi")
    assert [d.code for d in diags] == ["F007"]
    monkeypatch.setattr("kpidsl.plan.read.MAX_PLAN_BYTES", 64)
    with pytest.raises(PlanFileError) as e:
        read_plan_file(PROC)
    assert [d.code for d in e.value.diagnostics] == ["T009"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_plan_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    with pytest.raises(PlanFileError) as e:
        read_plan_file(fifo)
    assert [d.code for d in e.value.diagnostics] == ["F009"]
