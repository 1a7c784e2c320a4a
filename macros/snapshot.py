"""The inspector's snapshot: one reproducible zip with a SHA-256 manifest, and `verify` for it.

Reproducible: sorted entries, fixed timestamps (the release date) and permissions, and no build
clock in the pages, so the same data and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from .build import run_mkdocs
from .errors import display_path
from .publish import epoch, latest_release

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
MANIFEST = "MANIFEST.sha256"


def slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def manifest_text(root: Path) -> str:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel != MANIFEST:
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


def snapshot(project: Path, data_dir: Path, version: str, audience: str, out: Path, pdf: bool = True) -> int:
    from .load import load_handbook

    release = latest_release(data_dir)
    if version != release.version:
        print(f"handbook: the data is at release {release.version}, not {version}. A snapshot is built from the data "
              f"of its release: check out that release's commit (e.g. its git tag) and run this again.", file=sys.stderr)
        return EXIT_USAGE
    hb = load_handbook(data_dir)
    name = f"{slug(hb.company.name)}-handbok-{version}-{audience}"
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix="handbook-snapshot-") as tmp:
        site = Path(tmp) / name
        steps = 4 if pdf else 3
        print(f"[1/{steps}] Building release {version} for {audience} …", file=sys.stderr)
        code = run_mkdocs("build", project=project, data=data_dir, site_dir=site, strict=False, today=release.date,
                          env={"HANDBOOK_RELEASE": version, "HANDBOOK_AUDIENCE": audience,
                               "SOURCE_DATE_EPOCH": epoch(release.date)})
        if code != EXIT_OK:
            return code
        step = 2
        if pdf:
            from .pdf import PdfError, make_pdf

            print(f"[{step}/{steps}] Printing the handbook to PDF with Chromium …", file=sys.stderr)
            try:
                pages = make_pdf(site, site / "handbok.pdf", release.date,
                                 footer=f"{hb.company.name} – {version} – {release.date.isoformat()}")
            except PdfError as exc:
                print(f"handbook: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"        {pages} pages", file=sys.stderr)
            step += 1
        print(f"[{step}/{steps}] Writing the SHA-256 manifest …", file=sys.stderr)
        (site / MANIFEST).write_text(manifest_text(site), encoding="utf-8")
        print(f"[{step + 1}/{steps}] Writing {display_path(zip_path)} …", file=sys.stderr)
        partial = zip_path.with_suffix(".zip.partial")
        write_zip(site, partial, name, release.date)
        partial.replace(zip_path)
    print(f"Snapshot: {display_path(zip_path)}", file=sys.stderr)
    print(zip_path)
    return EXIT_OK


def verify(zip_path: Path) -> int:
    """OK, or each file that was changed, added or removed since the manifest was written."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as exc:
        print(f"handbook: cannot read {zip_path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        manifests = [n for n in names if n.endswith("/" + MANIFEST) or n == MANIFEST]
        if len(manifests) != 1:
            print(f"FAILED: {zip_path}: no {MANIFEST} in the zip", file=sys.stderr)
            return EXIT_DATA
        prefix = manifests[0][: -len(MANIFEST)]
        expected: dict[str, str] = {}
        for line in zf.read(manifests[0]).decode("utf-8").splitlines():
            digest, _, rel = line.partition("  ")
            expected[rel] = digest
        problems = []
        present = set()
        for name in names:
            if name == manifests[0]:
                continue
            rel = name[len(prefix):] if name.startswith(prefix) else name
            present.add(rel)
            if rel not in expected:
                problems.append(f"added: {rel}")
            elif hashlib.sha256(zf.read(name)).hexdigest() != expected[rel]:
                problems.append(f"changed: {rel}")
        problems += [f"removed: {rel}" for rel in sorted(set(expected) - present)]
    if problems:
        print(f"FAILED: {zip_path}", file=sys.stderr)
        for p in sorted(problems):
            print(f"  {p}")
        return EXIT_DATA
    print(f"OK: {zip_path} ({len(expected)} files match the manifest)")
    return EXIT_OK


def unzip(zip_path: Path, dest: Path) -> Path:
    """Unpack a snapshot (for tests and for looking at it); returns its top folder."""
    shutil.unpack_archive(zip_path, dest)
    return next(p for p in dest.iterdir() if p.is_dir())
