"""The ``handbook`` command: build, serve, check, new, release, publish, snapshot, verify, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import DataErrors, Lang, lang_of, say

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

EPILOG = """\
exit codes:
  0  done; 1  the data has errors (or a snapshot does not verify); 2  usage, configuration or environment problem

environment:
  CI=true              builds are strict by default (a compliance error stops them)
  SOURCE_DATE_EPOCH    the date rules and banners use when --today is not given (reproducible builds)
  HANDBOOK_CACHE=off   parse every data file, keep nothing between runs
  HANDBOOK_CACHE_DIR   where the parse cache lives (default: $XDG_CACHE_HOME/handbook, ~/.cache/handbook)
"""


def _date(lang: str) -> Any:
    def parse(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say(lang, f"'{text}' er ikke en dato (forventet ÅÅÅÅ-MM-DD)",
                                                 f"'{text}' is not a date (expected YYYY-MM-DD)")) from None
    parse.__name__ = "date"
    return parse


def _project(args: argparse.Namespace, need_config: bool = True):  # type: ignore[no-untyped-def]
    from .project import find

    return find(getattr(args, "config_file", None), getattr(args, "data", None), need_config=need_config)


def _strict(args: argparse.Namespace) -> bool:
    """Strict (compliance errors stop the build) with --strict, or by default in CI (CI=true)."""
    if getattr(args, "strict", None) is not None:
        return bool(args.strict)
    return os.environ.get("CI", "").lower() == "true"


def _options(args: argparse.Namespace, project: Any) -> dict[str, Any]:
    """The handbook plugin options this command sets for one build."""
    options: dict[str, Any] = {"data_dir": str(project.data_dir)}
    if getattr(args, "today", None):
        options["today"] = args.today.isoformat()
    return options


def cmd_check(args: argparse.Namespace) -> int:
    from ..load import hand_written, load_handbook
    from ..rules import run_rules
    from .project import require_data

    lang = args.lang
    project = _project(args, need_config=False)
    require_data(project)
    try:
        handbook = load_handbook(project.data_dir, pages=hand_written(project.docs_dir) if project.docs_dir else ())
    except DataErrors as exc:
        errors = sorted(set(exc.errors))
        if args.format == "json":
            print(json.dumps([{"rule": "data", "severity": "error", "reference": "", **e.as_dict(lang)}
                              for e in errors], ensure_ascii=False, indent=2))
        else:
            for e in errors:
                print(e.text(lang), file=sys.stdout)
            print(say(lang, f"\n{len(errors)} feil i dataene.", f"\n{len(errors)} error(s) in the data."), file=sys.stderr)
        return EXIT_DATA
    findings = run_rules(handbook, today=args.today or dt.date.today(), lang=lang)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f.as_text())
        e, w, n = (sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "notice"))
        print(say(lang, f"\n{e} feil, {w} {'advarsel' if w == 1 else 'advarsler'}, {n} {'merknad' if n == 1 else 'merknader'}.",
                  f"\n{e} error(s), {w} warning(s), {n} notice(s)."), file=sys.stderr)
    return EXIT_DATA if any(f.severity == "error" for f in findings) else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .build import run_build

    project = _project(args)
    strict = _strict(args)
    return run_build(project, {**_options(args, project), "strict": strict},
                     site_dir=Path(args.site_dir).resolve() if args.site_dir else None, strict=strict, lang=args.lang)


def cmd_serve(args: argparse.Namespace) -> int:
    from .build import run_serve

    project = _project(args)
    return run_serve(project, _options(args, project), args.dev_addr, lang=args.lang)


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .new import new_company

    return new_company(args)


def cmd_release(args: argparse.Namespace) -> int:
    from .publish import record_release

    project = _project(args, need_config=False)
    return record_release(project.data_dir, args.version, args.approved_by, args.date or dt.date.today(), args.summary,
                          lang=args.lang)


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish

    return publish(_project(args), Path(args.out).resolve(), lang=args.lang)


def cmd_snapshot(args: argparse.Namespace) -> int:
    from .snapshot import snapshot

    return snapshot(_project(args), args.release, args.audience, Path(args.out).resolve(),
                    pdf=not args.no_pdf, sign_key=Path(args.sign_key) if args.sign_key else None, lang=args.lang)


def cmd_verify(args: argparse.Namespace) -> int:
    from .snapshot import verify

    return verify(Path(args.zip), seal=args.seal, allowed_signers=Path(args.allowed_signers) if args.allowed_signers else None,
                  lang=args.lang)


def _address(lang: str) -> Any:
    def parse(text: str) -> str:
        host, sep, port = text.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise argparse.ArgumentTypeError(say(lang, f"'{text}' er ikke VERT:PORT (f.eks. 127.0.0.1:8001)",
                                                 f"'{text}' is not HOST:PORT (e.g. 127.0.0.1:8001)"))
        return text
    parse.__name__ = "address"
    return parse


# argparse's own usage errors, in Norwegian (the usage line and --help stay as argparse writes them).
_USAGE_NB = (("the following arguments are required", "disse argumentene mangler"),
             ("not allowed with argument", "kan ikke brukes sammen med argumentet"),
             ("invalid choice", "ugyldig valg"), ("choose from", "velg blant"),
             ("unrecognized arguments", "ukjente argumenter"), ("expected one argument", "forventet ett argument"),
             ("ignored explicit argument", "uventet verdi til argumentet"), ("argument ", "argumentet "))


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in the language of the messages."""

    def __init__(self, *args: Any, lang: str = "nb", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def error(self, message: str) -> Any:  # argparse: print usage and the error, exit 2
        if self.lang != "en":
            for en, nb in _USAGE_NB:
                message = message.replace(en, nb)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {say(self.lang, 'feil', 'error')}: {message}\n")


def parser(lang: str = "nb") -> argparse.ArgumentParser:
    """The command line; ``lang``: the language of its error messages (--help stays English)."""
    p = _Parser(prog="handbook", description="Compliance handbook for custom-made medical devices "
                "(EU MDR 2017/745, Norway).", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter, lang=lang)
    p.add_argument("--version", action="version", version=_version())
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, **kw: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter, lang=lang, **kw)

    def project_args(sp: argparse.ArgumentParser, config: bool = True) -> None:
        if config:
            sp.add_argument("-f", "--config-file", metavar="FILE", help="the handbook's mkdocs.yml (default: ./mkdocs.yml)")
        sp.add_argument("--data", metavar="DIR", help="the company's data folder (default: the plugin's data_dir, "
                        "beside mkdocs.yml; else ./data)")

    b = command("build", "build the handbook into a site folder")
    project_args(b)
    b.add_argument("--site-dir", help="output folder (default: site)")
    b.add_argument("--today", type=_date(lang), help="date the rules check against (default: today)")
    strictness = b.add_mutually_exclusive_group()
    strictness.add_argument("--strict", action="store_true", default=None, help="stop when the rules find errors (default in CI)")
    strictness.add_argument("--no-strict", dest="strict", action="store_false", help="build and show findings even in CI")
    b.set_defaults(func=cmd_build)

    s = command("serve", "serve the handbook with live reload (http://127.0.0.1:8000)")
    project_args(s)
    s.add_argument("-a", "--dev-addr", metavar="HOST:PORT", type=_address(lang),
                   help="address to serve on (default: 127.0.0.1:8000)")
    s.add_argument("--today", type=_date(lang), help="date the rules check against (default: today)")
    s.set_defaults(func=cmd_serve)

    c = command("check", "validate the data and report compliance findings")
    project_args(c)
    c.add_argument("--today", type=_date(lang), help="date to check due dates against (default: today)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--lang", choices=["nb", "en"], help="language of the findings and messages (default: the handbook's "
                   "theme.language in mkdocs.yml, else nb)")
    c.set_defaults(func=cmd_check)

    n = command("new", "write a new company's handbook repository (mkdocs.yml, data/, docs/, README)")
    n.add_argument("dir", help="folder to create")
    n.add_argument("--name", help="the company's legal name")
    n.add_argument("--org-number", help="organisasjonsnummer")
    n.add_argument("--size", choices=["micro", "small", "medium", "large"])
    n.add_argument("--prrc-name", help="the PRRC's name")
    n.add_argument("--group", action="append", metavar="NAME:CLASS",
                   help="a device group, e.g. 'Kroner og broer:IIa' (repeatable)")
    n.add_argument("--yes", action="store_true", help="do not ask; use flags and defaults")
    n.set_defaults(func=cmd_new)

    r = command("release", "record a release: its version, date and approver, and what the data says now")
    project_args(r)
    r.add_argument("version", help="e.g. 2026.2")
    r.add_argument("--approved-by", required=True, metavar="PERSON", help="person ID from people.yml")
    r.add_argument("--date", type=_date(lang), help="release date (default: today)")
    r.add_argument("--summary", default="", help="one line on what the release is about")
    r.add_argument("--lang", choices=["nb", "en"], help="language of the messages (default: the handbook's "
                   "theme.language in mkdocs.yml, else nb)")
    r.set_defaults(func=cmd_release)

    pu = command("publish", "build the latest release into OUT/<version>/ for the intranet")
    project_args(pu)
    pu.add_argument("--out", default="public", help="folder with one subfolder per version (default: public)")
    pu.set_defaults(func=cmd_publish)

    sn = command("snapshot", "write an inspector's zip of a release (works offline from file://)")
    project_args(sn)
    sn.add_argument("--release", required=True, metavar="VERSION")
    sn.add_argument("--audience", choices=["inspector", "internal"], default="inspector")
    sn.add_argument("--out", default="dist", help="folder for the zip (default: dist)")
    sn.add_argument("--no-pdf", action="store_true", help="leave out the PDF (no Chromium needed)")
    sn.add_argument("--sign-key", metavar="KEY", help="sign the manifest with this SSH private key (ssh-keygen -Y sign)")
    sn.set_defaults(func=cmd_snapshot)

    v = command("verify", "check a snapshot zip against its SHA-256 manifest")
    v.add_argument("zip")
    v.add_argument("--seal", metavar="HEX", help="the manifest's SHA-256, as printed when the snapshot was made")
    v.add_argument("--allowed-signers", metavar="FILE",
                   help="check the manifest's SSH signature against this allowed_signers file (ssh-keygen -Y verify)")
    v.add_argument("--lang", choices=["nb", "en"], help="language of the messages (default: nb, or the theme.language "
                   "of ./mkdocs.yml)")
    v.set_defaults(func=cmd_verify)

    sc = command("schema", "write the JSON Schemas for the data files (for editors)")
    sc.add_argument("--out", default="schema", help="folder for the schemas (default: ./schema)")
    sc.set_defaults(func=cmd_schema)
    return p


def _version() -> str:
    from ..catalogue import catalogue_version

    return f"handbook (cmd-handbook) {__version__}, regulatory catalogue {catalogue_version()}"


def message_language(argv: list[str]) -> Lang:
    """The language of this run's messages: ``--lang``, else the ``theme.language`` of the handbook's mkdocs.yml
    (``-f``, else ./mkdocs.yml), else Norwegian. Worked out before the arguments are parsed, so that a usage
    error is said in it too (and without argparse, which would report a problem with them itself)."""
    options: dict[str, str] = {}
    for i, arg in enumerate(argv):
        for name, key in (("--lang", "lang"), ("--config-file", "config"), ("-f", "config")):
            if arg == name and i + 1 < len(argv):
                options.setdefault(key, argv[i + 1])
            elif arg.startswith(name + "=") or (name == "-f" and arg.startswith("-f") and len(arg) > 2):
                options.setdefault(key, arg[len(name) + (1 if arg.startswith(name + "=") else 0):])
    if "lang" in options:
        return lang_of(options["lang"])
    if not argv or argv[0] in ("new", "schema", "verify", "-h", "--help", "--version"):  # no handbook to ask
        return "nb"
    config = Path(options["config"]) if "config" in options else Path.cwd() / "mkdocs.yml"
    if not config.is_file():
        return "nb"
    from .project import declared_language

    return declared_language(config)


def main(argv: list[str] | None = None) -> int:
    from .engine import EngineMissing, require
    from .project import ProjectError

    argv = sys.argv[1:] if argv is None else list(argv)
    lang = message_language(argv)
    try:
        args = parser(lang).parse_args(argv)
    except SystemExit as exc:  # argparse: --help and --version are 0, bad usage is 2
        return int(exc.code or 0)
    args.lang = getattr(args, "lang", None) or lang
    try:
        if args.command not in ("new", "verify", "schema"):
            require()
        return int(args.func(args))
    except DataErrors as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return EXIT_DATA
    except (ProjectError, EngineMissing) as exc:
        print(f"handbook: {exc.msg(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except OSError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
