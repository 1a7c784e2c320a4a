"""mkdocs-macros entry point: the macros hand-written pages in docs/ may call.

Each macro renders with the page it is called from, so its links are relative to that page.
"""

from __future__ import annotations

from typing import Any

from . import state
from .render import company, devices, documents, home, procedures, qms
from .render.checklists import checklist_html, working_aid_note
from .render.context import RenderContext
from .render.pages import checklist_sets
from .render.text import esc


def define_env(env: Any) -> None:
    def ctx() -> RenderContext:
        page = getattr(env, "page", None)
        file = getattr(page, "file", None)
        here = file.src_uri if file is not None else getattr(page, "path", "index.md")
        return state.current().ctx.at(here)

    def register(name: str, fn: Any) -> None:
        env.macro(lambda *a, **kw: fn(ctx(), *a, **kw), name)

    register("company_facts", company.company_facts)
    register("about", company.about)
    register("people_table", company.people_table)
    register("role_list", company.role_list)
    register("prrc_appointments", company.prrc_appointments)
    register("prrc_duties", company.prrc_duties)
    register("prrc_tools", company.prrc_tools)
    register("document_register", documents.document_register)
    register("procedure_list", procedures.procedure_list)
    register("device_group_list", devices.device_group_list)
    register("home_guide", home.home_guide)
    register("qms_elements_table", qms.qms_elements_table)
    register("iso_clauses_table", qms.iso_clauses_table)
    def checklist(checklist_id: str) -> str:
        """Embed a checklist by ID: the company's own, or one of the generated ones (e.g. frigivelse-kroner-broer)."""
        current = state.current()
        lists = [c for _, group in checklist_sets(current.ctx, current.findings).values() for c in group]
        found = next((c for c in lists if c.id == checklist_id), None)
        if found is None:
            raise ValueError(f"unknown checklist '{checklist_id}' (known: {', '.join(c.id for c in lists)})")
        return working_aid_note(ctx()) + "\n\n" + checklist_html(ctx(), found)

    env.macro(checklist, "checklist")
    env.macro(lambda nb, en: ctx().t(nb, en), "t")
    env.macro(lambda: esc(state.current().ctx.hb.company.name), "company_name")
