"""Building a copy of the project in a scratch folder, the way a user runs `handbook build`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY, Run, run_cli


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, docs/, overrides/ (with the fetched vendor files) and data/ in a fresh folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "overrides", "data"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


def build(project: Path, monkeypatch: pytest.MonkeyPatch, *extra: str, site: str = "site") -> Run:
    monkeypatch.chdir(project)
    return run_cli("build", "--data", str(project / "data"), "--site-dir", str(project / site), "--today", TODAY, *extra)
