"""``handbook new DIR``: write a starting data set for a new company.

Every file it writes loads cleanly: placeholders are valid values marked «fyll inn», every
role is held, every GSPR row is present and undecided, every procedure is a draft. What is
left to do is then exactly what ``handbook check --data DIR`` lists.
"""

from __future__ import annotations

import argparse
import builtins
import datetime as dt
import json
import re
import shlex
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from ..catalogue import load_catalogue
from ..catalogue.model import Catalogue, Gspr, SopTemplate
from ..errors import DataErrors
from ..model.devices import Characteristics
from .schema import write_schemas

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
SCHEMA_TOKEN = "@SCHEMA@"  # replaced by the path from each data file to the repository's schema/ folder
SIZES = ("micro", "small", "medium", "large")
SIZE_ALIASES = {"svært liten": "micro", "liten": "small", "mellomstor": "medium", "stor": "large"}
CLASSES = ("I", "IIa", "IIb", "III")
WIDTH = 96  # folded text and comments are wrapped here

DEFAULT_NAME = "Virksomheten AS – fyll inn navn"
DEFAULT_ORG_NUMBER = "000 000 000"  # passes the mod-11 check; clearly not a real number
DEFAULT_SIZE = "micro"
DEFAULT_PRRC = "PRRC – fyll inn navn"
DEFAULT_GROUP = "Utstyrsgruppe – fyll inn navn"
DEFAULT_CLASS = "I"

LEADER = "daglig-leder"  # the placeholder person who holds every role but PRRC
SITE = "hovedsted"
STREET, POSTCODE, CITY = "Gateadresse (fyll inn)", "0000", "Poststed (fyll inn)"
LABEL_WORDING = "Medisinsk utstyr – individuelt tilpasset utstyr"

ROLES: tuple[tuple[str, str, str], ...] = (
    ("daglig-leder", "Daglig leder",
     "Øverste leder: kvalitetspolitikk, ressurser, ledelsens gjennomgåelse, avtaler og godkjenning av dokumenter."),
    ("kvalitetsleder", "Kvalitetsleder",
     "Ledelsens representant (ISO 13485 5.5.2): dokumentstyring, risikostyring, klinisk evaluering, PMS, klager, "
     "avvik og CAPA, internrevisjon og kontakt med DMP."),
    ("produksjonsleder", "Produksjonsleder",
     "Ordremottak, produksjon, prosessvalidering, sporbarhet, merking og sluttkontroll."),
    ("prrc", "Person med ansvar for overholdelse av regelverket (PRRC)",
     "MDR art. 15: sørger for at samsvar kontrolleres før frigivelse (ved revisjon eller stikkprøver), "
     "holder dokumentasjonen etter vedlegg XIII §2 oppdatert, "
     "sørger for at PMS-forpliktelsene oppfylles og at alvorlige hendelser meldes."),
)

Step = tuple[str, str]  # role, what to describe

#: The standard procedures written as drafts: (SOP template, short title, steps). Together they
#: reference every Art. 10(9) element that applies to custom-made devices (all but h).
PROCEDURES: tuple[tuple[str, str, tuple[Step, ...]], ...] = (
    ("sop-03", "Dokumentstyring", (
        ("kvalitetsleder", "Beskriv hvordan nye og endrede dokumenter skrives, får ID og versjon og føres i "
                           "dokumentregisteret (documents.yml)."),
        ("daglig-leder", "Beskriv hvem som gjennomgår og godkjenner dokumenter før de tas i bruk, og hvordan "
                         "godkjenningen registreres."),
        ("kvalitetsleder", "Beskriv hvordan gjeldende versjoner gjøres tilgjengelige, hvordan utgåtte dokumenter "
                           "merkes og arkiveres, og hvor ofte dokumentene gjennomgås."),
    )),
    ("sop-04", "Registreringer og oppbevaring", (
        ("kvalitetsleder", "Beskriv hvilke registreringer som føres (ordre, produksjonsjournal, sluttkontroll, "
                           "erklæring) og hvor de lagres."),
        ("kvalitetsleder", "Beskriv oppbevaringstiden (minst 10 år fra levering, 15 år for implanterbart utstyr) "
                           "og hvordan registreringene sikres mot tap."),
        ("daglig-leder", "Beskriv hvordan arkivet forblir tilgjengelig for DMP hvis virksomheten avvikles eller "
                         "går konkurs."),
    )),
    ("sop-02", "Regelverk, standarder og endringer", (
        ("prrc", "Beskriv hvordan dere holder oversikt over gjeldende krav (MDR, lov og forskrift om medisinsk "
                 "utstyr, MDCG-veiledninger, standarder) og fanger opp endringer."),
        ("kvalitetsleder", "Beskriv hvordan endringer i krav, utstyr eller prosesser vurderes før de innføres "
                           "(endringsstyring)."),
        ("kvalitetsleder", "Beskriv hvordan GSPR-matrisen for hver utstyrsgruppe (gspr/) holdes oppdatert."),
    )),
    ("sop-05", "Ledelsens ansvar og ledelsens gjennomgåelse", (
        ("daglig-leder", "Beskriv kvalitetspolitikk og kvalitetsmål, og hvordan de gjøres kjent."),
        ("daglig-leder", "Beskriv ansvar og myndighet for hver rolle (people.yml) og hvem som er ledelsens "
                         "representant."),
        ("daglig-leder", "Beskriv ledelsens gjennomgåelse: hvor ofte, hvilke data som gås gjennom (klager, avvik, "
                         "PMS, revisjoner) og hvordan beslutningene registreres."),
    )),
    ("sop-06", "Utpeking av PRRC", (
        ("daglig-leder", "Beskriv hvordan PRRC utpekes, og hvordan kvalifikasjonen dokumenteres (CV, attester) og "
                         "vurderes (kompetansevurdering)."),
        ("daglig-leder", "Beskriv stillingsinstruksen med PRRCs plikter etter art. 15(3), signert av begge parter, "
                         "og avtalen når PRRC er ekstern."),
        ("prrc", "Beskriv hvem som er stedfortreder, og hvordan PRRC kan utføre oppgavene uavhengig (art. 15(5))."),
    )),
    ("sop-07", "Kompetanse og opplæring", (
        ("daglig-leder", "Beskriv kompetansekravene for hver rolle."),
        ("produksjonsleder", "Beskriv hvordan nyansatte læres opp, og hvordan opplæring i nye prosedyrer og "
                             "arbeidsinstrukser gjennomføres."),
        ("kvalitetsleder", "Beskriv hvordan opplæringen og effekten av den registreres."),
    )),
    ("sop-09", "Innkjøp og leverandørstyring", (
        ("kvalitetsleder", "Beskriv hvordan leverandører og underleverandører (materialer, utsatt fresing eller "
                           "printing) velges, godkjennes og revurderes."),
        ("produksjonsleder", "Beskriv kravene ved innkjøp (CE-merkede materialer, samsvarserklæringer, "
                             "bruksanvisninger) og kontrollen ved varemottak."),
        ("kvalitetsleder", "Beskriv hvordan listen over godkjente leverandører føres."),
    )),
    ("sop-10", "Ordremottak og gjennomgang av forskrivning", (
        ("produksjonsleder", "Beskriv hvordan bestillingen tas imot og registreres med ordrenummer og pasientkode."),
        ("produksjonsleder", "Beskriv kontrollen av forskrivningen: autorisert forskriver, pasientens navn eller "
                             "kode, utstyrets særlige egenskaper (MDR art. 2(3))."),
        ("produksjonsleder", "Beskriv hva som gjøres når forskrivningen er uklar eller ufullstendig."),
    )),
    ("sop-12", "Produksjon og prosessvalidering", (
        ("produksjonsleder", "Beskriv produksjonsprosessene for hver utstyrsgruppe og hvilke arbeidsinstrukser som "
                             "gjelder."),
        ("produksjonsleder", "Beskriv hvilke prosesser som valideres (for eksempel støping, sintring, fresing, "
                             "3D-printing, programvare), og hvordan."),
        ("produksjonsleder", "Beskriv hvordan produksjonsjournalen føres for hver ordre."),
    )),
    ("sop-13", "Identifikasjon og sporbarhet", (
        ("produksjonsleder", "Beskriv hvordan hver ordre identifiseres gjennom produksjonen (ordrenummer, "
                             "pasientkode)."),
        ("produksjonsleder", "Beskriv hvordan materialer og lotnummer registreres, slik at det kan spores hvilke "
                             "pasienter som har fått utstyr fra et parti."),
    )),
    ("sop-14", "Sluttkontroll og frigivelse", (
        ("produksjonsleder", "Beskriv sluttkontrollen for hver utstyrsgruppe: hva som kontrolleres, mot hvilke krav "
                             "og av hvem."),
        ("prrc", "Beskriv hvordan PRRC sørger for at samsvaret kontrolleres før frigivelse (MDR art. 15(3)(a)): "
                 "hvilke arbeider PRRC ser på selv (for eksempel avvik og en fast stikkprøve), og hvordan resten "
                 "revideres (MDCG 2019-7)."),
        ("produksjonsleder", "Beskriv hvordan frigivelsen registreres, og hva som skjer med utstyr som ikke "
                             "godkjennes."),
    )),
    ("sop-15", "Merking og bruksanvisning", (
        ("produksjonsleder", "Beskriv hva merkingen skal inneholde: «individuelt tilpasset utstyr», produsentens "
                             "navn og adresse, ordre- eller lotnummer; ingen CE-merking og ingen UDI."),
        ("kvalitetsleder", "Beskriv hvordan bruksanvisningen for hver utstyrsgruppe lages på norsk, godkjennes og "
                           "følger utstyret."),
    )),
    ("sop-16", "Erklæring etter vedlegg XIII", (
        ("produksjonsleder", "Beskriv hvordan erklæringen etter vedlegg XIII §1 utstedes for hvert utstyr, med krav "
                             "som ikke er fullt oppfylt."),
        ("prrc", "Beskriv hvem som signerer erklæringen og hvordan den gjøres tilgjengelig for pasienten "
                 "(art. 21(2))."),
        ("kvalitetsleder", "Beskriv hvordan kopien arkiveres i 10 år, eller 15 år for implanterbart utstyr."),
    )),
    ("sop-19", "Risikostyring", (
        ("daglig-leder", "Beskriv policyen for kriterier for risikoaksept."),
        ("kvalitetsleder", "Beskriv hvordan risikostyringsplan, risikoanalyse, risikokontroll, nytte-risikovurdering "
                           "og risikostyringsrapport lages for hver utstyrsgruppe (ISO 14971)."),
        ("kvalitetsleder", "Beskriv hvordan risikostyringsfilen oppdateres med data fra produksjon, klager og PMS."),
    )),
    ("sop-20", "Klinisk evaluering", (
        ("kvalitetsleder", "Beskriv plan og rapport for klinisk evaluering for hver utstyrsgruppe og kildene "
                           "(litteratur, data for CE-merkede materialer, egne data)."),
        ("prrc", "Beskriv PMCF-planen, eller begrunnelsen for at PMCF ikke trengs, og hvor ofte evalueringen "
                 "oppdateres."),
    )),
    ("sop-21", "Overvåking etter omsetning (PMS)", (
        ("kvalitetsleder", "Beskriv PMS-planen for hver utstyrsgruppe: datakilder (klager, omgjøringer, "
                           "tilbakemeldinger, litteratur), indikatorer og trendanalyse."),
        ("kvalitetsleder", "Beskriv PMS-rapporten (klasse I) eller PSUR (klasse IIa minst annethvert år, IIb og III "
                           "minst årlig)."),
        ("prrc", "Beskriv hvordan funn fra PMS føres tilbake til risikostyring, klinisk evaluering og CAPA."),
    )),
    ("sop-22", "Klager og tilbakemeldinger", (
        ("kvalitetsleder", "Beskriv hvordan klager og tilbakemeldinger fra forskrivere og pasienter tas imot og "
                           "registreres."),
        ("kvalitetsleder", "Beskriv hvordan hver klage straks vurderes for om den kan være en alvorlig hendelse."),
        ("produksjonsleder", "Beskriv undersøkelse, tiltak, svar til klager og lukking."),
    )),
    ("sop-23", "Alvorlige hendelser og korrigerende sikkerhetstiltak", (
        ("kvalitetsleder", "Beskriv hvordan en mulig alvorlig hendelse vurderes, og hvem som melder den til DMP "
                           "innen fristene (2, 10 eller 15 dager, MDR art. 87)."),
        ("prrc", "Beskriv hvordan korrigerende sikkerhetstiltak meldes før de gjennomføres, og hvordan "
                 "sikkerhetsmelding på norsk sendes."),
        ("kvalitetsleder", "Beskriv trendrapportering, oppfølging og sluttrapport."),
    )),
    ("sop-24", "Avvikende produkt og tilbakekalling", (
        ("produksjonsleder", "Beskriv hvordan avvikende produkt identifiseres, merkes, holdes adskilt og vurderes."),
        ("daglig-leder", "Beskriv tilbakekalling og tilbaketrekking, og at DMP varsles straks ved alvorlig risiko "
                         "(MDR art. 10(12))."),
    )),
    ("sop-25", "Korrigerende og forebyggende tiltak (CAPA)", (
        ("kvalitetsleder", "Beskriv når et avvik eller en klage blir en CAPA, og hvordan årsaken analyseres."),
        ("kvalitetsleder", "Beskriv hvordan tiltak planlegges med ansvarlig og frist, og hvordan effekten "
                           "kontrolleres."),
    )),
    ("sop-26", "Internrevisjon", (
        ("kvalitetsleder", "Beskriv revisjonsprogrammet: hvor ofte, hvilke prosesser og hvem som reviderer (ingen "
                           "reviderer eget arbeid)."),
        ("daglig-leder", "Beskriv hvordan funn følges opp og rapporteres til ledelsens gjennomgåelse."),
    )),
    ("sop-28", "Kommunikasjon med myndigheter", (
        ("kvalitetsleder", "Beskriv hvem som er kontakt mot DMP, og hvordan forespørsler besvares med dokumenter på "
                           "norsk eller engelsk."),
        ("daglig-leder", "Beskriv hvordan registreringen i Utstyrsregisteret holdes oppdatert."),
    )),
)

#: What each device characteristic means, for the comment beside it.
CHARACTERISTICS_NB = {
    "implantable": "implanterbart (helt eller delvis i kroppen i minst 30 dager)",
    "invasive": "invasivt (helt eller delvis inn i kroppen)",
    "active": "aktivt (trenger strøm eller annen energikilde)",
    "sterile": "leveres sterilt",
    "lay_user": "pasienten setter inn, tar ut, rengjør eller vedlikeholder det",
    "body_contact": "kontakt med kroppen",
    "animal_tissue": "inneholder vev fra dyr",
    "human_tissue": "inneholder vev av menneskelig opprinnelse",
    "medicinal_substance": "inneholder et legemiddel",
    "nanomaterial": "inneholder nanomateriale",
    "multi_part_implant": "implantat med flere deler",
    "combined_use": "brukes sammen med annet utstyr",
    "adjustable": "kan justeres",
    "load_bearing": "bærer belastning",
    "measuring": "har målefunksjon",
    "software": "inneholder programvare",
}

APPLICABILITY_NB = {
    "always": "gjelder alltid",
    "typical": "gjelder normalt",
    "conditional": "gjelder på vilkår",
    "not-typical": "gjelder normalt ikke",
    "not-applicable-cmd": "gjelder ikke individuelt tilpasset utstyr",
}


CHAPTERS_NB = {"I": "Generelle krav", "II": "Krav til design og tilvirkning",
               "III": "Krav til informasjonen som følger med utstyret"}


class UsageError(Exception):
    """Bad input: reported in one line, exit 2."""


@dataclass(frozen=True)
class Group:
    name: str
    device_class: str
    slug: str
    ifu: str  # the IFU's ID in the register


@dataclass(frozen=True)
class Answers:
    name: str
    org_number: str
    size: str
    prrc_name: str
    groups: tuple[Group, ...]
    today: dt.date
    placeholder_org: bool = False

    @property
    def at_disposal(self) -> bool:
        return self.size in ("micro", "small")

    @property
    def prrc_id(self) -> str:
        return "prrc" if self.prrc_name == DEFAULT_PRRC else _unique(slug(self.prrc_name, "prrc"), {LEADER}, "-prrc")


# --- parsing and checking input -------------------------------------------------------------


def org_number(text: str) -> str:
    """A valid organisasjonsnummer as "NNN NNN NNN" (9 digits, mod-11 check digit), or UsageError."""
    digits = text.strip().replace(" ", "")
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise UsageError(f"ugyldig organisasjonsnummer '{text}': det må være 9 siffer (mellomrom er tillatt)")
    total = sum(int(d) * w for d, w in zip(digits[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    check = (11 - total % 11) % 11
    if check == 10 or check != int(digits[8]):
        raise UsageError(f"ugyldig organisasjonsnummer '{text}': kontrollsifferet stemmer ikke (modulus 11)")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def device_class(text: str) -> str:
    """I, IIa, IIb or III (any letter case), or UsageError."""
    found = {c.lower(): c for c in CLASSES}.get(text.strip().lower())
    if found is None:
        raise UsageError(f"ugyldig klasse '{text.strip()}': bruk I, IIa, IIb eller III")
    return found


def enterprise_size(text: str) -> str:
    """micro, small, medium or large (or the Norwegian word), or UsageError."""
    value = text.strip().lower()
    value = SIZE_ALIASES.get(value, value)
    if value not in SIZES:
        raise UsageError(f"ugyldig størrelse '{text.strip()}': bruk micro, small, medium eller large")
    return value


def name(text: str) -> str:
    """A name with its whitespace tidied, or UsageError when it is empty."""
    value = " ".join(text.split())
    if not value:
        raise UsageError("navnet kan ikke være tomt")
    return value


def group_spec(text: str) -> tuple[str, str]:
    """'NAME:CLASS' → (name, class), or UsageError."""
    if ":" not in text:
        raise UsageError(f"ugyldig utstyrsgruppe '{text}': skriv NAVN:KLASSE, for eksempel 'Kroner og broer:IIa'")
    group_name, _, cls = text.rpartition(":")
    if not group_name.strip():
        raise UsageError(f"ugyldig utstyrsgruppe '{text}': navnet mangler (NAVN:KLASSE)")
    return name(group_name), device_class(cls)


def slug(text: str, fallback: str) -> str:
    """A file name and ID from a Norwegian name: "Kroner og bruer (Ø)" → "kroner-og-bruer-o"."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or fallback


def _unique(value: str, taken: set[str], suffix: str = "") -> str:
    if value not in taken:
        return value
    if suffix and value + suffix not in taken:
        return value + suffix
    n = 2
    while f"{value}-{n}" in taken:
        n += 1
    return f"{value}-{n}"


def make_groups(specs: Iterable[tuple[str, str]]) -> tuple[Group, ...]:
    groups: list[Group] = []
    for i, (group_name, cls) in enumerate(specs, 1):
        base = "utstyrsgruppe" if group_name == DEFAULT_GROUP else slug(group_name, "utstyrsgruppe")
        groups.append(Group(group_name, cls, _unique(base, {g.slug for g in groups}), f"BA-{i:02d}"))
    return tuple(groups)


# --- asking ---------------------------------------------------------------------------------

T = TypeVar("T")


def _ask(question: str, default: str | None, parse: Callable[[str], T], tries: int = 3) -> T | None:
    """Ask until the answer parses; an empty answer takes the default (None: no answer)."""
    for attempt in range(tries):
        prompt = f"{question} [{default}]: " if default is not None else f"{question}: "
        answer = builtins.input(prompt).strip() or default
        if answer is None:
            return None
        try:
            return parse(answer)
        except UsageError as exc:
            if attempt == tries - 1:
                raise
            print(f"  {exc}")
    raise AssertionError("unreachable")


def _group_answer(text: str) -> tuple[str, str | None]:
    """A group's name, or 'NAME:CLASS' in one go."""
    return group_spec(text) if ":" in text else (name(text), None)


def _ask_groups() -> list[tuple[str, str]]:
    specs: list[tuple[str, str]] = []
    while True:
        first = not specs
        answer = _ask(f"Utstyrsgruppe {len(specs) + 1}, navn" + ("" if first else " (tom linje: ferdig)"),
                      DEFAULT_GROUP if first else None, _group_answer)
        if answer is None:
            return specs
        group_name, cls = answer
        cls = cls or _ask(f"Klasse for «{group_name}» (I, IIa, IIb eller III)", DEFAULT_CLASS, device_class)
        specs.append((group_name, cls or DEFAULT_CLASS))


def gather(args: argparse.Namespace, interactive: bool, today: dt.date) -> Answers:
    """Flags first; what is missing is asked for (interactive) or defaulted."""
    company = name(args.name) if args.name else None
    number = org_number(args.org_number) if args.org_number else None
    size = enterprise_size(args.size) if args.size else None
    prrc_name = name(args.prrc_name) if args.prrc_name else None
    specs = [group_spec(g) for g in args.group or []]
    if interactive:
        print("Ny kvalitetshåndbok: svar på noen spørsmål (Enter gir verdien i klammer).")
        company = company or _ask("Virksomhetens juridiske navn", DEFAULT_NAME, name)
        number = number or _ask("Organisasjonsnummer (9 siffer)", DEFAULT_ORG_NUMBER, org_number)
        size = size or _ask("Størrelse: micro (under 10 ansatte), small (under 50), medium (under 250) eller large",
                            DEFAULT_SIZE, enterprise_size)
        prrc_name = prrc_name or _ask("Navn på PRRC (person med ansvar for overholdelse av regelverket)", DEFAULT_PRRC,
                                      name)
        specs = specs or _ask_groups()
    return Answers(name=company or DEFAULT_NAME, org_number=number or DEFAULT_ORG_NUMBER, size=size or DEFAULT_SIZE,
                   prrc_name=prrc_name or DEFAULT_PRRC, groups=make_groups(specs or [(DEFAULT_GROUP, DEFAULT_CLASS)]),
                   today=today, placeholder_org=number in (None, DEFAULT_ORG_NUMBER))


# --- YAML text ------------------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML scalar for ``text``: plain when it reads back as the same string, else double-quoted."""
    if text and text == text.strip() and "\n" not in text:
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: int) -> str:
    """``key: >-`` with the text wrapped below it (any characters are safe in a block)."""
    pad = " " * (indent + 2)
    lines = textwrap.wrap(text, WIDTH - len(pad), break_long_words=False, break_on_hyphens=False)
    return f"{' ' * indent}{key}: >-\n" + "\n".join(pad + line for line in lines)


def comment(text: str, indent: int = 0) -> str:
    pad = " " * indent + "# "
    return "\n".join(pad + line for line in textwrap.wrap(text, WIDTH - len(pad), break_on_hyphens=False))


def header(schema: str, *notes: str) -> str:
    """The schema line for yaml-language-server, then the notes as comments."""
    lines = [f"# yaml-language-server: $schema={SCHEMA_TOKEN}/{schema}.schema.json"]
    lines += [comment(n) for n in notes]
    return "\n".join(lines) + "\n\n"


def address(indent: int) -> str:
    pad = " " * indent
    return f'{pad}street: {STREET}\n{pad}postcode: "{POSTCODE}"  # fyll inn\n{pad}city: {CITY}'


# --- the files ------------------------------------------------------------------------------


def company_yml(a: Answers) -> str:
    org_note = "  # fyll inn" if a.placeholder_org else ""
    return header("company", "Virksomheten: juridisk navn, adresse, produksjonssteder, registrering og størrelse.",
                  "Skrevet av `handbook new`: alt merket «fyll inn» skal erstattes.") + f"""\
name: {q(a.name)}
organisation_number: "{a.org_number}"{org_note}
address:
{address(2)}
  country: Norge

# Hvert sted der utstyret lages (MDR vedlegg XIII §1). Legg til flere ved behov, og før dem opp
# under 'sites' i hver utstyrsgruppe.
sites:
  - id: {SITE}
    name: Produksjonssted – fyll inn navn
    address:
{address(6)}
{folded("activities", "Fyll inn hva som gjøres her: ordremottak, produksjon, sluttkontroll, utlevering, arkiv.", 4)}

# micro, small, medium eller large (EU-anbefaling 2003/361/EF); avgjør om PRRC kan være
# ekstern etter avtale (MDR art. 15(2)).
enterprise_size: {a.size}

utstyrsregisteret:
  # Registrer virksomheten i Utstyrsregisteret hos DMP og før inn referanse og dato:
  registered: false
  # reference: ...
  # date: YYYY-MM-DD

authority_contact: {LEADER}  # kontaktperson mot DMP (en person-ID fra people.yml)
"""


def people_yml(a: Answers) -> str:
    roles = "\n".join(f"  - id: {rid}\n    title: {q(title)}\n{folded('description', text, 4)}"
                      for rid, title, text in ROLES)
    leader_roles = ", ".join(rid for rid, _, _ in ROLES if rid != "prrc")
    prrc_title = "PRRC (ekstern, etter avtale)" if a.at_disposal else "PRRC"
    return header("people", "Roller og personer. En rolle kan ha flere innehavere, en person kan ha flere roller;",
                  "hver rolle må ha minst én innehaver. Kontaktopplysninger er interne.") + f"""\
roles:
{roles}

people:
  # Erstatt med virkelige personer; fordel rollene når dere er flere.
  - id: {LEADER}
    name: Daglig leder – fyll inn navn
    job_title: Daglig leder
    roles: [{leader_roles}]
    # contact:
    #   email: ...
    #   phone: ...

  - id: {a.prrc_id}
    name: {q(a.prrc_name)}
    job_title: {prrc_title}
    roles: [prrc]
"""


def prrc_yml(a: Answers) -> str:
    if a.at_disposal:
        arrangement = ("    # Svært liten eller liten virksomhet: PRRC kan stilles til disposisjon ved avtale\n"
                       "    # (MDR art. 15(2)); avtalen står som utkast i documents.yml.\n"
                       "    arrangement: at-disposal\n"
                       "    contract: PRRC-01\n")
    else:
        arrangement = ("    # Mellomstor eller stor virksomhet: PRRC skal være ansatt (MDR art. 15(1)-(2)).\n"
                       "    arrangement: in-house\n")
    return header("prrc", "PRRC etter MDR art. 15 og MDCG 2019-7.") + f"""\
appointments:
  - person: {a.prrc_id}
{arrangement}    start: {a.today.isoformat()}  # fyll inn datoen for utpekingen
    # Individuelt tilpasset utstyr: minst to års yrkeserfaring innen et relevant framstillingsområde.
    route: custom-made

    # Det som gjenstår (handbook check: PRRC-003, PRRC-004, PRRC-005, PRRC-006):
    # experience:              # relevant erfaring, med dokumentasjon (CV, attester) i documents.yml
    #   - employer: ...
    #     position: ...
    #     field: ...
    #     start: YYYY-MM-DD
    #     end: YYYY-MM-DD      # utelates hvis personen fortsatt er der
    #     evidence: [CV-01]
    # competence_assessment:   # virksomhetens vurdering av PRRCs kompetanse
    #   document: ...
    #   date: YYYY-MM-DD
    #   assessed_by: {LEADER}
    # job_description:         # stillingsinstruks signert av begge parter
    #   document: ...
    #   signed_by_company: YYYY-MM-DD
    #   signed_by_prrc: YYYY-MM-DD
    # deputy: {LEADER:<16} # stedfortreder
"""


def _document(doc_id: str, title: str, kind: str, summary: str, group: str | None = None) -> str:
    lines = [f"  - id: {doc_id}", f"    title: {q(title)}", f"    kind: {kind}"]
    if group:
        lines.append(f"    device_group: {group}")
    lines += ['    version: "0.1"', "    status: draft", f"    owner: {LEADER}", f"    approver: {LEADER}",
              folded("summary", summary, 4)]
    return "\n".join(lines)


def documents_yml(a: Answers) -> str:
    docs = [_document("KH-01", "Kvalitetshåndbok", "quality-manual",
                      "Fyll inn: omfang (utstyrsgrupper), begrunnede unntak fra ISO 13485, prosesskart, "
                      "kvalitetspolitikk og oversikt over prosedyrene.")]
    if a.at_disposal:
        docs.append(_document("PRRC-01", "Avtale om PRRC til disposisjon", "contract",
                              "Fyll inn: avtalen som stiller PRRC permanent og kontinuerlig til disposisjon "
                              "(MDR art. 15(2), MDCG 2019-7)."))
    docs += [_document(g.ifu, f"Bruksanvisning – {g.name}", "ifu",
                       "Fyll inn: bruksanvisningen på norsk (MDR vedlegg I 23.4) for utstyrsgruppen.", g.slug)
             for g in a.groups]
    return header(
        "documents",
        "Dokumentregisteret (ISO 13485 4.2.4 og 4.2.5). Prosedyrene ligger i procedures/ og deler ID-rom med "
        "registeret. Et gjeldende dokument har 'status: effective' og datoene 'approved' og 'effective'.",
        "For hver utstyrsgruppe trengs gjeldende dokumenter med 'device_group': risikostyringsplan, risikoanalyse, "
        "risikokontroll, nytte-risikovurdering, risikostyringsrapport, plan og rapport for klinisk evaluering, "
        "PMS-plan og PMS-rapport eller PSUR (kind: se katalogen, f.eks. risk-management-plan).",
    ) + "documents:\n\n" + "\n\n".join(docs) + "\n"


def device_group_yml(a: Answers, g: Group) -> str:
    flags = "\n".join(f"  {field}: {'true' if field == 'body_contact' else 'false'}"
                      + (f"  # {CHARACTERISTICS_NB[field]}" if field in CHARACTERISTICS_NB else "")
                      for field in Characteristics.model_fields)
    return header("device-group", "Utstyrsgruppe: enheten for risikostyring, klinisk evaluering, PMS og GSPR "
                  "(MDCG 2021-3 spm. 8). Alt merket «fyll inn» skal erstattes.") + f"""\
id: {g.slug}
name: {q(g.name)}
{folded("description", "Fyll inn: hva slags utstyr gruppen omfatter, og hva som ikke inngår.", 0)}
# examples:
#   - ...
device_class: {g.device_class}
classification_rule: fyll inn (MDR vedlegg VIII)

# Sett true for det som gjelder; egenskapene avgjør hvilke GSPR-krav som forventes.
characteristics:
{flags}

# Materialer: navn, leverandør, CE-merket, CMR-stoffer (f.eks. "kobolt (CMR 1B)") og hormonforstyrrende
# stoffer over 0,1 vektprosent (vedlegg I 10.4.1).
# materials:
#   - name: ...
#     supplier: ...
#     ce_marked: true
#     cmr_substances: []
#     endocrine_disruptors: []
{folded("intended_purpose", "Fyll inn tiltenkt formål: hva utstyret skal gjøre, for hvem, og etter forskrivning fra hvem.", 0)}
sites: [{SITE}]

ifu:
  supplied: true
  document: {g.ifu}  # utkast i documents.yml

label:
  wording: |-
    {a.name}, {STREET}, {POSTCODE} {CITY}
    Pasientkode: [kode]   Ordre (lot): [ordrenummer]   Produsert: [dato]
    {LABEL_WORDING}

# Datoen for den første erklæringen etter vedlegg XIII for gruppen (starter PSUR-klokken):
# first_statement: YYYY-MM-DD
"""


def _gspr_row(entry: Gspr) -> str:
    hint = APPLICABILITY_NB[entry.applicability].capitalize()
    if entry.trigger_text:  # a conditional row's trigger text says all there is to say
        hint = entry.trigger_text.nb if entry.applicability == "conditional" else f"{hint} – {entry.trigger_text.nb}"
    lines = [comment(f"{entry.number} {entry.title.nb}", 2), comment(f"[{hint}]", 2)]
    if entry.particulars:
        letters = ", ".join(p.letter for p in entry.particulars)
        lines.append(comment(f"Punkter: {letters}. De følger kravet; gi et punkt egen rad "
                             f'(gspr: "{entry.number}({entry.particulars[0].letter})") når det avviker.', 2))
    return "\n".join([*lines, f'  - gspr: "{entry.number}"', "    applicable:"])


def gspr_yml(cat: Catalogue, g: Group) -> str:
    rows: list[str] = []
    chapter = ""
    for entry in cat.gspr.requirements:
        if entry.chapter != chapter:
            chapter = entry.chapter
            rows.append(f"  # === Kapittel {chapter} – {CHAPTERS_NB.get(chapter, '')} ===")
        rows.append(_gspr_row(entry))
    return header(
        "gspr",
        f"GSPR-matrise (MDR vedlegg I) for {g.name}. Alle krav er med, i katalogens rekkefølge, og ingen er vurdert.",
        "For hvert krav: sett 'applicable: true' eller 'false'. Ved false: skriv hvorfor under 'justification'. "
        "Ved true: før opp 'method' (standard, common_specification eller own), 'evidence' (gjeldende dokumenter "
        "fra documents.yml, med avsnitt) og 'conformity: met' eller 'not-fully-met' (med 'grounds').",
        "Tomt 'applicable' betyr «ikke vurdert»; `handbook check` lister kravene som gjenstår (GSPR-001). "
        "Bokstavpunktene (for eksempel 23.2(p)) følger kravet sitt med mindre de får en egen rad.",
    ) + f"device_group: {g.slug}\nrows:\n\n" + "\n\n".join(rows) + "\n"


def _references(template: SopTemplate, cat: Catalogue) -> str:
    clauses = {c.clause for c in cat.iso13485}
    mdr = [r.removeprefix("MDR ") for r in template.mdr_refs if r.startswith("MDR ")]
    other = [r for r in template.mdr_refs if not r.startswith("MDR ")]
    fields = {"mdr": mdr, "iso13485": [c for c in template.iso_clauses if c in clauses],
              "qms_elements": template.qms_elements, "other": other}
    lines = [f"  {k}: [{', '.join(json.dumps(v, ensure_ascii=False) for v in vs)}]\n" for k, vs in fields.items() if vs]
    return "references:\n" + "".join(lines) if lines else "references: {}\n"


def _lower_first(text: str) -> str:
    """'Dokumentstyring' → 'dokumentstyring', but 'PMS-plan' stays."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def procedure_yml(cat: Catalogue, proc_id: str, template: SopTemplate, title: str, steps: tuple[Step, ...]) -> str:
    body = "\n".join(f"  - id: s{i}\n    role: {role}\n{folded('text', text, 4)}" for i, (role, text) in enumerate(steps, 1))
    return header(
        "procedure",
        f"Utkast fra `handbook new` etter malen {template.id} ({template.ref}). Skriv prosedyren slik dere faktisk "
        "arbeider: formål, omfang og ett trinn per oppgave med ansvarlig rolle, skjema og registreringer.",
        "Når den er godkjent: version \"1.0\", status: effective, approved og effective med dato.",
    ) + f"""\
id: {proc_id}
title: {q(title)}
version: "0.1"
status: draft
owner: {LEADER}
approver: {LEADER}

{folded("purpose", f"Fyll inn formålet: hva prosedyren skal sikre. Den skal dekke {_lower_first(template.title.nb)}.", 0)}
{folded("scope", "Fyll inn omfanget: hvilke utstyrsgrupper, produksjonssteder og roller prosedyren gjelder for.", 0)}

steps:
{body}

{_references(template, cat)}"""


def render(a: Answers, cat: Catalogue) -> dict[str, str]:
    """Path in data/ → file text, for every file of the new data set."""
    templates = {t.id: t for t in cat.sop_templates}
    files = {"company.yml": company_yml(a), "people.yml": people_yml(a), "prrc.yml": prrc_yml(a),
             "documents.yml": documents_yml(a)}
    for g in a.groups:
        files[f"device-groups/{g.slug}.yml"] = device_group_yml(a, g)
        files[f"gspr/{g.slug}.yml"] = gspr_yml(cat, g)
    for i, (template_id, title, steps) in enumerate(PROCEDURES, 1):
        files[f"procedures/P-{i:02d}.yml"] = procedure_yml(cat, f"P-{i:02d}", templates[template_id], title, steps)
    # Editors find the schemas in the repository's own schema/ folder (written by `handbook schema`).
    return {rel: text.replace(SCHEMA_TOKEN, "../" * (rel.count("/") + 1) + "schema") for rel, text in files.items()}


def mkdocs_yml(a: Answers) -> str:
    return f"""\
# {a.name}: kvalitetshåndboken. Generatoren (handbook-tillegget) står for resten: tema, søk,
# bruk uten nett, makroer. Engelsk håndbok: language: en.
site_name: Kvalitetshåndbok
theme:
  name: material
  language: nb
plugins:
  - handbook:
      data_dir: data
"""


def readme(a: Answers) -> str:
    return f"""\
# Kvalitetshåndbok – {a.name}

Håndboken bygges fra dataene i `data/` av `handbook` (pakken cmd-handbook). Egne sider legges i `docs/`;
en side med samme navn som en standardside (for eksempel `docs/index.md`) erstatter den.

| hva | kommando |
|---|---|
| se hva som gjenstår | `handbook check` |
| se håndboken mens du skriver | `handbook serve` (åpne <http://127.0.0.1:8000>) |
| bygge håndboken i `site/` | `handbook build` (åpne `site/index.html`, også fra en zip) |
| registrere en godkjent utgave | `handbook release 2027.1 --approved-by PERSON --summary "..."` |
| utgave til intranettet | `handbook publish --out /sti/til/intranett` |
| øyeblikksbilde til tilsynet | `handbook snapshot --release 2027.1` |
| oppgradere generatoren | `pip install -U cmd-handbook`, så `handbook schema` og `handbook check` |

`schema/` holder skjemaene redigeringsprogrammer (VS Code med YAML-utvidelsen) bruker til å fullføre og
kontrollere feltene i `data/`. Etter en oppgradering skriver `handbook schema` dem på nytt.
"""


GITIGNORE = "site/\npublic/\ndist/\n.venv/\n__pycache__/\n"


def repository(a: Answers, cat: Catalogue) -> dict[str, str]:
    """Path in the new repository → file text: mkdocs.yml, README, .gitignore, docs/ and data/ (schemas apart)."""
    files = {"mkdocs.yml": mkdocs_yml(a), "README.md": readme(a), ".gitignore": GITIGNORE, "docs/.gitkeep": ""}
    files.update({f"data/{rel}": text for rel, text in render(a, cat).items()})
    return files


# --- the command ----------------------------------------------------------------------------


def _today() -> dt.date:
    return dt.date.today()


def _next_steps(target: Path, a: Answers) -> str:
    d = shlex.quote(str(target))
    contract = "og PRRC-avtalen " if a.at_disposal else ""
    return f"""
Neste steg (i mappen: cd {d}):
  1. Se hva som gjenstår:  handbook check
     Alle feil og advarsler er ting som skal fylles inn eller gjøres; startdataene er gyldige.
  2. Fyll inn alt merket «fyll inn» i company.yml, people.yml og prrc.yml: navn, adresser,
     personer og roller, PRRCs erfaring med dokumentasjon, kompetansevurdering og stillingsinstruks.
  3. For hver utstyrsgruppe i device-groups/: klassifiseringsregel, egenskaper, materialer og
     tiltenkt formål. Vurder deretter hvert krav i gspr/ (applicable, metode, bevis, samsvar).
  4. Før opp dokumentene i documents.yml: risikostyring, klinisk evaluering, PMS-plan, bruksanvisning
     {contract}(status: effective med datoer når de er godkjent).
  5. Skriv prosedyrene i procedures/ slik dere arbeider, og sett dem til gjeldende når de er godkjent.
  6. Registrer virksomheten i Utstyrsregisteret og før inn referanse og dato i company.yml.
  7. Se håndboken underveis:  handbook serve   (eller handbook build --no-strict)"""


def new_company(args: argparse.Namespace) -> int:
    """Write a starting data set in ``args.dir``; 0 written, 1 it does not load, 2 usage problem."""
    target = Path(args.dir)
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(f"{target} finnes allerede og er ikke en tom mappe; velg en ny mappe")
        interactive = not args.yes and sys.stdin.isatty()
        answers = gather(args, interactive, _today())
    except UsageError as exc:
        print(f"handbook new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except EOFError:
        print("handbook new: avbrutt (ingen flere svar)", file=sys.stderr)
        return EXIT_USAGE

    files = repository(answers, load_catalogue())
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_schemas(target / "schema")

    from ..load import load_handbook

    try:
        load_handbook(target / "data")
    except DataErrors as exc:  # a bug here, or input the model cannot take: say so, keep the files
        print(exc, file=sys.stderr)
        print(f"handbook new: dataene i {target} lastes ikke; rett feilene over.", file=sys.stderr)
        return EXIT_DATA

    print(f"Skrev en håndbok for {answers.name} i {target}: mkdocs.yml, README.md, docs/ for egne sider, "
          "schema/ for redigeringsprogrammer, og i data/:")
    groups = [(f"device-groups/{g.slug}.yml", f"utstyrsgruppe {g.name}, klasse {g.device_class}") for g in answers.groups]
    gspr = load_catalogue().gspr.requirements
    points = sum(len(r.particulars) for r in gspr)
    groups += [(f"gspr/{g.slug}.yml", f"GSPR-matrise, {len(gspr)} krav med {points} bokstavpunkter, ingen vurdert")
               for g in answers.groups]
    listing = [("company.yml", "virksomheten"), ("people.yml", "roller og personer"),
               ("prrc.yml", f"PRRC ({'ekstern, etter avtale' if answers.at_disposal else 'ansatt'})"),
               ("documents.yml", "dokumentregisteret (utkast)"), *groups,
               (f"procedures/P-01.yml … P-{len(PROCEDURES):02d}.yml", f"{len(PROCEDURES)} prosedyrer som utkast")]
    width = max(len(rel) for rel, _ in listing)
    for rel, what in listing:
        print(f"  {rel:<{width}}  {what}")
    print(_next_steps(target, answers))
    return EXIT_OK
