"""The "what changed" page: one section per release, generated from the release locks."""

from __future__ import annotations

import difflib

from ..audience import WITHHELD
from ..derive import paths
from ..derive.releases import Changes, FieldChange, diff, lock_of, row_changes, unrecorded, visible
from ..model.releases import LockedAppointment, Release
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, table


def _standard(ctx: RenderContext, std_id: str) -> str:
    std = ctx.hb.references.get(std_id)
    if std is None:
        return std_id
    return std.ref if not std.edition or std.edition in std.ref else f"{std.ref} ({std.edition})"


def _values(ctx: RenderContext, change: FieldChange, values: tuple[str, ...], other: tuple[str, ...],
            follows: str = "") -> str:
    """One side of a change, as HTML: a list field marks what the other side lacks (removed or added). A point
    that had no row of its own on this side followed its requirement (``follows``), whose decision it shared."""
    t = ctx.t
    if change.field == "applicable":
        if not values and follows:
            return esc(t(f"som {follows}", f"as {follows}"))
        return esc({"True": t("Ja", "Yes"), "False": t("Nei", "No")}.get(values[0], values[0]) if values
                   else t("ikke vurdert", "not decided"))
    if change.field == "conformity":
        return esc({"met": t("oppfylt", "met"), "not-fully-met": t("ikke fullt oppfylt", "not fully met")}.get(
            values[0], values[0]) if values else "–")
    if not values:
        return "–"
    if change.field == "standards":
        return "<br>".join(esc(_standard(ctx, v)) if v in other else f"<strong>{esc(_standard(ctx, v))}</strong>"
                           for v in values)
    if change.field.startswith("evidence"):
        items = []
        for v in values:
            doc, _, section = v.partition(" ")
            items.append(esc(ctx.doc_label(doc)) + (f" {esc(section)}" if section and doc != WITHHELD else ""))
        return "<br>".join(items)
    if change.field in ("method", "justification", "grounds") and other:
        return _marked(values[0], other[0])
    return esc(values[0])


def _marked(text: str, other: str) -> str:
    """``text`` with the words ``other`` lacks in bold, when the two are versions of one text (mostly the same)."""
    words, others = text.split(" "), other.split(" ")
    match = difflib.SequenceMatcher(a=others, b=words, autojunk=False)
    if match.ratio() < 0.5:
        return esc(text)
    out = []
    for tag, _, _, start, end in match.get_opcodes():
        chunk = esc(" ".join(words[start:end]))
        out.append(chunk if tag == "equal" else f"<strong>{chunk}</strong>" if chunk else "")
    return " ".join(x for x in out if x)


FIELD_LABELS = {
    "applicable": ("Relevant", "Applicable"), "conformity": ("Samsvar", "Conformity"),
    "standards": ("Standarder", "Standards"),
    "method": ("Metode (felles spesifikasjon, egen metode)", "Method (common specification, own method)"),
    "evidence-removed": ("Bevis fjernet", "Evidence removed"), "evidence-added": ("Bevis lagt til", "Evidence added"),
    "justification": ("Begrunnelse for «ikke relevant»", "Justification for 'not applicable'"),
    "grounds": ("Grunnlag for «ikke fullt oppfylt»", "Grounds for 'not fully met'"),
}


def _gspr_rows(ctx: RenderContext, changes: Changes, leave_out: set[str]) -> list[list[str]]:
    """One row per field that changed; the device group and requirement on the first row of each decision."""
    names = {g.id: g.name for g in ctx.hb.device_groups}
    standards = {r.id for r in ctx.hb.references.values() if r.kind == "standard"}
    rows = []
    for c in changes.gspr:
        where = (ctx.link(esc(f"{names[c.group]} {c.number}"), paths.gspr(c.group), paths.gspr_anchor(c.number))
                 if c.group in names else esc(f"{c.group} {c.number}"))
        for i, change in enumerate(row_changes(c.old, c.new, standards, leave_out)):
            rows.append([where if i == 0 else "", esc(FIELD_LABELS[change.field][ctx.lang == "en"]),
                         _values(ctx, change, change.before, change.after, c.old_follows),
                         _values(ctx, change, change.after, change.before, c.new_follows)])
    return rows


def _section(ctx: RenderContext, release: Release, changes: Changes, leave_out: set[str]) -> list[str]:
    t, hb = ctx.t, ctx.hb
    out = []
    procs = hb.procs
    if changes.added or changes.revised or changes.withdrawn:
        rows = [[ctx.doc(p, title=True) if p in procs else esc(p), esc(t("Ny", "New")), ""] for p in changes.added]
        for pid, old, new in changes.revised:
            proc = procs.get(pid)
            notes = [r for r in proc.revisions if r.version == new] if proc else []
            rows.append([ctx.doc(pid, title=True) if proc else esc(pid), esc(f"{old} → {new}"),
                         "; ".join(esc(r.changes) for r in notes)])
        rows += [[ctx.doc(p) if p in procs else esc(p), esc(t("Trukket tilbake", "Withdrawn")), ""]
                 for p in changes.withdrawn]
        out += [f"### {t('Prosedyrer', 'Procedures')}",
                table([t("Prosedyre", "Procedure"), t("Endring", "Change"), t("Revisjonsmerknad", "Revision note")], rows)]
    docs = [[ctx.doc(d, title=True), esc(t("Ny", "New"))] for d in changes.documents_added]
    docs += [[ctx.doc(d, title=True), esc(f"{o} → {n}")] for d, o, n in changes.documents_revised]
    docs += [[ctx.doc(d, title=True), esc(t("Utgått", "Obsolete"))] for d in changes.documents_withdrawn]
    if docs:
        out += [f"### {t('Dokumenter', 'Documents')}", table([t("Dokument", "Document"), t("Endring", "Change")], docs)]
    rows = _gspr_rows(ctx, changes, leave_out)
    if rows:
        out += [f"### {t('GSPR-vurderinger', 'GSPR decisions')}",
                esc(t("Bare feltene som er endret. Uthevet: det som er tatt bort (Før) eller lagt til (Nå).",
                      "Only the fields that changed. In bold: what was taken away (Before) or added (Now).")),
                table([t("Utstyrsgruppe og krav", "Device group and requirement"), t("Felt", "Field"),
                       t("Før", "Before"), t("Nå", "Now")], rows)]
    if changes.prrc:
        def name(person: str | None) -> str:
            return hb.persons[person].name if person in hb.persons else (person or "–")

        def who(a: LockedAppointment | None) -> str:
            if a is None:
                return "–"
            arrangement = {"in-house": t("ansatt", "employed"), "at-disposal": t("til rådighet etter avtale", "at disposal by contract")}
            return esc(f"{name(a.person)}, {arrangement.get(a.arrangement, a.arrangement)}, "
                       f"{t('stedfortreder', 'deputy')}: {name(a.deputy)}")
        out += ["### PRRC", table([t("Før", "Before"), t("Nå", "Now")], [[who(o), who(n)] for o, n in changes.prrc])]
    if changes.empty():
        out.append(esc(t("Ingen endringer i prosedyrer, dokumenter, GSPR-vurderinger eller PRRC.",
                         "No changes to procedures, documents, GSPR decisions or the PRRC.")))
    return out


def changes_page(ctx: RenderContext) -> str:
    """Newest release first; each compared with the one before it, lock with lock. On the intranet, what the data
    says now and the newest release does not comes first, as not released yet (an inspector's snapshot is a
    release: it has no such section)."""
    ctx = ctx.at(paths.CHANGES)
    t, hb = ctx.t, ctx.hb
    releases = sorted(hb.releases.releases, key=lambda r: (r.date, r.version), reverse=True)
    out = [front_matter(), f"# {t('Hva er endret', 'What changed')}"]
    if not releases:
        out.append(esc(t("Ingen utgivelser er registrert ennå (data/releases.yml).", "No releases are recorded yet.")))
    latest = hb.locks.get(releases[0].version) if releases else None
    if latest is not None and ctx.internal:
        now = lock_of(hb)
        pending = diff(visible(latest, hb, True), now)
        if not pending.empty():
            out += [f"## {t('Ikke utgitt ennå', 'Not released yet')}",
                    esc(t(f"Det dataene sier nå, og som versjon {releases[0].version} ikke sier. Vises bare på intranettet.",
                          f"What the data says now that version {releases[0].version} does not. Shown on the intranet "
                          "only."))]
            out += _section(ctx, releases[0], pending, unrecorded(latest, now))
    for i, release in enumerate(releases):
        previous = releases[i + 1] if i + 1 < len(releases) else None
        approver = hb.persons[release.approved_by].name if release.approved_by in hb.persons else release.approved_by
        out += [f"## {t('Versjon', 'Version')} {esc(release.version)}",
                esc(t(f"Utgitt {ctx.date(release.date)}, godkjent av {approver}.",
                      f"Released {ctx.date(release.date)}, approved by {approver}.")) + (
                    " " + esc(release.summary) if release.summary else "")]
        new = hb.locks.get(release.version) or (lock_of(hb) if i == 0 else None)
        old = hb.locks.get(previous.version) if previous else None
        if previous is None:
            out.append(esc(t("Første utgivelse.", "First release.")))
        elif new is None or old is None:
            out.append(esc(t("Endringene kan ikke vises: låsefilen for en av utgivelsene mangler i data/releases/.",
                             "The changes cannot be shown: the lock file of one of the releases is missing in data/releases/.")))
        else:  # the view's data is filtered for its reader already; the locks of earlier releases are filtered here
            out += _section(ctx, release, diff(visible(old, hb, ctx.internal), visible(new, hb, ctx.internal)),
                            unrecorded(old, new))
    return "\n\n".join(o for o in out if o) + "\n"
