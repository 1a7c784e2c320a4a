"""Rules: each device group's documentation: risk management, clinical evaluation, PMS report or PSUR."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive import paths
from ..derive.calendar import next_pms_due
from .base import Context, Emit, Finding, rule

RISK_SET = ["risk-management-plan", "risk-analysis", "risk-control", "benefit-risk-analysis", "risk-management-report"]
CLINICAL_SET = ["clinical-evaluation-plan", "clinical-evaluation-report"]


def _missing(ctx: Context, group_id: str, kinds: list[str]) -> list[str]:
    have = {d.kind for d in ctx.handbook.group_documents(group_id) if d.status == "effective"}
    return [k for k in kinds if k not in have]


def _documents_rule(kinds: list[str], nb: str, en: str):  # type: ignore[no-untyped-def]
    def check(ctx: Context, emit: Emit) -> Iterator[Finding]:
        titles = {k.id: k.title for k in ctx.handbook.catalogue.document_kinds}
        for group in ctx.handbook.device_groups:
            missing = _missing(ctx, group.id, kinds)
            if missing:
                yield emit(group, f"{group.name}: {nb}: mangler " + ", ".join(titles[k].nb for k in missing),
                           f"{group.name}: {en}: missing " + ", ".join(titles[k].en for k in missing),
                           "Før opp gjeldende dokumenter med device_group i documents.yml.",
                           "Add effective documents with this device_group to documents.yml.",
                           loc=("id",), area=group.id, anchor=paths.device_group(group.id))
    return check


rule("RISK-001", "error", "MDR Art. 10(2); Annex I §3; ISO 14971:2019", "pms",
     "Hver utstyrsgruppe har et komplett risikostyringssett", "Each device group has the ISO 14971 set")(
    _documents_rule(RISK_SET, "risikostyring", "risk management"))
rule("CLIN-001", "error", "MDR Art. 10(3), Art. 61; Annex XIV", "pms",
     "Hver utstyrsgruppe har plan og rapport for klinisk evaluering",
     "Each device group has a clinical evaluation plan and report")(
    _documents_rule(CLINICAL_SET, "klinisk evaluering", "clinical evaluation"))
rule("PMCF-001", "error", "MDR Annex XIII §3; Annex XIV Part B", "pms",
     "Hver utstyrsgruppe har en PMCF-plan eller en begrunnelse for at den ikke trengs",
     "Each device group has a PMCF plan or a justification for not having one")(
    _documents_rule(["pmcf-plan"], "klinisk oppfølging etter omsetning", "post-market clinical follow-up"))
rule("PMS-001", "error", "MDR Art. 84", "pms", "Hver utstyrsgruppe har en PMS-plan", "Each device group has a PMS plan")(
    _documents_rule(["pms-plan"], "overvåking etter omsetning", "post-market surveillance"))


@rule("PMS-002", "error", "MDR Art. 85, 86; MDCG 2022-21 §5.3", "pms",
      "PMS-rapport (klasse I) eller PSUR (IIa og høyere) finnes og er ikke forfalt",
      "PMS report (class I) or PSUR (IIa and above) exists and is not overdue")
def pms_report(ctx: Context, emit: Emit) -> Iterator[Finding]:
    hb = ctx.handbook
    rules = {r.device_class: r for r in hb.catalogue.pms}
    for group in hb.device_groups:
        pms_rule = rules[group.device_class]
        docs = [d for d in hb.group_documents(group.id) if d.kind == pms_rule.document and d.status == "effective"]
        latest = max((d.effective for d in docs if d.effective), default=None)
        if pms_rule.interval_months is None:
            if not docs:
                yield emit(group, f"{group.name}: PMS-rapport mangler (klasse I)",
                           f"{group.name}: PMS report missing (class I)",
                           "Skriv PMS-rapporten og før den opp i dokumentregisteret.",
                           "Write the PMS report and add it to the document register.",
                           loc=("device_class",), area=group.id, anchor=paths.device_group(group.id))
            continue
        due = next_pms_due(hb, group.id)
        if due is None:
            yield emit(group, f"{group.name}: ingen PSUR og ingen dato for første erklæring",
                       f"{group.name}: no PSUR and no date of the first statement",
                       "Før opp 'first_statement' for gruppen, eller PSUR-en i dokumentregisteret.",
                       "Record 'first_statement' for the group, or the PSUR in the document register.",
                       loc=("device_class",), area=group.id, anchor=paths.device_group(group.id))
            continue
        start = latest or group.first_statement
        if due < ctx.today:
            what_nb = "siste PSUR" if latest else "første erklæring"
            what_en = "the last PSUR" if latest else "the first statement"
            newest = max(docs, key=lambda d: d.effective or start) if docs else group
            yield emit(newest,
                       f"{group.name}: PSUR forfalt {due.isoformat()} ({what_nb} {start.isoformat()}, "
                       f"intervall {pms_rule.interval_months} mnd.)",
                       f"{group.name}: PSUR overdue since {due.isoformat()} ({what_en} {start.isoformat()}, "
                       f"interval {pms_rule.interval_months} months)",
                       "Utarbeid en ny PSUR og før den opp som gjeldende.", "Prepare a new PSUR and record it as effective.",
                       loc=("effective",) if docs else ("first_statement",), area=group.id,
                       anchor=paths.device_group(group.id))
