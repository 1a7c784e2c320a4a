"""The audience filter: what an inspector's snapshot leaves out, removed from the data before anything is rendered.

Filtering the model (not the pages) means no page, link, search entry or PDF can carry
what was removed: there is nothing left to leak.
"""

from __future__ import annotations

from dataclasses import replace

from .model.handbook import Handbook


def for_inspector(hb: Handbook) -> Handbook:
    """A copy without internal documents, procedures, device groups and checklists, contact details or internal notes."""
    documents = [d.model_copy(update={"internal_notes": ""}) for d in hb.documents if d.audience != "internal"]
    kept_docs = {d.id for d in documents}
    groups = [g.model_copy(update={"internal_notes": ""}) for g in hb.device_groups if g.audience != "internal"]
    kept_groups = {g.id for g in groups}
    people = hb.people.model_copy(update={"people": [
        p.model_copy(update={"contact": None, "internal_notes": ""}) for p in hb.people.people]})
    return replace(
        hb,
        company=hb.company.model_copy(update={"internal_notes": ""}),
        people=people,
        documents=[d for d in documents if d.device_group is None or d.device_group in kept_groups],
        device_groups=groups,
        gspr={k: v for k, v in hb.gspr.items() if k in kept_groups},
        procedures=[p.model_copy(update={"internal_notes": ""}) for p in hb.procedures if p.audience != "internal"],
        checklists=[c for c in hb.checklists if c.audience != "internal"],
        forms=[f for f in hb.forms if f.id in kept_docs],
    )
