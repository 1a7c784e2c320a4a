"""Bad input, class by class: a clear message (file:line where there is one, what is expected), exit 1 or 2,
never a traceback, and the site that was there before left exactly as it was.

Each case breaks a copy of the example's data in one way. Both `handbook check` and `handbook build` are run
on it; the build goes into a site built beforehand from the good data, whose files must not change.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmd_handbook.errors import DataErrors
from cmd_handbook.load import hand_written, load_handbook

from .build_helpers import copy_project
from .conftest import EXAMPLE, ROOT, TODAY, edit, line_of, run_cli


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path], object]  # the data folder -> anything
    where: str  # what the message must contain: "file.yml:LINE" (LINE may be "" for any line) or a phrase
    code: int = 1
    says: str = ""  # a phrase the (Norwegian) message must contain as well
    en: str = ""  # the phrase in the English message, for a handbook in English (theme.language: en)


def write(rel: str, text: str | bytes) -> Callable[[Path], object]:
    def go(data: Path) -> object:
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    return go


def replace(rel: str, old: str, new: str) -> Callable[[Path], object]:
    return lambda data: edit(data / rel, old, new)


def at(rel: str, needle: str) -> Callable[[Path], str]:
    """The position a message must name: the line of ``needle`` in the example's file."""
    return lambda data: f"{rel}:{line_of(data / rel, needle)}"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))


def _symlink(target: str, rel: str = "procedures/P-99.yml") -> Callable[[Path], object]:
    return lambda data: os.symlink(target, data / rel)


def _copy_procedure(new_id: str, file: str, *more: tuple[str, str]) -> Callable[[Path], object]:
    def go(data: Path) -> object:
        text = (data / "procedures" / "P-19.yml").read_text(encoding="utf-8").replace("id: P-19", f"id: {new_id}", 1)
        for old, new in more:
            text = text.replace(old, new, 1)
        return (data / "procedures" / file).write_text(text, encoding="utf-8")
    return go


def _checklist(checklist_id: str, page: str = "") -> Callable[[Path], object]:
    item = f"\n    page: \"{page}\"" if page else ""
    return write(f"checklists/{checklist_id}.yml",
                 f"id: {checklist_id}\ntitle: Liste\nversion: '1'\nitems:\n  - id: a\n    text: Gjør det{item}\n")


CASES: list[Case] = [
    # --- YAML itself
    Case("malformed YAML", replace("company.yml", "  city: Bergen", "  city: Bergen\n   bad: [1,"), "company.yml:",
         says="ugyldig YAML", en="malformed YAML"),
    Case("tab indentation", replace("company.yml", "  city: Bergen", "\tcity: Bergen"), "company.yml:",
         says="tabulator", en="cannot start any token"),
    Case("not UTF-8", write("procedures/P-01.yml", b"id: P-01\ntitle: Tr\xe6\n"), "P-01.yml:2", says="er ikke UTF-8",
         en="is not UTF-8"),
    Case("empty file", write("procedures/P-01.yml", ""), "P-01.yml:1", says="filen er tom", en="file is empty"),
    Case("only a document marker", write("procedures/P-01.yml", "---\n"), "P-01.yml:", says="ingen data", en="no data"),
    Case("only null", write("procedures/P-01.yml", "~\n"), "P-01.yml:1", says="ingen data"),
    Case("company.yml holding null", write("company.yml", "~\n"), "company.yml:1", says="ingen data"),
    Case("a list where a mapping belongs", write("people.yml", "- a\n- b\n"), "people.yml:1", says="feil type (liste",
         en="wrong type (list"),
    Case("duplicate key", replace("company.yml", "  city: Bergen", "  city: Bergen\n  city: Oslo"), "company.yml:",
         says="nøkkelen 'city' står to ganger", en="duplicate key 'city'"),
    Case("a list as a key", replace("company.yml", "employees: 14", "employees: 14\n? [a, b]\n: 1"), "company.yml:",
         says="nøkkel må være", en="key must be"),
    Case("python tag on a value", replace("company.yml", "employees: 14", "employees: !!python/object:os.system x"),
         "company.yml:", says="taggen", en="unsupported YAML tag"),
    Case("python tag on a mapping", replace("company.yml", "address:\n", "address: !!python/object:os.system\n"),
         "company.yml:", says="taggen"),
    Case("python tag on a list", replace("company.yml", "sites:\n", "sites: !!python/tuple\n"), "company.yml:", says="taggen"),
    Case("alias bomb", write("procedures/P-99.yml", BOMB), "P-99.yml:", says="aliasene", en="aliases expand"),
    Case("recursive alias", write("procedures/P-99.yml", "a: &x [1, *x]\n"), "P-99.yml:1", says="et alias viser til",
         en="an alias refers to"),
    Case("merge key on a number", replace("company.yml", "employees: 14", "x: {<<: 5}"), "company.yml:", says="flettenøkkel",
         en="merge key"),
    Case("two documents in one file", replace("company.yml", "employees: 14", "employees: 14\n---\na: 1"),
         "company.yml:", says="ett dokument", en="single document"),
    # --- the schema
    Case("missing required field", replace("procedures/P-06.yml", "title: Ordremottak og gjennomgang av forskrivning\n", ""),
         "P-06.yml:", says="mangler det påkrevde feltet 'title'", en="missing required field 'title'"),
    Case("unknown field", replace("company.yml", "employees: 14", "employees: 14\nemployes: 14"), "company.yml:",
         says="ukjent felt 'employes'", en="unknown field 'employes'"),
    Case("a list where text belongs", replace("company.yml", "name: Vestbrygge Tannteknikk AS", "name: [a, b]"),
         "company.yml:", says="name: feil type", en="name: wrong type"),
    Case("true where text belongs", replace("company.yml", "name: Vestbrygge Tannteknikk AS", "name: yes"),
         "company.yml:", says="name: feil type"),
    Case("impossible date", replace("company.yml", "date: 2021-05-27", "date: 2021-02-30"), "company.yml:",
         says="er ikke en gyldig dato", en="is not a valid date"),
    Case("date far in the future", replace("procedures/P-06.yml", "effective: ", "effective: 9999-12-01\nx: "),
         "P-06.yml:", says="ikke en sannsynlig dato", en="not a plausible date"),
    Case("date in year 9999", lambda d: edit(d / "procedures" / "P-14.yml", "effective: 2025-01-15", "effective: 9999-12-01"),
         "P-14.yml:", says="en dato mellom 1900 og 2199"),
    Case("review interval of 200000 months", replace("procedures/P-14.yml", "review_interval_months: 36",
                                                     "review_interval_months: 200000"), "P-14.yml:",
         says="200000 er for stort (forventet: høyst 120)", en="200000 is too large (expected: at most 120)"),
    Case("huge integer", replace("company.yml", "employees: 14", "employees: 1000000000000000000000000000000"),
         "company.yml:", says="employees: 1000000000000000000000000000000 er for stort"),
    Case("negative staff", replace("company.yml", "employees: 14", "employees: -5"), "company.yml:",
         says="employees: -5 er for lite", en="employees: -5 is too small"),
    Case("ID with a space", replace("procedures/P-14.yml", "id: P-14", 'id: "P 14"'), "P-14.yml:",
         says="id: 'P 14' har ikke riktig form", en="id: 'P 14' does not have the right form"),
    Case("unknown status", replace("procedures/P-14.yml", "status: effective", "status: published"), "P-14.yml:",
         says="'published' er ikke en tillatt verdi (forventet: en av 'draft', 'effective' eller 'obsolete')",
         en="'published' is not an allowed value (expected: one of 'draft', 'effective' or 'obsolete')"),
    Case("checklist page that is not a page", _checklist("egen", "#top"), "egen.yml:", says="page: '#top' har ikke riktig form"),
    Case("checklist page that does not exist", _checklist("egen", "finnes-ikke.md"), "egen.yml:",
         says="håndboken har ingen side 'finnes-ikke.md'", en="no page 'finnes-ikke.md' in the handbook"),
    Case("control character in a release summary",
         replace("releases.yml", "summary: \"Årlig revisjon", "summary: \"Årlig\\x7f revisjon"), "releases.yml:",
         says="kontrolltegn", en="control characters"),
    # --- references and uniqueness
    Case("unknown role", replace("procedures/P-06.yml", "role: ordrekontor", "role: lab-leder"), "P-06.yml:",
         says="ukjent rolle 'lab-leder' (forventet: en av:", en="unknown role 'lab-leder' (expected: one of:"),
    Case("unknown evidence document", replace("gspr/kroner-broer.yml", "{document: KB-06,", "{document: KB-99,"),
         "kroner-broer.yml:", says="ukjent dokument 'KB-99'", en="unknown document 'KB-99'"),
    Case("IDs differing only in case", _copy_procedure("p-19", "p-19.yml"), "p-19.yml:",
         says="er samme fil som 'prosedyrer/P-19.md'", en="is the same file as 'prosedyrer/P-19.md'"),
    Case("a checklist called index", _checklist("index"), "index.yml:", says="'sjekklister/index.md' er samme fil"),
    Case("a checklist with a built-in page's name in other case", _checklist("Frigivelse"), "Frigivelse.yml:",
         says="'sjekklister/frigivelse.md' (en side generatoren alltid skriver)",
         en="'sjekklister/frigivelse.md' (a page the generator always writes)"),
    Case("superseded by itself", replace("documents.yml", "superseded_by: KB-02", "superseded_by: RS-00"),
         "documents.yml:", says="går i ring: RS-00 → RS-00", en="goes round in a cycle: RS-00 → RS-00"),
    Case("superseded in a cycle",
         lambda d: (edit(d / "documents.yml", "superseded_by: KB-02", "superseded_by: P-98"),
                    _copy_procedure("P-98", "P-98.yml", ("status: draft", "status: obsolete\nsuperseded_by: RS-00"))(d)),
         "documents.yml:", says="går i ring"),
    Case("duplicate device group", lambda d: shutil.copy(d / "device-groups" / "bittskinner.yml",
                                                         d / "device-groups" / "bittskinner-2.yml"),
         "bittskinner-2.yml:", says="utstyrsgruppe-ID-en 'bittskinner' er brukt før",
         en="duplicate device group ID 'bittskinner'"),
    Case("GSPR matrix for an unknown group", replace("gspr/bittskinner.yml", "device_group: bittskinner",
                                                     "device_group: finnes-ikke"), "bittskinner.yml:",
         says="ukjent utstyrsgruppe 'finnes-ikke'", en="unknown device group 'finnes-ikke'"),
    Case("unknown GSPR number", replace("gspr/kroner-broer.yml", '- gspr: "1"\n', '- gspr: "99.9"\n'),
         "kroner-broer.yml:", says="ukjent GSPR-nummer '99.9'", en="unknown GSPR number '99.9'"),
    # --- files and folders
    Case("symlink out of the data folder", _symlink("/etc/passwd"), "P-99.yml", says="lenke ut av datamappen",
         en="link out of the data folder"),
    Case("dangling symlink", _symlink("/nowhere/P-99.yml"), "P-99.yml", says="lenke som ikke fører noen vei",
         en="link that leads nowhere"),
    Case("linked folder out of the data folder", lambda d: (shutil.rmtree(d / "forms"), os.symlink("/etc", d / "forms")),
         "forms", says="lenke ut av datamappen"),
    Case("unexpected file", write("notes.txt", "x"), "notes.txt", says="uventet fil eller mappe 'notes.txt'",
         en="unexpected entry 'notes.txt'"),
    Case("required file missing", lambda d: (d / "people.yml").unlink(), "people.yml", says="påkrevd fil mangler",
         en="required file is missing"),
    Case("release lock holding {}", write("releases/2026.1.json", "{}\n"), "2026.1.json:",
         says="mangler det påkrevde feltet 'procedures'", en="missing required field 'procedures'"),
    Case("release lock that is not JSON", write("releases/2026.1.json", "{\"procedures\": [\n"), "2026.1.json:",
         says="ugyldig YAML"),
    Case("release lock of the wrong shape", write("releases/2026.1.json", '{"procedures": 1, "documents": {}, '
                                                  '"gspr": {}, "prrc": []}\n'), "2026.1.json:",
         says="procedures: feil type (heltall: '1')", en="procedures: wrong type (int: '1')"),
]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example project, built once; every case builds into its site and must leave it as it was."""
    project = copy_project(tmp_path_factory.mktemp("bad-input"))
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(project)
        result = run_cli("build", "--data", str(project / "data"), "--site-dir", str(project / "site"), "--today", TODAY)
    finally:
        mp.undo()
    assert result.code == 0, result.err
    shutil.copytree(project / "site", project / "pristine")
    return project, digest(project / "site")


@pytest.fixture(autouse=True)
def _restore(built: tuple[Path, str]):  # type: ignore[no-untyped-def]
    """A case that fails by building after all must not make every later case fail too."""
    yield
    project, before = built
    if digest(project / "site") != before:
        shutil.rmtree(project / "site")
        shutil.copytree(project / "pristine", project / "site")


def test_there_are_at_least_forty_classes() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 40


def broken(case: Case, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A copy of the example's data broken as ``case`` says, run from ``tmp_path``; and where a message must point."""
    data = tmp_path / "data"
    shutil.copytree(project / "data", data, symlinks=True)
    where = case.where(data) if callable(case.where) else case.where
    case.breaks(data)
    monkeypatch.chdir(tmp_path)
    return data, where


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, built: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = built
    data, where = broken(case, project, tmp_path, monkeypatch)
    check = run_cli("check", "--data", str(data), "--today", TODAY)
    build = run_cli("build", "-f", str(project / "mkdocs.yml"), "--data", str(data), "--site-dir", str(project / "site"),
                    "--today", TODAY)
    for what, result in (("check", check), ("build", build)):
        said = result.out + result.err
        assert result.code == case.code, f"{what}: exit {result.code}, expected {case.code}:\n{said}"
        assert "Traceback" not in said and 'File "' not in said, f"{what}:\n{said}"
        assert where in said, f"{what} does not name {where}:\n{said}"
        assert case.says.lower() in said.lower(), f"{what} does not say {case.says!r}:\n{said}"
        assert not case.en or case.en.lower() not in said.lower(), f"{what} speaks English:\n{said}"
    assert "feil i dataene" in check.err and "Ingenting ble skrevet" in build.err
    assert digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock"], \
        "a build left its staging folder behind"


def english(project: Path) -> Path:
    """The example's mkdocs.yml with the handbook in English."""
    path = project / "mkdocs-en.yml"
    path.write_text(edit_text((project / "mkdocs.yml").read_text(encoding="utf-8"), "language: nb", "language: en"),
                    encoding="utf-8")
    return path


def edit_text(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize("case", [c for c in CASES if c.en], ids=[c.name for c in CASES if c.en])
def test_bad_input_in_english(case: Case, built: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A handbook in English (theme.language: en, or check --lang en) is told about its data in English."""
    project, before = built
    data, where = broken(case, project, tmp_path, monkeypatch)
    config = english(project)
    runs = {"check --lang en": run_cli("check", "--data", str(data), "--today", TODAY, "--lang", "en"),
            "check -f (en)": run_cli("check", "-f", str(config), "--data", str(data), "--today", TODAY),
            "build -f (en)": run_cli("build", "-f", str(config), "--data", str(data), "--site-dir", str(project / "site"),
                                     "--today", TODAY)}
    for what, result in runs.items():
        said = result.out + result.err
        assert result.code == case.code, f"{what}: exit {result.code}, expected {case.code}:\n{said}"
        assert "Traceback" not in said and where in said, f"{what}:\n{said}"
        assert case.en.lower() in said.lower(), f"{what} does not say {case.en!r}:\n{said}"
        assert case.says.lower() not in said.lower(), f"{what} speaks Norwegian:\n{said}"
        assert "(expected: " in said and "forventet" not in said, f"{what}:\n{said}"
    assert "error(s) in the data" in runs["check --lang en"].err and "Nothing was written" in runs["build -f (en)"].err
    assert digest(project / "site") == before


# Words of the English messages that Norwegian never uses. A Norwegian message may quote values, keys, paths
# and YAML (they are not translated): those are left out before looking.
ENGLISH_WORDS = {"the", "is", "are", "not", "an", "of", "expected", "must", "only", "missing", "unknown", "with",
                 "without", "file", "found", "wrong", "value", "needs", "has", "no", "or", "and", "first", "duplicate",
                 "error", "while", "did", "find", "allowed", "page", "same", "link", "folder", "required", "line",
                 "should", "input", "valid", "invalid", "field", "entry", "one", "be", "it", "this", "that", "can",
                 "cannot", "there", "from", "on", "by", "less", "greater", "than", "equal", "number", "text"}
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|<[^>]*>|\S*[/.:=#_{}\[\]]\S*")


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-zÆØÅæøå]+", QUOTED.sub(" ", text)) if w.lower() in ENGLISH_WORDS}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_data_error_is_written_in_norwegian_too(case: Case, tmp_path: Path) -> None:
    """Each error over the corpus has a Norwegian text of its own (not the English one), with no English word."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data, symlinks=True)
    case.breaks(data)
    with pytest.raises(DataErrors) as exc:
        load_handbook(data, cache=False, pages=hand_written(ROOT / "docs"))
    assert exc.value.errors
    for error in exc.value.errors:
        assert error.what.nb != error.what.en, error.text("en")
        assert error.expected.nb != error.expected.en or not english_words(error.expected.en), error.text("en")
        for part in (error.what.nb, error.expected.nb):
            assert not english_words(part), f"English in a Norwegian message: {english_words(part)}: {error.text('nb')}"
        assert error.text("nb") == str(error) and ("(forventet: " in str(error)) == bool(error.expected)


@pytest.mark.parametrize(("args", "says"), [
    (("2027.1", "--summary", "Årlig\x7frevisjon"), "kontrolltegn"),
    (("2027.1", "--summary", "to\nlinjer"), "kontrolltegn"),
    (("2027 1",), "version: '2027 1' har ikke riktig form (forventet: et versjonsnummer"),
    (("../2027",), "version"),
    (("2027.1", "--lang", "en", "--summary", "to\nlinjer"), "control characters"),
])
def test_a_bad_release_writes_nothing(args: tuple[str, ...], says: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(copy_project(tmp_path / "p") / "data", data)
    before = digest(data)
    result = run_cli("release", "--data", str(data), "--approved-by", "ingrid-solheim", *args)
    assert result.code == 2 and says in result.err and "Traceback" not in result.err
    assert digest(data) == before
    assert run_cli("check", "--data", str(data), "--today", TODAY).code == 0
