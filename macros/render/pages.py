"""Which pages the generator adds, and the navigation that ties them together."""

from __future__ import annotations

from ..derive import paths
from ..derive.checklists import built_in_checklists
from ..model.checklists import INTERNAL_BUILT_IN
from ..rules.base import Finding
from .changes import changes_page
from .checklists import checklist_page
from .context import RenderContext
from .dashboard import status_page
from .devices import device_group_page
from .doccontrol import front_matter
from .forms import form_links, form_pages
from .glossary import glossary_page
from .gspr import gspr_csv, gspr_page
from .procedures import procedure_page
from .references import references_page
from .roles import role_page
from .text import esc, html_text
from .traceability import traceability_csv, traceability_page


def generated_pages(ctx: RenderContext, findings: list[Finding]) -> dict[str, str]:
    """src path in docs/ → content, for every page that comes from one data entry."""
    hb = ctx.hb
    out: dict[str, str] = {
        paths.CHANGES: changes_page(ctx),
        paths.GLOSSARY: glossary_page(ctx),
        paths.REFERENCES: references_page(ctx),
        paths.TRACEABILITY: traceability_page(ctx),
        paths.TRACEABILITY_CSV: traceability_csv(ctx),
    }
    if ctx.internal:  # the gap dashboard is a working tool, not part of a published snapshot
        out[paths.STATUS] = status_page(ctx, findings)
    for group in hb.device_groups:
        out[paths.device_group(group.id)] = device_group_page(ctx, group)
        out[paths.gspr(group.id)] = gspr_page(ctx, group)
        out[paths.gspr_csv(group.id)] = gspr_csv(ctx, group)
    for proc in hb.procedures:
        out[paths.procedure(proc.id)] = procedure_page(ctx, proc)
    for role in hb.people.roles:
        out[paths.role(role.id)] = role_page(ctx, role)
    sets = checklist_sets(ctx, findings)
    for page_id, (title, lists) in sets.items():
        out[paths.checklist(page_id)] = checklist_page(ctx, page_id, title, lists)
    out[paths.CHECKLISTS] = index_page(ctx.at(paths.CHECKLISTS), ctx.t("Sjekklister", "Checklists"), [
        (title, paths.checklist(pid)) for pid, (title, _) in sets.items()])
    out.update(form_pages(ctx))
    out[paths.FORMS] = index_page(ctx.at(paths.FORMS), ctx.t("Skjema", "Forms"), [
        (f"{form.id} {label}", page) for form in hb.forms for label, page in form_links(ctx, form.id)])
    return out


def checklist_sets(ctx: RenderContext, findings: list[Finding]) -> dict[str, tuple[str, list]]:
    """Checklist page id → (title, checklists): the built-in ones, then the company's own."""
    t = ctx.t
    titles = {"frigivelse": t("Frigivelse av individuelt tilpasset utstyr", "Release of a custom-made device"),
              "prrc-opplaering": t("Opplæring av ny PRRC", "Onboarding a new PRRC"),
              "tilsynsberedskap": t("Tilsynsberedskap", "Inspection readiness"),
              "arshjul": t("Årshjul for kvalitetssystemet", "Yearly QMS cycle")}
    sets = {pid: (titles[pid], lists) for pid, lists in
            built_in_checklists(ctx.hb, findings, ctx.today, ctx.lang, internal=ctx.internal).items()
            if ctx.internal or pid not in INTERNAL_BUILT_IN}
    for checklist in ctx.hb.checklists:
        sets[checklist.id] = (checklist.title, [checklist])
    return sets


def index_page(ctx: RenderContext, title: str, entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f"- {ctx.link(esc(label), page)}" for label, page in entries) or esc(ctx.t(
        "Ingen ennå: de kommer her når dataene har dem.", "None yet: they appear here once the data has them."))
    return f"{front_matter()}# {esc(title)}\n\n{items}\n"


def navigation(ctx: RenderContext, pages: set[str], limit: int = 60) -> list[object]:
    """The nav, in the order a reader needs it; hand-written pages not placed here go last.

    A section with more than ``limit`` entries shows only its index page (which lists them all):
    every page carries the whole nav, so an unbounded nav makes the build grow with pages squared.
    """
    t = ctx.t
    hb = ctx.hb
    placed: set[str] = set()

    def present(*candidates: str) -> list[str]:
        return [p for p in candidates if p in pages]

    def bounded(entries: list[object]) -> list[object]:
        placed.update(_flatten(entries))
        return entries if len(entries) <= limit else []

    obsolete = {paths.procedure(p.id) for p in hb.procedures if p.status == "obsolete"}
    groups = [{html_text(g.name): [paths.device_group(g.id), {t("GSPR-matrise", "GSPR matrix"): paths.gspr(g.id)}]}
              for g in hb.device_groups if paths.device_group(g.id) in pages]
    procs = [paths.procedure(p.id) for p in hb.procedures if p.status != "obsolete" and paths.procedure(p.id) in pages]
    roles = [paths.role(r.id) for r in hb.people.roles]
    checklists = sorted(p for p in pages if p.startswith("sjekklister/") and p != paths.CHECKLISTS)
    forms = sorted(p for p in pages if p.startswith("skjema/") and p != paths.FORMS)
    nav: list[object] = [
        *present(paths.HOME, paths.STATUS, paths.COMPANY, paths.PRRC),
        {t("Utstyrsgrupper", "Device groups"): [*present(paths.DEVICE_GROUPS), *bounded(groups)]},
        {t("Prosedyrer", "Procedures"): [*present(paths.PROCEDURES), *bounded(procs)]},
        {t("Roller", "Roles"): bounded(roles) or present(paths.COMPANY)},
        {t("Sjekklister", "Checklists"): [paths.CHECKLISTS, *bounded(checklists)]},
        {t("Skjema", "Forms"): [paths.FORMS, *bounded(forms)]},
        *present(paths.REGISTER, paths.TRACEABILITY, paths.CHANGES, paths.GLOSSARY, paths.REFERENCES),
    ]
    placed.update(_flatten(nav), obsolete)  # obsolete procedures stay reachable by link, out of the nav
    return nav + sorted(p for p in pages if p not in placed)


def _flatten(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _flatten(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in _flatten(v)]
    return []
