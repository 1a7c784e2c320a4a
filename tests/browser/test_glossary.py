"""Glossary tooltips in Chromium, from file://: a term is underlined once per page, where the text first uses it,
and its explanation can be read with a mouse, a finger or the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Visit, new_context, open_visit
from .test_search import procedure

pytestmark = pytest.mark.browser

TERMS = "article abbr[title]"
BOX = "#hb-term-tip"


@pytest.fixture(scope="module")
def incidents(browser: Any, site: Path) -> Iterator[Visit]:
    """The serious-incidents procedure: the page the walk-through found with 40 underlined terms."""
    context = new_context(browser)
    yield open_visit(context, site, procedure("Alvorlige hendelser"))
    context.close()


def marks(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(TERMS, """els => els.map(el => ({
        text: el.textContent, term: el.title.split(':')[0], title: el.title,
        inside: el.parentElement.closest('h1, h2, h3, h4, h5, h6, th, a, nav, code, pre, label, button') ?
                el.parentElement.closest('h1, h2, h3, h4, h5, h6, th, a, nav, code, pre, label, button').tagName : ''}))""")


def test_each_term_is_underlined_once_and_never_in_a_heading(incidents: Visit) -> None:
    found = marks(incidents.page)
    terms = [m["term"] for m in found]
    assert found, "the procedure should mark the glossary terms it uses"
    assert len(terms) == len(set(terms)), f"a term is underlined more than once: {sorted(terms)}"
    assert not [m for m in found if m["inside"]], f"terms marked inside headings, links or the like: {found}"
    words = len(incidents.page.inner_text("article").split())
    assert len(found) <= words // 40, f"{len(found)} underlined terms in {words} words: too many"
    assert incidents.page.locator("article h1 abbr, article h2 abbr").count() == 0
    assert not incidents.problems(), incidents.problems()


def test_serious_incidents_get_the_serious_incident_definition(incidents: Visit) -> None:
    found = {m["text"].lower(): m for m in marks(incidents.page)}
    serious = found.get("alvorlige hendelser")
    assert serious, f"'alvorlige hendelser' is not marked; marked: {sorted(found)}"
    assert serious["term"] == "alvorlig hendelse", serious
    assert "dødsfall" in serious["title"] and "MDR art. 2(65)" in serious["title"], serious


def test_the_glossary_page_itself_has_no_tooltips(browser: Any, site: Path) -> None:
    context = new_context(browser)
    visit = open_visit(context, site, "ordliste.html")
    assert visit.page.locator(TERMS).count() == 0
    context.close()


def test_a_tap_on_a_phone_shows_the_explanation(browser: Any, site: Path) -> None:
    context = browser.new_context(locale="nb-NO", service_workers="block", viewport={"width": 390, "height": 844},
                                  has_touch=True, is_mobile=True)
    context.route(lambda url: not url.startswith(("file:", "data:", "blob:", "about:")), lambda route: route.abort())
    visit = open_visit(context, site, procedure("Alvorlige hendelser"))
    page = visit.page
    term = page.locator(TERMS).filter(has_text="alvorlige hendelser").first.element_handle()
    title = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    box = page.locator(BOX)
    assert box.is_visible(), "tapping a term should show its explanation"
    assert box.inner_text() == title
    shown = box.bounding_box()
    assert shown and shown["x"] >= 0 and shown["x"] + shown["width"] <= 390, f"the box runs off the screen: {shown}"
    term_box = term.bounding_box()
    assert term_box and shown["y"] >= term_box["y"] + term_box["height"] - 1, "the box should open under the term"
    page.locator("article p").first.tap()
    assert not box.is_visible(), "tapping elsewhere should hide the explanation"
    assert term.get_attribute("title") == title, "the term keeps its tooltip for the next time"
    assert not visit.problems(), visit.problems()
    context.close()


def test_the_keyboard_reaches_a_term_and_escape_closes_it(incidents: Visit) -> None:
    page = incidents.page
    first = page.locator(TERMS).first
    title = first.get_attribute("title")
    first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # reached by the keyboard, not by a script
    box = page.locator(BOX)
    assert box.is_visible() and box.inner_text() == title
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == "hb-term-tip"
    page.keyboard.press("Escape")
    assert not box.is_visible()
    assert first.get_attribute("title") == title


def test_the_search_index_keeps_the_terms_and_not_the_tooltips(site: Path) -> None:
    """Search reads the page text: the marked words stay in it, the definitions (attribute text) do not."""
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    purpose = next(d for d in docs if d["location"] == procedure("Alvorlige hendelser") + "#formal")
    assert "alvorlige hendelser" in purpose["text"]
    leaked = [d["location"] for d in docs if "<abbr" in d["text"]
              or ("Enhver funksjonsfeil" in d["text"] and not d["location"].startswith("ordliste"))]
    assert not leaked, f"tooltip markup or definitions in the search index: {leaked[:5]}"
