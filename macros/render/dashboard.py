"""The Status page: where the company stands, per area, and what falls due in the next twelve months."""

from __future__ import annotations

from collections import defaultdict

from ..derive import paths
from ..derive.calendar import due_dates
from ..rules.base import Finding
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, esc, href

SEVERITY = {"error": ("Feil", "Error"), "warning": ("Advarsel", "Warning"), "notice": ("Merknad", "Notice")}
KIND = {"review": ("Revisjon", "Review"), "pms": ("PSUR", "PSUR"), "management-review": ("Ledelsen", "Management"),
        "internal-audit": ("Revisjon", "Audit"), "supplier-evaluation": ("Leverandører", "Suppliers")}
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


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


def _finding_html(ctx: RenderContext, f: Finding) -> str:
    label = SEVERITY[f.severity][ctx.lang == "en"]
    target = f.anchor or paths.STATUS
    page, _, anchor = target.partition("#")
    where = f" <small><code>{esc(f.file.rsplit('/data/', 1)[-1])}:{f.line}</code></small>" if ctx.internal else ""
    return (f'<li class="hb-finding hb-finding--{f.severity}"><span class="hb-sev">{esc(label)}</span> '
            f'<a href="{href(ctx.here, page, anchor)}">{esc(f.message)}</a> '
            f"<small>[{esc(f.rule)}; {esc(f.reference)}]</small>{where}<br><small>{esc(f.fix)}</small></li>")


def status_page(ctx: RenderContext, findings: list[Finding]) -> str:
    ctx = ctx.at(paths.STATUS)
    t = ctx.t
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
        numbers = ", ".join(f"{n} {SEVERITY[s][ctx.lang == 'en'].lower()}" for s, n in counts.items() if n) or t(
            "ingen funn", "no findings")
        cards.append(f'<a class="hb-card hb-card--{state}" href="#omrade-{attr(key)}"><strong>{esc(title)}</strong>'
                     f'<span class="hb-card-state">{esc(word)}</span><small>{esc(numbers)}</small></a>')
        body = "".join(_finding_html(ctx, f) for f in items) or f"<li>{esc(t('Ingen funn.', 'No findings.'))}</li>"
        details.append(f'<h3 id="omrade-{attr(key)}"><a href="{href(ctx.here, page)}">{esc(title)}</a></h3>'
                       f'<ul class="hb-findings">{body}</ul>')
    return "\n\n".join([
        front_matter(hide_toc=True),
        f"# {t('Status', 'Status')}",
        esc(t(f"Sjekket mot MDR-reglene per {ctx.date(ctx.today)}. Tallene kommer fra «handbook check».",
              f"Checked against the MDR rules on {ctx.date(ctx.today)}. The figures come from 'handbook check'.")),
        f'<div class="hb-cards">{"".join(cards)}</div>',
        f"## {t('Frister de neste tolv månedene', 'Due in the next twelve months')}",
        timeline(ctx),
        f"## {t('Funn per område', 'Findings by area')}",
        "".join(details),
    ]) + "\n"


def timeline(ctx: RenderContext) -> str:
    t = ctx.t
    months = MONTHS_EN if ctx.lang == "en" else MONTHS_NB
    groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    overdue = []
    for due in due_dates(ctx.hb, ctx.today, months=12):
        kind = KIND.get(due.kind, (due.kind, due.kind))[ctx.lang == "en"]
        item = (f'<li><time datetime="{due.date.isoformat()}">{ctx.date(due.date)}</time> '
                f'<span class="hb-kind hb-kind--{attr(due.kind)}">{esc(kind)}</span> '
                f'<a href="{href(ctx.here, due.page, due.anchor)}">{esc(due.title(ctx.lang))}</a></li>')
        if due.date < ctx.today:
            overdue.append(item)
        else:
            groups[(due.date.year, due.date.month)].append(item)
    out = []
    if overdue:
        out.append(f'<div class="hb-month hb-month--overdue"><h3>{esc(t("Forfalt", "Overdue"))}</h3>'
                   f'<ul>{"".join(overdue)}</ul></div>')
    year, month = ctx.today.year, ctx.today.month
    for _ in range(13):
        items = groups.get((year, month), [])
        label = f"{months[month - 1]} {year}"
        content = "".join(items) or f'<li class="hb-empty">{esc(t("Ingenting forfaller", "Nothing due"))}</li>'
        out.append(f'<div class="hb-month"><h3>{esc(label)}</h3><ul>{content}</ul></div>')
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return f'<div class="hb-timeline">{"".join(out)}</div>'
