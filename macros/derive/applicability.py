"""What a device group's characteristics say about each GSPR: the pre-filled expectation."""

from __future__ import annotations

from typing import Literal

from ..catalogue.model import Gspr, Particular
from ..model.gspr import GsprRow

Expected = Literal["yes", "likely", "no"]


def expected(entry: Gspr | Particular, flags: dict[str, bool], parent: Gspr | None = None) -> Expected:
    """``yes``: must apply; ``likely``: normally applies, a Nei needs a reason; ``no``: normally not.

    A lettered point is part of its requirement: "always" under 23.4 means always when an IFU is supplied, so a
    point is not expected where its requirement is not.
    """
    if parent is not None and parent is not entry and expected(parent, flags) == "no":
        return "no"
    triggered = any(flags.get(t, False) for t in entry.triggers)
    if entry.applicability == "always":
        return "yes"
    if entry.applicability == "typical":
        return "yes" if triggered else "likely"
    if entry.applicability in ("conditional", "not-typical"):
        return "yes" if triggered else "no"
    return "no"  # not-applicable-cmd


def carries_yes(point: Particular, flags: dict[str, bool]) -> bool:
    """Whether a requirement's "Ja" carries to this point of it (when the point has no row of its own): to a point
    that applies wherever its requirement does, and to a conditional one only when the device is shown to meet its
    condition (a trigger); never to one that does not apply to custom-made devices. 23.2's "Ja" says nothing about
    a use-by date (i) or reprocessed single-use devices (o): such a point counts as not applying until the company
    gives it a row."""
    if point.applicability in ("always", "typical"):
        return True
    return point.applicability != "not-applicable-cmd" and any(flags.get(t, False) for t in point.triggers)


def contradicts(entry: Gspr | Particular, flags: dict[str, bool], row: GsprRow | None,
                parent: Gspr | None = None) -> bool:
    """A decided row that says Nei where the device's characteristics say it must apply."""
    return row is not None and row.applicable is False and expected(entry, flags, parent) == "yes"


def triggered_by(entry: Gspr | Particular, flags: dict[str, bool]) -> list[str]:
    return [t for t in entry.triggers if flags.get(t, False)]
