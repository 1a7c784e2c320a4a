"""Rules: document control (ISO 13485 4.2.4): procedures in force, reviews on time."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from .base import Context, Emit, Finding, rule


def _page(hb, doc_id: str) -> str:  # type: ignore[no-untyped-def]
    return paths.procedure(doc_id) if doc_id in hb.procs else paths.REGISTER


@rule("DOC-001", "warning", "ISO 13485:2016 4.2.4", "documents", "Styrte dokumenter er revidert i tide",
      "Controlled documents are reviewed on time")
def review_overdue(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for doc in hb.controlled.values():
        due = doc.review_due
        if doc.status == "effective" and due and due < ctx.today:
            yield emit(doc, f"{doc.id} {doc.title}: revisjon forfalt {due.isoformat()}",
                       f"{doc.id} {doc.title}: review overdue since {due.isoformat()}",
                       "Gjennomgå dokumentet og oppdater 'next_review' (eller versjon og datoer).",
                       "Review the document and update 'next_review' (or version and dates).",
                       loc=("next_review",) if doc.next_review else ("effective",), anchor=_page(hb, doc.id))


@rule("DOC-002", "warning", "ISO 13485:2016 4.2.4", "documents", "Prosedyrer er gjeldende (ikke utkast)",
      "Procedures are effective (not drafts)")
def procedure_drafts(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for proc in ctx.handbook.procedures:
        if proc.status == "draft":
            yield emit(proc, f"{proc.id} {proc.title} er et utkast", f"{proc.id} {proc.title} is a draft",
                       "Gjennomgå, godkjenn og sett 'status: effective' med 'effective'-dato.",
                       "Review, approve and set 'status: effective' with an 'effective' date.",
                       loc=("status",), anchor=paths.procedure(proc.id))
