"""The parse cache: an unchanged file is not parsed again, a changed one always is, a broken cache costs nothing,
and nothing in the cache folder can run code or change what is published."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from cmd_handbook import parsecache, yamlio
from cmd_handbook.errors import DataErrors
from cmd_handbook.load import load_handbook
from cmd_handbook.parsecache import ParseCache

from .conftest import edit


def data_files(data: Path) -> list[Path]:
    return [*data.rglob("*.yml"), *(data / "releases").glob("*.json")]


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of this test's own."""
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HANDBOOK_CACHE", raising=False)
    parsecache._key_for.cache_clear()
    yield tmp_path / "cache"
    parsecache._key_for.cache_clear()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, cache: Path) -> list[str]:
    """The files actually parsed (not served from the cache)."""
    seen: list[str] = []
    real = yamlio._parse

    def counting(raw: bytes, label: str) -> object:
        seen.append(Path(label).name)
        return real(raw, label)

    monkeypatch.setattr(yamlio, "_parse", counting)
    return seen


def test_second_load_parses_nothing_and_gives_the_same_handbook(data: Path, parses: list[str]) -> None:
    first = load_handbook(data)
    assert len(parses) >= len(data_files(data))
    parses.clear()
    second = load_handbook(data)
    assert parses == []
    assert second.company.model_dump() == first.company.model_dump()
    assert [d.model_dump() for d in second.documents] == [d.model_dump() for d in first.documents]
    assert {k: v.model_dump() for k, v in second.gspr.items()} == {k: v.model_dump() for k, v in first.gspr.items()}


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_time(data: Path, parses: list[str]) -> None:
    load_handbook(data)
    parses.clear()
    company = data / "company.yml"
    before = company.stat()
    edit(company, "Bergen", "Bærum")  # as many bytes: æ takes two
    assert company.stat().st_size == before.st_size
    os.utime(company, ns=(before.st_atime_ns, before.st_mtime_ns))
    handbook = load_handbook(data)
    assert parses == ["company.yml"]
    assert "Bærum" in handbook.company.model_dump_json()


def test_a_file_with_a_problem_is_reported_every_time(data: Path, parses: list[str]) -> None:
    load_handbook(data)
    (data / "people.yml").write_text("people:\n  - id: a\n    id: b\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataErrors) as exc:
            load_handbook(data)
        assert any("duplicate key 'id'" in e.what("en") and e.file.endswith("people.yml") for e in exc.value.errors)


def test_a_corrupt_cache_is_ignored_and_replaced(data: Path, parses: list[str], cache: Path) -> None:
    load_handbook(data)
    [cache_file] = cache.glob("parsed-*.json")
    cache_file.write_bytes(b"\x00garbage")
    parses.clear()
    load_handbook(data)
    assert len(parses) == len(data_files(data))
    parses.clear()
    load_handbook(data)
    assert parses == []


def test_cache_off_writes_nothing(data: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", "off")
    load_handbook(data)
    load_handbook(data)
    assert not ParseCache(data).enabled
    assert not any(cache.glob("parsed-*"))


def test_a_pickle_in_the_cache_folder_never_runs(data: Path, cache: Path, tmp_path: Path) -> None:
    """Every file in the cache folder replaced by a pickle that would leave a mark if it were ever loaded."""
    load_handbook(data)
    yamlio._indexes.clear()
    load_handbook(data).company.where("name")  # a position index in the cache too
    mark = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {mark}",))

    blob = pickle.dumps(Exploit())
    planted = [p for p in cache.rglob("*") if p.is_file() and p.name != "key"]
    assert len(planted) >= 2
    for path in planted:
        path.write_bytes(blob)
    yamlio._indexes.clear()
    hb = load_handbook(data)
    hb.company.where("name")
    assert not mark.exists()
    assert hb.company.name == "Vestbrygge Tannteknikk AS"


def test_a_rewritten_cache_entry_does_not_change_the_data(data: Path, parses: list[str], cache: Path) -> None:
    load_handbook(data)
    [cache_file] = cache.glob("parsed-*.json")
    cache_file.write_bytes(cache_file.read_bytes().replace(b"Vestbrygge Tannteknikk AS", b"Forged Company AS"))
    parses.clear()
    assert load_handbook(data).company.name == "Vestbrygge Tannteknikk AS"
    assert "company.yml" in parses  # the entry was not trusted


def test_the_cache_folder_is_private_and_one_of_someone_else_is_not_used(
        data: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    load_handbook(data)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache / "key").stat().st_mode) == 0o600
    loose = tmp_path / "loose"  # ours, but open to everyone (an older version, a loose umask): made private
    loose.mkdir()
    loose.chmod(0o777)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(loose))
    parsecache._key_for.cache_clear()
    load_handbook(data)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700 and any(loose.glob("parsed-*"))
    if os.getuid() != 0:
        pytest.skip("giving a folder to another user needs root (CI runs as root)")
    foreign = tmp_path / "foreign"
    foreign.mkdir(mode=0o777)
    foreign.chmod(0o777)
    os.chown(foreign, 65534, 65534)
    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(foreign))
    parsecache._key_for.cache_clear()
    load_handbook(data)
    assert list(foreign.iterdir()) == []


def test_a_position_index_of_the_wrong_shape_is_ignored(tmp_path: Path, cache: Path) -> None:
    f = tmp_path / "a.yml"
    f.write_text("rows:\n  - id: a\n  - id: b\n    note: x\n", encoding="utf-8")
    for wrong in ("x", [], [[["rows"], ["m", 1]]], [[["rows"], ["q", 1, 1, 1, 1]]], {"a": 1}, [[1, 2]]):
        parsecache.store("positions", parsecache.digest(f.read_bytes()), wrong)
        yamlio._indexes.clear()
        assert yamlio.position(f, ("note",), within=("rows", 1))[1:] == (4, 5)


def test_old_caches_are_pruned(tmp_path: Path, cache: Path) -> None:
    for i in range(parsecache._KEEP_FOLDERS + 5):
        folder = tmp_path / f"d{i}"
        folder.mkdir()
        (folder / "a.yml").write_text("a: 1\n", encoding="utf-8")
        c = ParseCache(folder)
        c.parse(folder / "a.yml", b"a: 1\n", lambda: {"a": 1})
        c.save()
    assert len(list(cache.glob("parsed-*.json"))) == parsecache._KEEP_FOLDERS


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


def test_no_home_folder_means_no_cache_not_a_folder_named_tilde(data: Path, parses: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HANDBOOK_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # what Python does without HOME or a passwd entry
    monkeypatch.chdir(data.parent)
    parsecache._key_for.cache_clear()
    load_handbook(data)
    assert not (data.parent / "~").exists()
    parses.clear()
    load_handbook(data)
    assert len(parses) == len(data_files(data))  # parsed again: nothing was cached
