"""Handbook releases: a version, a date and who approved it."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Id, Located


class Release(Located):
    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
    date: dt.date
    approved_by: Id
    summary: str = ""


class Releases(Located):
    releases: list[Release] = []

    @property
    def latest(self) -> Release | None:
        return max(self.releases, key=lambda r: (r.date, r.version), default=None)
