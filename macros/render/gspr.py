"""The GSPR matrix of one device group: a filterable page and a CSV for spreadsheets."""

from __future__ import annotations

from ..catalogue.model import Gspr
from ..derive import paths
from ..derive.applicability import contradicts, expected, triggered_by
from ..model.devices import DeviceGroup
from ..model.gspr import GsprRow
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, csv_document, esc, href


def matrix_rows(ctx: RenderContext, group: DeviceGroup) -> list[tuple[Gspr, GsprRow | None]]:
    """Every catalogue requirement in order, with the company's row or None ("ikke vurdert")."""
    matrix = ctx.hb.gspr.get(group.id)
    decided = {r.gspr: r for r in matrix.rows} if matrix else {}
    return [(entry, decided.get(entry.number)) for entry in ctx.hb.catalogue.gspr.requirements]


def state(row: GsprRow | None) -> str:
    if row is None or row.applicable is None:
        return "undecided"
    return "applicable" if row.applicable else "not-applicable"


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


def gspr_page(ctx: RenderContext, group: DeviceGroup) -> str:
    ctx = ctx.at(paths.gspr(group.id))
    t = ctx.t
    flags = group.flags()
    sections = {s.number: s for s in ctx.hb.catalogue.gspr.sections}
    rows = matrix_rows(ctx, group)
    counts = {k: 0 for k in ("applicable", "not-applicable", "undecided", "not-fully-met")}
    body = []
    current = None
    for entry, row in rows:
        if entry.section != current:
            current = entry.section
            sec = sections.get(current)
            title = f"{current} {sec.title(ctx.lang)}" if sec else current
            body.append(f'<tr class="hb-gspr-section"><th colspan="5" scope="colgroup">{esc(title)}</th></tr>')
        st = state(row)
        counts[st] += 1
        not_met = row is not None and row.conformity == "not-fully-met"
        counts["not-fully-met"] += not_met
        if st == "undecided":
            relevant = f'<span class="hb-undecided">{esc(t("Ikke vurdert", "Not decided"))}</span>'
        elif st == "applicable":
            relevant = esc(t("Ja", "Yes"))
            if not_met:
                relevant += (f'<br><span class="hb-notmet">{esc(t("Ikke fullt oppfylt", "Not fully met"))}</span>'
                             f"<br>{esc(row.grounds)}")
        else:
            relevant = esc(t("Nei", "No")) + f"<br><small>{esc(row.justification)}</small>"
        if row is not None and row.note:
            relevant += f'<br><small class="hb-note">{esc(t("Merknad: ", "Note: ") + row.note)}</small>'
        exp = expected(entry, flags)
        if contradicts(entry, flags, row):
            why = ", ".join(triggered_by(entry, flags)) or t("alltid", "always")
            relevant += (f'<br><span class="hb-flag" title="{attr(why)}">'
                         f'{esc(t("Strider mot utstyrets egenskaper", "Contradicts the device characteristics"))}'
                         f" ({esc(why)})</span>")
        elif st == "undecided" and exp == "yes":
            relevant += f'<br><small>{esc(t("Forventet: Ja", "Expected: Yes"))}</small>'
        krav = esc(entry.title(ctx.lang)) + ctx.mark(entry)
        if entry.custom_made:
            krav += f'<br><small class="hb-cmd">{esc(entry.custom_made(ctx.lang))}</small>'
        if entry.trigger_text:
            krav += f"<br><small>{esc(entry.trigger_text(ctx.lang))}</small>"
        body.append(
            f'<tr id="gspr-{attr(entry.number)}" data-state="{st}" data-notmet="{"1" if not_met else "0"}">'
            f"<td>{esc(entry.number)}</td><td>{krav}</td><td>{relevant}</td>"
            f"<td>{_method(ctx, row) if row else ''}</td><td>{_evidence_html(ctx, row) if row else ''}</td></tr>")
    total = len(rows)
    filters = [("all", t("Alle", "All"), total), ("applicable", t("Relevante", "Applicable"), counts["applicable"]),
               ("undecided", t("Ikke vurdert", "Not decided"), counts["undecided"]),
               ("not-fully-met", t("Ikke fullt oppfylt", "Not fully met"), counts["not-fully-met"])]
    buttons = "".join(
        f'<button type="button" class="md-button{" md-button--primary" if key == "all" else ""}" '
        f'data-filter="{key}" aria-pressed="{"true" if key == "all" else "false"}">{esc(label)} ({n})</button>'
        for key, label, n in filters)
    csv_name = paths.gspr_csv(group.id).rsplit("/", 1)[-1]
    head = (f"<thead><tr><th scope=\"col\">{esc(t('Nr', 'No.'))}</th><th scope=\"col\">{esc(t('Krav', 'Requirement'))}</th>"
            f"<th scope=\"col\">{esc(t('Relevant', 'Applicable'))}</th>"
            f"<th scope=\"col\">{esc(t('Metode/standard', 'Method/standard'))}</th>"
            f"<th scope=\"col\">{esc(t('Referanse', 'Reference'))}</th></tr></thead>")
    summary = t(f"{counts['applicable']} relevante, {counts['not-applicable']} ikke relevante, "
                f"{counts['undecided']} ikke vurdert, {counts['not-fully-met']} ikke fullt oppfylt av {total} krav.",
                f"{counts['applicable']} applicable, {counts['not-applicable']} not applicable, "
                f"{counts['undecided']} not decided, {counts['not-fully-met']} not fully met of {total} requirements.")
    return "\n\n".join([
        front_matter(hide_toc=True),
        f"# {esc(t('GSPR-matrise (krav til sikkerhet og ytelse)', 'GSPR matrix (safety and performance requirements)'))}: "
        f"{esc(group.name)}",
        t("Generelle krav til sikkerhet og ytelse (MDR vedlegg I) for ", "General safety and performance requirements "
          "(MDR Annex I) for ") + ctx.link(esc(group.name), paths.device_group(group.id)) + ". " + esc(summary),
        f'<p><a href="{attr(csv_name)}" download>{esc(t("Last ned som CSV", "Download as CSV"))}</a></p>',
        f'<div class="hb-filter" role="group" aria-label="{attr(t("Filter", "Filter"))}">{buttons}</div>',
        f'<div class="hb-gspr-wrap"><table class="hb-gspr">{head}<tbody>{"".join(body)}</tbody></table></div>',
    ]) + "\n"


def gspr_csv(ctx: RenderContext, group: DeviceGroup) -> str:
    """One line per requirement, in catalogue order; undecided rows are there, marked, never dropped."""
    refs = ctx.hb.references
    rows = []
    for entry, row in matrix_rows(ctx, group):
        st = state(row)
        relevant = {"applicable": "Ja", "not-applicable": "Nei", "undecided": "Ikke vurdert"}[st]
        stds = [refs[i] for i in row.method.all_standards if i in refs] if row and row.method else []
        rows.append([
            entry.number, entry.title(ctx.lang), relevant, row.justification if row else "",
            {"met": "oppfylt", "not-fully-met": "ikke fullt oppfylt", None: ""}[row.conformity if row else None],
            row.grounds if row else "", "; ".join(s.title(ctx.lang) for s in stds),
            "; ".join(s.edition or "" for s in stds),
            row.method.common_specification if row and row.method else "", row.method.own if row and row.method else "",
            "; ".join(f"{ctx.doc_label(e.document)} {e.section}".strip() for e in row.evidence) if row else "",
            row.note if row else "", entry.status,
        ])
    return csv_document(["nr", "krav", "relevant", "begrunnelse", "samsvar", "grunnlag", "standard", "utgave",
                         "felles_spesifikasjon", "egen_metode", "referanse", "merknad", "status_katalog"], rows)
