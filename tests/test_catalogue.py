"""The regulatory catalogue shipped with the generator: complete, referenced, honest about what is unverified."""

from __future__ import annotations

import re
from pathlib import Path

from cmd_handbook.catalogue import load_catalogue

# The numbering the fact sheet lists for MDR Annex I (chapters I-III).
EXPECTED_GSPR = (
    [str(n) for n in range(1, 10)]
    + ["10.1", "10.2", "10.3", "10.4.1", "10.4.2", "10.4.3", "10.4.4", "10.4.5", "10.5", "10.6"]
    + [f"11.{n}" for n in range(1, 9)] + ["12.1", "12.2"] + [f"13.{n}" for n in range(1, 4)]
    + [f"14.{n}" for n in range(1, 8)] + ["15.1", "15.2"] + [f"16.{n}" for n in range(1, 5)]
    + [f"17.{n}" for n in range(1, 5)] + [f"18.{n}" for n in range(1, 9)] + [f"19.{n}" for n in range(1, 5)]
    + [f"20.{n}" for n in range(1, 7)] + [f"21.{n}" for n in range(1, 4)] + [f"22.{n}" for n in range(1, 4)]
    + ["23.1", "23.2", "23.3", "23.4"]
)


def letters(last: str) -> list[str]:
    out = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    return out[: out.index(last) + 1] if len(last) == 1 else out + ["aa", "ab"][: ["aa", "ab"].index(last) + 1]


def test_gspr_numbering_is_complete_and_in_order() -> None:
    assert [g.number for g in load_catalogue().gspr.requirements] == EXPECTED_GSPR


def test_label_and_ifu_particulars_are_complete() -> None:
    gspr = {g.number: g for g in load_catalogue().gspr.requirements}
    assert [p.letter for p in gspr["23.2"].particulars] == letters("s")
    assert [p.letter for p in gspr["23.3"].particulars] == letters("j")
    assert [p.letter for p in gspr["23.4"].particulars] == letters("ab")


def test_custom_made_specifics() -> None:
    gspr = {g.number: g for g in load_catalogue().gspr.requirements}
    label = {p.letter: p for p in gspr["23.2"].particulars}
    assert label["h"].applicability == "not-applicable-cmd"  # no UDI
    assert label["p"].applicability == "always"
    assert "individuelt tilpasset utstyr" in (label["p"].custom_made or label["p"].title).nb.lower()
    substances = gspr["10.4.1"]  # first paragraph for every device; the 0.1 % limits only for invasive contact parts
    assert substances.applicability == "always"
    assert {p.letter: p.triggers for p in substances.particulars} == {"a": ["cmr_invasive"], "b": ["endocrine_invasive"]}
    assert set(gspr["22.1"].triggers) >= {"lay_user"}


def test_every_entry_has_a_legal_reference_and_both_languages() -> None:
    cat = load_catalogue()
    entries = [*cat.gspr.requirements, *cat.qms_elements, *cat.prrc.routes, *cat.prrc.duties, *cat.pms,
               *cat.vigilance.deadlines, *cat.vigilance.notes, *cat.glossary, *cat.references, *cat.annex13.sections,
               *cat.annex13.statement_items, *cat.transitions, *cat.prrc.enterprise_sizes, *cat.provisions,
               *(p for g in cat.gspr.requirements for p in g.particulars)]
    for entry in entries:
        assert entry.ref.strip(), entry
        if not hasattr(entry, "title") and not hasattr(entry, "definition") and not hasattr(entry, "text"):
            continue  # a threshold: reference and figures only
        title = getattr(entry, "title", None) or getattr(entry, "definition", None) or getattr(entry, "text", None)
        assert title.nb.strip() and title.en.strip(), entry


def test_unverified_items_from_the_fact_sheet_stay_marked() -> None:
    cat = load_catalogue()
    gspr = {g.number: g for g in cat.gspr.requirements}
    assert gspr["13.2"].status == "unverified"  # intact-skin leather, fact sheet §1
    assert all(e.status_note for e in [*cat.gspr.requirements, *cat.references] if e.status != "verified")
    duties = {d.id: d for d in cat.prrc.duties}
    assert duties["annex13-statement"].status == "interpretation"


def test_law_numbers_for_the_core_rules() -> None:
    cat = load_catalogue()
    assert [(d.days, re.sub(r"\s", "", d.ref)) for d in sorted(cat.vigilance.deadlines, key=lambda d: d.days)] == [
        (2, "MDRArt.87(4)"), (10, "MDRArt.87(5)"), (15, "MDRArt.87(3)")]
    assert {(r.device_class, r.document, r.interval_months) for r in cat.pms} == {
        ("I", "pms-report", None), ("IIa", "psur", 24), ("IIb", "psur", 12), ("III", "psur", 12)}
    assert (cat.annex13.retention.default_years, cat.annex13.retention.implantable_years) == (10, 15)
    assert [s.number for s in cat.annex13.sections] == [1, 2, 3, 4, 5]
    assert [e.id for e in cat.qms_elements] == list("abcdefghijklm")
    assert not {e.id: e for e in cat.qms_elements}["h"].applies_to_custom_made
    custom = {r.id: r for r in cat.prrc.routes}["custom-made"]
    assert custom.years_required == 2 and custom.custom_made_only


def test_superseded_standards_point_at_their_successor() -> None:
    refs = {r.id: r for r in load_catalogue().references}
    superseded = [r for r in refs.values() if r.superseded_by]
    assert superseded, "the catalogue should know superseded editions so rows citing them can be flagged"
    for r in superseded:
        assert r.superseded_by in refs and refs[r.superseded_by].kind == "standard"


def test_the_changelog_lists_every_catalogue_change_with_its_source() -> None:
    """A company deciding whether to upgrade reads CHANGELOG.md: it must not leave out a change `check` reports."""
    text = (Path(__file__).resolve().parent.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    cat = load_catalogue()
    assert f"regulatory catalogue {cat.version}" in text
    for version in cat.changes:
        for change in version.changes:
            assert f"| {change.what.en} | {change.source} |" in text, change.id


def test_the_lettered_points_of_annex_i_are_rows() -> None:
    """The letters are checked against the Annex I text; 77 requirements and 118 points make 195 rows."""
    gspr = {g.number: g for g in load_catalogue().gspr.requirements}
    expected = {"3": "f", "4": "c", "5": "b", "10.1": "h", "10.4.1": "b", "10.4.2": "d", "23.1": "h"}
    for number, last in expected.items():
        assert [p.letter for p in gspr[number].particulars] == letters(last), number
    assert len(gspr) + sum(len(g.particulars) for g in gspr.values()) == 195


def test_corrected_summaries_say_what_annex_i_says() -> None:
    gspr = {g.number: g for g in load_catalogue().gspr.requirements}
    assert gspr["18.1"].title.en.startswith("Non-implantable active devices")
    assert "maintenance/calibration is impossible" in {p.letter: p for p in gspr["19.1"].particulars}["c"].title.en
    assert "compatibility with the substances" in gspr["19.2"].title.en and "energy source" in gspr["19.2"].title.en
    assert "identifiable, so that action can be taken" in gspr["19.3"].title.en
    assert "readable without surgery" in gspr["19.4"].title.en
    side_effects = next(n for n in load_catalogue().vigilance.notes if n.ref.startswith("MDR Art. 87(1)(a)"))
    assert "quantified in the technical documentation" in side_effects.text.en


def test_catalogue_changes_speak_to_readers_not_to_the_data() -> None:
    """The references page lists the catalogue's changes to whoever reads the handbook, inspectors included: no
    field or file names (those are in CHANGELOG.md's upgrading notes, for whoever edits the data)."""
    internal = re.compile(r"\b[a-z]+_[a-z_]+\b|\b\w+\.ya?ml\b")
    for version in load_catalogue().changes:
        for change in version.changes:
            for text in (change.what.nb, change.what.en):
                assert not internal.search(text), (change.id, text)
