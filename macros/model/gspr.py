"""A device group's GSPR matrix (Annex I): applicability and conformity kept apart, as Annex XIII needs both."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from ..errors import Invalid
from .base import DocumentRef, GroupRef, GsprNumber, Id, Located


class Evidence(Located):
    document: DocumentRef
    section: str = ""


class Method(Located):
    standard: Id | None = None  # a standard from the catalogue or the company's standards.yml
    standards: list[Id] = []  # several standards
    common_specification: str = ""
    own: str = ""  # own method, described

    @model_validator(mode="after")
    def _something(self) -> Method:
        if not (self.standard or self.standards or self.common_specification or self.own):
            raise Invalid("en metode trenger 'standard', 'standards', 'common_specification' eller 'own'",
                          "a method needs 'standard', 'standards', 'common_specification' or 'own'")
        return self

    @property
    def all_standards(self) -> list[str]:
        return ([self.standard] if self.standard else []) + self.standards


class GsprRow(Located):
    gspr: GsprNumber  # a requirement ("10.4.1") or one of its points ("10.4.1(a)"), as the catalogue numbers them
    applicable: bool | None = None  # None: not yet decided ("ikke vurdert")
    justification: str = ""  # required when not applicable
    method: Method | None = None
    evidence: list[Evidence] = []
    conformity: Literal["met", "not-fully-met"] | None = None
    grounds: str = ""  # required when not fully met
    note: str = ""


class GsprMatrix(Located):
    device_group: GroupRef
    rows: list[GsprRow]
