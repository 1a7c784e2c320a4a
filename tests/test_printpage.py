"""The print page the PDF is made from (macros/commands/printpage.py), on a small built site: navigation order and
depth, what is left out on paper, links between the copies, the contents, the cover."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cmd_handbook.commands.printpage import Cover, contents, headings, navigation, print_page, walk

NAV = """
<nav class="md-nav md-nav--primary" aria-label="Navigasjon" data-md-level="0">
 <label class="md-nav__title">Kvalitetshåndbok</label>
 <ul class="md-nav__list">
  <li class="md-nav__item md-nav__item--active">
   <label class="md-nav__link md-nav__link--active" for="__toc"><span class="md-ellipsis"> Start </span></label>
   <a href="index.html" class="md-nav__link md-nav__link--active"><span class="md-ellipsis"> Start </span></a>
   <nav class="md-nav md-nav--secondary" aria-label="Innholdsliste"><ul class="md-nav__list">
     <li class="md-nav__item"><a href="#slik" class="md-nav__link"><span class="md-ellipsis">Slik</span></a></li>
   </ul></nav>
  </li>
  <li class="md-nav__item md-nav__item--section md-nav__item--nested">
   <div class="md-nav__link md-nav__container"><a href="kap/index.html" class="md-nav__link ">
    <span class="md-ellipsis"> Kapittel </span></a></div>
   <nav class="md-nav" data-md-level="1"><label class="md-nav__title">Kapittel</label><ul class="md-nav__list">
    <li class="md-nav__item"><a href="kap/en.html" class="md-nav__link"><span class="md-ellipsis">En</span></a></li>
    <li class="md-nav__item md-nav__item--nested">
     <label class="md-nav__link" for="__nav_2_3"><span class="md-ellipsis"> Proteser </span></label>
     <nav class="md-nav" data-md-level="2"><ul class="md-nav__list">
      <li class="md-nav__item"><a href="kap/proteser.html" class="md-nav__link"><span class="md-ellipsis">Proteser</span></a></li>
      <li class="md-nav__item"><a href="kap/gspr.html" class="md-nav__link"><span class="md-ellipsis">GSPR</span></a></li>
     </ul></nav>
    </li>
   </ul></nav>
  </li>
  <li class="md-nav__item md-nav__item--section md-nav__item--nested">
   <label class="md-nav__link" for="__nav_3"><span class="md-ellipsis"> Roller </span></label>
   <nav class="md-nav" data-md-level="1"><ul class="md-nav__list">
    <li class="md-nav__item"><a href="roller/leder.html" class="md-nav__link"><span class="md-ellipsis">Leder</span></a></li>
    <li class="md-nav__item"><a href="roller/borte.html" class="md-nav__link"><span class="md-ellipsis">Borte</span></a></li>
   </ul></nav>
  </li>
 </ul>
</nav>"""


def page(title: str, body: str = "", nav: str = "") -> str:
    return (f'<html lang="nb" class="no-js"><head><title>x</title></head>'
            f'<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo">{nav}'
            f'<article class="md-content__inner md-typeset"><h1 id="t">{title}<a class="headerlink" href="#t" '
            f'title="Permanent link">¶</a></h1>{body}</article></body></html>')


STEP = ('<ol><li><span id="P-01-s1"></span><strong><a href="../roller/leder.html">Leder</a>:</strong> Skjema: '
        '<a href="../dokumenter.html#doc-f-12">F-12 Opplæringslogg</a> (<a href="../skjema/F-12.html">fyll ut</a>)'
        '</li><li>Skjema: F-13 Erklæring (<a href="../skjema/F-13.html">fyll ut</a>)</li></ol>')


@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = {
        "index.html": page("Start &amp; mål", "<h2 id=\"slik\">Slik</h2>", NAV),
        "kap/index.html": page("Kapittel"),
        "kap/en.html": page("En side", '<p><a href="gspr.csv" download>Last ned som CSV</a></p>'
                            '<p><a href="proteser.html#mat">Materialer</a>, <a href="https://eur-lex.europa.eu/">MDR</a>, '
                            '<a href="../mangler.html">borte</a></p><style>@page { margin: 0 }</style>' + STEP),
        "kap/proteser.html": page("Proteser", '<h2 id="mat">Materialer</h2><h3 id="d">Detalj</h3>'),
        "kap/gspr.html": page("<abbr title=\"x\">GSPR</abbr>-matrise: Proteser"),
        "roller/leder.html": page("Leder"),
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_navigation_is_read_in_order_with_its_depth(site: Path) -> None:
    tree = [(depth, node.title, node.page) for depth, node in walk(navigation(site))]
    assert tree == [(0, "Start", "index.html"), (0, "Kapittel", "kap/index.html"), (1, "En", "kap/en.html"),
                    # a group whose first page has its title is that page, with the rest under it
                    (1, "Proteser", "kap/proteser.html"), (2, "GSPR", "kap/gspr.html"),
                    (0, "Roller", None), (1, "Leder", "roller/leder.html")]  # "Borte" is not in the site


def test_contents_and_sections(site: Path) -> None:
    entries, sections = contents(site)
    assert [(e.depth, e.title, e.has_children) for e in entries] == [
        (0, "Start & mål", False), (0, "Kapittel", True), (1, "En side", False), (1, "Proteser", True),
        (2, "GSPR-matrise: Proteser", False), (0, "Roller", True), (1, "Leder", False)]
    assert len(sections) == 6 and all(s.startswith('<section class="pdf-page" id="p-') for s in sections)
    roles = sections[-1]
    assert roles.index('role="heading" aria-level="1"') < roles.index("<h1 aria-level=\"2\"")  # the group, then its page
    assert f'id="{entries[5].anchor}"' in roles
    one = sections[2]
    assert "¶" not in "".join(sections) and "headerlink" not in one
    assert "Last ned som CSV" not in one and "fyll ut" not in one and "@page" not in one
    assert '<a href="#p-kap-proteser--mat">Materialer</a>' in one
    assert '<a href="https://eur-lex.europa.eu/">MDR</a>' in one
    assert "<a >borte</a>" in one  # not in the PDF: text, no link
    assert '<a href="#p-roller-leder">Leder</a>' in one and "F-12 Opplæringslogg</a></li>" in one
    assert "<li>Skjema: F-13 Erklæring</li>" in one  # a register entry that is not a link keeps its text
    assert '<span id="p-kap-en--P-01-s1">' in one
    proteser = sections[3]
    assert '<h1 aria-level="2" id="p-kap-proteser--t">' in proteser and '<h3 aria-level="4"' in proteser


COVER = Cover(company="Vestbrygge <Tannteknikk> & Co", title="Kvalitetshåndbok",
              facts=("Organisasjonsnummer 924 861 533", "Vestbryggen 14, 5003 Bergen, Norge"),
              release=("Versjon 2026.2 – 01.12.2026 – godkjent av Ingrid Solheim",),
              audience="Publisert øyeblikksbilde for tilsynsmyndigheten", made_with="Laget med cmd-handbook 0.2.0")


def render(site: Path, pages: dict[str, int]) -> str:
    entries, sections = contents(site)
    return print_page(site, title="Kvalitetshåndbok – <x> – versjon 2026.2", cover=COVER, footer='A "quoted" footer',
                      entries=entries, sections=sections, pages=pages)


def test_the_print_page(site: Path) -> None:
    entries, _ = contents(site)
    blank = render(site, {})
    numbered = render(site, {e.anchor: 3 + i for i, e in enumerate(entries)})
    assert '<html lang="nb" dir="ltr">' in blank and '<body class="hb-pdf md-typeset" data-md-color-scheme="default"' in blank
    assert "<title>Kvalitetshåndbok – &lt;x&gt; – versjon 2026.2</title>" in blank
    assert "Vestbrygge &lt;Tannteknikk&gt; &amp; Co" in blank and "<Tannteknikk>" not in blank
    assert 'content: "A \\22 quoted\\22  footer"' in blank  # the footer cannot end its CSS string
    assert blank.index("pdf-cover") < blank.index('id="pdf-toc-heading">Innhold') < blank.index('class="pdf-page"')
    # The numbers fill boxes that are there, empty, in the first print: nothing else changes.
    assert re.sub(r'<span class="pdf-toc-page">\d+</span>', '<span class="pdf-toc-page"></span>', numbered) == blank
    assert '<a href="#p-kap-index"><span class="pdf-toc-title">Kapittel</span><span class="pdf-toc-dots"></span>' \
           '<span class="pdf-toc-page">4</span></a>' in numbered
    assert "Start &amp; mål" in numbered and "Start & mål" not in numbered
    assert headings(blank)[:3] == ["Innhold", "Start & mål", "Slik"] and "Roller" in headings(blank)


def test_an_english_handbook_gets_english_words(site: Path) -> None:
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace('lang="nb"', 'lang="en"'), encoding="utf-8")
    assert 'id="pdf-toc-heading">Contents</h1>' in render(site, {}) and '<html lang="en"' in render(site, {})
