"""Checklists: working aids embedded in pages; each item has a stable ID so ticks survive a reload."""

from __future__ import annotations

from pydantic import Field

from .base import Audience, DocumentRef, Id, Located, Page


class ChecklistItem(Located):
    id: Id
    text: str
    requirement: str = ""  # legal or ISO reference the item comes from
    procedure: DocumentRef | None = None  # procedure (and optionally step, "P-09#s3") it comes from
    step: Id | None = None
    page: Page | None = None  # a handbook page (path in docs/, optionally #anchor) the item points to


#: The checklist pages the generator builds from the data; a procedure step may name them in 'checklist'.
BUILT_IN = ("frigivelse", "prrc-opplaering", "tilsynsberedskap", "arshjul")
INTERNAL_BUILT_IN = ("tilsynsberedskap",)  # a working tool of the company's, not part of a published snapshot


class Checklist(Located):
    id: Id
    title: str
    version: str
    audience: Audience = "everyone"
    purpose: str = ""
    items: list[ChecklistItem] = Field(min_length=1)
