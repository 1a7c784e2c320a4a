"""The "what changed" page: one section per release, generated from the release locks."""

from __future__ import annotations

from ..derive import paths
from ..derive.releases import Changes, diff, lock_of, visible
from ..model.releases import LockedAppointment, LockedRow, Release
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, table


def _row_text(ctx: RenderContext, row: LockedRow | None) -> str:
    if row is None:
        return esc(ctx.t("ikke vurdert", "not decided"))
    t = ctx.t
    applicable = {True: t("Ja", "Yes"), False: t("Nei", "No"), None: t("ikke vurdert", "not decided")}[row.applicable]
    conformity = {"met": t("oppfylt", "met"), "not-fully-met": t("ikke fullt oppfylt", "not fully met"), None: ""}[
        row.conformity]
    evidence = ", ".join(ctx.doc_label(e.document) + (f" {e.section}" if e.section else "") for e in row.evidence)
    return esc(" · ".join(x for x in (applicable, conformity, evidence) if x))


def _section(ctx: RenderContext, release: Release, changes: Changes) -> list[str]:
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
    docs = [[ctx.doc(d), esc(t("Ny", "New"))] for d in changes.documents_added]
    docs += [[ctx.doc(d), esc(f"{o} → {n}")] for d, o, n in changes.documents_revised]
    docs += [[ctx.doc(d), esc(t("Utgått", "Obsolete"))] for d in changes.documents_withdrawn]
    if docs:
        out += [f"### {t('Dokumenter', 'Documents')}", table([t("Dokument", "Document"), t("Endring", "Change")], docs)]
    if changes.gspr:
        names = {g.id: g.name for g in hb.device_groups}
        out += [f"### {t('GSPR-vurderinger', 'GSPR decisions')}", table(
            [t("Utstyrsgruppe", "Device group"), "GSPR", t("Før", "Before"), t("Nå", "Now")],
            [[ctx.link(esc(names.get(g, g)), paths.gspr(g), paths.gspr_anchor(n)) if g in names else esc(g), esc(n),
              _row_text(ctx, old), _row_text(ctx, new)] for g, n, old, new in changes.gspr])]
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
    """Newest release first; each compared with the one before it (the newest with the data as it is now)."""
    ctx = ctx.at(paths.CHANGES)
    t, hb = ctx.t, ctx.hb
    releases = sorted(hb.releases.releases, key=lambda r: (r.date, r.version), reverse=True)
    out = [front_matter(), f"# {t('Hva er endret', 'What changed')}"]
    if not releases:
        out.append(esc(t("Ingen utgivelser er registrert ennå (data/releases.yml).", "No releases are recorded yet.")))
    for i, release in enumerate(releases):
        previous = releases[i + 1] if i + 1 < len(releases) else None
        approver = hb.persons[release.approved_by].name if release.approved_by in hb.persons else release.approved_by
        out += [f"## {t('Versjon', 'Version')} {esc(release.version)}",
                esc(t(f"Utgitt {ctx.date(release.date)}, godkjent av {approver}.",
                      f"Released {ctx.date(release.date)}, approved by {approver}.")) + (
                    " " + esc(release.summary) if release.summary else "")]
        new = lock_of(hb) if i == 0 else hb.locks.get(release.version)
        old = hb.locks.get(previous.version) if previous else None
        if previous is None:
            out.append(esc(t("Første utgivelse.", "First release.")))
        elif new is None or old is None:
            out.append(esc(t("Endringene kan ikke vises: låsefilen for en av utgivelsene mangler i data/releases/.",
                             "The changes cannot be shown: the lock file of one of the releases is missing in data/releases/.")))
        else:  # the view's data is filtered for its reader already; the locks of earlier releases are filtered here
            out += _section(ctx, release, diff(visible(old, hb, ctx.internal), visible(new, hb, ctx.internal)))
    return "\n\n".join(o for o in out if o) + "\n"
