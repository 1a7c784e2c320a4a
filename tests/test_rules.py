"""The compliance rules: the example is clean; each rule fires on data that breaks it, at the right line;
data just inside a limit does not fire."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cmd_handbook.catalogue import load_catalogue
from cmd_handbook.load import load_handbook
from cmd_handbook.rules import RULES, Finding, run_rules

from .conftest import EXAMPLE, TODAY, edit, line_of, run_cli

DAY = dt.date.fromisoformat(TODAY)


def findings(data: Path, today: dt.date = DAY, lang: str = "nb") -> list[Finding]:
    return run_rules(load_handbook(data), today=today, lang=lang)


def only(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def test_the_example_has_no_errors() -> None:
    errors = [f for f in findings(EXAMPLE) if f.severity == "error"]
    assert errors == []


def test_every_rule_has_id_severity_basis_and_both_languages() -> None:
    assert len(RULES) >= 20
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "notice") and rule.reference and rule.title["nb"] and rule.title["en"]


def test_qms_element_not_covered(data: Path) -> None:
    path = data / "procedures" / "P-15.yml"
    edit(path, 'qms_elements: ["k", "j"]', 'qms_elements: ["j"]')
    [f] = only(findings(data), "QMS-001")
    assert f.severity == "error" and "art. 10(9)(k)" in f.message and f.file.endswith("procedures")


def test_not_registered(data: Path) -> None:
    line = edit(data / "company.yml", "registered: true", "registered: false")
    [f] = only(findings(data), "REG-001")
    assert f.file.endswith("company.yml") and f.line == line


def test_no_prrc(data: Path) -> None:
    (data / "prrc.yml").write_text("appointments: []\n", encoding="utf-8")
    [f] = only(findings(data), "PRRC-001")
    assert f.file.endswith("prrc.yml") and f.line == 1


def test_prrc_at_disposal_only_for_micro_and_small(data: Path) -> None:
    edit(data / "company.yml", "enterprise_size: small", "enterprise_size: medium")
    [f] = only(findings(data), "PRRC-002")
    assert f.line == line_of(data / "prrc.yml", "arrangement: at-disposal")
    edit(data / "company.yml", "enterprise_size: medium", "enterprise_size: micro")
    assert only(findings(data), "PRRC-002") == []


def _one_experience(data: Path, start: dt.date, end: dt.date | None = None, kinds: str = "[manufacturing]") -> None:
    text = (data / "prrc.yml").read_text(encoding="utf-8")
    head, rest = text.split("    experience:\n", 1)
    tail = rest[rest.index("    competence_assessment:"):]
    block = (f"    experience:\n      - employer: X\n        position: Tanntekniker\n        field: Dentalteknikk\n"
             f"        kinds: {kinds}\n        start: {start.isoformat()}\n"
             + (f"        end: {end.isoformat()}\n" if end else "") + "        evidence: [PRRC-02]\n")
    (data / "prrc.yml").write_text(head + block + tail, encoding="utf-8")


def test_two_years_experience_is_enough_a_day_less_is_not(data: Path) -> None:
    first = DAY.replace(year=DAY.year - 2) + dt.timedelta(days=1)  # today is the last day of two years, included
    _one_experience(data, first)
    qualified = only(findings(data), "PRRC-003")
    assert [f.severity for f in qualified] == ["notice"]  # enough years; MDCG 2019-7 would like RA/QMS as well
    _one_experience(data, first + dt.timedelta(days=1))
    [f] = only(findings(data), "PRRC-003")
    assert f.severity == "error" and f.line == line_of(data / "prrc.yml", "    experience:") and "2 år" in f.message


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2021, 3, 1), dt.date(2023, 2, 28)),  # two calendar years, both days included
    (dt.date(2018, 3, 1), dt.date(2020, 2, 29)),  # a window holding 29 February
    (dt.date(2019, 3, 1), dt.date(2021, 2, 28)),  # and the year before it
])
def test_two_years_are_counted_in_calendar_years(data: Path, start: dt.date, end: dt.date) -> None:
    _one_experience(data, start, end, kinds="[manufacturing, qms]")
    assert only(findings(data), "PRRC-003") == []
    _one_experience(data, start + dt.timedelta(days=1), end, kinds="[manufacturing, qms]")
    assert [f.severity for f in only(findings(data), "PRRC-003")] == ["error"]


def test_the_route_says_which_kind_of_experience_counts(data: Path) -> None:
    _one_experience(data, dt.date(2000, 1, 1), kinds="[regulatory]")  # 25 years, none in manufacturing
    [f] = only(findings(data), "PRRC-003")
    assert f.severity == "error" and "0,0 års dokumentert erfaring med tilvirkning" in f.message
    edit(data / "prrc.yml", "route: custom-made", "route: experience")  # Art. 15(1)(b): four years of RA or QMS
    assert only(findings(data), "PRRC-003") == []
    _one_experience(data, dt.date(2000, 1, 1), kinds="[]")
    [f] = only(findings(data), "PRRC-003")
    assert "regulatoriske krav eller kvalitetsstyring" in f.message and "mangler 'kinds'" in f.fix


def test_experience_without_evidence_does_not_count(data: Path) -> None:
    _one_experience(data, dt.date(2000, 1, 1))
    edit(data / "prrc.yml", "        evidence: [PRRC-02]\n", "")
    assert [f.severity for f in only(findings(data), "PRRC-003")] == ["error"]


def test_competence_assessment_job_description_and_deputy(data: Path) -> None:
    path = data / "prrc.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    competence_assessment:")
    end = text.index("    job_description:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(path, "      signed_by_prrc: 2024-09-03\n", "")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("    deputy:")], encoding="utf-8")  # the deputy is the appointment's last field
    found = findings(data)
    assert len(only(found, "PRRC-004")) == 1
    [jd] = only(found, "PRRC-005")
    assert jd.line == line_of(path, "      document: PRRC-05")
    [deputy] = only(found, "PRRC-006")
    assert deputy.severity == "warning"


def test_undecided_gspr_rows(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - gspr: "16.1"')
    end = text.index('  - gspr: "17.1"')
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    [f] = only(findings(data), "GSPR-001")
    assert "4 GSPR-krav er ikke vurdert (16.1, 16.2, 16.3, 16.4)" in f.message
    assert f.file.endswith("bittskinner.yml") and f.line == line_of(path, "rows:")


def test_no_matrix_at_all_means_every_row_is_undecided(data: Path) -> None:
    (data / "gspr" / "bittskinner.yml").unlink()
    [f] = only(findings(data), "GSPR-001")
    assert "77 GSPR-krav" in f.message and f.file.endswith("device-groups/bittskinner.yml")


def test_nei_contradicting_the_device_is_flagged(data: Path) -> None:
    path = data / "gspr" / "kroner-broer.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - gspr: "10.4.1"')
    end = text.index('  - gspr: "10.4.1(b)"')  # 10.4.1(a) now follows the requirement's Nei
    path.write_text(text[:start] + '  - gspr: "10.4.1"\n    applicable: false\n    justification: Ikke relevant\n\n'
                    + text[end:], encoding="utf-8")
    always, point = only(findings(data), "GSPR-002")
    assert always.severity == point.severity == "error"
    assert always.line == point.line == line_of(path, '  - gspr: "10.4.1"') + 1
    assert "GSPR 10.4.1 er merket «Nei»" in always.message and "alltid relevant" in always.message
    assert "GSPR 10.4.1(a) er merket «Nei» (følger 10.4.1)" in point.message
    assert "CMR-stoff i invasiv del med kroppskontakt" in point.message


def test_superseded_standard_is_flagged(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    line = edit(path, "standard: en-iso-14971-2019", "standard: en-iso-14971-2012")
    [f] = only(findings(data), "GSPR-003")
    assert f.severity == "warning" and f.line == line and "erstattet" in f.message


def test_missing_risk_and_clinical_documents(data: Path) -> None:
    edit(data / "documents.yml", "kind: risk-management-report\n    device_group: bittskinner",
         "kind: record\n    device_group: bittskinner")
    edit(data / "documents.yml", "kind: clinical-evaluation-plan\n    device_group: bittskinner",
         "kind: record\n    device_group: bittskinner")
    found = findings(data)
    [risk] = only(found, "RISK-001")
    assert "bittskinner.yml" in risk.file and "risikostyringsrapport" in risk.message.lower()
    [clin] = only(found, "CLIN-001")
    assert "bittskinner.yml" in clin.file
    assert only(found, "PMCF-001") == []


def test_every_group_needs_a_pmcf_plan_or_a_reason_for_none(data: Path) -> None:
    edit(data / "documents.yml", "kind: pmcf-plan\n    device_group: bittskinner", "kind: record\n    device_group: bittskinner")
    [f] = only(findings(data), "PMCF-001")
    assert f.file.endswith("bittskinner.yml") and "klinisk oppfølging" in f.message and f.severity == "error"


def test_psur_due_tomorrow_is_not_overdue_the_day_after_it_is(data: Path) -> None:
    due = dt.date(2028, 3, 16)  # PSUR KB-11 effective 2026-03-16, class IIa: every 24 months
    assert only(findings(data, today=due - dt.timedelta(days=1)), "PMS-002") == []
    assert only(findings(data, today=due), "PMS-002") == []
    [f] = only(findings(data, today=due + dt.timedelta(days=1)), "PMS-002")
    assert f.file.endswith("documents.yml") and f.line == line_of(data / "documents.yml", "  - id: KB-11") + 9


def test_class_i_needs_a_pms_report(data: Path) -> None:
    edit(data / "documents.yml", "kind: pms-report\n    device_group: bittskinner", "kind: record\n    device_group: bittskinner")
    [f] = only(findings(data), "PMS-002")
    assert "Bittskinner" in f.message and f.file.endswith("bittskinner.yml")


def test_implantable_keeps_statements_fifteen_years(data: Path) -> None:
    path = data / "device-groups" / "kroner-broer.yml"
    line = edit(path, "statement_retention_years: 15", "statement_retention_years: 10")
    [f] = only(findings(data), "RET-001")
    assert f.line == line and "15" in f.message
    edit(path, "statement_retention_years: 10", "statement_retention_years: 20")
    assert only(findings(data), "RET-001") == []


def test_ifu_exemption_only_for_class_i_and_iia_with_assessment(data: Path) -> None:
    path = data / "device-groups" / "kroner-broer.yml"
    edit(path, "device_class: IIa", "device_class: IIb")
    [f] = only(findings(data), "IFU-001")
    assert f.line == line_of(path, "  supplied: false") and "IIb" in f.message
    edit(path, "device_class: IIb", "device_class: IIa")
    edit(path, "  exemption_assessment: KB-13\n", "")
    [f] = only(findings(data), "IFU-001")
    assert "risikovurdering" in f.message


def test_label_wording(data: Path) -> None:
    path = data / "device-groups" / "bittskinner.yml"
    line = edit(path, "Medisinsk utstyr – individuelt tilpasset utstyr", "Medisinsk utstyr – CE")
    found = findings(data)
    [missing] = only(found, "LAB-001")
    [ce] = only(found, "LAB-002")
    assert missing.line == ce.line == line_of(path, "  wording:") and line > missing.line
    assert "23.2(p)" in missing.message and "FOR-2021-05-09-1476 § 6" in missing.message
    edit(path, "Medisinsk utstyr – CE", "Medical device – custom-made device")
    # The label follows the market, not the handbook: in Norway it is Norwegian, even in an English handbook.
    for lang in ("nb", "en"):
        points = [re.search(r"\((23\.2\([a-z]\))", f.message).group(1) for f in only(findings(data, lang=lang), "LAB-001")]
        assert sorted(points) == ["23.2(p)", "23.2(q)"], lang


@pytest.mark.parametrize(("old", "new", "point"), [
    ("Vestbrygge Tannteknikk AS, Vestbryggen 14", "Vestbrygge, Bergen", "23.2(c)"),  # name and address
    ("Ordre (lot): [ordrenummer]", "Ordre: [ordrenummer]", "23.2(g)"),  # no lot or serial number
    ("Medisinsk utstyr – individuelt", "Individuelt", "23.2(q)"),  # not said to be a medical device
])
def test_each_applicable_label_point_is_checked(data: Path, old: str, new: str, point: str) -> None:
    edit(data / "device-groups" / "bittskinner.yml", old, new)
    [f] = only(findings(data), "LAB-001")
    assert f"({point}" in f.message


def test_a_cmr_substance_must_be_on_the_label_only_of_invasive_contact_parts(data: Path) -> None:
    path = data / "device-groups" / "kroner-broer.yml"
    edit(path, "Inneholder kobolt (CMR 1B) – gjelder arbeider i CoCr", "Inneholder CoCr")
    [f] = only(findings(data), "LAB-001")
    assert "(23.2(f)" in f.message and "«kobolt (CMR 1B)»" in f.message
    edit(path, "invasive: true", "invasive: false")  # the same cobalt, only against the skin: 10.4.5 is not triggered
    assert only(findings(data), "LAB-001") == []


def test_class_iii_implantable_needs_a_notified_body(data: Path) -> None:
    edit(data / "device-groups" / "kroner-broer.yml", "device_class: IIa", "device_class: III")
    [f] = only(findings(data), "NB-001")
    assert f.severity == "error" and f.file.endswith("kroner-broer.yml") and "meldt organ" in f.message


def test_the_art_120_3f_transition_is_accepted_only_until_26_may_2026(data: Path) -> None:
    edit(data / "device-groups" / "kroner-broer.yml", "device_class: IIa", "device_class: III")
    with (data / "company.yml").open("a", encoding="utf-8") as f:
        f.write("notified_body_transition:\n  application_lodged: 2024-05-20\n  agreement_signed: 2024-09-26\n")
    [before] = only(findings(data, today=dt.date(2026, 5, 26)), "NB-001")
    assert before.severity == "warning" and "120(3f)" in before.message and "26.05.2026" in before.message
    [after] = only(findings(data, today=dt.date(2026, 5, 27)), "NB-001")
    assert after.severity == "error" and "utløp 26.05.2026" in after.message
    edit(data / "company.yml", "agreement_signed: 2024-09-26", "agreement_signed: 2024-09-27")  # a day late
    [late] = only(findings(data, today=dt.date(2026, 1, 1)), "NB-001")
    assert late.severity == "error" and "vilkårene" in late.message


def test_a_registration_needs_its_reference_and_date(data: Path) -> None:
    line = edit(data / "company.yml", "  reference: UR-2021-04417\n  date: 2021-05-27\n", "")
    [f] = only(findings(data), "REG-001")
    assert "mangler reference og date" in f.message and f.line == line - 1


@pytest.mark.parametrize(("staff", "money", "declared", "expected"), [
    (60, "", "small", ["error"]),  # 60 staff cannot be small, whatever the accounts say
    (14, "turnover_eur: 12000000\nbalance_sheet_eur: 11000000\n", "small", ["error"]),  # both ceilings passed
    (14, "turnover_eur: 12000000\nbalance_sheet_eur: 9000000\n", "small", []),  # one ceiling is enough
    (9, "turnover_eur: 1900000\n", "micro", []),
    (9, "", "micro", ["notice"]),  # staff fit, the money is not given
    (60, "", "medium", []),  # a larger declaration grants nothing; nothing to check
])
def test_the_declared_enterprise_size_is_checked(data: Path, staff: int, money: str, declared: str,
                                                 expected: list[str]) -> None:
    path = data / "company.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("enterprise_size: small"), text.index("utstyrsregisteret:")
    path.write_text(text[:start] + f"enterprise_size: {declared}\nemployees: {staff}\n{money}\n" + text[end:],
                    encoding="utf-8")
    assert [f.severity for f in only(findings(data), "SIZE-001")] == expected


def test_review_overdue_and_draft_procedure(data: Path) -> None:
    found = findings(data, today=dt.date(2030, 1, 1))
    assert only(found, "DOC-001") and all(f.severity == "warning" for f in only(found, "DOC-001"))
    [draft] = only(findings(data), "DOC-002")
    assert draft.file.endswith("P-19.yml")


def test_check_json_has_one_object_per_finding(data: Path) -> None:
    edit(data / "company.yml", "registered: true", "registered: false")
    result = run_cli("check", "--data", str(data), "--today", TODAY, "--format", "json")
    assert result.code == 1
    items = json.loads(result.out)
    assert {"rule", "severity", "message", "file", "line", "reference"} <= set(items[0])
    assert any(i["rule"] == "REG-001" and i["severity"] == "error" for i in items)


def test_check_exit_codes() -> None:
    assert run_cli("check", "--data", str(EXAMPLE), "--today", TODAY).code == 0
    assert run_cli("check", "--data", "/nonexistent/folder").code == 2
    assert run_cli("check", "--today", "not-a-date").code == 2
    assert run_cli("frobnicate").code == 2


@pytest.mark.parametrize("bad", ["company.yml"])
def test_check_reports_data_errors_with_position(data: Path, bad: str) -> None:
    line = edit(data / bad, "enterprise_size: small", "enterprise_size: tiny")
    result = run_cli("check", "--data", str(data), "--today", TODAY)
    assert result.code == 1
    assert f"company.yml:{line}:1: enterprise_size: 'tiny' er ikke en tillatt verdi" in result.out  # nb by default


def test_invalid_organisation_number(data: Path) -> None:
    line = edit(data / "company.yml", 'organisation_number: "924 861 533"', 'organisation_number: "924 861 534"')
    [f] = only(findings(data), "REG-002")
    assert f.line == line and f.severity == "warning"


def test_placeholders_left_in_the_data(data: Path) -> None:
    line = edit(data / "device-groups" / "bittskinner.yml", "classification_rule: MDR vedlegg VIII regel 5",
                "classification_rule: fyll inn (MDR vedlegg VIII)")
    [f] = only(findings(data), "TODO-001")
    assert f.line == line and "classification_rule" in f.message
    assert f.message.startswith("Bittskinner: ") and f.anchor == "utstyr/bittskinner.md"  # which one, and where


def test_draft_label_or_ifu_document_in_use(data: Path) -> None:
    line = edit(data / "device-groups" / "bittskinner.yml", "  document: BS-13", "  document: PV-06")  # PV-06 is a draft
    [f] = only(findings(data), "IFU-002")
    assert f.file.endswith("bittskinner.yml") and f.line == line and "PV-06" in f.message


def test_superseded_own_standard_in_a_standards_list(data: Path) -> None:
    edit(data / "standards.yml", '    edition: "2013"', '    edition: "2013"\n    superseded_by: iso-6872-2015')
    path = data / "gspr" / "avtakbare-proteser.yml"
    [f] = only(findings(data), "GSPR-003")
    assert f.line == line_of(path, "standards: [iso-20795-1-2013]") and "ISO 20795-1" in f.message


def _lock_catalogue(data: Path, version: str | None) -> None:
    path = data / "releases" / "2026.2.json"
    lock = json.loads(path.read_text(encoding="utf-8"))
    if version is None:  # a lock written before catalogue versions were recorded
        lock.pop("catalogue")
        lock.pop("format")
    else:
        lock["catalogue"] = version
    path.write_text(json.dumps(lock), encoding="utf-8")


def test_a_newer_catalogue_lists_its_changes_and_whom_they_concern(data: Path) -> None:
    assert only(findings(data), "CAT-001") == []  # the last release was made with this catalogue
    _lock_catalogue(data, "2026.6")  # as if the company had just upgraded the generator
    edit(data / "gspr" / "kroner-broer.yml", "standards: [en-iso-22674-2022,", "standards: [en-iso-22674-2016,")
    found = only(findings(data), "CAT-001")
    newest = load_catalogue().changes[0]
    assert len(found) == len(newest.changes) and all(f.file.endswith("releases.yml") for f in found)
    [alloy] = [f for f in found if "EN ISO 22674:2022" in f.message]
    assert alloy.severity == "warning" and "Gjelder dere: Kroner og broer (20.1)" in alloy.message
    [duty] = [f for f in found if "PRRCs plikt ved frigivelse" in f.message]
    assert duty.severity == "notice" and "Gjelder dere" not in duty.message  # nothing in the data points at it
    _lock_catalogue(data, None)  # a lock from before 2026.12 counts as the oldest catalogue
    assert len(only(findings(data), "CAT-001")) == len(newest.changes)


# --- QMS-002: the QMS map's gaps are findings -------------------------------------------------------------

def test_the_example_cites_or_excludes_every_iso_clause() -> None:
    assert only(findings(EXAMPLE), "QMS-002") == []


def test_a_clause_no_effective_procedure_cites_is_a_finding_where_it_belongs(data: Path) -> None:
    path = data / "procedures" / "P-09.yml"
    edit(path, '["7.3.6", "7.5.1",', '["7.5.1",')
    [f] = only(findings(data), "QMS-002")
    assert f.severity == "warning" and "7.3.6 (Verifisering)" in f.message and "ikke unntatt" in f.message
    # It points at the procedure citing the clauses beside it (P-03 has most of 7.3), at its ISO references.
    p03 = data / "procedures" / "P-03.yml"
    assert f.file.endswith("P-03.yml") and f.line == line_of(p03, "  iso13485:")
    assert "P-03" in f.fix and "iso13485_exclusions" in f.fix  # 7.3.6 may be excluded, with a justification
    assert f.anchor == "virksomheten.md#iso-7-3-6"


def test_a_whole_clause_missing_is_one_finding_and_chapters_4_and_5_cannot_be_excluded(data: Path) -> None:
    for proc in ("P-01", "P-02"):
        path = data / "procedures" / f"{proc}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'"5\.\d(\.\d)?", ', "", text), encoding="utf-8")
    path = data / "procedures" / "P-03.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"5.4.2", ', ""), encoding="utf-8")
    path = data / "procedures" / "P-18.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"5.5.3", ', ""), encoding="utf-8")
    [f] = only(findings(data), "QMS-002")
    assert f.message.startswith("ISO 13485 5 (") and "(med 5.1–5.6.3)" in f.message
    assert "kan ikke unntas" in f.fix and "iso13485_exclusions" not in f.fix


def test_a_justified_exclusion_closes_the_gap(data: Path) -> None:
    edit(data / "procedures" / "P-09.yml", '["7.3.6", "7.5.1",', '["7.5.1",')
    edit(data / "company.yml", "iso13485_exclusions:\n",
         'iso13485_exclusions:\n  - clause: "7.3.6"\n    justification: Verifiseres ved sluttkontroll.\n')
    assert only(findings(data), "QMS-002") == []


def test_a_draft_citing_the_clause_is_named(data: Path) -> None:
    edit(data / "procedures" / "P-09.yml", '["7.3.6", "7.5.1",', '["7.5.1",')
    p19 = data / "procedures" / "P-19.yml"
    edit(p19, 'iso13485: ["7.5.10"', 'iso13485: ["7.3.6", "7.5.10"')
    [f] = only(findings(data), "QMS-002")
    assert "bare utkast: P-19" in f.message and f.file.endswith("P-19.yml") and "sett den i kraft" in f.fix


# --- PRRC-007/008: the deputy's qualification and availability ---------------------------------------------

def _deputy(data: Path, block: str) -> Path:
    path = data / "prrc.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("    deputy:")] + block, encoding="utf-8")
    return path


def test_the_example_deputy_is_qualified_and_available() -> None:
    found = findings(EXAMPLE)
    assert only(found, "PRRC-007") == [] and only(found, "PRRC-008") == []


def test_a_deputy_named_without_qualification_warns(data: Path) -> None:
    path = _deputy(data, "    deputy: marte-haugland\n")  # the old form, a name alone, still reads
    found = findings(data)
    [q] = only(found, "PRRC-007")
    assert q.severity == "warning" and "Marte Haugland" in q.message and "ingen kvalifikasjon" in q.message
    assert q.line == line_of(path, "    deputy: marte-haugland")
    [a] = only(found, "PRRC-008")
    assert a.severity == "notice"


def test_a_deputy_statement_needs_a_document(data: Path) -> None:
    _deputy(data, "    deputy:\n      person: marte-haugland\n      qualification: Kvalitetsleder i ti år.\n"
                  "      availability: Ved PRRCs fravær.\n")
    [q] = only(findings(data), "PRRC-007")
    assert "ikke underbygget" in q.message
    _deputy(data, "    deputy:\n      person: marte-haugland\n      qualification: Kvalitetsleder i ti år.\n"
                  "      evidence: [PRRC-06]\n      availability: Ved PRRCs fravær.\n")
    assert only(findings(data), "PRRC-007") == []


def test_a_deputy_route_counts_evidenced_years_like_the_prrc(data: Path) -> None:
    _deputy(data, "    deputy:\n      person: marte-haugland\n      route: custom-made\n      experience:\n"
                  "        - {employer: X, position: Y, field: Z, kinds: [manufacturing], start: 2025-06-01,"
                  " evidence: [PRRC-06]}\n      availability: Ved PRRCs fravær.\n")
    [q] = only(findings(data), "PRRC-007")
    assert "1,5 års dokumentert erfaring med tilvirkning" in q.message and "minst 2 år" in q.message
    assert only(findings(data, today=dt.date(2027, 6, 1)), "PRRC-007") == []


# Words and forms that must not reach a reader of the other language: English legal words and ISO dates in a
# Norwegian finding; Norwegian legal words in an English one.
NOT_NORWEGIAN = re.compile(r"\bAnnex\b|\bsubparagraph\b|\bArt\. \d|\bRegulation\b|\bRecommendation\b"
                           r"|(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
NOT_ENGLISH = re.compile(r"\bvedlegg\b|\bart\. \d|\bledd\b|\bforordning\b")


def test_findings_speak_the_handbook_language_whatever_the_rule(tmp_path: Path) -> None:
    """Every finding of every rule that fires on a new company (most rules do: drafts, undecided matrices, a class
    III implant relying on the expired Art. 120 transition) reads in one language, legal references included."""
    target = tmp_path / "firma"
    assert run_cli("new", str(target), "--yes", "--name", "Fjordtann AS", "--org-number", "924 861 533", "--size",
                   "small", "--prrc-name", "Åse Ødegård", "--group", "Kroner og broer:IIa",
                   "--group", "Kjeveimplantat:III").code == 0
    with (target / "data" / "company.yml").open("a", encoding="utf-8") as f:
        f.write("notified_body_transition:\n  application_lodged: 2024-05-20\n  agreement_signed: 2024-09-26\n")
    edit(target / "data" / "device-groups" / "kjeveimplantat.yml", "implantable: false", "implantable: true")
    hb = load_handbook(target / "data", cache=False)
    fired: set[str] = set()
    for lang, wrong in (("nb", NOT_NORWEGIAN), ("en", NOT_ENGLISH)):
        for today in (DAY, dt.date(2026, 5, 1)):  # after and before the transition ends
            for f in run_rules(hb, today=today, lang=lang):
                fired.add(f.rule)
                # (An English finding quotes the company's Norwegian titles: only its own words are checked.)
                for text in (f.message, f.fix, f.reference) if lang == "nb" else (f.reference,):
                    assert not wrong.search(text), (lang, f.rule, text)
    assert {"QMS-001", "PRRC-003", "NB-001", "GSPR-001", "PMS-001"} <= fired
