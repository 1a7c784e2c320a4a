"""The inspector's snapshot: one reproducible zip with a SHA-256 manifest, and `verify` for it.

Reproducible: sorted entries, fixed timestamps (the release date) and permissions, and no build
clock in the pages, so the same data and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from ..errors import display_path
from ..model.handbook import Handbook
from ..model.releases import Release
from .build import run_build
from .project import Project
from .publish import latest_release, release_options, reproducible

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
MANIFEST = "MANIFEST.sha256"


def slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def manifest_text(root: Path) -> str:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel not in (MANIFEST, SIGNATURE):
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}")
    return "\n".join(lines) + "\n"


def write_zip(root: Path, zip_path: Path, prefix: str, day: dt.date) -> None:
    """Deterministic zip: sorted names, one timestamp, fixed permissions, no extra fields."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(root).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def cover_lines(project: Project, hb: Handbook, release: Release, audience: str) -> list[str]:
    """The PDF's cover, as plain text: who, which release, approved by whom, and what built it."""
    from .. import __version__
    from .project import raw_config

    theme = raw_config(project.config_file).get("theme") if project.config_file else None
    en = isinstance(theme, dict) and str(theme.get("language", "nb")).startswith("en")
    t = (lambda nb, e: e) if en else (lambda nb, e: nb)
    approver = hb.persons[release.approved_by].name if release.approved_by in hb.persons else release.approved_by
    day = release.date.isoformat() if en else release.date.strftime("%d.%m.%Y")
    return [hb.company.name, t("Organisasjonsnummer ", "Organisation number ") + hb.company.organisation_number,
            t(f"Versjon {release.version} – {day} – godkjent av {approver}",
              f"Version {release.version} – {day} – approved by {approver}"),
            t("Publisert øyeblikksbilde for tilsynsmyndigheten", "Published snapshot for the competent authority")
            if audience == "inspector" else t("Intern utgave", "Internal edition"),
            t(f"Laget med cmd-handbook {__version__}, regelverkskatalog {hb.catalogue.version}",
              f"Made with cmd-handbook {__version__}, regulatory catalogue {hb.catalogue.version}")]


def snapshot(project: Project, version: str, audience: str, out: Path, pdf: bool = True,
             sign_key: Path | None = None) -> int:
    from ..load import load_handbook

    data_dir = project.data_dir
    release = latest_release(data_dir)
    if version != release.version:
        print(f"handbook: the data is at release {release.version}, not {version}. A snapshot is built from the data "
              f"of its release: check out that release's commit (e.g. its git tag) and run this again.", file=sys.stderr)
        return EXIT_USAGE
    hb = load_handbook(data_dir, cache=False)
    name = f"{slug(hb.company.name)}-handbok-{version}-{audience}"
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix="handbook-snapshot-") as tmp:
        site = Path(tmp) / name
        steps = 4 if pdf else 3
        print(f"[1/{steps}] Building release {version} for {audience} …", file=sys.stderr)
        with reproducible(release.date):
            code = run_build(project, release_options(project, release, audience=audience, strict=False), site_dir=site,
                             strict=False)
        if code != EXIT_OK:
            return code
        step = 2
        if pdf:
            from .pdf import PdfError, make_pdf

            print(f"[{step}/{steps}] Printing the handbook to PDF with Chromium …", file=sys.stderr)
            try:
                pages = make_pdf(site, site / "handbok.pdf", release.date, cover=cover_lines(project, hb, release, audience),
                                 footer=f"{hb.company.name} – {version} – {release.date.isoformat()}")
            except PdfError as exc:
                print(f"handbook: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"        {pages} pages", file=sys.stderr)
            step += 1
        print(f"[{step}/{steps}] Writing the SHA-256 manifest …", file=sys.stderr)
        manifest = site / MANIFEST
        manifest.write_text(manifest_text(site), encoding="utf-8")
        if sign_key is not None:
            try:
                sign(manifest, sign_key)
            except SignatureError as exc:
                print(f"handbook: {exc}", file=sys.stderr)
                return EXIT_USAGE
        print(f"[{step + 1}/{steps}] Writing {display_path(zip_path)} …", file=sys.stderr)
        partial = zip_path.with_suffix(".zip.partial")
        write_zip(site, partial, name, release.date)
        partial.replace(zip_path)
        seal = hashlib.sha256(manifest.read_bytes()).hexdigest()
    print(f"Snapshot: {display_path(zip_path)}", file=sys.stderr)
    print(f"Seal (SHA-256 of {MANIFEST}): {seal}\n  Give it to the inspector apart from the zip (e-mail, letter); they check "
          f"with: handbook verify {zip_path.name} --seal {seal}", file=sys.stderr)
    print(zip_path)
    return EXIT_OK


class Broken(Exception):
    """The zip cannot be verified at all: not a zip, duplicate entries, no readable manifest."""


def _manifest(zf: zipfile.ZipFile) -> tuple[str, bytes, dict[str, str]]:
    """(prefix of the snapshot's folder, the manifest's bytes, path -> SHA-256), or Broken."""
    names = [i.filename for i in zf.infolist() if not i.is_dir()]
    twice = sorted(n for n, c in Counter(names).items() if c > 1)
    if twice:  # unzip tools disagree about which copy they extract: a second copy can hide a changed file
        raise Broken(f"the zip holds {len(twice)} name(s) twice: {', '.join(twice[:5])}")
    unsafe = [n for n in names if n.startswith(("/", "\\")) or ".." in n.replace("\\", "/").split("/")]
    if unsafe:
        raise Broken(f"the zip holds paths outside its folder: {', '.join(unsafe[:5])}")
    manifests = [n for n in names if n.endswith("/" + MANIFEST) or n == MANIFEST]
    if len(manifests) != 1:
        raise Broken(f"no {MANIFEST} in the zip" if not manifests else f"{len(manifests)} manifests in the zip")
    raw = zf.read(manifests[0])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Broken(f"{MANIFEST} is not UTF-8 text") from None
    expected: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not rel or rel in expected:
            raise Broken(f"{MANIFEST} line {n} is not '<sha256>  <path>' (or names a file twice)")
        expected[rel] = digest
    return manifests[0][: -len(MANIFEST)], raw, expected


def verify(zip_path: Path, seal: str | None = None, allowed_signers: Path | None = None) -> int:
    """OK, or each file changed, added or removed since the manifest was written; with ``seal``, the manifest itself
    is checked against the SHA-256 handed over apart from the zip; with ``allowed_signers``, its SSH signature."""
    if not zip_path.is_file():
        print(f"handbook: no such file: {zip_path}", file=sys.stderr)
        return EXIT_USAGE
    problems: list[str] = []
    try:
        with zipfile.ZipFile(zip_path) as zf:
            prefix, manifest, expected = _manifest(zf)
            if seal is not None and hashlib.sha256(manifest).hexdigest() != seal.strip().lower():
                raise Broken(f"the manifest does not match the seal {seal.strip()}: it was changed after the snapshot "
                             "was made (or this is another snapshot)")
            present = set()
            for info in zf.infolist():
                name = info.filename
                if info.is_dir() or name in (prefix + MANIFEST, prefix + SIGNATURE):
                    continue
                rel = name[len(prefix):] if name.startswith(prefix) else name
                present.add(rel)
                if rel not in expected:
                    problems.append(f"added: {rel}")
                elif hashlib.sha256(zf.read(name)).hexdigest() != expected[rel]:
                    problems.append(f"changed: {rel}")
            problems += [f"removed: {rel}" for rel in sorted(set(expected) - present)]
            signer = _check_signature(zf, prefix, manifest, allowed_signers) if allowed_signers else None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, Broken, SignatureError) as exc:
        print(f"FAILED: {zip_path}: {exc}", file=sys.stderr)
        return EXIT_DATA
    if problems:
        print(f"FAILED: {zip_path}", file=sys.stderr)
        for p in sorted(problems):
            print(f"  {p}")
        return EXIT_DATA
    checked = " and its seal" if seal else ""
    signed = f"; manifest signed by {signer}" if signer else ""
    print(f"OK: {zip_path} ({len(expected)} files match the manifest{checked}{signed})")
    return EXIT_OK


# --- signing the manifest with the company's SSH key (ssh-keygen -Y; no new dependency) ---------------------

SIGNATURE = MANIFEST + ".sig"
NAMESPACE = "handbook-snapshot"


class SignatureError(Exception):
    pass


def sign(manifest: Path, key: Path) -> None:
    """Write ``MANIFEST.sha256.sig`` beside the manifest, made with ``ssh-keygen -Y sign``."""
    result = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", NAMESPACE, str(manifest)],
                            capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise SignatureError(f"ssh-keygen could not sign with {key}: {result.stderr.strip()[-300:]}")


def _check_signature(zf: zipfile.ZipFile, prefix: str, manifest: bytes, allowed_signers: Path) -> str:
    """The principal that signed the manifest, from ``allowed_signers``; SignatureError otherwise."""
    if prefix + SIGNATURE not in zf.namelist():
        raise SignatureError(f"the zip holds no {SIGNATURE}")
    with tempfile.TemporaryDirectory() as tmp:
        sig = Path(tmp) / SIGNATURE
        sig.write_bytes(zf.read(prefix + SIGNATURE))
        found = subprocess.run(["ssh-keygen", "-Y", "find-principals", "-f", str(allowed_signers), "-s", str(sig)],
                               capture_output=True, text=True, check=False)
        principal = found.stdout.strip().splitlines()[0] if found.returncode == 0 and found.stdout.strip() else None
        if principal is None:
            raise SignatureError(f"the signature is not made by a key in {allowed_signers}")
        check = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", NAMESPACE,
                                "-s", str(sig)], input=manifest, capture_output=True, check=False)
        if check.returncode != 0:
            raise SignatureError(f"the manifest's signature does not verify: {check.stderr.decode(errors='replace').strip()}")
    return principal


def unzip(zip_path: Path, dest: Path) -> Path:
    """Unpack a snapshot (for tests and for looking at it); returns its top folder."""
    shutil.unpack_archive(zip_path, dest)
    return next(p for p in dest.iterdir() if p.is_dir())
