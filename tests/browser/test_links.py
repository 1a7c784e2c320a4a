"""No broken link or anchor anywhere in the built handbook (pure Python; no browser needed)."""

from __future__ import annotations

from pathlib import Path

from .conftest import ARTIFACTS
from .sitelinks import check_site, html_pages


def test_no_broken_link_or_anchor_in_the_handbook(site: Path) -> None:
    report = check_site(site)
    assert report.pages == len(html_pages(site)) > 20, "the site has fewer pages than the example handbook"
    assert report.refs > 1000, "suspiciously few links: did the parser see the pages?"
    if report.external_links:  # not fetched (the check is offline), but listed for review
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "external-links.txt").write_text(
            "".join(f"{r.page}:{r.line}: {r.url}\n" for r in report.external_links), encoding="utf-8")
    assert not report.problems, f"{len(report.problems)} broken link(s) or anchor(s):\n{report.summary()}"


def test_link_check_catches_a_dead_link_an_unknown_anchor_and_an_outside_script(broken_site: Path) -> None:
    report = check_site(broken_site)
    found = {(p.ref.page, p.ref.url): p.reason for p in report.problems}
    assert found.get(("brudd-lenke.html", "nowhere.html")) == "no such file in the site", report.summary()
    assert "no id or name 'finnes-ikke'" in found.get(("brudd-lenke.html", "index.html#finnes-ikke"), ""), report.summary()
    assert "external resource" in found.get(("brudd-skript.html", "https://example.invalid/x.js"), ""), report.summary()
    # Nothing else in the copy is broken: the checker reports the planted problems and only those.
    assert {page for page, _ in found} == {"brudd-lenke.html", "brudd-skript.html"}, report.summary()


def test_link_check_reads_links_relative_to_each_page(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<h1 id="top">x</h1><a href="a/b.html#sec">b</a><a href="#top">top</a>'
                                         '<a href="https://example.org/">ext</a><img src="data:image/png;base64,AA==" alt="">')
    (tmp_path / "a" / "b.html").write_text('<h2 id="sec">s</h2><a href="../index.html#top">up</a><a href="b.html#nope">x</a>'
                                           '<a href="../a/">folder</a><a href="/index.html">root</a>')
    report = check_site(tmp_path)
    assert [(p.ref.page, p.ref.url) for p in report.problems] == [
        ("a/b.html", "b.html#nope"), ("a/b.html", "../a/"), ("a/b.html", "/index.html")], report.summary()
    assert [r.url for r in report.external_links] == ["https://example.org/"]
