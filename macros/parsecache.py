"""Parsed YAML kept between runs, so a file that has not changed is not parsed again.

Parsing is most of the cost of loading a large data set (x50 benchmark: ~1.5 s of PyYAML for 1 650 files).
Entries are keyed by the file's content (a BLAKE2 digest of the bytes), not by time stamps: a checkout, a
copy or an editor that keeps mtimes cannot be served stale data. Only successfully parsed files are kept.

What is read back can neither run code nor change a page:
- entries are JSON (plain data), never pickle or marshal;
- each cache file carries a keyed BLAKE2 tag (a MAC) made with a random key that only its user can read, so
  an entry written by anything but this program is ignored, as a corrupt one is;
- the folder is created private to its user (0700), and a folder that is not (another owner, or group- or
  world-writable) is not used at all;
- releases, publishing and snapshots are built with the cache off, from the data alone.

One cache file per data folder, under $HANDBOOK_CACHE_DIR, else $XDG_CACHE_HOME/handbook, else
~/.cache/handbook. HANDBOOK_CACHE=off turns it off. Beside the parsed trees, small content-addressed entries
(``stored``/``store``) hold the position index of a file a message pointed into. Old entries are pruned.
A cache that cannot be read or written is ignored: it only ever costs the time it was meant to save.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import shutil
import stat
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .files import write_atomically

_FORMAT = 2
_KEEP_FOLDERS = 20  # parse caches of this many data folders are kept (the most recently used)
_KEEP = 2000  # content-addressed entries of one kind kept; beyond that the oldest half goes
log = logging.getLogger("handbook")


@lru_cache(maxsize=1)
def _version() -> str:
    """What cached entries depend on besides the files: the parser and our conversion of its output."""
    here = Path(__file__).parent
    sources = hashlib.blake2b((here / "yamlio.py").read_bytes()).hexdigest()
    return f"{_FORMAT}|{sys.version_info[:2]}|{yaml.__version__}|{pydantic.VERSION}|{sources}"


def cache_root() -> Path | None:
    if os.environ.get("HANDBOOK_CACHE_DIR"):
        return Path(os.environ["HANDBOOK_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "handbook"
    home = os.path.expanduser("~")
    return None if home == "~" else Path(home) / ".cache" / "handbook"  # "~": no home to be found


def _enabled() -> bool:
    """Unless HANDBOOK_CACHE=off, or there is nowhere private to put it."""
    return os.environ.get("HANDBOOK_CACHE", "").lower() not in {"off", "0", "no", "false"} and _key() is not None


def _private_folder(root: Path) -> bool:
    """Create ``root`` for this user only, or check that an existing one is this user's alone."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(root, follow_symlinks=False)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if stat.S_ISDIR(info.st_mode) and mine and info.st_mode & 0o077:
        with contextlib.suppress(OSError):  # ours, from an older version or a loose umask: make it private
            os.chmod(root, 0o700)
            info = os.stat(root, follow_symlinks=False)
    if not stat.S_ISDIR(info.st_mode) or not mine or info.st_mode & 0o077:
        log.warning("handbook: not using the cache in %s: the folder must be yours and private (chmod 700)", root)
        return False
    return True


@lru_cache(maxsize=4)
def _key_for(root: Path) -> bytes | None:
    if not _private_folder(root):
        return None
    path = root / "key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        try:
            key = path.read_bytes()
        except OSError:
            return None
        return key if len(key) == 32 else None
    except OSError:
        return None
    key = os.urandom(32)
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key


def _key() -> bytes | None:
    root = cache_root()
    return None if root is None else _key_for(root)


def _sealed(body: bytes) -> bytes:
    key = _key()
    assert key is not None
    return hashlib.blake2b(body, key=key, digest_size=32).hexdigest().encode() + b"\n" + body


def _opened(blob: bytes) -> Any:
    """The JSON inside a sealed blob, or None when the tag does not match (written by someone else, or damaged)."""
    key = _key()
    tag, _, body = blob.partition(b"\n")
    if key is None or not hmac.compare_digest(tag, hashlib.blake2b(body, key=key, digest_size=32).hexdigest().encode()):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


class ParseCache:
    """The cached parse results of one data folder, read once at the start of a load and written at its end."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.enabled = enabled and _enabled()
        self.entries: dict[str, list[Any]] = {}  # path -> [digest of the file, tree]
        self.seen: set[str] = set()
        self.changed = False
        if not self.enabled:
            return
        key = hashlib.blake2b(os.fsencode(os.path.abspath(folder)), digest_size=10).hexdigest()
        self.file = cache_root() / f"parsed-{key}.json"  # type: ignore[operator]
        with contextlib.suppress(OSError):
            content = _opened(self.file.read_bytes())
            if isinstance(content, dict) and content.get("version") == _version() and isinstance(content.get("entries"), dict):
                self.entries = content["entries"]

    def parse(self, path: Path, raw: bytes, parse: Callable[[], Any]) -> Any:
        """The tree of ``path`` whose content is ``raw``: from the cache, else ``parse()`` (then kept)."""
        if not self.enabled:
            return parse()
        name = os.fspath(path)
        self.seen.add(name)
        key = digest(raw).hex()
        entry = self.entries.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key:
            return entry[1]
        tree = parse()  # a file with a problem raises here, and is not kept
        if b"&" in raw:  # anchors: a recursive alias cannot be written as JSON, and is not kept
            try:
                json.dumps(tree)
            except ValueError:
                return tree
        self.entries[name] = [key, tree]
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
        body = json.dumps({"version": _version(), "entries": self.entries}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        with contextlib.suppress(OSError):
            write_atomically(self.file, _sealed(body), mode=0o600)
            _prune(self.file.parent.glob("parsed-*.json"), _KEEP_FOLDERS)
            _remove_other_versions(self.file.parent)


def _remove_other_versions(root: Path) -> None:
    """Entries an older version of the generator wrote (another format, another parser): never read again."""
    current = _entry("x", b"").parent.name.split("-", 1)[1]
    for path in root.iterdir():
        old = path.suffix == ".marshal" or (path.is_dir() and path.name.rpartition("-")[2] != current)
        if old:
            with contextlib.suppress(OSError):
                shutil.rmtree(path) if path.is_dir() else path.unlink()


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _prune(paths: Any, keep: int) -> None:
    """Keep the ``keep`` most recently written of ``paths``."""
    with contextlib.suppress(OSError):
        entries = sorted(paths, key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _entry(kind: str, key: bytes) -> Path:
    tag = hashlib.blake2b(_version().encode(), digest_size=6).hexdigest()
    return cache_root() / f"{kind}-{tag}" / f"{key.hex()}.json"  # type: ignore[operator]  # only asked for when enabled


def stored(kind: str, key: bytes) -> Any:
    """A content-addressed entry (``key`` a digest of everything it was made from) as plain data, or None."""
    if not _enabled():
        return None
    try:
        return _opened(_entry(kind, key).read_bytes())
    except OSError:
        return None


def store(kind: str, key: bytes, value: Any) -> None:
    if not _enabled():
        return
    path = _entry(kind, key)
    with contextlib.suppress(OSError, ValueError, TypeError):
        write_atomically(path, _sealed(json.dumps(value, separators=(",", ":")).encode("utf-8")), mode=0o600)
        if len(os.listdir(path.parent)) > _KEEP:
            _prune(path.parent.iterdir(), _KEEP // 2)
