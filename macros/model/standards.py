"""The company's own standards register, beside the catalogue's (product standards the catalogue does not list)."""

from __future__ import annotations

from ..catalogue.model import Reference, Text
from .base import Id, Located


class OwnStandard(Located):
    id: Id
    title: str  # e.g. "NS-EN ISO 6872 Tannbehandling – Keramiske materialer"
    edition: str
    harmonised: bool | None = None  # None: not known
    superseded_by: Id | None = None

    def as_reference(self) -> Reference:
        return Reference(id=self.id, kind="standard", title=Text(nb=self.title, en=self.title), edition=self.edition,
                         harmonised=self.harmonised, superseded_by=self.superseded_by, ref=self.title)


class StandardsRegister(Located):
    standards: list[OwnStandard] = []
