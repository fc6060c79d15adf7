"""The parsed rule pack is kept between runs (readiness/pack_cache.py) and read back safely."""
from __future__ import annotations

import os
import pickle

import pytest

from readiness import pack, pack_cache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pack_cache.parsed_pack.cache_clear()
    yield tmp_path / "readiness"
    pack_cache.parsed_pack.cache_clear()


def test_the_second_run_reads_the_parsed_pack_without_parsing_yaml(cache_home, monkeypatch):
    first = pack_cache.parsed_pack(pack.pack_dir())
    assert "data/lifecycle.yaml" in first and any(k.startswith("frameworks/") for k in first)
    [stored] = cache_home.glob("pack-*.pickle")
    pack_cache.parsed_pack.cache_clear()

    def no_parsing(handle):
        raise AssertionError("the pack was parsed again")
    monkeypatch.setattr(pack, "load_yaml", no_parsing)
    assert pack_cache.parsed_pack(pack.pack_dir()) == first
    assert list(cache_home.glob("pack-*.pickle")) == [stored]


class _Planted:
    def __reduce__(self):
        return (os.system, ("touch planted-by-pack-cache",))


def test_a_foreign_pack_cache_is_parsed_over_and_never_runs_code(cache_home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = pack_cache.parsed_pack(pack.pack_dir())
    [stored] = cache_home.glob("pack-*.pickle")
    stored.write_bytes(pickle.dumps({"data/lifecycle.yaml": _Planted()}))
    pack_cache.parsed_pack.cache_clear()
    assert pack_cache.parsed_pack(pack.pack_dir()) == first
    assert not (tmp_path / "planted-by-pack-cache").exists()
