"""Rules: the quality management system as a whole (Art. 10(9)), registration, notified body."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from ..derive.calendar import day_text
from ..derive.coverage import iso_anchor, nearest_procedure, related, uncovered_clauses
from ..derive.legal import legal_ref
from .base import Context, Emit, Finding, rule


@rule("QMS-001", "error", "MDR Art. 10(9)", "qms",
      "Hvert element i art. 10(9) er dekket av en gjeldende prosedyre",
      "Every Art. 10(9) element is covered by an effective procedure")
def qms_elements_covered(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    covered = {e for p in hb.procedures if p.status == "effective" for e in p.references.qms_elements}
    for element in hb.catalogue.qms_elements:
        if element.applies_to_custom_made and element.id not in covered:
            drafts = [p.id for p in hb.procedures if element.id in p.references.qms_elements]
            yield emit(
                (str(hb.data_dir / "procedures"), 0, 0),
                f"{legal_ref(element.ref, 'nb')} ({element.title.nb}) er ikke dekket av noen gjeldende prosedyre"
                + (f" (bare utkast: {', '.join(drafts)})" if drafts else ""),
                f"{element.ref} ({element.title.en}) is not covered by any effective procedure"
                + (f" (drafts only: {', '.join(drafts)})" if drafts else ""),
                f"Før opp '{element.id}' under references.qms_elements i en gjeldende prosedyre.",
                f"List '{element.id}' under references.qms_elements in an effective procedure.",
                anchor=paths.COMPANY)


@rule("QMS-002", "warning", "EN ISO 13485:2016 1, 4.1.1; MDR Art. 10(9)", "qms",
      "Hvert krav i ISO 13485 er dekket av en gjeldende prosedyre eller begrunnet unntatt",
      "Every ISO 13485 clause is covered by an effective procedure or excluded with a justification")
def iso_clauses_covered(ctx: Context, emit: Emit) -> Iterator[Finding]:
    """The QMS map's red cells, as findings: one per gap (a clause whose parent is a gap is part of that gap).

    The finding points at where the clause most likely belongs: a draft citing it, or else the effective
    procedure citing the clauses beside it; with neither, at the procedures folder."""
    hb = ctx.handbook
    for clause in uncovered_clauses(hb):
        number = clause.clause
        inside = [c.clause for c in hb.catalogue.iso13485 if c.clause.startswith(number + ".")]
        drafts = [p for p in hb.procedures if p.status == "draft" and any(related(number, r) for r in p.references.iso13485)]
        home = drafts[0] if drafts else nearest_procedure(hb, number)
        if home is None:
            where_nb, where_en = "prosedyren som beskriver hvordan kravet oppfylles", "the procedure that describes how it is met"
        elif home.status == "draft":
            where_nb, where_en = f"{home.id} og sett den i kraft", f"{home.id} and make it effective"
        else:
            where_nb = f"{home.id} (den gjeldende prosedyren som dekker kravene ved siden av)"
            where_en = f"{home.id} (the effective procedure covering the clauses beside it)"
        if number.split(".")[0] in ("6", "7", "8"):  # ISO 13485 clause 1: only these may be excluded
            or_nb = " Gjelder kravet ikke for virksomheten, før det opp under iso13485_exclusions i company.yml med begrunnelse."
            or_en = (" If the clause does not apply to the company, list it under iso13485_exclusions in company.yml "
                     "with a justification.")
        else:
            or_nb, or_en = " Krav i kapittel 4 og 5 kan ikke unntas.", " Clauses in chapters 4 and 5 cannot be excluded."
        draft_ids = ", ".join(p.id for p in drafts)
        yield emit(
            home.references if home else (str(hb.data_dir / "procedures"), 0, 0),
            f"ISO 13485 {number} ({clause.title.nb})" + (f" (med {inside[0]}–{inside[-1]})" if inside else "")
            + " er ikke dekket av noen gjeldende prosedyre og er ikke unntatt"
            + (f" (bare utkast: {draft_ids})" if drafts else ""),
            f"ISO 13485 {number} ({clause.title.en})" + (f" (with {inside[0]}–{inside[-1]})" if inside else "")
            + " is not covered by any effective procedure and is not excluded"
            + (f" (drafts only: {draft_ids})" if drafts else ""),
            f"Før opp '{number}' under references.iso13485 i {where_nb}.{or_nb}",
            f"List '{number}' under references.iso13485 in {where_en}.{or_en}",
            loc=("iso13485",) if home else (), anchor=f"{paths.COMPANY}#{iso_anchor(number)}")


@rule("REG-001", "error", "FOR-2021-05-09-1476 (Utstyrsregisteret; § UNVERIFIED)", "qms",
      "Virksomheten er registrert i Utstyrsregisteret", "The company is registered in Utstyrsregisteret")
def registered(ctx: Context, emit: Emit) -> Iterator[Finding]:
    company = ctx.handbook.company
    if not company.utstyrsregisteret.registered:
        yield emit(company.utstyrsregisteret,
                   "Virksomheten er ikke registrert i Utstyrsregisteret",
                   "The company is not registered in Utstyrsregisteret",
                   "Registrer virksomheten og utstyret hos DMP og før inn referanse og dato.",
                   "Register the company and its devices with DMP and record the reference and date.",
                   loc=("registered",), anchor=paths.COMPANY)
    elif not company.utstyrsregisteret.reference.strip() or company.utstyrsregisteret.date is None:
        missing = [f for f in ("reference", "date") if not getattr(company.utstyrsregisteret, f)]
        yield emit(company.utstyrsregisteret,
                   f"Registreringen i Utstyrsregisteret mangler {' og '.join(missing)}",
                   f"The registration in Utstyrsregisteret lacks {' and '.join(missing)}",
                   "Før inn referansen og datoen fra DMPs bekreftelse, så en inspektør kan slå den opp.",
                   "Record the reference and date from DMP's confirmation, so an inspector can look it up.",
                   loc=("registered",), anchor=paths.COMPANY)


@rule("NB-001", "error", "MDR Art. 52(8) second subparagraph; Art. 120(3f)", "qms",
      "Implanterbart klasse III-utstyr krever sertifikat fra meldt organ",
      "Class III implantable devices need a notified-body certificate")
def notified_body(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    company = hb.company
    valid = [c for c in company.notified_body_certificates if c.valid_until >= ctx.today]
    claim = company.notified_body_transition
    transitions = {t.id: t for t in hb.catalogue.transitions}
    for group in hb.device_groups:
        if valid or not (group.device_class == "III" and group.characteristics.implantable):
            continue
        rule = transitions.get(claim.provision) if claim else None
        if claim and rule and rule.device_class == group.device_class and rule.implantable:
            met = claim.application_lodged <= rule.application_by and claim.agreement_signed is not None \
                and claim.agreement_signed <= rule.agreement_by
            if met and ctx.today <= rule.ends:
                yield emit(claim, f"{group.name}: bygger på overgangsregelen i {legal_ref(rule.ref, 'nb')} uten sertifikat; den "
                           f"gjelder bare til {day_text(rule.ends, 'nb')}",
                           f"{group.name}: relies on the transitional provision in {rule.ref} without a certificate; "
                           f"it only applies until {rule.ends.isoformat()}",
                           "Få sertifikatet før fristen og før det opp under notified_body_certificates.",
                           "Obtain the certificate before the deadline and record it under notified_body_certificates.",
                           area=group.id, anchor=paths.device_group(group.id), severity="warning")
                continue
            ref_nb = legal_ref(rule.ref, "nb")
            why_nb = (f"overgangsregelen i {ref_nb} utløp {day_text(rule.ends, 'nb')}" if met else
                      f"vilkårene i {ref_nb} er ikke oppfylt (søknad innen {day_text(rule.application_by, 'nb')}, "
                      f"skriftlig avtale innen {day_text(rule.agreement_by, 'nb')})")
            why_en = (f"the transitional provision in {rule.ref} ended on {rule.ends.isoformat()}" if met else
                      f"the conditions of {rule.ref} are not met (application by {rule.application_by.isoformat()}, "
                      f"written agreement by {rule.agreement_by.isoformat()})")
        else:
            why_nb = why_en = ""
        yield emit(group, f"{group.name}: implanterbart klasse III-utstyr uten gyldig sertifikat fra meldt organ "
                   "(vedlegg IX kap. I eller vedlegg XI del A)" + (f"; {why_nb}" if why_nb else ""),
                   f"{group.name}: class III implantable device without a valid notified-body certificate "
                   "(Annex IX ch. I or Annex XI part A)" + (f"; {why_en}" if why_en else ""),
                   "Før opp sertifikatet under notified_body_certificates i company.yml. Uten det kan utstyret ikke "
                   "bringes i omsetning.",
                   "Record the certificate under notified_body_certificates in company.yml. Without it the device may "
                   "not be placed on the market.",
                   loc=("device_class",), area=group.id, anchor=paths.device_group(group.id))


def valid_org_number(number: str) -> bool:
    """Norwegian organisation number: nine digits, mod-11 check digit (weights 3,2,7,6,5,4,3,2)."""
    digits = number.replace(" ", "")
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[8])


@rule("REG-002", "warning", "Enhetsregisterloven", "qms", "Organisasjonsnummeret er gyldig",
      "The organisation number is valid")
def org_number(ctx: Context, emit: Emit) -> Iterator[Finding]:
    company = ctx.handbook.company
    if not valid_org_number(company.organisation_number):
        yield emit(company, f"Organisasjonsnummeret «{company.organisation_number}» er ikke gyldig",
                   f"The organisation number '{company.organisation_number}' is not valid",
                   "Skriv de ni sifrene fra Enhetsregisteret.", "Enter the nine digits from the register of legal entities.",
                   loc=("organisation_number",), anchor=paths.COMPANY)


PLACEHOLDER = "fyll inn"


def _placeholders(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, str) and PLACEHOLDER in value.lower():
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(item, (*path, i))


@rule("TODO-001", "warning", "ISO 13485:2016 4.2", "documents", "Ingen plassholdere står igjen i dataene",
      "No placeholders are left in the data")
def placeholders(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    groups, procs = {g.id for g in hb.device_groups}, {p.id for p in hb.procedures}
    for entry in [hb.company, *hb.people.people, *hb.device_groups, *hb.procedures, *hb.documents]:
        if PLACEHOLDER not in entry.model_dump_json().lower():  # the common case, without walking the entry
            continue
        # Which entry, as a reader knows it, and its page; the field is for whoever edits the data.
        ident = getattr(entry, "id", "")
        name = " ".join(x for x in (ident if ident in procs or ident not in groups else "",
                                    getattr(entry, "title", "") or getattr(entry, "name", "")) if x)
        page = (paths.procedure(ident) if ident in procs else paths.device_group(ident) if ident in groups
                else paths.REGISTER if entry in hb.documents else paths.COMPANY)
        for path in _placeholders(entry.model_dump(mode="json")):
            field = ".".join(str(p) for p in path)
            yield emit(entry, f"{name}: plassholderen «{PLACEHOLDER}» står fortsatt i dataene ({field})",
                       f"{name}: the placeholder '{PLACEHOLDER}' is still in the data ({field})",
                       "Erstatt plassholderen med virksomhetens egne opplysninger.",
                       "Replace the placeholder with the company's own information.", loc=path, anchor=page)
