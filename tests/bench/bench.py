"""Build-performance benchmark of the handbook generator at x1, x10 and x50 the example company (`make bench`).

For each scale it measures, as separate child processes (wall time from fork to exit, peak RSS of that child
from os.wait4):

- ``handbook check``: the command line with the parse cache filled (a re-check after an edit) and with an empty
  cache (the first run on a machine), plus load_handbook + run_rules in this process;
- ``handbook build --no-strict``: the full generator build;
- the FLOOR: the same site's final Markdown (dumped from a generator build through an MkDocs hook, see
  dump_hook.py) built by plain MkDocs + Material with the same theme, Markdown extensions, nav and
  search/offline plugins, without the handbook and macros plugins. Build minus floor is what the generator costs.

Builds run with the parse cache filled (``make build`` after an edit); a first build costs what parsing costs
on top, which the two checks measure, and the report gives that figure too. The cache lives in a temporary
folder of the benchmark's own; the generator is byte-compiled first, as on any machine after its first run.

Targets (from the issue): the generator adds at most 15 % over the floor at every scale; build time grows no
faster than the page count; ``check`` of the x50 data set under 2 s. A missed target is reported (and profiled
with cProfile unless --no-profile), never an error: the exit code is 0 unless something crashed.

The synthetic companies are the example data plus copies x01..x(N-1) of its device groups (with GSPR matrices
and per-group documents), procedures, register documents and form templates, every ID suffixed (kroner-broer ->
kroner-broer-x07, P-06 -> P-06-x07, KB-11 -> KB-11-x07) and every cross-reference inside a copy pointing at the
same copy. Company, people, roles, PRRC and the catalogue stay shared. Run with the project's venv python.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import cProfile
import datetime as dt
import hashlib
import io
import json
import math
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PYTHON = BIN / "python" if (BIN / "python").exists() else Path(sys.executable)
HANDBOOK = BIN / "handbook"
HOOK = Path(__file__).resolve().parent / "dump_hook.py"
TODAY = "2026-12-01"
OVERHEAD_TARGET = 15.0  # % over the floor
CHECK_TARGET = 2.0  # seconds, x50
GROWTH_TOLERANCE = 1.10  # growth exponent of time vs pages between the two largest scales

sys.path.insert(0, str(ROOT))


# --- synthetic data ------------------------------------------------------------------------------------------


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # safe: the C SafeLoader


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def scale_data(src: Path, dest: Path, factor: int) -> dict[str, int]:
    """Write the example data times ``factor`` into ``dest``; return how many entries of each kind it holds."""
    shutil.copytree(src, dest)
    register = _load(src / "documents.yml")
    docs = list(register["documents"])  # the originals; copies are appended to register["documents"]
    groups = {p.name: _load(p) for p in sorted((src / "device-groups").glob("*.yml"))}
    matrices = {p.name: _load(p) for p in sorted((src / "gspr").glob("*.yml"))}
    procs = {p.name: _load(p) for p in sorted((src / "procedures").glob("*.yml"))}
    forms = {p.name: _load(p) for p in sorted((src / "forms").glob("*.yml"))} if (src / "forms").is_dir() else {}
    lists = {p.name: _load(p) for p in sorted((src / "checklists").glob("*.yml"))} if (src / "checklists").is_dir() else {}
    # One ID space per kind; a value is rewritten only where the field refers to that kind.
    doc_ids = {d["id"] for d in docs} | {p["id"] for p in procs.values()}
    group_ids = {g["id"] for g in groups.values()}
    checklist_ids = {c["id"] for c in lists.values()}

    for k in range(1, factor):
        sfx = f"-x{k:02d}"

        def doc(v: Any, sfx: str = sfx) -> Any:
            return v + sfx if isinstance(v, str) and v in doc_ids else v

        def grp(v: Any, sfx: str = sfx) -> Any:
            return v + sfx if isinstance(v, str) and v in group_ids else v

        def chk(v: Any, sfx: str = sfx) -> Any:
            return v + sfx if isinstance(v, str) and v in checklist_ids else v

        label = f" (x{k:02d})"
        for d in docs:
            c = copy.deepcopy(d)
            c["id"], c["title"] = doc(d["id"]), d["title"] + label
            if "device_group" in c:
                c["device_group"] = grp(c["device_group"])
            if "superseded_by" in c:
                c["superseded_by"] = doc(c["superseded_by"])
            register["documents"].append(c)
        for name, g in groups.items():
            c = copy.deepcopy(g)
            c["id"], c["name"] = grp(g["id"]), g["name"] + label
            for part, key in (("ifu", "document"), ("ifu", "exemption_assessment"), ("label", "document")):
                if isinstance(c.get(part), dict) and key in c[part]:
                    c[part][key] = doc(c[part][key])
            _dump(dest / "device-groups" / f"{Path(name).stem}{sfx}.yml", c)
        for name, m in matrices.items():
            c = copy.deepcopy(m)
            c["device_group"] = grp(m["device_group"])
            for row in c.get("rows") or []:
                for ev in row.get("evidence") or []:
                    ev["document"] = doc(ev["document"])
                if isinstance(row.get("method"), dict) and "standard" in row["method"]:
                    row["method"]["standard"] = doc(row["method"]["standard"])  # a standard may be a register entry
            _dump(dest / "gspr" / f"{Path(name).stem}{sfx}.yml", c)
        for name, p in procs.items():
            c = copy.deepcopy(p)
            c["id"], c["title"] = doc(p["id"]), p["title"] + label
            if "superseded_by" in c:
                c["superseded_by"] = doc(c["superseded_by"])
            c["related_documents"] = [doc(r) for r in c.get("related_documents") or []]
            for step in c.get("steps") or []:
                if "forms" in step:
                    step["forms"] = [doc(f) for f in step["forms"]]
                if "checklist" in step:
                    step["checklist"] = chk(step["checklist"])
            _dump(dest / "procedures" / f"{Path(name).stem}{sfx}.yml", c)
        copy_groups = [grp(g["id"]) for g in groups.values()]
        for name, f in forms.items():
            c = copy.deepcopy(f)
            c["id"] = doc(f["id"])
            c["device_groups"] = [grp(g) for g in c.get("device_groups") or []]
            if c.get("special") == "statement" and not c["device_groups"]:
                c["device_groups"] = copy_groups  # "every group" of this copy: one statement page per group, as at x1
            _dump(dest / "forms" / f"{Path(name).stem}{sfx}.yml", c)
        for name, cl in lists.items():
            c = copy.deepcopy(cl)
            c["id"] = chk(cl["id"])
            for item in c.get("items") or []:
                if "procedure" in item:
                    item["procedure"] = doc(item["procedure"])
            _dump(dest / "checklists" / f"{Path(name).stem}{sfx}.yml", c)
    if factor > 1:
        _dump(dest / "documents.yml", register)
    rows = sum(len(m.get("rows") or []) for m in matrices.values()) * factor
    return {"device groups": len(groups) * factor, "GSPR rows": rows, "procedures": len(procs) * factor,
            "register documents": len(register["documents"]), "forms": len(forms) * factor}


# --- measuring child processes -------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the child
    peak_mb: float
    code: int
    stdout: str
    stderr: str


def run_measured(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` as one child; wall time from spawn to exit, peak RSS of exactly that child (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


def must(run: Run, what: str) -> Run:
    if run.code != 0:
        raise RuntimeError(f"{what} failed with exit code {run.code}:\n{run.stderr[-4000:]}\n{run.stdout[-2000:]}")
    return run


def html_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


# --- the three builds ----------------------------------------------------------------------------------------


def build_cmd(data: Path, site: Path, config: Path = ROOT / "mkdocs.yml") -> list[str]:
    return [str(HANDBOOK), "build", "-f", str(config), "--data", str(data), "--site-dir", str(site), "--today", TODAY,
            "--no-strict"]


def check_cmd(data: Path) -> list[str]:
    return [str(HANDBOOK), "check", "--data", str(data), "--today", TODAY]


def dump_markdown(data: Path, work: Path) -> tuple[Path, dict[str, Any]]:
    """Build once with dump_hook.py added; return the dumped docs folder and the config facts it saw."""
    cfg_dir, dump, meta = work / "dump-config", work / "dump-docs", work / "dump-meta.json"
    cfg_dir.mkdir()
    (cfg_dir / "mkdocs.yml").write_text(yaml.safe_dump({
        "INHERIT": str(ROOT / "mkdocs.yml"),
        # Paths in the parent are relative to the child's folder once inherited: make them absolute.
        "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [str(HOOK)],
    }), encoding="utf-8")
    env = {"BENCH_DUMP_DIR": str(dump), "BENCH_DUMP_META": str(meta)}
    must(run_measured(build_cmd(data, work / "dump-site", cfg_dir / "mkdocs.yml"), cwd=cfg_dir, env=env), "dump build")
    shutil.rmtree(work / "dump-site", ignore_errors=True)
    return dump, json.loads(meta.read_text(encoding="utf-8"))


def floor_config(dump: Path, facts: dict[str, Any], work: Path) -> Path:
    """Plain MkDocs + Material over the dumped Markdown: what the handbook plugin sets up (theme folder, features,
    extensions, search and offline plugins, scripts and styles; see cmd_handbook.plugin.stack), without the
    handbook and macros plugins."""
    from cmd_handbook.plugin import stack

    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "overrides" / "assets", dump / "assets", dirs_exist_ok=True)  # the example's own styling
    cfg.update(docs_dir=str(dump), site_name=facts["site_name"], nav=facts["nav"], use_directory_urls=False)
    cfg["theme"].update(custom_dir=str(stack.THEME), font=False, features=stack.FEATURES,
                        palette=[{"scheme": "default", "primary": "indigo", "accent": "indigo"}])
    cfg["extra"] = {"generator": False, "polyfills": [stack.POLYFILL]}
    cfg["extra_css"] = [*stack.HANDBOOK_CSS, *cfg.get("extra_css", [])]
    cfg["extra_javascript"] = list(stack.HANDBOOK_JS)
    cfg["plugins"] = [{"search": stack.PLUGINS["search"]}, "offline"]
    glossary = facts.get("abbr_glossary") or {}
    cfg["markdown_extensions"] = [{name: ({**options, "glossary": glossary} if name == "abbr" else options)}
                                  for name, options in stack.EXTENSIONS.items()]
    path = work / "floor" / "mkdocs.yml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def floor_cmd(config: Path, site: Path) -> list[str]:
    return [str(PYTHON), "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


# --- one scale -----------------------------------------------------------------------------------------------


@dataclass
class Result:
    factor: int
    counts: dict[str, int]
    pages: int = 0
    floor_pages: int = 0
    check_s: float = 0.0  # with the parse cache filled (what a re-check after an edit costs)
    check_cpu: float = 0.0
    check_cold_s: float = 0.0  # with an empty parse cache (a fresh clone, or the first run)
    check_peak_mb: float = 0.0
    inproc_s: float = 0.0
    findings: str = ""
    build_s: float = 0.0
    build_runs: list[float] = field(default_factory=list)
    build_peak_mb: float = 0.0
    build_cpu: float = 0.0
    floor_cpu: float = 0.0
    floor_s: float = 0.0
    floor_runs: list[float] = field(default_factory=list)
    floor_peak_mb: float = 0.0
    reps: int = 0
    gen_cpu: float = 0.0  # CPU in the handbook and macros plugins' event handlers, measured inside a build
    gen_detail: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def build_best(self) -> float:
        return min(self.build_runs)

    @property
    def floor_best(self) -> float:
        return min(self.floor_runs)

    @property
    def overhead(self) -> float:
        """Best run against best run: on a shared machine noise only ever adds time (the same floor build took
        21 s to 39 s here), so the fastest of several runs is the closest to what the code costs (timeit's rule)."""
        return (self.build_best - self.floor_best) / self.floor_best * 100

    @property
    def median_overhead(self) -> float:
        return (self.build_s - self.floor_s) / self.floor_s * 100

    @property
    def cold_overhead(self) -> float:
        """The overhead of a first build: the builds ran with the parse cache filled; parsing costs what check shows."""
        return (self.build_best + max(0.0, self.check_cold_s - self.check_s) - self.floor_best) / self.floor_best * 100

    @property
    def gen_share(self) -> float:
        """The generator's own CPU (its hooks in the build, plus its imports) against the floor's CPU time."""
        return (self.gen_cpu + IMPORTS.cpu) / self.floor_cpu * 100

    @property
    def cpu_overhead(self) -> float:
        return (self.build_cpu - self.floor_cpu) / self.floor_cpu * 100


@dataclass
class _Imports:
    cpu: float = 0.0


IMPORTS = _Imports()
_BASE_IMPORTS = ("mkdocs.__main__, mkdocs.commands.build, mkdocs.config, material.plugins.search.plugin, "
                 "material.plugins.offline.plugin, markdown.extensions.abbr, pymdownx.superfences, pymdownx.details, "
                 "pymdownx.tasklist")


def measure_imports(reps: int) -> float:
    """CPU seconds to import the generator (our plugin, CLI, mkdocs-macros) on top of what a plain MkDocs build imports."""
    code = (f"import time\nimport {_BASE_IMPORTS}\nt = time.process_time()\n"
            "from cmd_handbook.commands.build import import_lazily\nimport_lazily('requests')  # as `handbook build` does\n"
            "import cmd_handbook.commands.cli, cmd_handbook.commands.build, cmd_handbook.plugin, mkdocs_macros.plugin\n"
            "print(time.process_time() - t)\n")
    times = [float(must(run_measured([str(PYTHON), "-c", code], cwd=ROOT), "import timing").stdout) for _ in range(reps)]
    IMPORTS.cpu = statistics.median(times)
    return IMPORTS.cpu


def in_process_check(data: Path, reps: int) -> float:
    from cmd_handbook.catalogue import load_catalogue
    from cmd_handbook.load import load_handbook
    from cmd_handbook.rules import run_rules

    load_catalogue()  # cached per process; the CLI pays it once per run, measured in the subprocess figure
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        run_rules(load_handbook(data), today=dt.date.fromisoformat(TODAY), lang="nb")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_scale(factor: int, work: Path, reps: int, slow_limit: float) -> Result:
    data = work / "data"
    counts = scale_data(ROOT / "data", data, factor)
    res = Result(factor, counts)
    print(f"\n== x{factor}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f"  (load average {_load_avg()})",
          flush=True)

    from cmd_handbook.errors import DataErrors
    from cmd_handbook.load import load_handbook

    try:
        load_handbook(data)
    except DataErrors as exc:
        raise RuntimeError(f"the x{factor} data does not load:\n{str(exc)[:4000]}") from None

    # The in-process load above filled the parse cache: these checks (and the builds below) run warm.
    checks = [run_measured(check_cmd(data), cwd=ROOT) for _ in range(reps)]
    colds = [run_measured(check_cmd(data), cwd=ROOT, env={"HANDBOOK_CACHE_DIR": str(work / f"empty-cache-{i}")})
             for i in range(reps)]
    res.check_cold_s = statistics.median(r.seconds for r in colds)
    if any(r.code not in (0, 1) for r in checks):
        raise RuntimeError(f"handbook check crashed (exit {checks[0].code}):\n{checks[0].stderr[-3000:]}")
    summary = [ln for ln in checks[0].stderr.splitlines() if re.search(r"\d+ (error\(s\)|feil)\b", ln)]
    res.findings = summary[-1].strip() if summary else checks[0].stderr.strip()[-200:]
    if checks[0].code != 0:
        res.notes.append(f"handbook check exit {checks[0].code}: {res.findings}")
    res.check_s = statistics.median(r.seconds for r in checks)
    res.check_cpu = statistics.median(r.cpu for r in checks)
    res.check_peak_mb = max(r.peak_mb for r in checks)
    res.inproc_s = in_process_check(data, reps)
    print(f"   check: {res.check_s:.2f} s wall, {res.check_cpu:.2f} s CPU (command, parse cache filled, median of {reps}; "
          f"peak {res.check_peak_mb:.0f} MB); {res.check_cold_s:.2f} s with an empty cache; in-process "
          f"load_handbook+run_rules {res.inproc_s:.2f} s; {res.findings}", flush=True)

    # One generator build with the dump hook first: its Markdown feeds the floor, its duration sets the repetitions.
    start = time.perf_counter()
    dump, facts = dump_markdown(data, work)
    dump_s = time.perf_counter() - start
    if not facts.get("abbr_glossary"):
        res.notes.append("glossary tooltips are marked in the page HTML by the generator: the floor builds without "
                         "them, so their cost counts as overhead")
    config = floor_config(dump, facts, work)
    timing = facts.get("generator_timing") or {}
    res.gen_cpu = sum(cpu for _, cpu, _ in timing.values())
    res.gen_detail = ", ".join(f"{k} {cpu:.2f}" for k, (_, cpu, _) in sorted(timing.items(), key=lambda kv: -kv[1][1])
                               if cpu >= 0.005)
    res.reps = reps if dump_s <= slow_limit / 3 else min(reps, 3) if dump_s <= slow_limit else 1
    if res.reps < reps:
        res.notes.append(f"a build takes {dump_s:.0f} s: {res.reps} repetition(s) of build and floor at this scale")

    # Build and floor alternate, so that both see the same background load.
    builds, floors = [], []
    site, floor_site = work / "site", work / "floor-site"
    for _ in range(res.reps):
        shutil.rmtree(site, ignore_errors=True)
        builds.append(must(run_measured(build_cmd(data, site), cwd=ROOT), f"handbook build x{factor}"))
        res.pages = html_pages(site)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(floor_site, ignore_errors=True)
        floors.append(must(run_measured(floor_cmd(config, floor_site), cwd=ROOT), f"floor build x{factor}"))
        res.floor_pages = html_pages(floor_site)
        shutil.rmtree(floor_site, ignore_errors=True)
    res.build_runs, res.floor_runs = [r.seconds for r in builds], [r.seconds for r in floors]
    res.build_s, res.floor_s = statistics.median(res.build_runs), statistics.median(res.floor_runs)
    res.build_cpu = statistics.median(r.cpu for r in builds)
    res.floor_cpu = statistics.median(r.cpu for r in floors)
    res.build_peak_mb = max(r.peak_mb for r in builds)
    res.floor_peak_mb = max(r.peak_mb for r in floors)
    if res.floor_pages != res.pages:
        res.notes.append(f"page count differs: generator {res.pages}, floor {res.floor_pages}")

    def runs(xs: list[float]) -> str:
        return ", ".join(f"{t:.2f}" for t in xs)

    print(f"   build: {res.build_s:.2f} s wall (median of {res.reps}: {runs(res.build_runs)}), {res.build_cpu:.2f} s CPU, "
          f"peak {res.build_peak_mb:.0f} MB, {res.pages} pages", flush=True)
    print(f"   floor: {res.floor_s:.2f} s wall (median of {res.reps}: {runs(res.floor_runs)}), {res.floor_cpu:.2f} s CPU, "
          f"peak {res.floor_peak_mb:.0f} MB, {res.floor_pages} pages, {len(facts.get('abbr_glossary') or {})} glossary terms, "
          f"{facts.get('copied_files', 0)} non-Markdown files copied", flush=True)
    print(f"   generator inside the build: {res.gen_cpu:.2f} s CPU in its hooks ({res.gen_detail}) + {IMPORTS.cpu:.2f} s "
          f"imports = {res.gen_share:+.1f} % of the floor's CPU", flush=True)
    print(f"   overhead: best run against best run {res.build_best - res.floor_best:+.2f} s = {res.overhead:+.1f} %; "
          f"median against median {res.build_s - res.floor_s:+.2f} s = {res.median_overhead:+.1f} % (wall); "
          f"{res.build_cpu - res.floor_cpu:+.2f} s = {res.cpu_overhead:+.1f} % (CPU); first build (empty parse cache) "
          f"{res.cold_overhead:+.1f} %; load average {_load_avg()}", flush=True)
    for note in res.notes:
        print(f"   note: {note}", flush=True)
    shutil.rmtree(dump, ignore_errors=True)
    return res


def _load_avg() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --- profiles ------------------------------------------------------------------------------------------------


def _top(stats_file: Path, n: int = 25, only: str | None = None) -> str:
    """Top ``n`` by cumulative time; with ``only``, just the functions whose file path matches that regex."""
    buf = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=buf)
    if only is None:
        stats.strip_dirs().sort_stats("cumulative").print_stats(n)
    else:
        stats.sort_stats("cumulative").print_stats(only, n)
    text = buf.getvalue()
    start = text.find("   ncalls")
    text = text[start:].rstrip() if start >= 0 else text.rstrip()
    return text.replace(str(ROOT) + "/", "").replace(str(Path(yaml.__file__).parents[1]) + "/", "")


def _with_own(stats_file: Path) -> str:
    """The top 25 overall, then the generator's own functions (macros/, without the CLI wrappers around MkDocs)."""
    own = _top(stats_file, 15, r"/macros/(?!commands/)")
    return f"{_top(stats_file)}\n\n-- the generator's own functions (macros/), top 15 by cumulative time\n{own}"


def profile_check(factor: int, work: Path) -> str:
    from cmd_handbook.load import load_handbook
    from cmd_handbook.rules import run_rules

    data = work / "data"
    scale_data(ROOT / "data", data, factor)
    prof = cProfile.Profile()
    prof.enable()
    run_rules(load_handbook(data), today=dt.date.fromisoformat(TODAY), lang="nb")
    prof.disable()
    out = work / "check.prof"
    prof.dump_stats(str(out))
    return _with_own(out)


def profile_build(factor: int, work: Path) -> str:
    """cProfile of a whole `handbook build` in a fresh interpreter (the CLI's main, in-process there)."""
    data = work / "data"
    scale_data(ROOT / "data", data, factor)
    out = work / "build.prof"
    code = ("import cProfile, sys\nfrom cmd_handbook.commands.cli import main\nprof = cProfile.Profile()\n"
            f"rc = prof.runcall(main, {build_cmd(data, work / 'site')[1:]!r})\n"
            f"prof.dump_stats({str(out)!r})\nsys.exit(rc)\n")
    must(run_measured([str(PYTHON), "-c", code], cwd=ROOT), "profiled build")
    return _with_own(out)


# --- report --------------------------------------------------------------------------------------------------


def growth(results: list[Result], attr: str) -> tuple[float, float]:
    """(time per page at the largest scale / at the smallest, growth exponent of time vs pages between the two largest)."""
    a, b, c = results[0], results[-2], results[-1]
    per_page = (getattr(c, attr) / c.pages) / (getattr(a, attr) / a.pages)
    exponent = math.log(getattr(c, attr) / getattr(b, attr)) / math.log(c.pages / b.pages) if c.pages > b.pages else 1.0
    return per_page, exponent


def report(results: list[Result], profile: bool, work: Path) -> None:
    print("\n== summary (wall time: median, and the best of the runs for the overhead; peak = max RSS of the build process;\n"
          "   cpu ovh = the overhead in CPU time (median);\n"
          "   gen cpu = the generator's own CPU measured inside a build (its hooks + its imports), against the floor's CPU)")
    print("   check s = parse cache filled, cold = empty cache; overhead = best build against best floor, with the cache\n"
          "   filled; median = the same with medians; first = a first build (empty cache: + what parsing costs)")
    head = (f"{'scale':>5} {'pages':>6} {'check s':>8} {'cold':>6} {'build s':>8} {'floor s':>8} {'overhead':>9} {'median':>7} "
            f"{'first':>7} {'peak MB':>8} {'reps':>4} {'cpu ovh':>8} {'gen cpu':>8}")
    print(head)
    print("-" * len(head))
    for r in results:
        print(f"{'x' + str(r.factor):>5} {r.pages:>6} {r.check_s:>8.2f} {r.check_cold_s:>6.2f} {r.build_s:>8.2f} "
              f"{r.floor_s:>8.2f} {r.overhead:>+8.1f}% {r.median_overhead:>+6.1f}% {r.cold_overhead:>+6.1f}% "
              f"{r.build_peak_mb:>8.0f} {r.reps:>4} "
              f"{r.cpu_overhead:>+7.1f}% {r.gen_share:>+7.1f}%")
    print("\n== per page (ms; wall / CPU)")
    for r in results:
        print(f"{'x' + str(r.factor):>5}  build {r.build_s / r.pages * 1000:6.1f} / {r.build_cpu / r.pages * 1000:6.1f}   "
              f"floor {r.floor_s / r.pages * 1000:6.1f} / {r.floor_cpu / r.pages * 1000:6.1f}   "
              f"generator's part {(r.build_s - r.floor_s) / r.pages * 1000:6.1f} / {(r.build_cpu - r.floor_cpu) / r.pages * 1000:6.1f}")

    missed: list[str] = []
    print("\n== targets")
    worst = max(results, key=lambda r: r.overhead)
    ok = worst.overhead <= OVERHEAD_TARGET
    print(f"generator adds <= {OVERHEAD_TARGET:.0f} % over the floor at every scale: {'met' if ok else 'MISSED'} "
          f"(best runs {', '.join(f'x{r.factor} {r.overhead:+.1f} %' for r in results)}; "
          f"medians {', '.join(f'x{r.factor} {r.median_overhead:+.1f} %' for r in results)}; first build, empty parse cache "
          f"{', '.join(f'x{r.factor} {r.cold_overhead:+.1f} %' for r in results)}; "
          f"CPU {', '.join(f'x{r.factor} {r.cpu_overhead:+.1f} %' for r in results)}; "
          f"the generator's own CPU inside the build {', '.join(f'x{r.factor} {r.gen_share:+.1f} %' for r in results)})")
    if not ok:
        missed.append("overhead")
    if len(results) >= 2:
        a, b, c = results[0], results[-2], results[-1]
        per_page, exponent = growth(results, "build_best")
        cpu_pp, cpu_exp = growth(results, "build_cpu")
        floor_pp, floor_exp = growth(results, "floor_best")
        # Pages get longer as the company grows (a role page lists every step of every procedure), so the floor's
        # own time per page grows too: the generator's may grow as much as the floor's, and no step may be superlinear.
        ok = per_page <= max(1.0, floor_pp) * 1.05 and exponent <= GROWTH_TOLERANCE
        print(f"build time grows no faster than the page count: {'met' if ok else 'MISSED'} "
              f"(time per page x{c.factor} / x{a.factor} = {per_page:.2f} wall, {cpu_pp:.2f} CPU; "
              f"from x{b.factor} to x{c.factor} time ~ pages^{exponent:.2f} wall, pages^{cpu_exp:.2f} CPU, limit "
              f"{GROWTH_TOLERANCE:.2f}; the floor alone: per page {floor_pp:.2f}, pages^{floor_exp:.2f}; best runs)")
        if not ok:
            missed.append("growth")
    x50 = next((r for r in results if r.factor == 50), None)
    if x50 is not None:
        ok = x50.check_s < CHECK_TARGET
        cold = "met" if x50.check_cold_s < CHECK_TARGET else "MISSED"
        print(f"check of x50 under {CHECK_TARGET:.0f} s: {'met' if ok else 'MISSED'} ({x50.check_s:.2f} s wall, "
              f"{x50.check_cpu:.2f} s CPU, parse cache filled; in-process load_handbook+run_rules {x50.inproc_s:.2f} s); "
              f"with an empty cache (first run) {x50.check_cold_s:.2f} s: {cold}")
        if not ok:
            missed.append("check")
    else:
        print(f"check of x50 under {CHECK_TARGET:.0f} s: not measured (x50 not in --scales)")

    if missed and profile:
        big = results[-1].factor
        mid = results[-2].factor if len(results) >= 2 else big
        if "check" in missed:
            pwork = work / "profile-check"
            pwork.mkdir()
            print(f"\n== profile: load_handbook + run_rules at x{big} (cProfile, top 25 by cumulative time)", flush=True)
            print(profile_check(big, pwork), flush=True)
        if "overhead" in missed or "growth" in missed:
            pwork = work / "profile-build"
            pwork.mkdir()
            print(f"\n== profile: handbook build at x{mid} (cProfile, top 25 by cumulative time)", flush=True)
            print(profile_build(mid, pwork), flush=True)
    first = max(results, key=lambda r: r.cold_overhead)
    median = max(results, key=lambda r: r.median_overhead)
    print(f"\nworst overhead: {worst.overhead:+.1f}% (x{worst.factor}, best runs); medians {median.median_overhead:+.1f}% "
          f"(x{median.factor}); first build with an empty parse cache {first.cold_overhead:+.1f}% (x{first.factor})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,50", help="comma-separated factors (default 1,10,50)")
    ap.add_argument("--reps", type=int, default=5,
                    help="repetitions per measurement (fewer where a build is slow, see --slow-limit)")
    ap.add_argument("--slow-limit", type=float, default=180.0,
                    help="seconds: where the first build takes over a third of this, 3 repetitions; over all of it, 1")
    ap.add_argument("--no-profile", action="store_true", help="do not profile a missed target")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    args = ap.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    if not HANDBOOK.exists():
        print(f"bench: {HANDBOOK} not found; run `make` first", file=sys.stderr)
        return 2
    import platform

    print(f"handbook bench: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPU(s), "
          f"{platform.machine()}, {_mem_gb()} GB RAM; today={TODAY}; scales {scales}; {args.reps} repetition(s)")
    # Byte-compile the generator as any machine does on its first run (where PYTHONDONTWRITEBYTECODE is set, as on
    # this one, Python would otherwise compile its modules afresh in every child and count that as generator time).
    must(run_measured([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "macros")], cwd=ROOT), "compileall")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop("CI", None)  # strictness is given explicitly (--no-strict)
    source = fingerprint()
    print(f"generator source: git {_git_head()}, content {source[:12]}")
    top = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    os.environ["HANDBOOK_CACHE_DIR"] = str(top / "parse-cache")  # not the user's cache; children inherit it
    try:
        print(f"generator imports (our plugin, CLI and mkdocs-macros over plain MkDocs + Material): "
              f"{measure_imports(args.reps):.2f} s CPU", flush=True)
        results = []
        for factor in scales:
            work = top / f"x{factor}"
            work.mkdir()
            results.append(bench_scale(factor, work, args.reps, args.slow_limit))
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        changed = fingerprint() != source
        if changed:
            print("\nnote: the generator's source (macros/, docs/, overrides/, mkdocs.yml) changed during the run: "
                  "the scales were measured against different code; run again for comparable figures")
        report(results, not args.no_profile, top)
    finally:
        if args.keep:
            print(f"(kept {top})", file=sys.stderr)
        else:
            shutil.rmtree(top, ignore_errors=True)
    return 0


def fingerprint() -> str:
    """A hash of everything a build reads besides the data: the generator, the hand-written pages, theme overrides, config."""
    digest = hashlib.sha256()
    for base in ("macros", "docs", "overrides"):
        for path in sorted((ROOT / base).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and "vendor" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "mkdocs.yml").read_bytes())
    return digest.hexdigest()


def _git_head() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "macros", "docs", "overrides", "mkdocs.yml"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return out.stdout.strip()[:70] + (" + uncommitted changes" if dirty else "")


def _mem_gb() -> str:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f}"
    return "?"


if __name__ == "__main__":
    sys.exit(main())
