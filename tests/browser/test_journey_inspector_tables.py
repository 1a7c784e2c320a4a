"""An inspector reads the big tables, in Chromium from file://, on a laptop (1366 px) and on a phone (390 px).

The GSPR matrix reads as cards on the phone (nothing wider than the screen, every cell headed by its column) and,
on the laptop, scrolls with the page under a header row that stays in view. The document register and the
traceability page are filtered by typing and choosing, and say how many rows they show; a link to a register row
opens its group. No serious accessibility problem in the cards or in the open groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import LOCAL_SCHEMES, Visit, check_accessible, open_visit

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
GSPR = "gspr/kroner-broer.html"
REGISTER = "dokumenter.html"
TRACE = "sporbarhet.html"

Open = Callable[..., Visit]


@pytest.fixture
def open_at(browser: Any) -> Iterator[Open]:
    """``open_at(site, path, PHONE)``: the page opened from file:// in a fresh context of that viewport."""
    contexts: list[Any] = []

    def open_(site: Path, path: str, viewport: dict[str, int], fragment: str = "") -> Visit:
        context = browser.new_context(viewport=viewport, locale="nb-NO", service_workers="block")
        context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
        contexts.append(context)
        visit = open_visit(context, site, path)
        if fragment:
            visit.page.goto(visit.url + "#" + fragment)
            visit.page.wait_for_timeout(100)
        return visit

    yield open_
    for context in contexts:
        context.close()


def shown_rows(page: Any, selector: str = "tr[data-hb-row]") -> list[dict[str, str]]:
    return page.eval_on_selector_all(selector, """rows => rows.filter(r => r.offsetParent !== null)
        .map(r => ({id: r.id, text: r.textContent, kind: r.dataset.kind || '', group: r.dataset.group || '',
                    part: r.dataset.part || ''}))""")


def count_says(page: Any, text: str) -> None:
    page.wait_for_function("t => document.querySelector('[data-hb-count]').textContent === t", arg=text, timeout=3000)


# ---------------------------------------------------------------------------------------------- GSPR matrix


def test_gspr_matrix_on_a_phone_is_cards_no_wider_than_the_screen(site: Path, open_at: Open, axe_source: str) -> None:
    visit = open_at(site, GSPR, PHONE)
    page = visit.page
    widths = page.evaluate("""() => {
        const wrap = document.querySelector('.hb-gspr-wrap');
        // The column headings are clipped to 1 px (checked below): what they hold is not drawn.
        const wide = [...wrap.querySelectorAll('*')].filter(e => !e.closest('thead')).filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > innerWidth || r.right > innerWidth + 0.5;
        }).map(e => e.outerHTML.slice(0, 80));
        return {page: document.scrollingElement.scrollWidth, viewport: innerWidth, wide};
    }""")
    assert widths["page"] <= widths["viewport"] and not widths["wide"], widths
    cards = page.evaluate("""() => [...document.querySelectorAll('tr[id^="gspr-"]')].map(tr => {
        const cells = [...tr.querySelectorAll('td')];
        return {display: getComputedStyle(tr).display,
                labels: cells.filter(td => td.offsetHeight > 0).map(td => getComputedStyle(td, '::before').content)};
    })""")
    assert len(cards) > 150
    for card in cards:
        assert card["display"] == "block", card
        assert '"Metode/standard: "' in card["labels"] and '"Referanse: "' in card["labels"], card
    # The column headings are still there for a screen reader, only not drawn.
    assert page.eval_on_selector("table.hb-gspr thead", "e => e.getBoundingClientRect().width") <= 1
    # The filter still filters, and says how many rows it shows.
    page.click("button[data-filter=applicable]")
    shown = page.locator("tr[data-state]:visible")
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.state)")) == {"applicable"}
    assert page.inner_text(".hb-gspr-filter [data-hb-count]") == f"Viser {shown.count()} av {len(cards)} krav og punkter."
    page.click("button[data-filter=all]")
    visit.check_offline_and_quiet("gspr-matrix-phone")  # before axe, whose stylesheet reads file:// refuses
    check_accessible(page, "gspr-matrix-phone", axe_source)


def test_gspr_matrix_on_a_laptop_scrolls_with_the_page_under_a_sticky_header_row(site: Path, open_at: Open) -> None:
    page = open_at(site, GSPR, LAPTOP).page
    boxes = page.evaluate("""() => {
        const out = [];
        for (let e = document.querySelector('table.hb-gspr').parentElement; e && e !== document.body; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX)) out.push(e.className + ' ' + s.overflowY);
        }
        return out;
    }""")
    assert boxes == [], f"the matrix sits in a scroll box: {boxes}"
    assert page.evaluate("document.scrollingElement.scrollHeight") > 5 * LAPTOP["height"]  # the page scrolls
    assert page.evaluate("document.scrollingElement.scrollWidth") <= LAPTOP["width"]
    page.evaluate("() => window.scrollTo(0, document.querySelector('#gspr-10\\\\.4\\\\.1').offsetTop)")
    page.wait_for_timeout(100)
    header = page.evaluate("""() => {
        const bar = document.querySelector('.md-header').getBoundingClientRect();
        const th = document.querySelector('table.hb-gspr thead th:nth-child(4)').getBoundingClientRect();
        const hit = document.elementFromPoint(th.left + th.width / 2, th.top + th.height / 2);
        return {scrolled: scrollY, bar: bar.bottom, top: th.top, seen: !!(hit && hit.closest('thead')), text: hit && hit.textContent};
    }""")
    assert header["scrolled"] > 2000, header
    assert abs(header["top"] - header["bar"]) <= 1 and header["seen"], header
    assert header["text"] == "Metode/standard"


# ---------------------------------------------------------------------------------------------- register


def test_register_filter_narrows_to_a_typed_id_or_title_and_says_how_many(site: Path, open_at: Open) -> None:
    visit = open_at(site, REGISTER, LAPTOP)
    page = visit.page
    total = page.locator("tr[data-hb-row]").count()
    assert page.inner_text("[data-hb-count]") == f"Alle {total} dokumenter"
    page.fill("[data-hb-text]", "KB-06")
    rows = shown_rows(page)
    assert "doc-kb-06" in [r["id"] for r in rows] and all("KB-06" in r["text"] for r in rows), rows
    count_says(page, f"Viser {len(rows)} av {total} dokumenter")
    assert page.get_attribute("[data-hb-count]", "role") == "status"
    page.fill("[data-hb-text]", "risikostyringsrapport kroner")
    assert [r["id"] for r in shown_rows(page)] == ["doc-kb-06"]
    count_says(page, f"Viser 1 av {total} dokumenter")
    # Groups without a match are hidden; the one with it is open and says how many it shows.
    groups = page.eval_on_selector_all("details[data-hb-group]", "gs => gs.map(g => [g.id, g.hidden, g.open])")
    assert [g for g in groups if not g[1]] == [["reg-group-kroner-broer", False, True]], groups
    assert page.inner_text("#reg-group-kroner-broer [data-hb-group-count]") == "1 av 16"
    # Kind and device group: every row shown has them, and all such rows are shown.
    page.fill("[data-hb-text]", "")
    page.select_option("select[data-hb-key=kind]", "form")
    rows = shown_rows(page)
    assert rows and {r["kind"] for r in rows} == {"form"}
    assert len(rows) == page.locator("tr[data-hb-row][data-kind=form]").count()
    page.select_option("select[data-hb-key=kind]", "")
    page.select_option("select[data-hb-key=group]", "bittskinner")
    rows = shown_rows(page)
    assert rows and {r["group"] for r in rows} == {"bittskinner"}
    page.select_option("select[data-hb-key=group]", "")
    count_says(page, f"Alle {total} dokumenter")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= LAPTOP["width"]
    visit.check_offline_and_quiet("register")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_link_to_a_register_row_opens_its_group_and_shows_the_row(site: Path, open_at: Open,
                                                                   viewport: dict[str, int]) -> None:
    page = open_at(site, REGISTER, viewport, fragment="doc-kb-06").page
    row = page.evaluate("""() => {
        const r = document.getElementById('doc-kb-06').getBoundingClientRect();
        return {open: document.getElementById('doc-kb-06').closest('details').open, top: r.top, bottom: r.bottom,
                header: document.querySelector('.md-header').getBoundingClientRect().bottom};
    }""")
    assert row["open"] and row["header"] <= row["top"] < viewport["height"], row


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_register_fits_and_is_accessible_with_every_group_open(site: Path, open_at: Open, axe_source: str,
                                                               viewport: dict[str, int]) -> None:
    page = open_at(site, REGISTER, viewport).page
    page.click("[data-hb-toggle]")
    assert page.eval_on_selector_all("details[data-hb-group]", "gs => gs.every(g => g.open)")
    assert page.get_attribute("[data-hb-toggle]", "aria-expanded") == "true"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    cut = page.evaluate("""() => [...document.querySelectorAll('table.hb-table')].filter(t => {
        const box = t.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
        return r.right > box.right + 0.5 || r.width > innerWidth; }).length""")
    assert cut == 0, "a register table is wider than its column"
    if viewport == PHONE:  # the cards; the laptop's open tables are checked on the traceability page (same markup)
        check_accessible(page, "register-phone", axe_source)


# ---------------------------------------------------------------------------------------------- traceability


def test_traceability_shows_titles_beside_ids_and_its_filter_works(site: Path, open_at: Open, axe_source: str) -> None:
    visit = open_at(site, TRACE, LAPTOP)
    page = visit.page
    total = page.locator("tr[data-hb-row]").count()
    page.fill("[data-hb-text]", "10(9)(k)")
    rows = shown_rows(page)
    requirement = next(r["text"] for r in rows if r["part"] == "mdr-article")
    assert "Alvorlige hendelser" in requirement and "P-15" in requirement, requirement  # the element's title, the procedure's
    count_says(page, f"Viser {len(rows)} av {total} rader")
    # By source: only ISO 13485 clauses.
    page.fill("[data-hb-text]", "")
    page.select_option("select[data-hb-key=part]", "iso")
    rows = shown_rows(page)
    assert rows and {r["part"] for r in rows} == {"iso"} and all(r["text"].startswith("ISO 13485:2016") for r in rows)
    # A form: the procedure that uses it, with the form's title, and the form's own row with what it proves.
    page.select_option("select[data-hb-key=part]", "")
    page.fill("[data-hb-text]", "F-06")
    rows = shown_rows(page)
    procs = [r["text"] for r in rows if r["part"] == "procedures"]
    assert any(p.startswith("P-15 Alvorlige hendelser") for p in procs), procs
    assert all("F-06 Intern vurdering og melding av alvorlig hendelse" in p for p in procs), procs
    assert any(r["part"] == "documents" and r["text"].startswith("F-06") for r in rows)
    page.fill("[data-hb-text]", "")
    page.click("[data-hb-toggle]")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= LAPTOP["width"]
    visit.check_offline_and_quiet("traceability")  # before axe, whose stylesheet reads file:// refuses
    check_accessible(page, "traceability-laptop", axe_source)


def test_traceability_on_a_phone_is_cards_that_fit(site: Path, open_at: Open) -> None:
    page = open_at(site, TRACE, PHONE).page
    page.click("[data-hb-toggle]")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    labels = page.eval_on_selector("tr[data-part=procedures] td:nth-child(4)", "td => getComputedStyle(td, '::before').content")
    assert labels == '"Bevis: "'


# ---------------------------------------------------------------------------------------------- document control


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("path", ["prosedyrer/P-09.html", "skjema/F-06.html"])
def test_document_control_fits_its_column(site: Path, open_at: Open, viewport: dict[str, int], path: str) -> None:
    page = open_at(site, path, viewport).page
    fit = page.evaluate("""() => {
        const block = document.querySelector('.hb-doc-control'), column = block.parentElement.getBoundingClientRect();
        const out = [...block.querySelectorAll('dt, dd')].filter(e => e.getBoundingClientRect().right > column.right + 0.5);
        return {block: block.getBoundingClientRect().right <= column.right + 0.5, out: out.map(e => e.textContent),
                labels: [...block.querySelectorAll('dt')].map(e => e.textContent)};
    }""")
    assert fit["block"] and not fit["out"], fit
    assert "Neste revisjon" in fit["labels"] and "Godkjent av" in fit["labels"]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("path", ["virksomheten.html", "prrc.html"])
def test_people_and_experience_tables_fit_their_column(site: Path, open_at: Open, viewport: dict[str, int],
                                                       path: str) -> None:
    """Who holds which role, with e-mail and internal note on the intranet, and the PRRC's experience: no column
    hidden behind a sideways scroll at 1366 px, a card per row on a phone."""
    page = open_at(site, path, viewport).page
    wide = page.evaluate("""() => [...document.querySelectorAll('article table.hb-table')]
        .filter(t => t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 0.5
                     || t.scrollWidth > t.clientWidth + 1)
        .map(t => t.querySelector('th').textContent)""")
    assert page.evaluate("document.querySelectorAll('article table.hb-table').length") >= 1
    assert not wide, wide
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
