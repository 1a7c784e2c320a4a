"""Loading the data folder: the example is clean; each kind of bad input is one clear line with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmd_handbook.errors import DataErrors
from cmd_handbook.load import load_handbook

from .conftest import EXAMPLE, edit, line_of


def errors(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        load_handbook(data)
    return [str(e) for e in sorted(set(exc.value.errors))]


def test_example_loads_with_every_part() -> None:
    hb = load_handbook(EXAMPLE)
    assert hb.company.enterprise_size == "small"
    assert len(hb.device_groups) >= 3 and len(hb.procedures) >= 12
    assert {g.device_class for g in hb.device_groups} >= {"I", "IIa"}
    assert any(g.characteristics.implantable and g.cmr_substances for g in hb.device_groups)
    assert hb.prrc.appointments[0].arrangement == "at-disposal"
    assert set(hb.gspr) == {g.id for g in hb.device_groups}


def test_malformed_yaml_in_one_file_and_wrong_type_in_another_are_reported_together(data: Path) -> None:
    line = edit(data / "company.yml", "enterprise_size: small", "enterprise_size: [small")
    type_line = edit(data / "procedures" / "P-06.yml", "review_interval_months: 36", "review_interval_months: ofte")
    found = errors(data)
    assert any(f"company.yml:{line}:" in e and "ugyldig YAML" in e for e in found) or \
        any(f"company.yml:{line + 1}:" in e and "ugyldig YAML" in e for e in found), found
    assert any(f"P-06.yml:{type_line}:1: review_interval_months: feil type" in e and "et heltall" in e
               for e in found), found


def test_missing_field(data: Path) -> None:
    path = data / "procedures" / "P-06.yml"
    line = line_of(path, "id: P-06")
    text = path.read_text(encoding="utf-8").replace("scope: Alle bestillinger", "omfang: Alle bestillinger")
    path.write_text(text, encoding="utf-8")
    found = errors(data)
    assert any(f"P-06.yml:{line}:1: mangler det påkrevde feltet 'scope'" in e for e in found), found
    assert any("ukjent felt 'omfang'" in e for e in found), found


def test_duplicate_id(data: Path) -> None:
    (data / "procedures" / "P-99.yml").write_text(
        (data / "procedures" / "P-06.yml").read_text(encoding="utf-8"), encoding="utf-8")
    found = errors(data)
    assert any("P-99.yml:3:1: dokument-ID-en 'P-06' er brukt før (første gang i" in e and "P-06.yml:3" in e
               for e in found), found


def test_unknown_role_in_a_step(data: Path) -> None:
    path = data / "procedures" / "P-06.yml"
    line = edit(path, "  - id: s1\n    role: ordrekontor", "  - id: s1\n    role: lab-leder") + 1
    found = errors(data)
    assert any(f"P-06.yml:{line}:5: ukjent rolle 'lab-leder' (forventet: en av:" in e and "ordrekontor" in e
               for e in found), found


def test_unknown_evidence_document_in_gspr(data: Path) -> None:
    path = data / "gspr" / "kroner-broer.yml"
    line = edit(path, "{document: KB-06, section: \"Samlet restrisiko\"}", "{document: KB-666, section: x}")
    found = errors(data)
    assert any(f"kroner-broer.yml:{line}:" in e and "ukjent dokument 'KB-666'" in e for e in found), found


def test_all_errors_at_once_across_files(data: Path) -> None:
    edit(data / "procedures" / "P-06.yml", "role: ordrekontor", "role: nobody")
    edit(data / "company.yml", "enterprise_size: small", "enterprise_size: tiny")
    edit(data / "prrc.yml", "arrangement: at-disposal", "arrangement: sometimes")
    found = errors(data)
    # enterprise_size and arrangement are schema errors: cross-references are checked once the schema passes.
    assert any("company.yml" in e and "enterprise_size: 'tiny' er ikke en tillatt verdi" in e for e in found), found
    assert any("prrc.yml" in e and "arrangement: 'sometimes'" in e for e in found), found


@pytest.mark.parametrize("content, message", [
    ("", "filen er tom"),
    (b"name: \xe6\xf8\xe5\n", "ikke UTF-8"),
])
def test_empty_and_non_utf8_files(data: Path, content: str | bytes, message: str) -> None:
    path = data / "device-groups" / "ny.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    found = errors(data)
    assert any("ny.yml:1:" in e and message in e for e in found), found


def test_unexpected_file_in_the_data_folder(data: Path) -> None:
    (data / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    found = errors(data)
    assert any("uventet fil eller mappe 'notes.yml'" in e for e in found), found


def test_role_that_nobody_holds(data: Path) -> None:
    path = data / "people.yml"
    edit(path, "roles:\n", "roles:\n  - id: tekniker-uten-folk\n    title: Ingen\n")
    found = errors(data)
    assert any("people.yml:6:" in e and "ingen har rollen 'tekniker-uten-folk'" in e for e in found), found


def test_unknown_iso_clause(data: Path) -> None:
    path = data / "procedures" / "P-06.yml"
    text = path.read_text(encoding="utf-8")
    assert "iso13485:" in text
    path.write_text(text.replace("iso13485: [", "iso13485: [\"7.9.9\", ", 1), encoding="utf-8")
    found = errors(data)
    assert any("P-06.yml" in e and "ukjent ISO 13485-punkt '7.9.9'" in e for e in found), found


# --- GSPR matrix bad input (issue: the GSPR matrix) ---

def _row_block(path: Path, number: str) -> tuple[int, str]:
    text = path.read_text(encoding="utf-8")
    start = text.index(f'  - gspr: "{number}"\n')
    end = text.find("\n  - gspr:", start + 5)
    return text[:start].count("\n") + 1, text[start:end if end != -1 else len(text)]


def _replace_row(path: Path, number: str, new: str) -> int:
    line, block = _row_block(path, number)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(block, new.rstrip("\n"), 1), encoding="utf-8")
    return line


def test_unknown_gspr_number(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    line = _replace_row(path, "1", '  - gspr: "24.1"\n    applicable: false\n    justification: x\n')
    assert any(f"bittskinner.yml:{line}:5: ukjent GSPR-nummer '24.1'" in e for e in errors(data))


def test_nei_without_justification(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    line = _replace_row(path, "16.1", '  - gspr: "16.1"\n    applicable: false\n')
    assert any(f"bittskinner.yml:{line + 1}:5: GSPR 16.1 er merket som ikke relevant uten begrunnelse" in e
               for e in errors(data))


def test_applicable_without_method_or_evidence(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    line = _replace_row(path, "7", '  - gspr: "7"\n    applicable: true\n    conformity: met\n')
    found = errors(data)
    assert any(f"bittskinner.yml:{line + 1}:5: GSPR 7 er relevant, men angir ingen metode" in e for e in found)
    assert any(f"bittskinner.yml:{line + 1}:5: GSPR 7 er relevant, men viser ikke til dokumentasjon" in e for e in found)


def test_not_fully_met_without_grounds(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    _, block = _row_block(path, "7")
    assert "conformity: met" in block
    path.write_text(path.read_text(encoding="utf-8").replace(block, block.replace("conformity: met", "conformity: not-fully-met")),
                    encoding="utf-8")
    assert any("bittskinner.yml" in e and "GSPR 7 er ikke fullt oppfylt, men gir ingen begrunnelse" in e
               for e in errors(data))


def test_evidence_that_is_not_effective(data: Path) -> None:
    # The register has a draft (PV-06); citing it as evidence is an error.
    path = data / "gspr" / "bittskinner.yml"
    _, block = _row_block(path, "7")
    new = block.replace("evidence:\n", "evidence:\n      - {document: PV-06}\n", 1)
    assert new != block
    path.write_text(path.read_text(encoding="utf-8").replace(block, new), encoding="utf-8")
    assert any("bittskinner.yml" in e and "dokumentasjonen 'PV-06' har status draft, ikke effective" in e
               for e in errors(data))


def test_company_standards_register_backs_the_method_column(data: Path) -> None:
    path = data / "gspr" / "kroner-broer.yml"
    line = edit(path, "standards: [en-iso-22674-2022, iso-6872-2024]", "standards: [en-iso-22674-2022, iso-9999-2099]")
    found = errors(data)
    assert any(f"kroner-broer.yml:{line}:" in e and "ukjent standard 'iso-9999-2099'" in e for e in found), found


def test_schemas_for_editors_are_up_to_date() -> None:
    from cmd_handbook.commands.schema import SCHEMA_DIR, SCHEMAS, schema_text

    for name, model in SCHEMAS.items():
        committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(model, name), f"run `handbook schema`: {name}.schema.json is stale"
    for path in EXAMPLE.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path
