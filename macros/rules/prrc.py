"""Rules: the person responsible for regulatory compliance (MDR Art. 15, MDCG 2019-7)."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from .base import Context, Emit, Finding, rule

YEARS = {"custom-made": 2, "degree": 1, "experience": 4}


@rule("PRRC-001", "error", "MDR Art. 15(1)", "prrc", "En PRRC er utpekt", "A PRRC is appointed")
def appointed(ctx: Context, emit: Emit) -> Iterator[Finding]:
    prrc = ctx.handbook.prrc
    if not [a for a in prrc.appointments if a.start <= ctx.today]:
        yield emit(prrc, "Ingen PRRC er utpekt", "No PRRC is appointed",
                   "Før opp utnevnelsen i prrc.yml (person, ordning, startdato, kvalifikasjon).",
                   "Record the appointment in prrc.yml (person, arrangement, start date, qualification).",
                   loc=("appointments",), anchor=paths.PRRC)


@rule("PRRC-002", "error", "MDR Art. 15(1)-(2)", "prrc",
      "PRRC i egen organisasjon, unntatt svært små og små bedrifter",
      "PRRC in-house unless the company is micro or small")
def arrangement(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    allowed = hb.catalogue.prrc.at_disposal_sizes
    for appt in hb.prrc.appointments:
        if appt.arrangement == "at-disposal" and hb.company.enterprise_size not in allowed:
            yield emit(appt, f"PRRC er «til rådighet» etter avtale, men virksomheten er {hb.company.enterprise_size}; "
                       "bare svært små og små bedrifter kan det",
                       f"The PRRC is 'at disposal' by contract, but the company is {hb.company.enterprise_size}; "
                       "only micro and small enterprises may do that",
                       "Utpek en PRRC som er ansatt i virksomheten.", "Appoint a PRRC employed by the company.",
                       loc=("arrangement",), anchor=paths.PRRC)


@rule("PRRC-003", "error", "MDR Art. 15(1); MDCG 2019-7", "prrc",
      "PRRC oppfyller kvalifikasjonskravet", "The PRRC meets the qualification requirement")
def qualified(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        years = YEARS[appt.route]
        if appt.route == "degree" and not appt.degree:
            yield emit(appt, "Kvalifikasjon via utdanning, men ingen grad er oppgitt",
                       "Qualification by degree, but no degree is given",
                       "Oppgi graden under 'degree'.", "Give the degree under 'degree'.", loc=("route",),
                       anchor=paths.PRRC)
        if not appt.has_years(ctx.today, years):
            have = appt.experience_days(ctx.today, evidenced_only=True) / 365.25
            yield emit(appt, f"PRRC har {have:.1f} års dokumentert relevant erfaring; kravet er minst {years} år",
                       f"The PRRC has {have:.1f} years of evidenced relevant experience; at least {years} are required",
                       "Før opp erfaringen med dokumentasjon (CV, attester) under 'experience'.",
                       "Record the experience with evidence (CV, references) under 'experience'.",
                       loc=("experience",) if appt.experience else ("route",), anchor=paths.PRRC)


@rule("PRRC-004", "error", "MDCG 2019-7", "prrc", "Kompetansevurdering er dokumentert",
      "The competence assessment is documented")
def competence(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        if appt.competence_assessment is None:
            yield emit(appt, "Kompetansevurderingen av PRRC mangler", "The PRRC's competence assessment is missing",
                       "Dokumenter vurderingen (skjema) og før den opp under 'competence_assessment'.",
                       "Document the assessment (form) and record it under 'competence_assessment'.",
                       loc=("person",), anchor=paths.PRRC)


@rule("PRRC-005", "error", "MDR Art. 15; MDCG 2019-7", "prrc", "Stillingsinstruksen er signert av begge parter",
      "The job description is signed by both parties")
def job_description(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        jd = appt.job_description
        if jd is None or not (jd.signed_by_company and jd.signed_by_prrc):
            missing = ("stillingsinstruks", "job description") if jd is None else ("signatur fra begge parter",
                                                                                 "signatures of both parties")
            yield emit(jd or appt, f"PRRC: mangler {missing[0]}", f"PRRC: {missing[1]} missing",
                       "Få instruksen signert av virksomheten og PRRC og før opp datoene.",
                       "Have the job description signed by the company and the PRRC and record the dates.",
                       loc=() if jd else ("person",), anchor=paths.PRRC)


@rule("PRRC-006", "warning", "MDR Art. 15; MDCG 2019-7 (god praksis)", "prrc", "PRRC har en stedfortreder",
      "The PRRC has a deputy")
def deputy(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        if not appt.deputy:
            yield emit(appt, "Ingen stedfortreder for PRRC", "No deputy for the PRRC",
                       "Før opp en stedfortreder under 'deputy'.", "Name a deputy under 'deputy'.",
                       loc=("person",), anchor=paths.PRRC)
