"""The whole built handbook as one HTML page for printing: a cover, the contents, then every page in the order of
the site's navigation.

Each page's article is copied from the built site. Its ids are made unique across pages and its links point at
the copies inside this page. Its headings get the navigation depth as their outline level (``aria-level``), so
that the PDF's bookmarks follow the navigation: chapters, their pages, a page's sections. A navigation group
with no page of its own gets a small heading above its first page. The contents list links to every page and
group; its page numbers are passed in (known only after a first print), with the same layout with or without
them, so filling them in moves nothing.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..plugin.stack import HANDBOOK_CSS
from ..render.text import css_string

BODY_CLASS = "hb-pdf"  # theme/assets/stylesheets/handbook/pdf.css styles the PDF under this class


@dataclass(frozen=True)
class Cover:
    """The cover page, as plain text (escaped here)."""

    company: str
    title: str  # "Kvalitetshåndbok"
    facts: tuple[str, ...]  # organisation number, address
    release: tuple[str, ...]  # version, date, who approved it
    audience: str
    made_with: str


@dataclass
class Node:
    """A navigation entry: a page, or a group of entries with or without a page of its own."""

    title: str
    page: str | None = None
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """One line of the contents (and one bookmark): its depth from 0, its title and the anchor it links to."""

    depth: int
    title: str
    anchor: str
    has_children: bool


# --- the navigation -------------------------------------------------------------------------------------------

class _NavParser(HTMLParser):
    """The primary navigation of a built page as a tree (the page's own table of contents left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Node("")]
        self.primary = 0  # depth of <nav> elements inside the primary navigation
        self.skip = 0  # inside the secondary navigation (the current page's contents)
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self.skip:
            self.skip += tag == "nav"
            return
        if tag == "nav":
            if "md-nav--primary" in classes and not self.primary:
                self.primary = 1
            elif self.primary:
                self.skip, self.primary = (1, self.primary) if "md-nav--secondary" in classes else (0, self.primary + 1)
            return
        if not self.primary:
            return
        node = self.stack[-1]
        if tag == "li" and "md-nav__item" in classes:
            self.stack.append(Node(""))
        elif len(self.stack) > 1 and tag == "a" and "md-nav__link" in classes and node.page is None:
            href = html.unescape(values.get("href") or "")
            if href and not href.startswith("#") and not re.match(r"^[a-z]+:", href):
                node.page = posixpath.normpath(href)
        elif len(self.stack) > 1 and tag == "span" and "md-ellipsis" in classes and not node.title:
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag == "nav"
            return
        if tag == "nav" and self.primary:
            self.primary -= 1
        elif self.primary and tag == "li" and len(self.stack) > 1:
            node = self.stack.pop()
            node.title = " ".join(node.title.split())
            self.stack[-1].children.append(node)
        elif tag == "span":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.stack[-1].title += data


def navigation(site: Path) -> list[Node]:
    """The site's navigation, read from its start page; pages that are not in the site are left out.

    A group whose first page has the group's own title (a device group: its page, then its GSPR matrix) becomes
    that page, with the rest under it."""
    parser = _NavParser()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    seen: set[str] = set()

    def clean(nodes: list[Node]) -> list[Node]:
        out = []
        for node in nodes:
            if node.page and (node.page in seen or not (site / node.page).is_file()):
                node.page = None
            if node.page:
                seen.add(node.page)
            node.children = clean(node.children)
            first = node.children[0] if node.children else None
            if node.page is None and first and first.page and first.title == node.title:
                node.page, node.children = first.page, first.children + node.children[1:]
            if node.page or node.children:
                out.append(node)
        return out

    tree = clean(parser.stack[0].children)
    return tree or [Node("", "index.html")]


def walk(nodes: list[Node], depth: int = 0) -> Iterator[tuple[int, Node]]:
    for node in nodes:
        yield depth, node
        yield from walk(node.children, depth + 1)


# --- the pages ------------------------------------------------------------------------------------------------

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
# A paragraph that is only a link to a data file beside the pages ("Last ned som CSV"): the file is not in the PDF.
_DOWNLOAD = re.compile(r'<p>\s*<a [^>]*href="[^"#:]*\.(?:csv|json|xlsx?|zip)"[^>]*>.*?</a>\s*</p>', re.S)
# After a form's register entry in a procedure step, its fill-in page(s), "(fyll ut)": nothing to fill in on paper
# (the blank form is in the PDF, and listed in the contents).
_FILL_IN = re.compile(r'(?<=</a>) \((?:<a href="[^"]*skjema/[^"]*"[^>]*>[^<]*</a>(?:, )?)+\)'
                      r'| \(<a href="[^"]*skjema/[^"]*"[^>]*>(?:fyll ut|fill in)</a>\)')


def anchor(page: str, frag: str = "") -> str:
    base = "p-" + re.sub(r"[^A-Za-z0-9]+", "-", page.removesuffix(".html"))
    return f"{base}--{frag}" if frag else base


def plain(fragment: str) -> str:
    """The text of an HTML fragment, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def rewrite(page: str, body: str, included: set[str], depth: int) -> str:
    """Unique ids, links to the copies inside the print page (a link to what is not in it is left as text),
    outline levels from the navigation depth; no permalinks, no form's own page style, no download or fill-in
    links."""
    body = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r"<style>.*?</style>", "", body, flags=re.S)  # a form's own @page footer is for printing it alone
    body = _FILL_IN.sub("", _DOWNLOAD.sub("", body))
    body = re.sub(r'\sid="([^"]*)"', lambda m: f' id="{anchor(page, m.group(1))}"', body)

    def link(m: re.Match[str]) -> str:
        target = html.unescape(m.group(1))
        if re.match(r"^[a-z]+:", target):
            return m.group(0)
        path, _, frag = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        if resolved in included:
            return f'href="#{anchor(resolved, frag)}"'
        return ""  # not in the PDF: the text stays, the link goes

    body = re.sub(r'href="([^"]*)"', link, body)
    return re.sub(r"<h([1-6])\b", lambda m: f'<h{m.group(1)} aria-level="{depth + int(m.group(1))}"', body)


def headings(page: str) -> list[str]:
    """The text of every heading in the print page (h1-h6 and the groups' headings): what the bookmarks say."""
    found = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>|<p [^>]*role=\"heading\"[^>]*>(.*?)</p>", page, re.S)
    return [plain(h or p) for h, p in found]


def contents(site: Path) -> tuple[list[Entry], list[str]]:
    """The contents' entries and the print page's sections, in navigation order."""
    tree = navigation(site)
    included = {node.page for _, node in walk(tree) if node.page}
    entries: list[Entry] = []
    sections: list[str] = []
    groups: list[str] = []  # headings of groups waiting for their first page
    for n, (depth, node) in enumerate(walk(tree)):
        if node.page is None:
            group = f"g-{n}"
            entries.append(Entry(depth, node.title, group, bool(node.children)))
            groups.append(f'<p class="pdf-group" role="heading" aria-level="{depth + 1}" id="{group}">'
                          f"{html.escape(node.title)}</p>")
            continue
        match = _ARTICLE.search((site / node.page).read_text(encoding="utf-8"))
        body = rewrite(node.page, match.group(1) if match else "", included, depth)
        heading = _H1.search(body)
        title = plain(heading.group(1)) if heading else node.title
        entries.append(Entry(depth, title or node.title, anchor(node.page), bool(node.children)))
        sections.append(f'<section class="pdf-page" id="{anchor(node.page)}">{"".join(groups)}{body}</section>')
        groups = []
    return entries, sections


# --- the print page -------------------------------------------------------------------------------------------

def _cover(cover: Cover) -> str:
    e = html.escape
    facts = "".join(f"<p>{e(line)}</p>" for line in cover.facts)
    release = "".join(f"<p>{e(line)}</p>" for line in cover.release)
    return (f'<section class="pdf-cover"><p class="pdf-cover-company">{e(cover.company)}</p>'
            f'<p class="pdf-cover-title">{e(cover.title)}</p><div class="pdf-cover-facts">{facts}</div>'
            f'<div class="pdf-cover-release">{release}</div><p class="pdf-cover-audience">{e(cover.audience)}</p>'
            f'<p class="pdf-cover-made">{e(cover.made_with)}</p></section>')


def _contents(entries: list[Entry], pages: Mapping[str, int], heading: str) -> str:
    """One line per entry: the title, a dotted leader and the page number (blank in the first print)."""
    lines = []
    for entry in entries:
        number = pages.get(entry.anchor, "")
        lines.append(f'<li class="pdf-toc-{min(entry.depth, 3)}"><a href="#{entry.anchor}">'
                     f'<span class="pdf-toc-title">{html.escape(entry.title)}</span><span class="pdf-toc-dots"></span>'
                     f'<span class="pdf-toc-page">{number}</span></a></li>')
    return (f'<nav class="pdf-toc" aria-labelledby="pdf-toc-heading"><h1 id="pdf-toc-heading">{html.escape(heading)}'
            f'</h1><ul>{"".join(lines)}</ul></nav>')


def _page_attrs(site: Path) -> tuple[str, str, str]:
    """The start page's language, direction and colour scheme. Material's CSS needs the direction on an ancestor
    of ``.md-typeset`` (``[dir=ltr] .md-typeset ol li``), so it goes on <html>, the scheme on <body>."""
    index = (site / "index.html").read_text(encoding="utf-8")
    lang = re.search(r'<html[^>]*\blang="([^"]+)"', index)
    body = re.search(r"<body([^>]*)>", index)
    attrs = dict(re.findall(r'\s(dir|data-md-color-[a-z]+)="([^"]*)"', body.group(1) if body else ""))
    direction = attrs.pop("dir", "ltr")
    scheme = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    return (lang.group(1) if lang else "nb"), direction, scheme


def print_page(site: Path, *, title: str, cover: Cover, footer: str, entries: list[Entry], sections: list[str],
               pages: Mapping[str, int]) -> str:
    lang, direction, scheme = _page_attrs(site)
    en = lang.startswith("en")
    css = sorted(p.relative_to(site).as_posix() for p in (site / "assets" / "stylesheets").glob("main.*.min.css"))
    css += HANDBOOK_CSS
    links = "".join(f'<link rel="stylesheet" href="{html.escape(c)}">' for c in css)
    return f"""<!doctype html><html lang="{html.escape(lang)}" dir="{html.escape(direction)}"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>{links}
<style>
@page {{ size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-left {{ content: {css_string(footer)}; font: 8pt sans-serif; color: #444; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #444; }} }}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
</style></head><body class="{BODY_CLASS} md-typeset"{scheme}>
{_cover(cover)}
{_contents(entries, pages, "Contents" if en else "Innhold")}
{"".join(sections)}
</body></html>"""
