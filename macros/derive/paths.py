"""Where each page lives in docs/ (and so in the site). One place, so links never drift."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.checklists import BUILT_IN

if TYPE_CHECKING:
    from ..model.base import Located
    from ..model.devices import DeviceGroup
    from ..model.forms import Form
    from ..model.handbook import Handbook

HOME = "index.md"
COMPANY = "virksomheten.md"
PRRC = "prrc.md"
REGISTER = "dokumenter.md"
PROCEDURES = "prosedyrer/index.md"
DEVICE_GROUPS = "utstyr/index.md"
STATUS = "status.md"
GLOSSARY = "ordliste.md"
REFERENCES = "referanser.md"
CHECKLISTS = "sjekklister/index.md"
FORMS = "skjema/index.md"
TRACEABILITY = "sporbarhet.md"
CHANGES = "endringer.md"
TRACEABILITY_CSV = "sporbarhet.csv"


def procedure(proc_id: str) -> str:
    return f"prosedyrer/{proc_id}.md"


def device_group(group_id: str) -> str:
    return f"utstyr/{group_id}.md"


def gspr(group_id: str) -> str:
    return f"gspr/{group_id}.md"


def gspr_csv(group_id: str) -> str:
    return f"gspr/{group_id}.csv"


def gspr_anchor(number: str) -> str:
    """The matrix row of a requirement or point: "10.1(c)" -> "gspr-10.1-c"."""
    return "gspr-" + number.replace("(", "-").replace(")", "")


def role(role_id: str) -> str:
    return f"roller/{role_id}.md"


def doc_anchor(doc_id: str) -> str:
    return "doc-" + doc_id.lower().replace(".", "-")


def checklist(page_id: str) -> str:
    return f"sjekklister/{page_id}.md"


def form(form_id: str, group_id: str | None = None) -> str:
    return f"skjema/{form_id}-{group_id}.md" if group_id else f"skjema/{form_id}.md"


#: Pages written by hand (docs/): the standard pages that call the macros.
STANDARD = (HOME, COMPANY, PRRC, REGISTER, PROCEDURES, DEVICE_GROUPS)
#: Pages the generator always writes, whatever the data.
FIXED = (CHANGES, GLOSSARY, REFERENCES, TRACEABILITY, TRACEABILITY_CSV, STATUS, CHECKLISTS, FORMS)


def form_pages(hb: Handbook, entry: Form) -> list[tuple[str, DeviceGroup | None]]:
    """A form's page(s): one per device group for the statement (the groups it names, else every group)."""
    if entry.special != "statement":
        return [(form(entry.id), None)]
    groups = [hb.groups[g] for g in entry.device_groups if g in hb.groups] or hb.device_groups
    return [(form(entry.id, g.id), g) for g in groups]


def page_sources(hb: Handbook) -> list[tuple[str, Located | None]]:
    """Every page the generator writes for this data, with the entry it comes from (None: a page it always writes)."""
    out: list[tuple[str, Located | None]] = [(p, None) for p in FIXED]
    for g in hb.device_groups:
        out += [(device_group(g.id), g), (gspr(g.id), g), (gspr_csv(g.id), g)]
    out += [(procedure(p.id), p) for p in hb.procedures]
    out += [(role(r.id), r) for r in hb.people.roles]
    out += [(checklist(c), None) for c in BUILT_IN]
    out += [(checklist(c.id), c) for c in hb.checklists]
    out += [(path, f) for f in hb.forms for path, _ in form_pages(hb, f)]
    return out
