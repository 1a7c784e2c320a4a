"""The home page's reading guide for the three kinds of reader."""

from __future__ import annotations

from ..derive import paths
from .context import RenderContext
from .text import esc


def home_guide(ctx: RenderContext) -> str:
    t, hb = ctx.t, ctx.hb
    roles = ", ".join(ctx.link(esc(r.title), paths.role(r.id)) for r in hb.people.roles)
    groups = ", ".join(ctx.link(esc(g.name), paths.device_group(g.id)) for g in hb.device_groups)
    staff = t("Finn rollen din – der står alle oppgavene dine i prosedyrene, i rekkefølge:",
              "Find your role: it lists all your tasks in the procedures, in order:")
    search = t("Eller søk etter et ord øverst på siden.", "Or search for a word at the top of the page.")
    prrc = t("Start med", "Start with") + " " + ctx.link(t("PRRC-siden", "the PRRC page"), paths.PRRC) + ", " + t(
        "deretter utstyrsgruppene og GSPR-matrisene:", "then the device groups and their GSPR matrices:")
    inspector = (ctx.link(t("Virksomheten", "The company"), paths.COMPANY) + ", "
                 + ctx.link(t("dokumentregisteret", "the document register"), paths.REGISTER) + " "
                 + t("og dokumentasjonen etter vedlegg XIII for hver utstyrsgruppe:",
                     "and the Annex XIII documentation per device group:"))
    return "\n\n".join([
        f"## {t('Slik bruker du håndboken', 'How to use this handbook')}",
        f'!!! tip "{t("Ansatt: hva gjør jeg nå?", "Staff: what do I do now?")}"\n    {staff} {roles}. {search}',
        f'!!! info "{t("Ny PRRC", "New PRRC")}"\n    {prrc} {groups}.',
        f'!!! abstract "{t("Tilsynsmyndighet", "Inspector")}"\n    {inspector} {groups}.',
    ])
