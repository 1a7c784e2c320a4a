"""Traceability: requirement → procedure → forms and records → evidence, and back from each document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..derive import paths
from ..derive.coverage import procedures_for_clause, procedures_for_element
from ..derive.legal import legal_ref
from ..derive.matrix import numbers
from ..model.handbook import Handbook
from .context import RenderContext
from .doccontrol import front_matter
from .tables import Select, cell, cell_list, doc_link, filter_bar, group, row, table
from .text import csv_document, esc


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
    parts = {p.id: (tuple(p.forms), tuple(dict.fromkeys(r for s in p.steps for r in s.records)),
                    tuple(p.related_documents)) for p in hb.procedures}

    def trace(kind: str, req: str, title: str, proc) -> Trace:  # type: ignore[no-untyped-def]
        return Trace(kind, req, title, proc.id, *parts[proc.id])

    for el in hb.catalogue.qms_elements:
        for proc in procedures_for_element(hb, el.id):
            out.append(trace("art10", el.ref, el.title(lang), proc))
    for clause in hb.catalogue.iso13485:
        for proc in procedures_for_clause(hb, clause.clause):
            if clause.clause in proc.references.iso13485:  # the clause as cited, not every ancestor
                out.append(trace("iso", f"ISO 13485:2016 {clause.clause}", clause.title(lang), proc))
    titles = requirement_titles(hb, lang)
    for proc in hb.effective_procedures:
        for ref in proc.references.mdr:
            out.append(trace("mdr", f"MDR {ref}", title_of(f"MDR {ref}", titles), proc))
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
        for form in proc.forms:
            out.setdefault(form, []).append(t(f"Skjema i {proc.id}", f"Form in {proc.id}"))
    for group_id, matrix in hb.gspr.items():
        name = hb.groups[group_id].name if group_id in hb.groups else group_id
        for gspr_row in matrix.rows:
            for ev in gspr_row.evidence:
                out.setdefault(ev.document, []).append(
                    f"GSPR {gspr_row.gspr} for {name}" + (f" (§ {ev.section})" if ev.section else ""))
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


SCOPE = "hb-trace"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def natural(ref: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that reads references as a person does: Art. 2 < Art. 10, Annex IX < Annex XIII, 7.5.2 < 7.5.10."""
    words = re.findall(r"\d+|[A-Za-z]+", ref)
    return tuple((0, int(w), "") if w.isdigit() else
                 (0, _roman(w), "") if i and words[i - 1] == "Annex" and set(w) <= set(_ROMAN) else (1, 0, w.lower())
                 for i, w in enumerate(words))


def source(requirement: str) -> str:
    """Where a requirement comes from: an MDR article, an MDR annex, or ISO 13485."""
    if requirement.startswith("ISO"):
        return "iso"
    return "mdr-article" if requirement.startswith("MDR Art") else "mdr-annex"


def requirement_titles(hb: Handbook, lang: str) -> dict[str, str]:
    """What an MDR reference is about, as the catalogue says it: the provisions' titles, then the more specific
    ones of Annex I's requirements, points and sections, Annex XIII's sections and the Art. 10(9) elements."""
    cat = hb.catalogue
    out = {p.ref: p.title(lang) for p in cat.provisions}
    out.update({f"MDR Annex I {s.number}": s.title(lang) for s in cat.gspr.sections})
    out.update({f"MDR Annex I {number}": entry.title(lang) for number, entry, _ in numbers(cat.gspr)})
    out.update({s.ref: s.title(lang) for s in cat.annex13.sections})
    out.update({el.ref: el.title(lang) for el in cat.qms_elements})
    return out


_PARENT = re.compile(r"^(.*\S)(?:\([^()]*\)|\s*§\s*[\d.]+|\.\d+)$")


def title_of(ref: str, titles: dict[str, str]) -> str:
    """The title of ``ref``, or of the nearest provision above it: Art. 83(4) → Art. 83, Annex III §1.1(b) →
    Annex III §1.1 → Annex III. Empty when the catalogue knows none."""
    while ref not in titles:
        parent = _PARENT.match(ref)
        if not parent:
            return ""
        ref = parent.group(1)
    return titles[ref]


@dataclass(frozen=True)
class Requirement:
    """One requirement with every procedure that meets it (a reference cited both as an Art. 10(9) element and in a
    procedure's MDR references is one requirement)."""

    source: str
    ref: str
    title: str
    procedures: tuple[str, ...]


def requirements(hb: Handbook, lang: str) -> list[Requirement]:
    merged: dict[str, tuple[str, dict[str, None]]] = {}
    for tr in traces(hb, lang):
        merged.setdefault(tr.requirement, (tr.title, {}))[1][tr.procedure] = None
    return sorted((Requirement(source(ref), ref, title, tuple(sorted(procs))) for ref, (title, procs) in merged.items()),
                  key=lambda r: natural(r.ref))


def traceability_page(ctx: RenderContext) -> str:
    """Requirement → procedure (in three groups by source), procedure → forms, records and evidence, and document →
    what it proves; titles beside every ID, under one filter. The CSV keeps one line per requirement and procedure."""
    ctx = ctx.at(paths.TRACEABILITY)
    t, hb = ctx.t, ctx.hb
    reqs = requirements(hb, ctx.lang)
    parts: list[str] = []
    total = 0
    req_labels = [t("Krav", "Requirement"), t("Prosedyrer", "Procedures")]
    for key, title in (("mdr-article", t("Krav i MDR-artiklene", "Requirements in the MDR articles")),
                       ("mdr-annex", t("Krav i MDR-vedleggene", "Requirements in the MDR annexes")),
                       ("iso", t("Krav i ISO 13485:2016", "Requirements in ISO 13485:2016"))):
        rows = [row([cell(req_labels[0], f'<strong class="hb-ref">{ctx.ref(r.ref)}</strong>' + (f"<br>{esc(r.title)}" if r.title else "")),
                     cell(req_labels[1], cell_list(doc_link(ctx, p) for p in r.procedures))], data={"part": key})
                for r in reqs if r.source == key]
        if rows:
            total += len(rows)
            parts.append(group(ctx, f"trace-{key}", esc(title), len(rows),
                               table(req_labels, rows, widths=(55, 45), caption=title)))
    by_proc: dict[str, Trace] = {}
    for tr in traces(hb, ctx.lang):
        by_proc.setdefault(tr.procedure, tr)
    proc_labels = [t("Prosedyre", "Procedure"), t("Skjema", "Forms"), t("Registreringer", "Records"), t("Bevis", "Evidence")]
    rows = [row([cell(proc_labels[0], doc_link(ctx, tr.procedure)), cell(proc_labels[1], cell_list(doc_link(ctx, f) for f in tr.forms)),
                 cell(proc_labels[2], cell_list(esc(x) for x in tr.records)),
                 cell(proc_labels[3], cell_list(doc_link(ctx, d) for d in tr.evidence))], data={"part": "procedures"})
            for _, tr in sorted(by_proc.items())]
    if rows:
        total += len(rows)
        title = t("Prosedyrene: skjema, registreringer og bevis", "The procedures: forms, records and evidence")
        parts.append(group(ctx, "trace-procedures", esc(title), len(rows),
                           table(proc_labels, rows, widths=(24, 27, 22, 27), caption=title)))
    reverse = proofs(hb, ctx.lang)
    docs = [d for d in sorted(hb.controlled.values(), key=lambda d: d.id) if d.status != "obsolete"]
    doc_labels = [t("Dokument", "Document"), t("Dokumenterer", "Proves")]
    unused = f'<span class="hb-undecided">{esc(t("Ikke brukt som bevis", "Not cited as evidence"))}</span>'
    rows = [row([cell(doc_labels[0], doc_link(ctx, d.id)),
                 cell(doc_labels[1], cell_list(esc(x) for x in reverse.get(d.id, [])) if reverse.get(d.id) else unused)],
                data={"part": "documents"}) for d in docs]
    if rows:
        total += len(rows)
        title = t("Hva hvert dokument dokumenterer", "What each document proves")
        parts.append(group(ctx, "trace-documents", esc(title), len(rows),
                           table(doc_labels, rows, widths=(40, 60), caption=title)))
    present = set(re.findall(r'data-part="([^"]+)"', "".join(parts)))  # a part with no rows is not offered
    show = Select("part", t("Vis", "Show"), [(key, label) for key, label in [
        ("mdr-article", t("Krav i MDR-artiklene", "Requirements in the MDR articles")),
        ("mdr-annex", t("Krav i MDR-vedleggene", "Requirements in the MDR annexes")),
        ("iso", t("Krav i ISO 13485:2016", "Requirements in ISO 13485:2016")),
        ("procedures", t("Prosedyrene: skjema, registreringer og bevis", "The procedures: forms, records and evidence")),
        ("documents", t("Hva hvert dokument dokumenterer", "What each document proves"))] if key in present])
    bar = filter_bar(ctx, SCOPE, label=t("Filtrer sporbarheten", "Filter the traceability"),
                     search=t("Søk etter krav, ID eller tittel", "Search by requirement, ID or title"),
                     noun=t("rader", "rows"), total=total, selects=[show])
    out = [front_matter(hide_toc=True, title=t("Sporbarhet", "Traceability")), f"# {t('Sporbarhet', 'Traceability')}",
           esc(t("Fra krav til prosedyre, og fra prosedyre til skjema, registreringer og bevis – og tilbake fra hvert "
                 "dokument til det det dokumenterer. Generert fra dataene.",
                 "From requirement to procedure, and from procedure to forms, records and evidence – and back from each "
                 "document to what it proves. Generated from the data.")),
           ctx.link(t("Last ned som CSV (én linje per krav og prosedyre)",
                      "Download as CSV (one line per requirement and procedure)"), paths.TRACEABILITY_CSV),
           bar, f'<div class="hb-fgroups" id="{SCOPE}">{"".join(parts)}</div>']
    return "\n\n".join(o for o in out if o) + "\n"


def traceability_csv(ctx: RenderContext) -> str:
    return csv_document(["type", "krav", "tittel", "prosedyre", "skjema", "registreringer", "bevis"], (
        [r.kind, legal_ref(r.requirement, ctx.lang), r.title, r.procedure, "; ".join(map(ctx.doc_label, r.forms)), "; ".join(r.records),
         "; ".join(map(ctx.doc_label, r.evidence))]
        for r in traces(ctx.hb, ctx.lang)))
