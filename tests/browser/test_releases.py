"""Releases in a browser: the inspector's zip opened from file://, and the intranet's version selector over HTTP."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmd_handbook.commands.snapshot import unzip
from tests.build_helpers import copy_project
from tests.conftest import edit, run_cli

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unpacked_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("snapshot"))
    mp = pytest.MonkeyPatch()
    mp.chdir(project)
    try:
        result = run_cli("snapshot", "--data", str(project / "data"), "--release", "2026.2", "--out",
                         str(project / "dist"), "--no-pdf")
    finally:
        mp.undo()
    assert result.code == 0, result.err
    return unzip(Path(result.out.strip().splitlines()[-1]), project / "unpacked")


def test_the_snapshot_works_from_file_without_any_request_outside(unpacked_snapshot: Path, open_page) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(unpacked_snapshot, "index.html", query="q=sluttkontroll")
    page = visit.page
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    assert any("prosedyrer/P-09.html" in link for link in links), links
    assert "Publisert øyeblikksbilde" in page.inner_text(".md-banner")
    # Following the hit navigates from file:// to the page, which works offline too.
    page.click(".md-search-result__item a[href*='prosedyrer/P-09.html']")
    page.wait_for_url("**/prosedyrer/P-09.html*")
    assert page.url.startswith("file://") and "Sluttkontroll" in page.inner_text("h1")
    visit.settle()
    assert visit.external_requests() == []
    assert visit.requests and all(u.startswith(("file:", "data:", "blob:")) for u in visit.requests)


@pytest.fixture(scope="module")
def intranet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two published releases served on 127.0.0.1 (the selector reads versions.json, which file:// cannot)."""
    project = copy_project(tmp_path_factory.mktemp("intranet"))
    data, public = project / "data", project / "public"
    mp = pytest.MonkeyPatch()
    mp.chdir(project)
    try:
        assert run_cli("publish", "--data", str(data), "--out", str(public)).code == 0
        edit(data / "procedures" / "P-06.yml", 'version: "3.0"', 'version: "3.1"')
        assert run_cli("release", "--data", str(data), "2027.1", "--approved-by", "ingrid-solheim",
                       "--date", "2027-01-15").code == 0
        assert run_cli("publish", "--data", str(data), "--out", str(public)).code == 0
    finally:
        mp.undo()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(public))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_older_release_says_it_is_not_current_and_the_selector_lists_both(intranet: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{intranet}/2026.2/index.html")
    page.wait_for_selector(".md-version__current", timeout=10000)
    assert page.inner_text(".md-version__current").startswith("2026.2")
    versions = page.eval_on_selector_all(".md-version__link", "els => els.map(e => e.textContent.trim())")
    assert any(v.startswith("2027.1") for v in versions) and any(v.startswith("2026.2") for v in versions)
    page.wait_for_selector(".md-banner--warning", timeout=10000)
    assert "Dette er ikke gjeldende versjon" in page.inner_text(".md-banner--warning")
    page.goto(f"{intranet}/2027.1/index.html")
    page.wait_for_selector(".md-version__current", timeout=10000)
    assert not page.is_visible(".md-banner--warning")
    page.goto(f"{intranet}/index.html")
    page.wait_for_url("**/2027.1/index.html")
    context.close()
