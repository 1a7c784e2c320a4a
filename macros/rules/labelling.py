"""Rules: label, instructions for use and statement retention (Annex I ch. III, Annex XIII §4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalogue.model import LabelCheck
from ..derive import paths
from ..derive.matrix import MatrixRow, label_points, matrix, substance_names
from ..model.devices import DeviceGroup
from ..model.handbook import Handbook
from .base import Context, Emit, Finding, rule

CE_OR_UDI = re.compile(r"\bCE\b|CE-merk|\bUDI\b", re.IGNORECASE)


def says(wording: str, words: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", wording, re.IGNORECASE) for w in words)


def missing_on_label(hb: Handbook, group: DeviceGroup) -> Iterator[tuple[MatrixRow, LabelCheck, list[str]]]:
    """(point, check, what is missing) for each applicable 23.2 point the label wording does not carry."""
    wording = group.label.wording
    company = hb.company
    for row, check in label_points(matrix(hb, group), group.flags()):
        if check.from_data == "manufacturer":
            lacking = [x for x in (company.name, company.address.street) if x.lower() not in wording.lower()]
        elif check.from_data == "substances":
            substances = group.cmr_substances + group.endocrine_disruptors
            lacking = [s for s, name in zip(substances, substance_names(substances), strict=True)
                       if not says(wording, [name])]
        else:
            lacking = [] if says(wording, check.words) else [check.words[0]]
        if lacking:
            yield row, check, lacking


@rule("LAB-001", "error", "MDR Annex I 23.2; FOR-2021-05-09-1476 § 6", "labelling",
      "Merkingen har det vedlegg I 23.2 krever av individuelt tilpasset utstyr, på norsk",
      "The label carries what Annex I 23.2 requires of a custom-made device, in Norwegian")
def label_wording(ctx: Context, emit: Emit) -> Iterator[Finding]:
    """The label follows the market (Norway: Norwegian, forskrift § 6), not the handbook's language."""
    hb = ctx.handbook
    for group in hb.device_groups:
        for row, check, lacking in missing_on_label(hb, group):
            source = f"; {check.source}" if check.source else ""
            found_nb, found_en = "«" + "», «".join(lacking) + "»", "'" + "', '".join(lacking) + "'"
            yield emit(group.label, f"{group.name}: merketeksten mangler {check.says.nb} ({row.number}{source}): "
                       f"fant ikke {found_nb}",
                       f"{group.name}: the label wording lacks {check.says.en} ({row.number}{source}): "
                       f"{found_en} not found",
                       f"Ta med {check.says.nb} i merketeksten.", f"Include {check.says.en} in the label wording.",
                       loc=("wording",), area=group.id, anchor=paths.device_group(group.id))


@rule("LAB-002", "error", "MDR Art. 21(1), Art. 27(1)", "labelling", "Merkingen har ikke CE-merke eller UDI",
      "The label has no CE mark or UDI")
def no_ce_udi(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for group in ctx.handbook.device_groups:
        found = CE_OR_UDI.search(group.label.wording)
        if found:
            yield emit(group.label, f"{group.name}: merketeksten nevner «{found.group(0)}»; individuelt tilpasset "
                       "utstyr skal ikke CE-merkes og har ikke UDI",
                       f"{group.name}: the label wording mentions '{found.group(0)}'; custom-made devices bear no CE "
                       "mark and have no UDI",
                       "Fjern CE-merke og UDI fra merkingen.", "Remove the CE mark and UDI from the label.",
                       loc=("wording",), area=group.id, anchor=paths.device_group(group.id))


@rule("IFU-001", "error", "MDR Annex I 23.1(d)", "labelling",
      "Unntak fra bruksanvisning bare for klasse I og IIa, med dokumentert risikovurdering",
      "IFU exemption only for class I and IIa, with a documented risk assessment")
def ifu_exemption(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for group in ctx.handbook.device_groups:
        if group.ifu.supplied:
            continue
        if group.device_class not in ("I", "IIa"):
            yield emit(group.ifu, f"{group.name}: klasse {group.device_class} kan ikke unntas fra bruksanvisning",
                       f"{group.name}: class {group.device_class} cannot be exempted from the IFU",
                       "Lag bruksanvisning og sett 'supplied: true'.", "Write the IFU and set 'supplied: true'.",
                       loc=("supplied",), area=group.id, anchor=paths.device_group(group.id))
        elif not (group.ifu.exemption_assessment and group.ifu.justification):
            yield emit(group.ifu, f"{group.name}: unntak fra bruksanvisning uten dokumentert risikovurdering",
                       f"{group.name}: IFU exemption without a documented risk assessment",
                       "Før opp 'exemption_assessment' (dokument) og 'justification'.",
                       "Record 'exemption_assessment' (document) and 'justification'.",
                       loc=("supplied",), area=group.id, anchor=paths.device_group(group.id))


@rule("RET-001", "error", "MDR Annex XIII §4", "labelling",
      "Erklæringen oppbevares i 15 år for implanterbart utstyr, ellers 10",
      "Statements are kept 15 years for implantable devices, 10 otherwise")
def retention(ctx: Context, emit: Emit) -> Iterator[Finding]:
    for group in ctx.handbook.device_groups:
        need = group.required_retention_years
        if group.statement_retention_years is not None and group.statement_retention_years < need:
            yield emit(group, f"{group.name}: erklæringen oppbevares {group.statement_retention_years} år; kravet er "
                       f"minst {need} år" + (" (implanterbart)" if group.characteristics.implantable else ""),
                       f"{group.name}: statements are kept {group.statement_retention_years} years; at least {need} "
                       "are required" + (" (implantable)" if group.characteristics.implantable else ""),
                       f"Sett statement_retention_years til {need} (eller fjern feltet).",
                       f"Set statement_retention_years to {need} (or remove the field).",
                       loc=("statement_retention_years",), area=group.id, anchor=paths.device_group(group.id))


@rule("IFU-002", "error", "MDR Annex I 23; ISO 13485:2016 4.2.4", "labelling",
      "Merking og bruksanvisning som brukes, er gjeldende dokumenter",
      "The label and instructions in use are effective documents")
def label_documents_effective(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    for group in hb.device_groups:
        for owner, field, doc_id in ((group.ifu, "document", group.ifu.document if group.ifu.supplied else None),
                                     (group.ifu, "exemption_assessment", None if group.ifu.supplied
                                      else group.ifu.exemption_assessment),
                                     (group.label, "document", group.label.document)):
            doc = hb.docs.get(doc_id or "")
            if doc is not None and doc.status != "effective":
                status_nb = {"draft": "et utkast", "obsolete": "utgått"}.get(doc.status, doc.status)
                status_en = {"draft": "a draft", "obsolete": "obsolete"}.get(doc.status, doc.status)
                yield emit(owner, f"{group.name}: {doc.id} {doc.title} er {status_nb}, ikke gjeldende",
                           f"{group.name}: {doc.id} {doc.title} is {status_en}, not effective",
                           "Godkjenn dokumentet (status: effective) før utstyret leveres.",
                           "Approve the document (status: effective) before the device is supplied.",
                           loc=(field,), area=group.id, anchor=paths.device_group(group.id))
