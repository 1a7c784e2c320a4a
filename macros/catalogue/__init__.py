"""The regulatory catalogue: MDR knowledge shipped with the generator, kept apart from company data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .model import Catalogue

CATALOGUE_DIR = Path(__file__).parent
FILES = (
    "gspr",
    "annex13",
    "qms_elements",
    "iso13485",
    "prrc",
    "pms",
    "vigilance",
    "glossary",
    "synonyms",
    "references",
    "provisions",
    "document_kinds",
    "sop_templates",
    "transitions",
    "changes",
)


@cache
def load_catalogue() -> Catalogue:
    """Load and validate every catalogue file (once per process: a few milliseconds)."""
    from ..yamlio import Loc, Mark, load_yaml_file, position, validate

    files = {name: CATALOGUE_DIR / f"{name}.yml" for name in FILES}

    def locate(loc: Loc) -> Mark:  # the first step of an error's location names the file
        return position(files[loc[0]] if loc and loc[0] in files else files[FILES[0]], loc[1:])

    raw = {name: load_yaml_file(path) for name, path in files.items()}
    return validate(Catalogue, raw, files[FILES[0]], locate=locate)


def catalogue_version() -> str:
    """The catalogue's version: the newest entry of changes.yml."""
    return load_catalogue().version
