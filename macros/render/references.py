"""The references page: laws, regulations, guidance and the standards register (catalogue and company's own)."""

from __future__ import annotations

from ..derive import paths
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, table

KINDS = {"law": ("Norske lover og forskrifter", "Norwegian acts and regulations"),
         "regulation": ("EU-regelverk", "EU legislation"), "guidance": ("Veiledning", "Guidance"),
         "standard": ("Standarder", "Standards")}


def _cited_standards(ctx: RenderContext) -> set[str]:
    """The standards this handbook uses: in its GSPR matrices and its own register, with what replaced them. The
    catalogue knows standards for every kind of lab; a dental lab's inspector need not read an orthopaedic one's."""
    hb = ctx.hb
    cited = {s.id for s in hb.own_standards} | {
        std for matrix in hb.gspr.values() for row in matrix.rows if row.method for std in row.method.all_standards}
    todo = list(cited)
    while todo:
        ref = hb.references.get(todo.pop())
        if ref is not None and ref.superseded_by and ref.superseded_by not in cited:
            cited.add(ref.superseded_by)
            todo.append(ref.superseded_by)
    return cited


def references_page(ctx: RenderContext) -> str:
    ctx = ctx.at(paths.REFERENCES)
    t = ctx.t
    own = {s.id for s in ctx.hb.own_standards}
    out = [front_matter(), f"# {t('Referanser og standarder', 'References and standards')}"]
    cited = _cited_standards(ctx)
    refs = [r for r in ctx.hb.references.values() if r.kind != "standard" or r.id in cited]
    for kind, (nb, en) in KINDS.items():
        entries = [r for r in refs if r.kind == kind]
        if not entries:
            continue
        if kind != "standard":
            rows = [[esc(r.title(ctx.lang)) + ctx.mark(r), ctx.ref(r.ref)] for r in entries]
            out += [f"## {t(nb, en)}", table([t("Tittel", "Title"), t("Henvisning", "Reference")], rows)]
            continue
        yes, no, unknown = t("Ja", "Yes"), t("Nei", "No"), t("Ikke kjent", "Not known")
        rows = []
        for r in sorted(entries, key=lambda r: r.id):
            replaced = ctx.hb.references.get(r.superseded_by or "")
            status = (f'<span class="hb-flag">{esc(t("Erstattet av", "Superseded by"))} '
                      f"{esc(replaced.title(ctx.lang) + ' ' + (replaced.edition or '') if replaced else r.superseded_by)}</span>"
                      if r.superseded_by else esc(t("Gjeldende", "Current")))
            harmonised = {True: yes, False: no, None: unknown}[r.harmonised]
            source = t("Virksomhetens register", "Company register") if r.id in own else t("Katalogen", "Catalogue")
            rows.append([f'<span id="{esc(r.id)}"></span>' + esc(r.title(ctx.lang)) + ctx.mark(r), esc(r.edition or ""),
                         esc(harmonised), status, esc(source)])
        out += [f"## {t(nb, en)}", table([t("Standard", "Standard"), t("Utgave", "Edition"),
                                          t("Harmonisert", "Harmonised"), "Status", t("Kilde", "Source")], rows)]
    if ctx.hb.catalogue.transitions:
        rows = [[esc(tr.title(ctx.lang)) + ctx.mark(tr), ctx.ref(tr.ref),
                 esc(t(f"Utløpt {ctx.date(tr.ends)}", f"Expired {ctx.date(tr.ends)}") if ctx.today > tr.ends
                     else t(f"Gjelder til og med {ctx.date(tr.ends)}", f"Applies until {ctx.date(tr.ends)}"))
                 + "<br><small>" + esc(t(f"Vilkår: søknad til meldt organ innen {ctx.date(tr.application_by)} og "
                                         f"skriftlig avtale innen {ctx.date(tr.agreement_by)}.",
                                         f"Conditions: application to a notified body by {ctx.date(tr.application_by)} "
                                         f"and a written agreement by {ctx.date(tr.agreement_by)}."))
                 + (f" {esc(tr.status_note(ctx.lang))}" if tr.status_note else "") + "</small>"]
                for tr in ctx.hb.catalogue.transitions]
        out += [f"## {t('Overgangsregler', 'Transitional provisions')}",
                table([t("Gjelder", "Concerns"), t("Henvisning", "Reference"), "Status"], rows)]
    for version in ctx.hb.catalogue.changes:
        if version.changes:
            out += [f"## {t('Endringer i regelverkskatalogen', 'Changes to the regulatory catalogue')} {esc(version.version)}",
                    table([t("Endring", "Change"), t("Kilde", "Source")],
                          [[esc(c.what(ctx.lang)), ctx.ref(c.source)] for c in version.changes])]
    return "\n\n".join(out) + "\n"
