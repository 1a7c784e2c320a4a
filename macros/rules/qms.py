"""Rules: the quality management system as a whole (Art. 10(9)), registration, notified body."""

from __future__ import annotations

from collections.abc import Iterator

from ..render import paths
from .base import Context, Emit, Finding, rule


@rule("QMS-001", "error", "MDR Art. 10(9)", "qms",
      "Hvert element i art. 10(9) er dekket av en gjeldende prosedyre",
      "Every Art. 10(9) element is covered by an effective procedure")
def qms_elements_covered(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    covered = {e for p in hb.procedures if p.status == "effective" for e in p.references.qms_elements}
    for element in hb.catalogue.qms_elements:
        if element.applies_to_custom_made and element.id not in covered:
            drafts = [p.id for p in hb.procedures if element.id in p.references.qms_elements]
            yield emit(
                (str(hb.data_dir / "procedures"), 0, 0),
                f"{element.ref} ({element.title.nb}) er ikke dekket av noen gjeldende prosedyre"
                + (f" (bare utkast: {', '.join(drafts)})" if drafts else ""),
                f"{element.ref} ({element.title.en}) is not covered by any effective procedure"
                + (f" (drafts only: {', '.join(drafts)})" if drafts else ""),
                f"Før opp '{element.id}' under references.qms_elements i en gjeldende prosedyre.",
                f"List '{element.id}' under references.qms_elements in an effective procedure.",
                anchor=paths.COMPANY)


@rule("REG-001", "error", "Forskrift om medisinsk utstyr (Utstyrsregisteret; paragraf UVERIFISERT)", "qms",
      "Virksomheten er registrert i Utstyrsregisteret", "The company is registered in Utstyrsregisteret")
def registered(ctx: Context, emit: Emit) -> Iterator[Finding]:
    company = ctx.handbook.company
    if not company.utstyrsregisteret.registered:
        yield emit(company.utstyrsregisteret,
                   "Virksomheten er ikke registrert i Utstyrsregisteret",
                   "The company is not registered in Utstyrsregisteret",
                   "Registrer virksomheten og utstyret hos DMP og før inn referanse og dato.",
                   "Register the company and its devices with DMP and record the reference and date.",
                   loc=("registered",), anchor=paths.COMPANY)


@rule("NB-001", "error", "MDR Art. 52(8) annet ledd", "qms",
      "Implanterbart klasse III-utstyr krever sertifikat fra teknisk kontrollorgan",
      "Class III implantable devices need a notified-body certificate")
def notified_body(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    valid = [c for c in hb.company.notified_body_certificates if c.valid_until >= ctx.today]
    for group in hb.device_groups:
        if group.device_class == "III" and group.characteristics.implantable and not valid:
            yield emit(group, f"{group.name}: implanterbart klasse III-utstyr uten gyldig sertifikat fra teknisk "
                       "kontrollorgan (vedlegg IX kap. I eller vedlegg XI del A)",
                       f"{group.name}: class III implantable device without a valid notified-body certificate "
                       "(Annex IX ch. I or Annex XI part A)",
                       "Før opp sertifikatet under notified_body_certificates i company.yml.",
                       "Record the certificate under notified_body_certificates in company.yml.",
                       loc=("device_class",), area=group.id, anchor=paths.device_group(group.id))
