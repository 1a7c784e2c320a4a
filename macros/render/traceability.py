"""Traceability: requirement → procedure → forms and records → evidence, and back from each document."""

from __future__ import annotations

from dataclasses import dataclass

from ..derive import paths
from ..model.handbook import Handbook
from .context import RenderContext
from .doccontrol import front_matter
from .qms import procedures_for_clause, procedures_for_element
from .text import csv_document, esc, table


@dataclass(frozen=True)
class Trace:
    kind: str  # "mdr", "art10", "iso"
    requirement: str
    title: str
    procedure: str
    forms: tuple[str, ...]
    records: tuple[str, ...]
    evidence: tuple[str, ...]


def traces(hb: Handbook, lang: str) -> list[Trace]:
    """One row per (requirement, procedure). Requirements: Art. 10(9) elements, ISO clauses, MDR references."""
    out: list[Trace] = []

    def row(kind: str, req: str, title: str, proc) -> Trace:  # type: ignore[no-untyped-def]
        forms = tuple(dict.fromkeys(f for s in proc.steps for f in s.forms))
        records = tuple(dict.fromkeys(r for s in proc.steps for r in s.records))
        return Trace(kind, req, title, proc.id, forms, records, tuple(proc.related_documents))

    for el in hb.catalogue.qms_elements:
        for proc in procedures_for_element(hb, el.id):
            out.append(row("art10", el.ref, el.title(lang), proc))
    for clause in hb.catalogue.iso13485:
        for proc in procedures_for_clause(hb, clause.clause):
            if clause.clause in proc.references.iso13485:  # the clause as cited, not every ancestor
                out.append(row("iso", f"ISO 13485:2016 {clause.clause}", clause.title(lang), proc))
    for proc in hb.effective_procedures:
        for ref in proc.references.mdr:
            out.append(row("mdr", f"MDR {ref}", "", proc))
    return out


def proofs(hb: Handbook, lang: str) -> dict[str, list[str]]:
    """Document ID → what it proves (in words), for the reverse view."""
    out: dict[str, list[str]] = {}
    kinds = {k.id: k.title(lang) for k in hb.catalogue.document_kinds}

    def t(nb: str, en: str) -> str:
        return en if lang == "en" else nb

    for proc in hb.procedures:
        for doc in proc.related_documents:
            out.setdefault(doc, []).append(t(f"Støtter {proc.id} {proc.title}", f"Supports {proc.id} {proc.title}"))
        for form in {f for s in proc.steps for f in s.forms}:
            out.setdefault(form, []).append(t(f"Skjema i {proc.id}", f"Form in {proc.id}"))
    for group_id, matrix in hb.gspr.items():
        name = hb.groups[group_id].name if group_id in hb.groups else group_id
        for row in matrix.rows:
            for ev in row.evidence:
                out.setdefault(ev.document, []).append(
                    t(f"GSPR {row.gspr} for {name}", f"GSPR {row.gspr} for {name}") + (f" (§ {ev.section})" if ev.section else ""))
    for doc in hb.documents:
        if doc.device_group and doc.device_group in hb.groups:
            out.setdefault(doc.id, []).append(t(f"{kinds.get(doc.kind, doc.kind)} for {hb.groups[doc.device_group].name} "
                                                "(vedlegg XIII §2)",
                                                f"{kinds.get(doc.kind, doc.kind)} for {hb.groups[doc.device_group].name} "
                                                "(Annex XIII §2)"))
    for appt in hb.prrc.appointments:
        for doc in [appt.contract, *(ev for e in appt.experience for ev in e.evidence),
                    appt.competence_assessment.document if appt.competence_assessment else None,
                    appt.job_description.document if appt.job_description else None]:
            if doc:
                out.setdefault(doc, []).append(t("PRRC-kvalifikasjon og utnevnelse (art. 15)",
                                                 "PRRC qualification and appointment (Art. 15)"))
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def traceability_page(ctx: RenderContext) -> str:
    ctx = ctx.at(paths.TRACEABILITY)
    t, hb = ctx.t, ctx.hb
    headings = {"art10": t("MDR artikkel 10(9): kvalitetssystemets elementer", "MDR Article 10(9): QMS elements"),
                "iso": "ISO 13485:2016", "mdr": t("MDR-henvisninger i prosedyrene", "MDR references in the procedures")}
    out = [front_matter(hide_toc=False), f"# {t('Sporbarhet', 'Traceability')}",
           esc(t("Fra krav til prosedyre, skjema, registreringer og bevis – og tilbake fra hvert dokument til det det "
                 "dokumenterer. Generert fra dataene.",
                 "From requirement to procedure, forms, records and evidence – and back from each document to what it "
                 "proves. Generated from the data.")),
           ctx.link(t("Last ned som CSV", "Download as CSV"), paths.TRACEABILITY_CSV)]
    rows = traces(hb, ctx.lang)
    for kind, heading in headings.items():
        part = [r for r in rows if r.kind == kind]
        if not part:
            continue
        out += [f"## {heading}", table(
            [t("Krav", "Requirement"), t("Prosedyre", "Procedure"), t("Skjema", "Forms"), t("Registreringer", "Records"),
             t("Bevis", "Evidence")],
            [[esc(r.requirement) + (f"<br><small>{esc(r.title)}</small>" if r.title else ""),
              ctx.link(esc(r.procedure), paths.procedure(r.procedure)),
              ", ".join(ctx.doc(f) for f in r.forms), "; ".join(esc(x) for x in r.records),
              ", ".join(ctx.doc(d) for d in r.evidence)] for r in part])]
    reverse = proofs(hb, ctx.lang)
    docs = [d for d in sorted(hb.controlled.values(), key=lambda d: d.id) if d.status != "obsolete"]
    out += [f"## {t('Hva hvert dokument dokumenterer', 'What each document proves')}", table(
        [t("Dokument", "Document"), t("Tittel", "Title"), t("Dokumenterer", "Proves")],
        [[ctx.doc(d.id), esc(d.title), "<br>".join(esc(x) for x in reverse.get(d.id, []))
          or f'<span class="hb-undecided">{esc(t("Ikke brukt som bevis", "Not cited as evidence"))}</span>']
         for d in docs])]
    return "\n\n".join(o for o in out if o) + "\n"


def traceability_csv(ctx: RenderContext) -> str:
    return csv_document(["type", "krav", "tittel", "prosedyre", "skjema", "registreringer", "bevis"], (
        [r.kind, r.requirement, r.title, r.procedure, "; ".join(map(ctx.doc_label, r.forms)), "; ".join(r.records),
         "; ".join(map(ctx.doc_label, r.evidence))]
        for r in traces(ctx.hb, ctx.lang)))
