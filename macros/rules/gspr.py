"""Rules: each device group's GSPR matrix (MDR Annex I, Art. 10(9)(b))."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue.model import TRIGGER_LABELS
from ..derive import paths
from ..derive.applicability import contradicts, triggered_by
from ..derive.matrix import matrix
from .base import Context, Emit, Finding, rule


@rule("GSPR-001", "error", "MDR Art. 10(9)(b); Annex I", "gspr", "Hvert GSPR-krav er vurdert",
      "Every GSPR requirement is decided")
def all_decided(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        rows = matrix(hb, group)
        # A point without a row of its own is open only because its requirement is: name the requirement.
        open_ = [r.number for r in rows if r.open and (r.own is not None or not r.point)]
        if open_:
            shown = ", ".join(open_[:10]) + (" …" if len(open_) > 10 else "")
            where = hb.gspr.get(group.id)
            yield emit(where or group, f"{group.name}: {len(open_)} GSPR-krav er ikke vurdert ({shown})",
                       f"{group.name}: {len(open_)} GSPR requirements are not decided ({shown})",
                       "Sett 'applicable' (og for relevante krav 'conformity', metode og bevis) for hvert krav; et punkt "
                       "følger kravet sitt med mindre det har en egen rad.",
                       "Set 'applicable' (and for applicable rows 'conformity', method and evidence) for each "
                       "requirement; a point follows its requirement unless it has a row of its own.",
                       loc=("rows",) if where else ("id",), area=group.id, anchor=paths.gspr(group.id))


@rule("GSPR-002", "error", "MDR Annex I", "gspr", "Vurderingen strider ikke mot utstyrets egenskaper",
      "No decision contradicts the device's characteristics")
def no_contradiction(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        flags = group.flags()
        for row in matrix(hb, group):
            if row.decision is None or not contradicts(row.entry, flags, row.decision, row.parent):
                continue
            why = triggered_by(row.entry, flags)
            why_nb = ", ".join(TRIGGER_LABELS[x][0] for x in why) or "alltid relevant"
            why_en = ", ".join(TRIGGER_LABELS[x][1] for x in why) or "always applies"
            via_nb = f" (følger {row.parent.number})" if row.inherited else ""
            via_en = f" (follows {row.parent.number})" if row.inherited else ""
            yield emit(row.decision, f"{group.name}: GSPR {row.number} er merket «Nei»{via_nb}, men utstyret tilsier «Ja» "
                       f"({why_nb})",
                       f"{group.name}: GSPR {row.number} is marked No{via_en}, but the device says Yes ({why_en})",
                       "Vurder kravet på nytt (et punkt kan få en egen rad), eller rett utstyrsgruppens egenskaper.",
                       "Reconsider the row (a point may get a row of its own), or correct the device group's "
                       "characteristics.", loc=("applicable",), area=group.id, anchor=paths.gspr(group.id))


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


@rule("GSPR-004", "notice", "MDR Annex I", "gspr", "Krav som normalt gjelder, er merket «Nei»",
      "Requirements that normally apply are marked No")
def typical_no(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        for mrow in matrix(hb, group):
            row, entry = mrow.own, mrow.entry
            if row is not None and entry.applicability == "typical" and row.applicable is False \
                    and not contradicts(entry, group.flags(), row, mrow.parent):
                yield emit(row, f"{group.name}: GSPR {row.gspr} gjelder normalt, men er merket «Nei»: "
                           "sjekk at begrunnelsen holder",
                           f"{group.name}: GSPR {row.gspr} normally applies but is marked No: check the justification",
                           "Ingen handling nødvendig hvis begrunnelsen er god.", "No action if the justification holds.",
                           loc=("applicable",), area=group.id, anchor=paths.gspr(group.id))
