"""The Status page: where the company stands, per area, and what falls due in the next twelve months.

Readers see each finding, its legal basis and who acts on it; the data file, line and fix are for the one who
edits the data, behind a collapsed detail.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..derive import paths
from ..derive.calendar import Due, due_dates, overdue_by, window
from ..rules.base import Finding
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, esc, href

SEVERITY = {"error": ("Feil", "Error"), "warning": ("Advarsel", "Warning"), "notice": ("Merknad", "Notice")}
PLURAL = {"error": ("feil", "errors"), "warning": ("advarsler", "warnings"), "notice": ("merknader", "notices")}


def counted(ctx: RenderContext, severity: str, n: int) -> str:
    """"1 advarsel", "5 advarsler"; "1 warning", "5 warnings"."""
    en = ctx.lang == "en"
    return f"{n} {SEVERITY[severity][en].lower() if n == 1 else PLURAL[severity][en]}"
KIND = {"review": ("Dokumentrevisjon", "Document review"), "pms": ("PSUR", "PSUR"),
        "management-review": ("Ledelsens gjennomgang", "Management review"),
        "internal-audit": ("Internrevisjon", "Internal audit"), "supplier-evaluation": ("Leverandører", "Suppliers"),
        "prrc-competence": ("PRRC", "PRRC"), "certificate": ("Sertifikat", "Certificate")}
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
#: Who acts on a finding, by rule family, when the finding is not about a procedure (whose owner acts).
ACTOR = {"PRRC": "daglig-leder", "SIZE": "daglig-leder", "NB": "daglig-leder", "PMS": "prrc"}
DEFAULT_ACTOR = "kvalitetsleder"


def area_of(finding: Finding) -> str:
    """Dashboard area: qms, prrc, pms, documents, or a device group's ID."""
    prefix = finding.rule.split("-")[0]
    return {"QMS": "qms", "REG": "qms", "PRRC": "prrc", "PMS": "pms", "DOC": "documents"}.get(prefix, finding.area)


def areas(ctx: RenderContext) -> list[tuple[str, str, str]]:
    """(key, title, page) in reading order."""
    t = ctx.t
    out = [("qms", t("Kvalitetssystemet", "Quality management system"), paths.COMPANY),
           ("prrc", "PRRC", paths.PRRC)]
    out += [(g.id, g.name, paths.device_group(g.id)) for g in ctx.hb.device_groups]
    out += [("pms", t("Overvåking etter omsetning og vigilans", "Post-market surveillance and vigilance"),
             paths.DEVICE_GROUPS),
            ("documents", t("Dokumenter", "Documents"), paths.REGISTER)]
    return out


def actor(ctx: RenderContext, finding: Finding, owners: dict[str, str]) -> str:
    """Who acts: the owner of the procedure the finding is in, or the role that answers for its kind of rule."""
    t = ctx.t
    owner = owners.get(finding.file)
    if owner:
        return t("Hvem", "Who") + ": " + ctx.person(owner) + " " + esc(t("(eier av prosedyren)", "(owner of the procedure)"))
    role = ACTOR.get(finding.rule.split("-")[0], DEFAULT_ACTOR)
    if role not in ctx.hb.roles:
        return ""
    names = ", ".join(esc(p.name) for p in ctx.hb.holders(role))
    return (t("Hvem", "Who") + f': <a href="{href(ctx.here, paths.role(role))}">{esc(ctx.hb.roles[role].title)}</a>'
            + (f" ({names})" if names else ""))


def _finding_html(ctx: RenderContext, f: Finding, owners: dict[str, str]) -> str:
    t = ctx.t
    label = SEVERITY[f.severity][ctx.lang == "en"]
    target = f.anchor or paths.STATUS
    page, _, anchor = target.partition("#")
    who = actor(ctx, f, owners)
    where = (f"<code>{esc(f.file.rsplit('/data/', 1)[-1])}" + (f":{f.line}" if f.line else "") + "</code> · "
             if ctx.internal else "")
    return (f'<li class="hb-finding hb-finding--{f.severity}"><span class="hb-sev">{esc(label)}</span> '
            f'<a href="{href(ctx.here, page, anchor)}">{esc(f.message)}</a>'
            f'<br><small class="hb-finding-meta">{who}{" · " if who else ""}{ctx.ref(f.reference)}</small>'
            f"{_maintainer(ctx, f.fix, where + esc(t('regel', 'rule')) + ' ' + esc(f.rule))}</li>")


def _maintainer(ctx: RenderContext, text: str, first: str = "") -> str:
    """A closed detail for the one who edits the data (``first``: HTML, ``text``: plain)."""
    summary = esc(ctx.t("For den som vedlikeholder dataene", "For the data maintainer"))
    return (f'<details class="hb-maintainer"><summary>{summary}</summary>' + (f"<p>{first}</p>" if first else "")
            + f"<p>{esc(text)}</p></details>")


def status_page(ctx: RenderContext, findings: list[Finding]) -> str:
    ctx = ctx.at(paths.STATUS)
    t = ctx.t
    owners = {p.file: p.owner for p in ctx.hb.procedures}
    by_area: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_area[area_of(f)].append(f)
    cards, details = [], []
    for key, title, page in areas(ctx):
        items = by_area.get(key, [])
        counts = {s: sum(1 for f in items if f.severity == s) for s in SEVERITY}
        state = "error" if counts["error"] else "warning" if counts["warning"] else "ok"
        word = {"error": t("Må rettes", "Must be fixed"), "warning": t("Bør sees på", "Needs attention"),
                "ok": t("I orden", "In order")}[state]
        numbers = ", ".join(counted(ctx, s, n) for s, n in counts.items() if n) or t(
            "ingen funn", "no findings")
        cards.append(f'<a class="hb-card hb-card--{state}" href="#omrade-{attr(key)}"><strong>{esc(title)}</strong>'
                     f'<span class="hb-card-state">{esc(word)}</span><small>{esc(numbers)}</small></a>')
        body = "".join(_finding_html(ctx, f, owners) for f in items) or f"<li>{esc(t('Ingen funn.', 'No findings.'))}</li>"
        details.append(f'<h3 id="omrade-{attr(key)}"><a href="{href(ctx.here, page)}">{esc(title)}</a></h3>'
                       f'<ul class="hb-findings">{body}</ul>')
    return "\n\n".join([
        front_matter(hide_toc=True),
        f"# {t('Status', 'Status')}",
        esc(t(f"Kvalitetssystemet sjekket mot kravene i MDR og ISO 13485 per {ctx.date(ctx.today)}. Hvert funn sier "
              "hva som mangler, hvem som retter det og hvor kravet står.",
              f"The quality management system checked against the MDR and ISO 13485 on {ctx.date(ctx.today)}. Each "
              "finding says what is missing, who fixes it and where the requirement is.")),
        _maintainer(ctx, t("Funnene er de samme som «handbook check» skriver ut. Under hvert funn står filen og "
                           "linjen i data/ som skal rettes, og hva som skal stå der.",
                           "The findings are those 'handbook check' prints. Under each finding are the file and "
                           "line in data/ to correct, and what belongs there.")),
        f'<div class="hb-cards">{"".join(cards)}</div>',
        f"## {t('Frister de neste tolv månedene', 'Due in the next twelve months')}",
        timeline(ctx),
        f"## {t('Funn per område', 'Findings by area')}",
        "".join(details),
    ]) + "\n"


def _ago(ctx: RenderContext, due: dt.date) -> str:
    """'forfalt for 3 måneder siden' / 'overdue by 3 months'."""
    months, days = overdue_by(due, ctx.today)
    years, months = divmod(months, 12)

    def unit(n: int, nb: tuple[str, str], en: tuple[str, str]) -> str:
        return f"{n} " + (en if ctx.lang == "en" else nb)[n != 1]

    parts = ([unit(years, ("år", "år"), ("year", "years"))] if years else []) + (
        [unit(months, ("måned", "måneder"), ("month", "months"))] if months else [])
    if not parts:
        parts = [unit(days, ("dag", "dager"), ("day", "days"))]
    span = ctx.t(" og ", " and ").join(parts)
    return ctx.t(f"forfalt for {span} siden", f"overdue by {span}")


def _item(ctx: RenderContext, due: Due, *, badge: bool = True) -> str:
    """One due date; ``badge``: say its kind (not needed among the document reviews)."""
    kind = KIND.get(due.kind, (due.kind, due.kind))[ctx.lang == "en"]
    late = (f' <strong class="hb-overdue">{esc(_ago(ctx, due.date))}</strong>' if due.overdue(ctx.today) else "")
    return (f'<li class="hb-due-item{" hb-due-item--overdue" if late else ""}">'
            f'<time datetime="{due.date.isoformat()}">{ctx.date(due.date)}</time> '
            + (f'<span class="hb-kind hb-kind--{attr(due.kind)}">{esc(kind)}</span> '
               if badge and not due.title(ctx.lang).startswith(kind) else "") +
            f'<a href="{href(ctx.here, due.page, due.anchor)}">{esc(due.title(ctx.lang))}</a>{late}</li>')


def timeline(ctx: RenderContext) -> str:
    """Overdue first, then the dates that matter, then the routine document reviews by month, collapsed."""
    t = ctx.t
    months = MONTHS_EN if ctx.lang == "en" else MONTHS_NB
    first, last = window(ctx.today, 12)
    dues = due_dates(ctx.hb, ctx.today, months=12)
    overdue = [d for d in dues if d.overdue(ctx.today)]
    key = [d for d in dues if d.key and not d.overdue(ctx.today)]
    routine = [d for d in dues if not d.key and not d.overdue(ctx.today)]
    span = t(f"Fra {ctx.date(first)} til og med {ctx.date(last)}.", f"From {ctx.date(first)} to {ctx.date(last)} inclusive.")
    out = [f'<p class="hb-due-window">{esc(span)}</p>']
    if overdue:
        out.append(f'<section class="hb-due hb-due--overdue" aria-labelledby="frister-forfalt">'
                   f'<h3 id="frister-forfalt">{esc(t("Forfalt", "Overdue"))} ({len(overdue)})</h3>'
                   f'<ul>{"".join(_item(ctx, d) for d in overdue)}</ul></section>')
    out.append(f'<section class="hb-due hb-due--key" aria-labelledby="frister-viktige">'
               f'<h3 id="frister-viktige">{esc(t("Viktige frister", "Key dates"))}</h3>'
               + (f'<ul>{"".join(_item(ctx, d) for d in key)}</ul>' if key else
                  f'<p class="hb-empty">{esc(t("Ingen de neste tolv månedene.", "None in the next twelve months."))}</p>')
               + "</section>")
    if routine:
        by_month: dict[tuple[int, int], list[Due]] = defaultdict(list)
        for d in routine:
            by_month[(d.date.year, d.date.month)].append(d)
        groups = "".join(f'<h4>{esc(f"{months[m - 1]} {y}")}</h4><ul>{"".join(_item(ctx, d, badge=False) for d in items)}</ul>'
                         for (y, m), items in sorted(by_month.items()))
        count = len(routine)
        summary = t(f"{count} dokumentrevisjon" + ("er" if count != 1 else ""),
                    f"{count} document review" + ("s" if count != 1 else ""))
        out.append(f'<details class="hb-due hb-due--routine"><summary>{esc(summary)}</summary>{groups}</details>')
    return f'<div class="hb-timeline">{"".join(out)}</div>'
