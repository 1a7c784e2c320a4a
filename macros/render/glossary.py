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
from collections.abc import Sequence
from dataclasses import dataclass, field

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
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})

# A comment, an element whose content is not HTML (kept whole), a start or end tag (quoted attribute values may
# hold ">"), a doctype or processing instruction. Everything between two matches is text.
_TOKEN = re.compile(r"""
    <!--.*?-->
  | <(?P<raw>script|style|textarea|template)\b(?:"[^"]*"|'[^']*'|[^'">])*>.*?</(?P=raw)\s*>
  | <(?P<end>/)?(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">])*)>
  | <[!?][^>]*>
""", re.DOTALL | re.IGNORECASE | re.VERBOSE)
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
        # Longest first: the regex takes the first alternative that matches, so "alvorlige hendelser" beats "hendelser".
        alternatives = [(r"\s+".join(map(re.escape, form.split(" "))), sensitive)
                        for form, sensitive in sorted(written.items(), key=lambda fs: (-len(fs[0]), fs[0]))]
        body = "|".join(a if sensitive else f"(?i:{a})" for a, sensitive in alternatives)
        # Whole words only: not inside a longer word, a hyphenated compound or a character reference.
        pattern = re.compile(rf"(?<![\w&#-])(?:{body})(?![\w-])") if alternatives else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_forms", forms)

    def term(self, text: str) -> Term | None:
        """The term a matched piece of text is a form of."""
        return self._forms.get(_key(text, True)) or self._forms.get(_key(text, False))

    def mark(self, html: str) -> str:
        """``html`` with the first body-text use of each term wrapped in ``<abbr title="...">``."""
        if self._pattern is None:
            return html
        pattern, seen = self._pattern, set[str]()

        def wrap(match: re.Match[str]) -> str:
            term = self.term(match.group(0))
            if term is None or term.id in seen:  # already marked on this page: left as it is (but still consumed,
                return match.group(0)            # so a shorter term inside it is not marked either)
            seen.add(term.id)
            return f'<abbr title="{attr(term.title)}">{match.group(0)}</abbr>'

        out: list[str] = []
        stack: list[tuple[str, bool]] = []  # open elements: (name, is skipped)
        open_count: dict[str, int] = {}  # how many of each are open: a stray end tag is found without a walk
        skipped = 0  # how many of them are skipped
        pos = 0
        while (token := _TOKEN.search(html, pos)) is not None:
            start = token.start()
            if start > pos:
                text = html[pos:start]
                out.append(pattern.sub(wrap, text) if not skipped and not text.isspace() else text)
            out.append(token.group(0))
            pos = token.end()
            name = token.group("name")
            if not name:
                continue
            name = name.lower()
            if name in VOID:
                continue
            if token.group("end"):
                if open_count.get(name):  # a stray end tag changes nothing
                    while stack:
                        open_name, skip = stack.pop()
                        open_count[open_name] -= 1
                        skipped -= skip
                        if open_name == name:
                            break
            elif not token.group("attrs").rstrip().endswith("/"):
                attrs = token.group("attrs")
                if name == "table" and "class" in attrs and _has_class(attrs, BULK_TABLES):
                    end = html.find("</table>", pos)  # a register-sized table: passed over whole, unread
                    if end != -1:
                        out.append(html[pos:end])
                        pos = end
                skip = name in SKIP or ("class" in attrs and _has_class(attrs, SKIP_CLASSES))
                stack.append((name, skip))
                open_count[name] = open_count.get(name, 0) + 1
                skipped += skip
        text = html[pos:]
        out.append(pattern.sub(wrap, text) if text and not skipped else text)
        return "".join(out)


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
