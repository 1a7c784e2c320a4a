"""The document-control block and banners on every controlled page."""

from __future__ import annotations

import html
import json

from ..derive import paths
from ..model.documents import Controlled
from .context import RenderContext
from .text import esc


def banner(ctx: RenderContext, doc: Controlled) -> str:
    """Draft / obsolete / review-overdue banners (admonitions)."""
    out = []
    if doc.status == "draft":
        text = ctx.t("Dette dokumentet er ikke godkjent og skal ikke brukes.", "This document is not approved and must not be used.")
        out.append(f'!!! danger "{ctx.t("UTKAST – ikke gjeldende", "DRAFT – not in force")}"\n    {text}')
    if doc.status == "obsolete":
        by = ctx.doc(doc.superseded_by, title=True)
        out.append(f'!!! danger "{ctx.t("UTGÅTT – erstattet av", "OBSOLETE – replaced by")} {esc(doc.superseded_by)}"\n'
                   f'    {ctx.t("Bruk", "Use")} {by}.')
    due = doc.review_due
    if doc.status == "effective" and due and due < ctx.today:
        out.append(f'!!! warning "{ctx.t("Revisjon forfalt", "Review overdue")}"\n'
                   f'    {ctx.t("Neste revisjon skulle vært", "The next review was due on")} {ctx.date(due)}.')
    return "\n\n".join(out)


def control_block(ctx: RenderContext, doc: Controlled) -> str:
    """ID, version, status, dates and people of a controlled page: label above value, as many to a line as fit
    (theme: tables.css), so it never runs wider than its column, on a phone or beside the contents list."""
    items = [(ctx.t("Dokument-ID", "Document ID"), esc(doc.id)), (ctx.t("Versjon", "Version"), esc(doc.version)),
             ("Status", ctx.status(doc.status)), (ctx.t("Gjelder fra", "Effective"), ctx.date(doc.effective)),
             (ctx.t("Eier", "Owner"), ctx.person(doc.owner)),
             (ctx.t("Godkjent av", "Approved by") if doc.status != "draft" else ctx.t("Godkjennes av", "To be approved by"),
              ctx.person(doc.approver) + (f" ({ctx.date(doc.approved)})" if doc.approved and doc.status != "draft" else "")),
             (ctx.t("Neste revisjon", "Next review"), ctx.date(doc.review_due))]
    block = ('<dl class="hb-doc-control">'
             + "".join(f"<div><dt>{esc(label)}</dt><dd>{value}</dd></div>" for label, value in items) + "</dl>")
    return "\n\n".join(part for part in (block, banner(ctx, doc)) if part)


def front_matter(doc: Controlled | None = None, *, hide_toc: bool = False, title: str = "") -> str:
    """Front matter for generated pages: never Jinja-rendered; obsolete pages are kept out of search.

    ``title``: the browser tab's title, when the page's heading is not enough to tell pages apart. It is written as
    escaped HTML text, which is what the theme prints it as.
    """
    lines = ["---", "render_macros: false"]
    if title:
        lines.append("title: " + json.dumps(html.escape(title), ensure_ascii=False))
    if doc is not None and doc.status == "obsolete":
        lines += ["search:", "  exclude: true"]
    if hide_toc:
        lines += ["hide:", "  - toc"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def register_link(ctx: RenderContext, doc_id: str) -> str:
    return ctx.link(esc(doc_id), paths.REGISTER, paths.doc_anchor(doc_id))
