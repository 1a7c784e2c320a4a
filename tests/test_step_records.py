"""Procedures and forms say the same thing: a step names the form fields it fills in, loading checks them,
REC-001 finds a required field nobody fills in, and the pages link mentions, steps and fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from cmd_handbook.audience import for_inspector
from cmd_handbook.derive import paths
from cmd_handbook.errors import DataErrors
from cmd_handbook.load import load_handbook
from cmd_handbook.model.forms import GENERATED_FIELDS
from cmd_handbook.model.procedures import FieldRecord
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.forms import form_fields, form_pages
from cmd_handbook.render.procedures import procedure_page
from cmd_handbook.render.roles import role_page
from cmd_handbook.render.traceability import traceability_csv
from cmd_handbook.rules import run_rules

from .conftest import EXAMPLE, TODAY, edit, line_of

DAY = dt.date.fromisoformat(TODAY)
P14 = Path("procedures") / "P-14.yml"


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext(hb=load_handbook(EXAMPLE), today=DAY)


def load_errors(data: Path) -> list[str]:
    """The data errors, in English (the messages are in both languages)."""
    with pytest.raises(DataErrors) as exc:
        load_handbook(data)
    return [e.text("en") if hasattr(e, "text") else str(e) for e in exc.value.errors]


# ------------------------------------------------------------------------------------ checked when loading


def test_a_field_the_form_does_not_have_is_a_data_error_at_its_line(data: Path) -> None:
    line = edit(data / P14, "fields: [undersokelse, arsak]", "fields: [undersokelse, pasient-dod]")
    [error] = load_errors(data)
    assert f"P-14.yml:{line}:" in error and "form 'F-04' has no field 'pasient-dod'" in error
    assert "pasient-skadet" in error  # the hint lists the fields the form has


def test_a_form_without_a_template_or_not_in_the_register_is_a_data_error(data: Path) -> None:
    line = edit(data / P14, "      - form: F-04\n        fields: [alvorlig]", "      - form: F-03\n        fields: [alvorlig]")
    [error] = load_errors(data)
    assert f"P-14.yml:{line}:" in error and "'F-03' has no template in forms/" in error
    edit(data / P14, "      - form: F-03\n", "      - form: F-99\n")
    [error] = load_errors(data)
    assert f"P-14.yml:{line}:" in error and "unknown form with a template in forms/ 'F-99'" in error


def test_the_generated_parts_fields_can_be_named_and_agree_with_what_the_page_shows(ctx: RenderContext) -> None:
    for form in ctx.hb.forms:
        shown = set(form_fields(ctx, form))
        assert set(form.field_ids()) == shown, form.id
        if form.special:
            assert set(GENERATED_FIELDS[form.special]) <= shown, form.special


def test_plain_text_records_still_load_and_show(ctx: RenderContext) -> None:
    page = procedure_page(ctx, ctx.hb.procs["P-14"])
    assert "Registreringer: Svar til klager" in page


# ------------------------------------------------------------------------------------ REC-001


def test_the_example_fills_in_every_required_field(ctx: RenderContext) -> None:
    assert [f for f in run_rules(ctx.hb, DAY) if f.rule == "REC-001"] == []


def test_a_required_field_no_step_fills_in_is_found_at_the_field(data: Path) -> None:
    edit(data / P14, "beskrivelse, pasient-skadet]", "beskrivelse]")
    found = [f for f in run_rules(load_handbook(data), DAY) if f.rule == "REC-001"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.severity) for f in found] == [
        ("F-04.yml", line_of(data / "forms" / "F-04.yml", "- id: pasient-skadet"), "warning")]
    assert "«Er pasienten skadet?»" in found[0].message and "fields: [pasient-skadet]" in found[0].fix
    assert found[0].anchor == "skjema/F-04.md#F-04-pasient-skadet"


def test_a_form_no_step_fills_in_is_not_checked(data: Path) -> None:
    """A handbook that does not yet say which fields its steps fill in gets no finding for it."""
    for name in ("P-02.yml", "P-17.yml"):
        text = (data / "procedures" / name).read_text(encoding="utf-8")
        (data / "procedures" / name).write_text(re.sub(r"    fills:\n      - form: F-10\n        fields: \[[^\]]*\]\n", "",
                                                       text), encoding="utf-8")
    hb = load_handbook(data)
    assert not [s for p in hb.procedures for s in p.steps for r in s.fills if r.form == "F-10"]
    assert [f for f in run_rules(hb, DAY) if f.rule == "REC-001"] == []


# ------------------------------------------------------------------------------------ the procedure page


def test_a_step_shows_the_fields_it_fills_in_each_a_link_to_the_field(ctx: RenderContext) -> None:
    page = procedure_page(ctx, ctx.hb.procs["P-14"])
    first = page.split("\n2. ")[0]
    assert "Fylles ut på F-04: [Mottatt dato](../skjema/F-04.md#F-04-mottatt)" in first
    assert "[Er pasienten skadet?](../skjema/F-04.md#F-04-pasient-skadet)" in first
    assert "[Utstyrsgruppe](../skjema/F-04.md#F-04-utstyrsgruppe)" in first
    # P-15 names the incident clock's own fields.
    p15 = procedure_page(ctx, ctx.hb.procs["P-15"])
    assert "(../skjema/F-06.md#F-06-kjent-dato)" in p15 and "(../skjema/F-06.md#F-06-type)" in p15


def test_mentions_of_procedures_and_forms_in_prose_are_links(ctx: RenderContext) -> None:
    page = procedure_page(ctx, ctx.hb.procs["P-14"])
    assert "startes [P-15](P-15.md) straks" in page
    assert "registreres samme dag på [F-04](../skjema/F-04.md) med" in page
    assert "[P-14](P-14.md)" not in page  # not to itself


def test_mentions_are_escaped_and_only_link_what_the_reader_has(data: Path) -> None:
    edit(data / P14, "P-15 straks; mottaksdatoen er dag 0.",
         "P-15 straks; <b>[x](javascript:alert(1))</b> & LG-2025 & P-14; mottaksdatoen er dag 0.")
    hb = load_handbook(data)
    internal = procedure_page(RenderContext(hb=hb, today=DAY), hb.procs["P-14"])
    assert "&#60;b&#62;&#91;x&#93;(javascript:alert(1))&#60;/b&#62; &amp; " in internal
    assert "[LG-2025](../dokumenter.md#" in internal  # an internal document, for the staff
    inspector = for_inspector(hb)
    shown = procedure_page(RenderContext(hb=inspector, today=DAY, audience="inspector"), inspector.procs["P-14"])
    assert "[P-15](P-15.md)" in shown and "LG-2025" in shown and "[LG-2025]" not in shown


def test_the_vigilance_procedure_and_the_incident_form_say_how_to_report_to_dmp(ctx: RenderContext) -> None:
    p15 = procedure_page(ctx, ctx.hb.procs["P-15"])
    box = p15[p15.index('class="admonition danger hb-dmp"'):p15.index("## Formål")]
    assert "Slik melder du til DMP" in box and "Rapporter straks" in box and "dmp.no" in box
    assert 'hb-mark--unverified' in box and "UVERIFISERT" in box  # the address is not confirmed, and says so
    assert 'href="../skjema/F-06.html"' in box and "NO-MF-000099871" in box and "Marte Haugland" in box
    assert "hb-dmp" not in procedure_page(ctx, ctx.hb.procs["P-14"])
    f06 = form_pages(ctx)[paths.form("F-06")]
    assert "Slik melder du til DMP" in f06 and "UVERIFISERT" in f06
    english = procedure_page(RenderContext(hb=ctx.hb, today=DAY, lang="en"), ctx.hb.procs["P-15"])
    assert "How to report to DMP" in english and "UNVERIFIED" in english and "Fill in on F-06:" in english


# ------------------------------------------------------------------------------------ the form page


def test_the_complaint_form_holds_what_p14_asks_for(ctx: RenderContext) -> None:
    f04 = form_pages(ctx)[paths.form("F-04")]
    groups = re.search(r'<select id="F-04-utstyrsgruppe"[^>]*>(.*?)</select>', f04, re.S)
    assert groups and re.findall(r"<option>([^<]+)</option>", groups.group(1)) == [g.name for g in ctx.hb.device_groups]
    injured = re.search(r'<select id="F-04-pasient-skadet"[^>]*>(.*?)</select>', f04, re.S)
    assert injured and re.findall(r"<option>([^<]+)</option>", injured.group(1)) == ["Nei", "Ja", "Vet ikke"]
    assert 'id="F-04-arbeid"' in f04 and 'id="F-04-undersokelse"' in f04


def test_labels_legends_and_options_are_separate_words_in_the_html(ctx: RenderContext) -> None:
    """Search drops the tags and keeps the text: nothing but whitespace may join two of them."""
    for page in form_pages(ctx).values():
        glued = re.findall(r"</(?:legend|label|option|select|small|span)>(?=<(?:div|input|select|textarea|option|small|label))",
                           page)
        assert glued == [], glued[:3]


def test_the_kind_of_event_starts_with_its_day_count_and_the_full_text_goes_under_it(ctx: RenderContext) -> None:
    f06 = form_pages(ctx)[paths.form("F-06")]
    options = re.findall(r'<option value="(\d+)" data-full="([^"]+)">([^<]+)</option>', f06)
    assert [(v, label) for v, _, label in options] == [
        ("2", "2 dager – alvorlig trussel mot folkehelsen (art. 87(4))"),
        ("10", "10 dager – dødsfall eller uventet alvorlig forverring av helsetilstanden (art. 87(5))"),
        ("15", "15 dager – andre alvorlige hendelser (art. 87(3))")]
    assert options[2][1].startswith("Andre alvorlige hendelser: straks når")
    english = form_pages(RenderContext(hb=ctx.hb, today=DAY, lang="en"))[paths.form("F-06")]
    assert ">15 days – other serious incidents (Art. 87(3))<" in english


def test_the_printed_form_names_the_company_and_the_note_says_where_entries_are_kept(ctx: RenderContext) -> None:
    f04 = form_pages(ctx)[paths.form("F-04")]
    head = re.search(r'<div class="hb-print-head"[^>]*>(.*?)</div>', f04)
    assert head and ctx.hb.company.name in head.group(1) and "F-04 · versjon 2.0" in head.group(1)
    assert f04.index("# Klage og tilbakemelding") < f04.index("hb-print-head")  # MkDocs takes the title from the heading
    assert "bare lagret i denne fanen" in f04 and "til du lukker fanen eller tømmer skjemaet" in f04
    assert "sendes aldri noe sted" in f04 and "blir værende i nettleseren" not in f04


def test_a_form_a_step_only_fills_in_counts_as_a_form_the_step_uses(ctx: RenderContext) -> None:
    """P-14's production manager fills in F-04 without listing it under forms: the role page, the PRRC page and
    traceability still name it."""
    p14 = ctx.hb.procs["P-14"]
    step = next(s for s in p14.steps if s.role == "produksjonsleder" and any(r.form == "F-04" for r in s.fills))
    assert "F-04" not in step.forms and "F-04" in p14.forms
    assert "F-04" in role_page(ctx, ctx.hb.roles["produksjonsleder"])
    assert any("P-14" in line and "F-04" in line for line in traceability_csv(ctx).splitlines())


def test_a_statement_form_with_no_device_group_yet_does_not_break_the_check() -> None:
    """A new company: no device groups, so the statement form (F-13) has no page yet; a step filling it in must
    not crash REC-001, and the finding points at the forms' index."""
    hb = load_handbook(EXAMPLE)
    statement = next(f for f in hb.forms if f.special == "statement")
    assert paths.form_pages(hb, statement)
    step = hb.procedures[0].steps[0]
    fills = step.model_copy(update={"fills": [FieldRecord(form=statement.id, fields=["dato"])]})
    first = hb.procedures[0].model_copy(update={"steps": [fills, *hb.procedures[0].steps[1:]]})
    bare = dataclasses.replace(hb, device_groups=[], gspr={}, procedures=[first, *hb.procedures[1:]])
    assert not paths.form_pages(bare, statement)
    found = [f for f in run_rules(bare, dt.date.fromisoformat(TODAY)) if f.rule == "REC-001" and statement.id in f.message]
    assert all(f.anchor == paths.FORMS for f in found)  # and above all: no IndexError
