"""MkDocs glue: load and check the data before anything is written, add one page per data entry, build the nav.

Only hooks live here; the work is done by load/rules/render.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import search, state
from .audience import for_inspector
from .errors import DataErrors
from .load import hand_written, load_handbook
from .model.handbook import Handbook
from .render import pages
from .render.context import RenderContext
from .render.glossary import abbreviations
from .rules import run_rules

log = logging.getLogger("mkdocs.plugins.handbook")


class HandbookConfig(Config):
    data_dir = c.Type(str, default="data")
    audience = c.Choice(("internal", "inspector"), default="internal")
    strict = c.Type(bool, default=False)  # fail the build when the rules find errors
    nav_limit = c.Type(int, default=60)  # a nav section with more pages shows only its index page


def build_date() -> dt.date:
    """The date the rules and banners use: HANDBOOK_TODAY, else SOURCE_DATE_EPOCH, else today."""
    if os.environ.get("HANDBOOK_TODAY"):
        return dt.date.fromisoformat(os.environ["HANDBOOK_TODAY"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()
    return dt.date.today()


def _without_html_tooltips(config: MkDocsConfig) -> None:
    """Switch off Material's ``content.tooltips``: it shows ``title`` attributes through innerHTML, and it sets
    the title of every truncated navigation entry from the entry's text, so a long title from data with
    ``<img onerror=...>`` in it would run. Without it, browsers show titles as plain text."""
    features = config.theme.get("features") or []
    if "content.tooltips" in features:
        features.remove("content.tooltips")
        log.info("content.tooltips is switched off: Material renders tooltip text as HTML")


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        data_dir = Path(os.environ.get("HANDBOOK_DATA") or root / self.config.data_dir)
        try:
            handbook = load_handbook(data_dir, pages=hand_written(Path(config.docs_dir)))
        except DataErrors as exc:
            raise PluginError(f"The data has {len(set(exc.errors))} error(s):\n{exc}") from None
        lang = "en" if str(config.theme.get("language", "nb")).startswith("en") else "nb"
        today = build_date()
        audience = os.environ.get("HANDBOOK_AUDIENCE") or self.config.audience
        findings = run_rules(handbook, today=today, lang=lang)
        errors = [f for f in findings if f.severity == "error"]
        strict = self.config.strict or os.environ.get("HANDBOOK_STRICT") == "1"
        if errors and strict:
            raise PluginError(f"The compliance check found {len(errors)} error(s) (strict build):\n"
                              + "\n".join(f.as_text() for f in errors))
        if errors:
            log.warning("The compliance check found %d error(s); they are listed on the Status page "
                        "and by `handbook check`.", len(errors))
        view = for_inspector(handbook) if audience == "inspector" else handbook
        ctx = RenderContext(hb=view, lang=lang, today=today, audience=audience)
        self._release_settings(config, handbook, ctx)
        config.site_name = Markup.escape(f"{ctx.t('Kvalitetshåndbok', 'Quality handbook')} – {handbook.company.name}")
        _without_html_tooltips(config)
        state.set_current(state.State(ctx=ctx, findings=findings))
        # Glossary terms get a tooltip wherever they appear: the 'abbr' extension's glossary, set once per build.
        if "abbr" in config.markdown_extensions:
            config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(ctx)
        config.watch += [str(data_dir), str(Path(__file__).parent)]
        return config

    @staticmethod
    def _release_settings(config: MkDocsConfig, handbook: Handbook, ctx: RenderContext) -> None:
        """HANDBOOK_RELEASE: the banner on every page; HANDBOOK_PUBLISH: Material's version selector."""
        version = os.environ.get("HANDBOOK_RELEASE")
        if not version:
            return
        release = next((r for r in handbook.releases.releases if r.version == version), None)
        if release is None:
            raise PluginError(f"release '{version}' is not in releases.yml (run `handbook release {version}` first)")
        approver = handbook.persons.get(release.approved_by)
        snapshot = ctx.audience == "inspector" or os.environ.get("HANDBOOK_PUBLISH") != "1"
        config.extra["handbook_release"] = {
            "label": ctx.t("Publisert øyeblikksbilde", "Published snapshot") if snapshot else ctx.t("Versjon", "Version"),
            "version": release.version, "date": ctx.date(release.date),
            "approved": ctx.t("godkjent av ", "approved by ") + (approver.name if approver else release.approved_by),
        }
        if os.environ.get("HANDBOOK_PUBLISH") == "1":
            config.extra["version"] = {"provider": "mike", "default": "latest"}
            config.extra["handbook_outdated"] = ctx.t("Dette er ikke gjeldende versjon.", "This is not the current version.")
            config.extra["handbook_current"] = ctx.t("Gå til gjeldende versjon", "Go to the current version")

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        """Keep table cells apart in the search index (see search.py).

        The page title, taken from the first heading, is escaped HTML text: mark it so, so that the theme's
        ``| e`` (the footer's aria-labels) does not escape it a second time.
        """
        if page.title is not None and not isinstance(page.title, Markup):
            page.title = Markup(page.title)
        return search.separate_cells(html)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        st = state.current()
        generated = pages.generated_pages(st.ctx, st.findings)
        for src, content in generated.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} has the name of a generated page; rename or remove it")
            files.append(File.generated(config, src, content=content))
        if not config.nav:
            config.nav = pages.navigation(st.ctx, {f.src_uri for f in files.documentation_pages()}, self.config.nav_limit)
        return files

