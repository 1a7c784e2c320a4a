"""The whole handbook's data: the company's model objects plus the catalogue, with look-ups by ID."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..catalogue.model import Catalogue, Reference
from .checklists import Checklist
from .company import Company
from .devices import DeviceGroup
from .documents import Controlled, Document
from .forms import Form
from .gspr import GsprMatrix
from .people import People, Person, Role
from .procedures import Procedure
from .prrc import Prrc
from .releases import ReleaseLock, Releases
from .standards import OwnStandard


@dataclass
class Handbook:
    data_dir: Path
    catalogue: Catalogue
    company: Company
    people: People
    prrc: Prrc
    documents: list[Document]
    device_groups: list[DeviceGroup]
    gspr: dict[str, GsprMatrix]
    procedures: list[Procedure]
    checklists: list[Checklist] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    releases: Releases = field(default_factory=Releases)
    own_standards: list[OwnStandard] = field(default_factory=list)
    locks: dict[str, ReleaseLock] = field(default_factory=dict)  # release version -> what the data said then

    @cached_property
    def references(self) -> dict[str, Reference]:
        """Every reference by ID: the catalogue's, then the company's own standards."""
        return {r.id: r for r in [*self.catalogue.references, *(s.as_reference() for s in self.own_standards)]}

    @cached_property
    def persons(self) -> dict[str, Person]:
        return {p.id: p for p in self.people.people}

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {r.id: r for r in self.people.roles}

    @cached_property
    def docs(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def groups(self) -> dict[str, DeviceGroup]:
        return {g.id: g for g in self.device_groups}

    @cached_property
    def procs(self) -> dict[str, Procedure]:
        return {p.id: p for p in self.procedures}

    @cached_property
    def procedures_in_order(self) -> list[Procedure]:
        """Every procedure, by ID: the order pages and tables list them in."""
        return sorted(self.procedures, key=lambda p: p.id)

    @cached_property
    def effective_procedures(self) -> list[Procedure]:
        return [p for p in self.procedures_in_order if p.status == "effective"]

    @cached_property
    def procedures_citing(self) -> dict[str, dict[str, list[Procedure]]]:
        """"iso13485" or "qms_elements" → reference → the effective procedures citing it, by ID."""
        index: dict[str, dict[str, list[Procedure]]] = {"iso13485": {}, "qms_elements": {}}
        for proc in self.effective_procedures:
            for kind, refs in index.items():
                for ref in dict.fromkeys(getattr(proc.references, kind)):
                    refs.setdefault(ref, []).append(proc)
        return index

    @cached_property
    def controlled(self) -> dict[str, Controlled]:
        """Every controlled document: register entries and procedures share one ID space."""
        return {**self.docs, **self.procs}

    def holders(self, role_id: str) -> list[Person]:
        return [p for p in self.people.people if role_id in p.roles]

    def group_documents(self, group_id: str) -> list[Document]:
        return self._documents_by_group.get(group_id, [])

    @cached_property
    def _documents_by_group(self) -> dict[str | None, list[Document]]:
        by_group: dict[str | None, list[Document]] = {}
        for d in self.documents:
            by_group.setdefault(d.device_group, []).append(d)
        return by_group
