"""PRRC appointments (MDR Art. 15)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .base import Day, DocumentRef, Id, Located


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Experience(Located):
    employer: str
    position: str
    field: str  # the relevant manufacturing field
    start: Day
    end: Day | None = None  # None: still there
    evidence: list[DocumentRef] = []  # documents (CV, references, certificates)


class CompetenceAssessment(Located):
    document: DocumentRef
    date: Day
    assessed_by: Id  # person


class JobDescription(Located):
    document: DocumentRef
    signed_by_company: Day | None = None
    signed_by_prrc: Day | None = None


class Appointment(Located):
    person: Id
    arrangement: Literal["in-house", "at-disposal"]
    contract: DocumentRef | None = None  # contract document when at disposal
    start: Day
    route: Literal["custom-made", "degree", "experience"]
    degree: str = ""
    experience: list[Experience] = []
    competence_assessment: CompetenceAssessment | None = None
    job_description: JobDescription | None = None
    deputy: Id | None = None
    area: str = ""  # written split of responsibility when there are several PRRCs (Art. 15(4))

    def experience_days(self, today: dt.date, *, evidenced_only: bool = False) -> int:
        """Days of relevant experience up to ``today``; overlapping periods count once."""
        spans = sorted((e.start, min(e.end or today, today)) for e in self.experience
                       if not evidenced_only or e.evidence)
        days, cur_start, cur_end = 0, None, None
        for start, end in spans:
            if cur_end is None or start > cur_end:
                if cur_end is not None:
                    days += (cur_end - cur_start).days
                cur_start, cur_end = start, end
            else:
                cur_end = max(cur_end, end)
        if cur_end is not None:
            days += (cur_end - cur_start).days
        return days

    def experience_years(self, today: dt.date) -> float:
        return self.experience_days(today) / 365.25

    def has_years(self, today: dt.date, years: int) -> bool:
        """At least ``years`` years of evidenced experience (exactly two years is enough for two)."""
        return self.experience_days(today, evidenced_only=True) >= (today - add_years(today, -years)).days


class Prrc(Located):
    appointments: list[Appointment]
