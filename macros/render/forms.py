"""Form templates as HTML forms: filled in on screen, printed to A4 with a controlled footer.

Nothing typed leaves the page: the form has no action and no submit button, and
the page's scripts never send anything.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..catalogue.model import Note
from ..derive import paths
from ..derive.legal import legal_ref
from ..derive.matrix import matrix, not_fully_met
from ..model.devices import DeviceGroup
from ..model.documents import Document
from ..model.forms import GENERATED_FIELDS, Form, FormField, Special
from .context import RenderContext
from .doccontrol import control_block, front_matter
from .mentions import linked, linked_paragraphs, target
from .text import attr, css_string, esc, href


def footer_text(ctx: RenderContext, doc: Document) -> str:
    return (f"{doc.id} · {ctx.t('versjon', 'version')} {doc.version} · {ctx.t('gjelder fra', 'effective')} "
            f"{ctx.date(doc.effective)}")


def page_style(ctx: RenderContext, doc: Document) -> str:
    """A4 with the controlled footer on every printed page (CSS page margin boxes)."""
    page = ctx.t("Side ", "Page ")
    of = ctx.t(" av ", " of ")
    return ("<style>@page { size: A4; margin: 16mm 14mm 20mm 14mm; "
            f"@bottom-left {{ content: {css_string(footer_text(ctx, doc))}; font-size: 8pt; }} "
            f'@bottom-right {{ content: {css_string(page)} counter(page) {css_string(of)} counter(pages); font-size: 8pt; }} }}'
            "</style>")


def options(ctx: RenderContext, field: FormField) -> list[str]:
    """A select's choices: its own list, or the company's data it names (the device groups this reader has)."""
    if field.options_from == "device-groups":
        return [g.name for g in ctx.hb.device_groups]
    return field.options


def _paper_options(choices: list[str]) -> str:
    """A select's choices as boxes to tick, shown only on paper and only while nothing is chosen (not indexed:
    the select's own options are)."""
    return ('<span class="hb-paper-options" data-search-exclude>'
            + " ".join(f'<span class="hb-paper-option">{esc(o)}</span>' for o in choices) + "</span>")


def field_html(form_id: str, field: FormField, ctx: RenderContext) -> str:
    """One field. Label, control and help are separate lines, so search indexes them as separate words. Every
    field starts out empty (``data-empty``, kept up to date by forms.js): on paper an empty date prints blank and
    an empty choice prints its options to tick."""
    fid = f"{form_id}-{field.id}"
    req = ' required aria-required="true"' if field.required else ""
    star = ' <span class="hb-req" aria-hidden="true">*</span>' if field.required else ""
    help_id = f"{fid}-help"
    described = f' aria-describedby="{attr(help_id)}"' if field.help else ""
    name = f'id="{attr(fid)}" name="{attr(field.id)}"{req}{described}'
    help_html = (f'\n<small class="hb-help" id="{attr(help_id)}">{linked(ctx, field.help, html=True)}</small>'
                 if field.help else "")
    if field.type == "checkbox":
        return (f'<div class="hb-field hb-field--checkbox" data-empty><label><input type="checkbox" {name}> '
                f"{esc(field.label)}{star}</label>{help_html}</div>")
    paper = ""
    if field.type == "textarea":
        control = f'<textarea {name} rows="4"></textarea>'
    elif field.type == "select":
        choices = options(ctx, field)
        control = (f'<select {name}><option value="">{esc(ctx.t("Velg …", "Choose …"))}</option>'
                   + "".join(f"\n<option>{esc(o)}</option>" for o in choices) + "</select>")
        paper = "\n" + _paper_options(choices)
    elif field.type == "signature":
        control = f'<input type="text" {name} class="hb-signature" autocomplete="off">'
    else:
        control = f'<input type="{field.type}" {name} autocomplete="off">'
    return (f'<div class="hb-field hb-field--{field.type}" data-empty><label for="{attr(fid)}">{esc(field.label)}{star}'
            f"</label>\n{control}{paper}{help_html}</div>")


def _prefilled(rows: list[tuple[str, str]]) -> str:
    """Read-only facts printed on the form (already escaped)."""
    body = "".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="hb-prefilled"><tbody>{body}</tbody></table>'


def statement_part(ctx: RenderContext, group: DeviceGroup) -> str:
    """Annex XIII §1: everything the company's data already knows, pre-filled."""
    t, c = ctx.t, ctx.hb.company
    not_met = not_fully_met(matrix(ctx.hb, group))
    gspr_text = (t("Utstyret er i samsvar med de generelle kravene til sikkerhet og ytelse i MDR vedlegg I",
                   "The device conforms to the general safety and performance requirements of MDR Annex I")
                 + (t(", med unntak av kravene nedenfor, som ikke er fullt oppfylt:",
                      ", except the requirements below, which are not fully met:") if not_met else "."))
    not_met_html = "".join(f"<li><strong>{esc(r.number)}</strong> {esc(r.entry.title(ctx.lang))}: {esc(r.own.grounds)}"
                           + (" " + esc(t("(gjelder også ", "(also ") + ", ".join(points) + ")") if points else "") + "</li>"
                           for r, points in not_met)
    flags = group.flags()
    substances = [label for key, label in (("medicinal_substance", t("legemiddel", "a medicinal substance")),
                                           ("human_tissue", t("vev eller celler av menneskelig opprinnelse",
                                                              "tissues or cells of human origin")),
                                           ("animal_tissue", t("vev av animalsk opprinnelse (forordning 722/2012)",
                                                               "tissues of animal origin (Reg. 722/2012)")))
                  if flags.get(key)]
    rows = [
        (esc(t("Produsent", "Manufacturer")), esc(f"{c.name}, {c.address.one_line()}") + f" ({esc(t('org.nr.', 'org. no.'))} "
         f"{esc(c.organisation_number)})"),
        (esc(t("Produksjonssteder", "Manufacturing sites")),
         "<br>".join(esc(f"{s.name}, {s.address.one_line()}") for s in c.sites)),
    ]
    if c.authorised_representative:
        rows.append((esc(t("Autorisert representant", "Authorised representative")),
                     esc(f"{c.authorised_representative.name}, {c.authorised_representative.address.one_line()}")))
    rows += [
        (esc(t("Utstyr", "Device")), esc(f"{group.name} – {t('klasse', 'class')} {group.device_class} "
                                        f"({group.classification_rule})")),
        (esc(t("Erklæring", "Declaration")), esc(t(
            "Utstyret er utelukkende beregnet på bruk av pasienten som er identifisert nedenfor.",
            "The device is intended exclusively for use by the patient identified below."))),
        (esc(t("Samsvar", "Conformity")), esc(gspr_text) + (f"<ul>{not_met_html}</ul>" if not_met else "")),
        (esc(t("Stoffer", "Substances")), esc(t("Inneholder ", "Contains ") + ", ".join(substances)) if substances
         else esc(t("Inneholder ikke legemiddel eller vev av menneskelig eller animalsk opprinnelse.",
                    "Contains no medicinal substance and no tissue of human or animal origin."))),
        (esc(t("Oppbevaring", "Retention")), esc(t(
            f"Kopi av erklæringen oppbevares i minst {group.retention_years} år etter at utstyret er brakt i omsetning "
            "(MDR vedlegg XIII §4).",
            f"A copy of this statement is kept at least {group.retention_years} years after the device is placed on "
            "the market (MDR Annex XIII §4)."))),
    ]
    return _prefilled(rows)


def generated_fields(special: Special, *fields: dict[str, Any]) -> list[FormField]:
    """The fields a generated part adds, with the IDs the model declares for it (GENERATED_FIELDS, which step
    records name), in that order: here only what a reader sees of each."""
    return [FormField(id=field_id, **field) for field_id, field in zip(GENERATED_FIELDS[special], fields, strict=True)]


def statement_fields(ctx: RenderContext) -> list[FormField]:
    t = ctx.t
    return generated_fields(
        "statement",
        dict(label=t("Pasientens navn, initialer eller kode", "Patient's name, acronym or code"), required=True,
             help=t("MDR vedlegg XIII §1", "MDR Annex XIII §1")),
        dict(label=t("Forskriver (navn)", "Prescriber (name)"), required=True,
             help=t("Autorisert etter nasjonal rett (hvem som er autorisert i Norge er UVERIFISERT)",
                    "Authorised under national law (who is authorised in Norway is UNVERIFIED)")),
        dict(label=t("Helseinstitusjon (der det er aktuelt)", "Health institution (where applicable)")),
        dict(type="textarea", required=True,
             label=t("Utstyrets særlige egenskaper etter forskrivningen", "Specific characteristics as prescribed")),
        dict(label=t("Arbeids-/ordrenummer", "Job/order number")),
        dict(type="date", label=t("Dato", "Date"), required=True),
        dict(type="signature", label=t("Signatur for produsenten", "Signature for the manufacturer"), required=True),
    )


def _clock_source(ctx: RenderContext) -> str:
    """Where the legal last day comes from (the clock's reading of the law, shown with it)."""
    return ctx.t("forordning (EØF, Euratom) nr. 1182/71 art. 3(4) og 3(5), jf. FOR-1992-12-04-910; "
                 "MDCG 2023-3 Rev.2 spørsmål 14",
                 "Regulation (EEC, Euratom) No 1182/71 Art. 3(4) and 3(5), cf. FOR-1992-12-04-910; "
                 "MDCG 2023-3 Rev.2 question 14")


def _clock_text(ctx: RenderContext) -> str:
    """Everything the clock's script writes, in the page's language: JSON for one data attribute."""
    t = ctx.t
    holidays = {
        "new-year": t("nyttårsdag", "New Year's Day"),
        "maundy-thursday": t("skjærtorsdag", "Maundy Thursday"),
        "good-friday": t("langfredag", "Good Friday"),
        "easter-sunday": t("1. påskedag", "Easter Sunday"),
        "easter-monday": t("2. påskedag", "Easter Monday"),
        "may-day": t("offentlig høytidsdag 1. mai", "public holiday 1 May"),
        "constitution-day": t("grunnlovsdag 17. mai", "Constitution Day 17 May"),
        "ascension": t("Kristi himmelfartsdag", "Ascension Day"),
        "whit-sunday": t("1. pinsedag", "Whit Sunday"),
        "whit-monday": t("2. pinsedag", "Whit Monday"),
        "christmas": t("1. juledag", "Christmas Day"),
        "boxing-day": t("2. juledag", "Boxing Day"),
    }
    return json.dumps({
        "head": t("Siste frist for rapport til DMP:", "Latest date to report to DMP:"),
        "plan": t("Planlegg etter: ", "Plan by: "),
        "days": t(" – {n} kalenderdager etter dag 0", " – {n} calendar days after day 0"),
        "legal": t("Siste lovlige dag: ", "Legal last day: "),
        "tag": t("TOLKNING", "INTERPRETATION"),
        "same": t("samme dag: siste dag er en virkedag", "the same day: the last day is a working day"),
        "shift": t(" → neste virkedag (art. 3(4))", " → next working day (Art. 3(4))"),
        "extend": t("perioden må omfatte minst to virkedager → andre virkedag etter dag 0 (art. 3(5))",
                    "the period must include at least two working days → second working day after day 0 (Art. 3(5))"),
        "source": t("Tolkning etter ", "Interpretation under ") + _clock_source(ctx) + ".",
        "holidays": holidays,
    }, ensure_ascii=False)


def _kind_label(ctx: RenderContext, days: int, title: str, ref: str) -> str:
    """A kind of event as its option says it, day count first so a narrow closed list still shows it:
    "15 dager – andre alvorlige hendelser (art. 87(3))". The catalogue's full text goes under the list."""
    short = title.split(":", 1)[0].strip()
    if short[1:2].islower():  # "Andre alvorlige …" → "andre alvorlige …", an acronym stays
        short = short[:1].lower() + short[1:]
    where = legal_ref(ref.removeprefix("MDR "), ctx.lang)
    return f"{days} {ctx.t('dager', 'days')} – {short} ({where})"


def clock_fields(ctx: RenderContext) -> list[FormField]:
    """The clock's two fields, for the procedures that say who fills them in."""
    t = ctx.t
    return generated_fields(
        "incident-clock",
        dict(type="date", required=True,
             label=t("Dato virksomheten ble kjent med hendelsen (dag 0)", "Date the company became aware (day 0)")),
        dict(type="select", label=t("Type hendelse", "Kind of event"),
             options=[_kind_label(ctx, d.days, d.title(ctx.lang), d.ref) for d in ctx.hb.catalogue.vigilance.deadlines]),
    )


def names_dmp(note: Note) -> bool:
    """A vigilance note about reporting to DMP (it names the authority): shown where staff report."""
    return re.search(r"\bDMP\b", note.text("nb")) is not None


def dmp_box(ctx: RenderContext, skip: str = "") -> str:
    """How to report to DMP, from the catalogue's vigilance notes (with their marks), as an HTML block that works
    in Markdown and inside a form page. ``skip``: the page's own form (no link to itself)."""
    t = ctx.t
    items = []
    clock = next((f for f in ctx.hb.forms if f.special == "incident-clock"), None)
    if clock is not None and clock.id != skip and target(ctx, clock.id):
        page, anchor = target(ctx, clock.id) or ("", "")
        items.append(esc(t("Regn ut fristen og fyll ut", "Work out the deadline and fill in"))
                     + f' <a href="{href(ctx.here, page, anchor)}">{esc(clock.id)} {esc(ctx.hb.docs[clock.id].title)}</a> '
                     + esc(t("samme dag.", "the same day.")))
    items += [f"{esc(n.text(ctx.lang))} ({ctx.ref(n.ref)}){ctx.mark(n)}"
              for n in ctx.hb.catalogue.vigilance.notes if names_dmp(n)]
    company = ctx.hb.company
    if company.eudamed_actor_id:
        items.append(esc(t("Vår aktør-ID i EUDAMED: ", "Our EUDAMED actor ID: ") + company.eudamed_actor_id))
    if company.authority_contact in ctx.hb.persons:
        items.append(esc(t("Kontaktperson mot myndighetene hos oss:", "Our contact person for the authorities:"))
                     + " " + ctx.person(company.authority_contact))
    title = t("Slik melder du til DMP", "How to report to DMP")
    now = ("" if skip else  # the form's clock says it already, as its headline
           f'<p class="hb-dmp-now"><strong>{esc(t("Rapporter straks", "Report immediately"))}</strong> '
           + esc(t("– ikke vent på fristen. En ufullstendig første melding kan følges av en fullstendig (MDR art. 87(6)).",
                   "– do not wait for the deadline. An incomplete initial report may be followed by a complete one "
                   "(MDR Art. 87(6)).")) + "</p>\n")
    return (f'<div class="admonition danger hb-dmp">\n<p class="admonition-title">{esc(title)}</p>\n{now}'
            "<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>\n</div>")


def clock_part(ctx: RenderContext, form_id: str) -> str:
    """The Art. 87 clock: awareness date + kind of event → the calendar date to plan by and the legal last day
    (Art. 3(4) and 3(5) of Regulation 1182/71 with Norwegian public holidays), both computed in the browser.
    The headline is to report immediately; the dates come second."""
    t = ctx.t
    deadlines = ctx.hb.catalogue.vigilance.deadlines
    aware, kind = clock_fields(ctx)
    kind_options = "".join(
        f'\n<option value="{d.days}" data-full="{attr(d.title(ctx.lang) + " (" + legal_ref(d.ref, ctx.lang) + ")")}">{esc(label)}</option>'
        for d, label in zip(deadlines, kind.options, strict=True))
    aware_id, kind_id = f"{form_id}-{aware.id}", f"{form_id}-{kind.id}"
    choose = t("Velg type hendelse for å se hva MDR sier om den.", "Choose the kind of event to see what the MDR says.")
    heading = t("Slik regnes fristen", "How the deadline counts")
    notes = "\n".join(f"<li><small>{esc(n.text(ctx.lang))} ({ctx.ref(n.ref)}){ctx.mark(n)}</small></li>"
                      for n in ctx.hb.catalogue.vigilance.notes if not names_dmp(n))
    limits = t("Datoene nedenfor er de ytterste grensene: vent ikke på dem.",
               "The dates below are the outer limits: do not wait for them.")
    return (
        f'<fieldset class="hb-clock"><legend>{esc(t("Rapporteringsfrist (MDR art. 87)", "Reporting deadline (MDR Art. 87)"))}'
        f"</legend>\n"
        f'<p class="hb-clock-now"><strong>{esc(t("Rapporter straks", "Report immediately"))}</strong>\n'
        f"<span>{esc(limits)}</span></p>\n"
        f'<div class="hb-field hb-field--date" data-empty><label for="{attr(aware_id)}">{esc(aware.label)}'
        f' <span class="hb-req" aria-hidden="true">*</span></label>\n<input type="date" id="{attr(aware_id)}" '
        f'name="{attr(aware.id)}" class="hb-clock-aware" required aria-required="true"></div>\n'
        f'<div class="hb-field hb-field--select" data-empty><label for="{attr(kind_id)}">{esc(kind.label)}</label>\n'
        f'<select id="{attr(kind_id)}" name="{attr(kind.id)}" class="hb-clock-kind" aria-describedby="{attr(kind_id)}-help">'
        f'<option value="">{esc(t("Velg …", "Choose …"))}</option>{kind_options}</select>\n'
        + _paper_options(kind.options) + "\n"
        f'<small class="hb-help hb-clock-kind-help" id="{attr(kind_id)}-help" data-default="{attr(choose)}">{esc(choose)}'
        f"</small></div>\n"
        f'<div class="hb-clock-result" role="status" aria-live="polite" aria-atomic="true"'
        f' data-text="{attr(_clock_text(ctx))}" data-locale="{attr("en-GB" if ctx.lang == "en" else "nb-NO")}"></div>'
        f"</fieldset>\n"
        + dmp_box(ctx, skip=form_id) + "\n"
        f'<details class="hb-clock-notes"><summary>{esc(heading)}</summary>\n<ul>\n{notes}\n</ul></details>'
    )


def prrc_duties_part(ctx: RenderContext) -> str:
    t = ctx.t
    items = "".join(f"<li>{esc(d.title(ctx.lang))} ({ctx.ref(d.ref)}){ctx.mark(d)}</li>"
                    for d in ctx.hb.catalogue.prrc.duties if d.applies_to_custom_made)
    return (f"<p>{esc(t('PRRC skal sørge for at:', 'The PRRC ensures that:'))}</p><ol>{items}</ol>"
            + "<p>" + esc(t("PRRC skal ikke stilles dårligere for å utføre oppgavene (MDR art. 15(5)).",
                            "The PRRC suffers no disadvantage for carrying out these duties (MDR Art. 15(5)).")) + "</p>")


def prrc_signatures(ctx: RenderContext) -> list[FormField]:
    t = ctx.t
    return generated_fields(
        "prrc-duties",
        dict(type="signature", required=True, label=t("Signatur for virksomheten", "Signature for the company")),
        dict(type="date", required=True, label=t("Dato", "Date")),
        dict(type="signature", required=True, label=t("Signatur PRRC", "Signature of the PRRC")),
        dict(type="date", required=True, label=t("Dato", "Date")),
    )


def ifu_exemption_part(ctx: RenderContext) -> str:
    t = ctx.t
    eligible = [g for g in ctx.hb.device_groups if g.device_class in ("I", "IIa")]
    names = ", ".join(f"{g.name} ({g.device_class})" for g in eligible) or t("ingen", "none")
    text = t("Unntaket gjelder bare klasse I og IIa, og bare når utstyret kan brukes trygt uten bruksanvisning "
             "(MDR vedlegg I 23.1 d). Aktuelle utstyrsgrupper: ",
             "The exemption applies only to class I and IIa, and only where the device can be used safely "
             "without instructions (MDR Annex I 23.1(d)). Eligible device groups: ")
    return f"<p>{esc(text + names)}</p>"


def _print_head(ctx: RenderContext, doc: Document) -> str:
    """Who the sheet belongs to, at the top of the printed form (the screen has the site header for that)."""
    version = f"{doc.id} · {ctx.t('versjon', 'version')} {doc.version}"
    return (f'<div class="hb-print-head" data-search-exclude><span class="hb-print-company">{esc(ctx.hb.company.name)}'
            f'</span> <span class="hb-print-doc">{esc(version)}</span></div>')


def form_page(ctx: RenderContext, form: Form, group: DeviceGroup | None = None) -> str:
    doc = ctx.hb.docs[form.id]
    ctx = ctx.at(paths.form(form.id, group.id if group else None))
    t = ctx.t
    title = f"{doc.title}: {group.name}" if group else doc.title
    parts: list[str] = []
    if form.special == "statement" and group is not None:
        parts.append(statement_part(ctx, group))
        parts.append(_section(ctx, form.id, t("Pasient og forskrivning", "Patient and prescription"), "", statement_fields(ctx)))
    if form.special == "incident-clock":
        parts.append(clock_part(ctx, form.id))
    if form.special == "prrc-duties":
        parts.append(prrc_duties_part(ctx))
    if form.special == "ifu-exemption":
        parts.append(ifu_exemption_part(ctx))
    for section in form.sections:
        parts.append(_section(ctx, form.id, section.title, section.text, section.fields))
    if form.special == "prrc-duties":
        parts.append(_section(ctx, form.id, t("Signaturer", "Signatures"), "", prrc_signatures(ctx)))
    footer = esc(footer_text(ctx, doc))
    actions = (f'<p class="hb-no-print" data-search-exclude>'  # buttons: nothing to find in search
               f'<button type="button" class="md-button md-button--primary hb-print">'
               f'{esc(t("Skriv ut", "Print"))}</button> <button type="reset" class="md-button">'
               f'{esc(t("Tøm skjemaet", "Clear the form"))}</button></p>')
    note = t("Det du skriver, blir bare lagret i denne fanen i nettleseren, til du lukker fanen eller tømmer "
             "skjemaet. Det sendes aldri noe sted. Skriv ut eller lagre som PDF for å ta vare på det, og tøm skjemaet "
             "når du er ferdig: en nettleser som gjenåpner lukkede faner, kan ta med det som står i dem.",
             "What you type is kept only in this browser tab, until you close the tab or clear the form. It is never "
             "sent anywhere. Print it or save it as PDF to keep it, and clear the form when you are done: a browser "
             "that reopens closed tabs may bring back what was in them.")
    confirm = t("Tømme skjemaet? Alt du har skrevet på dette skjemaet, slettes.",
                "Clear the form? Everything you have typed on this form is deleted.")
    return "\n\n".join(o for o in [
        front_matter(), f"# {esc(title)}", _print_head(ctx, doc),  # the title first: MkDocs takes it from there
        f'<div class="hb-no-print" markdown>\n\n{control_block(ctx, doc)}\n\n</div>',
        linked_paragraphs(ctx, form.intro, skip=form.id),
        f'<p class="hb-no-print hb-form-note"><small>{esc(note)}</small></p>',
        f'<form class="hb-form" method="dialog" data-form="{attr(form.id)}" data-version="{attr(doc.version)}" '
        f'data-confirm="{attr(confirm)}" autocomplete="off" novalidate>\n'
        + "\n".join(parts) + "\n" + actions + "\n</form>",
        f'<p class="hb-form-footer">{footer}</p>',
        page_style(ctx, doc),
    ] if o) + "\n"


def _section(ctx: RenderContext, form_id: str, title: str, text: str, fields: list[FormField]) -> str:
    body = "\n".join(field_html(form_id, f, ctx) for f in fields)
    return (f'<fieldset class="hb-form-section"><legend>{esc(title)}</legend>\n'
            + (f"<p>{linked(ctx, text, html=True, skip=form_id)}</p>\n" if text else "")
            + f'<div class="hb-fields">\n{body}\n</div>\n</fieldset>')


def form_fields(ctx: RenderContext, form: Form) -> dict[str, FormField]:
    """Every field a person fills in on ``form``, by ID, with its label in the page's language: the generated
    part's and the sections'. The procedures use it to name the fields a step fills in."""
    generated = {"statement": statement_fields, "incident-clock": clock_fields, "prrc-duties": prrc_signatures}
    make = generated.get(form.special or "")
    fields = [*(make(ctx) if make else []), *(f for s in form.sections for f in s.fields)]
    return {f.id: f for f in fields}


def form_pages(ctx: RenderContext) -> dict[str, str]:
    """Every form page: one per form, and one per device group for the statement."""
    return {page: form_page(ctx, form, group) for form in ctx.hb.forms for page, group in paths.form_pages(ctx.hb, form)}


def form_links(ctx: RenderContext, form_id: str) -> list[tuple[str, str]]:
    """(label, page) for a form's page(s), so procedures and the register can link to the fill-in version."""
    form = next((f for f in ctx.hb.forms if f.id == form_id), None)
    if form is None:
        return []
    return [(group.name if group else ctx.hb.docs[form.id].title, page) for page, group in paths.form_pages(ctx.hb, form)]
