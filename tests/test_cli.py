"""The `handbook` command's conventions: --version, --help, exit codes, -f from anywhere, serve -a, the engines."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .build_helpers import copy_project
from .conftest import TODAY, run_cli


def handbook() -> list[str]:
    exe = Path(sys.executable).with_name("handbook")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cmd_handbook.commands.cli"]


def test_version_names_the_generator_and_the_catalogue() -> None:
    result = run_cli("--version")
    assert result.code == 0 and "cmd-handbook" in result.out and "regulatory catalogue" in result.out


def test_help_lists_exit_codes_and_environment() -> None:
    for args in (["--help"], ["build", "--help"], ["check", "--help"]):
        result = run_cli(*args)
        assert result.code == 0
        for word in ("exit codes", "CI=true", "SOURCE_DATE_EPOCH", "HANDBOOK_CACHE"):
            assert word in result.out, (args, word)


def test_strict_and_no_strict_exclude_each_other() -> None:
    result = run_cli("build", "--strict", "--no-strict")
    assert result.code == 2 and "kan ikke brukes sammen med argumentet" in result.err and "handbook build: feil:" in result.err
    result = run_cli("check", "--lang", "en", "--today", "2026-13-01")
    assert result.code == 2 and "'2026-13-01' is not a date (expected YYYY-MM-DD)" in result.err
    result = run_cli("check", "--today", "2026-13-01", "--lang", "nb")
    assert result.code == 2 and "'2026-13-01' er ikke en dato (forventet ÅÅÅÅ-MM-DD)" in result.err


def test_usage_and_configuration_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cases = [("build",), ("build", "-f", str(tmp_path / "missing.yml")), ("check", "--data", "/nonexistent/folder"),
             ("serve", "-a", "nowhere"), ("build", "--today", "2026-13-01"), ("frobnicate",)]
    for args in cases:
        result = run_cli(*args)
        assert result.code == 2, (args, result.err)
        assert "Traceback" not in result.err and result.err.strip(), args
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ntheme: {name: material}\n", encoding="utf-8")
    result = run_cli("build")
    assert result.code == 2 and "har ikke handbook-pluginen i plugins" in result.err
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ntheme: {name: material, language: en}\n", encoding="utf-8")
    result = run_cli("build")
    assert result.code == 2 and "does not list the handbook plugin" in result.err


def test_config_file_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("build", "-f", str(project / "mkdocs.yml"), "--today", TODAY)
    assert result.code == 0, result.err
    assert (project / "site" / "index.html").is_file()  # the site goes beside mkdocs.yml, not into the working folder
    check = run_cli("check", "-f", str(project / "mkdocs.yml"), "--today", TODAY)
    assert check.code == 0 and "0 feil" in check.err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_listens_where_it_is_told(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    server = subprocess.Popen([*handbook(), "serve", "-a", f"127.0.0.1:{port}", "--today", TODAY], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not answer on {port}") from None
                time.sleep(0.5)
        assert "Vestbrygge Tannteknikk AS" in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_example_builds_with_plain_mkdocs_and_with_properdocs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    for engine in ("mkdocs", "properdocs"):
        exe = Path(sys.executable).with_name(engine)
        if not exe.exists():
            pytest.fail(f"{engine} is not installed (it is in the test extras)")
        result = subprocess.run([str(exe), "build", "--site-dir", str(tmp_path / engine)], cwd=project,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / engine / "gspr" / "kroner-broer.html").is_file()
        assert "Vestbrygge" in (tmp_path / engine / "index.html").read_text(encoding="utf-8")


BLOCK_MKDOCS = """
import sys
class NoMkDocs:
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError(f"No module named {name!r} (hidden by the test)")
sys.meta_path.insert(0, NoMkDocs())
from cmd_handbook.commands.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_mkdocs_properdocs_builds_it_and_without_either_a_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    run = [sys.executable, "-c", BLOCK_MKDOCS, "build", "--today", TODAY, "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(run, cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    hide_both = BLOCK_MKDOCS.replace('name == "mkdocs" or name.startswith("mkdocs.")',
                                     'name.split(".")[0] in ("mkdocs", "properdocs")')
    result = subprocess.run([sys.executable, "-c", hide_both, "build"], cwd=project, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "trenger MkDocs 1.6 eller ProperDocs" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_long_build_says_how_far_it_has_come(capsys: pytest.CaptureFixture[str]) -> None:
    from cmd_handbook.plugin import HandbookPlugin

    plugin = HandbookPlugin()
    plugin.load_config({"progress": True})
    plugin._pages, plugin._done = 400, 0
    for _ in range(400):
        plugin._count_page()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10 and lines[0].split() == ["40", "av", "400", "sider"]
    small = HandbookPlugin()
    small.load_config({"progress": True})
    small._pages, small._done = 60, 0
    for _ in range(60):
        small._count_page()
    assert capsys.readouterr().err == ""  # a small build is quick: no lines


@pytest.mark.parametrize("command", [["verify", "x.zip"], ["verify", "x.zip", "-f", "mkdocs.yml"], ["schema", "--out", "s"]])
def test_working_out_the_language_runs_nothing_in_a_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              command: list[str]) -> None:
    """The language of messages is read before a command starts: an inspector verifying a zip in a folder with a
    hostile mkdocs.yml must not run it. (build and check load a handbook's mkdocs.yml as MkDocs does, which can run
    code by design, through hooks and plugins: it is the company's own configuration.)"""
    ran = tmp_path / "ran"
    (tmp_path / "mkdocs.yml").write_text(
        f"theme: !!python/object/apply:os.system ['touch {ran}']\nsite_name: x\n", encoding="utf-8")
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    monkeypatch.chdir(tmp_path)
    run_cli(*command)
    assert not ran.exists()
