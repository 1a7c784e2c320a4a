"""The big tables an inspector reads (GSPR matrix, document register, traceability), written as HTML.

A table reads as a table on a screen wide enough and as one card per row on a phone (theme: tables.css); every
cell carries its column's name in ``data-label`` for that. Long tables come in groups that open and close
(``<details>``), under a filter (theme: table-filter.js) that narrows rows by text and by the values in their
``data-*`` attributes and says how many rows it shows. The filter works from file:// and sends nothing anywhere.

Cells are HTML, not Markdown: a Markdown link would not be read inside an HTML block. Everything from data is
escaped (esc/attr) before it reaches these functions or in them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..derive import paths
from .context import RenderContext
from .text import attr, esc, href


def cell(label: str, content: str) -> str:
    """A data cell; ``label`` (the column's name, plain text) heads it when the row reads as a card."""
    return f'<td data-label="{attr(label)}">{content}</td>'


def row(cells: Iterable[str], *, row_id: str = "", data: dict[str, str] | None = None, cls: str = "") -> str:
    """A filterable row: ``data`` becomes ``data-<key>`` attributes (space-separated values) the filter selects on."""
    attrs = f' id="{attr(row_id)}"' if row_id else ""
    attrs += f' class="{attr(cls)}"' if cls else ""
    attrs += "".join(f' data-{key}="{attr(value)}"' for key, value in (data or {}).items())
    return f"<tr data-hb-row{attrs}>{''.join(cells)}</tr>"


def table(labels: Sequence[str], rows: Iterable[str], *, widths: Sequence[int] = (), fixed: bool = True, cls: str = "",
          caption: str = "") -> str:
    """A table with a sticky header row on a screen, cards on a phone. ``labels`` are plain text; ``widths`` (per
    cent, one per column) fix the columns, so no cell can push the table wider than its column (``fixed=False``:
    the browser may widen a column to its longest word, for columns of dates and names)."""
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in labels)
    cap = f'<caption class="hb-visually-hidden">{esc(caption)}</caption>' if caption else ""
    cols = "<colgroup>" + "".join(f'<col style="width: {int(w)}%">' for w in widths) + "</colgroup>" if widths else ""
    classes = "hb-table hb-cards" + (" hb-table--fixed" if widths and fixed else "") + (" " + attr(cls) if cls else "")
    return f'<table class="{classes}">{cap}{cols}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def group(ctx: RenderContext, group_id: str, title: str, count: int, body: str, *, intro: str = "") -> str:
    """A group of rows that opens and closes; closed at first (the filter opens the groups it finds rows in).

    ``title`` is escaped HTML; ``intro`` is HTML shown above the table once the group is open."""
    t = ctx.t
    some = t("{n} av {total}", "{n} of {total}")
    return (f'<details class="hb-fgroup" id="{attr(group_id)}" data-hb-group>'
            f'<summary><span class="hb-fgroup__title">{title}</span> '
            f'<span class="hb-fgroup__count" data-hb-group-count data-all="{count}" data-some="{attr(some)}">{count}</span>'
            f"</summary>{f'<p>{intro}</p>' if intro else ''}{body}</details>")


@dataclass(frozen=True)
class Select:
    """A drop-down of the filter: rows whose ``data-<key>`` holds the chosen value stay."""

    key: str
    label: str
    options: Sequence[tuple[str, str]]  # (value, label), both plain text


def filter_bar(ctx: RenderContext, scope: str, *, label: str, search: str, noun: str, total: int,
               selects: Sequence[Select] = ()) -> str:
    """The filter above the groups in the element with id ``scope``. Hidden until the script has set it up, so a
    reader without scripts is not offered controls that do nothing. Every control has a visible label."""
    t = ctx.t
    fields = [f'<div class="hb-tfilter__field hb-tfilter__field--text"><label for="{attr(scope)}-q">{esc(search)}</label>'
              f'<input type="search" id="{attr(scope)}-q" data-hb-text autocomplete="off" spellcheck="false"></div>']
    for sel in selects:
        options = f'<option value="">{esc(t("Alle", "All"))}</option>' + "".join(
            f'<option value="{attr(value)}">{esc(text)}</option>' for value, text in sel.options)
        fields.append(f'<div class="hb-tfilter__field"><label for="{attr(scope)}-{attr(sel.key)}">{esc(sel.label)}</label>'
                      f'<select id="{attr(scope)}-{attr(sel.key)}" data-hb-key="{attr(sel.key)}">{options}</select></div>')
    toggle = (f'<button type="button" class="md-button hb-tfilter__toggle" data-hb-toggle aria-controls="{attr(scope)}" '
              f'data-open="{attr(t("Åpne alle grupper", "Open all groups"))}" '
              f'data-close="{attr(t("Lukk alle grupper", "Close all groups"))}">{esc(t("Åpne alle grupper", "Open all groups"))}</button>')
    some = t(f"Viser {{n}} av {total} {noun}", f"Showing {{n}} of {total} {noun}")
    every = t(f"Alle {total} {noun}", f"All {total} {noun}")
    status = (f'<p class="hb-tfilter__count" role="status" data-hb-count data-some="{attr(some)}" data-all="{attr(every)}">'
              f"{esc(every)}</p>")
    return (f'<div class="hb-filter hb-tfilter" role="search" aria-label="{attr(label)}" data-hb-filter="{attr(scope)}" '
            f'hidden>{"".join(fields)}{toggle}{status}</div>')


def cell_list(items: Iterable[str]) -> str:
    """Several entries in one cell, one a line (items are HTML)."""
    entries = [i for i in items if i]
    if not entries:
        return "–"
    return '<ul class="hb-cell-list">' + "".join(f"<li>{i}</li>" for i in entries) + "</ul>"


def doc_link(ctx: RenderContext, doc_id: str | None, *, title: bool = True) -> str:
    """A controlled document as an HTML link (its page, or its row in the register), its title beside the ID.
    One left out of this reader's handbook is "internal document": no ID, no link, no title."""
    if not doc_id:
        return "–"
    doc = ctx.hb.controlled.get(doc_id)
    if doc is None:
        return esc(ctx.t("internt dokument", "internal document"))
    target = (paths.procedure(doc_id), "") if doc_id in ctx.hb.procs else (paths.REGISTER, paths.doc_anchor(doc_id))
    link = f'<a href="{href(ctx.here, *target)}" class="hb-id">{esc(doc_id)}</a>'
    return link + (f" {esc(doc.title)}" if title else "")
