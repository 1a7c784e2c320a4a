"""Schema of the regulatory catalogue shipped with the generator.

The catalogue is knowledge about the law, not about one company: it lives in
``macros/catalogue/*.yml`` and is validated against these models when loaded.
Every entry carries its legal reference and a verification status taken from
the fact sheet; ``unverified`` entries are shown as such wherever they are used.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Status = Literal["verified", "unverified", "interpretation"]

#: Device characteristics that can trigger a conditional GSPR row. The same
#: names are the boolean fields of a device group's ``characteristics``.
Trigger = Literal[
    "implantable",
    "invasive",
    "active",
    "sterile",
    "lay_user",
    "body_contact",
    "cmr_substance",
    "cmr_invasive",
    "endocrine_disruptor",
    "endocrine_invasive",
    "animal_tissue",
    "human_tissue",
    "medicinal_substance",
    "nanomaterial",
    "multi_part_implant",
    "combined_use",
    "adjustable",
    "load_bearing",
    "measuring",
    "software",
    "ifu_supplied",
    "non_eea",
]

#: How each trigger reads in the handbook and in messages (nb, en).
TRIGGER_LABELS: dict[str, tuple[str, str]] = {
    "implantable": ("implanterbart", "implantable"), "invasive": ("invasivt", "invasive"),
    "active": ("aktivt", "active"), "sterile": ("sterilt", "sterile"),
    "lay_user": ("håndteres av pasienten (lekperson)", "handled by the patient (lay person)"),
    "body_contact": ("kroppskontakt", "body contact"),
    "cmr_substance": ("inneholder CMR-stoff", "contains a CMR substance"),
    "cmr_invasive": ("CMR-stoff i invasiv del med kroppskontakt", "CMR substance in an invasive body-contact part"),
    "endocrine_disruptor": ("inneholder hormonforstyrrende stoff", "contains an endocrine disruptor"),
    "endocrine_invasive": ("hormonforstyrrende stoff i invasiv del med kroppskontakt",
                           "endocrine disruptor in an invasive body-contact part"),
    "animal_tissue": ("animalsk vev", "animal tissue"), "human_tissue": ("humant vev", "human tissue"),
    "medicinal_substance": ("legemiddel", "medicinal substance"), "nanomaterial": ("nanomateriale", "nanomaterial"),
    "multi_part_implant": ("flerdelt implantat", "multi-part implant"),
    "combined_use": ("brukes sammen med annet utstyr", "used with other devices"),
    "adjustable": ("justerbart", "adjustable"), "load_bearing": ("bærende / mekanisk stabilitet", "load-bearing"),
    "measuring": ("målefunksjon", "measuring function"), "software": ("programvare", "software"),
    "ifu_supplied": ("bruksanvisning følger med", "IFU supplied"),
    "non_eea": ("produsent utenfor EØS", "manufacturer outside the EEA"),
}
assert set(TRIGGER_LABELS) == set(get_args(Trigger)), "every trigger needs a label"

Applicability = Literal["always", "typical", "conditional", "not-typical", "not-applicable-cmd"]
DeviceClass = Literal["I", "IIa", "IIb", "III"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A short paraphrase in both handbook languages."""

    nb: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb


class Entry(Strict):
    """Fields every catalogue entry has."""

    ref: str  # legal reference, e.g. "MDR Annex I 10.4.1" or "MDR Art. 87(4)"
    status: Status = "verified"
    status_note: Text | None = None  # why it is unverified / an interpretation


class LabelCheck(Strict):
    """How `handbook check` reads a label point in a group's label wording. The words are those of the market
    (Norway: Norwegian, whatever language the handbook is built in)."""

    words: list[str] = []  # any one of these, case-insensitive, as whole words
    says: Text  # what the label must carry, for the message
    from_data: Literal["manufacturer", "substances"] | None = None  # words taken from the company's own data
    source: str = ""  # where the wording comes from, when not the point itself


class Particular(Entry):
    """A lettered point under a GSPR, e.g. 23.2(p)."""

    letter: str
    title: Text
    applicability: Applicability
    triggers: list[Trigger] = []
    custom_made: Text | None = None
    label: LabelCheck | None = None


class Gspr(Entry):
    """One row of the GSPR matrix (Annex I)."""

    number: str  # "1", "10.4.1", "23.2"
    chapter: Literal["I", "II", "III"]
    section: str  # top-level number used for grouping, "10"
    title: Text
    applicability: Applicability
    triggers: list[Trigger] = []
    trigger_text: Text | None = None
    custom_made: Text | None = None
    particulars: list[Particular] = []


class GsprSection(Strict):
    number: str
    chapter: Literal["I", "II", "III"]
    title: Text


class GsprCatalogue(Strict):
    sections: list[GsprSection]
    requirements: list[Gspr]


class StatementItem(Entry):
    id: str
    title: Text
    when: Text | None = None  # condition, e.g. "if there is an authorised representative"


class Annex13Section(Entry):
    number: int
    title: Text
    summary: Text


class Retention(Entry):
    default_years: int
    implantable_years: int
    counted_from: Text


class Annex13(Strict):
    sections: list[Annex13Section]
    statement_items: list[StatementItem]
    retention: Retention


class QmsElement(Entry):
    id: str  # "a".."m"
    title: Text
    applies_to_custom_made: bool = True
    note: Text | None = None


class IsoClause(Strict):
    clause: str  # "4", "4.2", "4.2.4"
    title: Text


#: What a PRRC's experience was in: a field of manufacturing, regulatory affairs, quality management.
ExperienceKind = Literal["manufacturing", "regulatory", "qms"]
EXPERIENCE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "manufacturing": ("tilvirkning", "manufacturing"), "regulatory": ("regulatoriske krav", "regulatory affairs"),
    "qms": ("kvalitetsstyring", "quality management")}


class QualificationRoute(Entry):
    id: str
    title: Text
    years_required: int
    experience_kinds: list[ExperienceKind]  # experience of one of these kinds counts towards the years
    needs_degree: bool = False
    custom_made_only: bool = False
    evidence: Text


class Discharge(Strict):
    """Where in a QMS a duty is carried out: procedures citing these clauses or elements discharge it."""

    iso13485: list[str] = []
    qms_elements: list[str] = []


class PrrcDuty(Entry):
    id: str
    title: Text
    applies_to_custom_made: bool = True
    note: Text | None = None
    discharged_by: Discharge = Discharge()


EnterpriseSize = Literal["micro", "small", "medium", "large"]


class SizeCeiling(Entry):
    """One size class of Recommendation 2003/361/EC: fewer staff than ``staff_below`` and turnover or balance
    sheet total within its ceiling (meeting one of the two money ceilings is enough)."""

    size: EnterpriseSize
    staff_below: int
    turnover_eur: int
    balance_sheet_eur: int


class PrrcCatalogue(Strict):
    routes: list[QualificationRoute]
    duties: list[PrrcDuty]
    at_disposal_sizes: list[EnterpriseSize]
    at_disposal_ref: str
    enterprise_sizes: list[SizeCeiling]  # smallest first; a company above the last one is "large"


class PmsRule(Entry):
    device_class: DeviceClass
    document: Literal["pms-report", "psur"]
    interval_months: int | None  # None: "updated when necessary"
    title: Text


class VigilanceDeadline(Entry):
    id: str
    days: int
    title: Text


class Note(Entry):
    text: Text


class Vigilance(Strict):
    deadlines: list[VigilanceDeadline]
    notes: list[Note] = []


class GlossaryTerm(Entry):
    id: str
    nb: str
    en: str
    definition: Text
    forms_nb: list[str] = []  # inflected forms that should also get the tooltip
    forms_en: list[str] = []


#: A word or phrase as people type it: letters and digits, words separated by one space or hyphen (search ignores
#: case, so "MIR" and "mir" are the same).
SearchWord = Annotated[str, StringConstraints(pattern=r"^[^\W_]+(?:[ -][^\W_]+)*$", max_length=60)]


class Synonym(Strict):
    """Everyday words for something the handbook calls by another name (search only, see synonyms.yml)."""

    words: list[SearchWord] = Field(min_length=1)  # what people type: "reklamasjon", "passer ikke"
    find: list[SearchWord] = Field(min_length=1)  # the handbook's words for it: "klage"


class Synonyms(Strict):
    nb: list[Synonym] = []
    en: list[Synonym] = []

    def __call__(self, lang: str) -> list[Synonym]:
        return self.en if lang == "en" else self.nb


class Provision(Entry):
    """What an MDR article, paragraph or annex is about, in a few words (provisions.yml)."""

    title: Text


class Reference(Entry):
    id: str
    kind: Literal["law", "regulation", "guidance", "standard"]
    title: Text
    edition: str | None = None
    harmonised: bool | None = None
    superseded_by: str | None = None


class DocumentKind(Entry):
    id: str
    title: Text
    per_device_group: bool = False
    group: str | None = None  # "risk", "clinical", "pms", "labelling" ...


class SopTemplate(Entry):
    id: str
    title: Text
    qms_elements: list[str] = []
    iso_clauses: list[str] = []
    mdr_refs: list[str] = []


class Affects(Strict):
    """What a catalogue change touches, so `handbook check` can tell a company whether it concerns them."""

    standards: list[str] = []  # reference IDs: a company citing one of them is concerned
    gspr: list[str] = []  # GSPR numbers: every company's matrix has them
    rules: list[str] = []  # rule IDs whose findings may change


class CatalogueChange(Strict):
    id: str
    what: Text
    source: str  # the legal source of the change (article, guidance, standard)
    affects: Affects = Affects()


class CatalogueVersion(Strict):
    version: str
    date: str
    changes: list[CatalogueChange] = []


class Transition(Entry):
    """A transitional provision with an end date: a company may rely on it until then, if it met the conditions."""

    id: str
    title: Text
    device_class: DeviceClass
    implantable: bool
    application_by: dt.date  # the application to a notified body was lodged by this date
    agreement_by: dt.date  # and the written agreement signed by this date
    ends: dt.date  # no device may be placed on the market under it after this day


class Catalogue(Strict):
    gspr: GsprCatalogue
    annex13: Annex13
    qms_elements: list[QmsElement]
    iso13485: list[IsoClause]
    prrc: PrrcCatalogue
    pms: list[PmsRule]
    vigilance: Vigilance
    glossary: list[GlossaryTerm]
    synonyms: Synonyms = Synonyms()  # search: everyday words -> the handbook's words
    references: list[Reference]
    provisions: list[Provision] = []
    document_kinds: list[DocumentKind]
    sop_templates: list[SopTemplate] = Field(default_factory=list)
    transitions: list[Transition] = []
    changes: list[CatalogueVersion] = Field(min_length=1)  # newest first (changes.yml)

    @property
    def version(self) -> str:
        return self.changes[0].version
