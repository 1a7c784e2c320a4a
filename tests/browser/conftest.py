"""Fixtures for the built handbook: one build per session, one Chromium per session, pages opened from file://.

Chromium is Debian's (/usr/bin/chromium; Playwright cannot download browsers here). Without it the
browser tests are skipped with the reason shown, except in CI (CI=true), where they must run.
axe-core is fetched from npm at set-up (pinned, not committed), like the iframe-worker shim.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)  # the example data is written to be clean on this date
CHROMIUM = Path(os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_VERSION = "4.10.3"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def missing(reason: str) -> NoReturn:
    """Skip locally; in CI a missing browser or tool is a failure, not a skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def pdf_text(pdf: bytes, tmp_path: Path) -> tuple[str, str, int]:
    """A printed page's text (pdftotext, laid out), what pdfinfo says of it, and its number of pages."""
    if not shutil.which("pdftotext"):
        missing("printing tests need pdftotext (apt-get install poppler-utils)")
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    assert pages, info
    return text, info, int(pages.group(1))


# ---------------------------------------------------------------------------------------------- builds


def handbook_command() -> list[str]:
    exe = Path(sys.executable).with_name("handbook")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cmd_handbook.commands.cli"]


class Build:
    """`handbook build` (strict) run in ``project`` as a user runs it, in the background."""

    def __init__(self, project: Path, site_dir: Path, *extra: str) -> None:
        self.project, self.site_dir = project, site_dir
        env = {k: v for k, v in os.environ.items() if not k.startswith("HANDBOOK_")}
        env["NO_MKDOCS_2_WARNING"] = "1"
        self.log = site_dir.parent / "handbook-build.log"
        with self.log.open("w", encoding="utf-8") as log:  # the child keeps its own handle
            self.process = subprocess.Popen(
                [*handbook_command(), "build", "--data", str(project / "data"), "--site-dir", str(site_dir),
                 "--today", TODAY.isoformat(), *extra],
                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait(self) -> Path:
        """The built site; fails the test with the command's own message if the build failed."""
        code = self.process.wait(timeout=300)
        assert code == 0, f"`handbook build` in {self.project} failed (exit {code}):\n{self.log.read_text(encoding='utf-8')}"
        return self.site_dir

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


# Pages that must make the gates fail. Raw HTML, because MkDocs checks Markdown links but not raw HTML.
BROKEN_PAGES = {
    "brudd-lenke.md": ('# Død lenke\n\n<p><a href="nowhere.html">Til ingensteds</a> og '
                       '<a href="index.html#finnes-ikke">til et anker som ikke finnes</a>.</p>\n'),
    "brudd-bilde.md": '# Bilde uten alternativ tekst\n\n<p><img src="assets/images/favicon.png"></p>\n',
    "brudd-skript.md": '# Eksternt skript\n\n<p>Denne siden laster et skript utenfra, og et skript feiler.</p>\n\n'
                       '<script src="https://example.invalid/x.js"></script>\n\n'
                       '<script>handbookDoesNotHaveThisFunction();</script>\n',
}


def broken_project(dest: Path) -> Path:
    """A copy of the project (mkdocs.yml, docs/, overrides/, data/) with BROKEN_PAGES added to docs/."""
    from tests.build_helpers import copy_project

    project = copy_project(dest)
    for name, text in BROKEN_PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    return project


class Builds:
    """The session's builds. The ones the selected tests need start together and run in parallel."""

    def __init__(self, tmp: pytest.TempPathFactory) -> None:
        self.tmp = tmp
        self.started: dict[str, Build] = {}

    def start(self, name: str) -> Build:
        if name not in self.started:
            if name == "site":
                self.started[name] = Build(ROOT, self.tmp.mktemp("example") / "site")
            elif name == "hostile_site":
                from tests.build_helpers import copy_project
                from tests.hostile import plant_data

                project = copy_project(self.tmp.mktemp("hostile"))
                self.planted = plant_data(project / "data")
                # A company that switches Material's HTML tooltips on gets them switched off again (see the plugin).
                config = project / "mkdocs.yml"
                config.write_text(config.read_text(encoding="utf-8").replace(
                    "    - toc.follow\n", "    - toc.follow\n    - content.tooltips\n"), encoding="utf-8")
                # Hostile text breaks compliance rules too (a label without the required wording): not strict.
                self.started[name] = Build(project, project / "site", "--no-strict")
            else:
                project = broken_project(self.tmp.mktemp("broken"))
                self.started[name] = Build(project, project / "site")
        return self.started[name]

    def stop(self) -> None:
        for build in self.started.values():
            build.stop()


@pytest.fixture(scope="session")
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    registry = Builds(tmp_path_factory)
    for name in ("site", "broken_site", "hostile_site"):
        if any(name in item.fixturenames for item in request.session.items):
            registry.start(name)
    yield registry
    registry.stop()


@pytest.fixture(scope="session")
def site(builds: Builds) -> Path:
    """The example handbook, built once (strict, as `handbook build` does) from data/ into a scratch folder."""
    return builds.start("site").wait()


@pytest.fixture(scope="session")
def broken_site(builds: Builds) -> Path:
    """The project with BROKEN_PAGES added, built by the `handbook` command in that copy."""
    site = builds.start("broken_site").wait()
    for name in BROKEN_PAGES:
        assert (site / name.replace(".md", ".html")).is_file(), f"{name} was not built"
    return site


# ---------------------------------------------------------------------------------------------- axe-core


def fetch_axe(target: Path = AXE) -> Path:
    """`npm pack axe-core@AXE_VERSION` and keep package/axe.min.js (and its licence). Set-up step, not committed."""
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if not npm:
        missing(f"{target} is missing and npm is not installed to fetch axe-core@{AXE_VERSION} (run `make vendor`)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([npm, "pack", "--silent", f"axe-core@{AXE_VERSION}"], cwd=tmp, capture_output=True,
                                text=True, timeout=120, check=False)
        tarball = Path(tmp) / f"axe-core-{AXE_VERSION}.tgz"
        if result.returncode != 0 or not tarball.is_file():
            missing(f"could not fetch axe-core@{AXE_VERSION} with npm: {result.stderr.strip()[:300]}")
        with tarfile.open(tarball) as tar:
            for member, name in (("package/axe.min.js", target.name), ("package/LICENSE", "LICENSE")):
                source = tar.extractfile(member)
                assert source is not None, f"{member} not in {tarball.name}"
                (target.parent / name).write_bytes(source.read())
    return target


@pytest.fixture(scope="session")
def axe_source() -> str:
    return fetch_axe().read_text(encoding="utf-8")


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def run_axe(page: Any, source: str) -> dict[str, Any]:
    """axe-core's WCAG 2.1 A/AA rules on the page as it is now (the script is inlined: no request)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)


def blocking(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def axe_summary(violations: list[dict[str, Any]], nodes: int = 3) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:nodes]]
        more = f" (+{len(v['nodes']) - nodes} more)" if len(v["nodes"]) > nodes else ""
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']}: {len(v['nodes'])} element(s): {'; '.join(targets)}{more}")
    return "\n".join(lines)


def write_artifact(name: str, data: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def check_accessible(page: Any, kind: str, source: str) -> None:
    """Gate: no serious or critical WCAG 2.1 A/AA violation. The full axe report goes to test-artifacts/axe-<kind>.json."""
    results = run_axe(page, source)
    serious = blocking(results)
    if serious:
        report = write_artifact(f"axe-{kind}.json", {"page": page.url, **results})
        raise AssertionError(f"{kind} page {page.url}: {len(serious)} serious/critical WCAG 2.1 A/AA violation(s) "
                             f"(full report: {report}):\n{axe_summary(serious)}")


# ---------------------------------------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.is_file():
        missing(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need the playwright Python package (pip install -e '.[test]')")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken install: say so rather than erroring in every test
            missing(f"could not start {CHROMIUM}: {exc}")
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page opened from file://, with everything it asked for and every error it reported."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pending: int = 0
    last_request: float = 0.0

    def started(self, url: str) -> None:
        self.requests.append(url)
        self.pending += 1
        self.last_request = time.monotonic()

    def settle(self, quiet: float = 0.2, timeout: float = 10.0) -> None:
        """Wait until no request is pending and none has started for ``quiet`` seconds (like networkidle, faster)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pending <= 0 and time.monotonic() - self.last_request >= quiet:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"{self.url}: requests still pending after {timeout} s: {self.requests[-5:]}")

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]

    def problems(self) -> list[str]:
        return ([f"request to outside the site: {u}" for u in self.external_requests()]
                + [f"failed request: {u}" for u in self.failed]
                + [f"console error: {e}" for e in self.errors])

    def check_offline_and_quiet(self, kind: str) -> None:
        """Gate: the page asked for nothing outside the site, every request succeeded, no console error."""
        assert self.requests and self.requests[0].startswith("file:"), f"{self.url} was not opened from file://"
        problems = self.problems()
        assert not problems, f"{kind} page {self.url}:\n  " + "\n  ".join(problems)


def _is_external(url: str) -> bool:
    return not url.startswith(LOCAL_SCHEMES)


def open_visit(context: Any, site: Path, path: str, query: str = "", settle: bool = True) -> Visit:
    """Open ``site/path`` from file:// recording every request, failed request and console error.

    Requests leaving the site are recorded and then aborted, so a broken page fails fast instead of
    waiting for the network."""
    url = (site / path).as_uri() + (f"?{query}" if query else "")
    page = context.new_page()
    visit = Visit(page=page, url=url)

    def failed(request: Any) -> None:
        visit.pending -= 1
        if not _is_external(request.url):
            visit.failed.append(f"{request.url} ({request.failure})")

    def finished(request: Any) -> None:
        visit.pending -= 1

    page.on("request", lambda request: visit.started(request.url))
    page.on("requestfinished", finished)
    page.on("requestfailed", failed)
    page.on("console", lambda msg: visit.errors.append(f"{msg.text} at {msg.location.get('url', '')}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(f"uncaught {getattr(exc, 'name', '') or 'Error'}: {exc.message}"))
    page.goto(url, wait_until="load")
    if settle:
        visit.settle()
    return visit


def new_context(browser: Any) -> Any:
    context = browser.new_context(locale="nb-NO", service_workers="block")
    context.route(_is_external, lambda route: route.abort())
    return context


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Visit]]:
    """``open_page(site, "prosedyrer/P-09.html", query="q=avvik")`` in a fresh browser context."""
    context = new_context(browser)
    yield lambda site, path, query="", settle=True: open_visit(context, site, path, query, settle)
    context.close()
