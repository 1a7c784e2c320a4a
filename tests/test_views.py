"""The generated views, rendered without MkDocs: what each reader sees comes from the data, and nothing is dropped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from cmd_handbook.derive import paths
from cmd_handbook.derive.matrix import numbers as matrix_numbers
from cmd_handbook.errors import DataErrors
from cmd_handbook.load import load_handbook
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.devices import device_group_page
from cmd_handbook.render.documents import document_register
from cmd_handbook.render.forms import form_pages
from cmd_handbook.render.gspr import gspr_csv, gspr_page
from cmd_handbook.render.pages import generated_pages, navigation
from cmd_handbook.render.qms import iso_clauses_table, qms_elements_table
from cmd_handbook.render.references import references_page
from cmd_handbook.render.roles import role_page
from cmd_handbook.render.text import esc
from cmd_handbook.render.traceability import traceability_csv
from cmd_handbook.rules import run_rules

from .conftest import EXAMPLE, TODAY, edit

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext(hb=load_handbook(EXAMPLE), today=DAY)


def test_gspr_csv_has_every_requirement_and_point_in_order_and_marks_undecided_rows(ctx: RenderContext,
                                                                                    data: Path) -> None:
    rows = list(csv.reader(io.StringIO(gspr_csv(ctx, ctx.hb.groups["kroner-broer"]))))
    numbers = [n for n, _, _ in matrix_numbers(ctx.hb.catalogue.gspr)]
    assert rows[0][:3] == ["nr", "krav", "relevant"] and [r[0] for r in rows[1:]] == numbers
    assert {"23.2(p)", "23.4(aa)", "10.4.1(a)"} <= set(numbers) and len(numbers) > 150
    by_number = {r[0]: r for r in rows[1:]}
    assert by_number["23.4(aa)"][2] == "Ja" and by_number["23.4(b)"][2] == "Nei"  # own row; follows 23.4
    # Take two requirements out of the data: they and their points are still in the CSV, as "Ikke vurdert".
    path = data / "gspr" / "bittskinner.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index('  - gspr: "16.1"'), text.index('  - gspr: "16.3"')
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    hb = load_handbook(data)
    rows = list(csv.reader(io.StringIO(gspr_csv(RenderContext(hb=hb), hb.groups["bittskinner"]))))
    assert len(rows) == len(numbers) + 1
    assert {r[0]: r[2] for r in rows[1:]}["16.2"] == {r[0]: r[2] for r in rows[1:]}["16.2(b)"] == "Ikke vurdert"


def test_gspr_csv_neutralises_spreadsheet_formulas(data: Path) -> None:
    edit(data / "gspr" / "bittskinner.yml", '  - gspr: "16.1"\n    applicable: false\n    justification:',
         '  - gspr: "16.1"\n    applicable: false\n    justification: "=HYPERLINK(1)"\n    note:')
    hb = load_handbook(data)
    rows = {r["nr"]: r for r in csv.DictReader(io.StringIO(gspr_csv(RenderContext(hb=hb), hb.groups["bittskinner"])))}
    assert rows["16.1"]["begrunnelse"] == "'=HYPERLINK(1)"


def test_gspr_page_has_filters_and_one_row_per_requirement_and_point(ctx: RenderContext) -> None:
    html = gspr_page(ctx, ctx.hb.groups["kroner-broer"])
    assert len(re.findall(r'<tr id="gspr-', html)) == len(list(matrix_numbers(ctx.hb.catalogue.gspr)))
    for key in ("all", "applicable", "undecided", "not-fully-met"):
        assert f'data-filter="{key}"' in html
    assert "UVERIFISERT" in html  # 13.2 is unverified in the catalogue
    assert 'title: "GSPR-matrise: Kroner og broer"' in html  # the browser tab names the group


def test_device_group_page_lists_the_annex_xiii_documentation_and_shows_what_is_missing(data: Path) -> None:
    edit(data / "documents.yml", "kind: pmcf-plan\n    device_group: bittskinner", "kind: record\n    device_group: bittskinner")
    hb = load_handbook(data)
    page = device_group_page(RenderContext(hb=hb, today=DAY), hb.groups["bittskinner"])
    section = page.split("Dokumentasjon etter MDR vedlegg XIII §2", 1)[1]
    assert re.search(r"\| Plan for klinisk oppfølging \(PMCF-plan\)[^|]*\| <span class=\"hb-missing\">Mangler</span>", section)
    assert "[BS-02](../dokumenter.md#doc-bs-02)" in section and "Gjeldende" in section
    assert "PMS-rapport, oppdateres ved behov" in page and "10 år" in page


def test_role_page_lists_exactly_the_steps_of_that_role_in_procedure_order(ctx: RenderContext) -> None:
    hb = ctx.hb
    expected = [f"{p.id}-{s.id}" for p in sorted(hb.procedures, key=lambda p: p.id) if p.status != "obsolete"
                for s in p.steps if s.role == "prrc"]
    page = role_page(ctx, hb.roles["prrc"])
    assert re.findall(r"\.\./prosedyrer/P-\d+\.md#(P-\d+-s\d+)", page) == expected
    assert "P-09-s4" in expected


def test_qms_map_shows_gaps_and_exclusions(data: Path) -> None:
    edit(data / "procedures" / "P-17.yml", 'iso13485: [', 'iso13485_old: [')
    text = (data / "procedures" / "P-17.yml").read_text(encoding="utf-8").replace("iso13485_old:", "iso13485:")
    (data / "procedures" / "P-17.yml").write_text(text.replace('"8.2.4", ', "").replace(', "8.2.4"', ""), encoding="utf-8")
    hb = load_handbook(data)
    ctx = RenderContext(hb=hb)
    table = iso_clauses_table(ctx)
    row = next(r for r in table.splitlines() if "| 8.2.4" in r or "8.2.4 |" in r)
    assert "Mangler gjeldende prosedyre" in row
    assert "Unntatt: Ingen sterile produkter leveres." in table
    assert "Gjelder ikke individuelt tilpasset utstyr" in qms_elements_table(ctx)


def test_traceability_csv_links_requirements_to_procedures_forms_and_evidence(ctx: RenderContext) -> None:
    rows = list(csv.DictReader(io.StringIO(traceability_csv(ctx))))
    vigilance = [r for r in rows if r["krav"] == "MDR art. 10(9)(k)"]  # in the handbook's language
    assert vigilance and all(r["prosedyre"] for r in vigilance)
    assert any("F-06" in r["skjema"] for r in vigilance)


def test_obsolete_and_draft_documents(ctx: RenderContext) -> None:
    pages = generated_pages(ctx, [])
    register = document_register(ctx)
    assert "RS-00" in register and "erstattet av" in register
    nav = navigation(ctx, set(pages) | {paths.HOME})
    draft = next(p for p in ctx.hb.procedures if p.status == "draft")
    assert paths.procedure(draft.id) in str(nav)  # drafts are listed (with their banner)


def test_obsolete_procedure_is_reachable_but_not_in_nav_or_search(data: Path) -> None:
    path = data / "procedures" / "P-19.yml"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: obsolete\nsuperseded_by: P-06", 1)
    path.write_text(text, encoding="utf-8")
    hb = load_handbook(data)
    ctx = RenderContext(hb=hb, today=DAY)
    pages = generated_pages(ctx, run_rules(hb, DAY))
    page = pages[paths.procedure("P-19")]
    assert "UTGÅTT – erstattet av P-06" in page and "search:\n  exclude: true" in page
    assert paths.procedure("P-19") not in str(navigation(ctx, set(pages)))


def test_forms_statement_has_every_annex_xiii_item_and_the_job_description_the_duties(ctx: RenderContext) -> None:
    pages = form_pages(ctx)
    statement = pages[paths.form("F-13", "kroner-broer")]
    for needle in ("Vestbryggen 14", "Sandsli", "klasse IIa", "utelukkende beregnet på", "Pasientens navn",
                   "Forskriver", "Helseinstitusjon", "særlige egenskaper", "Signatur", "15 år"):
        assert needle in statement, needle
    assert "ikke er fullt oppfylt" not in statement  # every requirement of crowns and bridges is met
    dentures = pages[paths.form("F-13", "avtakbare-proteser")]
    assert "ikke er fullt oppfylt" in dentures and "10.4.5" in dentures and "etterspurt fra leverandøren" in dentures
    job = pages[paths.form("F-07")]
    assert "før utstyret frigis" in job.lower() or "frigis" in job
    assert job.count('type="text" id="F-07-sign-') == 2  # both parties sign
    clock = pages[paths.form("F-06")]
    assert {'value="2"', 'value="10"', 'value="15"'} <= set(re.findall(r'value="\d+"', clock))


def test_every_controlled_page_shows_document_control(ctx: RenderContext) -> None:
    pages = generated_pages(ctx, [])
    for proc in ctx.hb.procedures:
        assert "Dokument-ID" in pages[paths.procedure(proc.id)]
    for form in ctx.hb.forms:
        page = next(v for k, v in pages.items() if k.startswith(f"skjema/{form.id}"))
        assert "Dokument-ID" in page and "@bottom-right" in page


@pytest.mark.parametrize("content, message", [
    ("id: x\ntitle: X\nversion: '1'\nitems:\n  - text: Noe\n", "mangler det påkrevde feltet 'id'"),
    ("id: x\ntitle: X\nversion: '1'\nitems:\n  - {id: a, text: A}\n  - {id: a, text: B}\n", "sjekklistepunkt-ID-en 'a' er brukt før"),
])
def test_checklist_errors(data: Path, content: str, message: str) -> None:
    (data / "checklists").mkdir()
    (data / "checklists" / "x.yml").write_text(content, encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_handbook(data)
    assert any(message in str(e) and "x.yml:" in str(e) for e in exc.value.errors), exc.value


def test_unknown_form_field_type(data: Path) -> None:
    line = edit(data / "forms" / "F-04.yml", "type: date", "type: colour")
    with pytest.raises(DataErrors) as exc:
        load_handbook(data)
    [err] = exc.value.errors
    assert (err.line, "'colour' er ikke en tillatt verdi") == (line, err.message.split(": ", 1)[1]) and "textarea" in err.hint


def test_a_long_nav_section_shows_only_its_index_page(ctx: RenderContext) -> None:
    pages = set(generated_pages(ctx, [])) | {paths.HOME, paths.PROCEDURES}
    full, short = str(navigation(ctx, pages)), navigation(ctx, pages, limit=5)
    assert paths.procedure("P-06") in full
    assert paths.procedure("P-06") not in str(short) and paths.PROCEDURES in str(short)
    # The procedures left out are not dumped at the end of the nav either.
    assert not [p for p in short if isinstance(p, str) and p.startswith("prosedyrer/")]


def test_references_page_says_the_art_120_3f_transition_has_ended(ctx: RenderContext) -> None:
    before = references_page(RenderContext(hb=ctx.hb, today=dt.date(2026, 5, 26)))
    after = references_page(RenderContext(hb=ctx.hb, today=dt.date(2026, 5, 27)))
    assert "120(3f)" in after and "Utløpt 26.05.2026" in after and "Gjelder til og med" not in after
    assert "Gjelder til og med 26.05.2026" in before


def test_the_label_wording_keeps_its_lines(ctx: RenderContext) -> None:
    """Production reads the label's layout from the page: one line of the data, one line on the page."""
    group = ctx.hb.groups["kroner-broer"]
    page = device_group_page(ctx, group)
    lines = [line.strip() for line in group.label.wording.splitlines() if line.strip()]
    assert all(f"{esc(line)}<br>" in page for line in lines[:-1]) and esc(lines[-1]) in page


def test_references_list_the_standards_the_handbook_uses(ctx: RenderContext) -> None:
    """Not the catalogue's whole shelf: a dental lab's references show no orthopaedic standard."""
    page = references_page(ctx)
    used = {std for m in ctx.hb.gspr.values() for r in m.rows if r.method for std in r.method.all_standards}
    shown = set(re.findall(r'<span id="([^"]+)"></span>', page))
    standards = {r.id for r in ctx.hb.references.values() if r.kind == "standard"}
    assert used <= shown and {s.id for s in ctx.hb.own_standards} <= shown
    assert shown & standards and standards - shown, "the page should show some, and leave the unused out"
    for std in shown & standards:
        assert std in used or std in {s.id for s in ctx.hb.own_standards} or any(
            ctx.hb.references[u].superseded_by == std for u in shown & standards), std


def test_text_joined_after_escaping_keeps_its_spaces(ctx: RenderContext) -> None:
    """esc() trims what it escapes: a label written as esc("Erstattet av ") lost the space before the name."""
    page = references_page(ctx)
    assert "Erstattet av " in page and not re.search(r"Erstattet av\S", page)
