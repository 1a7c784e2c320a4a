"""The document register (ISO 13485 4.2.4/4.2.5): every controlled document, in groups, under a filter."""

from __future__ import annotations

from ..derive import paths
from ..model.documents import Controlled
from .context import RenderContext
from .tables import Select, cell, doc_link, filter_bar, group, row, table
from .text import esc, href

SCOPE = "hb-register"
_ORDER = {"effective": 0, "draft": 1, "obsolete": 2}


def _details(ctx: RenderContext, d: Controlled, kind: str) -> str:
    """What the register says about a document besides its title: kind, summary, where it is kept, internal note."""
    t = ctx.t
    parts = [esc(kind), esc(getattr(d, "summary", "")),
             esc(t("Plassering: ", "Location: ") + d.location) if getattr(d, "location", "") else "",
             esc(t("Intern merknad: ", "Internal note: ") + d.internal_notes) if ctx.internal and d.internal_notes else ""]
    return "".join(f"<br><small>{p}</small>" for p in parts if p)


def _kind(d: Controlled) -> str:
    return getattr(d, "kind", "procedure")


def _group_of(d: Controlled) -> str:
    """Which group of the register a document is listed in."""
    if d.status == "obsolete":
        return "obsolete"
    if _kind(d) == "procedure":
        return "procedures"
    if _kind(d) == "form":
        return "forms"
    return f"group:{d.device_group}" if getattr(d, "device_group", None) else "company"


def _row(ctx: RenderContext, d: Controlled, kinds: dict[str, str]) -> str:
    t, hb = ctx.t, ctx.hb
    due = d.review_due
    overdue = d.status == "effective" and due is not None and due < ctx.today
    ident = (f'<a href="{href(ctx.here, paths.procedure(d.id))}" class="hb-id">{esc(d.id)}</a>' if d.id in hb.procs
             else f'<span class="hb-id">{esc(d.id)}</span>')
    replaced = (f" ({esc(t('erstattet av', 'replaced by'))} {doc_link(ctx, d.superseded_by, title=False)})"
                if d.superseded_by else "")
    kind = kinds.get(_kind(d), _kind(d))
    approver = (esc(t("godkjent av", "approved by")) + " " + ctx.person(d.approver)
                + (f' <span class="hb-nowrap">({ctx.date(d.approved)})</span>' if d.approved else ""))
    group_id = getattr(d, "device_group", None) or ""
    return row([
        cell("ID", ident),
        cell(t("Dokument", "Document"), f"<strong>{esc(d.title)}</strong>{replaced}{_details(ctx, d, kind)}"),
        cell(t("Versjon", "Version"), f"{esc(d.version)}<br>{ctx.status(d.status)}"),
        cell(t("Eier / godkjent av", "Owner / approved by"), f"{ctx.person(d.owner)}<br><small>{approver}</small>"),
        cell(t("Gjelder fra", "Effective"), ctx.date(d.effective)),
        cell(t("Neste revisjon", "Next review"),
             f'<span class="hb-overdue">{ctx.date(due)}</span>' if overdue else ctx.date(due)),
    ], row_id=paths.doc_anchor(d.id), data={"kind": _kind(d), "status": d.status, "group": group_id or "-"})


def document_register(ctx: RenderContext) -> str:
    """Every controlled document, procedures included: procedures, forms, the company's other documents, each
    device group's documentation, and the obsolete ones last; a filter by text, kind, status and device group."""
    ctx = ctx.at(paths.REGISTER)
    t, hb = ctx.t, ctx.hb
    kinds = {k.id: k.title(ctx.lang) for k in hb.catalogue.document_kinds}
    entries = sorted([*hb.documents, *hb.procedures], key=lambda d: (_ORDER[d.status], d.id))
    groups: dict[str, list[Controlled]] = {}
    for d in entries:
        groups.setdefault(_group_of(d), []).append(d)
    order = ["procedures", "forms", "company", *(f"group:{g.id}" for g in hb.device_groups), "obsolete"]
    order += [key for key in groups if key not in order]  # never drop a document, whatever its group
    titles = {"procedures": t("Prosedyrer", "Procedures"), "forms": t("Skjema", "Forms"),
              "company": t("Øvrige dokumenter for virksomheten", "Other documents of the company"),
              "obsolete": t("Utgåtte dokumenter", "Obsolete documents"),
              **{f"group:{g.id}": t("Utstyrsgruppe: ", "Device group: ") + g.name for g in hb.device_groups}}
    labels = ["ID", t("Dokument", "Document"), t("Versjon", "Version"), t("Eier / godkjent av", "Owner / approved by"),
              t("Gjelder fra", "Effective"), t("Neste revisjon", "Next review")]
    parts = []
    for key in order:
        docs = groups.get(key, [])
        if not docs:
            continue
        intro = ""
        if key.startswith("group:") and key.removeprefix("group:") in hb.groups:
            gid = key.removeprefix("group:")
            intro = (esc(t("Dokumentasjon etter MDR vedlegg XIII §2 for", "Documentation under MDR Annex XIII §2 for"))
                     + f' <a href="{href(ctx.here, paths.device_group(gid))}">{esc(hb.groups[gid].name)}</a>.')
        title = titles.get(key, key)
        parts.append(group(ctx, "reg-" + key.replace(":", "-"), esc(title), len(docs),
                           table(labels, (_row(ctx, d, kinds) for d in docs), widths=(9, 41, 10, 18, 11, 11),
                                 fixed=False, cls="hb-register", caption=title), intro=intro))
    present_kinds = dict.fromkeys(_kind(d) for d in entries)
    selects = [
        Select("kind", t("Type", "Kind"), sorted(((k, kinds.get(k, k)) for k in present_kinds), key=lambda o: o[1].lower())),
        Select("status", "Status", [(s, label) for s, label in (
            ("effective", t("Gjeldende", "Effective")), ("draft", t("Utkast", "Draft")),
            ("obsolete", t("Utgått", "Obsolete"))) if any(d.status == s for d in entries)]),
        Select("group", t("Utstyrsgruppe", "Device group"),
               [("-", t("Ingen (felles for virksomheten)", "None (company-wide)"))]
               + [(g.id, g.name) for g in hb.device_groups if any(getattr(d, "device_group", None) == g.id for d in entries)]),
    ]
    bar = filter_bar(ctx, SCOPE, label=t("Filtrer dokumentregisteret", "Filter the document register"),
                     search=t("Søk etter ID, tittel eller innhold", "Search by ID, title or content"),
                     noun=t("dokumenter", "documents"), total=len(entries), selects=selects)
    return f'{bar}\n\n<div class="hb-fgroups" id="{SCOPE}">{"".join(parts)}</div>\n'
