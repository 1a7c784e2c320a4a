"""The ``handbook`` command: build, serve, check, new, release, publish, snapshot, verify, schema.

Exit codes: 0 fine, 1 the data has errors, 2 usage or environment problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from .errors import DataErrors

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _project_dir() -> Path:
    """The folder holding mkdocs.yml: the current one, else the generator's own checkout."""
    here = Path.cwd()
    if (here / "mkdocs.yml").exists():
        return here
    return Path(__file__).resolve().parent.parent


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (expected YYYY-MM-DD)") from None


def cmd_check(args: argparse.Namespace) -> int:
    from .load import hand_written, load_handbook
    from .rules import run_rules

    if not Path(args.data).is_dir():
        print(f"handbook: data folder not found: {args.data}", file=sys.stderr)
        return EXIT_USAGE
    try:
        handbook = load_handbook(Path(args.data), pages=hand_written(_project_dir() / "docs"))
    except DataErrors as exc:
        errors = sorted(set(exc.errors))
        if args.format == "json":
            print(json.dumps([{"rule": "data", "severity": "error", "reference": "", **e.as_dict()}
                              for e in errors], ensure_ascii=False, indent=2))
        else:
            for e in errors:
                print(f"{e}", file=sys.stdout)
            print(f"\n{len(errors)} error(s) in the data.", file=sys.stderr)
        return EXIT_DATA
    findings = run_rules(handbook, today=args.today or dt.date.today(), lang=args.lang)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f.as_text())
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "notice")}
        print(f"\n{counts['error']} error(s), {counts['warning']} warning(s), {counts['notice']} notice(s).",
              file=sys.stderr)
    return EXIT_DATA if any(f.severity == "error" for f in findings) else EXIT_OK


def _strict(args: argparse.Namespace) -> bool:
    """Strict (compliance errors stop the build) with --strict, or by default in CI (CI=true)."""
    if getattr(args, "no_strict", False):
        return False
    return bool(getattr(args, "strict", False)) or os.environ.get("CI", "").lower() == "true"


def _mkdocs(args: argparse.Namespace, command: str) -> int:
    from .build import run_mkdocs

    return run_mkdocs(command, project=_project_dir(), data=Path(args.data).resolve(),
                      site_dir=Path(args.site_dir).resolve() if getattr(args, "site_dir", None) else None,
                      strict=_strict(args), today=getattr(args, "today", None),
                      extra=getattr(args, "mkdocs_args", []))


def cmd_build(args: argparse.Namespace) -> int:
    return _mkdocs(args, "build")


def cmd_serve(args: argparse.Namespace) -> int:
    return _mkdocs(args, "serve")


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

    return record_release(Path(args.data), args.version, args.approved_by, args.date or dt.date.today(), args.summary)


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish

    return publish(_project_dir(), Path(args.data).resolve(), Path(args.out).resolve())


def cmd_snapshot(args: argparse.Namespace) -> int:
    from .snapshot import snapshot

    return snapshot(_project_dir(), Path(args.data).resolve(), args.release, args.audience, Path(args.out).resolve(),
                    pdf=not args.no_pdf, sign_key=Path(args.sign_key) if args.sign_key else None)


def cmd_verify(args: argparse.Namespace) -> int:
    from .snapshot import verify

    return verify(Path(args.zip), seal=args.seal, allowed_signers=Path(args.allowed_signers) if args.allowed_signers else None)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="handbook", description="Compliance handbook for custom-made medical devices.")
    sub = p.add_subparsers(dest="command", required=True)
    default_data = os.environ.get("HANDBOOK_DATA", "data")

    def data_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--data", default=default_data, help="the company's data folder (default: data)")

    b = sub.add_parser("build", help="build the handbook into a site folder")
    data_arg(b)
    b.add_argument("--site-dir", help="output folder (default: site)")
    b.add_argument("--today", type=_date, help="date the rules check against (default: today)")
    b.add_argument("--strict", action="store_true", help="stop when the rules find errors (default in CI)")
    b.add_argument("--no-strict", action="store_true", help="build and show findings even in CI")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="serve the handbook on localhost with live reload")
    data_arg(s)
    s.add_argument("--today", type=_date)
    s.add_argument("mkdocs_args", nargs="*", help="passed to mkdocs serve, e.g. -a 127.0.0.1:8001")
    s.set_defaults(func=cmd_serve, no_strict=True)

    c = sub.add_parser("check", help="validate the data and report compliance findings")
    data_arg(c)
    c.add_argument("--today", type=_date, help="date to check due dates against (default: today)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--lang", choices=["nb", "en"], default="nb")
    c.set_defaults(func=cmd_check)

    n = sub.add_parser("new", help="write a starting data set for a new company")
    n.add_argument("dir", help="folder to create")
    n.add_argument("--name", help="the company's legal name")
    n.add_argument("--org-number", help="organisasjonsnummer")
    n.add_argument("--size", choices=["micro", "small", "medium", "large"])
    n.add_argument("--prrc-name", help="the PRRC's name")
    n.add_argument("--group", action="append", metavar="NAME:CLASS",
                   help="a device group, e.g. 'Kroner og broer:IIa' (repeatable)")
    n.add_argument("--yes", action="store_true", help="do not ask; use flags and defaults")
    n.set_defaults(func=cmd_new)

    r = sub.add_parser("release", help="record a release: its version, date and approver, and what the data says now")
    data_arg(r)
    r.add_argument("version", help="e.g. 2026.2")
    r.add_argument("--approved-by", required=True, metavar="PERSON", help="person ID from people.yml")
    r.add_argument("--date", type=_date, help="release date (default: today)")
    r.add_argument("--summary", default="", help="one line on what the release is about")
    r.set_defaults(func=cmd_release)

    pu = sub.add_parser("publish", help="build the latest release into OUT/<version>/ for the intranet")
    data_arg(pu)
    pu.add_argument("--out", default="public", help="folder with one subfolder per version (default: public)")
    pu.set_defaults(func=cmd_publish)

    sn = sub.add_parser("snapshot", help="write an inspector's zip of a release (works offline from file://)")
    data_arg(sn)
    sn.add_argument("--release", required=True, metavar="VERSION")
    sn.add_argument("--audience", choices=["inspector", "internal"], default="inspector")
    sn.add_argument("--out", default="dist", help="folder for the zip (default: dist)")
    sn.add_argument("--no-pdf", action="store_true", help="leave out the PDF (no Chromium needed)")
    sn.add_argument("--sign-key", metavar="KEY", help="sign the manifest with this SSH private key (ssh-keygen -Y sign)")
    sn.set_defaults(func=cmd_snapshot)

    v = sub.add_parser("verify", help="check a snapshot zip against its SHA-256 manifest")
    v.add_argument("zip")
    v.add_argument("--seal", metavar="HEX", help="the manifest's SHA-256, as printed when the snapshot was made")
    v.add_argument("--allowed-signers", metavar="FILE",
                   help="check the manifest's SSH signature against this allowed_signers file (ssh-keygen -Y verify)")
    v.set_defaults(func=cmd_verify)

    sc = sub.add_parser("schema", help="write the JSON Schemas for the data files")
    sc.add_argument("--out", default=str(Path(__file__).parent / "schema"))
    sc.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help is 0, bad usage is 2
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        return EXIT_USAGE
    except OSError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
