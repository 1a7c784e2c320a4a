"""Search-index hygiene for generated HTML.

Material's search plugin builds its index from each page's HTML, dropping every tag except a few
(p, li, code, ...). Text in neighbouring table cells, or on either side of a <br>, is therefore
glued into one word unless whitespace separates the tags: the GSPR row
``<td>14.5</td><td>Samvirke og ...</td>`` is indexed as "14.5samvirke", so neither "14.5" nor
"samvirke" can be found. ``separate_cells`` puts a line break after each cell, row and <br>;
browsers ignore that whitespace, so the page looks exactly the same.

Wire it in the handbook plugin (every plugin's on_page_content runs before the search plugin reads
the page in on_page_context):

    def on_page_content(self, html, *, page, config, files):
        return search.separate_cells(html)
"""

from __future__ import annotations

import re

# A closing cell/row/caption tag or a <br>, directly followed by something other than whitespace.
_GLUE = re.compile(r"(</t[dhr]>|</caption>|<br\s*/?>)(?=[^\s])", re.IGNORECASE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)


def separate_cells(html: str) -> str:
    """``html`` with a newline after every </td>, </th>, </tr>, </caption> and <br> that lacks whitespace; <pre> is left alone."""
    parts = _PRE.split(html)
    return "".join(part if i % 2 else _GLUE.sub("\\1\n", part) for i, part in enumerate(parts))
