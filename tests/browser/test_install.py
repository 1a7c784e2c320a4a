"""The product as a company gets it: the wheel in a fresh virtualenv, `handbook new` in an empty folder outside
this checkout, and that company's handbook built, checked, released, snapshotted and opened in Chromium.

Nothing from this checkout is on the path: the commands run from the company's folder with the virtualenv's
Python, and the package they import is the installed one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, Visit, check_accessible, new_context, open_visit

pytestmark = pytest.mark.browser


@dataclass
class Company:
    folder: Path
    venv: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "HANDBOOK_", "VIRTUAL_ENV"))}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["HANDBOOK_CACHE_DIR"] = str(self.folder.parent / "cache")
        result = subprocess.run(list(args), cwd=self.folder, env=env, capture_output=True, text=True, timeout=600)
        if check:
            assert result.returncode == 0, f"{' '.join(args)} (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        return result


@pytest.fixture(scope="session")
def company(tmp_path_factory: pytest.TempPathFactory) -> Company:
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    [wheel] = wheels.glob("cmd_handbook-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cmd_handbook/theme/main.html" in names and "cmd_handbook/pages/index.md" in names
    assert not any(n.startswith(("macros/", "data/", "docs/", "tests/")) for n in names)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    outside = work / "elsewhere"
    outside.mkdir()
    first = Company(outside, venv)
    first.run("handbook", "new", "vestfjord-tannlab", "--yes", "--name", "Vestfjord Tannlab AS", "--org-number",
              "924 861 533", "--size", "micro", "--group", "Kroner og broer:IIa")
    return Company(outside / "vestfjord-tannlab", venv)


def test_the_installed_package_is_the_one_that_runs(company: Company) -> None:
    where = company.run("python", "-c", "import cmd_handbook, sys; print(cmd_handbook.__file__)").stdout.strip()
    assert where.startswith(str(company.venv)) and not where.startswith(str(ROOT))
    version = company.run("handbook", "--version").stdout
    assert "cmd-handbook" in version and "regulatory catalogue" in version


def test_a_new_company_checks_builds_releases_and_snapshots(company: Company) -> None:
    check = company.run("handbook", "check", check=False)
    assert check.returncode == 1 and "GSPR-001" in check.stdout  # a new company has work to do: it says what
    company.run("handbook", "build", "--no-strict")
    assert (company.folder / "site" / "index.html").is_file()
    assert (company.folder / "site" / "utstyr" / "kroner-og-broer.html").is_file()
    company.run("mkdocs", "build", "--site-dir", "plain-site")  # plain MkDocs reads the same ten lines
    assert (company.folder / "plain-site" / "prosedyrer" / "P-01.html").is_file()
    company.run("handbook", "release", "2027.1", "--approved-by", "daglig-leder", "--summary", "Første utgave")
    snap = company.run("handbook", "snapshot", "--release", "2027.1", "--no-pdf", "--out", "dist")
    zip_path = Path(snap.stdout.strip().splitlines()[-1])
    seal = snap.stderr.split("Segl (SHA-256 av MANIFEST.sha256): ")[1].split()[0]
    assert company.run("handbook", "verify", str(zip_path), "--seal", seal).returncode == 0


def test_a_page_of_the_company_replaces_the_standard_one(company: Company) -> None:
    (company.folder / "docs" / "prrc.md").write_text("# Vår PRRC\n\n[[ prrc_appointments() ]]\n", encoding="utf-8")
    try:
        company.run("handbook", "build", "--no-strict", "--site-dir", "own-page-site")
        html = (company.folder / "own-page-site" / "prrc.html").read_text(encoding="utf-8")
        assert "Vår PRRC" in html and "Oppgaver etter MDR artikkel 15(3)" not in html
    finally:
        (company.folder / "docs" / "prrc.md").unlink()


@pytest.fixture(scope="module")
def company_site(company: Company) -> Path:
    company.run("handbook", "build", "--no-strict", "--site-dir", "gated-site")
    return company.folder / "gated-site"


@pytest.fixture(scope="module")
def visit(browser: Any, company_site: Path) -> Iterator[Any]:
    context = new_context(browser)
    yield lambda path, query="": open_visit(context, company_site, path, query)
    context.close()


PAGES = ["index.html", "prosedyrer/P-01.html", "gspr/kroner-og-broer.html", "skjema/index.html", "status.html"]


@pytest.mark.parametrize("path", PAGES)
def test_the_company_site_passes_the_gates(path: str, visit: Any, axe_source: str) -> None:
    page: Visit = visit(path)
    page.check_offline_and_quiet(path)
    check_accessible(page.page, f"installed-{path.replace('/', '-')}", axe_source)


def test_search_works_from_file_in_the_company_site(visit: Any) -> None:
    page: Visit = visit("index.html", "q=dokumentstyring")
    page.page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    titles = page.page.locator(".md-search-result__item").all_inner_texts()
    assert any("Dokumentstyring" in t for t in titles), titles
    assert not page.external_requests()
