"""Procedures: controlled documents with ordered steps, each owned by a role."""

from __future__ import annotations

from .base import ChecklistRef, Clause, Day, DocumentRef, Id, Letter, Located
from .documents import Controlled


class Step(Located):
    id: Id
    text: str
    role: Id
    forms: list[DocumentRef] = []
    records: list[str] = []
    checklist: ChecklistRef | None = None


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
