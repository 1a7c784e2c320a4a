"""Release locks: what the data said at a release, and what changed between two releases.

A lock is a small JSON file in ``data/releases/<version>.json`` holding the parts of the data a reader of
"what changed" cares about. ``handbook release`` writes it; it is committed with the data, and the loader
reads it back (``Handbook.locks``), so the next release can say what changed without rebuilding the old one.

An inspector's handbook compares locks through the same audience filter as the rest of the data: what is
internal now, or was internal then, is in neither side of a comparison.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ..audience import WITHHELD
from ..model.handbook import Handbook
from ..model.releases import LockedAppointment, LockedDocument, LockedEvidence, LockedGroup, LockedRow, ReleaseLock

FORMAT = 2  # 2: audiences and device groups recorded, evidence as {document, section}


def lock_of(hb: Handbook) -> ReleaseLock:
    def row(r) -> LockedRow:  # type: ignore[no-untyped-def]
        method = r.method
        return LockedRow(
            applicable=r.applicable, conformity=r.conformity, justification=r.justification, grounds=r.grounds,
            evidence=sorted((LockedEvidence(document=e.document, section=e.section) for e in r.evidence),
                            key=lambda e: (e.document, e.section)),
            method="; ".join(x for x in ([*method.all_standards, method.common_specification, method.own]
                                         if method else []) if x))

    return ReleaseLock(
        format=FORMAT,
        catalogue=hb.catalogue.version,
        procedures={p.id: LockedDocument(title=p.title, version=p.version, status=p.status, audience=p.audience)
                    for p in hb.procedures},
        documents={d.id: LockedDocument(title=d.title, version=d.version, status=d.status, audience=d.audience,
                                        device_group=d.device_group) for d in hb.documents},
        groups={g.id: LockedGroup(audience=g.audience) for g in hb.device_groups},
        gspr={g: {r.gspr: row(r) for r in m.rows} for g, m in sorted(hb.gspr.items())},
        prrc=[LockedAppointment(person=a.person, arrangement=a.arrangement, route=a.route, deputy=a.deputy.person if a.deputy else None,
                                start=a.start) for a in hb.prrc.appointments],
    )


def lock_json(lock: ReleaseLock) -> str:
    return json.dumps(lock.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def visible(lock: ReleaseLock, view: Handbook, internal: bool) -> ReleaseLock:
    """The lock as the reader of ``view`` may see it.

    An entry stays when it was public at the release; a lock written before audiences were recorded is
    judged by the current data, and what no longer exists there is left out (it cannot be told apart from
    something internal). References to what is left out are withheld, as in the audience filter.
    """
    if internal:
        return lock

    def public(entry_id: str, locked: LockedDocument | LockedGroup | None, present: bool) -> bool:
        audience = locked.audience if locked is not None else None
        return audience == "everyone" if audience is not None else present

    groups = {g for g in {*lock.gspr, *lock.groups} if public(g, lock.groups.get(g), g in view.groups)}
    procedures = {k: v for k, v in lock.procedures.items() if public(k, v, k in view.procs)}
    documents = {k: v for k, v in lock.documents.items()
                 if public(k, v, k in view.docs) and (v.device_group is None or v.device_group in groups)}
    kept = procedures.keys() | documents.keys()

    def row(r: LockedRow) -> LockedRow:
        evidence = [e if e.document in kept else LockedEvidence(document=WITHHELD) for e in r.evidence]
        return r.model_copy(update={"evidence": evidence})

    return lock.model_copy(update={
        "procedures": procedures, "documents": documents,
        "groups": {g: v for g, v in lock.groups.items() if g in groups},
        "gspr": {g: {n: row(r) for n, r in rows.items()} for g, rows in lock.gspr.items() if g in groups},
    })


@dataclass(frozen=True)
class GsprChange:
    """A GSPR decision that differs between two releases. A point without a row of its own on one side followed
    its requirement there (``follows``: the requirement's number, on that side)."""

    group: str
    number: str
    old: LockedRow | None
    new: LockedRow | None
    old_follows: str = ""
    new_follows: str = ""


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)  # procedure IDs
    revised: list[tuple[str, str, str]] = field(default_factory=list)  # (id, old version, new version)
    withdrawn: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    documents_revised: list[tuple[str, str, str]] = field(default_factory=list)
    documents_withdrawn: list[str] = field(default_factory=list)
    gspr: list[GsprChange] = field(default_factory=list)
    prrc: list[tuple[LockedAppointment | None, LockedAppointment | None]] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(vars(self).values())


def _versions(old: dict[str, LockedDocument], new: dict[str, LockedDocument]
              ) -> tuple[list[str], list[tuple[str, str, str]], list[str]]:
    added = sorted(k for k, v in new.items() if k not in old and v.status != "obsolete")
    withdrawn = sorted(k for k, v in new.items() if v.status == "obsolete" and k in old and old[k].status != "obsolete")
    withdrawn += sorted(k for k in old if k not in new)
    revised = sorted((k, old[k].version, v.version) for k, v in new.items()
                     if k in old and v.version != old[k].version and v.status != "obsolete")
    return added, revised, withdrawn


def _same(a: Any, b: Any, leave_out: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Equal content (models carry where they were read from, which is not part of the comparison)."""
    dump = (lambda x: None if x is None else x.model_dump(exclude=leave_out))  # noqa: E731
    return dump(a) == dump(b)


def _number(n: str) -> tuple[list[int], str]:
    """Annex I order: "10.4.1" before "10.4.1(a)" before "10.4.2"; letters "z" before "aa"."""
    number, _, letter = n.partition("(")
    letter = letter.rstrip(")")
    return [int(x) for x in number.split(".") if x.isdigit()], f"{len(letter)}{letter}"


def unrecorded(old: ReleaseLock, new: ReleaseLock) -> set[str]:
    """GSPR fields one of the two locks did not record (the first format had no justification or grounds)."""
    return {"justification", "grounds"} if min(old.format, new.format) < 2 else set()


def diff(old: ReleaseLock, new: ReleaseLock) -> Changes:
    changes = Changes()
    changes.added, changes.revised, changes.withdrawn = _versions(old.procedures, new.procedures)
    changes.documents_added, changes.documents_revised, changes.documents_withdrawn = _versions(
        old.documents, new.documents)
    first_format = unrecorded(old, new)
    for group in sorted(set(old.gspr) | set(new.gspr)):
        before, after = old.gspr.get(group, {}), new.gspr.get(group, {})
        for number in sorted(set(before) | set(after), key=_number):
            if not _same(before.get(number), after.get(number), first_format):
                parent = number.partition("(")[0] if "(" in number else ""
                changes.gspr.append(GsprChange(
                    group, number, before.get(number), after.get(number),
                    old_follows=parent if number not in before and parent in before else "",
                    new_follows=parent if number not in after and parent in after else ""))
    old_prrc = {a.person: a for a in old.prrc}
    new_prrc = {a.person: a for a in new.prrc}
    for person in sorted(set(old_prrc) | set(new_prrc)):
        if not _same(old_prrc.get(person), new_prrc.get(person)):
            changes.prrc.append((old_prrc.get(person), new_prrc.get(person)))
    return changes


# --- one GSPR decision, field by field -------------------------------------------------------------------

#: A standard's ID as the lock writes it (lowercase, hyphenated: "en-iso-22674-2022").
_STANDARD_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


def split_method(method: str, standards: Collection[str]) -> tuple[list[str], str]:
    """(standards, description) from a locked method: the lock writes the standards' IDs first, then the common
    specification and the own method, joined by "; ". A leading item is a standard when it is a known standard's
    ID or looks like one (a standard since dropped from the register)."""
    items = [x for x in method.split("; ")] if method else []
    ids: list[str] = []
    while items and (items[0] in standards or _STANDARD_ID.match(items[0])):
        ids.append(items.pop(0))
    return ids, "; ".join(items)


@dataclass(frozen=True)
class FieldChange:
    """One field of a GSPR decision that differs between two releases."""

    field: str  # applicable, conformity, standards, method, evidence-removed, evidence-added, justification, grounds
    before: tuple[str, ...]  # the values (a single value for a plain field; none when it was empty)
    after: tuple[str, ...]


def _evidence(row: LockedRow | None) -> list[str]:
    """"ID section" for each document cited (IDs have no spaces; the page words a withheld one)."""
    return [e.document + (f" {e.section}" if e.section else "") for e in row.evidence] if row else []


def row_changes(old: LockedRow | None, new: LockedRow | None, standards: Collection[str],
                leave_out: Collection[str] = ()) -> list[FieldChange]:
    """What changed in one decision, field by field, only the fields that differ, in the matrix's column order
    (``leave_out``: fields one of the two locks did not record).

    ``applicable`` and ``conformity`` are written as the lock has them (True/False/None, "met"/...): the page
    words them. Evidence is compared as a set: what was removed, what was added."""
    def plain(row: LockedRow | None, name: str) -> tuple[str, ...]:
        value = getattr(row, name) if row else None
        return () if value is None or value == "" else (str(value),)

    old_std, old_text = split_method(old.method, standards) if old else ([], "")
    new_std, new_text = split_method(new.method, standards) if new else ([], "")
    before_ev, after_ev = _evidence(old), _evidence(new)
    values = {
        "applicable": (plain(old, "applicable"), plain(new, "applicable")),
        "conformity": (plain(old, "conformity"), plain(new, "conformity")),
        "standards": (tuple(old_std), tuple(new_std)),
        "method": ((old_text,) if old_text else (), (new_text,) if new_text else ()),
        "evidence-removed": (tuple(e for e in before_ev if e not in after_ev), ()),
        "evidence-added": ((), tuple(e for e in after_ev if e not in before_ev)),
        "justification": (plain(old, "justification"), plain(new, "justification")),
        "grounds": (plain(old, "grounds"), plain(new, "grounds")),
    }
    for name in leave_out:
        values.pop(name, None)
    if old is None or new is None:  # a decision made or dropped: every field it has
        return [FieldChange(name, b, a) for name, (b, a) in values.items() if b or a]
    return [FieldChange(name, b, a) for name, (b, a) in values.items() if b != a]

