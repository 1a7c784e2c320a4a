"""Device groups: the unit for risk management, clinical evaluation, PMS and the GSPR matrix (MDCG 2021-3 Q8)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from ..errors import Invalid
from .base import Audience, Day, DocumentRef, Id, Located, Years

DeviceClass = Literal["I", "IIa", "IIb", "III"]


class Material(Located):
    name: str
    supplier: str = ""
    ce_marked: bool = False
    cmr_substances: list[str] = []  # CMR category 1A/1B above 0.1 % w/w, e.g. "kobolt (CMR 1B)"
    endocrine_disruptors: list[str] = []  # endocrine-disrupting substances above 0.1 % w/w (Annex I 10.4.1(b))


class Characteristics(Located):
    """What the device is; each flag pre-fills the expected GSPR applicability."""

    implantable: bool = False
    invasive: bool = False
    active: bool = False
    sterile: bool = False
    lay_user: bool = False  # the patient inserts, removes, cleans or maintains it
    body_contact: bool = True
    animal_tissue: bool = False
    human_tissue: bool = False
    medicinal_substance: bool = False
    nanomaterial: bool = False
    multi_part_implant: bool = False
    combined_use: bool = False
    adjustable: bool = False
    load_bearing: bool = False
    measuring: bool = False
    software: bool = False


class Ifu(Located):
    """Instructions for use, or the class I/IIa exemption (Annex I 23.1(d))."""

    supplied: bool
    document: DocumentRef | None = None  # the IFU when supplied
    exemption_assessment: DocumentRef | None = None  # the risk-based justification when not
    justification: str = ""

    @model_validator(mode="after")
    def _one_or_the_other(self) -> Ifu:
        if self.supplied and not self.document:
            raise Invalid("en bruksanvisning som følger med, trenger 'document' (ID-en i dokumentregisteret)",
                          "an IFU that is supplied needs 'document' (its ID in the register)")
        return self


class Label(Located):
    wording: str
    document: DocumentRef | None = None


class DeviceGroup(Located):
    id: Id
    name: str
    description: str
    examples: list[str] = []
    device_class: DeviceClass
    classification_rule: str
    classification_note: str = ""
    characteristics: Characteristics
    materials: list[Material] = []
    intended_purpose: str
    design: str = ""  # Annex XIII §2: design
    manufacture: str = ""  # Annex XIII §2: manufacture
    performance: str = ""  # Annex XIII §2: expected performance
    sites: list[Id]
    ifu: Ifu
    label: Label
    statement_retention_years: Years | None = None  # None: derived from implantable
    first_statement: Day | None = None  # first Annex XIII statement for this group (PSUR clock)
    audience: Audience = "everyone"
    internal_notes: str = ""

    @property
    def cmr_substances(self) -> list[str]:
        return [s for m in self.materials for s in m.cmr_substances]

    @property
    def endocrine_disruptors(self) -> list[str]:
        return [s for m in self.materials for s in m.endocrine_disruptors]

    @property
    def substance_limit(self) -> bool:
        """Annex I 10.4.1(a)/(b) applies: a CMR substance or endocrine disruptor in an invasive body-contact part."""
        flags = self.flags()
        return flags["cmr_invasive"] or flags["endocrine_invasive"]

    def flags(self) -> dict[str, bool]:
        """Every GSPR trigger, including the derived ones."""
        flags = self.characteristics.model_dump()
        flags["cmr_substance"] = bool(self.cmr_substances)
        flags["endocrine_disruptor"] = bool(self.endocrine_disruptors)
        # Annex I 10.4.1 limits CMR and endocrine-disrupting substances only in parts that are invasive and in direct
        # body contact (or that administer substances): judged here for the group as a whole.
        contact = self.characteristics.invasive and self.characteristics.body_contact
        flags["cmr_invasive"] = flags["cmr_substance"] and contact
        flags["endocrine_invasive"] = flags["endocrine_disruptor"] and contact
        flags["ifu_supplied"] = self.ifu.supplied
        return flags

    @property
    def required_retention_years(self) -> int:
        return 15 if self.characteristics.implantable else 10

    @property
    def retention_years(self) -> int:
        return self.statement_retention_years or self.required_retention_years
