"""Messages to the person who keeps the data follow the handbook's language: Norwegian by default, English with
``theme.language: en`` in mkdocs.yml (or ``--lang en``). Keys, paths and values are never translated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Literal, get_args

import pytest
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cmd_handbook.commands.cli import message_language
from cmd_handbook.errors import DataError, DataErrors, Invalid, Msg, lang_of
from cmd_handbook.model import base
from cmd_handbook.model.releases import VERSION
from cmd_handbook.yamlio import _PATTERNS, load_yaml_file, validate

from .build_helpers import copy_project
from .conftest import TODAY, edit, run_cli
from .test_bad_input import english_words


def test_a_data_error_is_said_in_either_language() -> None:
    error = DataError("data/company.yml", 3, 5, Msg("ukjent felt 'x'", "unknown field 'x'"), Msg("bare disse", "only these"))
    assert str(error) == error.text() == error.text("nb") == "data/company.yml:3:5: ukjent felt 'x' (forventet: bare disse)"
    assert error.text("en") == "data/company.yml:3:5: unknown field 'x' (expected: only these)"
    assert error.message == "ukjent felt 'x'" and error.hint == "bare disse"
    assert error.as_dict("en") == {"file": "data/company.yml", "line": 3, "column": 5, "message": "unknown field 'x'",
                                   "expected": "only these"}
    assert error.as_dict().keys() == error.as_dict("en").keys()
    assert DataError("f.yml", 0, 0, Msg("tom", "empty")).text("en") == "f.yml: empty"  # no hint, no "(expected: )"
    assert DataError("f.yml", 1, 0, "plain").what == Msg("plain", "plain")  # untranslated text: the same in both
    errors = DataErrors([error, error])
    assert str(errors) == errors.text("nb") == error.text("nb") and errors.text("en") == error.text("en")


def test_language_of_a_setting() -> None:
    assert [lang_of(v) for v in ("en", "en_GB", "EN", "nb", "no", "nn", None, "", "de")] == \
        ["en", "en", "en", "nb", "nb", "nb", "nb", "nb", "nb"]


def test_the_run_takes_its_language_from_lang_else_the_config_else_norwegian(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert message_language(["check"]) == "nb"  # no mkdocs.yml
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ntheme:\n  name: material\n  language: en\n", encoding="utf-8")
    (tmp_path / "nb.yml").write_text("site_name: X\ntheme:\n  name: material\n  language: nb\n", encoding="utf-8")
    assert message_language(["check"]) == "en"
    assert message_language(["check", "--lang", "nb"]) == message_language(["check", "--lang=nb"]) == "nb"
    assert message_language(["build", "-f", "nb.yml"]) == message_language(["build", "--config-file=nb.yml"]) == "nb"
    assert message_language(["build", "-fnb.yml"]) == "nb"
    assert message_language(["build", "-f", "missing.yml"]) == "nb"
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert message_language(["build"]) == "nb"  # the command itself says what is wrong with the file


def test_the_friendly_hints_know_every_pattern_of_the_schema() -> None:
    def pattern(annotated: object) -> str:
        return next(m.pattern for m in get_args(annotated)[1:] if isinstance(m, StringConstraints))

    for annotated in (base.Id, base.Clause, base.GsprNumber, base.Letter, base.Page):
        assert pattern(annotated) in _PATTERNS, annotated
    assert VERSION in _PATTERNS


class _Everything(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, StringConstraints(max_length=3)] = ""
    code: base.Id = "x"
    count: Annotated[int, Field(ge=1, le=5)] = 1
    share: float = 0.0
    flag: bool = False
    items: Annotated[list[int], Field(min_length=1)] = [1]
    day: dt.date = dt.date(2026, 1, 1)
    kind: Literal["a", "b"] = "a"
    when: base.Day = dt.date(2026, 1, 1)
    needed: str


@pytest.mark.parametrize(("raw", "nb", "en"), [
    ({}, "mangler det påkrevde feltet 'needed'", "missing required field 'needed'"),
    ({"needed": "", "colour": 1}, "ukjent felt 'colour'", "unknown field 'colour'"),
    ({"needed": "", "text": "abcd"}, "teksten er for lang (4 tegn) (forventet: høyst 3 tegn)",
     "the text is too long (4 characters) (expected: at most 3 characters)"),
    ({"needed": "", "code": "a b"}, "har ikke riktig form (forventet: en ID", "does not have the right form (expected: an ID"),
    ({"needed": "", "count": 0}, "count: 0 er for lite (forventet: minst 1)", "count: 0 is too small (expected: at least 1)"),
    ({"needed": "", "count": 9}, "count: 9 er for stort (forventet: høyst 5)", "count: 9 is too large (expected: at most 5)"),
    ({"needed": "", "count": 1.5}, "(forventet: et heltall)", "(expected: a whole number)"),
    ({"needed": "", "count": "x" * 5000}, "count: feil type", "count: wrong type"),
    ({"needed": "", "share": "mye"}, "share: feil type (tekst: 'mye') (forventet: et tall)",
     "share: wrong type (str: 'mye') (expected: a number)"),
    ({"needed": "", "flag": "kanskje"}, "(forventet: true eller false)", "(expected: true or false)"),
    ({"needed": "", "items": []}, "items: for få oppføringer (0) (forventet: minst 1)",
     "items: too few entries (0) (expected: at least 1)"),
    ({"needed": "", "items": {}}, "items: feil type (mapping: '{}') (forventet: en liste)",
     "items: wrong type (dict: '{}') (expected: a list)"),
    ({"needed": "", "day": "2026-02-30"}, "day: '2026-02-30' er ikke en gyldig dato (forventet: en dato på formen ÅÅÅÅ-MM-DD)",
     "day: '2026-02-30' is not a valid date (expected: a date as YYYY-MM-DD)"),
    ({"needed": "", "kind": "c"}, "kind: 'c' er ikke en tillatt verdi (forventet: en av 'a' eller 'b')",
     "kind: 'c' is not an allowed value (expected: one of 'a' or 'b')"),
    ({"needed": "", "when": "1066-10-14"}, "when: 1066-10-14 er ikke en sannsynlig dato (forventet: en dato mellom 1900 og 2199)",
     "when: 1066-10-14 is not a plausible date (expected: a date between 1900 and 2199)"),
])
def test_schema_errors_are_said_in_both_languages(tmp_path: Path, raw: dict[str, object], nb: str, en: str) -> None:
    with pytest.raises(DataErrors) as exc:
        validate(_Everything, raw, tmp_path / "x.yml")
    [error] = exc.value.errors
    assert nb in error.text("nb") and en in error.text("en")
    assert not english_words(error.what.nb) and not english_words(error.expected.nb), error.text("nb")


def test_a_model_check_speaks_both_languages(tmp_path: Path) -> None:
    class Checked(BaseModel):
        n: int

        @model_validator(mode="after")
        def _positive(self) -> Checked:
            if self.n < 0:
                raise Invalid("n kan ikke være negativ", "n cannot be negative", Msg("0 eller mer", "0 or more"))
            return self

    with pytest.raises(DataErrors) as exc:
        validate(Checked, {"n": -1}, tmp_path / "x.yml")
    [error] = exc.value.errors
    assert error.text("nb").endswith("n kan ikke være negativ (forventet: 0 eller mer)")
    assert error.text("en").endswith("n cannot be negative (expected: 0 or more)")


@pytest.mark.parametrize(("text", "nb", "en"), [
    ("a: [1,\n", "ugyldig YAML: inne i [ ] eller { }: fant ikke verdien som skal stå her",
     "malformed YAML: while parsing a flow node did not find expected node content"),
    ("a: b: c\n", "kolon (nøkkel: verdi) er ikke tillatt her", "mapping values are not allowed in this context"),
    ("a: *x\n", "aliaset (*navn) viser til et anker (&navn) som ikke finnes", "found undefined alias"),
    ("a: &x 1\nb: &x 2\n", "ankeret (&navn) er definert før", "found duplicate anchor"),
    ("a: \"\\q\"\n", "ukjent tegn etter \\", "found unknown escape character"),
    ("a: 'x\n", "filen slutter før verdien er avsluttet", "found unexpected end of stream"),
    ("- a\nb: 1\n", "fant ikke '-' for neste listepunkt", "did not find expected '-' indicator"),
    ("a: 1\x00\n", "kontrolltegn er ikke tillatt (tegnet #x0000)", "control characters are not allowed (character #x0000)"),
])
def test_malformed_yaml_is_said_in_both_languages(tmp_path: Path, text: str, nb: str, en: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_yaml_file(path)
    [error] = exc.value.errors
    assert nb in error.text("nb") and en in error.text("en") and error.line >= 1
    assert not english_words(error.what.nb), error.text("nb")


def test_a_control_character_is_found_by_its_column_not_its_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nbb: ø\x01y\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_yaml_file(path)
    [error] = exc.value.errors
    assert (error.line, error.column) == (2, 6)


def _broken(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    edit(project / "data" / "procedures" / "P-06.yml", "role: ordrekontor", "role: lab-leder")
    return project


def test_check_json_keeps_its_keys_and_speaks_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _broken(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = {lang: json.loads(run_cli("check", "--data", str(project / "data"), "--format", "json", "--today", TODAY,
                                      "--lang", lang).out) for lang in ("nb", "en")}
    [nb], [en] = found["nb"], found["en"]
    assert list(nb) == list(en) == ["rule", "severity", "reference", "file", "line", "column", "message", "expected"]
    assert nb["message"] == "ukjent rolle 'lab-leder'" and en["message"] == "unknown role 'lab-leder'"
    assert nb["expected"].startswith("en av: ") and en["expected"].startswith("one of: ")
    assert {k: v for k, v in nb.items() if k not in ("message", "expected")} == \
        {k: v for k, v in en.items() if k not in ("message", "expected")}


def test_a_build_speaks_the_handbooks_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """theme.language: en → the build's data errors and its own lines are English; the default Norwegian."""
    project = _broken(tmp_path)
    monkeypatch.chdir(project)
    norwegian = run_cli("build", "--today", TODAY)
    assert norwegian.code == 1 and "Traceback" not in norwegian.err
    assert "Dataene har 1 feil:" in norwegian.err and "ukjent rolle 'lab-leder' (forventet: en av:" in norwegian.err
    assert "Ingenting ble skrevet" in norwegian.err and "unknown" not in norwegian.err
    edit(project / "mkdocs.yml", "language: nb", "language: en")
    english = run_cli("build", "--today", TODAY)
    assert english.code == 1 and "Traceback" not in english.err
    assert "The data has 1 error(s):" in english.err and "unknown role 'lab-leder' (expected: one of:" in english.err
    assert "Nothing was written" in english.err and "ukjent" not in english.err
    check = run_cli("check", "--today", TODAY)  # check follows the same mkdocs.yml
    assert check.code == 1 and "unknown role 'lab-leder'" in check.out and "1 error(s) in the data." in check.err


def test_release_and_verify_follow_the_language(tmp_path: Path) -> None:
    data = copy_project(tmp_path / "p") / "data"
    nb = run_cli("release", "--data", str(data), "2027.1", "--approved-by", "nobody")
    en = run_cli("release", "--data", str(data), "2027.1", "--approved-by", "nobody", "--lang", "en")
    assert nb.code == en.code == 2
    assert "ukjent person 'nobody' (forventet en av:" in nb.err and "unknown person 'nobody' (expected one of:" in en.err
    missing = str(tmp_path / "missing.zip")
    assert "filen finnes ikke" in run_cli("verify", missing).err
    assert "no such file" in run_cli("verify", missing, "--lang", "en").err
    (tmp_path / "not.zip").write_text("x", encoding="utf-8")
    assert run_cli("verify", str(tmp_path / "not.zip")).err.startswith("FEILET: ")
    assert run_cli("verify", str(tmp_path / "not.zip"), "--lang", "en").err.startswith("FAILED: ")


def test_usage_problems_follow_the_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    nb = run_cli("check", "--data", str(tmp_path / "nowhere"))
    en = run_cli("check", "--data", str(tmp_path / "nowhere"), "--lang", "en")
    assert nb.code == en.code == 2
    assert "handbook: fant ikke datamappen" in nb.err and "handbook: data folder not found" in en.err
    assert "ingen mkdocs.yml" in run_cli("build").err
