"""Handbook releases (a version, a date and who approved it) and their locks: what the data said at each."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .base import Audience, Day, Id, Line, Located, Status

VERSION = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$"


class Release(Located):
    version: str = Field(pattern=VERSION)
    date: Day
    approved_by: Id
    summary: Line = ""


class Releases(Located):
    releases: list[Release] = []

    @property
    def latest(self) -> Release | None:
        return max(self.releases, key=lambda r: (r.date, r.version), default=None)


# --- the lock: data/releases/<version>.json, written by `handbook release` ---------------------------------

class LockedDocument(Located):
    title: str
    version: str
    status: Status
    audience: Audience | None = None  # None: a lock written before audiences were recorded
    device_group: Id | None = None


class LockedEvidence(Located):
    document: str
    section: str = ""


class LockedRow(Located):
    applicable: bool | None
    conformity: Literal["met", "not-fully-met"] | None
    evidence: list[LockedEvidence] = []
    method: str = ""
    justification: str = ""
    grounds: str = ""

    @field_validator("evidence", mode="before")
    @classmethod
    def _old_evidence(cls, value: Any) -> Any:
        """The first lock format wrote evidence as "ID section" strings."""
        if isinstance(value, list):
            return [dict(zip(("document", "section"), v.split(" ", 1), strict=False)) if isinstance(v, str) else v
                    for v in value]
        return value


class LockedGroup(Located):
    audience: Audience


class LockedAppointment(Located):
    person: Id
    arrangement: str
    route: str
    deputy: Id | None = None
    start: Day


class ReleaseLock(Located):
    """The parts of the data a reader of "what changed" cares about, as they were at one release."""

    format: int = 1
    catalogue: str | None = None  # format 2: the regulatory catalogue's version the release was made with
    procedures: dict[str, LockedDocument]
    documents: dict[str, LockedDocument]
    groups: dict[str, LockedGroup] = {}  # format 2: each device group's audience
    gspr: dict[str, dict[str, LockedRow]]
    prrc: list[LockedAppointment]
