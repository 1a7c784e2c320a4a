"""The site folder: builds take turns, a killed build is recovered, a site that cannot be removed blocks nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cmd_handbook.commands import sitedir

from .build_helpers import build, copy_project
from .conftest import TODAY, edit


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def handbook() -> list[str]:
    exe = Path(sys.executable).with_name("handbook")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cmd_handbook.commands.cli"]


def test_two_builds_into_one_site_take_turns(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    command = [*handbook(), "build", "--data", str(project / "data"), "--site-dir", str(project / "site"),
               "--today", TODAY]
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [r.communicate(timeout=300)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert any("Venter på at en annen bygging" in o for o in outputs)  # the second waited for the first
    reference = tmp_path / "reference"
    subprocess.run([*command[:-4], "--site-dir", str(reference), "--today", TODAY], cwd=project, check=True,
                   capture_output=True)
    assert files(project / "site") == files(reference)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_the_site_folder_is_readable_as_any_new_folder_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staged privately, published readable: a web server running as another user must be able to serve it."""
    project = copy_project(tmp_path / "p")
    old = os.umask(0o022)
    try:
        assert build(project, monkeypatch).code == 0
    finally:
        os.umask(old)
    assert (project / "site").stat().st_mode & 0o777 == 0o755
    assert (project / "site" / "index.html").stat().st_mode & 0o044 == 0o044


def test_a_build_killed_between_the_two_moves_is_recovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    assert build(project, monkeypatch).code == 0
    site = project / "site"
    good = files(site)
    aside = project / ".site.old-killed"  # where swap_in had moved the old site when the build was killed
    aside.mkdir()
    site.rename(aside / "site")
    (project / ".site.building-killed").mkdir()  # and the new one was never moved in
    edit(project / "data" / "procedures" / "P-06.yml", "role: ordrekontor", "role: lab-leder")
    result = build(project, monkeypatch)
    assert result.code == 1 and "Hentet tilbake" in result.err
    assert files(site) == good
    assert not aside.exists() and not (project / ".site.building-killed").exists()


def test_an_old_site_that_cannot_be_removed_blocks_no_later_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    assert build(project, monkeypatch).code == 0
    real = shutil.rmtree

    def stubborn(path: object, *args: object, **kwargs: object) -> None:
        if ".site.old-" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sitedir.shutil, "rmtree", stubborn)
    for _ in range(2):
        result = build(project, monkeypatch)
        assert result.code == 0, result.err
        assert "kunne ikke fjerne" in result.err
    assert (project / "site" / "index.html").is_file()


def test_a_read_only_site_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    assert build(project, monkeypatch).code == 0
    for path in [*(project / "site").rglob("*"), project / "site"]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    assert build(project, monkeypatch).code == 0
    assert build(project, monkeypatch).code == 0
    assert not [p for p in project.iterdir() if p.name.startswith(".site.old")]
    assert os.access(project / "site" / "index.html", os.R_OK)
