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


def ruled_out(entry: Gspr | Particular, flags: dict[str, bool]) -> bool:
    """The catalogue can tell this does not apply to the device: never for custom-made devices, or a condition
    whose triggers the device does not have. (A condition without triggers is for the company to decide.)"""
    return entry.applicability == "not-applicable-cmd" or (
        entry.applicability in ("conditional", "not-typical") and bool(entry.triggers)
        and not any(flags.get(t, False) for t in entry.triggers))


def contradicts(entry: Gspr | Particular, flags: dict[str, bool], row: GsprRow | None,
                parent: Gspr | None = None) -> bool:
    """A decided row that says Nei where the device's characteristics say it must apply."""
    return row is not None and row.applicable is False and expected(entry, flags, parent) == "yes"


def triggered_by(entry: Gspr | Particular, flags: dict[str, bool]) -> list[str]:
    return [t for t in entry.triggers if flags.get(t, False)]
