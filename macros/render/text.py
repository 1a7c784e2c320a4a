"""Escaping for everything that comes from data.

A value from YAML may contain HTML, Markdown syntax, table pipes or Jinja
braces. Every character that means something to HTML, Markdown, attr_list or
Jinja is written as a numeric character reference, so the browser shows it
literally and no later stage can interpret it.
"""

from __future__ import annotations

import html
import posixpath
import re

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>#!|~^\"'"}
_SPECIAL["&"] = "&amp;"
_TABLE = str.maketrans(_SPECIAL)
_LINE_START = re.compile(r"^([-+](?=\s|$)|[-=]{2,}|\d+(?=[.)](?:\s|$)))")
_BREAKS = re.compile(r"\s*\n\s*")


def esc(value: object) -> str:
    """Inline text: safe in Markdown paragraphs, table cells and HTML, on one line."""
    text = "" if value is None else str(value)
    text = _BREAKS.sub(" ", text.strip())
    text = text.translate(_TABLE)
    # What would start a list or heading at the beginning of a line.
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)


def attr(value: object) -> str:
    """A value inside a double-quoted HTML attribute."""
    return html.escape("" if value is None else str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def paragraphs(value: object) -> str:
    """Multi-paragraph text: blank lines separate paragraphs, each escaped."""
    text = "" if value is None else str(value).strip()
    return "\n\n".join(esc(p) for p in re.split(r"\n\s*\n", text) if p.strip())


def link(label: str, here: str, target: str, anchor: str = "") -> str:
    """A Markdown link from page ``here`` to page ``target`` (both paths in docs/); label is already escaped."""
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"[{label}]({rel}{'#' + anchor if anchor else ''})"


def href(here: str, target: str, anchor: str = "") -> str:
    """An HTML href from page ``here`` to the built page for ``target`` (offline: .html files)."""
    base = posixpath.dirname(here) or "."
    rel = posixpath.relpath(target, base)
    if rel.endswith(".md"):
        rel = rel[:-3] + ".html"
    return attr(rel + ("#" + anchor if anchor else ""))


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (esc/link)."""
    if not rows:
        return ""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(out)
