"""The macros hand-written pages call (``[[ company_facts() ]]``), registered with mkdocs-macros by the plugin.

Each macro renders with the page it is called from, so its links are relative to that page. The macros
read the plugin's loaded handbook: no module-level state, and no module for mkdocs-macros to import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..render import company, devices, documents, home, procedures, qms
from ..render.checklists import checklist_html, working_aid_note
from ..render.context import RenderContext
from ..render.pages import checklist_sets
from ..render.text import esc

if TYPE_CHECKING:
    from .handbook import HandbookPlugin

#: Macros that render a part of a page from the data: name -> renderer(ctx).
RENDERERS: dict[str, Callable[..., str]] = {
    "company_facts": company.company_facts, "about": company.about, "people_table": company.people_table,
    "role_list": company.role_list, "prrc_appointments": company.prrc_appointments,
    "prrc_duties": company.prrc_duties, "prrc_tools": company.prrc_tools,
    "document_register": documents.document_register, "procedure_list": procedures.procedure_list,
    "device_group_list": devices.device_group_list, "home_guide": home.home_guide,
    "qms_elements_table": qms.qms_elements_table, "iso_clauses_table": qms.iso_clauses_table,
}


def register(plugin: HandbookPlugin, config: MkDocsConfig) -> None:
    macros_plugin = config.plugins.get("macros")
    if macros_plugin is None:
        raise PluginError("the handbook needs the mkdocs-macros plugin (pip install mkdocs-macros-plugin)")

    def here() -> RenderContext:
        page = getattr(macros_plugin, "page", None)
        file = getattr(page, "file", None)
        return plugin.ctx.at(file.src_uri if file is not None else getattr(page, "path", "index.md"))

    def bound(fn: Callable[..., str]) -> Callable[..., str]:
        return lambda *args, **kwargs: fn(here(), *args, **kwargs)

    def checklist(checklist_id: str) -> str:
        """Embed a checklist by ID: the company's own, or a generated one (e.g. frigivelse-kroner-broer)."""
        lists = [c for _, group in checklist_sets(plugin.ctx, plugin.findings).values() for c in group]
        found = next((c for c in lists if c.id == checklist_id), None)
        if found is None:
            raise ValueError(f"unknown checklist '{checklist_id}' (known: {', '.join(c.id for c in lists)})")
        return working_aid_note(here()) + "\n\n" + checklist_html(here(), found)

    items: dict[str, Any] = {name: bound(fn) for name, fn in RENDERERS.items()}
    items["checklist"] = checklist
    items["t"] = lambda nb, en: plugin.ctx.t(nb, en)
    items["company_name"] = lambda: esc(plugin.ctx.hb.company.name)
    # mkdocs-macros keeps macros registered before its own on_config in a dict on its class: give this
    # instance a dict of its own, so a second build in one process (serve) starts clean.
    macros_plugin._add_macros = {}
    macros_plugin.register_macros(items)
