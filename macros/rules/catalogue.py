"""Rules: what a newer regulatory catalogue changes for this company (after `pip install -U cmd-handbook`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue.model import CatalogueChange, CatalogueVersion
from ..derive import paths
from ..model.handbook import Handbook
from .base import Context, Emit, Finding, rule


def newer(versions: list[CatalogueVersion], since: str) -> list[CatalogueVersion]:
    """The catalogue versions after ``since`` (all of them when ``since`` is not among them), oldest first."""
    out: list[CatalogueVersion] = []
    for version in versions:  # newest first
        if version.version == since:
            break
        out.append(version)
    return list(reversed(out))


def concerns(hb: Handbook, change: CatalogueChange) -> list[str]:
    """Where this company meets the change: GSPR rows it has decided (a point counts for its requirement), standards
    it cites; one entry per device group, e.g. "Kroner og broer (10.4.1, 23.2)"."""
    where = []
    for group_id, matrix in hb.gspr.items():
        name = hb.groups[group_id].name if group_id in hb.groups else group_id
        hits: list[str] = []
        for row in matrix.rows:
            cited = set(row.method.all_standards) if row.method else set()
            requirement = row.gspr.split("(")[0]
            if row.applicable is not None and (requirement in change.affects.gspr
                                               or cited & set(change.affects.standards)):
                hits += [] if requirement in hits else [requirement]
        if hits:
            where.append(f"{name} ({', '.join(hits)})")
    return where


@rule("CAT-001", "warning", "MDR Art. 10(9) first subparagraph; ISO 13485:2016 5.6.2", "qms",
      "Endringer i regelverkskatalogen siden forrige utgivelse er vurdert",
      "Changes to the regulatory catalogue since the last release are reviewed")
def catalogue_changes(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    latest = hb.releases.latest
    lock = hb.locks.get(latest.version) if latest else None
    if latest is None or lock is None:
        return
    since = lock.catalogue or hb.catalogue.changes[-1].version  # a lock without one predates catalogue versions
    for version in newer(hb.catalogue.changes, since):
        for change in version.changes:
            where = concerns(hb, change)
            here_nb = f" Gjelder dere: {', '.join(where)}." if where else ""
            here_en = f" Concerns you: {', '.join(where)}." if where else ""
            yield emit(latest, f"Regelverkskatalogen {version.version} (etter utgivelse {latest.version}): "
                       f"{change.what.nb} ({change.source}).{here_nb}",
                       f"Regulatory catalogue {version.version} (after release {latest.version}): "
                       f"{change.what.en} ({change.source}).{here_en}",
                       "Vurder endringen, rett dataene om nødvendig, og lag en ny utgivelse.",
                       "Review the change, correct the data where needed, and make a new release.",
                       loc=("version",), anchor=paths.REFERENCES, severity="warning" if where else "notice")
