"""The document register (ISO 13485 4.2.4/4.2.5)."""

from __future__ import annotations

from ..derive import paths
from ..model.documents import Controlled
from .context import RenderContext
from .text import attr, esc, table


def _details(ctx: RenderContext, d: Controlled) -> str:
    """What the register says about a document besides its title: summary, where it is kept, internal note."""
    t = ctx.t
    parts = [esc(getattr(d, "summary", "")),
             esc(t("Plassering: ", "Location: ") + d.location) if getattr(d, "location", "") else "",
             esc(t("Intern merknad: ", "Internal note: ") + d.internal_notes) if ctx.internal and d.internal_notes else ""]
    return "".join(f"<br><small>{p}</small>" for p in parts if p)


def document_register(ctx: RenderContext) -> str:
    """Every controlled document, procedures included; obsolete ones last."""
    ctx = ctx.at(paths.REGISTER)
    t = ctx.t
    hb = ctx.hb
    kinds = {k.id: k.title(ctx.lang) for k in hb.catalogue.document_kinds}
    entries = [*hb.documents, *hb.procedures]
    order = {"effective": 0, "draft": 1, "obsolete": 2}
    entries.sort(key=lambda d: (order[d.status], d.id))
    rows = []
    for d in entries:
        kind = kinds.get(getattr(d, "kind", "procedure"), getattr(d, "kind", ""))
        group = getattr(d, "device_group", None)
        due = d.review_due
        overdue = d.status == "effective" and due is not None and due < ctx.today
        rows.append([
            f'<span id="{attr(paths.doc_anchor(d.id))}"></span>'
            + (ctx.link(esc(d.id), paths.procedure(d.id)) if d.id in hb.procs else esc(d.id)),
            esc(d.title) + (f" ({t('erstattet av', 'replaced by')} {ctx.doc(d.superseded_by)})" if d.superseded_by else "")
            + _details(ctx, d),
            esc(kind), esc(d.version), ctx.status(d.status),
            ctx.link(esc(hb.groups[group].name), paths.device_group(group)) if group in hb.groups else "",
            ctx.person(d.owner), ctx.person(d.approver), ctx.date(d.effective),
            (f'<span class="hb-overdue">{ctx.date(due)}</span>' if overdue else ctx.date(due)),
        ])
    return table(["ID", t("Tittel", "Title"), t("Type", "Type"), t("Versjon", "Version"), "Status",
                  t("Utstyrsgruppe", "Device group"), t("Eier", "Owner"), t("Godkjenner", "Approver"),
                  t("Gjelder fra", "Effective"), t("Neste revisjon", "Next review")], rows)
