"""Shared fixtures: the example data, a scratch copy to break, and the CLI."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from cmd_handbook.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"
TODAY = "2026-12-01"  # the example data is written to be clean on this date
# The parse cache of the tests' own, away from the user's (~/.cache/handbook); CLI subprocesses inherit it.
_OWN_CACHE = None if os.environ.get("HANDBOOK_CACHE_DIR") else tempfile.mkdtemp(prefix="handbook-test-cache-")
if _OWN_CACHE:
    os.environ["HANDBOOK_CACHE_DIR"] = _OWN_CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Leave no folder behind (pytest keeps its own tmp_path folders, three runs' worth, and prunes them)."""
    if _OWN_CACHE:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the example company's data, free to break."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a data file; return the 1-based line where the first replacement starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path}"
    return text[: text.index(needle)].count("\n") + 1
