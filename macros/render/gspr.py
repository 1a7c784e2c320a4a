"""The GSPR matrix of one device group: a filterable page and a CSV for spreadsheets."""

from __future__ import annotations

from ..catalogue.model import TRIGGER_LABELS
from ..derive import paths
from ..derive.applicability import contradicts, expected, triggered_by
from ..derive.matrix import MatrixRow, matrix
from ..model.devices import DeviceGroup
from ..model.gspr import GsprRow
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, csv_document, esc, href


def matrix_rows(ctx: RenderContext, group: DeviceGroup) -> list[MatrixRow]:
    """Every requirement and lettered point of Annex I in order, each with the row that decides it (or none)."""
    return matrix(ctx.hb, group)


def _method(ctx: RenderContext, row: GsprRow) -> str:
    if row.method is None:
        return ""
    refs = ctx.hb.references
    parts = []
    for std_id in row.method.all_standards:
        std = refs.get(std_id)
        label = f"{std.title(ctx.lang)} {std.edition or ''}".strip() if std else std_id
        parts.append(esc(label) + (f' <span class="hb-flag">{esc(ctx.t("erstattet", "superseded"))}</span>'
                                   if std and std.superseded_by else ""))
    if row.method.common_specification:
        parts.append(esc(ctx.t("Felles spesifikasjon: ", "Common specification: ") + row.method.common_specification))
    if row.method.own:
        parts.append(esc(ctx.t("Egen metode: ", "Own method: ") + row.method.own))
    return "<br>".join(parts)


def _evidence_html(ctx: RenderContext, row: GsprRow) -> str:
    items = []
    for ev in row.evidence:
        if ev.document not in ctx.hb.controlled:  # left out of this reader's handbook: no ID, no link
            items.append(esc(ctx.doc_label(ev.document)))
            continue
        target = paths.procedure(ev.document) if ev.document in ctx.hb.procs else paths.REGISTER
        anchor = "" if ev.document in ctx.hb.procs else paths.doc_anchor(ev.document)
        label = esc(ev.document) + (f" §{esc(ev.section)}" if ev.section else "")
        items.append(f'<a href="{href(ctx.here, target, anchor)}">{label}</a>')
    return "<br>".join(items)


def _ruled_out(ctx: RenderContext, row: MatrixRow) -> str:
    """Why the catalogue rules a point out for this device, though its requirement applies."""
    t = ctx.t
    if row.entry.applicability == "not-applicable-cmd":
        return t("Gjelder ikke individuelt tilpasset utstyr", "Does not apply to custom-made devices")
    if not row.entry.triggers:  # a condition the company states by giving the point a row of its own
        if row.entry.applicability == "not-typical":
            return t("Gjelder normalt ikke individuelt tilpasset utstyr; ikke vurdert for seg",
                     "Does not normally apply to custom-made devices; not assessed on its own")
        return t("Gjelder bare når vilkåret i punktet er oppfylt; ikke vurdert for seg",
                 "Applies only where the point's condition is met; not assessed on its own")
    words = [TRIGGER_LABELS[x][ctx.lang == "en"] for x in row.entry.triggers]
    either = words[0] if len(words) == 1 else ", ".join(words[:-1]) + t(" eller ", " or ") + words[-1]
    return t(f"Gjelder ikke dette utstyret; utløses av: {either}", f"Does not apply to this device; triggered by: {either}")


def _decision(ctx: RenderContext, row: MatrixRow, flags: dict[str, bool]) -> str:
    t, d = ctx.t, row.decision
    if row.excluded:
        cell = esc(t("Nei", "No")) + f'<br><small class="hb-ruled-out">{esc(_ruled_out(ctx, row))}</small>'
    elif row.state == "undecided":
        cell = f'<span class="hb-undecided">{esc(t("Ikke vurdert", "Not decided"))}</span>'
    elif row.state == "applicable":
        cell = esc(t("Ja", "Yes"))
        if row.not_fully_met:
            cell += f'<br><span class="hb-notmet">{esc(t("Ikke fullt oppfylt", "Not fully met"))}</span>'
            if not row.inherited:
                cell += f"<br>{esc(d.grounds)}"
    else:
        cell = esc(t("Nei", "No")) + ("" if row.inherited else f"<br><small>{esc(d.justification)}</small>")
    if row.inherited:
        cell += f'<br><small class="hb-inherited">{esc(t("som ", "as ") + row.parent.number)}</small>'
    if row.own is not None and row.own.note:
        cell += f'<br><small class="hb-note">{esc(t("Merknad: ", "Note: ") + row.own.note)}</small>'
    if contradicts(row.entry, flags, d, row.parent):
        why = ", ".join(TRIGGER_LABELS[x][ctx.lang == "en"] for x in triggered_by(row.entry, flags)) or t("alltid", "always")
        cell += (f'<br><span class="hb-flag" title="{attr(why)}">'
                 f'{esc(t("Strider mot utstyrets egenskaper", "Contradicts the device characteristics"))}'
                 f" ({esc(why)})</span>")
    elif row.state == "undecided" and expected(row.entry, flags, row.parent) == "yes":
        cell += f'<br><small>{esc(t("Forventet: Ja", "Expected: Yes"))}</small>'
    return cell


def gspr_page(ctx: RenderContext, group: DeviceGroup) -> str:
    ctx = ctx.at(paths.gspr(group.id))
    t = ctx.t
    flags = group.flags()
    sections = {s.number: s for s in ctx.hb.catalogue.gspr.sections}
    rows = matrix_rows(ctx, group)
    counts = {k: 0 for k in ("applicable", "not-applicable", "undecided", "not-fully-met")}
    labels = [t("Nr", "No."), t("Krav", "Requirement"), t("Relevant", "Applicable"), t("Metode/standard", "Method/standard"),
              t("Referanse", "Reference")]
    body = []
    current = None
    for row in rows:
        entry = row.entry
        if row.parent.section != current:
            current = row.parent.section
            sec = sections.get(current)
            title = f"{current} {sec.title(ctx.lang)}" if sec else current
            body.append(f'<tr class="hb-gspr-section"><th colspan="5" scope="colgroup">{esc(title)}</th></tr>')
        counts[row.state] += 1
        counts["not-fully-met"] += row.not_fully_met
        krav = esc(entry.title(ctx.lang)) + ctx.mark(entry)
        if entry.custom_made:
            krav += f'<br><small class="hb-cmd">{esc(entry.custom_made(ctx.lang))}</small>'
        if getattr(entry, "trigger_text", None):
            krav += f"<br><small>{esc(entry.trigger_text(ctx.lang))}</small>"
        same = f'<small class="hb-inherited">{esc(t("som ", "as ") + row.parent.number)}</small>'
        method = same if row.inherited else _method(ctx, row.own) if row.own else ""
        evidence = same if row.inherited else _evidence_html(ctx, row.own) if row.own else ""
        number = esc(row.number).replace("(", "<wbr>(")  # a narrow column breaks 10.4.1(a) before the letter only
        cells = [number, krav, _decision(ctx, row, flags), method or "–", evidence or "–"]
        body.append(
            f'<tr id="{attr(paths.gspr_anchor(row.number))}" class="{"hb-gspr-point" if row.point else "hb-gspr-req"}" '
            f'data-state="{row.state}" data-notmet="{"1" if row.not_fully_met else "0"}">'
            + "".join(f'<td data-label="{attr(label)}">{cell}</td>' for label, cell in zip(labels, cells, strict=True))
            + "</tr>")
    total = len(rows)
    filters = [("all", t("Alle", "All"), total), ("applicable", t("Relevante", "Applicable"), counts["applicable"]),
               ("undecided", t("Ikke vurdert", "Not decided"), counts["undecided"]),
               ("not-fully-met", t("Ikke fullt oppfylt", "Not fully met"), counts["not-fully-met"])]
    buttons = "".join(
        f'<button type="button" class="md-button{" md-button--primary" if key == "all" else ""}" '
        f'data-filter="{key}" aria-pressed="{"true" if key == "all" else "false"}">{esc(label)} ({n})</button>'
        for key, label, n in filters)
    every = t(f"Alle {total} krav og punkter vises.", f"All {total} requirements and points are shown.")
    some = t(f"Viser {{n}} av {total} krav og punkter.", f"Showing {{n}} of {total} requirements and points.")
    status = (f'<p class="hb-tfilter__count" role="status" data-hb-count data-some="{attr(some)}" '
              f'data-all="{attr(every)}">{esc(every)}</p>')
    csv_name = paths.gspr_csv(group.id).rsplit("/", 1)[-1]
    head = ('<colgroup><col class="hb-gspr-nr"><col class="hb-gspr-krav"><col class="hb-gspr-dec"><col class="hb-gspr-met">'
            '<col class="hb-gspr-ref"></colgroup>'
            "<thead><tr>" + "".join(f'<th scope="col">{esc(label)}</th>' for label in labels) + "</tr></thead>")
    summary = t(f"{counts['applicable']} relevante, {counts['not-applicable']} ikke relevante, "
                f"{counts['undecided']} ikke vurdert, {counts['not-fully-met']} ikke fullt oppfylt av {total} krav og punkter.",
                f"{counts['applicable']} applicable, {counts['not-applicable']} not applicable, "
                f"{counts['undecided']} not decided, {counts['not-fully-met']} not fully met of {total} requirements and "
                "points.")
    return "\n\n".join([
        front_matter(hide_toc=True, title=t(f"GSPR-matrise: {group.name}", f"GSPR matrix: {group.name}")),
        f"# {esc(t('GSPR-matrise (krav til sikkerhet og ytelse)', 'GSPR matrix (safety and performance requirements)'))}: "
        f"{esc(group.name)}",
        t("Generelle krav til sikkerhet og ytelse (MDR vedlegg I) for ", "General safety and performance requirements "
          "(MDR Annex I) for ") + ctx.link(esc(group.name), paths.device_group(group.id)) + ". " + esc(summary) + " "
        + esc(t("Et punkt (a), (b) … følger kravet det hører til, med mindre det er vurdert for seg («som 10.1»).",
                "A point (a), (b) … follows its requirement unless it is decided on its own ('as 10.1').")),
        f'<p><a href="{attr(csv_name)}" download>{esc(t("Last ned som CSV", "Download as CSV"))}</a></p>',
        f'<div class="hb-filter hb-gspr-filter" role="group" aria-label="{attr(t("Filter", "Filter"))}">{buttons}'
        f"{status}</div>",
        # No scroll box: the page scrolls and the header row sticks under the site's header; a phone gets cards.
        f'<div class="hb-gspr-wrap"><table class="hb-table hb-table--fixed hb-cards hb-gspr">{head}<tbody>{"".join(body)}</tbody></table>'
        "</div>",
    ]) + "\n"


def gspr_csv(ctx: RenderContext, group: DeviceGroup) -> str:
    """One line per requirement and point, in Annex I order; undecided rows are there, marked, never dropped."""
    refs, t = ctx.hb.references, ctx.t
    status = {"verified": t("bekreftet", "verified"), "unverified": t("UVERIFISERT", "UNVERIFIED"),
              "interpretation": t("TOLKNING", "INTERPRETATION")}  # as the pages mark them
    lines = []
    for row in matrix_rows(ctx, group):
        d = row.decision
        stds = [refs[i] for i in d.method.all_standards if i in refs] if d and d.method else []
        state = {"applicable": t("Ja", "Yes"), "not-applicable": t("Nei", "No"),
                 "undecided": t("Ikke vurdert", "Not decided")}[row.state]
        lines.append([
            row.number, row.entry.title(ctx.lang), state, row.parent.number if row.inherited else "",
            _ruled_out(ctx, row) if row.excluded else d.justification if d else "",
            {"met": t("oppfylt", "met"), "not-fully-met": t("ikke fullt oppfylt", "not fully met"), None: ""}[
                d.conformity if d and row.state == "applicable" else None],
            d.grounds if d else "", "; ".join(s.title(ctx.lang) for s in stds), "; ".join(s.edition or "" for s in stds),
            d.method.common_specification if d and d.method else "", d.method.own if d and d.method else "",
            "; ".join(f"{ctx.doc_label(e.document)} {e.section}".strip() for e in d.evidence) if d else "",
            row.own.note if row.own else "", status[row.entry.status],
        ])
    return csv_document(["nr", "krav", "relevant", "som", "begrunnelse", "samsvar", "grunnlag", "standard", "utgave",
                         "felles_spesifikasjon", "egen_metode", "referanse", "merknad", "status_katalog"], lines)
