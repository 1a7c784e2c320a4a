"""Hostile text in every free-text field, built without a browser: it reads back literally on every page.

The browser test (tests/browser/test_hostile.py) opens the pages; this one reads the HTML, and shows that
the check fails when escaping is broken or when data reaches a Jinja template, so it cannot pass by accident.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cmd_handbook.plugin import stack
from cmd_handbook.render import pages, text

from .build_helpers import build, copy_project
from .conftest import edit
from .hostile import plant_data, readback_problems


def page_text(source: str) -> str:
    """What a reader sees of an HTML page, roughly: tags dropped, character references decoded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def literal_problems(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*.html")):
        problems += readback_problems(page_text(path.read_text(encoding="utf-8")), str(path.relative_to(site)))
    return problems


def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, set[str]]:
    project = copy_project(tmp_path / "p")
    planter = plant_data(project / "data")
    result = build(project, monkeypatch, "--no-strict")
    assert result.code == 0, result.err
    return project / "site", set(planter.planted)


def test_every_payload_reads_back_literally_on_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, markers = hostile_site(tmp_path, monkeypatch)
    assert not literal_problems(site)
    # Generated pages and hand-written pages that call macros (the home page: company_name(), about()) both carry data.
    home = page_text((site / "index.html").read_text(encoding="utf-8"))
    assert any(m in home for m in markers)
    assert sum(m in page_text(p.read_text(encoding="utf-8")) for p in site.rglob("*.html") for m in markers) > 300


def test_the_check_fails_when_escaping_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken escaping is caught: by the build itself (an <img src=x> from data loads a file the site does not
    have), and, where the build goes through, by the readback."""
    monkeypatch.setattr(text, "_esc", lambda s: s)  # esc() passes data through as it is
    project = copy_project(tmp_path / "p")
    plant_data(project / "data")
    result = build(project, monkeypatch, "--no-strict")
    assert result.code == 1 and "Sider viser til filer nettstedet ikke har" in result.err and "x (from" in result.err
    monkeypatch.setattr(stack, "missing_assets", lambda site: [])  # without that guard the build goes through ...
    result = build(project, monkeypatch, "--no-strict")
    assert result.code == 0, result.err
    problems = literal_problems(project / "site")  # ... and the readback fails
    assert problems and any("does not read back" in p for p in problems)


def test_the_check_sees_jinja_evaluated_in_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data in a page that mkdocs-macros renders would be evaluated: the readback shows it ("49", not "[[ 7*7 ]]")."""
    project = copy_project(tmp_path / "p")
    edit(project / "data" / "procedures" / "P-06.yml", "title: Ordremottak og gjennomgang av forskrivning",
         "title: \"=Q0001Q[[ 7*7 ]]\"")
    monkeypatch.setattr(text, "_esc", lambda s: s)
    generated = pages.generated_pages
    monkeypatch.setattr(pages, "generated_pages", lambda *a: {  # generated pages handed to mkdocs-macros after all
        k: v.replace("render_macros: false\n", "") for k, v in generated(*a).items()})
    result = build(project, monkeypatch, "--no-strict")
    assert result.code == 0, result.err
    shown = page_text((project / "site" / "prosedyrer" / "P-06.html").read_text(encoding="utf-8"))
    assert "=Q0001Q49" in shown
    assert readback_problems(shown, "P-06") != []
