"""Due dates: reviews, PSUR/PMS reports, management review, audits, supplier re-evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.documents import add_months
from ..model.handbook import Handbook
from . import paths


@dataclass(frozen=True)
class Due:
    date: dt.date
    kind: str  # review, pms, management-review, internal-audit, supplier-evaluation
    nb: str
    en: str
    page: str
    anchor: str = ""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb


CYCLE = {
    "management_review": ("management-review", "Ledelsens gjennomgang", "Management review"),
    "internal_audit": ("internal-audit", "Internrevisjon", "Internal audit"),
    "supplier_evaluation": ("supplier-evaluation", "Revurdering av leverandører", "Supplier re-evaluation"),
}


def next_pms_due(hb: Handbook, group_id: str) -> dt.date | None:
    """The next PSUR due date for a group (None for class I: the PMS report is updated when necessary)."""
    group = hb.groups[group_id]
    pms_rule = next(r for r in hb.catalogue.pms if r.device_class == group.device_class)
    if pms_rule.interval_months is None:
        return None
    dates = [d.effective for d in hb.group_documents(group_id)
             if d.kind == pms_rule.document and d.status == "effective" and d.effective]
    start = max(dates, default=None) or group.first_statement
    return add_months(start, pms_rule.interval_months) if start else None


def due_dates(hb: Handbook, today: dt.date, months: int = 12) -> list[Due]:
    """Everything due from the past (overdue) up to ``months`` ahead, soonest first."""
    horizon = add_months(today, months)
    out: list[Due] = []
    for doc in hb.controlled.values():
        due = doc.review_due
        if doc.status == "effective" and due and due <= horizon:
            page = paths.procedure(doc.id) if doc.id in hb.procs else paths.REGISTER
            anchor = "" if doc.id in hb.procs else paths.doc_anchor(doc.id)
            out.append(Due(due, "review", f"Revisjon av {doc.id} {doc.title}", f"Review of {doc.id} {doc.title}",
                           page, anchor))
    for group in hb.device_groups:
        due = next_pms_due(hb, group.id)
        if due and due <= horizon:
            out.append(Due(due, "pms", f"PSUR for {group.name}", f"PSUR for {group.name}", paths.device_group(group.id)))
    cycle = hb.company.qms_cycle
    for field, (kind, nb, en) in CYCLE.items():
        item = getattr(cycle, field, None) if cycle else None
        if item is None:
            continue
        due = add_months(item.last, item.interval_months) if item.last else today
        if due <= horizon:
            page = paths.procedure(item.procedure) if item.procedure in hb.procs else paths.COMPANY
            out.append(Due(due, kind, nb, en, page))
    return sorted(out, key=lambda d: (d.date, d.kind, d.nb))
