"""What a handbook needs from MkDocs besides this plugin, set up by the plugin so a company's mkdocs.yml stays short.

- the theme: Material, with the handbook's templates and assets (package folder ``theme/``) between the
  company's own ``custom_dir`` (which wins) and Material's;
- no outside requests: ``font: false``, a local polyfill so search runs from ``file://``;
- the Markdown extensions the generated pages use;
- the companion plugins: Material's search (Norwegian-friendly word separator) and offline plugins, and
  mkdocs-macros with ``[[ ]]`` delimiters, so hand-written pages keep ``{{ }}`` and ``{#id}`` literal.

A company that lists one of these itself keeps its own settings.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..commands.project import ProjectError, raw_config

PACKAGE = Path(__file__).resolve().parent.parent
THEME = PACKAGE / "theme"
PAGES = PACKAGE / "pages"
# The handbook's own styles and scripts, one file per concern, in the theme folder (a new file is picked up as is).
HANDBOOK_CSS = sorted(p.relative_to(THEME).as_posix() for p in (THEME / "assets/stylesheets/handbook").glob("*.css"))
HANDBOOK_JS = sorted(p.relative_to(THEME).as_posix() for p in (THEME / "assets/javascripts/handbook").glob("*.js"))
POLYFILL = "assets/javascripts/iframe-worker-polyfill.js"  # the offline plugin adds none when a polyfill says "iframe-worker"

FEATURES = ["navigation.sections", "navigation.indexes", "navigation.top", "navigation.footer", "search.highlight",
            "toc.follow"]
EXTENSIONS: dict[str, dict[str, Any]] = {
    "abbr": {}, "admonition": {}, "attr_list": {}, "md_in_html": {}, "tables": {}, "toc": {"permalink": True},
    "pymdownx.details": {}, "pymdownx.superfences": {}, "pymdownx.tasklist": {"custom_checkbox": True},
}
PLUGINS: dict[str, dict[str, Any]] = {
    "search": {
        # Words end at spaces, hyphens and punctuation: "(PMS)", «avvik» and "CAPA," are indexed as pms, avvik, capa.
        # A dot before a digit stays, so "14.5" and "5.5.2" remain one word.
        "separator": r'[\s\u200b\-_,:;!?=\[\]()"`/«»“”‘’…]+|\.(?!\d)|&[lg]t;',
        # Words are indexed as written (no stemmer): theme/assets/javascripts/workers/search-stem.js stems each typed
        # word and matches it as a prefix, which keeps exact and prefix search working.
        "pipeline": ["stopWordFilter"],
    },
    "offline": {},
    "macros": {
        "on_error_fail": True, "on_undefined": "strict",
        "j2_variable_start_string": "[[", "j2_variable_end_string": "]]",
        "j2_block_start_string": "[%", "j2_block_end_string": "%]",
        "j2_comment_start_string": "[##", "j2_comment_end_string": "##]",
    },
}


def default_language(config: MkDocsConfig) -> None:
    """Norwegian unless mkdocs.yml names a language: Material's own default is English, the handbook's (and its
    command line's) is Norwegian. Only the user's file says whether the language was set, not the merged theme."""
    if not config.config_file_path:  # a configuration made in code says what it wants
        return
    try:
        raw = raw_config(Path(config.config_file_path))  # as MkDocs read it (INHERIT included)
    except ProjectError:
        return
    theme = raw.get("theme")
    if not (isinstance(theme, dict) and theme.get("language")):
        config.theme["language"] = "nb"


def set_up(config: MkDocsConfig) -> None:
    if config.theme.name != "material":
        raise PluginError(f"the handbook needs the Material theme (theme: {{name: material}}), not '{config.theme.name}'")
    theme = config.theme
    dirs = theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if theme.custom_dir else 0, str(THEME))
    theme["font"] = False  # no Google Fonts: the site loads nothing from outside
    features = theme.get("features") or list(FEATURES)
    theme["features"] = [f for f in features if f != "content.tooltips"]  # see _without_html_tooltips
    if not theme.get("palette"):
        theme["palette"] = [{"scheme": "default", "primary": "indigo", "accent": "indigo"}]
    config.use_directory_urls = False  # plain .html files: works from a zip opened with file://
    config.extra.setdefault("generator", False)
    polyfills = config.extra.setdefault("polyfills", [])
    if POLYFILL not in polyfills:
        polyfills.insert(0, POLYFILL)
    config.extra_css[:0] = [sheet for sheet in HANDBOOK_CSS if sheet not in config.extra_css]
    scripts = [str(s) for s in config.extra_javascript]
    config.extra_javascript[:0] = [script for script in HANDBOOK_JS if script not in scripts]
    for name, options in EXTENSIONS.items():  # MkDocs lists toc itself: options are defaults, a company's own win
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        for key, value in options.items():
            config.mdx_configs.setdefault(name, {}).setdefault(key, value)
    if theme.get("language", "en") != "en":  # the heading anchors' tooltip, in the handbook's language
        config.mdx_configs.setdefault("toc", {}).setdefault("permalink_title", "Lenke til denne delen")
    _companions(config)


def _companions(config: MkDocsConfig) -> None:
    """Add Material's search and offline plugins and mkdocs-macros, unless mkdocs.yml lists them already.

    They are loaded the way MkDocs loads the plugins of mkdocs.yml (by the plugins option, with the theme's
    namespace: 'search' is Material's), after this plugin's on_config, so theirs run after it in this event.
    """
    option = dict(config._schema)["plugins"]
    assert isinstance(option, Plugins)
    present = {key.split(" #")[0] for key in config.plugins}
    for name, options in PLUGINS.items():
        if name in present or f"material/{name}" in present:
            continue
        _, plugin = option.load_plugin_with_namespace(name, dict(options))  # adds it to config.plugins
        if hasattr(plugin, "on_startup"):
            plugin.on_startup(command="build", dirty=False)


@cache
def standard_pages() -> dict[str, str]:
    """The pages every handbook has (home, company, PRRC, register, lists): path in docs/ -> Markdown with macros."""
    return {p.relative_to(PAGES).as_posix(): p.read_text(encoding="utf-8") for p in sorted(PAGES.rglob("*.md"))}


_LOADED = re.compile(rb"""<(?:script|link|img)\b[^>]*?\s(?:src|href)=["']?([^"'\s>]+)""", re.I)
_EXTERNAL = re.compile(rb"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def missing_assets(site: Path) -> list[str]:
    """Scripts, stylesheets and images the pages load that are not in the built site (a regex pass: it runs on
    every page of every build)."""
    missing: dict[str, str] = {}
    checked: set[tuple[Path, bytes]] = set()
    for page in site.rglob("*.html"):
        for ref in _LOADED.findall(page.read_bytes()):
            if _EXTERNAL.match(ref) or (page.parent, ref) in checked:
                continue
            checked.add((page.parent, ref))
            path = ref.split(b"#")[0].split(b"?")[0].decode("utf-8", "replace")
            target = site / path.lstrip("/") if path.startswith("/") else page.parent / path  # 404.html: from the root
            if not target.is_file():
                missing.setdefault(path, str(page.relative_to(site)))
    return [f"{ref} (from {page})" for ref, page in sorted(missing.items())]
