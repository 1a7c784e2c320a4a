"""Rules: the person responsible for regulatory compliance (MDR Art. 15, MDCG 2019-7)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue.model import EXPERIENCE_KIND_LABELS
from ..derive import paths
from ..derive.legal import legal_ref
from .base import Context, Emit, Finding, rule


def _kinds(kinds: list[str], lang: int) -> str:
    words = [EXPERIENCE_KIND_LABELS[k][lang] for k in kinds]
    return ", ".join(words[:-1]) + (f" {('eller', 'or')[lang]} " if len(words) > 1 else "") + words[-1]


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
    routes = {r.id: r for r in ctx.handbook.catalogue.prrc.routes}
    for appt in ctx.handbook.prrc.appointments:
        route = routes[appt.route]
        years, kinds = route.years_required, route.experience_kinds
        if route.needs_degree and not appt.degree:
            yield emit(appt, "Kvalifikasjon via utdanning, men ingen grad er oppgitt",
                       "Qualification by degree, but no degree is given",
                       "Oppgi graden under 'degree'.", "Give the degree under 'degree'.", loc=("route",),
                       anchor=paths.PRRC)
        if not appt.has_years(ctx.today, years, kinds):
            have = appt.experience_years(ctx.today, kinds, evidenced_only=True)
            untyped = [e for e in appt.experience if not e.kinds]
            have_nb = f"{have:.1f}".replace(".", ",")
            yield emit(appt, f"PRRC har {have_nb} års dokumentert erfaring med {_kinds(kinds, 0)}; kravet er minst "
                       f"{years} år ({legal_ref(route.ref, 'nb')})",
                       f"The PRRC has {have:.1f} years of evidenced experience in {_kinds(kinds, 1)}; at least {years} "
                       f"are required ({route.ref})",
                       "Før opp erfaringen med type ('kinds') og dokumentasjon (CV, attester) under 'experience'."
                       + (f" {len(untyped)} periode(r) mangler 'kinds' og teller ikke." if untyped else ""),
                       "Record the experience with its kind ('kinds') and evidence (CV, references) under "
                       "'experience'." + (f" {len(untyped)} period(s) lack 'kinds' and do not count." if untyped else ""),
                       loc=("experience",) if appt.experience else ("route",), anchor=paths.PRRC)
        elif route.custom_made_only and appt.experience_span(ctx.today, ["regulatory", "qms"], evidenced_only=True) == (0, 0):
            yield emit(appt, "PRRCs erfaring omfatter ikke regulatoriske krav eller kvalitetsstyring; MDCG 2019-7 sier "
                       "at den bør gjøre det",
                       "The PRRC's experience does not cover regulatory affairs or quality management; MDCG 2019-7 "
                       "says it should", "Dokumenter slik erfaring eller opplæring, eller begrunn vurderingen.",
                       "Evidence such experience or training, or justify the assessment.",
                       loc=("experience",) if appt.experience else ("route",), anchor=paths.PRRC, severity="notice")


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


@rule("PRRC-006", "warning", "MDR Art. 15; MDCG 2019-7 (good practice)", "prrc", "PRRC har en stedfortreder",
      "The PRRC has a deputy")
def deputy(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        if not appt.deputy:
            yield emit(appt, "Ingen stedfortreder for PRRC", "No deputy for the PRRC",
                       "Før opp en stedfortreder under 'deputy'.", "Name a deputy under 'deputy'.",
                       loc=("person",), anchor=paths.PRRC)


@rule("PRRC-007", "warning", "MDR Art. 15; MDCG 2019-7", "prrc",
      "Stedfortrederen for PRRC har dokumentert kvalifikasjon",
      "The PRRC's deputy has a documented qualification")
def deputy_qualified(ctx: Context, emit: Emit) -> Iterator[Finding]:
    """A substitute acts as the PRRC while standing in, and so needs the PRRC's competence (MDCG 2019-7)."""
    hb = ctx.handbook
    routes = {r.id: r for r in hb.catalogue.prrc.routes}
    for appt in hb.prrc.appointments:
        deputy = appt.deputy
        if deputy is None:
            continue
        name = hb.persons[deputy.person].name if deputy.person in hb.persons else deputy.person
        route = routes.get(deputy.route) if deputy.route else None
        if route is not None and (deputy.degree or not route.needs_degree) and deputy.has_years(
                ctx.today, route.years_required, route.experience_kinds):
            continue
        if deputy.qualification.strip() and deputy.evidence:
            continue
        if route is not None:
            have = deputy.experience_years(ctx.today, route.experience_kinds, evidenced_only=True)
            why_nb = (f"{have:.1f}".replace(".", ",") + f" års dokumentert erfaring med {_kinds(route.experience_kinds, 0)}; "
                      f"kravet er minst {route.years_required} år ({legal_ref(route.ref, 'nb')})")
            why_en = (f"{have:.1f} years of evidenced experience in {_kinds(route.experience_kinds, 1)}; at least "
                      f"{route.years_required} are required ({route.ref})")
            if route.needs_degree and not deputy.degree:
                why_nb, why_en = "ingen grad er oppgitt", "no degree is given"
        elif deputy.qualification.strip():
            why_nb, why_en = "vurderingen er ikke underbygget av noe dokument", "the statement cites no document"
        else:
            why_nb, why_en = "ingen kvalifikasjon er dokumentert", "no qualification is documented"
        yield emit(deputy, f"Stedfortreder for PRRC ({name}): {why_nb}", f"The PRRC's deputy ({name}): {why_en}",
                   "Før opp stedfortrederens kvalifikasjon under 'deputy': enten 'route' med erfaring og dokumentasjon "
                   "som for PRRC, eller 'qualification' (kort vurdering) med 'evidence' (kompetansevurdering, CV).",
                   "Record the deputy's qualification under 'deputy': either 'route' with experience and evidence, "
                   "as for the PRRC, or 'qualification' (a short assessment) with 'evidence' (competence assessment, CV).",
                   loc=("person",), anchor=paths.PRRC + "#stedfortreder")


@rule("PRRC-008", "notice", "MDR Art. 15; MDCG 2019-7 (good practice)", "prrc",
      "Det er beskrevet når stedfortrederen trer inn", "When the deputy stands in is described")
def deputy_availability(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for appt in ctx.handbook.prrc.appointments:
        if appt.deputy is not None and not appt.deputy.availability.strip():
            yield emit(appt.deputy, "Det står ikke når stedfortrederen for PRRC trer inn, eller med hvilket varsel",
                       "It is not stated when the PRRC's deputy stands in, or at what notice",
                       "Beskriv under 'deputy.availability' når stedfortrederen trer inn (for eksempel ved PRRCs "
                       "fravær) og hvordan og med hvilket varsel.",
                       "Describe under 'deputy.availability' when the deputy stands in (e.g. during the PRRC's "
                       "absence), and how and at what notice.", loc=("person",), anchor=paths.PRRC + "#stedfortreder")


SIZE_NAMES = {"micro": ("svært liten", "micro"), "small": ("liten", "small"), "medium": ("mellomstor", "medium-sized"),
              "large": ("stor", "large")}
ORDER = ["micro", "small", "medium", "large"]


@rule("SIZE-001", "error", "MDR Art. 15(2); Recommendation 2003/361/EC", "prrc",
      "Oppgitt virksomhetsstørrelse stemmer med ansatte, omsetning og balanse",
      "The declared enterprise size matches staff, turnover and balance sheet")
def enterprise_size(ctx: Context, emit: Emit) -> Iterator[Finding]:
    """Only micro and small enterprises may have a PRRC at disposal: the declaration that allows it is checked."""
    hb = ctx.handbook
    company, ceilings = hb.company, hb.catalogue.prrc.enterprise_sizes
    declared = company.enterprise_size
    if declared not in hb.catalogue.prrc.at_disposal_sizes:
        return  # a larger declaration grants nothing
    name = SIZE_NAMES[declared]
    if company.employees is None:
        yield emit(company, f"Virksomheten er oppgitt som {name[0]}, men antall ansatte er ikke oppgitt",
                   f"The company is declared {name[1]}, but the number of staff is not given",
                   "Før opp 'employees' (årsverk) og 'turnover_eur' eller 'balance_sheet_eur'.",
                   "Record 'employees' (annual work units) and 'turnover_eur' or 'balance_sheet_eur'.",
                   loc=("enterprise_size",), anchor=paths.COMPANY, severity="warning")
        return
    by_staff = next((c.size for c in ceilings if company.employees < c.staff_below), "large")
    money = [(c.size, c) for c in ceilings
             if (company.turnover_eur is not None and company.turnover_eur <= c.turnover_eur)
             or (company.balance_sheet_eur is not None and company.balance_sheet_eur <= c.balance_sheet_eur)]
    given = company.turnover_eur is not None or company.balance_sheet_eur is not None
    by_money = money[0][0] if money else ("large" if given else None)
    actual = max(by_staff, by_money or by_staff, key=ORDER.index)
    if ORDER.index(actual) > ORDER.index(declared):
        why_nb = f"{company.employees} ansatte" if actual == by_staff else "omsetning og balanse over grensen"
        why_en = f"{company.employees} staff" if actual == by_staff else "turnover and balance sheet above the ceiling"
        yield emit(company, f"Virksomheten er oppgitt som {name[0]}, men er {SIZE_NAMES[actual][0]} ({why_nb})",
                   f"The company is declared {name[1]}, but is {SIZE_NAMES[actual][1]} ({why_en})",
                   "Rett 'enterprise_size'. Er PRRC til rådighet etter avtale, må virksomheten utpeke en ansatt PRRC.",
                   "Correct 'enterprise_size'. If the PRRC is at disposal by contract, appoint an employed PRRC.",
                   loc=("enterprise_size",), anchor=paths.COMPANY)
    elif not given:
        yield emit(company, f"Virksomheten er oppgitt som {name[0]}; antall ansatte stemmer, men uten omsetning eller "
                   "balanse kan størrelsen ikke bekreftes",
                   f"The company is declared {name[1]}; the staff count fits, but without turnover or balance sheet "
                   "the size cannot be confirmed",
                   "Før opp 'turnover_eur' eller 'balance_sheet_eur' fra siste årsregnskap (omregnet til euro).",
                   "Record 'turnover_eur' or 'balance_sheet_eur' from the last accounts (converted to euro).",
                   loc=("enterprise_size",), anchor=paths.COMPANY, severity="notice")
