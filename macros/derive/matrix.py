"""A device group's GSPR matrix at the granularity of MDR Annex I: every requirement and every lettered point.

The data stays short: a company decides a requirement (``gspr: "10.1"``) and the decision applies to each of
its points, unless the point has a row of its own (``gspr: "10.1(c)"``). Pages, CSV, counts, filters, rules
and the Annex XIII statement all work on these rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..catalogue.model import Gspr, GsprCatalogue, LabelCheck, Particular
from ..model.devices import DeviceGroup
from ..model.gspr import GsprRow
from ..model.handbook import Handbook
from .applicability import carries_yes, expected

State = Literal["applicable", "not-applicable", "undecided"]


def point_number(parent: str, letter: str) -> str:
    return f"{parent}({letter})"


def numbers(catalogue: GsprCatalogue) -> Iterator[tuple[str, Gspr | Particular, Gspr]]:
    """(number, entry, parent requirement) for every row of a matrix, in Annex I order."""
    for requirement in catalogue.requirements:
        yield requirement.number, requirement, requirement
        for point in requirement.particulars:
            yield point_number(requirement.number, point.letter), point, requirement


@dataclass(frozen=True)
class MatrixRow:
    number: str  # "10.1" or "10.1(c)"
    entry: Gspr | Particular
    parent: Gspr
    own: GsprRow | None  # the company's row for exactly this number
    decision: GsprRow | None  # the row that decides it: its own, else (a point) its requirement's
    excluded: bool = False  # a point a requirement's "Ja" does not carry to (23.2(h) UDI, 23.2(i) use-by date)

    @property
    def point(self) -> bool:
        return self.entry is not self.parent

    @property
    def inherited(self) -> bool:
        return self.own is None and self.decision is not None and not self.excluded

    @property
    def state(self) -> State:
        if self.excluded:
            return "not-applicable"
        if self.decision is None or self.decision.applicable is None:
            return "undecided"
        return "applicable" if self.decision.applicable else "not-applicable"

    @property
    def not_fully_met(self) -> bool:
        d = self.decision
        return not self.excluded and d is not None and bool(d.applicable) and d.conformity == "not-fully-met"

    @property
    def open(self) -> bool:
        """Still to be decided: applicability, or (for an applicable row) conformity."""
        d = self.decision
        if self.excluded:
            return False
        return d is None or d.applicable is None or (bool(d.applicable) and d.conformity is None)


def matrix(hb: Handbook, group: DeviceGroup) -> list[MatrixRow]:
    """Every row, each with the row that decides it. A requirement's "Ja" carries only to the points that apply
    wherever it does, or whose condition the device meets (23.2 applies; its UDI point never, its CMR point only
    with CMR substances in invasive contact parts, its use-by date only with a row of its own); a "Nei" carries to
    every point."""
    own = {r.gspr: r for r in hb.gspr[group.id].rows} if group.id in hb.gspr else {}
    flags = group.flags()
    rows = []
    for number, entry, parent in numbers(hb.catalogue.gspr):
        mine = own.get(number)
        if entry is parent or mine is not None:
            rows.append(MatrixRow(number, entry, parent, mine, mine))
            continue
        decision = own.get(parent.number)
        excluded = decision is not None and decision.applicable is True and not carries_yes(entry, flags)
        rows.append(MatrixRow(number, entry, parent, None, decision, excluded))
    return rows


def not_fully_met(rows: list[MatrixRow]) -> list[tuple[MatrixRow, list[str]]]:
    """The rows not fully met in their own right, each with the points that follow it: what the Annex XIII
    statement lists, with its grounds."""
    return [(row, [r.number for r in rows if r.inherited and r.decision is row.own])
            for row in rows if row.not_fully_met and not row.inherited]


def label_points(rows: list[MatrixRow], flags: dict[str, bool]) -> list[tuple[MatrixRow, LabelCheck]]:
    """The Annex I 23.2 points a group's label must carry: decided applicable, or expected by the device."""
    return [(r, r.entry.label) for r in rows if isinstance(r.entry, Particular) and r.entry.label is not None
            and (r.state == "applicable" or (r.state == "undecided" and expected(r.entry, flags, r.parent) == "yes"))]


def substance_names(substances: list[str]) -> list[str]:
    """"kobolt (CMR 1B)" -> "kobolt": the name a label must show (the whole text when there is nothing before "(")."""
    return [s.split("(")[0].strip() or s.strip() for s in substances]
