"""Procedures: controlled documents with ordered steps, each owned by a role."""

from __future__ import annotations

from pydantic import Field

from .base import ChecklistRef, Clause, Day, DocumentRef, Id, Letter, Located
from .documents import Controlled


class FieldRecord(Located):
    """What a step records on a form: the form (a template in forms/) and the IDs of the fields it fills in."""

    form: DocumentRef
    fields: list[Id] = Field(min_length=1)


class Step(Located):
    id: Id
    text: str
    role: Id
    forms: list[DocumentRef] = []
    records: list[str] = []  # records kept elsewhere, in words ("Produksjonsjournal")
    fills: list[FieldRecord] = []  # fields this step fills in on a form: checked against the form when loading
    checklist: ChecklistRef | None = None

    @property
    def all_forms(self) -> list[str]:
        """The forms the step uses: those it lists, then those it fills in and does not list."""
        return list(dict.fromkeys([*self.forms, *(r.form for r in self.fills)]))


class Responsibility(Located):
    role: Id
    text: str


class References(Located):
    mdr: list[str] = []
    iso13485: list[Clause] = []
    qms_elements: list[Letter] = []  # Art. 10(9) letters a-m
    other: list[str] = []


class Revision(Located):
    version: str
    date: Day
    changes: str
    approved_by: Id


class Procedure(Controlled):
    purpose: str
    scope: str
    responsibilities: list[Responsibility] = []
    steps: list[Step]
    references: References
    related_documents: list[DocumentRef] = []
    revisions: list[Revision] = []

    @property
    def forms(self) -> list[str]:
        """Every form its steps use (listed or filled in), in step order."""
        return list(dict.fromkeys(f for s in self.steps for f in s.all_forms))
