"""The MkDocs plugin: load and check the data before anything is written, add the generated and standard pages.

Only hooks live here; the work is done by load/rules/render. The plugin keeps what it loaded on itself (no
module-level state), sets up the rest of the stack it needs (stack.py) and registers the macros the pages
call (macros.py), so a company's mkdocs.yml names this plugin and nothing else.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .. import __version__
from ..audience import for_inspector
from ..catalogue import catalogue_version
from ..derive import paths
from ..errors import DataErrors, lang_of, say
from ..load import hand_written, load_handbook
from ..render import pages
from ..render.context import RenderContext
from ..render.glossary import Tooltips, tooltips
from ..rules import run_rules
from ..rules.base import Finding
from . import macros, search, stack
from .config import HandbookConfig

log = logging.getLogger("mkdocs.plugins.handbook")


def build_date(option: str | None, lang: str = "nb") -> dt.date:
    """The date the rules and banners use: the ``today`` option, else SOURCE_DATE_EPOCH, else today."""
    if option:
        try:
            return dt.date.fromisoformat(option)
        except ValueError:
            raise PluginError("handbook plugin: today: " + say(lang, f"'{option}' er ikke en dato (forventet ÅÅÅÅ-MM-DD)",
                                                               f"'{option}' is not a date (expected YYYY-MM-DD)")) from None
    if os.environ.get("SOURCE_DATE_EPOCH"):  # the reproducible-builds convention MkDocs follows too
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date()
    return dt.date.today()


class HandbookPlugin(BasePlugin[HandbookConfig]):
    ctx: RenderContext
    findings: list[Finding]
    tooltips: Tooltips
    lang = "nb"  # the language of the handbook and of its messages: theme.language (set in on_config)

    @event_priority(150)  # first: it adds the plugins it needs, and theirs run after it
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        stack.default_language(config)
        lang = lang_of(config.theme.get("language"))
        self.lang = lang
        try:
            handbook = load_handbook(data_dir, cache=self.config.cache, pages=hand_written(Path(config.docs_dir)))
        except DataErrors as exc:
            count = len(set(exc.errors))
            raise PluginError(say(lang, f"Dataene har {count} feil:", f"The data has {count} error(s):")
                              + f"\n{exc.text(lang)}") from None
        today = build_date(self.config.today, lang)
        findings = run_rules(handbook, today=today, lang=lang)
        errors = [f for f in findings if f.severity == "error"]
        if errors and self.config.strict:
            raise PluginError(say(lang, f"Samsvarskontrollen fant {len(errors)} feil (streng bygging):",
                                  f"The compliance check found {len(errors)} error(s) (strict build):")
                              + "\n" + "\n".join(f.as_text() for f in errors))
        if errors:
            log.warning(say(lang, "Samsvarskontrollen fant %d feil; de står på statussiden og i `handbook check`.",
                            "The compliance check found %d error(s); they are listed on the Status page "
                            "and by `handbook check`."), len(errors))
        audience = self.config.audience
        view = for_inspector(handbook) if audience == "inspector" else handbook
        self.ctx = RenderContext(hb=view, lang=lang, today=today, audience=audience)
        self.findings = findings
        self._release_settings(config)
        config.site_name = Markup.escape(f"{self.ctx.t('Kvalitetshåndbok', 'Quality handbook')} – {handbook.company.name}")
        made = Markup.escape(self.ctx.t(f"Laget med cmd-handbook {__version__}, regelverkskatalog {catalogue_version()}",
                                        f"Made with cmd-handbook {__version__}, regulatory catalogue {catalogue_version()}"))
        # The footer of every page says which generator and which regulatory knowledge built it.
        config.copyright = Markup(config.copyright) + Markup(" · ") + made if config.copyright else made
        stack.set_up(config)
        macros.register(self, config)
        # Glossary terms get a tooltip where a page first uses them (on_page_content): compiled once per build.
        self.tooltips = tooltips(self.ctx)
        config.watch += [str(data_dir)]
        return config

    def _release_settings(self, config: MkDocsConfig) -> None:
        """The ``release`` option: the banner on every page; with ``publish``, Material's version selector."""
        version = self.config.release
        if not version:
            return
        hb, ctx = self.ctx.hb, self.ctx
        release = next((r for r in hb.releases.releases if r.version == version), None)
        if release is None:
            raise PluginError(say(self.lang, f"utgivelsen '{version}' står ikke i releases.yml (kjør `handbook release "
                                             f"{version}` først)",
                                  f"release '{version}' is not in releases.yml (run `handbook release {version}` first)"))
        approver = hb.persons.get(release.approved_by)
        snapshot = ctx.audience == "inspector" or not self.config.publish
        config.extra["handbook_release"] = {
            "label": ctx.t("Publisert øyeblikksbilde", "Published snapshot") if snapshot else ctx.t("Versjon", "Version"),
            "version": release.version, "date": ctx.date(release.date),
            "approved": ctx.t("godkjent av ", "approved by ") + (approver.name if approver else release.approved_by),
        }
        if self.config.publish:
            config.extra["version"] = {"provider": "mike", "default": "latest"}
            config.extra["handbook_outdated"] = ctx.t("Dette er ikke gjeldende versjon.", "This is not the current version.")
            config.extra["handbook_current"] = ctx.t("Gå til gjeldende versjon", "Go to the current version")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        generated = pages.generated_pages(self.ctx, self.findings)
        for src, content in generated.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(say(self.lang, f"docs/{src} har samme navn som en generert side; gi den nytt navn "
                                                 "eller fjern den",
                                      f"docs/{src} has the name of a generated page; rename or remove it"))
            files.append(File.generated(config, src, content=content))
        for src, content in stack.standard_pages().items():  # a company's own page of the same name wins
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=content))
        synonyms = self.ctx.hb.catalogue.synonyms(self.ctx.lang)  # everyday words, for the search worker
        files.append(File.generated(config, search.SYNONYMS_JS, content=search.synonyms_script(synonyms)))
        if not config.nav:
            config.nav = pages.navigation(self.ctx, {f.src_uri for f in files.documentation_pages()},
                                          self.config.nav_limit)
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        self._pages, self._done = len(files.documentation_pages()), 0
        return nav

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        """Keep table cells apart in the search index (see search.py); mark glossary terms (render/glossary.py).

        The page title, taken from the first heading, is escaped HTML text: mark it so, so that the theme's
        ``| e`` (the footer's aria-labels) does not escape it a second time.
        """
        if page.title is not None and not isinstance(page.title, Markup):
            page.title = Markup(page.title)
        self._count_page()
        html = search.separate_cells(html)
        return html if page.file.src_uri == paths.GLOSSARY else self.tooltips.mark(html)  # see render/glossary.py

    def _count_page(self) -> None:
        """With the ``progress`` option, a line at every tenth of a build of 200 pages or more."""
        self._done += 1
        if self.config.progress and self._pages >= 200 and self._done % (self._pages // 10) == 0:
            print("        " + say(self.lang, f"{self._done} av {self._pages} sider", f"{self._done} of {self._pages} pages"),
                  file=sys.stderr)

    @event_priority(-200)  # after the offline plugin has written the search index script
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        missing = stack.missing_assets(Path(config.site_dir))
        if missing:
            raise PluginError(say(self.lang, "Sider viser til filer nettstedet ikke har (byggingen er ufullstendig):",
                                  "Pages refer to files the site does not have (the build is incomplete):")
                              + "\n  " + "\n  ".join(missing[:20]))
