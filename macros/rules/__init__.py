"""Compliance rules: each area in its own module registers its checks here."""

from __future__ import annotations

import datetime as dt

from ..model.handbook import Handbook

# Importing the area modules registers their rules.
from . import catalogue, documents, gspr, labelling, pms, prrc, qms, records  # noqa: F401
from .base import RULES, Context, Finding

__all__ = ["RULES", "Finding", "run_rules"]


def run_rules(handbook: Handbook, today: dt.date, lang: str = "nb") -> list[Finding]:
    """Every finding, errors first, then by file and line."""
    ctx = Context(handbook=handbook, today=today, lang=lang)
    findings = [f for rule in RULES.values() for f in rule.check(ctx)]
    order = {"error": 0, "warning": 1, "notice": 2}
    return sorted(findings, key=lambda f: (order[f.severity], f.file, f.line, f.rule))
