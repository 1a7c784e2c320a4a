"""Glossary tooltips: the first use of a term in a page's running text gets one, and nothing else does.

``Tooltips.mark`` rewrites a page's HTML after Markdown; these tests feed it HTML as Markdown writes it and read
what a reader would see underlined, and what the tooltip says.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cmd_handbook.catalogue import load_catalogue
from cmd_handbook.render.glossary import Term, Tooltips

INCIDENT = Term("hendelse", ["hendelse", "hendelsen", "hendelser", "hendelsene"], "hendelse: Enhver funksjonsfeil")
SERIOUS = Term("alvorlig-hendelse", ["alvorlig hendelse", "alvorlige hendelser", "alvorlige hendelsen"],
               "alvorlig hendelse: Dødsfall eller alvorlig forverring")
PMS = Term("pms", ["overvåking etter at utstyret er brakt i omsetning", "PMS"], "PMS: Overvåking")
TIPS = Tooltips([INCIDENT, SERIOUS, PMS])


class _Marks(HTMLParser):
    """(marked text, tooltip) for every <abbr>, and the text outside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, str]] = []
        self._title: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "abbr":
            self._title, self._text = dict(attrs).get("title") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag == "abbr" and self._title is not None:
            self.marks.append(("".join(self._text), self._title))
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._text.append(data)


def marks(html: str, tips: Tooltips = TIPS) -> list[tuple[str, str]]:
    parser = _Marks()
    parser.feed(tips.mark(html))
    return parser.marks


def marked(html: str, tips: Tooltips = TIPS) -> list[str]:
    return [text for text, _ in marks(html, tips)]


def test_only_the_first_use_on_a_page_is_marked() -> None:
    html = ("<p>En hendelse meldes.</p><p>Hendelsen vurderes, og hendelser telles.</p>"
            "<ul><li>hendelse</li></ul>")
    assert marked(html) == ["hendelse"]


def test_the_longest_term_wins_and_keeps_its_own_definition() -> None:
    html = "<p>Alvorlige hendelser meldes til DMP.</p>"
    assert marks(html) == [("Alvorlige hendelser", SERIOUS.title)]


def test_a_shorter_term_inside_a_longer_one_already_marked_is_not_marked_either() -> None:
    html = "<p>Alvorlige hendelser meldes.</p><p>Alle alvorlige hendelser telles. Så en hendelse.</p>"
    assert marked(html) == ["Alvorlige hendelser", "hendelse"]


def test_inflected_forms_and_any_case_are_found() -> None:
    assert marked("<p>Hendelsene samles i PMS.</p>") == ["Hendelsene", "PMS"]
    assert marked("<p>Vi bruker Overvåking etter at utstyret\ner brakt i omsetning.</p>") == [
        "Overvåking etter at utstyret\ner brakt i omsetning"]


def test_abbreviations_match_only_as_written() -> None:
    assert marked("<p>pms er ikke PMS-plan, men PMS er.</p>") == ["PMS"]


def test_whole_words_only() -> None:
    assert marked("<p>Hendelsesloggen og forhendelse og hendelse-ID, men ikke &hendelse;.</p>") == []


@pytest.mark.parametrize("wrapper", [
    "<h1>{}</h1>", "<h2 id='x'>{}</h2>", "<h6>{}</h6>", "<a href='#'>{}</a>", "<code>{}</code>", "<pre>{}</pre>",
    "<table><thead><tr><th>{}</th></tr></thead></table>", "<abbr title='x'>{}</abbr>", "<label>{}</label>",
    "<button>{}</button>", "<select><option>{}</option></select>", "<textarea>{}</textarea>",
    "<script>var x = '{}';</script>", "<style>/* {} */</style>", "<nav>{}</nav>", "<summary>{}</summary>",
    "<p class=\"admonition-title\">{}</p>", "<!-- {} -->", "<p><a href='#'><strong>{}</strong></a></p>",
])
def test_never_in_headings_links_code_controls_or_scripts(wrapper: str) -> None:
    html = wrapper.format("en alvorlig hendelse")
    assert TIPS.mark(html) == html


def test_a_term_in_a_heading_is_marked_where_the_text_first_uses_it() -> None:
    html = "<h1>Alvorlige hendelser</h1><table><tr><th>Hendelse</th></tr><tr><td>en hendelse</td></tr></table>"
    out = TIPS.mark(html)
    assert out.startswith("<h1>Alvorlige hendelser</h1><table><tr><th>Hendelse</th>")
    assert marked(html) == ["hendelse"]


def test_attributes_are_never_touched() -> None:
    html = ('<p title="en hendelse" data-x=\'hendelse > hendelse\'><img alt="hendelse">'
            '<input value="hendelse"> og så hendelse</p>')
    out = TIPS.mark(html)
    assert out.startswith('<p title="en hendelse" data-x=\'hendelse > hendelse\'><img alt="hendelse">'
                          '<input value="hendelse"> og så <abbr')
    assert marked(html) == ["hendelse"]


def test_text_after_a_skipped_element_is_marked_again() -> None:
    html = "<p><code>hendelse</code> og <a href='#'>PMS</a>, <br/>så PMS og hendelse</p>"
    assert marked(html) == ["PMS", "hendelse"]


def test_a_stray_end_tag_does_not_switch_marking_off_or_on() -> None:
    assert marked("<p>x</h2> en hendelse</p>") == ["hendelse"]
    assert TIPS.mark("<h2>a</p> hendelse</h2>") == "<h2>a</p> hendelse</h2>"


def test_the_definition_is_escaped_in_the_attribute() -> None:
    payload = 'Farlig "<script>alert(1)</script>" & \'{{ x }}\' <img src=x onerror=alert(2)>'
    tips = Tooltips([Term("x", ["hendelse"], payload)])
    out = tips.mark("<p>En hendelse.</p>")
    assert "<script>" not in out and "<img" not in out and "{{" not in out
    assert marks("<p>En hendelse.</p>", tips) == [("hendelse", payload)]
    assert re.fullmatch(r'<p>En <abbr title="[^"<>]*">hendelse</abbr>\.</p>', out)


def test_the_page_text_is_unchanged_apart_from_the_marks() -> None:
    html = "<p>Alvorlige hendelser &amp; hendelser &lt;b&gt; i PMS.</p>"
    out = TIPS.mark(html)
    assert re.sub(r"</?abbr[^>]*>", "", out) == html


def test_no_terms_no_change() -> None:
    assert Tooltips([]).mark("<p>hendelse</p>") == "<p>hendelse</p>"


def test_the_catalogue_glossary_marks_a_procedure_once_per_term() -> None:
    cat = load_catalogue()
    tips = Tooltips([Term(g.id, [g.nb, *g.forms_nb], g.definition.nb) for g in cat.glossary])
    html = ("<h1>P-15 Alvorlige hendelser og korrigerende sikkerhetstiltak</h1>"
            "<p>Sikre at alvorlige hendelser og korrigerende sikkerhetstiltak (FSCA) meldes til DMP.</p>"
            "<p>Alle hendelser og alle FSCA. En alvorlig hendelse meldes til DMP.</p>")
    assert marked(html, tips) == ["alvorlige hendelser", "korrigerende sikkerhetstiltak", "DMP", "hendelser"]


def test_the_big_tables_are_not_prose_and_are_passed_over() -> None:
    """The GSPR matrix, the register and traceability (class hb-table) get no marks; the text after them does."""
    html = ('<table class="hb-table hb-gspr"><tr><td>alvorlig hendelse</td></tr></table>'
            "<p>Meld en alvorlig hendelse straks.</p>")
    assert marked(html) == ["alvorlig hendelse"]
    assert "<td>alvorlig hendelse</td>" in TIPS.mark(html)
