"""Where each page lives in docs/ (and so in the site). One place, so links never drift."""

from __future__ import annotations

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


def role(role_id: str) -> str:
    return f"roller/{role_id}.md"


def doc_anchor(doc_id: str) -> str:
    return "doc-" + doc_id.lower().replace(".", "-")


def checklist(page_id: str) -> str:
    return f"sjekklister/{page_id}.md"


def form(form_id: str, group_id: str | None = None) -> str:
    return f"skjema/{form_id}-{group_id}.md" if group_id else f"skjema/{form_id}.md"
