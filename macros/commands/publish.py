"""Recording a release and publishing it to the intranet: one frozen folder per version and a versions.json.

Why not mike: it needs a git branch and its symlinked aliases break on Windows unzip and file://.
A folder per version is plain static files any web server (or a shared drive) can serve;
Material's version selector reads the same versions.json mike writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from ..derive.releases import diff, lock_json, lock_of
from ..errors import DataError, DataErrors, Lang, Msg, display_path, say
from ..files import write_atomically
from ..load import LOCKS, load_handbook
from ..model.handbook import Handbook
from ..model.releases import Release, ReleaseLock, Releases
from ..yamlio import validate
from .build import run_build
from .project import Project

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


@contextmanager
def reproducible(day: dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH at the release date (midnight UTC) while a release is built: the same bytes every time."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def release_options(project: Project, release: Release, **more: Any) -> dict[str, Any]:
    """Plugin options for building a recorded release: its date, its banner, and the data alone (no cache)."""
    return {"data_dir": str(project.data_dir), "today": release.date.isoformat(), "release": release.version,
            "cache": False, "strict": True, **more}


def cautions(hb: Handbook, version: str, day: dt.date, lang: Lang) -> list[str]:
    """What whoever records a release, or hands a snapshot of one to an inspector, should know first: the errors the
    compliance check finds in it, and whether the data has changed since the release was recorded (a snapshot is
    built from the data as it is, not from the lock)."""
    from ..rules import run_rules

    out = []
    errors = [f for f in run_rules(hb, today=day, lang=lang) if f.severity == "error"]
    if errors:
        rules = ", ".join(sorted({f.rule for f in errors}))
        out.append(say(lang, f"samsvarskontrollen finner {len(errors)} feil ({rules}); `handbook check` viser dem.",
                       f"the compliance check finds {len(errors)} error(s) ({rules}); `handbook check` lists them."))
    lock = hb.locks.get(version)
    if lock is not None and not diff(lock, lock_of(hb)).empty():
        out.append(say(lang, f"dataene er endret siden utgivelse {version} ble registrert: det som bygges, er dataene slik "
                             "de er nå. Sjekk ut utgivelsens commit (git-taggen) for å bygge den slik den ble godkjent.",
                       f"the data has changed since release {version} was recorded: what is built is the data as it is "
                       "now. Check out the release's commit (its git tag) to build it as it was approved."))
    return out


def record_release(data_dir: Path, version: str, approved_by: str, date: dt.date, summary: str = "", *,
                   lang: str = "nb") -> int:
    """Add the release to releases.yml and write its lock (what the data says now).

    Both files are composed and checked before either is written, and each is written in one step: a bad
    version or summary changes nothing, and a crash cannot leave a releases.yml that no longer loads.
    """
    hb = load_handbook(data_dir, cache=False)
    path = data_dir / "releases.yml"
    if any(r.version == version for r in hb.releases.releases):
        raise DataErrors([DataError(display_path(path), 0, 0,
                                    Msg(f"utgivelsen '{version}' er allerede registrert", f"release '{version}' is already recorded"),
                                    Msg("et nytt versjonsnummer; publiserte utgivelser endres aldri",
                                        "a new version number; published releases are never changed"))])
    if approved_by not in hb.persons:
        people = ", ".join(sorted(hb.persons))
        print("handbook: " + say(lang, f"ukjent person '{approved_by}' (forventet en av: {people})",
                                 f"unknown person '{approved_by}' (expected one of: {people})"), file=sys.stderr)
        return EXIT_USAGE
    entry = {"version": version, "date": date.isoformat(), "approved_by": approved_by, "summary": summary}
    try:
        validate(Release, entry, "--version/--summary")
    except DataErrors as exc:
        print("handbook release: " + "; ".join(e.text(lang).removeprefix(e.where() + ": ") for e in exc.errors),
              file=sys.stderr)
        return EXIT_USAGE
    text = path.read_text(encoding="utf-8") if path.exists() else (
        "# yaml-language-server: $schema=../macros/schema/releases.schema.json\n# Handbook releases, newest last.\n"
        "releases:\n")
    lines = [f"  - version: {json.dumps(version)}", f"    date: {date.isoformat()}", f"    approved_by: {approved_by}"]
    if summary:
        lines.append(f"    summary: {json.dumps(summary, ensure_ascii=False)}")
    text = text.rstrip("\n").replace("releases: []", "releases:") + "\n" + "\n".join(lines) + "\n"
    lock = lock_json(lock_of(hb))
    validate(Releases, yaml.safe_load(text), path)  # what is about to be written must load
    validate(ReleaseLock, json.loads(lock), path)
    lock_file = data_dir / LOCKS / f"{version}.json"
    write_atomically(lock_file, lock)  # first: a lock without its release is ignored, the reverse is not
    write_atomically(path, text)
    print(say(lang, f"Registrerte utgivelse {version} i {display_path(path)} og låsen i {display_path(lock_file)}.",
              f"Recorded release {version} in {display_path(path)} and its lock in {display_path(lock_file)}."))
    for caution in cautions(hb, version, date, lang):
        print("handbook: " + say(lang, "merk: ", "note: ") + caution, file=sys.stderr)
    return EXIT_OK


def latest_release(data_dir: Path) -> Release:
    hb = load_handbook(data_dir, cache=False)
    release = hb.releases.latest
    if release is None:
        raise DataErrors([DataError(display_path(data_dir / "releases.yml"), 0, 0,
                                    Msg("ingen utgivelse er registrert", "no release is recorded"),
                                    Msg("`handbook release VERSJON --approved-by PERSON` først",
                                        "`handbook release VERSION --approved-by PERSON` first"))])
    return release


def publish(project: Project, out: Path, *, lang: str = "nb") -> int:
    """Build the latest release into out/<version>/ (never touching older folders) and update versions.json."""
    data_dir = project.data_dir
    release = latest_release(data_dir)
    target = out / release.version
    if target.exists():
        print("handbook: " + say(lang, f"{display_path(target)} finnes: publiserte utgivelser er frosset. Registrer en ny "
                                       "utgivelse for å publisere endringer.",
                                 f"{display_path(target)} exists: published releases are frozen. Record a new release to "
                                 "publish changes."), file=sys.stderr)
        return EXIT_DATA
    out.mkdir(parents=True, exist_ok=True)
    print(say(lang, f"[1/2] Bygger utgivelse {release.version} i {display_path(target)} …",
              f"[1/2] Building release {release.version} into {display_path(target)} …"), file=sys.stderr)
    with reproducible(release.date):
        code = run_build(project, release_options(project, release, publish=True), site_dir=target, strict=True,
                         lang=lang)
    if code != EXIT_OK:
        shutil.rmtree(target, ignore_errors=True)
        return code
    print(say(lang, "[2/2] Skriver versions.json og startsiden …", "[2/2] Writing versions.json and the start page …"),
          file=sys.stderr)
    write_versions(out, data_dir)
    print(say(lang, f"Publiserte {release.version}. Vis {display_path(out)} med en hvilken som helst statisk webserver.",
              f"Published {release.version}. Serve {display_path(out)} with any static web server."), file=sys.stderr)
    return EXIT_OK


def write_versions(out: Path, data_dir: Path) -> None:
    """versions.json in mike's shape, newest first: what Material's version selector reads."""
    hb = load_handbook(data_dir, cache=False)
    dates = {r.version: r.date for r in hb.releases.releases}
    present = [p.name for p in out.iterdir() if p.is_dir() and (p / "index.html").exists()]
    present.sort(key=lambda v: (dates.get(v, dt.date.min), v), reverse=True)
    versions = [{"version": v, "title": v + (" (gjeldende)" if i == 0 else ""), "aliases": ["latest"] if i == 0 else []}
                for i, v in enumerate(present)]
    (out / "versions.json").write_text(json.dumps(versions, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if present:
        latest = present[0]
        (out / "index.html").write_text(
            f'<!doctype html><meta charset="utf-8"><title>{latest}</title>'
            f'<meta http-equiv="refresh" content="0; url={latest}/index.html">'
            f'<a href="{latest}/index.html">{latest}</a>\n', encoding="utf-8")
