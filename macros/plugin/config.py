"""Every option the handbook plugin reads: set in mkdocs.yml, or by the `handbook` command for one build."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HandbookConfig(Config):
    data_dir = c.Type(str, default="data")  # the company's data, relative to mkdocs.yml (or absolute)
    audience = c.Choice(("internal", "inspector"), default="internal")  # inspector: a published snapshot
    strict = c.Type(bool, default=False)  # stop the build when the rules find errors
    today = c.Optional(c.Type(str))  # the date rules and banners use (YYYY-MM-DD); else SOURCE_DATE_EPOCH, else today
    release = c.Optional(c.Type(str))  # build this recorded release: its banner on every page
    publish = c.Type(bool, default=False)  # an intranet release among others: Material's version selector
    cache = c.Type(bool, default=True)  # the parse cache; off for releases and snapshots (data alone)
    nav_limit = c.Type(int, default=60)  # a nav section with more pages shows only its index page
    progress = c.Type(bool, default=False)  # say how far a long build has come (the `handbook` command sets it)
