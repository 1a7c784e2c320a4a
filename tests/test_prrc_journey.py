"""The new PRRC's journey, rendered without MkDocs: the duties lead to the procedures the onboarding checklist
lists, Status tells readers what is wrong and who acts (the data file only behind a closed detail), the
deadline list covers exactly twelve months with what is overdue first, and "what changed" shows the fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cmd_handbook.derive import paths
from cmd_handbook.derive.calendar import due_dates, overdue_by, window
from cmd_handbook.derive.checklists import onboarding_checklist, yearly_checklist
from cmd_handbook.derive.releases import lock_of, row_changes, split_method
from cmd_handbook.load import load_handbook
from cmd_handbook.render.changes import changes_page
from cmd_handbook.render.company import prrc_appointments, prrc_duties, prrc_tools
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.dashboard import status_page
from cmd_handbook.rules import run_rules

from .conftest import EXAMPLE, TODAY, edit

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext(hb=load_handbook(EXAMPLE), today=DAY)


def visible_text(html: str) -> str:
    """What a reader sees without opening anything: closed <details> bodies and tags removed."""
    html = re.sub(r"<details[^>]*>\s*<summary>(.*?)</summary>.*?</details>", r"\1", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# --- duties → procedures → onboarding ----------------------------------------------------------------------

def test_onboarding_lists_every_procedure_the_prrc_page_maps_to_a_duty(ctx: RenderContext) -> None:
    on_prrc_page = set(re.findall(r"\[(P-\d+) ", prrc_duties(ctx.at(paths.PRRC))))
    assert {"P-07", "P-10", "P-14", "P-09", "P-15"} <= on_prrc_page
    checklist = onboarding_checklist(ctx.hb, "nb")
    listed = {i.procedure for i in checklist.items if i.id.startswith("prosedyre-")}
    assert on_prrc_page <= listed
    p14 = next(i for i in checklist.items if i.procedure == "P-14")
    assert p14.requirement == "MDR Art. 15(3)(c)"  # the duty it discharges is named
    pages = [i.page for i in checklist.items]
    assert paths.STATUS in pages and paths.checklist("arshjul") in pages and "prrc.md#stedfortreder" in pages


def test_the_inspectors_onboarding_does_not_point_at_the_intranets_status_page(ctx: RenderContext) -> None:
    checklist = onboarding_checklist(ctx.hb, "nb", internal=False)
    assert paths.STATUS not in [i.page for i in checklist.items]
    assert paths.STATUS not in prrc_tools(RenderContext(hb=ctx.hb, today=DAY, audience="inspector", here=paths.PRRC))


def test_the_prrc_page_shows_the_deputys_qualification_and_when_the_deputy_stands_in(ctx: RenderContext) -> None:
    page = prrc_appointments(ctx.at(paths.PRRC))
    deputy = page[page.index("{ #stedfortreder }"):]
    assert "Marte Haugland" in deputy and "PRRC-06" in deputy
    assert "Trer inn når PRRC er borte" in deputy and "Individuelt tilpasset utstyr" in deputy


def test_a_deputy_with_nothing_documented_shows_the_gaps(data: Path) -> None:
    path = data / "prrc.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("    deputy:")] + "    deputy: marte-haugland\n", encoding="utf-8")
    page = prrc_appointments(RenderContext(hb=load_handbook(data), today=DAY, here=paths.PRRC))
    deputy = page[page.index("{ #stedfortreder }"):]
    assert deputy.count("Ikke dokumentert") == 3  # qualification, evidence, when the deputy stands in


# --- Status: findings for readers, the data file for the maintainer --------------------------------------

def test_status_shows_the_qms_gap_as_a_finding_with_who_acts_and_hides_the_data_file(data: Path) -> None:
    edit(data / "procedures" / "P-09.yml", '["7.3.6", "7.5.1",', '["7.5.1",')
    hb = load_handbook(data)
    html = status_page(RenderContext(hb=hb, today=DAY), run_rules(hb, today=DAY))
    card = re.search(r'<a class="hb-card hb-card--(\w+)" href="#omrade-qms">.*?</a>', html)
    assert card and card.group(1) == "warning" and "Bør sees på" in card.group(0)
    seen = visible_text(html)
    assert "ISO 13485 7.3.6 (Verifisering)" in seen
    assert "Hvem:" in seen and "Marte Haugland" in seen  # the owner of P-03, where the clause belongs
    # The maintainer's part is there, but only inside a closed detail.
    for maintainer_text in ("P-03.yml:", "references.iso13485", "QMS-002", "handbook check", "status: effective"):
        assert maintainer_text in html and maintainer_text not in seen, maintainer_text
    assert "<details open" not in html


def test_every_finding_names_who_acts(ctx: RenderContext) -> None:
    findings = run_rules(ctx.hb, today=DAY)
    html = status_page(ctx, findings)
    assert html.count('class="hb-finding hb-finding--') == len(findings) == html.count("Hvem:")


# --- deadlines: exactly twelve months, overdue first, routine reviews folded ------------------------------

def test_the_window_is_exactly_twelve_months() -> None:
    assert window(dt.date(2026, 12, 1)) == (dt.date(2026, 12, 1), dt.date(2027, 11, 30))
    assert window(dt.date(2024, 2, 29)) == (dt.date(2024, 2, 29), dt.date(2025, 2, 27))
    assert overdue_by(dt.date(2026, 10, 15), dt.date(2026, 12, 1)) == (1, 16)
    assert overdue_by(dt.date(2026, 11, 30), dt.date(2026, 12, 1)) == (0, 1)


def test_a_due_date_on_the_last_day_is_in_and_the_day_after_is_out(data: Path) -> None:
    edit(data / "company.yml", "    last: 2026-02-05\n", "    last: 2026-11-30\n")  # management review, every 12
    hb = load_handbook(data)
    assert "management-review" in {d.kind for d in due_dates(hb, DAY)}  # due 2027-11-30: the window's last day
    assert "management-review" not in {d.kind for d in due_dates(hb, DAY - dt.timedelta(days=1))}
    assert all(d.date <= dt.date(2027, 11, 30) for d in due_dates(hb, DAY))


def test_status_lists_overdue_first_then_key_dates_then_folded_reviews() -> None:
    later = dt.date(2027, 3, 1)
    hb = load_handbook(EXAMPLE)
    html = status_page(RenderContext(hb=hb, today=later), run_rules(hb, today=later))
    section = html[html.index("Frister de neste tolv månedene"):html.index("Funn per område")]
    assert "Fra 01.03.2027 til og med 29.02.2028." in section
    overdue = section[section.index("hb-due--overdue"):section.index("hb-due--key")]
    assert "Ledelsens gjennomgang" in overdue and "forfalt for 24 dager siden" in overdue
    assert "Revurdering av leverandører" in overdue and "forfalt for 1 måned siden" in overdue
    key = section[section.index("hb-due--key"):section.index("hb-due--routine")]
    assert "Internrevisjon" in key and "PRRC-04" in key and "Revisjon av" not in key
    dues = due_dates(hb, later)
    routine = [d for d in dues if not d.key and not d.overdue(later)]
    folded = section[section.index('<details class="hb-due hb-due--routine">'):]
    assert f"<summary>{len(routine)} dokumentrevisjoner</summary>" in folded
    assert all(d.date.isoformat() in folded for d in routine)
    assert max(d.date for d in dues) <= dt.date(2028, 2, 29)


def test_a_certificate_expiring_within_the_year_is_a_key_date(data: Path) -> None:
    edit(data / "company.yml", "qms_cycle:\n", "notified_body_certificates:\n  - body: Nemko Presafe AS\n"
         "    number: NB-2291-17\n    route: annex-ix-chapter-i\n    valid_until: 2027-06-30\n\nqms_cycle:\n")
    hb = load_handbook(data)
    [cert] = [d for d in due_dates(hb, DAY) if d.kind == "certificate"]
    assert cert.key and cert.date == dt.date(2027, 6, 30) and "NB-2291-17" in cert.nb
    html = status_page(RenderContext(hb=hb, today=DAY), [])
    key = html[html.index("hb-due--key"):html.index("hb-due--routine")]
    assert "Sertifikatet fra Nemko Presafe AS (NB-2291-17) utløper" in key


def test_the_yearly_checklist_puts_overdue_and_key_dates_first() -> None:
    later = dt.date(2027, 3, 1)
    items = yearly_checklist(load_handbook(EXAMPLE), later, "nb").items
    assert items[0].text.startswith("FORFALT 20.01.2027") and items[1].text.startswith("FORFALT 05.02.2027")
    first_review = next(i for i, item in enumerate(items) if "Revisjon av" in item.text)
    assert all("Revisjon av" in item.text for item in items[first_review:] if not item.id.startswith("pms-rapport"))


# --- what changed, field by field ------------------------------------------------------------------------

def test_the_method_is_split_into_standards_and_description() -> None:
    known = {"en-iso-22674-2022"}
    assert split_method("en-iso-22674-2022; iso-6872-2024; Bruddstyrke; EN ISO 22674 for CoCr", known) == (
        ["en-iso-22674-2022", "iso-6872-2024"], "Bruddstyrke; EN ISO 22674 for CoCr")
    assert split_method("", known) == ([], "")


def test_a_changed_method_shows_its_standards_before_and_after(ctx: RenderContext) -> None:
    old = ctx.hb.locks["2026.1"].gspr["kroner-broer"]["20.1"]
    new = lock_of(ctx.hb).gspr["kroner-broer"]["20.1"]
    changes = {c.field: c for c in row_changes(old, new, set(ctx.hb.references))}
    assert set(changes) == {"standards", "method"}  # only the fields that differ
    assert changes["standards"].before == ("en-iso-22674-2016",)
    assert changes["standards"].after == ("en-iso-22674-2022", "iso-6872-2024")
    page = changes_page(ctx)
    row = next(line for line in page.splitlines() if "Kroner og broer 20.1" in line)
    assert "EN ISO 22674:2016" in row and "EN ISO 22674:2022" in row
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] != cells[3]  # before and after differ, as every row of the table does


def test_no_changes_table_row_has_the_same_text_before_and_after(ctx: RenderContext) -> None:
    page = changes_page(ctx)
    rows = []
    for block in page.split("### GSPR-vurderinger")[1:]:
        table = block.split("\n\n")[2]  # heading, note, table
        rows += table.splitlines()[2:]
    assert len(rows) > 10
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert len(cells) == 4 and cells[2] != cells[3], line


def test_a_point_given_a_row_of_its_own_was_following_its_requirement_before(ctx: RenderContext) -> None:
    """Release 2026.2 gave 10.4.1(a) and (b) rows of their own; in 2026.1 they followed 10.4.1, which was decided.
    "Hva er endret" says so, instead of "ikke vurdert" (which an inspector reads as: never assessed)."""
    page = changes_page(ctx)
    rows = [line for line in page.splitlines() if "10.4.1(a)" in line and "Relevant" in line]
    assert rows, "10.4.1(a) is not among the changes"
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[2] == "som 10.4.1", line
    assert "ikke vurdert" not in page.split("### GSPR-vurderinger")[-1]
    # Documents are named as well as numbered.
    assert re.search(r"\[KB-16 [^\]]+\]", page), "a new document without its title"


def test_status_counts_read_as_numbers_do(ctx: RenderContext) -> None:
    from cmd_handbook.render.dashboard import counted

    assert [counted(ctx, "warning", n) for n in (1, 5)] == ["1 advarsel", "5 advarsler"]
    assert [counted(ctx, "notice", n) for n in (1, 2)] == ["1 merknad", "2 merknader"]
    english = RenderContext(hb=ctx.hb, lang="en", today=DAY)
    assert [counted(english, "error", n) for n in (1, 13)] == ["1 error", "13 errors"]


def test_unreleased_changes_are_not_shown_as_part_of_the_last_release(data: Path) -> None:
    """The newest release is compared lock with lock; what the data says since then is 'Ikke utgitt ennå', on the
    intranet only (an inspector's snapshot is a release)."""
    from cmd_handbook.audience import for_inspector

    hb = load_handbook(data)
    assert "Ikke utgitt ennå" not in changes_page(RenderContext(hb=hb, today=DAY))  # the example is released
    edit(data / "gspr" / "kroner-broer.yml", '{document: KB-12, section: "Merketekst"}',
         '{document: KB-12, section: "Etikett"}')
    hb = load_handbook(data)
    page = changes_page(RenderContext(hb=hb, today=DAY))
    pending, _, released = page.partition("## Versjon 2026.2")
    assert "## Ikke utgitt ennå" in pending and "Etikett" in pending
    assert "Etikett" not in released
    snapshot = changes_page(RenderContext(hb=for_inspector(hb), today=DAY, audience="inspector"))
    assert "Ikke utgitt ennå" not in snapshot and "Etikett" not in snapshot
