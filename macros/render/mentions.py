"""Mentions of other documents in prose ("startes P-15 straks") as links, to the documents this reader has.

Text from data is escaped first (esc), then each document ID in it that this reader's handbook holds becomes a
link: a procedure to its page, a form with a template to its fill-in page, any other document to its row in the
register. An ID the reader's handbook does not hold (an internal document in the inspector's snapshot, a typo)
stays plain text. Escaping never touches an ID (letters, digits, dots and hyphens), so the escaped text still
holds the IDs as written, and no entity can look like one.
"""

from __future__ import annotations

import re

from ..derive import paths
from .context import RenderContext
from .text import esc, href

# A document ID as the register writes them: "P-15", "F-04", "PRRC-01", "LG-2025", "KB-12". Not a standard's
# number ("10993-1", "2023-3": they start with a digit) and not part of a longer word or a path ("skjema/F-04"),
# but either side of "P-15/F-06".
_MENTION = re.compile(r"(?<![\w.-])(?<![a-zæøå]/)([A-Z][A-Z0-9]{0,9}-[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*)(?![\w-])")


def target(ctx: RenderContext, doc_id: str) -> tuple[str, str] | None:
    """(page, anchor) a mention of ``doc_id`` links to, or None when this reader's handbook does not hold it."""
    if doc_id in ctx.hb.procs:
        return paths.procedure(doc_id), ""
    if doc_id not in ctx.hb.controlled:
        return None
    form = next((f for f in ctx.hb.forms if f.id == doc_id), None)
    if form is not None:
        pages = paths.form_pages(ctx.hb, form)
        if len(pages) == 1:
            return pages[0][0], ""
    return paths.REGISTER, paths.doc_anchor(doc_id)


def linked(ctx: RenderContext, text: object, *, html: bool = False, skip: str = "") -> str:
    """``text`` escaped, with each mention of a document this reader has as a link (Markdown, or HTML for raw
    HTML blocks). ``skip``: the document the text belongs to (a page does not link to itself)."""

    def link(match: re.Match[str]) -> str:
        doc_id = match.group(1)
        to = None if doc_id == skip else target(ctx, doc_id)
        if to is None:
            return doc_id
        page, anchor = to
        if html:
            return f'<a href="{href(ctx.here, page, anchor)}">{doc_id}</a>'
        return ctx.link(doc_id, page, anchor)

    return _MENTION.sub(link, esc(text))


def linked_paragraphs(ctx: RenderContext, text: object, *, skip: str = "") -> str:
    """Multi-paragraph Markdown text (blank lines separate paragraphs), each escaped and linked."""
    value = "" if text is None else str(text).strip()
    return "\n\n".join(linked(ctx, p, skip=skip) for p in re.split(r"\n\s*\n", value) if p.strip())
