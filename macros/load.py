"""Data folder → validated Handbook, or DataErrors listing every problem with its position."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .catalogue import load_catalogue
from .errors import DataError, DataErrors, Msg, display_path
from .model.base import Located
from .model.gspr import GsprMatrix
from .model.handbook import Handbook
from .model.releases import ReleaseLock, Releases
from .parsecache import ParseCache
from .registry import ALSO_ALLOWED, KINDS, LOCKS
from .yamlio import load_yaml_file, validate


class _Collector:
    """Gathers errors from every file so the user sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []

    def attempt(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except DataErrors as exc:
            self.errors.extend(exc.errors)
            return None

    def at(self, entry: Located, loc: Iterable[str | int], message: Msg | str, hint: Msg | str = "") -> None:
        """An error at a field of an entry: what is wrong and what is expected, as Msg(nb, en) pairs."""
        file, line, col = entry.where(*loc)
        self.errors.append(DataError(file, line, col, message, hint))


def _yaml_files(folder: Path, refused: set[Path]) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file() and p not in refused)


def _refuse_links(data_dir: Path, col: _Collector) -> set[Path]:
    """Links that lead out of the data folder, or nowhere: reported, and never read.

    Everything in the data folder is published; a link out of it would publish a file from elsewhere on
    the machine (and quote it in error messages).
    """
    root = data_dir.resolve()
    refused: set[Path] = set()
    for folder, dirs, files in os.walk(data_dir):  # links to folders are listed, not followed
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = Path(os.path.realpath(path))
            if target.exists() and target.is_relative_to(root):
                continue
            to = os.readlink(path)
            what = (Msg(f"en lenke som ikke fører noen vei (til {to})", f"a link that leads nowhere (to {to})")
                    if not target.exists() else
                    Msg(f"en lenke ut av datamappen (til {to})", f"a link out of the data folder (to {to})"))
            refused.add(path)
            col.errors.append(DataError(display_path(path), 0, 0, what,
                                        Msg("en fil eller mappe inne i datamappen, ikke en lenke ut av den",
                                            "a file or folder inside the data folder, not a link out of it")))
    return refused


def hand_written(docs: Path) -> list[str]:
    """The Markdown pages in a docs folder, as paths relative to it."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []


def load_handbook(data_dir: Path, *, cache: bool = True, pages: Collection[str] = ()) -> Handbook:
    """Load and validate everything in ``data_dir``; raise DataErrors with every problem found.

    ``cache=False``: parse every file, trusting nothing kept from an earlier run (releases and snapshots).
    ``pages``: the hand-written pages (paths in docs/), which generated pages must not collide with.

    Garbage collection: loading allocates hundreds of thousands of objects and frees almost none, so the
    collector is paused meanwhile; and the loaded data lives as long as the process (or until the next load,
    in ``serve``), so it is frozen out of later collections, which would otherwise walk all of it again and
    again while the rules run and the pages are built. Collections had been up to 40 % of a large check.
    """
    paused = gc.isenabled()
    gc.disable()
    gc.unfreeze()  # the previous load's data, if any, may now be collected
    try:
        handbook = _load(Path(data_dir), cache, pages)
        gc.freeze()
        return handbook
    finally:
        if paused:
            gc.enable()


def _load(data_dir: Path, use_cache: bool, pages: Collection[str]) -> Handbook:
    if not data_dir.is_dir():
        raise DataErrors([DataError(display_path(data_dir), 0, 0, Msg("fant ikke datamappen", "data folder not found"),
                                    Msg("en mappe med company.yml, people.yml, ...",
                                        "a folder with company.yml, people.yml, ..."))])
    col = _Collector()
    catalogue = col.attempt(load_catalogue)
    if catalogue is None:
        raise DataErrors(col.errors)

    cache = ParseCache(data_dir, enabled=use_cache)
    refused = _refuse_links(data_dir, col)

    def one(path: Path, model: type[BaseModel]) -> Any:
        raw = col.attempt(lambda: load_yaml_file(path, cache))
        return None if raw is None else col.attempt(lambda: validate(model, raw, path))

    loaded: dict[str, Any] = {}  # kind's path -> model (a single file) or list of models (a folder)
    for kind in KINDS:
        path = data_dir / kind.name
        if path in refused:
            loaded[kind.path] = [] if kind.folder else None
        elif kind.folder:
            loaded[kind.path] = [] if not path.is_dir() else [
                m for m in (one(p, kind.model) for p in _yaml_files(path, refused)) if m is not None]
        elif path.exists():
            loaded[kind.path] = one(path, kind.model)
        elif kind.required:
            loaded[kind.path] = None
            col.errors.append(DataError(display_path(path), 0, 0, Msg("en påkrevd fil mangler", "required file is missing"),
                                        Msg(f"{kind.name} i datamappen (se `handbook new`)",
                                            f"{kind.name} in the data folder (see `handbook new`)")))

    known = {k.name for k in KINDS} | {LOCKS, *ALSO_ALLOWED}
    for path in sorted(data_dir.iterdir()):
        if path.name not in known and not path.name.startswith("."):
            allowed = ", ".join(sorted(known - set(ALSO_ALLOWED)))
            col.errors.append(DataError(display_path(path), 0, 0,
                                        Msg(f"uventet fil eller mappe '{path.name}' i datamappen",
                                            f"unexpected entry '{path.name}' in the data folder"),
                                        Msg(f"bare disse: {allowed}", f"only these: {allowed}")))

    locks: dict[str, ReleaseLock] = {}
    releases = loaded.get("releases.yml")
    for release in releases.releases if releases else []:
        path = data_dir / LOCKS / f"{release.version}.json"
        if path.is_file() and path not in refused and path.parent not in refused:
            lock = one(path, ReleaseLock)
            if lock is not None:
                locks[release.version] = lock

    cache.save()  # every data file has been read by now
    if col.errors or any(loaded.get(k.path) is None for k in KINDS if k.required):
        raise DataErrors(col.errors)

    gspr: dict[str, GsprMatrix] = {}
    for matrix in loaded["gspr/"]:
        if matrix.device_group in gspr:
            col.at(matrix, ["device_group"],
                   Msg(f"en GSPR-matrise til for utstyrsgruppen '{matrix.device_group}'",
                       f"second GSPR matrix for device group '{matrix.device_group}'"),
                   Msg("én fil per utstyrsgruppe i gspr/", "one file per device group in gspr/"))
        gspr[matrix.device_group] = matrix

    handbook = Handbook(
        data_dir=data_dir,
        catalogue=catalogue,
        company=loaded["company.yml"],
        people=loaded["people.yml"],
        prrc=loaded["prrc.yml"],
        documents=loaded["documents.yml"].documents,
        device_groups=loaded["device-groups/"],
        gspr=gspr,
        procedures=loaded["procedures/"],
        checklists=loaded["checklists/"],
        forms=loaded["forms/"],
        releases=loaded.get("releases.yml") or Releases(),
        own_standards=loaded["standards.yml"].standards if loaded.get("standards.yml") else [],
        locks=locks,
    )
    from .validate import check_pages, check_references, check_step_fields

    check_references(handbook, col)
    check_step_fields(handbook, col)
    check_pages(handbook, col, pages)
    if col.errors:
        raise DataErrors(col.errors)
    return handbook
