"""MkDocs hook for the benchmark: write out the Markdown the handbook generator produced, for the floor build.

Loaded through ``hooks:`` in a temporary config that inherits /work/main/mkdocs.yml (see bench.py).
Every handler runs at priority -100, after the handbook and macros plugins, so what it sees is final:

- on_config: the site_name and the abbr glossary the handbook plugin set;
- on_files: the generated non-Markdown files (CSV) and the hand-written non-Markdown files of docs/,
  and the nav the plugin built;
- on_page_markdown: each page's Markdown after macro rendering, with its front matter (page.meta) put back.

The output goes to $BENCH_DUMP_DIR (the docs folder of the floor build); the config facts to $BENCH_DUMP_META (JSON).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

DUMP = Path(os.environ["BENCH_DUMP_DIR"])
META = Path(os.environ["BENCH_DUMP_META"])
_facts: dict[str, object] = {}


def _write(rel: str, data: bytes) -> None:
    target = DUMP / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _save() -> None:
    META.write_text(json.dumps(_facts, ensure_ascii=False, indent=1), encoding="utf-8")


@event_priority(-100)
def on_config(config):  # type: ignore[no-untyped-def]
    abbr = config.mdx_configs.get("abbr") or {}
    _facts["site_name"] = str(config.site_name)
    _facts["abbr_glossary"] = dict(abbr.get("glossary") or {})
    _save()
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
