"""The inspector opens handbok.pdf from the snapshot: a cover, contents whose page numbers are right, bookmarks,
a title, numbered procedure steps, blank forms, no download links, and no word cut in two without a hyphen.

One snapshot of the example for the whole module; the text is read back with poppler (pdftotext, pdfinfo), the
bookmarks with the handbook's own reader of Chromium's PDF (pdffile.py), each checked against pdftotext.
(That two snapshots are byte-identical, PDF included, is tests/test_snapshot.py's.)
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from cmd_handbook.commands.pdffile import PdfFile

from ..build_helpers import copy_project
from ..conftest import run_cli
from .conftest import CHROMIUM, missing

COMPANY = "Vestbrygge Tannteknikk AS"
WORD = r"[A-Za-zÆØÅæøåÄÖÜäöüÉé]+"


@dataclass(frozen=True)
class Snapshot:
    pdf: Path
    site: Path  # the unpacked snapshot: the pages the PDF was printed from

    @cache  # noqa: B019 (one snapshot per module)
    def page(self, number: int, layout: bool = False) -> str:
        return pdftotext(self.pdf, "-f", str(number), "-l", str(number), *(["-layout"] if layout else []))

    @cache  # noqa: B019
    def text(self, *options: str) -> str:
        return pdftotext(self.pdf, *options)

    @cache  # noqa: B019
    def pages(self) -> int:
        info = subprocess.run(["pdfinfo", str(self.pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    if not CHROMIUM.is_file():
        missing(f"the PDF needs Debian's chromium at {CHROMIUM}")
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        missing("reading the PDF needs poppler-utils (pdftotext, pdfinfo)")
    project = copy_project(tmp_path_factory.mktemp("inspector-pdf"))
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(project)
        result = run_cli("snapshot", "--data", str(project / "data"), "--release", "2026.2", "--out", str(project / "dist"))
    finally:
        mp.undo()
    assert result.code == 0, result.err
    unpacked = project / "unpacked"
    with zipfile.ZipFile(result.out.strip().splitlines()[-1]) as zf:
        zf.extractall(unpacked)
    pdf = next(unpacked.rglob("handbok.pdf"))
    return Snapshot(pdf, pdf.parent)


def contents(snap: Snapshot) -> list[tuple[str, int]]:
    """The contents as printed: (title, page number), read from the pages after the cover up to the first part."""
    entries: list[tuple[str, int]] = []
    pending = ""
    number = 2
    while number < snap.pages() and (not entries or number < entries[0][1]):
        for line in snap.page(number, layout=True).splitlines():
            line = line.strip()
            if not line or line == "Innhold" or re.search(r"\d+ / \d+$", line):  # heading, footer
                continue
            found = re.fullmatch(r"(.*?)\s+(\d+)", line)
            if found:
                entries.append((flat(f"{pending} {found.group(1)}"), int(found.group(2))))
                pending = ""
            else:
                pending = f"{pending} {line}"  # a long title wrapped onto the next line
        number += 1
    return entries


def starts_page(snap: Snapshot, title: str, number: int) -> bool:
    """The title is among the first lines of the page (a part begins on a new page): the heading, not a mention."""
    head = flat(" ".join(snap.page(number).splitlines()[:6]))
    return flat(title).casefold() in head.casefold()


def test_the_cover_is_a_page_of_its_own(snap: Snapshot) -> None:
    from cmd_handbook import __version__
    from cmd_handbook.catalogue import catalogue_version

    cover = flat(snap.page(1))
    for line in (COMPANY, "Kvalitetshåndbok", "Organisasjonsnummer 924 861 533", "Vestbryggen 14, 5003 Bergen, Norge",
                 "Versjon 2026.2 – 01.12.2026 – godkjent av Ingrid Solheim",
                 "Publisert øyeblikksbilde for tilsynsmyndigheten",
                 f"Laget med cmd-handbook {__version__}, regelverkskatalog {catalogue_version()}"):
        assert line in cover, line
    assert cover.startswith(COMPANY)  # nothing above the company's name (a form's head line once landed there)
    assert f"1 / {snap.pages()}" not in cover  # no page footer on the cover
    assert snap.page(2).lstrip().startswith("Innhold")


def test_the_contents_give_the_page_where_each_part_begins(snap: Snapshot) -> None:
    entries = contents(snap)
    titles = [t for t, _ in entries]
    for title in ("Virksomheten og kvalitetssystemet", "Utstyrsgrupper", "Prosedyrer", "P-07 Produksjon og prosessvalidering",
                  "Roller", "Skjema", "Klage og tilbakemelding", "Dokumentregister", "Ordliste"):
        assert title in titles, title
    assert len(entries) >= 50
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[-1] <= snap.pages()
    wrong = [(t, n) for t, n in entries if not starts_page(snap, t, n)]
    assert not wrong, f"{len(wrong)} contents entries name a page their part does not begin on: {wrong[:5]}"
    assert "¶" not in snap.text()


def test_bookmarks_follow_the_chapters_and_pages(snap: Snapshot) -> None:
    pdf = PdfFile.parse(snap.pdf.read_bytes())
    outline = pdf.outline()
    top = [title for depth, title, _, _ in outline if depth == 0]
    for chapter in ("Innhold", COMPANY, "Utstyrsgrupper", "Prosedyrer", "Roller", "Sjekklister", "Skjema",
                    "Dokumentregister", "Sporbarhet", "Ordliste"):
        assert chapter in top, chapter
    under = {}
    for depth, title, _, _ in outline:
        if depth == 0:
            chapter = title
        elif depth == 1:
            under.setdefault(chapter, []).append(title)
    assert "P-07 Produksjon og prosessvalidering" in under["Prosedyrer"] and "Daglig leder" in under["Roller"]
    assert "GSPR-matrise (krav til sikkerhet og ytelse): Avtakbare proteser" in [t for _, t, _, _ in outline]  # spaces kept
    # Each bookmark goes to the page its heading is on; each line of the contents has its bookmark, to the same page.
    printed = contents(snap)
    marks = {(title, number) for _, title, number, _ in outline}
    assert not [entry for entry in printed if entry not in marks]
    for _, title, number, _ in outline:
        if (title, number) in printed:  # a chapter or page: it begins there
            assert starts_page(snap, title, number), (title, number)
        else:  # a heading inside a page
            assert flat(title).casefold() in flat(snap.page(number)).casefold(), (title, number)
    # Chapters open on their pages; a page's own headings start folded.
    state: dict[str, bool | None] = {}
    for _, title, _, is_open in outline:
        state.setdefault(title, is_open)  # the first: "Prosedyrer" is also a heading on the changes page
    assert state["Prosedyrer"] is True and state["Roller"] is True
    assert state["P-07 Produksjon og prosessvalidering"] is False and state["Virksomheten og kvalitetssystemet"] is False


def test_the_document_information_names_the_handbook(snap: Snapshot) -> None:
    info = subprocess.run(["pdfinfo", "-isodates", str(snap.pdf)], capture_output=True, text=True, check=True)
    fields = dict(re.findall(r"^(\w+):\s+(.*?)\s*$", info.stdout, re.M))
    assert fields["Title"] == f"Kvalitetshåndbok – {COMPANY} – versjon 2026.2"
    assert fields["Author"] == COMPANY
    assert fields["Subject"] == "Publisert øyeblikksbilde for tilsynsmyndigheten"
    assert fields["CreationDate"].startswith("2026-12-01T00:00:00") and fields["ModDate"] == fields["CreationDate"]
    assert not info.stderr.strip(), info.stderr  # poppler reads the rewritten file without complaint


def test_procedure_steps_keep_their_numbers(snap: Snapshot) -> None:
    start = dict(contents(snap))["P-01 Dokumentstyring og registre"]
    text = snap.page(start, layout=True) + snap.page(start + 1, layout=True)
    for number, role in ((1, "Kvalitetsleder"), (2, "Daglig leder"), (3, "Kvalitetsleder")):
        assert re.search(rf"^\s*{number}\.?\s+{role}:", text, re.M), (number, role)


def test_no_download_links_and_the_forms_are_blank(snap: Snapshot) -> None:
    text = snap.text()
    for gone in ("Last ned som CSV", "(fyll ut)", "fyll ut)", "mm/dd/yyyy", "dd.mm.åååå", "¶", "Gå til siden",
                 "lagres bare i denne nettleseren"):
        assert gone not in text, gone
    assert not re.search(r"\b\d+ av \d+ utført", text), "a checklist's on-screen progress"
    start = dict(contents(snap))["Klage og tilbakemelding"]
    form = flat(snap.page(start))
    assert form.startswith(COMPANY) or form.startswith("Klage og tilbakemelding")
    assert "Mottatt dato" in form  # the labels are there, with lines and boxes to write in


def test_no_word_is_cut_without_a_hyphen(snap: Snapshot) -> None:
    """Every line that ends inside a word: the two halves make a word of the handbook, and are not words alone."""
    words: set[str] = set()
    for page in snap.site.rglob("*.html"):
        words.update(w.casefold() for w in re.findall(WORD, html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8")))))
    lines = [line.strip() for line in snap.text("-raw").splitlines()]
    cut = []
    for line, following in pairwise(lines):
        end, start = re.search(f"({WORD})$", line), re.match(f"({WORD})", following)
        if end and start:
            a, b = end.group(1).casefold(), start.group(1).casefold()
            if a + b in words and not (a in words and b in words):
                cut.append(f"{line[-25:]} | {following[:25]}")
    assert not cut, f"{len(cut)} words cut without a hyphen: {cut[:8]}"
    # Long words of narrow columns (GSPR methods and references, the document register) read whole.
    joined = re.sub(r"[-‐]\n", "", snap.text("-raw"))
    for word in ("gjennomføringsbeslutning", "Sementeringsanbefaling", "Leverandørdokumentasjon", "risikostyringsplan"):
        if word.casefold() in words:
            assert word.casefold() in joined.casefold(), word
