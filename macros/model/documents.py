"""The document register (ISO 13485 4.2.4/4.2.5)."""

from __future__ import annotations

import datetime as dt

from .base import Audience, Day, DocumentRef, GroupRef, Id, Located, Months, Status, Years


class Controlled(Located):
    """Document-control fields shared by register entries and procedures."""

    id: Id
    title: str
    version: str
    status: Status
    owner: Id
    approver: Id
    approved: Day | None = None
    effective: Day | None = None
    review_interval_months: Months = 24
    next_review: Day | None = None
    superseded_by: DocumentRef | None = None
    audience: Audience = "everyone"
    internal_notes: str = ""

    @property
    def review_due(self) -> dt.date | None:
        """The next review: stated, or the effective date plus the interval."""
        if self.next_review:
            return self.next_review
        if self.effective:
            return add_months(self.effective, self.review_interval_months)
        return None


class Document(Controlled):
    kind: Id  # an id from the catalogue's document kinds
    device_group: GroupRef | None = None
    location: str = ""
    retention_years: Years | None = None
    summary: str = ""


class DocumentRegister(Located):
    documents: list[Document]


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
