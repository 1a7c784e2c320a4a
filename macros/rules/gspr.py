"""Rules: each device group's GSPR matrix (MDR Annex I, Art. 10(9)(b))."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from ..derive.applicability import contradicts, triggered_by
from .base import Context, Emit, Finding, rule


@rule("GSPR-001", "error", "MDR Art. 10(9)(b); vedlegg I", "gspr", "Hvert GSPR-krav er vurdert",
      "Every GSPR requirement is decided")
def all_decided(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        matrix = hb.gspr.get(group.id)
        rows = {r.gspr: r for r in matrix.rows} if matrix else {}
        open_ = [e.number for e in hb.catalogue.gspr.requirements
                 if e.number not in rows or rows[e.number].applicable is None
                 or (rows[e.number].applicable and rows[e.number].conformity is None)]
        if open_:
            shown = ", ".join(open_[:10]) + (" …" if len(open_) > 10 else "")
            yield emit(matrix or group, f"{group.name}: {len(open_)} GSPR-krav er ikke vurdert ({shown})",
                       f"{group.name}: {len(open_)} GSPR requirements are not decided ({shown})",
                       "Sett 'applicable' (og for relevante krav 'conformity', metode og bevis) for hvert krav.",
                       "Set 'applicable' (and for applicable rows 'conformity', method and evidence) for each row.",
                       loc=("rows",) if matrix else ("id",), area=group.id, anchor=paths.gspr(group.id))


@rule("GSPR-002", "error", "MDR vedlegg I", "gspr", "Vurderingen strider ikke mot utstyrets egenskaper",
      "No decision contradicts the device's characteristics")
def no_contradiction(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        matrix = hb.gspr.get(group.id)
        if not matrix:
            continue
        flags = group.flags()
        catalogue = {e.number: e for e in hb.catalogue.gspr.requirements}
        for row in matrix.rows:
            entry = catalogue.get(row.gspr)
            if entry and contradicts(entry, flags, row):
                why = ", ".join(triggered_by(entry, flags)) or "alltid relevant"
                yield emit(row, f"{group.name}: GSPR {row.gspr} er merket «Nei», men utstyret tilsier «Ja» ({why})",
                           f"{group.name}: GSPR {row.gspr} is marked No, but the device says Yes "
                           f"({why.replace('alltid relevant', 'always applies')})",
                           "Vurder kravet på nytt, eller rett utstyrsgruppens egenskaper.",
                           "Reconsider the row, or correct the device group's characteristics.",
                           loc=("applicable",), area=group.id, anchor=paths.gspr(group.id))


@rule("GSPR-003", "warning", "MDR Art. 8; Art. 10(9)", "gspr", "Ingen erstattet standardutgave er brukt",
      "No superseded standard edition is cited")
def no_superseded(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    refs = hb.references
    for group in hb.device_groups:
        for row in hb.gspr.get(group.id).rows if group.id in hb.gspr else []:
            method = row.method
            cited = ([("standard",)] if method and method.standard else []) + [
                ("standards", i) for i in range(len(method.standards) if method else 0)]
            for loc, std_id in zip(cited, method.all_standards if method else [], strict=True):
                std = refs.get(std_id)
                if std is None or not std.superseded_by:
                    continue
                new = refs.get(std.superseded_by)
                new_label = f"{new.title.nb} {new.edition or ''}".strip() if new else std.superseded_by
                yield emit(row.method, f"{group.name}: GSPR {row.gspr} viser til {std.title.nb} {std.edition or ''}, "
                           f"som er erstattet av {new_label}",
                           f"{group.name}: GSPR {row.gspr} cites {std.title.en} {std.edition or ''}, superseded by "
                           f"{new_label}",
                           "Vurder samsvar mot gjeldende utgave og oppdater metoden.",
                           "Assess conformity against the current edition and update the method.",
                           loc=loc, area=group.id, anchor=paths.gspr(group.id))


@rule("GSPR-004", "notice", "MDR vedlegg I", "gspr", "Krav som normalt gjelder, er merket «Nei»",
      "Requirements that normally apply are marked No")
def typical_no(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    catalogue = {e.number: e for e in hb.catalogue.gspr.requirements}
    for group in hb.device_groups:
        for row in hb.gspr.get(group.id).rows if group.id in hb.gspr else []:
            entry = catalogue.get(row.gspr)
            if entry and entry.applicability == "typical" and row.applicable is False \
                    and not contradicts(entry, group.flags(), row):
                yield emit(row, f"{group.name}: GSPR {row.gspr} gjelder normalt, men er merket «Nei»: "
                           "sjekk at begrunnelsen holder",
                           f"{group.name}: GSPR {row.gspr} normally applies but is marked No: check the justification",
                           "Ingen handling nødvendig hvis begrunnelsen er god.", "No action if the justification holds.",
                           loc=("applicable",), area=group.id, anchor=paths.gspr(group.id))
