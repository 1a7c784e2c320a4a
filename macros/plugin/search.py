"""Search-index hygiene for generated HTML.

Material's search plugin builds its index from each page's HTML, dropping every tag except a few
(p, li, code, ...). Text in neighbouring table cells, or on either side of a <br>, is therefore
glued into one word unless whitespace separates the tags: the GSPR row
``<td>14.5</td><td>Samvirke og ...</td>`` is indexed as "14.5samvirke", so neither "14.5" nor
"samvirke" can be found. The same goes for a description list's terms and descriptions (the document
control block: "Dokument-IDP-14"), a <details> summary and what follows it ("19Prosedyrer"), and the
options of a <select>. ``separate_cells`` puts a line break after each of these (and each <br>); browsers
ignore that whitespace, so the page looks exactly the same.

Wire it in the handbook plugin (every plugin's on_page_content runs before the search plugin reads
the page in on_page_context):

    def on_page_content(self, html, *, page, config, files):
        return search.separate_cells(html)

It also writes the search synonyms (catalogue synonyms.yml) as a script the search worker loads:
workers/search-synonyms.js adds the handbook's words to a query of everyday words, at query time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..catalogue.model import Synonym

#: Where the synonyms script lands in the site: beside the search worker, which loads it from its own folder.
SYNONYMS_JS = "assets/javascripts/workers/search-synonyms-data.js"

# A closing cell/row/caption/term/description/summary/option tag or a <br>, directly followed by other than whitespace.
_GLUE = re.compile(r"(</t[dhr]>|</d[dt]>|</caption>|</summary>|</option>|<br\s*/?>)(?=[^\s])", re.IGNORECASE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)


def separate_cells(html: str) -> str:
    """``html`` with a newline after every </td>, </th>, </tr>, </dt>, </dd>, </caption>, </summary>, </option>
    and <br> that lacks whitespace; <pre> is left alone."""
    parts = _PRE.split(html)
    return "".join(part if i % 2 else _GLUE.sub("\\1\n", part) for i, part in enumerate(parts))


def synonyms_script(synonyms: Sequence[Synonym]) -> str:
    """The synonyms as a script for the search worker: ``self.handbookSynonyms = [[words, find], ...]``.

    JSON with every non-ASCII character escaped is a valid script whatever the words contain.
    """
    data = [[list(s.words), list(s.find)] for s in synonyms]
    return ("/* Search synonyms (generated from the catalogue's synonyms.yml): [words people type, the handbook's "
            "words]. */\nself.handbookSynonyms = " + json.dumps(data, ensure_ascii=True, separators=(",", ":")) + ";\n")
