"""The QMS map: Art. 10(9) elements and ISO 13485 clauses with the procedures that implement them, gaps shown."""

from __future__ import annotations

from ..derive import paths
from ..derive.coverage import exclusion, iso_anchor, procedures_for_clause, procedures_for_element
from ..model.procedures import Procedure
from .context import RenderContext
from .text import attr, esc, table


def _links(ctx: RenderContext, procs: list[Procedure]) -> str:
    return ", ".join(ctx.link(esc(p.id), paths.procedure(p.id)) + " " + esc(p.title) for p in procs)


def _gap(ctx: RenderContext) -> str:
    return f'<span class="hb-missing">{esc(ctx.t("Mangler gjeldende prosedyre", "No effective procedure"))}</span>'


def qms_elements_table(ctx: RenderContext) -> str:
    t = ctx.t
    rows = []
    for el in ctx.hb.catalogue.qms_elements:
        if not el.applies_to_custom_made:
            cell = esc(t("Gjelder ikke individuelt tilpasset utstyr", "Does not apply to custom-made devices"))
        else:
            cell = _links(ctx, procedures_for_element(ctx.hb, el.id)) or _gap(ctx)
        rows.append([ctx.ref(el.ref.removeprefix("MDR ")), esc(el.title(ctx.lang)) + ctx.mark(el), cell])
    return table([t("Hjemmel", "Basis"), t("Element", "Element"), t("Prosedyrer", "Procedures")], rows)


def iso_clauses_table(ctx: RenderContext) -> str:
    t = ctx.t
    hb = ctx.hb
    rows = []
    for clause in hb.catalogue.iso13485:
        excluded = exclusion(hb, clause.clause)
        procs = procedures_for_clause(hb, clause.clause)
        cell = (f'<span class="hb-excluded">{esc(t("Unntatt: ", "Excluded: ") + excluded.justification)}</span>'
                if excluded else _links(ctx, procs) or _gap(ctx))
        depth = clause.clause.count(".")
        label = f'<span id="{attr(iso_anchor(clause.clause))}"></span>' + ("&nbsp;" * 4 * depth) + esc(clause.clause)
        rows.append([label, esc(clause.title(ctx.lang)), cell])
    return table(["ISO 13485:2016", t("Krav (kort tittel)", "Requirement (short title)"), t("Prosedyrer", "Procedures")],
                 rows)
