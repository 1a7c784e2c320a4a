"""The big tables an inspector reads, rendered without MkDocs: the register, traceability, the GSPR matrix and the
document-control block. Every entry is there once, titles stand beside IDs, and the filters offer only what the
reader's handbook holds (an inspector's has nothing internal, not even in an attribute or a drop-down)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest

from cmd_handbook.audience import WITHHELD, for_inspector
from cmd_handbook.derive import paths
from cmd_handbook.derive.legal import legal_ref
from cmd_handbook.load import load_handbook
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.doccontrol import control_block
from cmd_handbook.render.documents import document_register
from cmd_handbook.render.gspr import gspr_page
from cmd_handbook.render.traceability import (
    natural,
    requirement_titles,
    requirements,
    title_of,
    traceability_csv,
    traceability_page,
)

from .conftest import EXAMPLE, TODAY
from .test_snapshot import SENTINEL, plant, plant_internal_group

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext(hb=load_handbook(EXAMPLE), today=DAY)


class Rows(HTMLParser):
    """Rows of the filterable tables: their attributes and text; the filter's options; every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self.texts: list[str] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.ids: list[str] = []
        self._select = ""
        self._option: str | None = None
        self._in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "tr" and "data-hb-row" in a:
            self.rows.append(a)
            self.texts.append("")
            self._in_row = 1
        elif tag == "select":
            self._select = a.get("data-hb-key", "")
            self.options[self._select] = []
        elif tag == "option":
            self._option = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._in_row = 0
        elif tag == "option":
            self._option = None

    def handle_data(self, data: str) -> None:
        if self._in_row:
            self.texts[-1] += data
        if self._option is not None:
            self.options[self._select].append((self._option, data))


def parse(html: str) -> Rows:
    parser = Rows()
    parser.feed(html)
    return parser


def test_register_has_every_document_once_with_its_anchor_in_groups(ctx: RenderContext) -> None:
    page = parse(document_register(ctx))
    expected = [d.id for d in ctx.hb.controlled.values()]
    assert sorted(r["id"] for r in page.rows) == sorted(paths.doc_anchor(i) for i in expected)
    assert len(page.ids) == len(set(page.ids)), "an id is used twice"
    # Grouped: procedures, forms, the company's other documents, each device group, the obsolete ones.
    html = document_register(ctx)
    groups = re.findall(r'<details class="hb-fgroup" id="([^"]+)"', html)
    assert groups[:3] == ["reg-procedures", "reg-forms", "reg-company"] and groups[-1] == "reg-obsolete"
    assert {f"reg-group-{g.id}" for g in ctx.hb.device_groups} <= set(groups)
    obsolete = html.split('id="reg-obsolete"')[1]
    assert "RS-00" in obsolete and "erstattet av" in obsolete


def test_register_filter_offers_exactly_the_kinds_statuses_and_groups_present(ctx: RenderContext) -> None:
    page = parse(document_register(ctx))
    values = {key: [v for v, _ in opts if v] for key, opts in page.options.items()}
    assert set(values["kind"]) == {r["data-kind"] for r in page.rows}
    assert set(values["status"]) == {r["data-status"] for r in page.rows} == {"effective", "draft", "obsolete"}
    assert set(values["group"]) == {r["data-group"] for r in page.rows} == {"-", *ctx.hb.groups}
    assert dict(page.options["kind"])["procedure"] == "Prosedyre"
    # The count the filter starts from is the number of rows.
    assert f"Alle {len(page.rows)} dokumenter" in document_register(ctx)


def test_register_row_reads_as_a_card_and_says_who_approved(ctx: RenderContext) -> None:
    html = document_register(ctx)
    row = re.search(r'<tr data-hb-row id="doc-p-09".*?</tr>', html, re.S)
    assert row, "P-09 has no row"
    labels = re.findall(r'data-label="([^"]+)"', row.group(0))
    assert labels == ["ID", "Dokument", "Versjon", "Eier / godkjent av", "Gjelder fra", "Neste revisjon"]
    assert 'href="prosedyrer/P-09.html"' in row.group(0) and "godkjent av " in row.group(0)


def test_traceability_shows_titles_beside_ids_and_sorts_references_as_read(ctx: RenderContext) -> None:
    html = traceability_page(ctx)
    page = parse(html)
    procs = ctx.hb.procs
    by_ref = {r.ref: r for r in requirements(ctx.hb, "nb")}
    vigilance = by_ref["MDR Art. 10(9)(k)"]
    assert vigilance.title and vigilance.source == "mdr-article" and vigilance.procedures
    row = next(t for t in page.texts if "MDR art. 10(9)(k)" in t)
    assert vigilance.title in row and all(f"{p} {procs[p].title}" in row for p in vigilance.procedures)
    # Annex I points and Annex XIII sections get their catalogue titles; ISO clauses theirs.
    assert by_ref["MDR Annex I 23.2(g)"].title and by_ref["MDR Annex XIII §1"].title == "Erklæringen"
    assert all(r.title for r in by_ref.values() if r.source == "iso")
    # Procedure → forms and evidence, each with its title.
    p15 = next(t for r, t in zip(page.rows, page.texts, strict=True)
               if r["data-part"] == "procedures" and t.startswith("P-15"))
    assert f"F-06 {ctx.hb.controlled['F-06'].title}" in p15
    # Document → what it proves, with the document's title.
    assert any(t.startswith(f"KB-06 {ctx.hb.controlled['KB-06'].title}") for t in page.texts)
    # Sorted as a person reads them.
    refs = [r.ref for r in requirements(ctx.hb, "nb") if r.source == "mdr-article"]
    assert refs.index("MDR Art. 2(3)") < refs.index("MDR Art. 10(1)") < refs.index("MDR Art. 10(9)(a)")
    assert natural("MDR Annex IX") < natural("MDR Annex XIII §1") < natural("MDR Annex XIV")
    assert natural("ISO 13485:2016 7.5.2") < natural("ISO 13485:2016 7.5.10")
    # The filter's parts are the groups, and the count starts from every row.
    assert {r["data-part"] for r in page.rows} == {v for v, _ in page.options["part"] if v}
    assert f"Alle {len(page.rows)} rader" in html


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_requirement_the_example_cites_has_a_title_in_both_languages(ctx: RenderContext, lang: str) -> None:
    untitled = [r.ref for r in requirements(ctx.hb, lang) if not r.title.strip()]
    assert not untitled, f"no title beside {untitled}"
    titles = requirement_titles(ctx.hb, lang)
    # A paragraph without an entry of its own reads as its article; an unknown provision stays untitled.
    assert title_of("MDR Art. 88(1)", titles) == titles["MDR Art. 88"]
    assert title_of("MDR Annex III §1.1(b)", titles) == titles["MDR Annex III §1.1"]
    assert title_of("MDR Art. 15(3)(a)", titles) != titles["MDR Art. 15(3)"]
    assert title_of("MDR Art. 999(1)", titles) == ""


def test_traceability_csv_keeps_one_line_per_requirement_and_procedure(ctx: RenderContext) -> None:
    rows = list(csv.reader(io.StringIO(traceability_csv(ctx))))
    assert rows[0] == ["type", "krav", "tittel", "prosedyre", "skjema", "registreringer", "bevis"]
    page_pairs = {(legal_ref(r.ref, "nb"), p) for r in requirements(ctx.hb, "nb") for p in r.procedures}
    assert {(r[1], r[3]) for r in rows[1:]} == page_pairs  # the page merges nothing away
    assert all(r[2] for r in rows[1:]), "every line names what its requirement is about"
    assert not any(re.search(r"\bArt\.|\bAnnex\b", r[1]) for r in rows[1:]), "references read Norwegian"


def test_gspr_cells_carry_their_column_and_empty_ones_say_so(ctx: RenderContext) -> None:
    html = gspr_page(ctx, ctx.hb.groups["kroner-broer"])
    rows = re.findall(r'<tr id="gspr-[^"]+"[^>]*>(.*?)</tr>', html, re.S)
    assert rows
    for row in rows:
        labels = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S)
        assert [label for label, _ in labels] == ["Nr", "Krav", "Relevant", "Metode/standard", "Referanse"]
        assert all(content.strip() for _, content in labels)
    assert "hb-gspr-wrap" in html and "max-height" not in html and 'role="status"' in html


def test_document_control_is_a_list_of_labelled_values(ctx: RenderContext) -> None:
    block = control_block(ctx, ctx.hb.procs["P-09"])
    assert block.startswith('<dl class="hb-doc-control">') and "<table" not in block and "|" not in block
    assert re.findall(r"<dt>([^<]+)</dt>", block) == [
        "Dokument-ID", "Versjon", "Status", "Gjelder fra", "Eier", "Godkjent av", "Neste revisjon"]


@pytest.fixture(scope="module")
def inspector(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderContext, RenderContext]:
    """The example with internal entries planted (an internal group, procedure, documents, evidence), as the
    intranet and as an inspector's snapshot see it."""
    import shutil

    data = tmp_path_factory.mktemp("inspector") / "data"
    shutil.copytree(EXAMPLE, data)
    plant(data)
    plant_internal_group(data)
    register = data / "documents.yml"  # a document of the internal group
    register.write_text(register.read_text(encoding="utf-8").rstrip() + f"""

  - id: IG-01
    title: Intern plan {SENTINEL}-group-doc
    kind: ifu-exemption
    device_group: intern-gruppe
    version: "1.0"
    status: effective
    owner: marte-haugland
    approver: ingrid-solheim
    effective: 2026-01-01
""", encoding="utf-8")
    hb = load_handbook(data)
    return (RenderContext(hb=hb, today=DAY),
            RenderContext(hb=for_inspector(hb), today=DAY, audience="inspector"))


def test_the_inspectors_tables_and_filters_hold_nothing_internal(inspector: tuple[RenderContext, RenderContext]) -> None:
    internal, public = inspector
    gone = [d.id for d in internal.hb.controlled.values() if d.id not in public.hb.controlled]
    assert {"PRRC-01", "PRRC-02", "P-90", "IG-01"} <= set(gone)
    intranet = document_register(internal) + traceability_page(internal)
    assert "intern-gruppe" in intranet and "P-90" in intranet  # the planting reaches the intranet's tables
    for html in (document_register(public), traceability_page(public),
                 *(gspr_page(public, g) for g in public.hb.device_groups)):
        page = parse(html)
        assert SENTINEL not in html and WITHHELD not in html and "intern-gruppe" not in html
        for doc_id in gone:
            assert not re.search(rf"(?<![\w-]){re.escape(doc_id)}(?![\w-])", html), doc_id
        offered = {v for opts in page.options.values() for v, _ in opts}
        assert "intern-gruppe" not in offered and WITHHELD not in offered
        assert all("intern" not in value for row in page.rows for key, value in row.items() if key.startswith("data-"))
    # A public row citing an internal document shows "internal document", without its ID.
    assert "internt dokument" in gspr_page(public, public.hb.groups["kroner-broer"])


def test_english_labels() -> None:
    hb = load_handbook(EXAMPLE)
    ctx = RenderContext(hb=hb, lang="en", today=DAY)
    register = document_register(ctx)
    assert "Search by ID, title or content" in register and "All " in register and "Device group: " in register
    assert "Requirements in the MDR articles" in traceability_page(ctx)
    assert "<dt>Document ID</dt>" in control_block(ctx, hb.procs["P-09"])
