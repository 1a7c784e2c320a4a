"""Which pages the generator adds, and the navigation that ties them together."""

from __future__ import annotations

from ..rules.base import Finding
from . import paths
from .context import RenderContext
from .devices import device_group_page
from .gspr import gspr_csv, gspr_page
from .procedures import procedure_page
from .roles import role_page


def generated_pages(ctx: RenderContext, findings: list[Finding]) -> dict[str, str]:
    """src path in docs/ → content, for every page that comes from one data entry."""
    hb = ctx.hb
    out: dict[str, str] = {}
    for group in hb.device_groups:
        if group.audience == "internal" and not ctx.internal:
            continue
        out[paths.device_group(group.id)] = device_group_page(ctx, group)
        out[paths.gspr(group.id)] = gspr_page(ctx, group)
        out[paths.gspr_csv(group.id)] = gspr_csv(ctx, group)
    for proc in hb.procedures:
        if proc.audience == "internal" and not ctx.internal:
            continue
        out[paths.procedure(proc.id)] = procedure_page(ctx, proc)
    for role in hb.people.roles:
        out[paths.role(role.id)] = role_page(ctx, role)
    return out


def navigation(ctx: RenderContext, pages: set[str]) -> list[object]:
    """The nav, in the order a reader needs it; hand-written pages not placed here go last."""
    t = ctx.t
    hb = ctx.hb

    def present(*candidates: str) -> list[str]:
        return [p for p in candidates if p in pages]

    groups = [{g.name: [paths.device_group(g.id), {t("GSPR-matrise", "GSPR matrix"): paths.gspr(g.id)}]}
              for g in hb.device_groups if paths.device_group(g.id) in pages]
    procs = [paths.procedure(p.id) for p in hb.procedures if p.status != "obsolete" and paths.procedure(p.id) in pages]
    roles = [paths.role(r.id) for r in hb.people.roles]
    nav: list[object] = [
        *present(paths.HOME, paths.STATUS, paths.COMPANY, paths.PRRC),
        {t("Utstyrsgrupper", "Device groups"): [*present(paths.DEVICE_GROUPS), *groups]},
        {t("Prosedyrer", "Procedures"): [*present(paths.PROCEDURES), *procs]},
        {t("Roller", "Roles"): roles},
        *present(paths.REGISTER, paths.GLOSSARY, paths.REFERENCES),
    ]
    placed = {p for p in _flatten(nav)}
    rest = sorted(p for p in pages if p not in placed and not _hidden(ctx, p))
    return nav + rest


def _flatten(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _flatten(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in _flatten(v)]
    return []


def _hidden(ctx: RenderContext, page: str) -> bool:
    """Obsolete procedures stay reachable by link but out of the navigation."""
    return page.startswith("prosedyrer/") and any(
        paths.procedure(p.id) == page and p.status == "obsolete" for p in ctx.hb.procedures)
