"""Due dates: reviews, PSUR/PMS reports, management review, audits, supplier re-evaluation, the PRRC's competence
assessment and notified-body certificates.

A routine document review is one of many; the other kinds are the few dates a PRRC and the management plan
the year around (``Due.key``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.documents import add_months
from ..model.handbook import Handbook
from . import paths

ROUTINE = "review"
#: Register kinds whose review is not routine: the next one is a date the PRRC plans by.
KEY_DOCUMENT_KINDS = {"competence-assessment": ("prrc-competence", "Ny kompetansevurdering", "New competence assessment")}


@dataclass(frozen=True)
class Due:
    date: dt.date
    kind: str  # review, pms, management-review, internal-audit, supplier-evaluation, prrc-competence, certificate
    nb: str
    en: str
    page: str
    anchor: str = ""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb

    @property
    def key(self) -> bool:
        """A date that matters (not one of the routine document reviews)."""
        return self.kind != ROUTINE

    def overdue(self, today: dt.date) -> bool:
        return self.date < today


def day_text(day: dt.date, lang: str) -> str:
    """A date as the handbook writes it: 01.12.2026 in Norwegian, 2026-12-01 in English."""
    return day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y")


def overdue_by(due: dt.date, today: dt.date) -> tuple[int, int]:
    """(whole months, remaining days) from the due date to ``today``: 2026-10-15 to 2026-12-01 is (1, 16)."""
    months = (today.year - due.year) * 12 + today.month - due.month
    if add_months(due, months) > today:
        months -= 1
    return months, (today - add_months(due, months)).days


def window(today: dt.date, months: int = 12) -> tuple[dt.date, dt.date]:
    """The first and the last day of the ``months`` from ``today``: 2026-12-01 → 2027-11-30 for twelve."""
    return today, add_months(today, months) - dt.timedelta(days=1)


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
    """Everything overdue, and everything due in the ``months`` from ``today`` (the window's last day included,
    the day ``months`` later not), soonest first."""
    last = window(today, months)[1]
    out: list[Due] = []
    for doc in hb.controlled.values():
        due = doc.review_due
        if doc.status == "effective" and due and due <= last:
            page = paths.procedure(doc.id) if doc.id in hb.procs else paths.REGISTER
            anchor = "" if doc.id in hb.procs else paths.doc_anchor(doc.id)
            kind, nb, en = KEY_DOCUMENT_KINDS.get(getattr(doc, "kind", ""), (ROUTINE, "Revisjon", "Review"))
            out.append(Due(due, kind, f"{nb} ({doc.id} {doc.title})" if kind != ROUTINE else f"Revisjon av {doc.id} {doc.title}",
                           f"{en} ({doc.id} {doc.title})" if kind != ROUTINE else f"Review of {doc.id} {doc.title}",
                           page, anchor))
    for group in hb.device_groups:
        due = next_pms_due(hb, group.id)
        if due and due <= last:
            out.append(Due(due, "pms", f"PSUR for {group.name}", f"PSUR for {group.name}", paths.device_group(group.id)))
    cycle = hb.company.qms_cycle
    for field, (kind, nb, en) in CYCLE.items():
        item = getattr(cycle, field, None) if cycle else None
        if item is None:
            continue
        due = add_months(item.last, item.interval_months) if item.last else today
        if due <= last:
            page = paths.procedure(item.procedure) if item.procedure in hb.procs else paths.COMPANY
            out.append(Due(due, kind, nb, en, page))
    for cert in hb.company.notified_body_certificates:
        if cert.valid_until <= last:
            out.append(Due(cert.valid_until, "certificate", f"Sertifikatet fra {cert.body} ({cert.number}) utløper",
                           f"The certificate from {cert.body} ({cert.number}) expires", paths.COMPANY))
    return sorted(out, key=lambda d: (d.date, d.kind, d.nb))
