"""Where a handbook is: its mkdocs.yml, its data folder and its own pages, wherever the command is run from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Lang, Msg, lang_of

CONFIG = "mkdocs.yml"


class ProjectError(Exception):
    """A configuration or usage problem (exit 2), said in both languages (``msg``)."""

    def __init__(self, nb: str, en: str) -> None:
        super().__init__(nb)
        self.msg = Msg(nb, en)


@dataclass(frozen=True)
class Project:
    config_file: Path | None  # None: no mkdocs.yml (a bare data folder, for `check`)
    data_dir: Path
    docs_dir: Path | None

    @property
    def root(self) -> Path:
        return self.config_file.parent if self.config_file else Path.cwd()


def raw_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (!ENV, !relative, INHERIT), before validation."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as handle:
            raw = yaml_load(handle)
    except Exception as exc:  # a YAML or INHERIT problem: it is the user's file, say where
        raise ProjectError(f"{config_file}: filen kan ikke leses: {exc}", f"{config_file}: cannot read it: {exc}") from None
    if not isinstance(raw, dict):
        raise ProjectError(f"{config_file}: forventet innstillinger som nøkkel: verdi (site_name: ..., plugins: ...)",
                           f"{config_file}: expected a mapping of settings (site_name: ..., plugins: ...)")
    return raw


class _TagBlindLoader(yaml.SafeLoader):
    """A safe loader that reads any tag (MkDocs' !ENV, !relative, or a hostile !!python/...) as nothing."""


_TagBlindLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def declared_language(config_file: Path) -> Lang:
    """``theme.language`` of a mkdocs.yml, read safely (nothing in the file runs): for the language of messages,
    before the command has decided to load the handbook at all."""
    try:
        with open(config_file, "rb") as handle:
            raw = yaml.load(handle, Loader=_TagBlindLoader)
    except (OSError, yaml.YAMLError):
        return "nb"
    return language(raw) if isinstance(raw, dict) else "nb"


def language(raw: dict[str, Any]) -> Lang:
    """The handbook's language: English with ``theme.language: en``, else Norwegian."""
    theme = raw.get("theme")
    return lang_of(theme.get("language") if isinstance(theme, dict) else None)


def plugin_entries(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The plugins list as [{name: options}], whichever form mkdocs.yml uses."""
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        return [{k: v} for k, v in plugins.items()]
    return [p if isinstance(p, dict) else {p: {}} for p in plugins]


def handbook_options(raw: dict[str, Any], config_file: Path) -> dict[str, Any]:
    for entry in plugin_entries(raw):
        if "handbook" in entry:
            return dict(entry["handbook"] or {})
    raise ProjectError(f"{config_file} har ikke handbook-pluginen i plugins (plugins: [handbook])",
                       f"{config_file} does not list the handbook plugin (plugins: [handbook])")


def with_options(raw: dict[str, Any], options: dict[str, Any]) -> list[dict[str, Any]]:
    """The plugins list with the handbook plugin's options replaced by ``options`` (what the command sets)."""
    return [{"handbook": {**(e["handbook"] or {}), **options}} if "handbook" in e else e for e in plugin_entries(raw)]


def find(config_file: str | None, data: str | None, *, need_config: bool = True) -> Project:
    """The project of ``-f/--config-file`` (else ./mkdocs.yml) and its data folder (``--data``, else the plugin's
    data_dir beside mkdocs.yml, else ./data)."""
    config = Path(config_file) if config_file else Path.cwd() / CONFIG
    if not config.is_file():
        if config_file:
            raise ProjectError(f"filen finnes ikke: {config_file}", f"no such file: {config_file}")
        if need_config:
            raise ProjectError(f"ingen {config.name} i {config.resolve().parent} (kjør dette i mappen til en håndbok, "
                               "eller oppgi filen med -f)",
                               f"no {config.name} at {config.resolve().parent} (run this in a handbook's folder, "
                               "or give its file with -f)")
        folder = Path(data) if data else Path.cwd() / "data"
        return Project(None, folder.resolve(), (Path.cwd() / "docs") if (Path.cwd() / "docs").is_dir() else None)
    config = config.resolve()
    raw = raw_config(config)
    options = handbook_options(raw, config)
    folder = Path(data).resolve() if data else (config.parent / str(options.get("data_dir", "data"))).resolve()
    docs = config.parent / str(raw.get("docs_dir", "docs"))
    return Project(config, folder, docs if docs.is_dir() else None)


def require_data(project: Project) -> None:
    if not project.data_dir.is_dir():
        raise ProjectError(f"fant ikke datamappen: {project.data_dir} (en mappe med company.yml, people.yml, ...; "
                           "se `handbook new`)",
                           f"data folder not found: {project.data_dir} (a folder with company.yml, people.yml, ...; "
                           "see `handbook new`)")
