"""The glossary page, and the glossary tooltips in the text of the other pages.

A tooltip marks the first place a page's body text uses a glossary term (in any of its inflected forms):
``<abbr title="alvorlig hendelse: En hendelse som ... (MDR Art. 2(65))">alvorlige hendelser</abbr>``. Once
per term and page, so a procedure is not underlined all over; never in headings, table header cells, links,
code, form controls or anything else that is not running text (``SKIP``); the longest term wins
("alvorlige hendelser" is one serious incident, not an incident with an adjective). The page HTML is
rewritten after Markdown (the plugin's on_page_content calls ``Tooltips.mark``); only text between tags
changes, so attributes, scripts and the search index's text stay as they were: the term stays in the text,
the definition is attribute text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..derive import paths
from ..derive.legal import legal_ref
from .context import RenderContext
from .doccontrol import front_matter
from .text import attr, esc, table


def glossary_page(ctx: RenderContext) -> str:
    ctx = ctx.at(paths.GLOSSARY)
    t = ctx.t
    terms = sorted(ctx.hb.catalogue.glossary, key=lambda g: (g.en if ctx.lang == "en" else g.nb).lower())
    rows = [[f'<span id="{esc(g.id)}"></span>**{esc(g.en if ctx.lang == "en" else g.nb)}**',
             esc(g.nb if ctx.lang == "en" else g.en), esc(g.definition(ctx.lang)) + ctx.mark(g), ctx.ref(g.ref)]
            for g in terms]
    other = t("Engelsk", "Norwegian")
    return "\n\n".join([front_matter(), f"# {t('Ordliste', 'Glossary')}",
                        esc(t("Begrepene håndboken bruker. Første gang et begrep står i teksten på en side, er det "
                              "understreket med prikker: hold musepekeren over det, trykk på det eller gå til det med "
                              "tabulatortasten, så vises forklaringen.",
                              "The terms the handbook uses. The first time a page uses a term, it has a dotted "
                              "underline: hover over it, tap it or tab to it to see its explanation.")),
                        table([t("Begrep", "Term"), other, t("Forklaring", "Explanation"), t("Hjemmel", "Basis")], rows)]) + "\n"


# ------------------------------------------------------------------------------------------------- tooltips

#: Elements whose text is never marked: headings and captions, links and controls, code, and what is not text.
SKIP = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "caption", "th", "summary", "legend", "dt",
    "a", "abbr", "acronym", "dfn", "button", "label", "select", "option", "optgroup", "textarea", "output",
    "code", "pre", "kbd", "samp", "var", "script", "style", "template", "noscript", "svg", "math",
    "nav", "header", "footer", "iframe", "object", "title",
})
# An admonition's title is its heading; paper-only parts of a form are hidden on screen.
SKIP_CLASSES = frozenset({"admonition-title", "headerlink", "hb-paper-options", "hb-print-head"})
# The big tables (GSPR matrix, register, traceability: rows of IDs and titles) are not prose: no marks, and not read.
BULK_TABLES = frozenset({"hb-table"})

# Elements that can hold one of their own kind: their end is found by counting (see _end_of). Every other SKIP
# element ends at its first end tag, which one regex finds along with its start.
NESTING = frozenset({"nav", "header", "footer", "svg", "math", "object", "noscript"})
_NAMES = {kind: "|".join(sorted(names, key=len, reverse=True)) for kind, names in
          (("flat", SKIP - NESTING), ("nesting", SKIP & NESTING))}
# Where the text stops being marked: a comment, a whole element of a kind that does not nest, or the start tag of
# one that may. Ordinary tags are not stopped at (a term found inside one is passed over, see Tooltips.mark); an
# element with a skipped class is found by the class's name (few places: quicker than asking every tag).
_STOP = re.compile(rf"""<!--.*?-->
  | <(?P<flat>{_NAMES["flat"]})(?=[\s/>])(?:"[^"]*"|'[^']*'|[^'">])*>.*?</(?P=flat)\s*>
  | <(?P<name>{_NAMES["nesting"]})(?=[\s/>])(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">])*)>
""", re.DOTALL | re.IGNORECASE | re.VERBOSE)
_CLASS_WORD = re.compile("|".join(map(re.escape, sorted(SKIP_CLASSES | BULK_TABLES))))
_TAG = re.compile(r"""<[!?/]?[a-zA-Z](?:"[^"]*"|'[^']*'|[^'">\0])*>""")  # a tag, in runs that a NUL ends
_START_TAG = re.compile(r"""<(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">])*)>""")
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _case_sensitive(form: str) -> bool:
    """An abbreviation or a name with capitals inside ("PMS", "CE-merking", "PRRC-en") matches only as written;
    other forms in any case, so a term at the start of a sentence is found too."""
    return any(c.isupper() for c in form[1:])


def _key(text: str, sensitive: bool) -> str:
    text = _SPACE.sub(" ", text.strip())
    return text if sensitive else text.casefold()


@dataclass(frozen=True)
class Term:
    """One glossary term as the tooltips need it: the forms it is written in, and the tooltip text."""

    id: str
    forms: Sequence[str]
    title: str


@dataclass(frozen=True)
class Tooltips:
    """The terms of one build, compiled once; ``mark`` is then applied to every page."""

    terms: Sequence[Term]
    _pattern: re.Pattern[str] | None = field(init=False, repr=False)
    _forms: dict[str, Term] = field(init=False, repr=False)  # form key (see _key) -> its term

    def __post_init__(self) -> None:
        forms: dict[str, Term] = {}
        written: dict[str, bool] = {}  # normalised form -> case-sensitive
        for term in self.terms:
            for form in term.forms:
                form = _SPACE.sub(" ", form.strip())
                if not form:
                    continue
                sensitive = _case_sensitive(form)
                forms.setdefault(_key(form, sensitive), term)  # a form two terms share belongs to the first
                written.setdefault(form, sensitive)
        # A form written with capitals inside is tried before the others at the same place.
        sensitive = [form for form, exact in written.items() if exact]
        other = [form.lower() for form, exact in written.items() if not exact]
        body = "|".join([*([_trie(sensitive)] if sensitive else []), *([f"(?i:{_trie(other)})"] if other else [])])
        # The letters a term can start with, first: most places in a page are passed over on that alone (about
        # three times quicker than trying the tree everywhere).
        starts = "".join(sorted({re.escape(form[0]) for form in [*sensitive, *other]}))
        # Whole words only: not inside a longer word, a hyphenated compound or a character reference.
        pattern = re.compile(rf"(?=(?i:[{starts}]))(?<![\w&#-])(?:{body})(?![\w-])") if body else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_forms", forms)

    def term(self, text: str) -> Term | None:
        """The term a matched piece of text is a form of."""
        return self._forms.get(_key(text, True)) or self._forms.get(_key(text, False))

    def mark(self, html: str) -> str:
        """``html`` with the first body-text use of each term wrapped in ``<abbr title="...">``.

        The page is read as runs of text and ordinary tags between the elements that are never marked (see
        ``skipped``). The runs are searched as one string, each run apart from the next by a NUL, which no term
        and no white space matches. A term already marked is still consumed, so a shorter term inside it is not
        marked either.
        """
        if self._pattern is None:
            return html
        runs, pos = [], 0
        for start, end in skipped(html):
            runs.append((pos, start))
            pos = end
        runs.append((pos, len(html)))
        text = "\0".join(html[a:b] for a, b in runs)
        starts, at = [], 0  # where each run starts in ``text``
        for a, b in runs:
            starts.append(at)
            at += b - a + 1
        out: list[str] = []
        seen: set[str] = set()
        done = 0  # html[:done] is in out
        for match in self._pattern.finditer(text):
            term = self.term(match.group(0))
            if term is None or term.id in seen:
                continue
            found = match.start()
            run = bisect_right(starts, found) - 1
            if _in_tag(text, starts[run], found):  # an attribute's text
                continue
            seen.add(term.id)
            at = runs[run][0] + found - starts[run]
            out += [html[done:at], f'<abbr title="{attr(term.title)}">{match.group(0)}</abbr>']
            done = at + len(match.group(0))
        out.append(html[done:])
        return "".join(out)


def _in_tag(text: str, start: int, at: int) -> bool:
    """Whether ``at`` is inside a tag of text[start:]: the last "<" before it opens a tag that has not ended. (A
    "<" inside an attribute value would mislead this; Markdown and the generator write it as &lt;.)"""
    lt = text.rfind("<", start, at)
    if lt == -1:
        return False
    tag = _TAG.match(text, lt)
    return tag is not None and tag.end() > at


def skipped(html: str) -> list[tuple[int, int]]:
    """The parts of a page never marked, as (start, end) in order: comments, and the SKIP elements and those with a
    skipped class, from their start tag to their own end tag (raw text such as a script's, and elements that
    cannot hold their own kind, end at the first; others count nested ones of their name)."""
    by_class: dict[int, tuple[str, int]] = {}  # start of a tag with a skipped class -> (its name, end of the tag)
    for word in _CLASS_WORD.finditer(html):
        start = html.rfind("<", 0, word.start())
        tag = _START_TAG.match(html, start) if start not in by_class else None
        if tag and tag.end() > word.start():
            name, attrs = tag.group("name").lower(), tag.group("attrs")
            if _has_class(attrs, SKIP_CLASSES) or (name == "table" and _has_class(attrs, BULK_TABLES)):
                by_class[start] = (name, tag.end())
    classed = sorted(by_class.items())
    out: list[tuple[int, int]] = []
    pos = k = 0
    while True:
        stop = _STOP.search(html, pos)
        while k < len(classed) and classed[k][0] < pos:  # inside an element passed over already
            k += 1
        if k < len(classed) and (stop is None or classed[k][0] < stop.start()):
            start, (name, tag_end) = classed[k]
            end = _end_of(html, name, tag_end)
        elif stop is None:
            return out
        else:
            start, name = stop.start(), stop.group("name")
            empty = name is None or stop.group("attrs").rstrip().endswith("/")  # a comment, a whole element, <x/>
            end = stop.end() if empty else _end_of(html, name.lower(), stop.end())
        out.append((start, end))
        pos = end


def _trie(forms: list[str]) -> str:
    """One regex for many words, as a tree of their letters: ``hendelse(?:r)?``. Python's re tries a flat list of
    alternatives one by one at every character of a page; a tree reads each character once (about five times
    faster over the glossary). Longer first at every branch, so "alvorlige hendelser" beats "alvorlig"; the spaces
    inside a term match any run of white space."""
    tree: dict[str, dict] = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def regex(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + regex(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return regex(tree)


def _end_of(html: str, name: str, pos: int) -> int:
    """The end of the element named ``name`` whose start tag ends at ``pos`` (the whole rest of an unclosed one)."""
    depth = 1
    for tag in _tags(name).finditer(html, pos):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag.group(0).endswith("/>"):
            depth += 1
    return len(html)


@lru_cache(maxsize=64)
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.IGNORECASE)


def _has_class(attrs: str, classes: frozenset[str]) -> bool:
    found = _CLASS.search(attrs)
    return bool(found) and not classes.isdisjoint("".join(g or "" for g in found.groups()).split())


def tooltip_terms(ctx: RenderContext) -> list[Term]:
    """The catalogue's glossary in the handbook's language: term and inflected forms, and the tooltip text."""
    out = []
    for g in ctx.hb.catalogue.glossary:
        term = g.en if ctx.lang == "en" else g.nb
        forms = g.forms_en if ctx.lang == "en" else g.forms_nb
        status = {"unverified": ctx.t(" (ikke bekreftet)", " (unverified)"),
                  "interpretation": ctx.t(" (tolkning)", " (interpretation)")}.get(g.status, "")
        out.append(Term(g.id, [term, *forms], f"{term}: {g.definition(ctx.lang)} ({legal_ref(g.ref, ctx.lang)}){status}"))
    return out


def tooltips(ctx: RenderContext) -> Tooltips:
    """The build's tooltips (compiled once; the plugin marks every page but the glossary itself with them)."""
    return Tooltips(tooltip_terms(ctx))
