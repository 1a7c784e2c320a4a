"""The regulatory catalogue: MDR knowledge shipped with the generator, kept apart from company data."""

from __future__ import annotations

import pickle
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
    "references",
    "document_kinds",
    "sop_templates",
)


@cache
def load_catalogue() -> Catalogue:
    """Load and validate every catalogue file (once per process; the validated result is kept in the cache).

    The models are built lazily (``defer_build``), so a catalogue read back from the cache never pays for
    pydantic's validators: a tenth of a second on every run, most of what the catalogue costs.
    """
    from .. import parsecache
    from ..yamlio import Loc, Mark, load_yaml_file, position, validate

    files = {name: CATALOGUE_DIR / f"{name}.yml" for name in FILES}
    key = parsecache.digest(b"".join(parsecache.digest(path.read_bytes()) for path in files.values()))
    blob = parsecache.stored("catalogue", key)
    if blob is not None:
        try:
            catalogue = pickle.loads(blob)  # our own cache entry, written below
        except Exception:  # an unreadable entry is rebuilt, whatever is wrong with it
            catalogue = None
        if isinstance(catalogue, Catalogue):
            return catalogue

    def locate(loc: Loc) -> Mark:  # the first step of an error's location names the file
        return position(files[loc[0]] if loc and loc[0] in files else files[FILES[0]], loc[1:])

    raw = {name: load_yaml_file(path) for name, path in files.items()}
    catalogue = validate(Catalogue, raw, files[FILES[0]], locate=locate)
    parsecache.store("catalogue", key, pickle.dumps(catalogue, protocol=pickle.HIGHEST_PROTOCOL))
    return catalogue
