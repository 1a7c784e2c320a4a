"""Run MkDocs for the ``handbook`` command without leaving a half-written site behind.

The build goes into a sibling folder and replaces the old site only when it
succeeded; on any failure the previous site stays exactly as it was, and the
user sees the reason in one block, never a Python traceback.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import types
from pathlib import Path
from typing import Any

from ..errors import say
from . import sitedir
from .project import Project

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Formatter(logging.Formatter):
    """One readable block per message; a macro error is cut before its Python traceback."""

    def __init__(self, lang: str = "nb") -> None:
        super().__init__()
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if "Macro Rendering Error" in message or "Macro Syntax Error" in message:
            kept = [re.sub(r"^_([^_]+)_:?", r"\1:", ln.strip()).replace("::", ":")
                    for ln in message.split("```")[0].splitlines() if ln.strip().startswith("_")]
            message = say(self.lang, "makrofeil: ", "macro error: ") + " | ".join(kept)
        return f"{record.levelname:<7} -  {message}"


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (so redirection and test capture see it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _logging(verbose: bool, lang: str = "nb") -> None:
    logger = logging.getLogger("mkdocs")
    handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        logger.addHandler(handler)
    handler.setFormatter(_Formatter(lang))
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def run_build(project: Project, options: dict[str, Any], *, site_dir: Path | None = None, strict: bool = True,
              lang: str = "nb") -> int:
    """Build ``project`` with the handbook plugin's ``options`` set for this build; the old site stays on failure.

    ``lang``: the language of the messages (the plugin's own follow the handbook's theme.language)."""
    from .project import raw_config, with_options

    assert project.config_file is not None
    raw = raw_config(project.config_file)
    final = (site_dir or project.root / str(raw.get("site_dir", "site"))).resolve()
    import_lazily("requests")
    _logging(verbose=False, lang=lang)
    with sitedir.locked(final, lang=lang):
        sitedir.recover(final, lang=lang)
        staging = sitedir.staging(final)
        code = _run(project.config_file, staging, strict, with_options(raw, {"progress": True, **options}), lang)
        if code != EXIT_OK:
            sitedir.remove(staging, lang=lang)
            print(say(lang, f"Ingenting ble skrevet; {final} er uendret.", f"Nothing was written; {final} is unchanged."),
                  file=sys.stderr)
            return code
        sitedir.swap_in(staging, final, lang=lang)
    print(say(lang, f"Håndboken er bygget i {final}", f"Handbook built in {final}"), file=sys.stderr)
    return EXIT_OK


def run_serve(project: Project, options: dict[str, Any], dev_addr: str | None, *, lang: str = "nb") -> int:
    """``mkdocs serve`` with the handbook plugin's ``options``, in this process (each rebuild reloads the config)."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from .project import raw_config, with_options

    assert project.config_file is not None
    _logging(verbose=True, lang=lang)
    plugins = with_options(raw_config(project.config_file), options)
    try:
        serve(config_file=str(project.config_file), dev_addr=dev_addr, livereload=True, plugins=plugins)
    except (ConfigurationError, Abort) as exc:
        print(f"handbook serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the address is taken, or not ours to listen on
        where = dev_addr or "127.0.0.1:8000"
        print("handbook serve: " + say(lang, f"kan ikke vise håndboken på {where}: {exc.strerror or exc}",
                                       f"cannot serve on {where}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


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


def _run(config_file: Path, staging: Path, strict: bool, plugins: list[dict[str, Any]], lang: str = "nb") -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    code = EXIT_OK
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict, plugins=plugins)
        build(config)
    except PluginError as exc:
        print(f"{say(lang, 'Feil', 'Error')}: {exc}", file=sys.stderr)
        code = EXIT_DATA
    except ConfigurationError as exc:
        print(f"{say(lang, 'Feil i oppsettet', 'Configuration error')}: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except Abort as exc:  # mkdocs has already logged the reason above
        print(say(lang, "Byggingen mislyktes; se meldingen over.", f"Build failed ({exc})."), file=sys.stderr)
        code = EXIT_DATA
    except SystemExit as exc:  # mkdocs-macros exits on a macro error (on_error_fail)
        print(say(lang, f"Byggingen mislyktes: en makro ga en feil (exit {exc.code}); se meldingen over.",
                  f"Build failed: a macro raised an error (exit {exc.code}); see the message above."), file=sys.stderr)
        code = EXIT_DATA
    except Exception as exc:  # a bug or a broken environment: say what, without a traceback
        print(f"{say(lang, 'Byggingen mislyktes', 'Build failed')}: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    return code
