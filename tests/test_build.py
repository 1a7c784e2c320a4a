"""A full build of the example handbook, and what a build must never do."""

from __future__ import annotations

import hashlib
import html as htmllib
import re
from pathlib import Path

import pytest

from cmd_handbook.load import load_handbook

from .build_helpers import build, copy_project
from .conftest import EXAMPLE, edit

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
EXTERNAL_CSS = re.compile(r"""url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("example"))
    mp = pytest.MonkeyPatch()
    try:
        result = build(project, mp)
    finally:
        mp.undo()
    assert result.code == 0, result.err
    return project / "site"


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_one_page_per_data_entry(site: Path) -> None:
    hb = load_handbook(EXAMPLE)
    for page in ["index.html", "virksomheten.html", "prrc.html", "dokumenter.html", "prosedyrer/index.html",
                 "utstyr/index.html"]:
        assert (site / page).is_file(), page
    for proc in hb.procedures:
        html = (site / "prosedyrer" / f"{proc.id}.html").read_text(encoding="utf-8")
        assert proc.version in html and "Revisjonshistorikk" in html
    for group in hb.device_groups:
        assert (site / "utstyr" / f"{group.id}.html").is_file()
        assert (site / "gspr" / f"{group.id}.html").is_file()
        assert (site / "gspr" / f"{group.id}.csv").is_file()


def test_document_control_block_and_draft_banner(site: Path) -> None:
    hb = load_handbook(EXAMPLE)
    draft = next(p for p in hb.procedures if p.status == "draft")
    html = (site / "prosedyrer" / f"{draft.id}.html").read_text(encoding="utf-8")
    assert "UTKAST – ikke gjeldende" in html
    effective = next(p for p in hb.procedures if p.status == "effective")
    html = (site / "prosedyrer" / f"{effective.id}.html").read_text(encoding="utf-8")
    assert "UTKAST" not in html
    for label in ("Dokument-ID", "Versjon", "Gjelder fra", "Eier", "Godkjent av", "Neste revisjon"):
        assert label in html


def test_navigation_lists_generated_pages(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for group in load_handbook(EXAMPLE).device_groups:
        assert f'href="utstyr/{group.id}.html"' in html


def test_the_site_loads_nothing_from_outside(site: Path) -> None:
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            # Only resources count: <a href> to a web page is a link, not a request.
            for tag in re.findall(r"<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*>", text, re.I):
                if EXTERNAL.search(tag):
                    offenders.append(f"{path.relative_to(site)}: {tag[:120]}")
        elif path.suffix == ".css" and EXTERNAL_CSS.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(path.relative_to(site)))
    assert not offenders, offenders
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_hand_written_pages_may_use_braces_and_attribute_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    (project / "docs" / "notat.md").write_text(
        "# Notat\n\n## Kontakt {#kontakt}\n\nSe [[ company_name() ]].\n\n```yaml\ntoken: ${{ secrets.TOKEN }}\n"
        "{% if x %}y{% endif %}\n```\n", encoding="utf-8")
    result = build(project, monkeypatch)
    assert result.code == 0, result.err
    html = (project / "site" / "notat.html").read_text(encoding="utf-8")
    assert 'id="kontakt"' in html
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    assert "${{ secrets.TOKEN }}" in text and "{% if x %}" in text
    assert "Se Vestbrygge Tannteknikk AS." in html


def test_a_macro_error_fails_the_build_and_keeps_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    assert build(project, monkeypatch).code == 0
    before = digest(project / "site")
    (project / "docs" / "feil.md").write_text("# Feil\n\n[[ no_such_macro() ]]\n", encoding="utf-8")
    result = build(project, monkeypatch)
    assert result.code == 1
    assert "Ingenting ble skrevet" in result.err and "Traceback" not in result.err + result.out
    assert "makrofeil: File: `feil.md` | UndefinedError: 'no_such_macro' is undefined" in result.err
    assert digest(project / "site") == before
    assert not (project / "site" / "feil.html").exists()


def test_bad_data_fails_the_build_with_file_and_line_and_keeps_the_old_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    assert build(project, monkeypatch).code == 0
    before = digest(project / "site")
    line = edit(project / "data" / "procedures" / "P-06.yml", "role: ordrekontor", "role: lab-leder")
    result = build(project, monkeypatch)
    assert result.code == 1
    assert f"P-06.yml:{line}:" in result.err and "ukjent rolle 'lab-leder'" in result.err
    assert "Traceback" not in result.err + result.out
    assert digest(project / "site") == before


def test_strict_build_stops_on_a_compliance_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # outside CI a build is not strict unless asked
    project = copy_project(tmp_path / "p")
    edit(project / "data" / "company.yml", "registered: true", "registered: false")
    strict = build(project, monkeypatch, "--strict")
    assert strict.code == 1 and "REG-001" in strict.err
    assert not (project / "site").exists()
    relaxed = build(project, monkeypatch)
    assert relaxed.code == 0
    monkeypatch.setenv("CI", "true")
    assert build(project, monkeypatch).code == 1  # strict by default in CI
    assert build(project, monkeypatch, "--no-strict").code == 0


def test_english_is_one_setting_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: nb\n", "language: en\n"), encoding="utf-8")
    result = build(project, monkeypatch, "--strict")
    assert result.code == 0, result.err
    site = project / "site"
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")
    for page, words in {"status.html": ["Due in the next twelve months"], "dokumenter.html": ["Document register", "Effective"],
                        "prosedyrer/P-09.html": ["Steps", "Revision history", "Next review"],
                        "gspr/kroner-broer.html": ["Not fully met", "Method/standard"],
                        "virksomheten.html": ["Enterprise size", "Small enterprise"]}.items():
        html = (site / page).read_text(encoding="utf-8")
        for word in words:
            assert word in html, (page, word)
    p09 = (site / "prosedyrer" / "P-09.html").read_text(encoding="utf-8")
    assert "Revisjonshistorikk" not in p09 and 'class="headerlink" href="#purpose" title="Permanent link"' in p09


def test_a_mkdocs_yml_that_names_no_language_builds_a_norwegian_handbook(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's default language is English; the handbook's (and its command line's) is Norwegian."""
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  language: nb\n", ""), encoding="utf-8")
    assert "language" not in config.read_text(encoding="utf-8").replace("theme.language", "")
    result = build(project, monkeypatch)
    assert result.code == 0, result.err
    site = project / "site"
    assert '<html lang="nb"' in (site / "index.html").read_text(encoding="utf-8")
    p09 = (site / "prosedyrer" / "P-09.html").read_text(encoding="utf-8")
    assert "Revisjonshistorikk" in p09 and "Lenke til denne delen" in p09 and "Revision history" not in p09


def test_a_hand_written_page_embeds_a_checklist_with_a_macro(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    (project / "docs" / "rutine.md").write_text("# Rutine\n\n[[ checklist('frigivelse-bittskinner') ]]\n", encoding="utf-8")
    result = build(project, monkeypatch)
    assert result.code == 0, result.err
    html = (project / "site" / "rutine.html").read_text(encoding="utf-8")
    assert 'data-checklist="frigivelse-bittskinner"' in html and "ikke en registrering" in html
    (project / "docs" / "rutine.md").write_text("# Rutine\n\n[[ checklist('finnes-ikke') ]]\n", encoding="utf-8")
    failed = build(project, monkeypatch)
    assert failed.code == 1 and "unknown checklist 'finnes-ikke'" in failed.err


def test_a_module_imported_lazily_loads_on_first_use_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeps mkdocs-macros' unused `requests` out of every build's start-up."""
    import sys

    from cmd_handbook.commands.build import import_lazily

    (tmp_path / "slow_module.py").write_text("import sys\nsys.slow_module_loads += 1\nVALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "slow_module_loads", 0, raising=False)
    monkeypatch.delitem(sys.modules, "slow_module", raising=False)
    import_lazily("slow_module")
    import slow_module  # type: ignore[import-not-found]

    assert sys.slow_module_loads == 0
    assert slow_module.VALUE == 42
    assert slow_module.VALUE == 42 and sys.slow_module_loads == 1
    sys.modules.pop("slow_module", None)


ENGLISH_IN_NORWEGIAN = re.compile(r"\bAnnex\b|\bsubparagraph\b|\bArt\. \d|Permanent link|\bActor ID\b|\bRegulation\b")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


def test_a_norwegian_handbook_reads_norwegian(site: Path) -> None:
    """Legal references, labels and dates in the reader's language: 'MDR vedlegg I', 'art. 15(1) siste ledd',
    01.12.2026; the heading anchors' tooltip too. (Titles of EU acts in the references' own column are names.)"""
    problems = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        article = re.search(r"<article.*?</article>", text, re.DOTALL)
        body = re.sub(r"<(script|style)\b.*?</\1>", "", article.group(0) if article else "", flags=re.DOTALL)
        visible = htmllib.unescape(re.sub(r"<[^>]+>", " ", body))
        for found in [*ENGLISH_IN_NORWEGIAN.findall(visible), *ISO_DATE.findall(visible)]:
            problems.append(f"{page.relative_to(site)}: {found}")
        if "Permanent link" in body:
            problems.append(f"{page.relative_to(site)}: Permanent link")
    assert not problems, problems[:20]


def test_no_empty_banner_strip_without_a_release(site: Path) -> None:
    """The release banner's place stays empty (no strip above the header) when the build is not a release."""
    assert 'class="md-banner' not in (site / "index.html").read_text(encoding="utf-8")
