"""Test-wide settings."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_in_a_temporary_folder(tmp_path_factory):
    """The parse cache (kpidsl/syntax/cache.py) is on, as for users, but in a folder of
    the test session's own rather than the user's ~/.cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KPIDSL_CACHE_DIR", str(tmp_path_factory.mktemp("kpidsl-cache")))
    mp.delenv("KPIDSL_NO_CACHE", raising=False)
    yield
    mp.undo()
