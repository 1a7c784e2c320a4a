"""Broken links and anchors in a built site, without a browser.

Every ``href`` and ``src`` in every HTML file is resolved the way a browser opening the site from
file:// resolves it: a relative path must name an existing file, and a ``#fragment`` must be an
``id`` (or an ``<a name>``) in the target page. External links in ``<a href>`` are listed, not
fetched; an external *resource* (script, stylesheet, image, frame) is a problem, because the site
must work offline.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that point somewhere, per tag. <a href> is a link; everything else is loaded by the page.
LINK_ATTRS = {"a": ("href",), "area": ("href",)}
RESOURCE_ATTRS = {
    "link": ("href",), "script": ("src",), "img": ("src",), "iframe": ("src",), "frame": ("src",),
    "source": ("src",), "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",),
}
IGNORED_SCHEMES = ("data", "blob", "javascript", "about")
SKIPPED_FILES = ("search/", "sitemap.xml")  # the search index and the sitemap are not pages
# A web server returns 404.html for any missing path, so MkDocs writes its links from the site root.
# They resolve against the site root here; from file:// nobody ever sees this page.
SERVER_ONLY_PAGES = ("404.html",)


@dataclass(frozen=True)
class Ref:
    page: str      # the page the reference is on, relative to the site root
    line: int
    tag: str
    attr: str
    url: str


@dataclass(frozen=True)
class Problem:
    ref: Ref
    reason: str

    def __str__(self) -> str:
        r = self.ref
        return f"{r.page}:{r.line}: <{r.tag} {r.attr}=\"{r.url}\">: {self.reason}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    external_links: list[Ref] = field(default_factory=list)
    pages: int = 0
    refs: int = 0

    def summary(self, limit: int = 40) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.refs: list[tuple[int, str, str, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if tag == "base" and "href" in values:
            self.base = values["href"]
        for attr in LINK_ATTRS.get(tag, ()) + RESOURCE_ATTRS.get(tag, ()):
            if attr in values:
                self.refs.append((self.getpos()[0], tag, attr, values[attr].strip()))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(SKIPPED_FILES))


def check_site(site: Path, pages: Iterable[str] | None = None) -> Report:
    """Check every reference on ``pages`` (default: every HTML page in the site)."""
    site = site.resolve()
    report = Report()
    parsed: dict[str, _PageParser] = {}

    def parsed_page(rel: str) -> _PageParser:
        if rel not in parsed:
            parsed[rel] = _parse(site / rel)
        return parsed[rel]

    for page in pages if pages is not None else html_pages(site):
        report.pages += 1
        info = parsed_page(page)
        for line, tag, attr, url in info.refs:
            report.refs += 1
            ref = Ref(page, line, tag, attr, url)
            problem = _check(site, page, info.base, ref, parsed_page, report)
            if problem:
                report.problems.append(Problem(ref, problem))
    return report


def _check(site: Path, page: str, base: str | None, ref: Ref,
           parsed_page: Callable[[str], _PageParser], report: Report) -> str | None:
    url = ref.url
    if not url:
        return "empty URL" if ref.tag != "a" else None
    parts = urlsplit(url)
    if parts.scheme in IGNORED_SCHEMES:
        return None
    if parts.scheme or parts.netloc or url.startswith("//"):
        if ref.tag in LINK_ATTRS and parts.scheme in ("http", "https", "mailto", "tel", "ftp"):
            report.external_links.append(ref)
            return None
        if parts.scheme == "file":
            return "absolute file:// URL (breaks when the site is moved or zipped)"
        return "external resource: the page loads something from outside the site (it must work offline)"
    if base:
        return "<base href> changes how every relative link resolves; not supported"

    path = unquote(parts.path)
    folder = posixpath.dirname(page)
    if path.startswith("/"):
        if page not in SERVER_ONLY_PAGES:
            return "root-relative URL: from file:// it points at the root of the disk"
        path, folder = path.lstrip("/") or "index.html", ""
    target = page
    if path:
        target = posixpath.normpath(posixpath.join(folder, path))
        if target == ".." or target.startswith("../"):
            return "points outside the site"
        if (site / target).is_dir():
            return "points at a folder: from file:// that shows a file listing, not a page (link to .../index.html)"
        if not (site / target).is_file():
            return "no such file in the site"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith((".html", ".htm")) and fragment not in parsed_page(target).anchors:
        return f"no id or name '{fragment}' in {target}"
    return None
