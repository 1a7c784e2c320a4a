"""A new PRRC's journey, walked in Chromium from file://: the duties lead to the procedures, the onboarding
checklist lists them with Status and the yearly cycle, Status shows a gap in the QMS as a finding (the data
file behind a closed detail) and twelve months of deadlines with what is overdue first, and "what changed"
shows the method that changed for GSPR 20.1."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Build, check_accessible, new_context, open_visit

pytestmark = pytest.mark.browser

LATER = dt.date(2027, 3, 1)  # the management review (due 2027-02-05) is overdue by then


@pytest.fixture(scope="module")
def gap_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example with ISO 13485 7.3.6 cited by no procedure, built as on 1 March 2027."""
    from tests.build_helpers import copy_project
    from tests.conftest import edit

    project = copy_project(tmp_path_factory.mktemp("journey"))
    edit(project / "data" / "procedures" / "P-09.yml", '["7.3.6", "7.5.1",', '["7.5.1",')
    build = Build(project, project / "site", "--today", LATER.isoformat())
    try:
        yield build.wait()
    finally:
        build.stop()


@pytest.fixture
def page_at(browser: Any) -> Iterator[Any]:
    context = new_context(browser)

    def go(site: Path, path: str) -> Any:
        visit = open_visit(context, site, path)
        visit.check_offline_and_quiet(path)
        return visit.page

    yield go
    context.close()


def test_the_duties_link_to_the_procedures_the_onboarding_checklist_lists(site: Path, page_at: Any) -> None:
    page = page_at(site, "prrc.html")
    duties = page.locator("table", has_text="PRRC skal sørge for")
    linked = sorted(set(re.findall(r"prosedyrer/(P-\d+)\.html",
                                   " ".join(duties.locator("a").evaluate_all("els => els.map(e => e.href)")))))
    assert {"P-07", "P-09", "P-10", "P-14", "P-15"} <= set(linked)
    page.locator("#stedfortreder").scroll_into_view_if_needed()
    deputy = page.locator("table", has_text="Trer inn").first
    assert deputy.is_visible() and "Marte Haugland" in deputy.inner_text() and "PRRC-06" in deputy.inner_text()
    # A duty's procedure opens from the table.
    duties.locator("a[href$='prosedyrer/P-14.html']").first.click()
    page.wait_for_url("**/prosedyrer/P-14.html")
    assert "P-14" in page.inner_text("h1")

    page = page_at(site, "sjekklister/prrc-opplaering.html")
    items = page.locator(".hb-checklist-items li")
    hrefs = " ".join(items.locator("a").evaluate_all("els => els.map(e => e.href)"))
    assert all(f"prosedyrer/{p}.html" in hrefs for p in linked), (linked, hrefs)
    assert "status.html" in hrefs and "sjekklister/arshjul.html" in hrefs and "prrc.html#stedfortreder" in hrefs
    items.filter(has_text="Status-siden").locator("a").first.click()
    page.wait_for_url("**/status.html")
    assert page.inner_text("h1").removesuffix("¶") == "Status"  # the heading, and its link shown on hover


def test_status_shows_the_qms_gap_to_readers_and_keeps_the_data_file_for_the_maintainer(
        gap_site: Path, page_at: Any, axe_source: str) -> None:
    page = page_at(gap_site, "status.html")
    card = page.locator("a.hb-card", has_text="Kvalitetssystemet")
    assert "Bør sees på" in card.inner_text()
    finding = page.locator(".hb-finding", has_text="ISO 13485 7.3.6")
    assert finding.count() == 1 and finding.locator("a").first.is_visible()
    assert "Hvem:" in finding.inner_text()
    detail = finding.locator("details.hb-maintainer")
    assert detail.evaluate("d => d.open") is False
    code = detail.locator("code")
    assert "P-03.yml:" in code.text_content() and not code.is_visible()
    detail.locator("summary").click()
    assert code.is_visible() and "references.iso13485" in detail.inner_text()
    # The intro speaks to readers; the note about `handbook check` is for the maintainer, closed.
    intro = page.locator("article p").first.inner_text()
    assert "handbook check" not in intro
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    check_accessible(page, "status-journey", axe_source)


def test_the_deadlines_cover_twelve_months_with_what_is_overdue_first(gap_site: Path, page_at: Any) -> None:
    page = page_at(gap_site, "status.html")
    timeline = page.locator(".hb-timeline")
    assert timeline.locator(".hb-due-window").inner_text() == "Fra 01.03.2027 til og med 29.02.2028."
    sections = timeline.locator(":scope > section, :scope > details").evaluate_all("els => els.map(e => e.className)")
    assert sections[0] == "hb-due hb-due--overdue" and sections[1] == "hb-due hb-due--key"
    overdue = timeline.locator(".hb-due--overdue")
    assert overdue.is_visible() and "Ledelsens gjennomgang" in overdue.inner_text()
    assert "forfalt for 24 dager siden" in overdue.inner_text()
    dates = [dt.date.fromisoformat(d) for d in timeline.locator("time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))")]
    late = [d for d in dates if d < LATER]
    assert late and all(d <= dt.date(2028, 2, 29) for d in dates)
    assert overdue.locator("time").count() == len(late)  # everything overdue is in the overdue box, marked
    assert overdue.locator(".hb-overdue").count() == len(late)
    # The routine reviews are counted and folded away.
    routine = timeline.locator("details.hb-due--routine")
    summary = routine.locator("summary").inner_text()
    count = int(re.match(r"(\d+) dokumentrevisjoner", summary).group(1))  # type: ignore[union-attr]
    assert count == routine.locator("li").count() > 10
    assert not routine.locator("li").first.is_visible()
    routine.locator("summary").click()
    assert routine.locator("li").first.is_visible()


def test_what_changed_shows_the_method_that_changed_for_gspr_20_1(site: Path, page_at: Any) -> None:
    page = page_at(site, "endringer.html")
    table = page.locator("table", has_text="Kroner og broer 20.1").first
    rows = table.locator("tbody tr")
    texts = rows.evaluate_all("els => els.map(r => [...r.cells].map(c => c.innerText.trim()))")
    start = next(i for i, r in enumerate(texts) if r[0] == "Kroner og broer 20.1")
    fields = texts[start:start + 2]
    assert fields[1][0] == ""  # the method is the second field that changed in the same decision
    assert fields[0][1] == "Standarder"
    assert "EN ISO 22674:2016" in fields[0][2] and "EN ISO 22674:2022" in fields[0][3]
    assert "EN ISO 22674:2022" not in fields[0][2]
    assert fields[1][1].startswith("Metode") and fields[1][2] != fields[1][3]
    assert all(r[2] != r[3] for r in texts)  # no row repeats itself
