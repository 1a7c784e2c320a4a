"""The parse cache: an unchanged file is not parsed again, a changed one always is, and a broken cache costs nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros import yamlio
from macros.errors import DataErrors
from macros.load import load_handbook
from macros.parsecache import ParseCache

from .conftest import edit


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The files actually parsed (not served from the cache), with a cache folder of this test's own."""
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HANDBOOK_CACHE", raising=False)
    seen: list[str] = []
    real = yamlio._parse

    def counting(raw: bytes, label: str) -> object:
        seen.append(Path(label).name)
        return real(raw, label)

    monkeypatch.setattr(yamlio, "_parse", counting)
    return seen


def test_second_load_parses_nothing_and_gives_the_same_handbook(data: Path, parses: list[str]) -> None:
    first = load_handbook(data)
    assert len(parses) >= len(list(data.rglob("*.yml")))  # every data file (and the catalogue's, once per process)
    parses.clear()
    second = load_handbook(data)
    assert parses == []
    assert second.company == first.company and second.documents == first.documents
    assert second.gspr == first.gspr and second.procedures == first.procedures


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_time(data: Path, parses: list[str]) -> None:
    load_handbook(data)
    parses.clear()
    company = data / "company.yml"
    stat = company.stat()
    edit(company, "Bergen", "Bærum")  # as many bytes: æ takes two
    assert company.stat().st_size == stat.st_size
    os.utime(company, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    handbook = load_handbook(data)
    assert parses == ["company.yml"]
    assert "Bærum" in handbook.company.model_dump_json()


def test_a_file_with_a_problem_is_reported_every_time(data: Path, parses: list[str]) -> None:
    load_handbook(data)
    (data / "people.yml").write_text("people:\n  - id: a\n    id: b\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataErrors) as exc:
            load_handbook(data)
        assert any("duplicate key 'id'" in e.message and e.file.endswith("people.yml") for e in exc.value.errors)


def test_a_corrupt_cache_is_ignored_and_replaced(data: Path, parses: list[str]) -> None:
    load_handbook(data)
    [cache_file] = (Path(os.environ["HANDBOOK_CACHE_DIR"])).iterdir()
    cache_file.write_bytes(b"\x00garbage")
    parses.clear()
    load_handbook(data)
    assert len(parses) == len(list(data.rglob("*.yml")))
    parses.clear()
    load_handbook(data)
    assert parses == []


def test_cache_off_writes_nothing(data: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", "off")
    load_handbook(data)
    load_handbook(data)
    assert not ParseCache(data).file.exists()
    assert not Path(os.environ["HANDBOOK_CACHE_DIR"]).exists()


def test_positions_are_indexed_once_and_kept_by_content(tmp_path: Path, parses: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.yml"
    f.write_text("rows:\n  - id: a\n  - id: b\n    note: x\n", encoding="utf-8")
    composed: list[str] = []
    real = yamlio._compose
    monkeypatch.setattr(yamlio, "_compose", lambda text, label: (composed.append(label), real(text, label))[1])
    assert yamlio.position(f, ("note",), within=("rows", 1))[1:] == (4, 5)
    yamlio._indexes.clear()  # as in a new process: the index comes from the cache
    assert yamlio.position(f, ("id",), within=("rows", 1))[1:] == (3, 5)
    assert len(composed) == 1
    f.write_text("rows:\n  - id: a\n\n  - id: b\n    note: x\n", encoding="utf-8")  # changed: indexed afresh
    assert yamlio.position(f, ("note",), within=("rows", 1))[1:] == (5, 5)
    assert len(composed) == 2


def test_the_catalogue_is_read_back_from_the_cache_equal(parses: list[str]) -> None:
    from macros.catalogue import load_catalogue

    load_catalogue.cache_clear()
    first = load_catalogue()
    load_catalogue.cache_clear()
    parses.clear()
    second = load_catalogue()
    assert parses == [] and second is not first
    assert second == first and second.gspr == first.gspr
    load_catalogue.cache_clear()


def test_no_home_folder_means_no_cache_not_a_folder_named_tilde(data: Path, parses: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HANDBOOK_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # what Python does without HOME or a passwd entry
    monkeypatch.chdir(data.parent)
    load_handbook(data)
    assert not (data.parent / "~").exists()
    parses.clear()
    load_handbook(data)
    assert len(parses) == len(list(data.rglob("*.yml")))  # parsed again: nothing was cached
