"""A device group's page: the Annex XIII §2 documentation at a glance."""

from __future__ import annotations

from ..catalogue.model import TRIGGER_LABELS
from ..derive import paths
from ..derive.matrix import matrix, not_fully_met
from ..model.devices import DeviceGroup
from ..model.documents import Document
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, paragraphs, sentence, table


def documentation_items(ctx: RenderContext, group: DeviceGroup) -> list[tuple[str, str, list[Document]]]:
    """(kind id, label, documents) for each Annex XIII §2 item this group must have, in reading order."""
    kinds = {k.id: k for k in ctx.hb.catalogue.document_kinds}
    pms_doc = "pms-report" if group.device_class == "I" else "psur"
    wanted = ["device-description", "risk-management-plan", "risk-analysis", "risk-control", "benefit-risk-analysis",
              "risk-management-report", "clinical-evaluation-plan", "clinical-evaluation-report", "pmcf-plan",
              "pms-plan", pms_doc, "label", "ifu" if group.ifu.supplied else "ifu-exemption", "gspr-checklist"]
    if group.substance_limit:
        wanted.append("cmr-justification")
    docs = ctx.hb.group_documents(group.id)
    return [(k, kinds[k].title(ctx.lang) if k in kinds else k,
             [d for d in docs if d.kind == k and d.status != "obsolete"]) for k in wanted]


def pms_interval(ctx: RenderContext, group: DeviceGroup) -> str:
    rule = next((r for r in ctx.hb.catalogue.pms if r.device_class == group.device_class), None)
    if rule is None:
        return ""
    if rule.interval_months is None:
        return ctx.t("PMS-rapport, oppdateres ved behov", "PMS report, updated when necessary") + f" ({ctx.ref(rule.ref)})"
    return ctx.t(f"PSUR minst hver {rule.interval_months}. måned", f"PSUR at least every {rule.interval_months} months") \
        + f" ({ctx.ref(rule.ref)})"


def device_group_page(ctx: RenderContext, group: DeviceGroup) -> str:
    ctx = ctx.at(paths.device_group(group.id))
    t = ctx.t
    hb = ctx.hb
    flags = group.flags()
    sites = {s.id: s for s in hb.company.sites}
    out = [front_matter(), f"# {esc(group.name)}", paragraphs(group.description)]
    facts = [
        [t("Risikoklasse", "Risk class"), esc(group.device_class) + " – " + esc(group.classification_rule)
         + (f"<br><small>{esc(group.classification_note)}</small>" if group.classification_note else "")],
        [t("Eksempler", "Examples"), ", ".join(esc(e) for e in group.examples) or "–"],
        [t("Egenskaper", "Characteristics"),
         esc(sentence(", ".join(TRIGGER_LABELS[k][ctx.lang == "en"] for k, v in flags.items() if v))) or "–"],
        [t("Produksjonssteder", "Manufacturing sites"), "<br>".join(
            esc(sites[s].name) + ", " + esc(sites[s].address.one_line()) for s in group.sites if s in sites)],
        [t("Oppbevaring av erklæring", "Statement retention"),
         t(f"{group.retention_years} år etter at utstyret er brakt i omsetning",
           f"{group.retention_years} years after the device is placed on the market")
         + f" ({ctx.ref(hb.catalogue.annex13.retention.ref)})"],
        [t("PMS", "PMS"), pms_interval(ctx, group)],
    ]
    out.append(table([t("Opplysning", "Item"), t("Verdi", "Value")], facts))
    out += [f"## {t('Tiltenkt formål', 'Intended purpose')}", paragraphs(group.intended_purpose)]
    for title, text in ((t("Design", "Design"), group.design), (t("Tilvirkning", "Manufacture"), group.manufacture),
                        (t("Forventet ytelse", "Expected performance"), group.performance)):
        if text:
            out += [f"### {title}", paragraphs(text)]
    if group.materials:
        out += [f"## {t('Materialer', 'Materials')}", table(
            [t("Materiale", "Material"), t("Leverandør", "Supplier"), t("CE-merket", "CE marked"),
             t("CMR-stoffer og hormonforstyrrende stoffer", "CMR substances and endocrine disruptors")],
            [[esc(m.name), esc(m.supplier), t("Ja", "Yes") if m.ce_marked else t("Nei", "No"),
              ", ".join(esc(s) for s in m.cmr_substances + m.endocrine_disruptors) or "–"] for m in group.materials])]
    out += [f"## {t('Merking og bruksanvisning', 'Labelling and instructions for use')}",
            f"**{t('Merketekst', 'Label wording')}**" + (f" ({ctx.doc(group.label.document)})" if group.label.document else "")
            + ":<br>\n" + "<br>\n".join(esc(line) for line in group.label.wording.splitlines() if line.strip())]
    if group.ifu.supplied:
        out.append(t("Bruksanvisning følger utstyret: ", "Instructions for use are supplied: ") + ctx.doc(group.ifu.document, title=True))
    else:
        out.append(t("Ingen bruksanvisning (unntak for klasse I og IIa, MDR vedlegg I 23.1 d). Begrunnelse: ",
                     "No instructions for use (exemption for class I and IIa, MDR Annex I 23.1(d)). Justification: ")
                   + esc(group.ifu.justification) + (" – " + ctx.doc(group.ifu.exemption_assessment, title=True)
                                                     if group.ifu.exemption_assessment else ""))
    rows = []
    for _kind, label, docs in documentation_items(ctx, group):
        if docs:
            for d in docs:
                rows.append([esc(label), ctx.doc(d.id), esc(d.title), esc(d.version), ctx.status(d.status),
                             ctx.date(d.effective)])
        else:
            rows.append([esc(label), f'<span class="hb-missing">{esc(t("Mangler", "Missing"))}</span>', "", "", "", ""])
    out += [f"## {t('Dokumentasjon etter MDR vedlegg XIII §2', 'Documentation under MDR Annex XIII §2')}",
            table([t("Element", "Item"), "ID", t("Tittel", "Title"), t("Versjon", "Version"), "Status",
                   t("Gjelder fra", "Effective")], rows)]
    rows = matrix(hb, group)
    states = [r.state for r in rows]
    not_met = not_fully_met(rows)
    out += [f"## {t('Generelle krav til sikkerhet og ytelse', 'General safety and performance requirements')}",
            t(f"{states.count('applicable')} relevante, {states.count('not-applicable')} ikke relevante, "
              f"{states.count('undecided')} ikke vurdert. ",
              f"{states.count('applicable')} applicable, {states.count('not-applicable')} not applicable, "
              f"{states.count('undecided')} not decided. ")
            + ctx.link(t("Se hele GSPR-matrisen", "See the full GSPR matrix"), paths.gspr(group.id))]
    if not_met:
        out += [t("Krav som ikke er fullt oppfylt (tas med i erklæringen):",
                  "Requirements not fully met (listed in the statement):"),
                "\n".join(f"- **{esc(r.number)}** {esc(r.entry.title(ctx.lang))}: {esc(r.own.grounds)}"
                          + (" " + esc(t("(gjelder også ", "(also ") + ", ".join(points) + ")") if points else "")
                          for r, points in not_met)]
    if ctx.internal and group.internal_notes:
        out += [f'!!! note "{t("Intern merknad", "Internal note")}"\n    {esc(group.internal_notes)}']
    return "\n\n".join(o for o in out if o) + "\n"


def device_group_list(ctx: RenderContext) -> str:
    t = ctx.t
    rows = [[ctx.link(esc(g.name), paths.device_group(g.id)), esc(g.device_class),
             t("Ja", "Yes") if g.characteristics.implantable else t("Nei", "No"),
             ", ".join(esc(e) for e in g.examples[:3]), ctx.link(t("GSPR", "GSPR"), paths.gspr(g.id))]
            for g in ctx.hb.device_groups]
    return table([t("Utstyrsgruppe", "Device group"), t("Klasse", "Class"), t("Implanterbart", "Implantable"),
                  t("Eksempler", "Examples"), t("Matrise", "Matrix")], rows)
