"""Checklists as HTML: ticking is stored in the browser (localStorage), keyed by checklist ID and version."""

from __future__ import annotations

from ..derive import paths
from ..model.checklists import Checklist
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, esc, href


def _item_links(ctx: RenderContext, item) -> str:  # type: ignore[no-untyped-def]
    parts = []
    if item.requirement:
        parts.append(ctx.ref(item.requirement))
    if item.procedure and item.procedure in ctx.hb.procs:
        anchor = f"{item.procedure}-{item.step}" if item.step else ""
        label = esc(item.procedure) + (f" {esc(ctx.t('trinn', 'step'))} {esc(item.step)}" if item.step else "")
        parts.append(f'<a href="{href(ctx.here, paths.procedure(item.procedure), anchor)}">{label}</a>')
    page = ""
    if item.page:  # on paper a link with no name of its own leads nowhere: the screen only
        target, _, anchor = item.page.partition("#")
        page = (f'<span class="hb-no-print">{" · " if parts else ""}<a href="{href(ctx.here, target, anchor)}">'
                f'{esc(ctx.t("Gå til siden", "Open the page"))}</a></span>')
    return f' <small class="hb-checklist-ref">{" · ".join(parts)}{page}</small>' if parts or page else ""


def _version(ctx: RenderContext, checklist: Checklist) -> str:
    """A company's own version, or for a checklist generated from the data the digest of its items, said so."""
    generated = checklist.version.removeprefix("auto-")
    if generated == checklist.version:
        return esc(checklist.version)
    return esc(generated + ctx.t(" (generert fra dataene)", " (generated from the data)"))


def checklist_html(ctx: RenderContext, checklist: Checklist) -> str:
    t = ctx.t
    scope = ctx.hb.company.organisation_number.replace(" ", "")
    items = "".join(
        f'<li data-item="{attr(item.id)}"><label><input type="checkbox" class="hb-checklist-box"> '
        f"<span>{esc(item.text)}</span></label>{_item_links(ctx, item)}</li>"
        for item in checklist.items)
    total = len(checklist.items)
    return (
        f'<div class="hb-checklist" data-checklist="{attr(checklist.id)}" data-version="{attr(checklist.version)}" '
        f'data-scope="{attr(scope)}">'
        f'<p class="hb-checklist-meta">{esc(checklist.id)} · {esc(t("versjon", "version"))} {_version(ctx, checklist)}</p>'
        f'<p class="hb-checklist-progress hb-no-print" aria-live="polite"><span class="hb-checklist-done">0</span> '
        f'{esc(t("av", "of"))} <span class="hb-checklist-total">{total}</span> {esc(t("utført", "done"))}</p>'
        f'<ol class="hb-checklist-items">{items}</ol>'
        f'<p class="hb-no-print"><button type="button" class="md-button hb-checklist-reset">'
        f'{esc(t("Start på nytt", "Start again"))}</button> '
        f'<button type="button" class="md-button hb-print">{esc(t("Skriv ut", "Print"))}</button></p></div>'
    )


def working_aid_note(ctx: RenderContext) -> str:
    title = ctx.t("Et arbeidsverktøy, ikke en registrering", "A working aid, not a record")
    text = ctx.t("Avkrysningene lagres bare i denne nettleseren på denne maskinen. De er ikke dokumentasjon: "
                 "før resultatet inn i journalen eller på skjemaet som prosedyren sier.",
                 "Ticks are kept only in this browser on this computer. They are not evidence: record the "
                 "result in the record or form the procedure names.")
    return f'!!! note hb-no-print "{title}"\n    {text}'  # about ticks kept in the browser: not for paper


def checklist_page(ctx: RenderContext, page_id: str, title: str, checklists: list[Checklist]) -> str:
    ctx = ctx.at(paths.checklist(page_id))
    out = [front_matter(), f"# {esc(title)}", working_aid_note(ctx)]
    for checklist in checklists:
        if len(checklists) > 1:
            out.append(f"## {esc(checklist.title)}")
        if checklist.purpose:
            out.append(esc(checklist.purpose))
        out.append(checklist_html(ctx, checklist))
    return "\n\n".join(out) + "\n"
