"""The built-in checklists, generated from the company's data: release, PRRC onboarding, inspection, yearly cycle.

Each is an ordinary Checklist model; its version is a digest of its items, so when the
data changes what the list asks, browsers start the list afresh instead of keeping old ticks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Protocol

from ..model.checklists import BUILT_IN, Checklist, ChecklistItem
from ..model.devices import DeviceGroup
from ..model.handbook import Handbook
from . import paths
from .calendar import day_text, due_dates
from .coverage import VIGILANCE, duty_procedures, procedures_for_clause, procedures_for_element
from .legal import legal_ref
from .matrix import label_points, matrix, not_fully_met

RELEASE, ONBOARDING, INSPECTION, YEARLY = BUILT_IN


def _t(lang: str, nb: str, en: str) -> str:
    return en if lang == "en" else nb


class Finding(Protocol):
    """What the inspection checklist needs of a compliance finding (rules/base.py makes them)."""

    rule: str
    severity: str
    message: str
    reference: str
    anchor: str


def _doc(hb: Handbook, doc_id: str | None, lang: str) -> str:
    """A document's ID, or "internal document" for one this reader's handbook leaves out."""
    return doc_id if doc_id in hb.controlled else _t(lang, "internt dokument", "internal document")


def _version(items: list[ChecklistItem]) -> str:
    digest = hashlib.sha256("\n".join(f"{i.id}\t{i.text}" for i in items).encode()).hexdigest()
    return "auto-" + digest[:8]


def _make(id: str, title: str, purpose: str, items: list[ChecklistItem], audience: str = "everyone") -> Checklist:
    return Checklist(id=id, title=title, version=_version(items), purpose=purpose, items=items, audience=audience)


def procedure_for(hb: Handbook, *, clauses: tuple[str, ...] = (), elements: tuple[str, ...] = ()) -> str | None:
    """The first effective procedure that covers one of these ISO clauses or Art. 10(9) elements, as the QMS map
    counts coverage (a procedure citing 7.5 covers 7.5.1)."""
    cited = {p.id for c in clauses for p in procedures_for_clause(hb, c)} | {
        p.id for e in elements for p in procedures_for_element(hb, e)}
    return next((p.id for p in hb.effective_procedures if p.id in cited), None)


def release_checklist(hb: Handbook, group: DeviceGroup, lang: str) -> Checklist:
    t = lambda nb, en: _t(lang, nb, en)  # noqa: E731
    rows = matrix(hb, group)
    not_met = [row.number for row, _ in not_fully_met(rows)]
    undecided = sum(1 for row in rows if row.open and not row.point)  # as GSPR-001 counts them
    label = label_points(rows, group.flags())
    substances = ", ".join(group.cmr_substances + group.endocrine_disruptors)
    release = procedure_for(hb, clauses=("8.2.6",))
    items = [
        ChecklistItem(id="forskrivning", requirement="MDR Art. 2(3); MDCG 2021-3 Q6",
                      procedure=procedure_for(hb, clauses=("7.2",)),
                      text=t("Skriftlig forskrivning fra autorisert forskriver er arkivert og komplett: pasientens navn "
                             "eller kode, forskriverens navn (og institusjon), utstyrets særlige egenskaper.",
                             "The written prescription from an authorised prescriber is on file and complete: patient "
                             "name or code, prescriber (and institution), the device's specific characteristics.")),
        ChecklistItem(id="produksjonsjournal", requirement="ISO 13485:2016 7.5.1, 7.5.9",
                      procedure=procedure_for(hb, clauses=("7.5.1",)),
                      text=t("Produksjonsjournalen er fullført med materialer og lotnummer.",
                             "The production record is complete, with materials and lot numbers.")),
        ChecklistItem(id="sluttkontroll", requirement="ISO 13485:2016 8.2.6", procedure=release,
                      text=t("Sluttkontrollen er utført og godkjent.", "Final inspection is done and passed.")),
        ChecklistItem(id="merking", requirement="MDR Annex I " + ", ".join(r.number for r, _ in label)
                      + "; Art. 21(1); Art. 27(1); FOR-2021-05-09-1476 § 6",
                      procedure=procedure_for(hb, clauses=("7.5.8",)) or release,
                      text=t("Merkingen er på norsk og har " + "; ".join(
                          c.says.nb + (f": {substances}" if c.from_data == "substances" else "") for _, c in label)
                          + "; og verken CE-merke eller UDI.",
                          "The label is in Norwegian and carries " + "; ".join(
                          c.says.en + (f": {substances}" if c.from_data == "substances" else "") for _, c in label)
                          + "; and neither a CE mark nor a UDI.")),
    ]
    if group.ifu.supplied:
        doc = hb.docs.get(group.ifu.document or "")
        which = _doc(hb, group.ifu.document, lang) + (t(f", versjon {doc.version}", f", version {doc.version}") if doc else "")
        items.append(ChecklistItem(
            id="bruksanvisning", requirement="MDR Annex I 23.1(d), 23.4",
            text=t(f"Gjeldende bruksanvisning følger med ({which}).", f"The current instructions for use are supplied ({which}).")
            if doc is None or doc.status == "effective" else
            t(f"Bruksanvisningen ({which}) er ikke godkjent ennå: den må være gjeldende før utstyret leveres.",
              f"The instructions for use ({which}) are not approved yet: they must be effective before the device is "
              "supplied.")))
    else:
        items.append(ChecklistItem(
            id="bruksanvisning", requirement="MDR Annex I 23.1(d)",
            text=t(f"Ingen bruksanvisning: unntaket er dokumentert ({_doc(hb, group.ifu.exemption_assessment, lang)}); nødvendig "
                   "informasjon er gitt til forskriveren.",
                   f"No instructions for use: the exemption is documented ({_doc(hb, group.ifu.exemption_assessment, lang)}); the "
                   "necessary information is given to the prescriber.")))
    items += [
        ChecklistItem(id="erklaering", requirement="MDR Annex XIII §1; Art. 52(8)",
                      procedure=procedure_for(hb, clauses=("7.5.1",)),
                      text=t("Erklæringen etter vedlegg XIII §1 er utstedt og signert, med krav som ikke er fullt "
                             "oppfylt: " + (", ".join(not_met) if not_met else "ingen") + ".",
                             "The Annex XIII §1 statement is issued and signed, listing the requirements not fully "
                             "met: " + (", ".join(not_met) if not_met else "none") + "."))
        if not undecided else
        ChecklistItem(id="erklaering", requirement="MDR Annex XIII §1; Art. 52(8)", page=paths.gspr(group.id),
                      text=t(f"Erklæringen etter vedlegg XIII §1 kan ikke utstedes ennå: {undecided} krav i "
                             "GSPR-matrisen er ikke vurdert, så ingen kan si hvilke som ikke er fullt oppfylt.",
                             f"The Annex XIII §1 statement cannot be issued yet: {undecided} requirements of the GSPR "
                             "matrix are not decided, so nobody can say which are not fully met.")),
        ChecklistItem(id="erklaering-pasient", requirement="MDR Art. 21(2)",
                      text=t("Erklæringen er gjort tilgjengelig for pasienten (følger arbeidet).",
                             "The statement is made available to the patient (goes with the device).")),
        ChecklistItem(id="erklaering-arkiv", requirement="MDR Annex XIII §4", procedure=procedure_for(hb, clauses=("4.2.5",)),
                      text=t(f"Kopi av erklæringen er arkivert med oppbevaringsfrist {group.retention_years} år fra i dag.",
                             f"A copy of the statement is filed, to be kept {group.retention_years} years from today.")),
        ChecklistItem(id="prrc-kontroll", requirement="MDR Art. 15(3)(a); MDCG 2019-7", procedure=release,
                      text=t("Kontrollene over er gjort etter kvalitetssystemet og signert av den som gjorde dem. "
                             "PRRC sørger for at de blir gjort, ved stikkprøver og revisjon av frigivelsene, og "
                             "trenger ikke kontrollere hvert arbeid selv.",
                             "The checks above were done under the quality system and signed by whoever did them. "
                             "The PRRC ensures they are done, by sampling and auditing the releases, and need not "
                             "check every device personally.")),
    ]
    return _make(f"{RELEASE}-{group.id}", t(f"Frigivelse: {group.name}", f"Release: {group.name}"),
                 t("Før utstyret forlater huset: kontrollene PRRC skal sørge for at blir gjort (MDR art. 15(3)(a)).",
                   "Before the device leaves the house: the checks the PRRC must ensure are done (MDR Art. 15(3)(a))."),
                 items)


def onboarding_checklist(hb: Handbook, lang: str, *, internal: bool = True) -> Checklist:
    """A new PRRC's reading path: the role, the procedures behind each Art. 15(3) duty (the same list the PRRC page
    shows) and the other procedures with PRRC steps, the device groups, Status and the yearly cycle, the evidence."""
    t = lambda nb, en: _t(lang, nb, en)  # noqa: E731
    appt = hb.prrc.appointments[0] if hb.prrc.appointments else None
    person = hb.persons.get(appt.person) if appt else None
    roles = person.roles if person else []
    items = [ChecklistItem(id=f"rolle-{r}", page=paths.role(r),
                           text=t(f"Les rollesiden «{hb.roles[r].title}».", f"Read the role page '{hb.roles[r].title}'."))
             for r in roles if r in hb.roles]
    duties: dict[str, list[str]] = {}  # procedure -> the duties it discharges, in the catalogue's order
    for duty in hb.catalogue.prrc.duties:
        for proc in duty_procedures(hb, duty):
            duties.setdefault(proc.id, []).append(duty.ref)
    for pid in sorted(duties):
        refs = "; ".join(dict.fromkeys(duties[pid]))
        items.append(ChecklistItem(id=f"prosedyre-{pid}", procedure=pid, requirement=refs,
                                   text=t(f"Les {pid} {hb.procs[pid].title}: slik ivaretas PRRCs oppgave ({legal_ref(refs, lang)}).",
                                          f"Read {pid} {hb.procs[pid].title}: how the PRRC's duty is discharged ({refs}).")))
    answerable = sorted({p.id for p in hb.effective_procedures for s in p.steps if s.role in roles} - set(duties))
    items += [ChecklistItem(id=f"prosedyre-{p}", procedure=p,
                            text=t(f"Les {p} {hb.procs[p].title} (PRRC har trinn i den).",
                                   f"Read {p} {hb.procs[p].title} (the PRRC has steps in it)."))
              for p in answerable]
    for group in hb.device_groups:
        items.append(ChecklistItem(id=f"gspr-{group.id}", page=paths.gspr(group.id), requirement="MDR Annex I",
                                   text=t(f"Gå gjennom GSPR-matrisen og PMS-status for {group.name}.",
                                          f"Go through the GSPR matrix and PMS status of {group.name}.")))
    vigilance = procedure_for(hb, elements=(VIGILANCE,))
    items.append(ChecklistItem(id="vigilans", procedure=vigilance, requirement="MDR Art. 87",
                               text=t("Kjenn fristene for å melde alvorlige hendelser (2, 10 og 15 dager) og hvem "
                                      "som melder når PRRC er borte.",
                                      "Know the deadlines for reporting serious incidents (2, 10 and 15 days) and who "
                                      "reports while the PRRC is away.")))
    if internal:  # the Status page is on the intranet only
        items.append(ChecklistItem(id="status", page=paths.STATUS, requirement="MDR Art. 15(3)",
                                   text=t("Gå gjennom Status-siden: åpne funn, hvem som retter dem, og hva som er forfalt.",
                                          "Go through the Status page: open findings, who fixes them, and what is overdue.")))
    items += [
        ChecklistItem(id="arshjul", page=paths.checklist(YEARLY), requirement="MDR Art. 15(3)(c); ISO 13485:2016 5.6, 8.2.4",
                      text=t("Gå gjennom årshjulet og før datoene i egen kalender: PSUR, ledelsens gjennomgang (PRRCs "
                             "skriftlige vurdering), internrevisjon og ny kompetansevurdering.",
                             "Go through the yearly cycle and put the dates in your calendar: PSUR, management review "
                             "(the PRRC's written assessment), internal audit and the next competence assessment.")),
        ChecklistItem(id="stillingsinstruks", page=paths.PRRC, requirement="MDR Art. 15; MDCG 2019-7",
                      text=t("Stillingsinstruksen er signert av begge parter.", "The job description is signed by both parties.")),
        ChecklistItem(id="kompetansevurdering", page=paths.PRRC, requirement="MDCG 2019-7",
                      text=t("Kompetansevurderingen er dokumentert.", "The competence assessment is documented.")),
        ChecklistItem(id="stedfortreder", page=f"{paths.PRRC}#stedfortreder", requirement="MDCG 2019-7",
                      text=t("Stedfortrederen er kjent med oppgavene, og kvalifikasjonen og når stedfortrederen trer "
                             "inn, er dokumentert.",
                             "The deputy knows the duties, and the deputy's qualification and when the deputy stands "
                             "in are documented."))
        if appt is not None and appt.deputy is not None else
        ChecklistItem(id="stedfortreder", page=paths.PRRC, requirement="MDCG 2019-7",
                      text=t("Det er ingen stedfortreder: avtal med ledelsen hvem som trer inn når PRRC er borte, og "
                             "dokumenter kvalifikasjonen.",
                             "There is no deputy: agree with management who stands in when the PRRC is away, and "
                             "document the deputy's qualification.")),
        ChecklistItem(id="meldekanaler", requirement="MDR Art. 87; Art. 92",
                      text=t("PRRC har tilgang til myndighetenes meldekanaler (DMP – adressen må bekreftes, den er "
                             "UVERIFISERT – og aktør-ID i EUDAMED) og til Utstyrsregisteret.",
                             "The PRRC has access to the authority's reporting channels (DMP – the address must be "
                             "confirmed, it is UNVERIFIED – and the EUDAMED Actor ID) and to Utstyrsregisteret.")),
    ]
    return _make(ONBOARDING, t("Opplæring av ny PRRC", "Onboarding a new PRRC"),
                 t("Lesesti og dokumentasjon for en ny PRRC.", "Reading path and evidence for a new PRRC."), items)


def inspection_checklist(hb: Handbook, findings: list[Finding], today: dt.date, lang: str) -> Checklist:
    t = lambda nb, en: _t(lang, nb, en)  # noqa: E731
    items = [ChecklistItem(id=f"funn-{i}-{f.rule.lower()}", requirement=f.reference, page=f.anchor or None,
                           text=t("Lukk funnet: ", "Close the finding: ") + f.message)
             for i, f in enumerate(findings, 1) if f.severity in ("error", "warning")]
    soon = due_dates(hb, today, months=3)
    items += [ChecklistItem(id=f"frist-{i}", page=d.page,
                            text=t(f"Frist {day_text(d.date, lang)}: {d.nb}", f"Due {day_text(d.date, lang)}: {d.en}"))
              for i, d in enumerate(soon, 1)]
    items += [
        ChecklistItem(id="register", page=paths.REGISTER, requirement="ISO 13485:2016 4.2.4",
                      text=t("Dokumentregisteret er oppdatert og gjeldende versjoner er tilgjengelige.",
                             "The document register is current and effective versions are at hand.")),
        ChecklistItem(id="erklaeringsarkiv", requirement="MDR Annex XIII §4",
                      text=t("Arkivet med erklæringer kan vises fram (10/15 år).", "The statement archive can be shown (10/15 years).")),
        ChecklistItem(id="prrc-tilstede", page=paths.PRRC, requirement="MDR Art. 15",
                      text=t("PRRC er tilgjengelig på tilsynsdagen.", "The PRRC is available on the day of the inspection.")),
    ]
    return _make(INSPECTION, t("Tilsynsberedskap", "Inspection readiness"),
                 t("Generert fra åpne funn og frister de neste tre månedene.",
                   "Generated from open findings and the next three months' due dates."), items)


def yearly_checklist(hb: Handbook, today: dt.date, lang: str) -> Checklist:
    t = lambda nb, en: _t(lang, nb, en)  # noqa: E731
    dues = due_dates(hb, today, months=12)
    late = [d for d in dues if d.overdue(today)]
    # Overdue first, then the dates that matter, then the routine reviews; each by date.
    ordered = late + [d for d in dues if d.key and d not in late] + [d for d in dues if not d.key and d not in late]
    items = [ChecklistItem(id=f"{d.kind}-{d.date.isoformat()}-{i}", page=d.page,
                           text=(t("FORFALT ", "OVERDUE ") if d.overdue(today) else "")
                           + f"{day_text(d.date, lang)}: {d.title(lang)}")
             for i, d in enumerate(ordered, 1)]
    for group in hb.device_groups:
        if group.device_class == "I":
            items.append(ChecklistItem(id=f"pms-rapport-{group.id}", page=paths.device_group(group.id),
                                       requirement="MDR Art. 85",
                                       text=t(f"Vurder om PMS-rapporten for {group.name} må oppdateres.",
                                              f"Decide whether the PMS report for {group.name} needs updating.")))
    if not items:  # a new company: nothing has a date yet
        items.append(ChecklistItem(id="ingen-frister", page=paths.COMPANY, requirement="ISO 13485:2016 5.6, 8.2.4",
                                   text=t("Ingen frister er registrert ennå. Før opp ledelsens gjennomgang, internrevisjon "
                                          "og leverandørvurdering under qms_cycle i company.yml, og gjeldende dokumenter "
                                          "med datoer.",
                                          "No due dates are recorded yet. Record the management review, internal audit and "
                                          "supplier evaluation under qms_cycle in company.yml, and effective documents "
                                          "with their dates.")))
    return _make(YEARLY, t("Årshjul for kvalitetssystemet", "Yearly QMS cycle"),
                 t("Det som forfaller de neste tolv månedene: først det som er forfalt, så de viktige datoene "
                   "(PSUR, ledelsens gjennomgang, internrevisjon, leverandører, sertifikat, PRRC), så "
                   "dokumentrevisjonene, hver gruppe etter dato.",
                   "What falls due in the next twelve months: first what is overdue, then the dates that matter "
                   "(PSUR, management review, internal audit, suppliers, certificate, PRRC), then the document "
                   "reviews, each group by date."), items)


def built_in_checklists(hb: Handbook, findings: list[Finding], today: dt.date, lang: str, *,
                        internal: bool = True) -> dict[str, list[Checklist]]:
    """Page id → the checklists on that page (``internal``: for the intranet, which has the Status page)."""
    return {
        RELEASE: [release_checklist(hb, g, lang) for g in hb.device_groups],
        ONBOARDING: [onboarding_checklist(hb, lang, internal=internal)],
        INSPECTION: [inspection_checklist(hb, findings, today, lang)],
        YEARLY: [yearly_checklist(hb, today, lang)],
    }
