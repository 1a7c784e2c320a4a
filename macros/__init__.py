"""cmd-handbook: a compliance handbook generator for manufacturers of custom-made medical devices (MDR, Norway)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cmd-handbook")
except PackageNotFoundError:  # pragma: no cover - run from a source tree that is not installed
    __version__ = "0+unknown"
