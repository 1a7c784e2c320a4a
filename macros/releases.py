"""Releases: the lock (what the data said at a release) and what changed between two releases.

A lock is a small JSON file in ``data/releases/<version>.json`` holding the parts of the data a
reader of "what changed" cares about. It is written by ``handbook release`` and committed with the
data, so the next release can say what changed without rebuilding the old one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, DataErrors, display_path
from .model.handbook import Handbook

Lock = dict[str, Any]


def lock_of(hb: Handbook) -> Lock:
    def row(r) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        method = r.method
        return {"applicable": r.applicable, "conformity": r.conformity,
                "evidence": sorted(f"{e.document} {e.section}".strip() for e in r.evidence),
                "method": "; ".join(x for x in ([*method.all_standards, method.common_specification, method.own]
                                                if method else []) if x)}

    return {
        "procedures": {p.id: {"title": p.title, "version": p.version, "status": p.status} for p in hb.procedures},
        "documents": {d.id: {"title": d.title, "version": d.version, "status": d.status} for d in hb.documents},
        "gspr": {g: {r.gspr: row(r) for r in m.rows} for g, m in sorted(hb.gspr.items())},
        "prrc": [{"person": a.person, "arrangement": a.arrangement, "route": a.route, "deputy": a.deputy,
                  "start": a.start.isoformat()} for a in hb.prrc.appointments],
    }


def lock_path(data_dir: Path, version: str) -> Path:
    return data_dir / "releases" / f"{version}.json"


def read_lock(data_dir: Path, version: str) -> Lock | None:
    path = lock_path(data_dir, version)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataErrors([DataError(display_path(path), getattr(exc, "lineno", 0), getattr(exc, "colno", 0),
                                    f"release lock is not valid JSON: {exc}", "the file as `handbook release` wrote it")]) from None


def write_lock(data_dir: Path, version: str, lock: Lock) -> Path:
    path = lock_path(data_dir, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)  # procedure IDs
    revised: list[tuple[str, str, str]] = field(default_factory=list)  # (id, old version, new version)
    withdrawn: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    documents_revised: list[tuple[str, str, str]] = field(default_factory=list)
    documents_withdrawn: list[str] = field(default_factory=list)
    gspr: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]] = field(default_factory=list)
    prrc: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(vars(self).values())


def _versions(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[tuple[str, str, str]], list[str]]:
    added = sorted(k for k, v in new.items() if k not in old and v["status"] != "obsolete")
    withdrawn = sorted(k for k, v in new.items() if v["status"] == "obsolete" and old.get(k, {}).get("status") != "obsolete")
    withdrawn += sorted(k for k in old if k not in new)
    revised = sorted((k, old[k]["version"], v["version"]) for k, v in new.items()
                     if k in old and v["version"] != old[k]["version"] and v["status"] != "obsolete")
    return added, revised, withdrawn


def diff(old: Lock, new: Lock) -> Changes:
    changes = Changes()
    changes.added, changes.revised, changes.withdrawn = _versions(old["procedures"], new["procedures"])
    changes.documents_added, changes.documents_revised, changes.documents_withdrawn = _versions(
        old["documents"], new["documents"])
    for group in sorted(set(old["gspr"]) | set(new["gspr"])):
        before, after = old["gspr"].get(group, {}), new["gspr"].get(group, {})
        for number in sorted(set(before) | set(after), key=lambda n: [int(x) for x in n.split(".")]):
            if before.get(number) != after.get(number):
                changes.gspr.append((group, number, before.get(number), after.get(number)))
    old_prrc = {a["person"]: a for a in old["prrc"]}
    new_prrc = {a["person"]: a for a in new["prrc"]}
    for person in sorted(set(old_prrc) | set(new_prrc)):
        if old_prrc.get(person) != new_prrc.get(person):
            changes.prrc.append((old_prrc.get(person), new_prrc.get(person)))
    return changes
