"""Every kind of page, opened from file:// in Chromium: nothing from outside, no errors, no serious accessibility problem.

Add a kind of page by adding a line to PAGES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, Visit, check_accessible, new_context, open_visit


def first_role() -> str:
    people = yaml.safe_load((ROOT / "data" / "people.yml").read_text(encoding="utf-8"))
    return people["roles"][0]["id"]


# (kind, path in the site). One of each kind of page the generator writes.
PAGES: list[tuple[str, str]] = [
    ("home", "index.html"),
    ("procedure", "prosedyrer/P-09.html"),
    ("procedures", "prosedyrer/index.html"),
    ("device-group", "utstyr/kroner-broer.html"),
    ("gspr-matrix", "gspr/kroner-broer.html"),
    ("role", f"roller/{first_role()}.html"),
    ("register", "dokumenter.html"),
    ("company", "virksomheten.html"),
    ("prrc", "prrc.html"),
    ("dashboard", "status.html"),
    ("checklist", "sjekklister/frigivelse.html"),
    ("form", "skjema/F-06.html"),
    ("statement-form", "skjema/F-13-kroner-broer.html"),
    ("glossary", "ordliste.html"),
    ("traceability", "sporbarhet.html"),
    ("changes", "endringer.html"),
    ("references", "referanser.html"),
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def visit(browser: Any, site: Path) -> Iterator[Callable[[str], Visit]]:
    """Each page opened once for all the gates below (the checks only read the page)."""
    context = new_context(browser)
    visits: dict[str, Visit] = {}

    def get(path: str) -> Visit:
        assert (site / path).is_file(), f"{path} is not in the built site"
        if path not in visits:
            visits[path] = open_visit(context, site, path)
        return visits[path]

    yield get
    context.close()


@pytest.mark.parametrize(("kind", "path"), PAGES, ids=[kind for kind, _ in PAGES])
def test_loads_nothing_from_outside_and_reports_no_error(kind: str, path: str, visit: Callable[[str], Visit]) -> None:
    visit(path).check_offline_and_quiet(kind)


@pytest.mark.parametrize(("kind", "path"), PAGES, ids=[kind for kind, _ in PAGES])
def test_no_serious_accessibility_violation(kind: str, path: str, visit: Callable[[str], Visit], axe_source: str) -> None:
    check_accessible(visit(path).page, kind, axe_source)
