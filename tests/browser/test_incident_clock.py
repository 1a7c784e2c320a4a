"""The MDR Art. 87 clock on the incident form (F-06), used as a person would, in Chromium from file://.

Two answers: "Planlegg etter", the calendar date (day 0 + N days), and "Siste lovlige dag", the reading of
Regulation 1182/71 Art. 3(4) (a last day on a Saturday, Sunday or Norwegian public holiday moves to the next
working day) and Art. 3(5) (a period of two days or more includes at least two working days).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import LOCAL_SCHEMES, Visit, new_context, open_visit

pytestmark = pytest.mark.browser

FORM = "skjema/F-06.html"
SOURCE = ("forordning (EØF, Euratom) nr. 1182/71 art. 3(4) og 3(5), jf. FOR-1992-12-04-910; "
          "MDCG 2023-3 Rev.2 spørsmål 14")
# The browser's own "today", in its own time zone.
LOCAL_TODAY = """() => { const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); }"""


@pytest.fixture(scope="module")
def clock_page(site: Path, browser: Any) -> Iterator[Visit]:
    """F-06, opened once for all the cases below."""
    context = new_context(browser)
    visit = open_visit(context, site, FORM)
    yield visit
    context.close()


MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
          "desember"]


def spelled(iso: str) -> str:
    """A date as the Norwegian clock writes it: "14. februar 2026" (after the weekday)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def compute(page: Any, aware: str, days: int) -> tuple[str | None, str | None, str]:
    page.fill(".hb-clock-aware", aware)
    page.select_option(".hb-clock-kind", str(days))
    result = page.locator(".hb-clock-result")
    return result.get_attribute("data-deadline"), result.get_attribute("data-legal"), result.inner_text()


@pytest.mark.parametrize("aware, days, calendar, legal, why", [
    # A Saturday: Saturday and Sunday are passed over.
    ("2026-01-30", 15, "2026-02-14", "2026-02-16", ["lørdag 14. februar", "søndag 15. februar", "→ neste virkedag"]),
    # Saturday, then Easter Sunday and Easter Monday 2027 (28 and 29 March).
    ("2027-03-12", 15, "2027-03-27", "2027-03-30",
     ["lørdag 27. mars", "søndag 28. mars (1. påskedag)", "mandag 29. mars (2. påskedag)", "→ neste virkedag"]),
    # Two days from a Friday: Sunday → Monday by Art. 3(4), but the period Saturday..Monday holds one working day,
    # so Art. 3(5) takes it to the second working day.
    ("2026-01-30", 2, "2026-02-01", "2026-02-03", ["søndag 1. februar → neste virkedag", "art. 3(5)"]),
    # 17 May 2027 is a Monday, and Whit Monday too (Easter 28 March + 50).
    ("2027-05-07", 10, "2027-05-17", "2027-05-18", ["mandag 17. mai (grunnlovsdag 17. mai, 2. pinsedag) → neste virkedag"]),
    # 17 May 2012 was a Thursday, and Ascension Day too (Easter 8 April + 39).
    ("2012-05-02", 15, "2012-05-17", "2012-05-18", ["torsdag 17. mai (grunnlovsdag 17. mai, Kristi himmelfartsdag)"]),
    # 17 May 2028 is a plain Wednesday apart from being 17 May.
    ("2028-05-07", 10, "2028-05-17", "2028-05-18", ["onsdag 17. mai (grunnlovsdag 17. mai) → neste virkedag"]),
    # Across a year end onto a plain Wednesday: unchanged.
    ("2026-12-20", 10, "2026-12-30", "2026-12-30", ["samme dag"]),
    # Ascension Day 2026 is Thursday 14 May.
    ("2026-04-29", 15, "2026-05-14", "2026-05-15", ["torsdag 14. mai (Kristi himmelfartsdag) → neste virkedag"]),
    # Christmas 2026: Friday 25 and Saturday 26 December, then Sunday.
    ("2026-12-15", 10, "2026-12-25", "2026-12-28", ["fredag 25. desember (1. juledag)", "lørdag 26. desember (2. juledag)"]),
    # Maundy Thursday and Good Friday 2026 (2 and 3 April), then Easter.
    ("2026-03-23", 10, "2026-04-02", "2026-04-07", ["torsdag 2. april (skjærtorsdag)", "fredag 3. april (langfredag)",
                                                    "mandag 6. april (2. påskedag)"]),
    # Whit Monday 2026 (25 May), New Year's Day 2027 (a Friday), 1 May 2026 (a Friday).
    ("2026-05-15", 10, "2026-05-25", "2026-05-26", ["mandag 25. mai (2. pinsedag)"]),
    ("2026-12-22", 10, "2027-01-01", "2027-01-04", ["fredag 1. januar (nyttårsdag)"]),
    ("2026-04-21", 10, "2026-05-01", "2026-05-04", ["fredag 1. mai (offentlig høytidsdag 1. mai)"]),
])
def test_the_clock_gives_the_calendar_date_and_the_legal_last_day(clock_page: Visit, aware: str, days: int,
                                                                  calendar: str, legal: str, why: list[str]) -> None:
    deadline, legal_day, text = compute(clock_page.page, aware, days)
    assert (deadline, legal_day) == (calendar, legal), text
    plan_line = next(line for line in text.splitlines() if line.startswith("Planlegg etter:"))
    legal_line = next(line for line in text.splitlines() if line.startswith("Siste lovlige dag:"))
    assert spelled(calendar) in plan_line and f"{days} kalenderdager etter dag 0" in plan_line, text
    assert spelled(legal) in legal_line and "TOLKNING" in legal_line, text
    assert not re.search(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", text), "one date format in Norwegian"
    for reason in why:
        assert reason in legal_line, f"{reason!r} not in {legal_line!r}"
    if calendar == legal:
        assert "→" not in legal_line, text
    assert "Siste frist" in text and f"Tolkning etter {SOURCE}." in text, text


def test_the_result_is_announced_and_cleared(clock_page: Visit) -> None:
    page = clock_page.page
    result = page.locator(".hb-clock-result")
    assert result.get_attribute("aria-live") == "polite"
    compute(page, "2026-01-30", 15)
    page.select_option(".hb-clock-kind", "")
    assert result.inner_text().strip() == ""
    assert result.get_attribute("data-deadline") is None and result.get_attribute("data-legal") is None
    clock_page.check_offline_and_quiet("form")


def test_the_kind_of_event_says_its_day_count(clock_page: Visit) -> None:
    labels = clock_page.page.eval_on_selector_all(".hb-clock-kind option[value]:not([value=''])",
                                                  "els => els.map(e => [e.value, e.textContent])")
    assert sorted(int(v) for v, _ in labels) == [2, 10, 15]
    for value, label in labels:
        assert label.startswith(f"{value} dager – ") and "(art. 87(" in label, label  # the count first: never cut off


def test_the_interpretation_and_its_source_are_in_the_note(site: Path) -> None:
    """The static text under the clock says the same, with the sources, and the server never writes a date."""
    html = (site / FORM).read_text(encoding="utf-8")
    field = re.search(r"<input[^>]*class=\"hb-clock-aware\"[^>]*>", html)
    assert field and "value=" not in field.group(0)
    text = re.sub(r"<[^>]+>", "", html)
    assert "kalenderdager" in text and "tolkning" in text and "neste virkedag" in text
    assert "minst to virkedager" in text and SOURCE in text.replace("&amp;", "&")


@pytest.mark.parametrize("timezone, now, local_day", [
    ("Pacific/Kiritimati", "2026-03-10T12:00:00Z", "2026-03-11"),  # UTC+14: already tomorrow
    ("Pacific/Pago_Pago", "2026-03-10T05:00:00Z", "2026-03-09"),   # UTC-11: still yesterday
    ("Europe/Oslo", "2026-12-31T23:30:00Z", "2027-01-01"),          # New Year in Oslo, not yet in UTC
])
def test_the_awareness_date_starts_at_the_readers_today(site: Path, browser: Any, timezone: str, now: str,
                                                        local_day: str) -> None:
    context = browser.new_context(locale="nb-NO", timezone_id=timezone, service_workers="block")
    try:
        context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
        context.clock.set_fixed_time(now)
        visit = open_visit(context, site, FORM)
        page = visit.page
        assert page.input_value(".hb-clock-aware") == page.evaluate(LOCAL_TODAY) == local_day
        page.select_option(".hb-clock-kind", "15")
        assert page.get_attribute(".hb-clock-result", "data-deadline") is not None
        page.once("dialog", lambda dialog: dialog.accept())  # clearing asks first
        page.click("form.hb-form button[type=reset]")  # a new report starts again at today
        page.wait_for_function("() => document.querySelector('.hb-clock-result').textContent === ''")
        assert page.input_value(".hb-clock-aware") == local_day
        visit.check_offline_and_quiet("form")
    finally:
        context.close()


def test_the_awareness_date_is_today_without_a_fixed_clock(site: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(site, FORM).page
    assert page.input_value(".hb-clock-aware") == page.evaluate(LOCAL_TODAY)
