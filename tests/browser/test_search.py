"""Search from file://, in Norwegian: the forms people type find the page they mean.

Material's search only matches words as written and their prefixes. The handbook routes the search
worker through theme/assets/javascripts/workers/search-stem.js, which stems each query word with
the Norwegian Snowball stemmer before the prefix match (see that file), and adds the handbook's
words to everyday words (workers/search-synonyms.js, with the catalogue's synonyms.yml). These tests
type what a user types and read the result list the user sees.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from .conftest import ROOT, Build, Visit, new_context, open_visit

pytestmark = pytest.mark.browser

INPUT = ".md-search__input"
TOP = 5  # the expected page must be among the first five result pages: what the search box shows without scrolling


def procedure(title_start: str) -> str:
    """The page of the procedure whose title starts with ``title_start`` (so renumbering does not break the test)."""
    for path in sorted((ROOT / "data" / "procedures").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if str(data.get("title", "")).startswith(title_start):
            return f"prosedyrer/{data['id']}.html"
    raise AssertionError(f"no procedure titled '{title_start}...' in data/procedures")


@dataclass(frozen=True)
class Case:
    query: str
    expected: tuple[str, ...]  # any of these: "page.html" or "page.html#section" (a section hit inside that page)
    why: str


INFLECTED = [
    Case("hendelsen", (procedure("Alvorlige hendelser"),), "definite singular of hendelse"),
    Case("hendelsene", (procedure("Alvorlige hendelser"),), "definite plural; the text has hendelse/hendelser"),
    Case("avviket", (procedure("Avvik og CAPA"),), "definite singular of avvik"),
    Case("avvikene", (procedure("Avvik og CAPA"),), "definite plural of avvik"),
    Case("prosedyren", ("prosedyrer/index.html",), "definite singular of prosedyre"),
    Case("forskrivningen", (procedure("Ordremottak og gjennomgang av forskrivning"),), "definite singular of forskrivning"),
    Case("forskrivningene", (procedure("Ordremottak og gjennomgang av forskrivning"),), "definite plural"),
    Case("kravene", ("gspr/kroner-broer.html", "utstyr/kroner-broer.html#generelle-krav-til-sikkerhet-og-ytelse"),
         "definite plural of krav: the GSPR (generelle krav til sikkerhet og ytelse)"),
    Case("klagene", (procedure("Klager og tilbakemeldinger"),), "definite plural of klage"),
    Case("frigivelsen", (procedure("Sluttkontroll og frigivelse"),), "definite singular of frigivelse"),
]
EXACT = [
    Case("sluttkontroll", (procedure("Sluttkontroll og frigivelse"),), "a word as written in the title"),
    Case("Avvik", (procedure("Avvik og CAPA"),), "as written, capitalised"),
    Case("forskriv", (procedure("Ordremottak og gjennomgang av forskrivning"),), "a prefix, as while typing"),
    Case("PMS", (procedure("Overvåking etter omsetning"),), "an abbreviation in parentheses in the title: (PMS)"),
]


# Everyday words: what a dental technician, an orthopaedic technician or an earmould lab types, not what the
# handbook calls it (catalogue synonyms.yml, added to the query in the search worker). The page they mean must
# be among the first three results.
EVERYDAY_TOP = 3
COMPLAINTS, INCIDENTS = procedure("Klager"), procedure("Alvorlige hendelser")
EVERYDAY = [
    Case("reklamasjon", (COMPLAINTS,), "the everyday word for a complaint"),
    Case("reklamasjonen", (COMPLAINTS,), "inflected everyday word"),
    Case("reklamere", (COMPLAINTS,), "the verb"),
    Case("krone sprakk", (COMPLAINTS,), "a cracked crown comes back as a complaint"),
    Case("knust krone", (COMPLAINTS,), "a broken crown"),
    Case("krona sprakk", (COMPLAINTS,), "the definite form people say"),
    Case("passer ikke", (COMPLAINTS,), "a phrase: the device does not fit"),
    Case("gnagsår", (COMPLAINTS,), "an orthosis or a denture rubs"),
    Case("ørepropp piper", (COMPLAINTS,), "an earmould whistles"),
    Case("pasient skadet", (INCIDENTS,), "harm to a patient is an incident"),
    Case("allergisk reaksjon", (INCIDENTS,), "an adverse reaction"),
    Case("tilbakekalling", (INCIDENTS, procedure("Avvik og CAPA")), "recall: field safety corrective action"),
    Case("resept", (procedure("Ordremottak og gjennomgang av forskrivning"),), "the prescription"),
    Case("arbeidsseddel", (procedure("Ordremottak og gjennomgang av forskrivning"),), "the dentist's work order"),
    Case("batchnummer", (procedure("Sporbarhet"),), "traceability of material lots"),
    Case("audit", (procedure("Internrevisjon"),), "internal audit"),
    Case("brukerveiledning", (procedure("Merking, bruksanvisning"),), "instructions for use"),
    Case("farevurdering", (procedure("Risikostyring"),), "risk management"),
    Case("ledermøte", (procedure("Ledelsens ansvar"),), "management review"),
    Case("gipsavstøpning", (procedure("Kundeeiendom"),), "a plaster cast is customer property"),
]
# A query can mean more than one procedure: all of these among the first five.
EVERYDAY_ALL = [
    Case("avvik", (COMPLAINTS, procedure("Avvik og CAPA")), "a deviation: a complaint or a nonconformity"),
    Case("tilbakekalling", (INCIDENTS, procedure("Avvik og CAPA")),
         "the synonym's pages (field safety corrective action) and the page with the word itself"),
]


# Words at the start of a table cell: Material's index glues neighbouring cells ("14.5Samvirke") unless the
# HTML has whitespace between them. Fixed by macros.search.separate_cells once the plugin calls it.
TABLE_CELLS = [
    Case("14.5", ("gspr/kroner-broer.html",), "a GSPR number, first column of the matrix"),
    Case("samvirke", ("gspr/kroner-broer.html",), "first word of GSPR 14.5 'Samvirke og forenlighet ...'"),
]


@dataclass(frozen=True)
class Hit:
    page: str
    sections: tuple[str, ...]

    def matches(self, expected: str) -> bool:
        page, _, section = expected.partition("#")
        return self.page == page and (not section or section in self.sections)


def site_path(url: str, site: Path) -> tuple[str, str]:
    parts = urlsplit(url)
    root = urlsplit(site.as_uri()).path.rstrip("/") + "/"
    path = unquote(parts.path)
    assert path.startswith(root), f"search result outside the site: {url}"
    return path[len(root):], unquote(parts.fragment)


def read_results(page: Any, site: Path) -> list[Hit]:
    groups = page.eval_on_selector_all(
        ".md-search-result__list > li", "items => items.map(li => [...li.querySelectorAll('a[href]')].map(a => a.href))")
    hits = []
    for links in groups:
        paths = [site_path(u, site) for u in links]
        hits.append(Hit(paths[0][0], tuple(fragment for _, fragment in paths if fragment)))
    return hits


def wait_for_results(page: Any) -> None:
    """Until the result list shows the outcome of the current query (a count or 'no results')."""
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            const t = JSON.parse(document.getElementById('__config').textContent).translations;
            return meta && document.querySelector('.md-search__input').value !== '' &&
                (meta.textContent === t['search.result.none'] ||
                 document.querySelectorAll('.md-search-result__list > li').length > 0);
        }""", timeout=15000)


def search_for(page: Any, query: str) -> None:
    """Clear the box, then type the query, as a user does; wait for its results."""
    page.fill(INPUT, "")
    page.press(INPUT, "End")
    page.wait_for_function(
        """() => document.querySelector('.md-search-result__meta').textContent ===
                 JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']""")
    page.fill(INPUT, query)
    page.press(INPUT, "End")  # Material searches on keyup
    wait_for_results(page)


def describe(hits: list[Hit]) -> str:
    return "\n".join(f"  {i}. {h.page} {list(h.sections[:3])}" for i, h in enumerate(hits[:8], 1)) or "  (no results)"


@dataclass
class SearchPage:
    visit: Visit
    first: list[Hit]   # what index.html?q=... showed before anything was typed
    worker: str        # the search worker URL in the page's config


@pytest.fixture(scope="module")
def searched(browser: Any, site: Path) -> Iterator[SearchPage]:
    """index.html?q=hendelsene opened from file:// once; later queries are typed into the search box."""
    context = new_context(browser)
    visit = open_visit(context, site, "index.html", query="q=hendelsene", settle=False)
    wait_for_results(visit.page)
    config = json.loads(visit.page.eval_on_selector("#__config", "el => el.textContent"))
    yield SearchPage(visit, read_results(visit.page, site), config.get("search", ""))
    context.close()


def test_deep_link_search_runs_offline_through_the_stemming_worker(searched: SearchPage, site: Path) -> None:
    visit = searched.visit
    requested = [u for u in visit.requests if u.startswith("file:")]
    assert any(u.split("?")[0].endswith("/workers/search-stem.js") for u in requested), (
        "search does not go through workers/search-stem.js, so Norwegian word forms are not found. "
        "overrides/main.html must include partials/search-stem.html in its config block. "
        f"Worker URL in the page: {searched.worker}")
    assert any(u.endswith("/search/search_index.js") for u in requested), "the offline search index was not loaded"
    assert not visit.problems(), "\n".join(visit.problems())
    assert any(hit.matches(procedure("Alvorlige hendelser")) for hit in searched.first[:TOP]), (
        f"index.html?q=hendelsene should show {procedure('Alvorlige hendelser')} first; got:\n{describe(searched.first)}")


@pytest.mark.parametrize("case", INFLECTED + EXACT, ids=[c.query for c in INFLECTED + EXACT])
def test_search_finds_the_page(case: Case, searched: SearchPage, site: Path) -> None:
    assert_among_first(case, searched, site, TOP)


def assert_among_first(case: Case, searched: SearchPage, site: Path, top: int) -> None:
    """One of the pages ``case`` expects is among the first ``top`` results for its query."""
    search_for(searched.visit.page, case.query)
    hits = read_results(searched.visit.page, site)
    assert any(hit.matches(e) for hit in hits[:top] for e in case.expected), (
        f"searching '{case.query}' ({case.why}) should show {' or '.join(case.expected)} "
        f"among the first {top} results; got:\n{describe(hits)}")


@pytest.mark.parametrize("case", TABLE_CELLS, ids=[c.query for c in TABLE_CELLS])
def test_search_finds_words_at_the_start_of_a_table_cell(case: Case, searched: SearchPage, site: Path) -> None:
    test_search_finds_the_page(case, searched, site)


def test_search_does_not_match_everything(searched: SearchPage, site: Path) -> None:
    search_for(searched.visit.page, "zebrafjord")
    assert read_results(searched.visit.page, site) == []
    assert not searched.visit.problems(), "\n".join(searched.visit.problems())


@pytest.mark.parametrize("case", EVERYDAY, ids=[c.query for c in EVERYDAY])
def test_everyday_words_find_the_procedure(case: Case, searched: SearchPage, site: Path) -> None:
    assert_among_first(case, searched, site, EVERYDAY_TOP)


@pytest.mark.parametrize("case", EVERYDAY_ALL, ids=[c.query for c in EVERYDAY_ALL])
def test_an_everyday_word_with_two_meanings_finds_both(case: Case, searched: SearchPage, site: Path) -> None:
    search_for(searched.visit.page, case.query)
    hits = read_results(searched.visit.page, site)
    for expected in case.expected:
        assert any(hit.matches(expected) for hit in hits[:TOP]), (
            f"searching '{case.query}' ({case.why}) should show {expected} among the first {TOP} results; "
            f"got:\n{describe(hits)}")


def test_a_result_found_through_a_synonym_does_not_say_the_typed_word_is_missing(searched: SearchPage,
                                                                                  site: Path) -> None:
    """Material strikes through query words a result lacks ("Mangler: ..."); the synonym stands in for the word."""
    page = searched.visit.page
    search_for(page, "reklamasjon")
    hits = read_results(page, site)
    first = next((i for i, hit in enumerate(hits) if hit.matches(COMPLAINTS)), None)
    assert first is not None, describe(hits)
    item = page.locator(".md-search-result__list > li").nth(first)
    assert item.locator(".md-search-result__terms").count() == 0, (
        f"the complaints result says a word is missing: {item.locator('.md-search-result__terms').first.inner_text()}")
    assert item.locator("mark").count() > 0, "the result should highlight the handbook's word it was found by"


def test_a_missing_word_is_listed_as_typed(searched: SearchPage, site: Path) -> None:
    """The complaints procedure does not say "krone": the result says so in the user's word, not as a stem."""
    page = searched.visit.page
    search_for(page, "krone sprakk")
    hits = read_results(page, site)
    first = next((i for i, hit in enumerate(hits) if hit.matches(COMPLAINTS)), None)
    assert first is not None, describe(hits)
    missing = page.locator(".md-search-result__list > li").nth(first).locator(".md-search-result__terms del")
    assert set(missing.all_text_contents()) == {"krone"}  # on the page and on each of its sections


def test_the_synonyms_come_from_the_build(searched: SearchPage) -> None:
    requested = [u.split("?")[0] for u in searched.visit.requests]
    assert any(u.endswith("/workers/search-synonyms-data.js") for u in requested), (
        "the search worker did not load the build's synonyms (workers/search-synonyms-data.js)")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook in English (theme.language: en): the English synonyms apply."""
    from tests.build_helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("english"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: nb\n", "language: en\n"), encoding="utf-8")
    return Build(project, project / "site").wait()


def test_english_everyday_words_find_the_procedure(browser: Any, english_site: Path) -> None:
    context = new_context(browser)
    visit = open_visit(context, english_site, "index.html", query="q=remake", settle=False)
    wait_for_results(visit.page)
    hits = read_results(visit.page, english_site)
    assert any(hit.matches(COMPLAINTS) for hit in hits[:EVERYDAY_TOP]), (
        f"searching 'remake' in the English handbook should show {COMPLAINTS} (complaints) among the first "
        f"{EVERYDAY_TOP} results; got:\n{describe(hits)}")
    assert not visit.problems(), visit.problems()
    context.close()


def test_every_synonym_leads_to_words_the_handbook_has(site: Path) -> None:
    """A `find` word no page contains (a typo, a renamed term) would make its synonyms find nothing."""
    import re

    from cmd_handbook.catalogue import load_catalogue

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = {w for doc in index["docs"] for w in separator.split(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()) if w}
    missing = sorted({w for entry in load_catalogue().synonyms.nb for phrase in entry.find
                      for w in separator.split(phrase.lower()) if not any(x.startswith(w) for x in words)})
    assert not missing, f"synonyms.yml (nb) leads to words no page of the example has: {missing}"
