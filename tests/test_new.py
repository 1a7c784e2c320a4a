"""`handbook new`: a starting data set that loads, lists what is left to do, and builds."""

from __future__ import annotations

import builtins
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmd_handbook.catalogue import load_catalogue
from cmd_handbook.commands import new
from cmd_handbook.commands.publish import cautions
from cmd_handbook.load import load_handbook

from .conftest import EXAMPLE, TODAY, edit, run_cli

GROUPS = {"kroner-og-broer": ("Kroner og broer", "IIa"), "bittskinner": ("Bittskinner", "I"),
          "oreproppar": ("Øreproppar", "IIb"), "kjeveimplantat": ("Kjeveimplantat", "III")}
FLAGS = ["--yes", "--name", "Fjordtann AS", "--org-number", "924 861 533", "--size", "small",
         "--prrc-name", "Åse Ødegård", *(a for n, c in GROUPS.values() for a in ("--group", f"{n}:{c}"))]


class _Stdin(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new, "_today", lambda: dt.date.fromisoformat(TODAY))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A new company's repository, as `handbook new` writes it."""
    target = tmp_path / "firma"
    result = run_cli("new", str(target), *FLAGS)
    assert result.code == 0, result.err
    return target


@pytest.fixture
def fresh(repo: Path) -> Path:
    """Its data folder."""
    return repo / "data"


def test_a_repository_of_its_own_and_nothing_else(repo: Path) -> None:
    top = sorted(p.name for p in repo.iterdir())
    assert top == [".gitignore", "README.md", "data", "docs", "mkdocs.yml", "schema"]
    assert [p.name for p in (repo / "docs").iterdir()] == [".gitkeep"]
    assert len((repo / "mkdocs.yml").read_text(encoding="utf-8").splitlines()) <= 12
    assert "handbook serve" in (repo / "README.md").read_text(encoding="utf-8")


def test_every_file_is_valid_and_names_its_schema(fresh: Path) -> None:
    hb = load_handbook(fresh)  # raises DataErrors if anything is wrong
    assert hb.company.name == "Fjordtann AS" and hb.company.organisation_number == "924 861 533"
    assert hb.company.utstyrsregisteret.registered is False
    files = sorted(fresh.rglob("*.yml"))
    assert {f.relative_to(fresh).as_posix() for f in files} >= {"company.yml", "people.yml", "prrc.yml", "documents.yml"}
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = Path(first.split("=", 1)[1])
        assert not schema.is_absolute() and (path.parent / schema).resolve().is_file(), first  # in the repository
        assert (path.parent / schema).resolve().parent == fresh.parent / "schema"


def test_device_groups_and_an_undecided_gspr_matrix_each(fresh: Path) -> None:
    hb = load_handbook(fresh)
    numbers = [g.number for g in load_catalogue().gspr.requirements]
    assert sorted(p.stem for p in (fresh / "gspr").iterdir()) == sorted(GROUPS)
    assert {g.id: (g.name, g.device_class) for g in hb.device_groups} == GROUPS
    for group in hb.device_groups:
        rows = hb.gspr[group.id].rows
        assert [r.gspr for r in rows] == numbers
        assert all(r.applicable is None and r.conformity is None and not r.evidence for r in rows)
        assert group.sites == [hb.company.sites[0].id] and group.first_statement is None
        assert group.ifu.supplied and hb.docs[group.ifu.document].status == "draft"
        assert hb.docs[group.ifu.document].device_group == group.id
        assert "individuelt tilpasset utstyr" in group.label.wording
        flags = group.characteristics.model_dump()
        assert flags.pop("body_contact") is True and not any(flags.values())


def test_procedures_are_drafts_covering_art_10_9(fresh: Path) -> None:
    hb = load_handbook(fresh)
    clauses = {c.clause for c in hb.catalogue.iso13485}
    assert 15 <= len(hb.procedures) <= 25
    for proc in hb.procedures:
        assert (proc.status, proc.version) == ("draft", "0.1")
        assert proc.owner in hb.persons and proc.approver in hb.persons
        assert [s.id for s in proc.steps] == [f"s{i}" for i in range(1, len(proc.steps) + 1)]
        assert all(s.role in hb.roles for s in proc.steps)
        assert set(proc.references.iso13485) <= clauses
    covered = {e for p in hb.procedures for e in p.references.qms_elements}
    assert covered == set("abcdefgijklm")


def test_prrc_at_disposal_with_draft_contract(fresh: Path) -> None:
    hb = load_handbook(fresh)
    (appt,) = hb.prrc.appointments
    assert hb.persons[appt.person].name == "Åse Ødegård" and "prrc" in hb.persons[appt.person].roles
    assert (appt.arrangement, appt.route, appt.start) == ("at-disposal", "custom-made", dt.date.fromisoformat(TODAY))
    assert hb.docs[appt.contract].kind == "contract" and hb.docs[appt.contract].status == "draft"
    assert not appt.experience and appt.competence_assessment is None and appt.job_description is None
    assert appt.deputy is None
    for role in hb.roles:
        assert hb.holders(role), role


def test_check_lists_what_is_left_to_do(fresh: Path) -> None:
    result = run_cli("check", "--data", str(fresh), "--today", TODAY, "--format", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)
    rules = [f["rule"] for f in findings]
    assert "data" not in rules
    assert rules.count("GSPR-001") == len(GROUPS)
    for rule in ("PRRC-003", "PRRC-004", "PRRC-005", "REG-001", "RISK-001", "CLIN-001", "PMS-001"):
        assert rule in rules, rule
    assert rules.count("DOC-002") == len(new.PROCEDURES)
    gspr = [f for f in findings if f["rule"] == "GSPR-001"]
    assert all(f"{len(load_catalogue().gspr.requirements)} GSPR-krav er ikke vurdert" in f["message"] for f in gspr)


def test_build_without_strict(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.chdir(repo)
    site = repo / "site"
    strict = run_cli("build", "--today", TODAY, "--strict")
    assert strict.code == 1 and not site.exists()
    result = run_cli("build", "--today", TODAY, "--no-strict")
    assert result.code == 0, result.err
    for slug in GROUPS:
        assert (site / "utstyr" / f"{slug}.html").is_file()
        assert "Ikke vurdert" in (site / "gspr" / f"{slug}.html").read_text(encoding="utf-8")
    for i in range(1, len(new.PROCEDURES) + 1):
        html = (site / "prosedyrer" / f"P-{i:02d}.html").read_text(encoding="utf-8")
        assert "UTKAST" in html


def test_prints_what_was_written_and_next_steps(tmp_path: Path) -> None:
    result = run_cli("new", str(tmp_path / "firma"), *FLAGS)
    assert result.code == 0
    assert "gspr/kroner-og-broer.yml" in result.out and "company.yml" in result.out
    assert "Neste steg" in result.out and "handbook check" in result.out and "handbook serve" in result.out


@pytest.mark.parametrize("number", ["924 861 534", "92486153", "9248615330", "924-861-533", "abc"])
def test_bad_org_number_is_a_usage_error(tmp_path: Path, number: str) -> None:
    target = tmp_path / "firma"
    result = run_cli("new", str(target), "--yes", "--org-number", number)
    assert result.code == 2
    assert "organisasjonsnummer" in result.err and len(result.err.strip().splitlines()) == 1
    assert not target.exists()


def test_org_number_check_digit() -> None:
    assert new.org_number("924861533") == new.org_number(" 924 861 533 ") == "924 861 533"
    prefix = next(f"{n:08d}" for n in range(10_000_000, 99_999_999)  # remainder 1: check digit would be 10
                  if sum(int(d) * w for d, w in zip(f"{n:08d}", (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11 == 1)
    for last in range(10):
        with pytest.raises(new.UsageError):
            new.org_number(prefix + str(last))


@pytest.mark.parametrize("group", ["Kroner:IV", "Kroner", ":IIa", "Kroner:"])
def test_bad_group_is_a_usage_error(tmp_path: Path, group: str) -> None:
    result = run_cli("new", str(tmp_path / "firma"), "--yes", "--group", group)
    assert result.code == 2 and "handbook new:" in result.err
    assert not (tmp_path / "firma").exists()


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "firma"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", str(target), "--yes")
    assert result.code == 2 and "ikke en tom mappe" in result.err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert run_cli("new", str(tmp_path / "file"), "--yes").code == 2


def test_an_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "firma").mkdir()
    assert run_cli("new", str(tmp_path / "firma"), "--yes").code == 0
    load_handbook(tmp_path / "firma" / "data")


def test_awkward_names_survive_and_slugs_stay_unique(tmp_path: Path) -> None:
    target = tmp_path / "firma"
    company = "Tann: Nord #1 «Øst» AS"
    result = run_cli("new", str(target), "--yes", "--name", company, "--prrc-name", "Daglig Leder", "--size", "large",
                     "--group", "Kroner: 'premium' & co:iib", "--group", "Kroner: 'premium' & co:I")
    assert result.code == 0, result.err
    hb = load_handbook(target / "data")
    assert hb.company.name == company and hb.company.enterprise_size == "large"
    assert sorted((g.id, g.name, g.device_class) for g in hb.device_groups) == [
        ("kroner-premium-co", "Kroner: 'premium' & co", "IIb"), ("kroner-premium-co-2", "Kroner: 'premium' & co", "I")]
    assert sorted(hb.gspr) == ["kroner-premium-co", "kroner-premium-co-2"]
    (appt,) = hb.prrc.appointments
    assert appt.arrangement == "in-house" and appt.contract is None
    assert len(hb.persons) == 2


def _answers(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    prompts: list[str] = []
    it: Iterator[str] = iter(answers)

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(it)

    monkeypatch.setattr("sys.stdin", _Stdin(tty=True))
    monkeypatch.setattr(builtins, "input", fake_input)
    return prompts


def test_interactive_answers_land_in_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts = _answers(monkeypatch, ["Fjelltann AS", "924861534", "924861533", "mellomstor", "Per Hansen",
                                     "Kroner og broer", "IIb", "Bittskinner:I", ""])
    target = tmp_path / "firma"
    result = run_cli("new", str(target))
    assert result.code == 0, result.err
    company = (target / "data" / "company.yml").read_text(encoding="utf-8")
    assert "name: Fjelltann AS" in company and 'organisation_number: "924 861 533"' in company
    assert "enterprise_size: medium" in company
    assert "Per Hansen" in (target / "data" / "people.yml").read_text(encoding="utf-8")
    assert "arrangement: in-house" in (target / "data" / "prrc.yml").read_text(encoding="utf-8")
    hb = load_handbook(target / "data")
    assert {(g.name, g.device_class) for g in hb.device_groups} == {("Kroner og broer", "IIb"), ("Bittskinner", "I")}
    assert prompts[0].startswith("Virksomhetens juridiske navn [") and "Organisasjonsnummer" in prompts[1]
    assert "kontrollsifferet" in result.out  # the bad number was explained, then asked again


def test_interactive_asks_only_for_what_the_flags_leave_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts = _answers(monkeypatch, ["", "", "", ""])  # defaults: PRRC's name, first group and its class; no more
    result = run_cli("new", str(tmp_path / "firma"), "--name", "A AS", "--org-number", "924861533", "--size", "micro")
    assert result.code == 0, result.err
    assert len(prompts) == 4 and "PRRC" in prompts[0] and "Utstyrsgruppe 1" in prompts[1] and "Klasse" in prompts[2]


def test_interactive_gives_up_after_repeated_bad_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _answers(monkeypatch, ["A AS", "1", "2", "3"])
    result = run_cli("new", str(tmp_path / "firma"))
    assert result.code == 2 and "organisasjonsnummer" in result.err
    assert not (tmp_path / "firma").exists()


@pytest.mark.parametrize(("tty", "flags"), [(False, []), (True, ["--yes"])])
def test_no_questions_without_a_terminal_or_with_yes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool,
                                                     flags: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(tty=tty))
    monkeypatch.setattr(builtins, "input", lambda prompt="": pytest.fail("asked a question"))
    result = run_cli("new", str(tmp_path / "firma"), *flags)
    assert result.code == 0, result.err
    hb = load_handbook(tmp_path / "firma" / "data")
    assert "fyll inn" in hb.company.name and len(hb.device_groups) == 1
    assert "# fyll inn" in (tmp_path / "firma" / "data" / "company.yml").read_text(encoding="utf-8")


def test_a_new_company_is_told_what_is_not_done_yet_not_that_all_is_well(fresh: Path) -> None:
    """A handbook of drafts and undecided matrices: the release checklist does not say the statement lists no
    unmet requirement, nor that a draft IFU is the current one; a draft is 'to be approved by', not 'approved by';
    with no deputy, onboarding does not link to a deputy section that is not there."""
    from cmd_handbook.derive.checklists import onboarding_checklist, release_checklist
    from cmd_handbook.render.context import RenderContext
    from cmd_handbook.render.doccontrol import control_block

    hb = load_handbook(fresh)
    group = hb.device_groups[0]
    items = {i.id: i.text for i in release_checklist(hb, group, "nb").items}
    assert "kan ikke utstedes ennå" in items["erklaering"] and "oppfylt: ingen" not in items["erklaering"]
    assert "ikke godkjent ennå" in items["bruksanvisning"] and "Gjeldende" not in items["bruksanvisning"]
    block = control_block(RenderContext(hb=hb, today=dt.date.fromisoformat(TODAY)), hb.procedures[0])
    assert "Godkjennes av" in block and "Godkjent av" not in block
    deputy = next(i for i in onboarding_checklist(hb, "nb").items if i.id == "stedfortreder")
    assert hb.prrc.appointments[0].deputy is None and "#" not in (deputy.page or "") and "ingen stedfortreder" in deputy.text


def test_recording_a_release_of_a_handbook_with_errors_says_so(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = run_cli("release", "2027.1", "--approved-by", load_handbook(repo / "data").people.people[0].id)
    assert result.code == 0, result.err
    assert "merk: samsvarskontrollen finner" in result.err and "GSPR-001" in result.err


def test_a_snapshot_of_changed_data_says_it_is_not_the_release_as_approved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    assert cautions(load_handbook(data), "2026.2", dt.date(2026, 12, 1), "nb") == []  # the example is as released
    edit(data / "gspr" / "kroner-broer.yml", '{document: KB-12, section: "Merketekst"}', '{document: KB-12}')
    [caution] = cautions(load_handbook(data), "2026.2", dt.date(2026, 12, 1), "nb")
    assert "endret siden utgivelse 2026.2" in caution


def test_empty_parts_of_a_new_handbook_say_so_and_offer_nothing_to_filter(fresh: Path) -> None:
    import re

    from cmd_handbook.derive import paths
    from cmd_handbook.render.context import RenderContext
    from cmd_handbook.render.pages import index_page
    from cmd_handbook.render.traceability import traceability_page

    ctx = RenderContext(hb=load_handbook(fresh), today=dt.date.fromisoformat(TODAY))
    page = traceability_page(ctx)
    rows = set(re.findall(r'<tr data-hb-row data-part="([^"]+)"', page))
    offered = set(re.findall(r'<option value="([^"]+)"', page))
    assert offered == rows and "mdr-article" not in rows  # every procedure is a draft: no requirement is met yet
    assert "Ingen ennå" in index_page(ctx.at(paths.FORMS), "Skjema", [])
