"""Parsed YAML kept between runs, so a file that has not changed is not parsed again.

Parsing is most of the cost of loading a large data set (x50 benchmark: ~1.5 s of PyYAML for 1 650 files,
against ~0.1 s to read back its result). Entries are keyed by the file's content (a BLAKE2 digest of the
bytes), not by time stamps: a checkout, a copy or an editor that keeps mtimes cannot be served stale data.
Only successfully parsed files are kept; a file with a problem is parsed, and reported, every time.

Beside it, small content-addressed entries (``stored``/``store``): the position index of a file a message
pointed into, and the validated catalogue.

One cache file per data folder, under $HANDBOOK_CACHE_DIR, else $XDG_CACHE_HOME/handbook, else
~/.cache/handbook. HANDBOOK_CACHE=off turns it off. A cache that cannot be read or written is ignored: it
only ever costs the time it was meant to save.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pydantic
import yaml

_FORMAT = 1


@lru_cache(maxsize=1)
def _version() -> bytes:
    """What cached entries depend on besides the files: the parser, our conversion of its output, the catalogue model."""
    here = Path(__file__).parent
    sources = b"".join((here / name).read_bytes() for name in ("yamlio.py", "catalogue/model.py"))
    return f"{_FORMAT}|{sys.version_info[:2]}|{yaml.__version__}|{pydantic.VERSION}|".encode() + \
        hashlib.blake2b(sources).digest()


def enabled() -> bool:
    """Unless HANDBOOK_CACHE=off, or there is nowhere to put it (no home folder and no cache folder set)."""
    return os.environ.get("HANDBOOK_CACHE", "").lower() not in {"off", "0", "no", "false"} and cache_root() is not None


def cache_root() -> Path | None:
    if os.environ.get("HANDBOOK_CACHE_DIR"):
        return Path(os.environ["HANDBOOK_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "handbook"
    home = os.path.expanduser("~")
    return None if home == "~" else Path(home) / ".cache" / "handbook"  # "~": no home to be found


class ParseCache:
    """The cached parse results of one data folder, read once at the start of a load and written at its end."""

    def __init__(self, folder: Path) -> None:
        self.enabled = enabled()
        key = hashlib.blake2b(os.fsencode(os.path.abspath(folder)), digest_size=10).hexdigest()
        self.file = (cache_root() or Path(".")) / f"parsed-{key}.marshal"  # not used when disabled
        self.version = _version() if self.enabled else b""
        self.entries: dict[str, tuple[bytes, bytes]] = {}  # path -> (digest of the file, marshalled tree)
        self.seen: set[str] = set()
        self.changed = False
        if self.enabled:
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                version, entries = marshal.loads(self.file.read_bytes())
                if version == self.version and isinstance(entries, dict):
                    self.entries = entries

    def parse(self, path: Path, raw: bytes, parse: Callable[[], Any]) -> Any:
        """The tree of ``path`` whose content is ``raw``: from the cache, else ``parse()`` (then kept)."""
        if not self.enabled:
            return parse()
        name = os.fspath(path)
        self.seen.add(name)
        key = digest(raw)
        entry = self.entries.get(name)
        if entry is not None and entry[0] == key:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                return marshal.loads(entry[1])
        tree = parse()  # a file with a problem raises here, and is not kept
        with contextlib.suppress(ValueError):  # a recursive alias cannot be marshalled: not worth keeping
            self.entries[name] = (key, marshal.dumps(tree))
            self.changed = True
        return tree

    def save(self) -> None:
        """Write the cache if anything changed, dropping files this load did not read (deleted or renamed)."""
        if not self.enabled:
            return
        gone = self.entries.keys() - self.seen
        if not (self.changed or gone):
            return
        for name in gone:
            del self.entries[name]
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".parsed-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(marshal.dumps((self.version, self.entries)))
                os.replace(tmp, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


_KEEP = 2000  # content-addressed entries of one kind kept; beyond that the oldest half goes


def _entry(kind: str, key: bytes) -> Path:
    tag = hashlib.blake2b(_version(), digest_size=6).hexdigest()
    return (cache_root() or Path(".")) / f"{kind}-{tag}" / f"{key.hex()}.bin"  # only asked for when enabled


def stored(kind: str, key: bytes) -> bytes | None:
    """A content-addressed entry (``key`` a digest of everything it was made from), or None."""
    if not enabled():
        return None
    try:
        return _entry(kind, key).read_bytes()
    except OSError:
        return None


def store(kind: str, key: bytes, blob: bytes) -> None:
    if not enabled():
        return
    path = _entry(kind, key)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-")
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, path)
        entries = list(os.scandir(path.parent))
        if len(entries) > _KEEP:
            for old in sorted(entries, key=lambda e: e.stat().st_mtime)[: len(entries) // 2]:
                os.unlink(old.path)
