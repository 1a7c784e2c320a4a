"""The built site's folder: one build at a time, staged privately, swapped in whole, recovered after a crash.

A build writes into a staging folder of its own beside the site and, only when it succeeded, moves the old
site aside and the new one in. Two builds into one folder (``serve`` and ``build``, two CI jobs) take turns
on a lock. A build killed between the two moves leaves the old site aside; the next run puts it back. A
site that cannot be removed (read-only files) is moved out of the way, so it never blocks a later build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import say

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; builds are not serialised
    fcntl = None  # type: ignore[assignment]


def _aside(final: Path) -> str:
    return f".{final.name}.old-"


@contextlib.contextmanager
def locked(final: Path, lang: str = "nb") -> Iterator[None]:
    """Hold the site folder's lock while the body runs (waiting for another build first, and saying so)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    with open(final.parent / f".{final.name}.lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(say(lang, f"Venter på at en annen bygging av {final} blir ferdig …",
                      f"Waiting for another build of {final} to finish …"), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(final: Path, lang: str = "nb") -> None:
    """Tidy up after a build that was killed (call with the lock held): the old site back, staging folders gone."""
    leftovers = sorted(final.parent.glob(_aside(final) + "*"), key=lambda p: p.stat().st_mtime)
    if leftovers and not final.exists() and (leftovers[-1] / "site").is_dir():
        (leftovers[-1] / "site").rename(final)  # killed between the two moves: the old site is the site
        print(say(lang, f"Hentet tilbake {final} etter en bygging som ikke ble ferdig.",
                  f"Restored {final} from a build that did not finish."), file=sys.stderr)
    for stale in [*leftovers, *final.parent.glob(f".{final.name}.building-*")]:
        remove(stale, lang)


def staging(final: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.building-"))


def swap_in(built: Path, final: Path, lang: str = "nb") -> None:
    """Make ``built`` the site: the old one moved aside first, then removed. The staging folder was private; the
    site gets the permissions any new folder gets here (the umask's), so a web server can read it."""
    mask = os.umask(0)
    os.umask(mask)
    built.chmod(0o777 & ~mask)
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(dir=final.parent, prefix=_aside(final)))
        final.rename(old / "site")
    built.rename(final)
    if old is not None:
        remove(old, lang)


def remove(path: Path, lang: str = "nb") -> None:
    """Remove a folder, read-only parts included; what cannot be removed stays where no build looks for it."""
    def writable(func, name, _exc) -> None:  # type: ignore[no-untyped-def]
        os.chmod(os.path.dirname(name), stat.S_IRWXU)
        with contextlib.suppress(OSError):
            os.chmod(name, stat.S_IRWXU)
        func(name)

    try:
        if sys.version_info >= (3, 12):
            shutil.rmtree(path, onexc=writable)
        else:
            shutil.rmtree(path, onerror=writable)
    except OSError as exc:
        print("handbook: " + say(lang, f"kunne ikke fjerne {path} ({exc.strerror}); slett den for hånd.",
                                 f"could not remove {path} ({exc.strerror}); delete it by hand."), file=sys.stderr)
