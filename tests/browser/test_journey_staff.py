"""The staff journey, in Chromium from file://, as a person walks it.

A technician with a broken crown searches for the complaint procedure, follows it to the complaint form,
fills it in, reloads (nothing lost), clears it (asked first) and prints it (one A4 sheet with the company's
name). A lab facing a serious incident goes from the complaint procedure to the vigilance procedure and the
incident form: report immediately is the headline, the dates come second, and how to reach DMP is on both.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cmd_handbook.load import load_handbook
from cmd_handbook.model.forms import Form
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.forms import form_page

from ..conftest import EXAMPLE
from .conftest import pdf_text

pytestmark = pytest.mark.browser

COMPANY = "Vestbrygge Tannteknikk AS"
FILLED = {  # F-04, as the order office fills it in when the dentist calls about a broken crown
    "#F-04-mottatt": "2026-11-30",
    "#F-04-fra": "Tannlege Ola Nordmann, Fjordklinikken",
    "#F-04-arbeid": "ORD-2026-1187",
    "#F-04-beskrivelse": "Kronen på 21 sprakk etter tre uker.",
    "#F-04-undersokelse": "Journal og materiallot kontrollert.",
    "#F-04-lukket": "Marte Haugland",
}


def offline_and_quiet(visit: Any) -> None:
    """Nothing asked for outside the site and no error, over the whole walk (a request cut short because the
    walker moved on to the next page is not a failure)."""
    failed = [f for f in visit.failed if "ERR_ABORTED" not in f]
    assert not visit.external_requests() and not visit.errors and not failed, visit.problems()


def entries(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('form.hb-form [id]')]
        .filter(e => ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName))
        .map(e => ['#' + e.id, e.type === 'checkbox' ? e.checked : e.value]))""")


def fill_in(page: Any) -> None:
    for selector, value in FILLED.items():
        page.fill(selector, value)
    page.select_option("#F-04-utstyrsgruppe", "Kroner og broer")
    page.select_option("#F-04-pasient-skadet", "Nei")
    page.check("#F-04-alvorlig")


def test_a_technician_with_a_broken_crown(site: Path, open_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Search for the everyday word and open the complaint procedure from the results.
    visit = open_page(site, "index.html", query="q=klage", settle=False)
    page = visit.page
    procedure = ".md-search-result__list > li a[href*='prosedyrer/P-14.html?']"  # ?h=klag: the words to highlight
    page.wait_for_selector(procedure)
    form = page.locator(".md-search-result__list > li a[href*='skjema/F-04.html?']").first.inner_text()
    assert "Klagen Mottatt dato" in form and not re.search(r"Klagen\S|dato \*\S", form), form  # labels are words
    page.locator(procedure).first.click()
    page.wait_for_url(re.compile(r"prosedyrer/P-14\.html"))

    # The first step says which fields it fills in on F-04; follow one.
    first = page.locator("#P-14-s1").locator("xpath=ancestor::li[1]")
    assert "Fylles ut på F-04:" in first.inner_text() and "Er pasienten skadet?" in first.inner_text()
    first.get_by_role("link", name="Er pasienten skadet?").click()
    page.wait_for_url(re.compile(r"skjema/F-04\.html#F-04-pasient-skadet$"))
    assert page.locator("#F-04-pasient-skadet").is_visible()
    assert page.eval_on_selector(".hb-field:has(#F-04-pasient-skadet)",
                                 "e => getComputedStyle(e).outlineStyle") == "solid"  # the field asked for is marked
    groups = page.eval_on_selector_all("#F-04-utstyrsgruppe option", "os => os.map(o => o.textContent)")
    assert groups[1:] == ["Avtakbare proteser", "Bittskinner", "Kroner og broer"]
    note = page.inner_text(".hb-form-note")
    assert "bare lagret i denne fanen" in note and "sendes aldri noe sted" in note

    # Fill it in; a reload loses nothing; nothing is in the browser's long-term storage.
    fill_in(page)
    filled = entries(page)
    page.reload()
    assert entries(page) == filled
    assert filled["#F-04-pasient-skadet"] == "Nei" and filled["#F-04-alvorlig"] is True
    assert not [k for k in page.evaluate("() => Object.keys(localStorage)") if k.startswith("hb-form")]
    assert [k for k in page.evaluate("() => Object.keys(sessionStorage)") if "F-04" in k]

    # Clearing asks first: cancel keeps everything, confirm clears it, also after a reload.
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("form.hb-form button[type=reset]")
    assert asked and "Tømme skjemaet?" in asked[0]
    assert entries(page) == filled
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form.hb-form button[type=reset]")
    assert page.input_value("#F-04-fra") == "" and not page.is_checked("#F-04-alvorlig")
    page.reload()
    assert page.input_value("#F-04-fra") == "" and page.input_value("#F-04-pasient-skadet") == ""

    # The empty form prints on one A4 sheet, the company's name and the form's version on top.
    text, _, pages = pdf_text(page.pdf(prefer_css_page_size=True), tmp_path)
    assert pages == 1, text
    head = text.strip().splitlines()[0]
    assert COMPANY in head and "F-04 · versjon" in head, head
    assert "Er pasienten skadet?" in text and "Lukket av" in text and "Skriv ut" not in text
    offline_and_quiet(visit)


def test_on_paper_a_signature_is_a_line_with_its_label_under_it(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site, "skjema/F-04.html").page
    page.emulate_media(media="print")
    line = page.eval_on_selector("#F-04-lukket", """e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return [s.borderTopWidth, s.borderLeftWidth, s.borderBottomWidth, r.bottom] }""")
    label_top = page.eval_on_selector("label[for=F-04-lukket]", "e => e.getBoundingClientRect().top")
    assert line[:2] == ["0px", "0px"] and line[2] != "0px", line  # a line, not a box
    assert label_top >= line[3] - 1  # the label under the line
    # A choice not yet made shows its options to tick; the select itself is not printed.
    assert page.is_visible(".hb-field:has(#F-04-pasient-skadet) .hb-paper-options")
    assert not page.is_visible("#F-04-pasient-skadet")


def test_enter_in_a_one_field_form_sends_nothing_anywhere(browser) -> None:  # type: ignore[no-untyped-def]
    """A form with a single one-line field submits itself on Enter (HTML's implicit submission): what is typed
    (patient details) must not end up in an address, the history or a server log, even without scripts."""
    hb = load_handbook(EXAMPLE)
    one = Form.model_validate({"id": "F-04", "sections": [{"title": "Pasient", "fields": [
        {"id": "pasient", "label": "Pasientens navn"}]}]})
    html = form_page(RenderContext(hb=hb), one)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_content(html)
        before = page.url
        page.fill("#F-04-pasient", "Ola Nordmann 010190")
        page.press("#F-04-pasient", "Enter")
        page.wait_for_timeout(300)
        assert page.url == before, page.url
    finally:
        context.close()


def test_a_lab_facing_a_serious_incident(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(site, "prosedyrer/P-14.html")
    page = visit.page
    step = page.locator("#P-14-s2").locator("xpath=ancestor::li[1]")
    step.get_by_role("link", name="P-15", exact=True).click()  # "startes P-15 straks"
    page.wait_for_url(re.compile(r"prosedyrer/P-15\.html$"))

    # How to report to DMP, at the top of the vigilance procedure, with the mark that the address is unverified.
    box = page.locator(".hb-dmp")
    assert box.is_visible() and box.bounding_box()["y"] < page.locator("#formal").bounding_box()["y"]
    text = box.inner_text()
    assert "Slik melder du til DMP" in text and "Rapporter straks" in text and "dmp.no" in text and "UVERIFISERT" in text
    box.get_by_role("link", name=re.compile(r"^F-06 ")).click()
    page.wait_for_url(re.compile(r"skjema/F-06\.html$"))

    # The clock: "Rapporter straks" is the headline, the dates second.
    options = page.eval_on_selector_all(".hb-clock-kind option[value]:not([value=''])", "os => os.map(o => o.textContent)")
    assert options and all(re.match(r"\d+ dager – ", o) for o in options), options
    page.fill(".hb-clock-aware", "2026-03-10")
    page.select_option(".hb-clock-kind", "15")
    result = page.locator(".hb-clock-result")
    assert result.get_attribute("data-deadline") == "2026-03-25" and "Siste frist" in result.inner_text()
    headline = page.locator(".hb-clock-now strong")
    assert headline.inner_text() == "Rapporter straks" and headline.is_visible()
    size = lambda selector: float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))  # noqa: E731
    assert size(".hb-clock-now strong") > 1.5 * size(".hb-clock-plan")
    assert page.locator(".hb-clock-now").bounding_box()["y"] < result.bounding_box()["y"]
    # The chosen kind's full text from the catalogue, under the short option.
    assert page.inner_text(".hb-clock-kind-help").startswith("Andre alvorlige hendelser: straks når")
    assert "UVERIFISERT" in page.inner_text(".hb-dmp")

    # A reload keeps the awareness date and the kind, and the clock counts from them again.
    page.reload()
    assert page.input_value(".hb-clock-aware") == "2026-03-10" and page.input_value(".hb-clock-kind") == "15"
    assert page.get_attribute(".hb-clock-result", "data-deadline") == "2026-03-25"
    # A new report (clear, confirmed) starts again at today, with nothing chosen.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form.hb-form button[type=reset]")
    page.wait_for_function("() => document.querySelector('.hb-clock-result').textContent === ''")
    today = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
                          ".map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); }")
    assert page.input_value(".hb-clock-aware") == today and page.input_value(".hb-clock-kind") == ""
    assert page.inner_text(".hb-clock-kind-help").startswith("Velg type hendelse")
    offline_and_quiet(visit)


def test_on_a_phone_the_closed_kind_of_event_list_shows_the_day_count(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO", service_workers="block")
    try:
        page = context.new_page()
        page.goto((site / "skjema/F-06.html").as_uri())
        page.select_option(".hb-clock-kind", "10")
        # The closed list shows the start of the chosen option: the day count must be there, before any cut.
        shown = page.eval_on_selector(".hb-clock-kind", """e => { const c = document.createElement('canvas').getContext('2d');
            const s = getComputedStyle(e); c.font = s.fontSize + ' ' + s.fontFamily;
            return [c.measureText(e.options[e.selectedIndex].textContent.split(' – ')[0]).width, e.clientWidth] }""")
        assert shown[0] < shown[1] - 30, shown
        assert page.locator(".hb-clock-now strong").is_visible()
    finally:
        context.close()
