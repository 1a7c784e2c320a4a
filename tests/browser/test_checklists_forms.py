"""Checklists, forms, the incident clock and the GSPR filter, used as a person would, in Chromium from file://."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, pdf_text
from .test_incident_clock import spelled

pytestmark = pytest.mark.browser

RELEASE = "sjekklister/frigivelse.html"


def boxes(page: Any, checklist: str = ".hb-checklist") -> list[bool]:
    return page.eval_on_selector_all(f"{checklist} input.hb-checklist-box", "els => els.map(e => e.checked)")


def done(page: Any) -> str:
    return page.inner_text(".hb-checklist >> nth=0 >> .hb-checklist-done")


def test_ticks_survive_a_reload_and_start_again_clears_them(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(site, RELEASE)
    page = visit.page
    first = page.locator(".hb-checklist").first
    first.locator("input.hb-checklist-box").nth(0).check()
    first.locator("input.hb-checklist-box").nth(2).check()
    assert done(page) == "2"
    page.reload()
    first = page.locator(".hb-checklist").first
    assert [first.locator("input.hb-checklist-box").nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert done(page) == "2"
    first.locator(".hb-checklist-reset").click()
    assert not any(boxes(page, ".hb-checklist >> nth=0")) and done(page) == "0"
    page.reload()
    assert done(page) == "0"
    visit.check_offline_and_quiet("checklist")


def test_state_is_keyed_by_checklist_and_version_so_a_new_version_starts_clean(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site, RELEASE).page
    first = page.locator(".hb-checklist").first
    checklist_id, version = first.get_attribute("data-checklist"), first.get_attribute("data-version")
    first.locator("input.hb-checklist-box").first.check()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert any(k.endswith(f":{checklist_id}:{version}") for k in keys), keys
    # Ticks stored for an older version of the same list do not carry over.
    page.evaluate("""([id, items]) => {
        const key = Object.keys(localStorage).find(k => k.includes(':' + id + ':'));
        localStorage.removeItem(key);
        localStorage.setItem(key.replace(/:[^:]+$/, ':auto-00000000'), JSON.stringify(Object.fromEntries(items.map(i => [i, true]))));
    }""", [checklist_id, first.locator("li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")])
    page.reload()
    assert done(page) == "0"


def test_ticks_survive_a_restart_of_the_browser(site: Path, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "profile"
    url = (site / RELEASE).as_uri()
    for round_ in range(2):
        context = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = context.new_page()
        page.goto(url)
        if round_ == 0:
            page.locator(".hb-checklist").first.locator("input.hb-checklist-box").nth(1).check()
        else:
            assert page.locator(".hb-checklist").first.locator("input.hb-checklist-box").nth(1).is_checked()
            assert done(page) == "1"
        context.close()


def test_the_page_says_ticks_are_a_working_aid_not_a_record(site: Path) -> None:
    html = (site / RELEASE).read_text(encoding="utf-8")
    assert "ikke en registrering" in html


@pytest.mark.parametrize("aware, kind, deadline", [
    ("2026-03-10", "15", "2026-03-25"),
    ("2026-01-30", "2", "2026-02-01"),   # over a month end
    ("2026-01-31", "15", "2026-02-15"),  # from the last day of a month
    ("2028-02-20", "10", "2028-03-01"),  # leap year
    ("2026-12-25", "10", "2027-01-04"),  # over a year end
])
def test_incident_clock_gives_the_latest_reporting_date(site: Path, open_page, aware: str, kind: str,  # type: ignore[no-untyped-def]
                                                      deadline: str) -> None:
    page = open_page(site, "skjema/F-06.html").page
    page.fill(".hb-clock-aware", aware)
    page.select_option(".hb-clock-kind", kind)
    result = page.locator(".hb-clock-result")
    assert result.get_attribute("data-deadline") == deadline
    assert spelled(deadline) in result.inner_text() and "Siste frist" in result.inner_text()


def test_a_filled_in_form_prints_to_a4_with_the_controlled_footer(site: Path, open_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(site, "skjema/F-04.html")
    page = visit.page
    page.fill("#F-04-fra", "Tannlege Ola Nordmann, Fjordklinikken")
    page.fill("#F-04-beskrivelse", "Kronen løsnet etter to uker.")
    footer = page.inner_text(".hb-form-footer")
    assert re.fullmatch(r"F-04 · versjon \S+ · gjelder fra \d\d\.\d\d\.\d{4}", footer.strip()), footer
    text, info, pages = pdf_text(page.pdf(prefer_css_page_size=True), tmp_path)
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    assert "Fjordklinikken" in text and "Kronen løsnet" in text
    assert text.count(footer.strip()) == pages
    for n in range(1, pages + 1):
        assert f"Side {n} av {pages}" in text
    assert "Skriv ut" not in text  # the buttons are not on paper
    visit.check_offline_and_quiet("form")


def test_a_checklist_prints_with_real_boxes(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site, RELEASE).page
    page.emulate_media(media="print")
    style = page.eval_on_selector(".hb-checklist input.hb-checklist-box",
                                  "e => { const s = getComputedStyle(e); return [s.appearance, s.borderTopWidth, s.borderTopStyle] }")
    assert style[0] == "none" and style[1] != "0px" and style[2] == "solid"
    assert not page.is_visible(".hb-checklist-reset")


def test_gspr_filter_shows_only_the_chosen_rows(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site, "gspr/avtakbare-proteser.html").page
    all_rows = page.locator("tbody tr[data-state]").count()
    page.click("button[data-filter=not-fully-met]")
    shown = page.locator("tbody tr[data-state]:visible")
    assert 0 < shown.count() < all_rows
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.notmet)")) == {"1"}
    assert page.get_attribute("button[data-filter=not-fully-met]", "aria-pressed") == "true"
    page.click("button[data-filter=all]")
    assert page.locator("tbody tr[data-state]:visible").count() == all_rows
