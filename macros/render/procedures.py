"""A procedure's page and the list of procedures."""

from __future__ import annotations

from ..derive import paths
from ..derive.coverage import reports_incidents
from ..model.procedures import FieldRecord, Procedure
from .context import RenderContext
from .doccontrol import control_block, front_matter
from .forms import dmp_box, form_fields, form_links
from .mentions import linked, linked_paragraphs
from .text import esc, table


def _references(ctx: RenderContext, proc: Procedure) -> str:
    cat = ctx.hb.catalogue
    clauses = {c.clause: c for c in cat.iso13485}
    elements = {e.id: e for e in cat.qms_elements}
    items = []
    for ref in proc.references.mdr:
        items.append(f"- {ctx.ref('MDR ' + ref)}")
    for el in proc.references.qms_elements:
        e = elements[el]
        items.append(f"- {ctx.ref(e.ref)}: {esc(e.title(ctx.lang))}{ctx.mark(e)}")
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


def _fills(ctx: RenderContext, record: FieldRecord) -> str:
    """"Fylles ut på F-04: Mottatt dato, …": the fields a step fills in, each a link to it on the form's page."""
    form = next((f for f in ctx.hb.forms if f.id == record.form), None)
    if form is None:  # withheld from this reader's handbook
        return ""
    fields = form_fields(ctx, form)
    pages = paths.form_pages(ctx.hb, form)
    names = []
    for field_id in record.fields:
        label = esc(fields[field_id].label if field_id in fields else field_id)
        names.append(ctx.link(label, pages[0][0], f"{form.id}-{field_id}") if len(pages) == 1 else label)
    return ctx.t("Fylles ut på ", "Fill in on ") + esc(form.id) + ": " + ", ".join(names)


def procedure_page(ctx: RenderContext, proc: Procedure) -> str:
    ctx = ctx.at(paths.procedure(proc.id))
    t = ctx.t
    out = [front_matter(proc), f"# {esc(proc.id)} {esc(proc.title)}", control_block(ctx, proc)]
    if reports_incidents(proc):
        out.append(dmp_box(ctx))
    out += [f"## {t('Formål', 'Purpose')}", linked_paragraphs(ctx, proc.purpose, skip=proc.id),
            f"## {t('Omfang', 'Scope')}", linked_paragraphs(ctx, proc.scope, skip=proc.id)]
    if proc.responsibilities:
        out += [f"## {t('Ansvar', 'Responsibilities')}",
                table([t("Rolle", "Role"), t("Ansvar", "Responsibility")],
                      [[ctx.role(r.role), linked(ctx, r.text, skip=proc.id)] for r in proc.responsibilities])]
    out.append(f"## {t('Fremgangsmåte', 'Steps')}")
    steps = []
    for n, step in enumerate(proc.steps, 1):
        line = (f'{n}. <span id="{esc(proc.id)}-{esc(step.id)}"></span>**{ctx.role(step.role)}:** '
                f"{linked(ctx, step.text, skip=proc.id)}")
        extras = []
        if step.all_forms:
            extras.append(t("Skjema", "Forms") + ": " + ", ".join(_form(ctx, f) for f in step.all_forms))
        extras += [fills for record in step.fills if (fills := _fills(ctx, record))]
        if step.checklist:
            extras.append(t("Sjekkliste", "Checklist") + ": " + ctx.link(esc(step.checklist), paths.checklist(step.checklist)))
        if step.records:
            extras.append(t("Registreringer", "Records") + ": "
                          + "; ".join(linked(ctx, r, skip=proc.id) for r in step.records))
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
        out += [f'!!! note "{t("Intern merknad", "Internal note")}"\n    {linked(ctx, proc.internal_notes, skip=proc.id)}']
    return "\n\n".join(o for o in out if o) + "\n"


def procedure_list(ctx: RenderContext) -> str:
    t = ctx.t
    rows = [[ctx.link(esc(p.id), paths.procedure(p.id)), esc(p.title), esc(p.version), ctx.status(p.status),
             ctx.person(p.owner), ctx.date(p.review_due)]
            for p in ctx.hb.procedures if p.status != "obsolete"]
    return table([t("ID", "ID"), t("Tittel", "Title"), t("Versjon", "Version"), "Status", t("Eier", "Owner"),
                  t("Neste revisjon", "Next review")], rows)
