"""Role pages: everything one role does, in procedure order (staff: "what do I do?")."""

from __future__ import annotations

from ..derive import paths
from ..model.people import Role
from ..model.procedures import Procedure, Step
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, paragraphs, table


def steps_for(ctx: RenderContext, role_id: str) -> list[tuple[Procedure, int, Step]]:
    """Every step this role is responsible for, in procedure order then step order; obsolete procedures left out."""
    return [(proc, n, step) for proc in ctx.hb.procedures_in_order if proc.status != "obsolete"
            for n, step in enumerate(proc.steps, 1) if step.role == role_id]


def role_page(ctx: RenderContext, role: Role) -> str:
    ctx = ctx.at(paths.role(role.id))
    t = ctx.t
    out = [front_matter(), f"# {esc(role.title)}", paragraphs(role.description),
           f"**{t('Innehas av', 'Held by')}:** " + (", ".join(esc(p.name) for p in ctx.hb.holders(role.id)) or "–")]
    steps = steps_for(ctx, role.id)
    out.append(f"## {t('Mine oppgaver i prosedyrene', 'My tasks in the procedures')}")
    if steps:
        rows = [[ctx.link(esc(p.id), paths.procedure(p.id), f"{p.id}-{s.id}"), esc(p.title), str(n), esc(s.text)]
                for p, n, s in steps]
        out.append(table([t("Prosedyre", "Procedure"), t("Tittel", "Title"), t("Trinn", "Step"), t("Oppgave", "Task")],
                         rows))
    else:
        out.append(t("Rollen har ingen trinn i prosedyrene.", "The role has no steps in the procedures."))
    forms = sorted({f for _, _, s in steps for f in s.all_forms})
    if forms:
        out += [f"## {t('Skjema jeg fyller ut', 'Forms I fill in')}",
                "\n".join(f"- {ctx.doc(f, title=True)}" for f in forms)]
    holders = {p.id for p in ctx.hb.holders(role.id)}
    owned = [d for d in ctx.hb.controlled.values() if d.status != "obsolete" and (d.owner in holders or d.approver in holders)]
    if owned:
        out += [f"## {t('Dokumenter rolleinnehaverne eier eller godkjenner', 'Documents the role holders own or approve')}",
                table(["ID", t("Tittel", "Title"), t("Eier", "Owner"), t("Godkjenner", "Approver")],
                      [[ctx.doc(d.id), esc(d.title), ctx.person(d.owner), ctx.person(d.approver)]
                       for d in sorted(owned, key=lambda d: d.id)])]
    return "\n\n".join(o for o in out if o) + "\n"
