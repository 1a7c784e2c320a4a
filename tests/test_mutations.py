"""The example data changed at random, one value at a time: every change loads, or is reported, never a traceback.

Each example replaces one value somewhere in one data file with something else (another type, an empty value,
a huge number, odd text, a value taken from elsewhere in the data) and runs what a build runs without MkDocs:
load and validate, the rules, every generated page and every macro the hand-written pages call.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmd_handbook.errors import DataErrors
from cmd_handbook.load import load_handbook
from cmd_handbook.render import company, devices, documents, home, procedures, qms
from cmd_handbook.render.context import RenderContext
from cmd_handbook.render.pages import generated_pages, navigation
from cmd_handbook.rules import run_rules

from .conftest import EXAMPLE

TODAY = dt.date(2026, 12, 1)
FILES = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.yml"))
ODD_TEXT = ["", " ", "x" * 5000, "<b>", "{{ x }}", "[[ x ]]", "|", "#", "- a", "1.", "P-01", "p-01", "kroner-broer",
            "9999-12-31", "2026-02-30", "0000-00-00", "~", "null", "\u0000", "\x7f", "æøå", "../../etc/passwd", "index",
            "-1", "1e400"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.sampled_from(ODD_TEXT), st.text(max_size=20), st.just([]), st.just({}), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["id", "x", "title"]), st.text(max_size=5), max_size=2),
)


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += _paths(v, (*prefix, i))
    return out


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = tree
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return tree


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("mutations") / "data"
    shutil.copytree(EXAMPLE, data)
    return data


def build_without_mkdocs(data: Path) -> None:
    hb = load_handbook(data)
    findings = run_rules(hb, today=TODAY)
    ctx = RenderContext(hb=hb, today=TODAY)
    pages = generated_pages(ctx, findings)
    navigation(ctx, set(pages))
    for fn in (company.company_facts, company.people_table, company.prrc_appointments, company.prrc_duties,
               company.prrc_tools, company.role_list, company.about, documents.document_register,
               procedures.procedure_list, devices.device_group_list, home.home_guide, qms.qms_elements_table,
               qms.iso_clauses_table):
        fn(ctx)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_changed_value_is_loaded_or_reported(scratch: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(FILES), label="file")
    original = (EXAMPLE / rel).read_text(encoding="utf-8")
    tree = yaml.safe_load(original)
    path = data.draw(st.sampled_from(_paths(tree)), label="where")
    value = data.draw(st.one_of(_like(_get(tree, path)), VALUES, st.sampled_from([_get(tree, p) for p in _paths(tree)[:50]])),
                      label="value")
    (scratch / rel).write_text(yaml.safe_dump(_set(tree, path, value), allow_unicode=True), encoding="utf-8")
    try:
        build_without_mkdocs(scratch)
    except DataErrors as exc:
        assert exc.errors and all(e.message for e in exc.errors)
        # in both languages, each in its own words (a check written without Msg/Invalid says the same in both)
        assert all(e.what.nb != e.what.en for e in exc.errors), [e.text("en") for e in exc.errors]
    finally:
        (scratch / rel).write_text(original, encoding="utf-8")


def _like(old: Any) -> st.SearchStrategy[Any]:
    """A value of the same kind as the one it replaces, at the edges of what that kind allows."""
    if isinstance(old, bool):
        return st.booleans()
    if isinstance(old, int):
        return st.integers(min_value=-(10**12), max_value=10**12) | st.sampled_from([0, -1, 10**6, 2**63])
    if isinstance(old, dt.date) or (isinstance(old, str) and len(old) == 10 and old[4:5] == "-"):
        edges = [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2200, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)]
        return st.sampled_from(edges) | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
    if isinstance(old, str):
        return st.sampled_from(ODD_TEXT) | st.text(max_size=30)
    return VALUES


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree
