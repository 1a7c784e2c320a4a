"""The site engine: MkDocs 1.6, or ProperDocs (its maintained fork) where MkDocs is not installed.

ProperDocs installs as ``properdocs`` and answers every ``mkdocs.*`` import once its replacement module is
imported; the handbook's plugin and Material then run on it unchanged.
"""

from __future__ import annotations

import importlib

from ..errors import Msg


class EngineMissing(Exception):
    def __init__(self, nb: str, en: str) -> None:
        super().__init__(nb)
        self.msg = Msg(nb, en)


def require() -> str:
    """Make ``import mkdocs`` work, with MkDocs or ProperDocs; the name of the engine, or EngineMissing."""
    try:
        importlib.import_module("mkdocs.config")
        return "mkdocs"
    except ImportError:
        pass
    try:
        importlib.import_module("properdocs.replacement")
        importlib.import_module("mkdocs.config")
        return "properdocs"
    except ImportError:
        raise EngineMissing("håndboken trenger MkDocs 1.6 eller ProperDocs: pip install 'mkdocs>=1.6,<2' "
                            "(eller properdocs)",
                            "the handbook needs MkDocs 1.6 or ProperDocs: pip install 'mkdocs>=1.6,<2' "
                            "(or properdocs)") from None
