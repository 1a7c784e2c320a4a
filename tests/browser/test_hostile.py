"""Hostile text in every free-text field the schemas define: nothing runs, everything reads back as text.

The data is the example's with a payload (script tag, onerror image, attribute break-outs, ``</textarea>``,
``-->``, a ``javascript:`` link, Jinja in both delimiters, a table pipe) in every free-text field
(tests/hostile.py derives the fields from the schemas). The handbook built from it is opened page by page
in Chromium: every element is hovered and focused (Material's tooltips render ``title`` attributes through
innerHTML), and the test fails on any dialog, any inline event handler, any ``javascript:`` URL, any
script or image that came from data, or a payload that does not read back literally where it landed. The
search index, the CSV files and the search results are checked the same way.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import TAIL, Planter, readback_problems

from .conftest import Builds, new_context

pytestmark = pytest.mark.browser

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# In the page: live markup that can only have come from data, and the text as the reader gets it.
INSPECT = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`inline handler ${name}="${a.value.slice(0, 60)}" on <${el.localName}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) && /^\\s*javascript:/i.test(a.value))
        problems.push(`javascript: URL in ${name} of <${el.localName}>`);
    }
    if (el.localName === 'script' && /alert\\(/.test(el.textContent)) problems.push('a script element from data');
    if (el.localName === 'img' && el.getAttribute('src') === 'x') problems.push('an image element from data');
    if (el.localName === 'a' && el.textContent === 'j') problems.push('a link element from data');
  }
  return {problems, text: document.documentElement.textContent};
}"""

# Every element a reader can point at or tab to: hover and focus it, so Material mounts and shows its tooltips.
TOUCH = """() => {
  const els = document.querySelectorAll('[title], abbr, a, button, input, select, textarea, label, summary, [tabindex]');
  for (const el of els) {
    for (const type of ['mouseenter', 'mouseover', 'pointerenter', 'pointerover'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: type.endsWith('over')}));
    try { el.focus(); } catch (e) {}
    el.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
  }
  return els.length;
}"""


@pytest.fixture(scope="session")
def hostile(builds: Builds) -> tuple[Path, Planter]:
    site = builds.start("hostile_site").wait()
    return site, builds.planted  # type: ignore[attr-defined]


def files(site: Path, *suffixes: str) -> Iterator[Path]:
    return (p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in suffixes)


def test_every_planted_field_reaches_an_output(hostile: tuple[Path, Planter]) -> None:
    """Otherwise the test below proves nothing for that field (and a field no page shows is worth knowing about)."""
    site, planter = hostile
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files(site, ".html", ".csv", ".js", ".json"))
    shown = {planter.planted[m] for m in set(re.findall(r"Q\d{4}Q", text)) if m in planter.planted}
    missing = sorted(set(planter.per_field) - shown)
    assert not missing, f"free-text fields no output shows: {missing}"


def test_no_csv_cell_is_a_spreadsheet_formula(hostile: tuple[Path, Planter]) -> None:
    site, _ = hostile
    problems, cells = [], 0
    for path in files(site, ".csv"):
        for n, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))), 1):
            for cell in row:
                cells += 1
                if cell.startswith(FORMULA_START):
                    problems.append(f"{path.relative_to(site)}:{n}: {cell[:50]!r}")
                problems += readback_problems(cell, f"{path.relative_to(site)}:{n}")
    assert cells > 100
    assert not problems, "\n".join(problems[:20])


class _Markup(HTMLParser):
    """The elements and attributes a search result would create when Material puts the indexed text in the page."""

    SAFE = {"p", "li", "ul", "ol", "code", "pre", "strong", "em", "b", "i", "mark", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.SAFE or attrs:
            self.problems.append(f"<{tag} {attrs}>")


def test_the_search_index_holds_the_payload_as_text(hostile: tuple[Path, Planter]) -> None:
    site, _ = hostile
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    problems = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            parser = _Markup()
            parser.feed(doc.get(key) or "")
            problems += [f"{doc['location']} {key}: {p}" for p in parser.problems]
            problems += readback_problems(html.unescape(re.sub(r"<[^>]+>", "", doc.get(key) or "")), doc["location"])
    assert len(index["docs"]) > 100
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    context = new_context(browser)
    yield context
    context.close()


def open_and_touch(context: Any, url: str) -> tuple[list[str], dict[str, Any]]:
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(150)
        page.evaluate(TOUCH)
        for logo in page.locator(".md-header__button.md-logo").all()[:1]:
            logo.hover()
        page.wait_for_timeout(150)
        return dialogs, page.evaluate(INSPECT)
    finally:
        page.close()


def test_nothing_from_data_runs_on_any_page(hostile: tuple[Path, Planter], context: Any) -> None:
    site, _ = hostile
    problems: list[str] = []
    pages = list(files(site, ".html"))
    assert len(pages) > 50
    for path in pages:
        where = str(path.relative_to(site))
        dialogs, found = open_and_touch(context, path.as_uri())
        problems += [f"{where}: dialog '{d}'" for d in dialogs]
        problems += [f"{where}: {p}" for p in found["problems"]]
        problems += readback_problems(found["text"], where)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:30])


def test_search_results_show_the_payload_as_text(hostile: tuple[Path, Planter], context: Any) -> None:
    site, planter = hostile
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    marker = next(m for m, field in planter.planted.items() if field == ("Procedure", "title"))
    page.goto((site / "index.html").as_uri() + f"?q={marker}", wait_until="load")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    page.evaluate(TOUCH)
    found = page.evaluate(INSPECT)
    shown = page.locator(".md-search-result").inner_text()
    page.close()
    assert not dialogs and not found["problems"], (dialogs, found["problems"])
    assert marker in shown and TAIL[:40] in shown.replace("\n", "")


def test_the_pdf_prints_the_payload_as_text(hostile: tuple[Path, Planter], builds: Builds, tmp_path: Path) -> None:
    """The whole handbook printed by Chromium: a script from data would stop the print (a dialog) or vanish from it."""
    import shutil
    import subprocess

    _, planter = hostile
    from .conftest import handbook_command

    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (poppler-utils)")
    project = builds.started["hostile_site"].project
    result = subprocess.run([*handbook_command(), "snapshot", "--data", str(project / "data"), "--release", "2026.2",
                             "--out", str(tmp_path)], cwd=project, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    zip_path = Path(result.stdout.strip().splitlines()[-1])
    unpacked = tmp_path / "unpacked"
    shutil.unpack_archive(zip_path, unpacked)
    pdf = next(unpacked.rglob("handbok.pdf"))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    tail = re.sub(r"\s+", "", TAIL)
    places = [m.start() for m in re.finditer(r"Q\d{4}Q", flat)]
    assert len(places) > 500
    broken = [flat[i:i + 60] for i in places if not flat[i + 6:].startswith(tail)]
    assert not broken, f"{len(broken)} of {len(places)} payloads do not read back whole in the PDF: {broken[:5]}"
    company = next(m for m, field in planter.planted.items() if field == ("Company", "name"))
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    assert flat.count(company) >= pages - 1  # the footer, with the company's name, on every page but the cover
