"""Escaping for everything that comes from data.

A value from YAML may contain HTML, Markdown syntax, table pipes or Jinja
braces. Every character that means something to HTML, Markdown, attr_list or
Jinja is written as a numeric character reference, so the browser shows it
literally and no later stage can interpret it.
"""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>#!|~^\"'"}
_SPECIAL["&"] = "&amp;"
_TABLE = str.maketrans(_SPECIAL)
_LINE_START = re.compile(r"^([-+](?=\s|$)|[-=]{2,}|\d+(?=[.)](?:\s|$)))")
_BREAKS = re.compile(r"\s*\n\s*")
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_MAY_START_BLOCK = frozenset("-+=0123456789")
_ATTR = str.maketrans({c: f"&#{ord(c)};" for c in "{}[]%"})


def esc(value: object) -> str:
    """Inline text: safe in Markdown paragraphs, table cells and HTML, on one line."""
    return _esc("" if value is None else str(value))


@lru_cache(maxsize=1 << 16)  # the same IDs and titles are escaped on page after page
def _esc(text: str) -> str:
    text = text.strip()
    if "\n" in text:
        text = _BREAKS.sub(" ", text)
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_TABLE)
    if text[:1] in _MAY_START_BLOCK:  # what would start a list or heading at the beginning of a line
        text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)
    return text


def html_text(value: object) -> Markup:
    """Text for a title the theme prints as it is (nav sections): escaped once, and not again by the theme's ``| e``."""
    return Markup(esc(value))


def attr(value: object) -> str:
    """A value inside a double-quoted HTML attribute (Jinja's delimiters escaped too, whichever a later stage uses)."""
    return html.escape("" if value is None else str(value), quote=True).translate(_ATTR)


def web_link(url: str) -> str:
    """An address from data as a link when it is a plain http(s) URL, else as text (never javascript: or data:)."""
    if re.fullmatch(r"https?://[^\s<>\"'`]+", url):
        return f'<a href="{attr(url)}">{esc(url)}</a>'
    return esc(url)


def css_string(value: str) -> str:
    """Data inside a CSS string literal: no quote, backslash, newline or '<' can end it."""
    out = []
    for ch in value:
        if ch in '"\\<>' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def paragraphs(value: object) -> str:
    """Multi-paragraph text: blank lines separate paragraphs, each escaped."""
    text = "" if value is None else str(value).strip()
    return "\n\n".join(esc(p) for p in re.split(r"\n\s*\n", text) if p.strip())


def link(label: str, here: str, target: str, anchor: str = "") -> str:
    """A Markdown link from page ``here`` to page ``target`` (both paths in docs/); label is already escaped."""
    rel = _relative(target, posixpath.dirname(here))
    return f"[{label}]({rel}{'#' + anchor if anchor else ''})"


def href(here: str, target: str, anchor: str = "") -> str:
    """An HTML href from page ``here`` to the built page for ``target`` (offline: .html files)."""
    rel = _relative(target, posixpath.dirname(here))
    if rel.endswith(".md"):
        rel = rel[:-3] + ".html"
    return attr(rel + ("#" + anchor if anchor else ""))


@lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> str:
    """``target`` relative to ``folder`` (both in docs/). Cached: relpath asks the OS for the working directory."""
    return posixpath.relpath(target, folder or ".")


def csv_document(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV file for spreadsheets. No cell from data can be a formula: one that starts with = + - @ (or a tab or
    carriage return, which some spreadsheets skip) gets a leading apostrophe, as spreadsheets themselves do."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (esc/link)."""
    if not rows:
        return ""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(out)


def sentence(text: str) -> str:
    """First letter upper case, the rest as written ("CMR" stays)."""
    return text[:1].upper() + text[1:]
