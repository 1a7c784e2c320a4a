"""The whole handbook as one print-ready A4 PDF, without LaTeX: a print page rendered by headless Chromium.

The print page is assembled from the built site (nav order, each page's article), with a cover,
a table of contents and page numbers in the page margins. Chromium's PDF carries the wall-clock
time and a random ID; both are rewritten (same length, so the xref table stays valid) to make
the file reproducible.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

from ..plugin.stack import HANDBOOK_CSS
from ..render.text import css_string

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000"]
PRINT_PAGE = "_utskrift.html"


class PdfError(Exception):
    pass


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError("the PDF needs Chromium (Debian: apt-get install chromium); or use --no-pdf")


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_NAV_LINK = re.compile(r'<a href="([^"#]+\.html)"[^>]*class="md-nav__link', re.S)
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def page_order(site: Path) -> list[str]:
    """Pages in the order of the navigation on the start page, then any page not in it."""
    index = (site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', index, re.S)
    order = ["index.html"]
    for href in _NAV_LINK.findall(nav.group(0) if nav else index):
        path = posixpath.normpath(href)
        if path not in order and (site / path).exists():
            order.append(path)
    return order


def _anchor(page: str, frag: str = "") -> str:
    base = "p-" + re.sub(r"[^A-Za-z0-9]+", "-", page.removesuffix(".html"))
    return f"{base}--{frag}" if frag else base


def _rewrite(page: str, body: str, included: set[str]) -> str:
    """Make ids unique across pages and point links at the copies inside the print page."""
    body = re.sub(r'\sid="([^"]*)"', lambda m: f' id="{_anchor(page, m.group(1))}"', body)

    def link(m: re.Match[str]) -> str:
        target = html.unescape(m.group(1))
        if re.match(r"^[a-z]+:", target):
            return m.group(0)
        path, _, frag = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        if resolved in included:
            return f'href="#{_anchor(resolved, frag)}"'
        return 'href="#"'

    body = re.sub(r'href="([^"]*)"', link, body)
    body = re.sub(r"<style>.*?</style>", "", body, flags=re.S)  # a form's own @page footer is for printing that form alone
    return re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", body)


def print_page(site: Path, title: str, cover: list[str], footer: str) -> str:
    order = page_order(site)
    included = set(order)
    sections, toc = [], []
    for page in order:
        text = (site / page).read_text(encoding="utf-8")
        match = _ARTICLE.search(text)
        if not match:
            continue
        body = _rewrite(page, match.group(1), included)
        heading = _TITLE.search(match.group(1))
        label = re.sub(r"<[^>]+>", "", heading.group(1)).strip() if heading else page
        toc.append(f'<li><a href="#{_anchor(page)}">{label}</a></li>')
        sections.append(f'<section class="pdf-page" id="{_anchor(page)}">{body}</section>')
    css = sorted(p.relative_to(site).as_posix() for p in (site / "assets" / "stylesheets").glob("main.*.min.css"))
    css += HANDBOOK_CSS
    links = "".join(f'<link rel="stylesheet" href="{c}">' for c in css)
    cover_html = "".join(f"<p>{html.escape(line)}</p>" for line in cover)  # plain text lines
    return f"""<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title>{links}
<style>
@page {{ size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-left {{ content: {css_string(footer)}; font: 8pt sans-serif; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font: 8pt sans-serif; }} }}
@page :first {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
body {{ font-family: sans-serif; }}
.md-typeset {{ font-size: 10pt; }}
.cover {{ break-after: page; padding-top: 60mm; }}
.cover h1 {{ font-size: 24pt; margin-bottom: 4mm; }}
.toc {{ break-after: page; }}
.pdf-page {{ break-before: page; }}
.hb-no-print, .hb-filter, button {{ display: none !important; }}
.hb-gspr-wrap {{ max-height: none !important; overflow: visible !important; }}
table {{ break-inside: auto; }} tr {{ break-inside: avoid; }} thead {{ display: table-header-group; }}
</style></head><body class="md-typeset">
<div class="cover"><h1>{title}</h1>{cover_html}</div>
<nav class="toc"><h2>Innhold</h2><ol>{"".join(toc)}</ol></nav>
{"".join(sections)}
</body></html>"""


def normalise(pdf: bytes, day: dt.date) -> bytes:
    """Replace the creation/modification times and the document ID with fixed values of the same length."""
    stamp = day.strftime("%Y%m%d000000")

    def date(m: re.Match[bytes]) -> bytes:
        digits = iter(stamp.encode() + b"0" * len(m.group(2)))
        return m.group(1) + bytes(next(digits) if chr(c).isdigit() else c for c in m.group(2))

    pdf = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()(D:[^)]*)", date, pdf)
    return re.sub(rb"<([0-9A-Fa-f]{16,})>", lambda m: b"<" + b"0" * len(m.group(1)) + b">", pdf)


def make_pdf(site: Path, target: Path, day: dt.date, *, title: str = "", cover: list[str] | None = None,
             footer: str = "") -> int:
    """Write the PDF; returns its page count. The print page is removed again afterwards."""
    index = (site / "index.html").read_text(encoding="utf-8")
    site_title = re.search(r"<title>(.*?)</title>", index, re.S)
    announce = re.search(r'<div class="md-banner__inner[^"]*"[^>]*>(.*?)</div>', index, re.S)
    title = title or (site_title.group(1).strip() if site_title else "Kvalitetshåndbok")
    cover = cover or ([html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", announce.group(1))).strip())]
                      if announce else [])
    footer = footer or html.unescape(title)
    page = site / PRINT_PAGE
    page.write_text(print_page(site, title, cover, footer), encoding="utf-8")
    try:
        result = subprocess.run([chromium(), *CHROMIUM_ARGS, f"--print-to-pdf={target}", page.as_uri()],
                                capture_output=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise PdfError("Chromium did not finish the PDF within 10 minutes") from None
    finally:
        page.unlink(missing_ok=True)
    if result.returncode != 0 or not target.exists():
        raise PdfError(f"Chromium could not print the PDF (exit {result.returncode}): "
                       f"{result.stderr.decode(errors='replace').strip()[-300:]}")
    data = normalise(target.read_bytes(), day)
    target.write_bytes(data)
    return len(re.findall(rb"/Type\s*/Page[^s]", data))
