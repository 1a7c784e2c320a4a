"""The YAML layer: positions survive, every malformed input is a one-line error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from cmd_handbook.errors import DataErrors
from cmd_handbook.yamlio import load_yaml_file, position, validate


def errors_of(path: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        load_yaml_file(path)
    return [str(e) for e in exc.value.errors]


def test_positions_are_found(tmp_path: Path) -> None:
    f = tmp_path / "a.yml"
    f.write_text("name: x\nitems:\n  - id: a\n  - id: b\n    n: 2\n", encoding="utf-8")
    assert load_yaml_file(f) == {"name": "x", "items": [{"id": "a"}, {"id": "b", "n": 2}]}
    assert position(f, ("items",))[1:] == (2, 1)
    assert position(f, ("items", 1))[1:] == (4, 5)
    assert position(f, ("items", 1, "n"))[1:] == (5, 5)
    assert position(f, ("items", 1, "colour"))[1:] == (4, 5)  # not there: the deepest part that is


def test_aliases_merges_and_plain_scalars_load_as_pyyaml_does(tmp_path: Path) -> None:
    import yaml

    text = ("base: &b {x: 1, y: on}\nmerged: {<<: *b, y: no}\nlist: &l [a, 0x1f, 1_000, 2.5, ~, 2026-01-02, '7']\n"
            "again: *l\nempty:\nnum_key: {1: one}\n")
    f = tmp_path / "a.yml"
    f.write_text(text, encoding="utf-8")
    expected = yaml.safe_load(text)
    expected["list"][5] = "2026-01-02"  # dates stay text for the schema
    expected["num_key"] = {"1": "one"}  # keys are field names: kept as the text they were written as
    assert load_yaml_file(f) == expected


def test_recursive_alias_is_an_error_not_a_hang(tmp_path: Path) -> None:
    f = tmp_path / "a.yml"
    f.write_text("a: &x [1, *x]\n", encoding="utf-8")
    with pytest.raises(DataErrors, match="som inneholder det"):
        load_yaml_file(f)


@pytest.mark.parametrize(("content", "message", "line"), [
    ("a: 1\n? [x, y]\n: 2\n", "en nøkkel må være et enkelt ord", 2),
    ("a: !!python/object:os.system x\n", "YAML-taggen tag:yaml.org,2002:python/object:os.system støttes ikke", 1),
    ("a: 1\n---\nb: 2\n", "ugyldig YAML", 2),
])
def test_odd_yaml_is_an_error_with_its_line(tmp_path: Path, content: str, message: str, line: int) -> None:
    f = tmp_path / "odd.yml"
    f.write_text(content, encoding="utf-8")
    [msg] = errors_of(f)
    assert message in msg and f"odd.yml:{line}:" in msg


def test_malformed_yaml_names_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "bad.yml"
    f.write_text("name: x\nitems: [a, b\nother: 1\n", encoding="utf-8")
    [msg] = errors_of(f)
    assert msg.endswith("bad.yml:3:6: ugyldig YAML: inne i [ ]: fant ikke ',' eller ']' "
                        "(forventet: gyldig YAML (sjekk innrykk, kolon og anførselstegn))")
    with pytest.raises(DataErrors) as exc:
        load_yaml_file(f)
    assert exc.value.text("en").endswith(
        "bad.yml:3:6: malformed YAML: while parsing a flow sequence did not find expected ',' or ']' "
        "(expected: valid YAML (check indentation, colons and quotes))")


def test_non_utf8_file(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yml"
    f.write_bytes("name: ok\ncity: Tromsø\n".encode("latin-1"))
    [msg] = errors_of(f)
    assert ":2:" in msg and "ikke UTF-8" in msg and "forventet: lagre filen som UTF-8" in msg


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    f = tmp_path / "empty.yml"
    f.write_text(content, encoding="utf-8")
    [msg] = errors_of(f)
    assert "filen er tom" in msg


def test_duplicate_key_is_an_error_not_silently_overwritten(tmp_path: Path) -> None:
    f = tmp_path / "dup.yml"
    f.write_text("name: a\ncity: b\nname: c\n", encoding="utf-8")
    [msg] = errors_of(f)
    assert ":3:1:" in msg and "nøkkelen 'name' står to ganger (første gang på linje 1)" in msg


def test_dates_are_left_to_the_schema(tmp_path: Path) -> None:
    class M(BaseModel):
        model_config = ConfigDict(extra="forbid")
        day: __import__("datetime").date

    f = tmp_path / "d.yml"
    f.write_text("day: 2026-13-45\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        validate(M, load_yaml_file(f), f)
    [err] = exc.value.errors
    assert (err.line, err.column) == (1, 1)
    assert "ikke en gyldig dato" in err.message and err.hint == "en dato på formen ÅÅÅÅ-MM-DD"
    assert "not a valid date" in err.what("en") and err.expected("en") == "a date as YYYY-MM-DD"


def test_validation_reports_every_error_with_its_line(tmp_path: Path) -> None:
    class Item(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str
        count: int

    class Doc(BaseModel):
        model_config = ConfigDict(extra="forbid")
        items: list[Item]

    f = tmp_path / "v.yml"
    f.write_text("items:\n  - id: a\n    count: many\n  - id: b\n  - id: c\n    count: 1\n    colour: red\n",
                 encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        validate(Doc, load_yaml_file(f), f)
    lines = sorted(e.line for e in exc.value.errors)
    assert lines == [3, 4, 7]
    assert any("mangler det påkrevde feltet 'count'" in e.message for e in exc.value.errors)
    assert any("ukjent felt 'colour'" in e.message for e in exc.value.errors)
    assert any("feil type" in e.message and e.hint == "et heltall" for e in exc.value.errors)
    assert any("wrong type" in e.what("en") and e.expected("en") == "a whole number" for e in exc.value.errors)
