"""MkDocs hook for the benchmark: write out the Markdown the handbook generator produced, for the floor build.

Loaded through ``hooks:`` in a temporary config that inherits /work/main/mkdocs.yml (see bench.py).

- on_config (priority +100, before everything): wraps every event handler of the ``handbook`` and ``macros``
  plugins with a timer, so the build also reports how much CPU and wall time the generator itself spends;
- on_files (priority -100, after the handbook plugin): the generated non-Markdown files (CSV) and the hand-written
  non-Markdown files of docs/, and the final site_name, abbr glossary and nav;
- on_page_markdown (priority -100, after the macros plugin): each page's final Markdown, with its front matter
  (page.meta) put back;
- on_post_build: the timings.

The output goes to $BENCH_DUMP_DIR (the docs folder of the floor build); the facts to $BENCH_DUMP_META (JSON).
"""

from __future__ import annotations

import functools
import json
import os
import time
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

DUMP = Path(os.environ["BENCH_DUMP_DIR"])
META = Path(os.environ["BENCH_DUMP_META"])
GENERATOR_PLUGINS = ("handbook", "macros")
_facts: dict[str, object] = {}
_timing: dict[str, list[float]] = {}  # "plugin.event" -> [calls, CPU seconds, wall seconds]


def _write(rel: str, data: bytes) -> None:
    target = DUMP / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _save() -> None:
    META.write_text(json.dumps(_facts, ensure_ascii=False, indent=1), encoding="utf-8")


def _timed(key: str, method):  # type: ignore[no-untyped-def]
    @functools.wraps(method)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            entry = _timing.setdefault(key, [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += time.process_time() - cpu
            entry[2] += time.perf_counter() - wall

    return wrapper


@event_priority(100)
def on_config(config):  # type: ignore[no-untyped-def]
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for i, method in enumerate(methods):
            origin = plugins._event_origins.get(method)
            if origin in GENERATOR_PLUGINS:
                wrapped = _timed(f"{origin}.{event}", method)
                methods[i] = wrapped  # in place: run_event reads the list as it goes
                plugins._event_origins[wrapped] = origin  # File.generated() names the plugin from this
    return config


@event_priority(-100)
def on_files(files, config):  # type: ignore[no-untyped-def]
    docs_dir = Path(config.docs_dir).resolve()
    copied = 0
    for f in files:
        if f.is_documentation_page():
            continue  # written by on_page_markdown, as rendered
        generated = getattr(f, "generated_by", None) is not None
        from_docs = f.abs_src_path is not None and docs_dir in Path(f.abs_src_path).resolve().parents
        if generated or from_docs:  # theme files stay out: the floor uses the same theme
            _write(f.src_uri, f.content_bytes)
            copied += 1
    abbr = config.mdx_configs.get("abbr") or {}
    _facts["site_name"] = str(config.site_name)
    _facts["abbr_glossary"] = dict(abbr.get("glossary") or {})
    _facts["nav"] = config.nav
    _facts["copied_files"] = copied
    _save()
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):  # type: ignore[no-untyped-def]
    meta = dict(page.meta or {})
    head = ""
    if meta:
        try:
            head = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
        except yaml.YAMLError:
            head = "---\n" + yaml.safe_dump(json.loads(json.dumps(meta, default=str)), allow_unicode=True) + "---\n\n"
    _write(page.file.src_uri, (head + markdown).encode("utf-8"))
    return markdown


@event_priority(-100)
def on_post_build(config):  # type: ignore[no-untyped-def]
    _facts["generator_timing"] = _timing
    _save()
