"""Run MkDocs for the ``handbook`` command without leaving a half-written site behind.

The build goes into a sibling folder and replaces the old site only when it
succeeded; on any failure the previous site stays exactly as it was, and the
user sees the reason in one block, never a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import re
import subprocess
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import sitedir

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Formatter(logging.Formatter):
    """One readable block per message; a macro error is cut before its Python traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if "Macro Rendering Error" in message or "Macro Syntax Error" in message:
            kept = [re.sub(r"^_([^_]+)_:?", r"\1:", ln.strip()).replace("::", ":")
                    for ln in message.split("```")[0].splitlines() if ln.strip().startswith("_")]
            message = "macro error: " + " | ".join(kept)
        return f"{record.levelname:<7} -  {message}"


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (so redirection and test capture see it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(_Formatter())
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _environment(data: Path, strict: bool, today: dt.date | None) -> dict[str, str]:
    env = {"HANDBOOK_DATA": str(data), "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_STRICT": "1" if strict else "0"}
    if today:
        env["HANDBOOK_TODAY"] = today.isoformat()
    return env


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for one build and put the old values back afterwards."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_mkdocs(command: str, *, project: Path, data: Path, site_dir: Path | None = None, strict: bool = True,
               today: dt.date | None = None, extra: list[str] | None = None, env: dict[str, str] | None = None) -> int:
    config_file = project / "mkdocs.yml"
    if not config_file.exists():
        print(f"handbook: no mkdocs.yml in {project}", file=sys.stderr)
        return EXIT_USAGE
    if not data.is_dir():
        print(f"handbook: data folder not found: {data}", file=sys.stderr)
        return EXIT_USAGE
    values = {**_environment(data, strict, today), **(env or {})}
    if command == "serve":
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), *(extra or [])],
                               env={**os.environ, **values})
    with environment(values):
        return _build(config_file, (site_dir or project / "site").resolve(), strict)


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is first used, then loads it and becomes it."""

    def __getattr__(self, attr: str) -> object:  # called only for what the stand-in lacks
        del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def import_lazily(name: str) -> None:
    """Let ``import name`` succeed at once and load the module only when something in it is used.

    mkdocs-macros imports ``requests`` at start-up for one feature a handbook never uses (fetching remote
    templates): a third of the generator's start-up time, and most of its share of a small build.
    (importlib.util.LazyLoader does not help here: on Python 3.11 the import statement itself loads it.)
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = _Deferred(name)
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin
    sys.modules[name] = stand_in


def _build(config_file: Path, final: Path, strict: bool) -> int:
    import_lazily("requests")
    _logging(verbose=False)
    with sitedir.locked(final):
        sitedir.recover(final)
        staging = sitedir.staging(final)
        code = _run(config_file, staging, strict)
        if code != EXIT_OK:
            sitedir.remove(staging)
            print(f"Nothing was written; {final} is unchanged.", file=sys.stderr)
            return code
        sitedir.swap_in(staging, final)
    print(f"Handbook built in {final}", file=sys.stderr)
    return EXIT_OK


def _run(config_file: Path, staging: Path, strict: bool) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    code = EXIT_OK
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
        build(config)
    except PluginError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        code = EXIT_DATA
    except ConfigurationError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except Abort as exc:  # mkdocs has already logged the reason above
        print(f"Build failed ({exc}).", file=sys.stderr)
        code = EXIT_DATA
    except SystemExit as exc:  # mkdocs-macros exits on a macro error (on_error_fail)
        print(f"Build failed: a macro raised an error (exit {exc.code}); see the message above.", file=sys.stderr)
        code = EXIT_DATA
    except Exception as exc:  # a bug or a broken environment: say what, without a traceback
        print(f"Build failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    return code
