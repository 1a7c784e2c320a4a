"""The GSPR matrix at the granularity of Annex I: points follow their requirement unless decided on their own,
and what a device's characteristics make a point expected to be."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from cmd_handbook.derive.applicability import expected
from cmd_handbook.derive.matrix import matrix
from cmd_handbook.load import load_handbook
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.gspr import gspr_csv
from cmd_handbook.rules import run_rules

from .conftest import EXAMPLE, TODAY, edit

DAY = dt.date.fromisoformat(TODAY)


def rows_of(data: Path, group: str) -> dict:
    hb = load_handbook(data)
    return {r.number: r for r in matrix(hb, hb.groups[group])}


def test_a_point_follows_its_requirement_unless_it_has_a_row_of_its_own() -> None:
    rows = rows_of(EXAMPLE, "kroner-broer")
    assert rows["23.4"].state == "not-applicable" and not rows["23.4"].inherited
    assert rows["23.4(b)"].state == "not-applicable" and rows["23.4(b)"].inherited
    assert rows["23.4(b)"].decision is rows["23.4"].own
    assert rows["23.4(aa)"].state == "applicable" and not rows["23.4(aa)"].inherited  # bridges get an implant card


def test_the_substance_limits_only_bind_invasive_body_contact_parts(data: Path) -> None:
    group = load_handbook(data).groups["kroner-broer"]
    points = {r.number: r for r in matrix(load_handbook(data), group)}
    assert group.flags()["cmr_invasive"] and not group.flags()["endocrine_invasive"]
    assert expected(points["10.4.1(a)"].entry, group.flags(), points["10.4.1(a)"].parent) == "yes"
    assert expected(points["10.4.1(b)"].entry, group.flags(), points["10.4.1(b)"].parent) == "no"
    # The same cobalt in a device that only touches the skin: the first paragraph applies, the limit does not.
    edit(data / "device-groups" / "kroner-broer.yml", "invasive: true", "invasive: false")
    skin = load_handbook(data).groups["kroner-broer"]
    flags = skin.flags()
    assert flags["cmr_substance"] and not flags["cmr_invasive"]
    assert expected(points["10.4.1"].entry, flags) == "yes"
    assert expected(points["10.4.1(a)"].entry, flags, points["10.4.1(a)"].parent) == "no"


def test_a_point_is_not_expected_where_its_requirement_is_not(data: Path) -> None:
    rows = rows_of(data, "kroner-broer")
    flags = load_handbook(data).groups["kroner-broer"].flags()
    always = rows["23.4(a)"]  # "always" under 23.4 means: always when an IFU is supplied
    assert always.entry.applicability == "always" and not flags["ifu_supplied"]
    assert expected(always.entry, flags, always.parent) == "no"
    assert not [f for f in run_rules(load_handbook(data), DAY) if f.rule == "GSPR-002"]
    # Supply an IFU: now 23.4's Nei contradicts the device, and so do its "always" points.
    edit(data / "device-groups" / "kroner-broer.yml", "supplied: false", "supplied: true\n  document: KB-13")
    hb = load_handbook(data)
    found = [f.message for f in run_rules(hb, DAY) if f.rule == "GSPR-002" and "Kroner" in f.message]
    assert any("GSPR 23.4 er merket «Nei»" in m for m in found)
    assert any("GSPR 23.4(a) er merket «Nei» (følger 23.4)" in m for m in found)
    assert not any("23.4(d)" in m for m in found)  # the SSCP link never applies to custom-made devices


def test_a_yes_does_not_carry_to_a_point_the_catalogue_rules_out() -> None:
    splints, crowns = rows_of(EXAMPLE, "bittskinner"), rows_of(EXAMPLE, "kroner-broer")
    assert splints["23.2"].state == "applicable"
    udi = splints["23.2(h)"]  # never for custom-made devices
    assert udi.excluded and udi.state == "not-applicable" and not udi.inherited and not udi.open
    assert splints["23.2(f)"].state == "not-applicable"  # no CMR substance in an invasive contact part
    assert crowns["23.2(f)"].state == "applicable" and crowns["23.2(f)"].inherited  # cobalt in CoCr crowns
    # A condition without triggers (a use-by date "where relevant", reprocessed single-use devices) is the
    # company's to state with a row of its own: 23.2's "Ja" says nothing about it.
    assert splints["23.2(i)"].excluded and splints["23.2(o)"].excluded and crowns["10.1(e)"].excluded
    assert splints["23.2(g)"].state == "applicable" and splints["23.2(g)"].inherited  # "always" points carry


def test_a_point_with_a_row_of_its_own_says_what_its_requirement_does_not(data: Path) -> None:
    path = data / "gspr" / "bittskinner.yml"
    with path.open("a", encoding="utf-8") as f:
        f.write('  - gspr: "23.2(i)"\n    applicable: true\n    method:\n      own: "Holdbar i to år"\n'
                '    evidence:\n      - {document: KB-12}\n')
    assert rows_of(data, "bittskinner")["23.2(i)"].state == "applicable"
    ctx = RenderContext(hb=load_handbook(EXAMPLE))
    csv_rows = {r["nr"]: r for r in csv.DictReader(io.StringIO(gspr_csv(ctx, ctx.hb.groups["bittskinner"])))}
    assert csv_rows["23.2(i)"]["relevant"] == "Nei"
    assert csv_rows["23.2(i)"]["begrunnelse"].startswith("Gjelder bare når vilkåret i punktet er oppfylt")
    assert csv_rows["23.2(o)"]["begrunnelse"].startswith("Gjelder normalt ikke individuelt tilpasset utstyr")


def test_the_csv_gives_the_catalogue_reason_for_a_point_ruled_out() -> None:
    ctx = RenderContext(hb=load_handbook(EXAMPLE))
    rows = {r["nr"]: r for r in csv.DictReader(io.StringIO(gspr_csv(ctx, ctx.hb.groups["bittskinner"])))}
    assert (rows["23.2(h)"]["relevant"], rows["23.2(h)"]["som"]) == ("Nei", "")
    assert rows["23.2(h)"]["begrunnelse"] == "Gjelder ikke individuelt tilpasset utstyr"
    assert rows["23.2(s)"]["begrunnelse"] == "Gjelder ikke dette utstyret; utløses av: implanterbart"
    assert rows["23.2(g)"]["relevant"] == "Ja" and rows["23.2(g)"]["som"] == "23.2"
    assert {r["status_katalog"] for r in rows.values()} <= {"bekreftet", "UVERIFISERT", "TOLKNING"}  # as marked
