"""The page gates fail on deliberately broken pages (a copy of the project with BROKEN_PAGES added)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, Visit, check_accessible

pytestmark = pytest.mark.browser


def test_offline_gate_fails_on_an_outside_script_and_a_script_error(open_page: Callable[..., Visit], broken_site: Path) -> None:
    visit = open_page(broken_site, "brudd-skript.html")
    assert "https://example.invalid/x.js" in visit.external_requests(), visit.requests
    assert any("handbookDoesNotHaveThisFunction" in e for e in visit.errors), visit.errors
    with pytest.raises(AssertionError, match=r"request to outside the site: https://example\.invalid/x\.js") as failure:
        visit.check_offline_and_quiet("broken-script")
    assert "uncaught ReferenceError: handbookDoesNotHaveThisFunction" in str(failure.value)


def test_accessibility_gate_fails_on_an_image_without_alt_text(open_page: Callable[..., Visit], broken_site: Path,
                                                                axe_source: str) -> None:
    visit = open_page(broken_site, "brudd-bilde.html")
    visit.check_offline_and_quiet("broken-image")  # the image itself loads: only its alt text is missing
    with pytest.raises(AssertionError, match=r"image-alt \[(serious|critical)\]"):
        check_accessible(visit.page, "broken-image", axe_source)
    report = json.loads((ARTIFACTS / "axe-broken-image.json").read_text(encoding="utf-8"))
    image_alt = [v for v in report["violations"] if v["id"] == "image-alt"]
    assert image_alt and any("favicon.png" in n["html"] for n in image_alt[0]["nodes"]), "the report names the image"


def test_offline_gate_fails_on_a_dead_link_that_is_followed(open_page: Callable[..., Visit], broken_site: Path) -> None:
    visit = open_page(broken_site, "brudd-lenke.html")
    visit.check_offline_and_quiet("broken-link")  # the page itself is fine until someone clicks
    visit.page.click("a[href='nowhere.html']")
    visit.page.wait_for_load_state()
    with pytest.raises(AssertionError, match=r"failed request: .*nowhere\.html"):
        visit.check_offline_and_quiet("broken-link")
