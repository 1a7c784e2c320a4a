"""PRRC appointments (MDR Art. 15)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Literal

from pydantic import field_validator

from ..catalogue.model import ExperienceKind
from .base import Day, DocumentRef, Id, Located


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when there is no such day (31 Jan + 1 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def duration(start: dt.date, last: dt.date) -> tuple[int, int]:
    """(whole months, remaining days) from ``start`` to ``last``, both days included: 2021-03-01..2023-02-28 is
    exactly 24 months, whether or not the window holds a 29 February."""
    end = last + dt.timedelta(days=1)
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months, (end - add_months(start, months)).days


class Experience(Located):
    employer: str
    position: str
    field: str  # the relevant field, e.g. the manufacturing field
    kinds: list[ExperienceKind] = []  # what the experience was in; the PRRC's route says which kinds count
    start: Day
    end: Day | None = None  # None: still there (the last day worked, included)
    evidence: list[DocumentRef] = []  # documents (CV, references, certificates)


class CompetenceAssessment(Located):
    document: DocumentRef
    date: Day
    assessed_by: Id  # person


class JobDescription(Located):
    document: DocumentRef
    signed_by_company: Day | None = None
    signed_by_prrc: Day | None = None


Route = Literal["custom-made", "degree", "experience"]


class Experienced(Located):
    """Someone whose qualification rests on periods of experience (the PRRC, and a deputy who qualifies the same way)."""

    route: Route | None = None
    degree: str = ""
    experience: list[Experience] = []

    def experience_span(self, today: dt.date, kinds: list[str] | None = None, *, evidenced_only: bool = False
                   ) -> tuple[int, int]:
        """(months, days) of experience up to ``today``, both ends of each period included, overlapping or
        adjoining periods counted once; only periods of one of ``kinds`` when given."""
        spans = sorted((e.start, min(e.end or today, today)) for e in self.experience
                       if (not evidenced_only or e.evidence) and (kinds is None or set(e.kinds) & set(kinds))
                       and e.start <= today)
        merged: list[list[dt.date]] = []
        for start, last in spans:
            if merged and start <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([start, last])
        months = days = 0
        for start, last in merged:
            m, d = duration(start, last)
            months, days = months + m, days + d
        # Leftover days of separate periods add up to a month only at 31: a single period is never rounded up.
        return months + days // 31, days % 31

    def experience_years(self, today: dt.date, kinds: list[str] | None = None, *,
                         evidenced_only: bool = False) -> float:
        months, days = self.experience_span(today, kinds, evidenced_only=evidenced_only)
        return (months + days / 30.44) / 12

    def has_years(self, today: dt.date, years: int, kinds: list[str]) -> bool:
        """At least ``years`` calendar years of evidenced experience of one of ``kinds``."""
        return self.experience_span(today, kinds, evidenced_only=True)[0] >= 12 * years


class Deputy(Experienced):
    """Who stands in for the PRRC, on what competence, and when (MDCG 2019-7: a substitute needs the competence).

    The qualification is either a route with evidenced experience, as for the PRRC, or a short statement
    with the documents that bear it out (a competence assessment, a CV)."""

    person: Id
    qualification: str = ""  # a short statement of the deputy's competence for the PRRC's duties
    evidence: list[DocumentRef] = []  # documents bearing the statement out
    availability: str = ""  # when the deputy acts (the PRRC's absence), at what notice, how reached


class Appointment(Experienced):
    person: Id
    arrangement: Literal["in-house", "at-disposal"]
    contract: DocumentRef | None = None  # contract document when at disposal
    start: Day
    route: Route  # type: ignore[assignment]  # required for the PRRC
    competence_assessment: CompetenceAssessment | None = None
    job_description: JobDescription | None = None
    deputy: Deputy | None = None
    area: str = ""  # written split of responsibility when there are several PRRCs (Art. 15(4))

    @field_validator("deputy", mode="before")
    @classmethod
    def _deputy_by_name(cls, value: Any) -> Any:
        """``deputy: marte-haugland`` (a name alone, as before) is a deputy with nothing documented yet."""
        return {"person": value} if isinstance(value, str) else value


class Prrc(Located):
    appointments: list[Appointment]
