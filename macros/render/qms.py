"""The QMS map: Art. 10(9) elements and ISO 13485 clauses with the procedures that implement them, gaps shown."""

from __future__ import annotations

from ..derive import paths
from ..model.handbook import Handbook
from ..model.procedures import Procedure
from .context import RenderContext
from .text import esc, table


def related(a: str, b: str) -> bool:
    """One clause is the other, or contains it (7.5 and 7.5.1)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def procedures_for_clause(hb: Handbook, clause: str) -> list[Procedure]:
    """Effective procedures citing this ISO 13485 clause, a clause inside it or one containing it, by ID."""
    cited = {p.id for ref, procs in hb.procedures_citing["iso13485"].items() if related(clause, ref) for p in procs}
    return [p for p in hb.effective_procedures if p.id in cited] if cited else []


def procedures_for_element(hb: Handbook, element: str) -> list[Procedure]:
    return hb.procedures_citing["qms_elements"].get(element, [])


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
        rows.append([esc(el.ref.removeprefix("MDR ")), esc(el.title(ctx.lang)) + ctx.mark(el), cell])
    return table([t("Hjemmel", "Basis"), t("Element", "Element"), t("Prosedyrer", "Procedures")], rows)


def iso_clauses_table(ctx: RenderContext) -> str:
    t = ctx.t
    hb = ctx.hb
    exclusions = {e.clause: e for e in hb.company.iso13485_exclusions}
    rows = []
    for clause in hb.catalogue.iso13485:
        excluded = next((e for c, e in exclusions.items() if clause.clause == c or clause.clause.startswith(c + ".")), None)
        procs = procedures_for_clause(hb, clause.clause)
        cell = esc(t("Unntatt: ", "Excluded: ") + excluded.justification) if excluded else _links(ctx, procs) or _gap(ctx)
        depth = clause.clause.count(".")
        label = ("&nbsp;" * 4 * depth) + esc(clause.clause)
        rows.append([label, esc(clause.title(ctx.lang)), cell])
    return table(["ISO 13485:2016", t("Krav (kort tittel)", "Requirement (short title)"), t("Prosedyrer", "Procedures")],
                 rows)
