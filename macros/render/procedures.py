"""A procedure's page and the list of procedures."""

from __future__ import annotations

from ..derive import paths
from ..model.procedures import Procedure
from .context import RenderContext
from .doccontrol import control_block, front_matter
from .forms import form_links
from .text import esc, paragraphs, table


def _references(ctx: RenderContext, proc: Procedure) -> str:
    cat = ctx.hb.catalogue
    clauses = {c.clause: c for c in cat.iso13485}
    elements = {e.id: e for e in cat.qms_elements}
    items = []
    for ref in proc.references.mdr:
        items.append(f"- MDR {esc(ref)}")
    for el in proc.references.qms_elements:
        e = elements[el]
        items.append(f"- MDR {esc(e.ref.removeprefix('MDR '))}: {esc(e.title(ctx.lang))}{ctx.mark(e)}")
    for cl in proc.references.iso13485:
        items.append(f"- ISO 13485:2016 {esc(cl)} {esc(clauses[cl].title(ctx.lang))}")
    items += [f"- {esc(o)}" for o in proc.references.other]
    return "\n".join(items)


def _form(ctx: RenderContext, form_id: str) -> str:
    """The register entry, and the fill-in version where the form has a template."""
    links = form_links(ctx, form_id)
    fill = " (" + ", ".join(ctx.link(esc(label if len(links) > 1 else ctx.t("fyll ut", "fill in")), page)
                            for label, page in links) + ")" if links else ""
    return ctx.doc(form_id, title=True) + fill


def procedure_page(ctx: RenderContext, proc: Procedure) -> str:
    ctx = ctx.at(paths.procedure(proc.id))
    t = ctx.t
    out = [front_matter(proc), f"# {esc(proc.id)} {esc(proc.title)}", control_block(ctx, proc),
           f"## {t('Formål', 'Purpose')}", paragraphs(proc.purpose),
           f"## {t('Omfang', 'Scope')}", paragraphs(proc.scope)]
    if proc.responsibilities:
        out += [f"## {t('Ansvar', 'Responsibilities')}",
                table([t("Rolle", "Role"), t("Ansvar", "Responsibility")],
                      [[ctx.role(r.role), esc(r.text)] for r in proc.responsibilities])]
    out.append(f"## {t('Fremgangsmåte', 'Steps')}")
    steps = []
    for n, step in enumerate(proc.steps, 1):
        line = f'{n}. <span id="{esc(proc.id)}-{esc(step.id)}"></span>**{ctx.role(step.role)}:** {esc(step.text)}'
        extras = []
        if step.forms:
            extras.append(t("Skjema", "Forms") + ": " + ", ".join(_form(ctx, f) for f in step.forms))
        if step.checklist:
            extras.append(t("Sjekkliste", "Checklist") + ": " + ctx.link(esc(step.checklist), paths.checklist(step.checklist)))
        if step.records:
            extras.append(t("Registreringer", "Records") + ": " + "; ".join(esc(r) for r in step.records))
        steps.append(line + "".join(f"\n    <br>{e}" for e in extras))
    out.append("\n".join(steps))
    refs = _references(ctx, proc)
    if refs:
        out += [f"## {t('Krav og referanser', 'Requirements and references')}", refs]
    if proc.related_documents:
        out += [f"## {t('Tilknyttede dokumenter', 'Related documents')}",
                "\n".join(f"- {ctx.doc(d, title=True)}" for d in proc.related_documents)]
    if proc.revisions:
        out += [f"## {t('Revisjonshistorikk', 'Revision history')}",
                table([t("Versjon", "Version"), t("Dato", "Date"), t("Endringer", "Changes"),
                       t("Godkjent av", "Approved by")],
                      [[esc(r.version), ctx.date(r.date), esc(r.changes), ctx.person(r.approved_by)]
                       for r in sorted(proc.revisions, key=lambda r: r.date, reverse=True)])]
    if ctx.internal and proc.internal_notes:
        out += [f'!!! note "{t("Intern merknad", "Internal note")}"\n    {esc(proc.internal_notes)}']
    return "\n\n".join(o for o in out if o) + "\n"


def procedure_list(ctx: RenderContext) -> str:
    t = ctx.t
    rows = [[ctx.link(esc(p.id), paths.procedure(p.id)), esc(p.title), esc(p.version), ctx.status(p.status),
             ctx.person(p.owner), ctx.date(p.review_due)]
            for p in ctx.hb.procedures if p.status != "obsolete"]
    return table([t("ID", "ID"), t("Tittel", "Title"), t("Versjon", "Version"), "Status", t("Eier", "Owner"),
                  t("Neste revisjon", "Next review")], rows)
