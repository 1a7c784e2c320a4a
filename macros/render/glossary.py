"""The glossary page, and the abbreviation lines that give each term a tooltip wherever it appears."""

from __future__ import annotations

from ..derive import paths
from .context import RenderContext
from .doccontrol import front_matter
from .text import esc, table


def glossary_page(ctx: RenderContext) -> str:
    ctx = ctx.at(paths.GLOSSARY)
    t = ctx.t
    terms = sorted(ctx.hb.catalogue.glossary, key=lambda g: (g.en if ctx.lang == "en" else g.nb).lower())
    rows = [[f'<span id="{esc(g.id)}"></span>**{esc(g.en if ctx.lang == "en" else g.nb)}**',
             esc(g.nb if ctx.lang == "en" else g.en), esc(g.definition(ctx.lang)) + ctx.mark(g), esc(g.ref)]
            for g in terms]
    other = t("Engelsk", "Norwegian")
    return "\n\n".join([front_matter(), f"# {t('Ordliste', 'Glossary')}",
                        esc(t("Begrepene håndboken bruker. Holder du musepekeren over et begrep i teksten, vises "
                              "forklaringen.", "The terms the handbook uses. Hover over a term in the text to see its "
                              "explanation.")),
                        table([t("Begrep", "Term"), other, t("Forklaring", "Explanation"), t("Hjemmel", "Basis")], rows)]) + "\n"


def abbreviations(ctx: RenderContext) -> dict[str, str]:
    """Term (and each inflected form) → tooltip, for the Markdown 'abbr' extension's glossary."""
    out: dict[str, str] = {}
    for g in ctx.hb.catalogue.glossary:
        term = g.en if ctx.lang == "en" else g.nb
        forms = g.forms_en if ctx.lang == "en" else g.forms_nb
        tip = f"{term}: {g.definition(ctx.lang)} ({g.ref})"
        for word in [term, *forms]:
            out.setdefault(word, tip)
    return out
