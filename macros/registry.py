"""Every kind of data file, declared once: where it lives in the data folder, its model, its schema's name.

The loader, the JSON Schemas, `handbook new` and the tests read this list; adding a kind of file, or a field
to one (in its model), touches nothing else. What an inspector may see is declared in the models themselves
(``audience`` fields and ``Ref`` marks, see audience.py); what a release records, in model/releases.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .model.checklists import Checklist
from .model.company import Company
from .model.devices import DeviceGroup
from .model.documents import DocumentRegister
from .model.forms import Form
from .model.gspr import GsprMatrix
from .model.people import People
from .model.procedures import Procedure
from .model.prrc import Prrc
from .model.releases import Releases
from .model.standards import StandardsRegister


@dataclass(frozen=True)
class Kind:
    schema: str  # the JSON Schema's name: schema/<schema>.schema.json
    path: str  # "company.yml", or a folder with one file per entry: "procedures/"
    model: type[BaseModel]
    required: bool = False

    @property
    def folder(self) -> bool:
        return self.path.endswith("/")

    @property
    def name(self) -> str:
        return self.path.rstrip("/")


KINDS: tuple[Kind, ...] = (
    Kind("company", "company.yml", Company, required=True),
    Kind("people", "people.yml", People, required=True),
    Kind("prrc", "prrc.yml", Prrc, required=True),
    Kind("documents", "documents.yml", DocumentRegister, required=True),
    Kind("releases", "releases.yml", Releases),
    Kind("standards", "standards.yml", StandardsRegister),
    Kind("device-group", "device-groups/", DeviceGroup),
    Kind("gspr", "gspr/", GsprMatrix),
    Kind("procedure", "procedures/", Procedure),
    Kind("checklist", "checklists/", Checklist),
    Kind("form", "forms/", Form),
)
LOCKS = "releases"  # releases/<version>.json: what the data said at each release (model/releases.py)
ALSO_ALLOWED = ("README.md",)  # beside the data: a note for whoever edits it
