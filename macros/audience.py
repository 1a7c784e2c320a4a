"""The audience filter: what an inspector's snapshot leaves out, removed from the data before anything is rendered.

Filtering the model (not the pages) means no page, link, search entry, CSV or PDF can carry what was
removed: there is nothing left to leak. Entries that stay may point at entries that went (a public GSPR
row citing an internal document, a step recording on an internal form): every such reference, found
through the ``Ref`` marks on the model's fields, is replaced by ``WITHHELD``, which pages show as
"internal document", with no ID, no link and no text of its own.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from .derive import paths
from .model.base import Ref
from .model.checklists import BUILT_IN, INTERNAL_BUILT_IN
from .model.gspr import Evidence
from .model.handbook import Handbook

WITHHELD = "~internal"  # never a valid ID (IDs start with a letter or digit)


def for_inspector(hb: Handbook) -> Handbook:
    """A copy without internal documents, procedures, device groups and checklists, contact details or internal notes."""
    groups = [g.model_copy(update={"internal_notes": ""}) for g in hb.device_groups if g.audience != "internal"]
    kept_groups = {g.id for g in groups}
    documents = [d.model_copy(update={"internal_notes": ""}) for d in hb.documents
                 if d.audience != "internal" and (d.device_group is None or d.device_group in kept_groups)]
    procedures = [p.model_copy(update={"internal_notes": ""}) for p in hb.procedures if p.audience != "internal"]
    checklists = [c for c in hb.checklists if c.audience != "internal"]
    kept = {
        "document": {d.id for d in documents} | {p.id for p in procedures},
        "group": kept_groups,
        "checklist": {c.id for c in checklists} | (set(BUILT_IN) - set(INTERNAL_BUILT_IN)),
    }
    gone_pages = ({paths.procedure(p.id) for p in hb.procedures} - {paths.procedure(p) for p in kept["document"]}) | {
        page for g in hb.device_groups if g.id not in kept_groups for page in (paths.device_group(g.id), paths.gspr(g.id))
    } | {paths.checklist(c.id) for c in hb.checklists if c.id not in kept["checklist"]}

    def keep(kind: str, value: str) -> bool:
        if kind == "page":
            return value.partition("#")[0] not in gone_pages
        return value in kept.get(kind, (value,))

    people = hb.people.model_copy(update={"people": [
        p.model_copy(update={"contact": None, "internal_notes": ""}) for p in hb.people.people]})
    return replace(
        hb,
        company=withhold(hb.company.model_copy(update={"internal_notes": ""}), keep),
        people=people,
        prrc=withhold(hb.prrc, keep),
        documents=[withhold(d, keep) for d in documents],
        device_groups=[withhold(g, keep) for g in groups],
        gspr={k: withhold(v, keep) for k, v in hb.gspr.items() if k in kept_groups},
        procedures=[withhold(p, keep) for p in procedures],
        checklists=[withhold(c, keep) for c in checklists],
        forms=[withhold(f, keep) for f in hb.forms if f.id in kept["document"]],
    )


def withhold(obj: Any, keep: Any) -> Any:
    """``obj`` with every reference ``keep(kind, value)`` refuses replaced by WITHHELD (a page reference by None)."""
    if not isinstance(obj, BaseModel):
        return obj
    updates: dict[str, Any] = {}
    for name, kind in _fields(type(obj)):
        value = getattr(obj, name)
        if kind is None:  # a part that may hold references
            new = [withhold(v, keep) for v in value] if isinstance(value, list) else withhold(value, keep)
        elif isinstance(value, list):
            new = [v if keep(kind, v) else WITHHELD for v in value]
        elif value is None or keep(kind, value):
            new = value
        else:
            new = None if kind == "page" else WITHHELD
        if new is not value and new != value:
            updates[name] = new
    if isinstance(obj, Evidence) and updates.get("document") == WITHHELD:
        updates["section"] = ""  # the section of an internal document is internal text
    return obj.model_copy(update=updates) if updates else obj


@cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """(field, reference kind) for reference fields, (field, None) for fields holding models; others left out."""
    out = []
    for name, field in cls.model_fields.items():
        kind = _ref_kind(field.annotation, list(field.metadata))
        if kind is not None:
            out.append((name, kind))
        elif _holds_model(field.annotation):
            out.append((name, None))
    return tuple(out)


def _ref_kind(annotation: Any, metadata: list[Any]) -> str | None:
    """The Ref mark on a field, or inside it (Optional[...], list[...], nested Annotated[...])."""
    for item in [*metadata, *get_args(annotation)]:
        if isinstance(item, Ref):
            return item.kind
        kind = _ref_kind(item, []) if get_args(item) else None
        if kind is not None:
            return kind
    return None


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return get_origin(annotation) is not None and any(_holds_model(a) for a in get_args(annotation))
