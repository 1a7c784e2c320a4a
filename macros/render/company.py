"""The company, its people and roles, and the PRRC."""

from __future__ import annotations

from ..catalogue.model import EXPERIENCE_KIND_LABELS
from ..derive import paths
from ..derive.coverage import duty_procedures
from ..model.prrc import Deputy, Experienced
from .context import RenderContext
from .forms import form_links
from .tables import cell, doc_link, row
from .tables import table as html_table
from .text import esc, href, paragraphs, table, web_link


def company_facts(ctx: RenderContext) -> str:
    t = ctx.t
    c = ctx.hb.company
    size = {"micro": t("Svært liten bedrift", "Micro enterprise"), "small": t("Liten bedrift", "Small enterprise"),
            "medium": t("Mellomstor bedrift", "Medium-sized enterprise"), "large": t("Stor bedrift", "Large enterprise")}
    reg = c.utstyrsregisteret
    rows = [
        [t("Foretaksnavn", "Legal name"), esc(c.name)],
        [t("Organisasjonsnummer", "Organisation number"), esc(c.organisation_number)],
        [t("Adresse", "Address"), esc(c.address.one_line())],
        [t("Produksjonssteder", "Manufacturing sites"),
         "<br>".join(f"{esc(s.name)}: {esc(s.address.one_line())}" + (f" – {esc(s.activities)}" if s.activities else "")
                     for s in c.sites)],
        [t("Autorisert representant", "Authorised representative"),
         esc(f"{c.authorised_representative.name}, {c.authorised_representative.address.one_line()}")
         if c.authorised_representative else t("Ikke aktuelt (norsk produsent)", "Not applicable (Norwegian manufacturer)")],
        [t("Virksomhetens størrelse", "Enterprise size"), esc(size[c.enterprise_size]) + _size_basis(ctx)],
        ["Utstyrsregisteret", (t("Registrert", "Registered") + (f" ({ctx.ref(reg.reference)}, {ctx.date(reg.date)})"
                                                              if reg.reference else ""))
         if reg.registered else f'<span class="hb-missing">{t("Ikke registrert", "Not registered")}</span>'],
        [t("Kontaktperson for myndighetene", "Contact for the authority"), ctx.person(c.authority_contact)],
    ]
    if c.eudamed_actor_id:
        rows.append([t("Aktør-ID i EUDAMED", "EUDAMED actor ID"), esc(c.eudamed_actor_id)])
    for cert in c.notified_body_certificates:
        rows.append([t("Sertifikat fra meldt organ", "Notified-body certificate"),
                     esc(f"{cert.body}, {cert.number}") + " – " + t("gyldig til ", "valid until ") + ctx.date(cert.valid_until)])
    if c.notified_body_transition:
        claim = c.notified_body_transition
        rule = next((tr for tr in ctx.hb.catalogue.transitions if tr.id == claim.provision), None)
        rows.append([t("Overgangsregel for sertifikat", "Transitional provision for the certificate"),
                     esc((rule.ref + ": ") if rule else "")
                     + t("søknad til meldt organ ", "application to the notified body ") + ctx.date(claim.application_lodged)
                     + "; " + t("skriftlig avtale ", "written agreement ") + ctx.date(claim.agreement_signed)
                     + ((" – " + esc(t(f"utløpt {ctx.date(rule.ends)}", f"expired {ctx.date(rule.ends)}")))
                        if rule and ctx.today > rule.ends else "")])
    if c.website:
        rows.append([t("Nettsted", "Website"), web_link(c.website)])
    if ctx.internal and c.internal_notes:
        rows.append([t("Intern merknad", "Internal note"), esc(c.internal_notes)])
    return table([t("Opplysning", "Item"), t("Verdi", "Value")], rows)


def _size_basis(ctx: RenderContext) -> str:
    """The figures the size rests on (Recommendation 2003/361/EC): staff, turnover, balance sheet."""
    c, t = ctx.hb.company, ctx.t

    def millions(eur: int) -> str:
        figure = f"{eur / 1_000_000:.1f}"
        return t(f"{figure.replace('.', ',')} mill. euro", f"EUR {figure} million")

    parts = ([f"{c.employees} " + t("ansatte", "employees")] if c.employees is not None else []) + (
        [t("omsetning ", "turnover ") + millions(c.turnover_eur)] if c.turnover_eur is not None else []) + (
        [t("balanse ", "balance sheet ") + millions(c.balance_sheet_eur)] if c.balance_sheet_eur is not None else [])
    return " " + esc(f"({', '.join(parts)})") if parts else ""


def people_table(ctx: RenderContext) -> str:
    """Who holds which role. Contact details are internal: only on the intranet build. A table that fits its
    column (long e-mail addresses wrap), and a card per person on a phone."""
    t = ctx.t
    labels = [t("Navn", "Name"), t("Stilling", "Position"), t("Roller", "Roles")]
    if ctx.internal:
        labels += [t("E-post", "E-mail"), t("Telefon", "Phone"), t("Intern merknad", "Internal note")]
    rows = []
    for p in ctx.hb.people.people:
        roles = ", ".join(f'<a href="{href(ctx.here, paths.role(r))}">{esc(ctx.hb.roles[r].title)}</a>'
                          if r in ctx.hb.roles else esc(r) for r in p.roles)
        values = [esc(p.name), esc(p.job_title), roles]
        if ctx.internal:
            values += [esc(p.contact.email).replace("@", "@<wbr>") if p.contact else "",  # breaks at the @
                       esc(p.contact.phone) if p.contact else "",
                       esc(p.internal_notes)]
        rows.append(row([cell(label, value) for label, value in zip(labels, values, strict=True)]))
    return "\n" + html_table(labels, rows, widths=(15, 15, 20, 21, 12, 17) if ctx.internal else (30, 30, 40)) + "\n"


def _experience_summary(ctx: RenderContext, appt: Experienced) -> str:
    """Evidenced experience per kind, in calendar years, as the qualification rule counts it."""
    parts = []
    for kind, (nb, en) in EXPERIENCE_KIND_LABELS.items():
        years = f"{appt.experience_years(ctx.today, [kind], evidenced_only=True):.1f}"
        parts.append(f"{en}: {years}" if ctx.lang == "en" else f"{nb}: {years.replace('.', ',')}")
    return esc(ctx.t("Dokumentert erfaring i år – ", "Evidenced experience in years – ") + "; ".join(parts))


def prrc_appointments(ctx: RenderContext) -> str:
    t = ctx.t
    cat = ctx.hb.catalogue.prrc
    routes = {r.id: r for r in cat.routes}
    out = []
    for i, appt in enumerate(ctx.hb.prrc.appointments):
        route = routes.get(appt.route)
        jd = appt.job_description
        ca = appt.competence_assessment
        rows = [
            [t("Person", "Person"), ctx.person(appt.person)],
            [t("Ordning", "Arrangement"), t("Ansatt i virksomheten", "Employed in-house") if appt.arrangement == "in-house"
             else t("Til rådighet etter avtale (MDR art. 15(2))", "At disposal by contract (MDR Art. 15(2))")
             + (f": {ctx.doc(appt.contract, title=True)}" if appt.contract else "")],
            [t("Fra dato", "Since"), ctx.date(appt.start)],
            [t("Kvalifikasjon", "Qualification"),
             (esc(route.title(ctx.lang)) + f" ({ctx.ref(route.ref)})" + ctx.mark(route) if route else esc(appt.route))
             + (f"<br>{esc(appt.degree)}" if appt.degree else "")
             + "<br>" + _experience_summary(ctx, appt)],
            [t("Kompetansevurdering", "Competence assessment"),
             f"{ctx.doc(ca.document, title=True)}, {ctx.date(ca.date)}, {ctx.person(ca.assessed_by)}" if ca
             else f'<span class="hb-missing">{t("Mangler", "Missing")}</span>'],
            [t("Stillingsinstruks", "Job description"),
             (ctx.doc(jd.document, title=True) + "<br>" + t("Signert av virksomheten: ", "Signed by the company: ")
              + ctx.date(jd.signed_by_company) + "; " + t("signert av PRRC: ", "signed by the PRRC: ")
              + ctx.date(jd.signed_by_prrc)) if jd else f'<span class="hb-missing">{t("Mangler", "Missing")}</span>'],
            [t("Stedfortreder", "Deputy"), f'<a href="#{deputy_anchor(i)}">{ctx.person(appt.deputy.person)}</a>'
             if appt.deputy else f'<span class="hb-missing">{t("Ingen", "None")}</span>'],
        ]
        if appt.area:
            rows.append([t("Ansvarsområde", "Area of responsibility"), esc(appt.area)])
        out.append(table([t("Opplysning", "Item"), t("Verdi", "Value")], rows))
        if appt.experience:
            out.append(_experience_table(ctx, appt))
        if appt.deputy:
            out.append(_deputy(ctx, appt.deputy, deputy_anchor(i)))
    return "\n\n".join(out)


def deputy_anchor(index: int) -> str:
    """The deputy's section on the PRRC page (rules link to the first: "stedfortreder")."""
    return "stedfortreder" + (f"-{index + 1}" if index else "")


def _experience_table(ctx: RenderContext, who: Experienced) -> str:
    t = ctx.t
    labels = [t("Arbeidsgiver", "Employer"), t("Stilling", "Position"), t("Fagfelt", "Field"),
              t("Type erfaring", "Kind of experience"), t("Periode", "Period"), t("Dokumentasjon", "Evidence")]
    rows = [row([cell(label, value) for label, value in zip(labels, [
        esc(e.employer), esc(e.position), esc(e.field),
        esc(", ".join(EXPERIENCE_KIND_LABELS[k][ctx.lang == "en"] for k in e.kinds)) or "–",
        f'<span class="hb-nowrap">{ctx.date(e.start)} –</span> '
        f'<span class="hb-nowrap">{ctx.date(e.end) if e.end else esc(t("nå", "now"))}</span>',
        ", ".join(doc_link(ctx, d, title=False) for d in e.evidence)], strict=True)]) for e in who.experience]
    return "\n" + html_table(labels, rows, widths=(18, 17, 27, 13, 13, 12)) + "\n"


def _deputy(ctx: RenderContext, deputy: Deputy, anchor: str) -> str:
    """Who stands in for the PRRC, on what competence and when: MDCG 2019-7 asks the substitute to be competent."""
    t = ctx.t
    route = next((r for r in ctx.hb.catalogue.prrc.routes if r.id == deputy.route), None)
    person = ctx.hb.persons.get(deputy.person)
    missing = f'<span class="hb-missing">{esc(t("Ikke dokumentert", "Not documented"))}</span>'
    route_cell = (esc(route.title(ctx.lang)) + f" ({ctx.ref(route.ref)})" + ctx.mark(route)
                  + (f"<br>{esc(deputy.degree)}" if deputy.degree else "") + "<br>" + _experience_summary(ctx, deputy)
                  if route else "")
    rows = [
        [t("Person", "Person"), ctx.person(deputy.person) + (f", {esc(person.job_title)}" if person and person.job_title
                                                              else "")],
        [t("Kvalifikasjon", "Qualification"), route_cell or (missing if not deputy.qualification else "–")],
        *([[t("Vurdering", "Assessment"), esc(deputy.qualification)]] if deputy.qualification else []),
        [t("Dokumentasjon", "Evidence"), ", ".join(ctx.doc(d, title=True) for d in deputy.evidence) or missing],
        [t("Trer inn", "Stands in"), esc(deputy.availability) or missing],
    ]
    return "\n\n".join(x for x in [
        "### " + esc(t("Stedfortreder for PRRC", "The PRRC's deputy")) + f" {{ #{anchor} }}",
        esc(t("Stedfortrederen utfører PRRCs oppgaver når PRRC er borte, og må da ha den samme kompetansen "
              "(MDCG 2019-7).",
              "The deputy carries out the PRRC's duties while the PRRC is away, and must then have the same "
              "competence (MDCG 2019-7).")),
        table([t("Opplysning", "Item"), t("Verdi", "Value")], rows),
        _experience_table(ctx, deputy) if deputy.experience else "",
    ] if x)


def prrc_duties(ctx: RenderContext) -> str:
    """Art. 15(3) duties, each with the procedures (and their forms) that discharge it."""
    t = ctx.t
    rows = []
    for duty in ctx.hb.catalogue.prrc.duties:
        note = f"<br><small>{esc(duty.note(ctx.lang))}</small>" if duty.note else ""
        if not duty.applies_to_custom_made:
            how = esc(t("Gjelder ikke individuelt tilpasset utstyr", "Does not apply to custom-made devices"))
        else:
            procs = duty_procedures(ctx.hb, duty)  # the onboarding checklist reads the same list
            forms = sorted({f for p in procs for f in p.forms})
            how = "<br>".join(ctx.link(esc(f"{p.id} {p.title}"), paths.procedure(p.id)) for p in procs) or (
                f'<span class="hb-missing">{esc(t("Ingen prosedyre", "No procedure"))}</span>')
            if forms:
                how += "<br>" + t("Skjema: ", "Forms: ") + ", ".join(ctx.doc(f) for f in forms)
        rows.append([ctx.ref(duty.ref), esc(duty.title(ctx.lang)) + ctx.mark(duty) + note, how])
    return table([t("Hjemmel", "Basis"), t("PRRC skal sørge for", "The PRRC ensures"),
                  t("Ivaretas gjennom", "Discharged through")], rows)


def about(ctx: RenderContext) -> str:
    return paragraphs(ctx.hb.company.about)


def role_list(ctx: RenderContext) -> str:
    t = ctx.t
    return table([t("Rolle", "Role"), t("Innehas av", "Held by")],
                 [[ctx.link(esc(r.title), paths.role(r.id)), ", ".join(esc(p.name) for p in ctx.hb.holders(r.id))]
                  for r in ctx.hb.people.roles])


def prrc_tools(ctx: RenderContext) -> str:
    """Links to what the PRRC uses: the release, onboarding and yearly checklists, Status, and the PRRC's forms."""
    t = ctx.t
    items = [ctx.link(t("Frigivelse av individuelt tilpasset utstyr (art. 15(3)(a))",
                        "Release of a custom-made device (Art. 15(3)(a))"), paths.checklist("frigivelse")),
             ctx.link(t("Opplæring av ny PRRC", "Onboarding a new PRRC"), paths.checklist("prrc-opplaering")),
             ctx.link(t("Årshjul: det som forfaller de neste tolv månedene", "Yearly cycle: what falls due in the next "
                        "twelve months"), paths.checklist("arshjul"))]
    if ctx.internal:  # the Status page is the intranet's working tool
        items.append(ctx.link(t("Status: funn som må rettes, og frister", "Status: findings to fix, and due dates"),
                              paths.STATUS))
    for form in ctx.hb.forms:
        if form.special in ("prrc-duties", "incident-clock", "statement"):
            items += [ctx.link(esc(f"{form.id} {label}"), page) for label, page in form_links(ctx, form.id)]
    return "\n".join(f"- {i}" for i in items)
