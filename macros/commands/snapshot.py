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
from typing import TYPE_CHECKING

from ..derive.calendar import day_text
from ..errors import Msg, display_path, say
from ..model.handbook import Handbook
from ..model.releases import Release
from .build import run_build
from .project import Project
from .publish import cautions, latest_release, release_options, reproducible

if TYPE_CHECKING:
    from .printpage import Cover

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


def pdf_cover(project: Project, hb: Handbook, release: Release, audience: str) -> tuple[Cover, str]:
    """The PDF's cover page (who, which release, approved by whom, for whom, what built it) and its title."""
    from .. import __version__
    from .printpage import Cover
    from .project import raw_config

    theme = raw_config(project.config_file).get("theme") if project.config_file else None
    en = isinstance(theme, dict) and str(theme.get("language", "nb")).startswith("en")
    t = (lambda nb, e: e) if en else (lambda nb, e: nb)
    approver = hb.persons[release.approved_by].name if release.approved_by in hb.persons else release.approved_by
    day = release.date.isoformat() if en else release.date.strftime("%d.%m.%Y")
    company = hb.company
    handbook = t("Kvalitetshåndbok", "Quality handbook")
    cover = Cover(
        company=company.name, title=handbook,
        facts=(t("Organisasjonsnummer ", "Organisation number ") + company.organisation_number, company.address.one_line()),
        release=(t(f"Versjon {release.version} – {day} – godkjent av {approver}",
                   f"Version {release.version} – {day} – approved by {approver}"),),
        audience=t("Publisert øyeblikksbilde for tilsynsmyndigheten", "Published snapshot for the competent authority")
        if audience == "inspector" else t("Intern utgave", "Internal edition"),
        made_with=t(f"Laget med cmd-handbook {__version__}, regelverkskatalog {hb.catalogue.version}",
                    f"Made with cmd-handbook {__version__}, regulatory catalogue {hb.catalogue.version}"))
    return cover, f"{handbook} – {company.name} – {t('versjon', 'version')} {release.version}"


def snapshot(project: Project, version: str, audience: str, out: Path, pdf: bool = True,
             sign_key: Path | None = None, *, lang: str = "nb") -> int:
    from ..load import load_handbook

    data_dir = project.data_dir
    release = latest_release(data_dir)
    if version != release.version:
        print("handbook: " + say(lang, f"dataene er på utgivelse {release.version}, ikke {version}. Et øyeblikksbilde bygges "
                                       "fra dataene i sin utgivelse: sjekk ut utgivelsens commit (f.eks. git-taggen) og "
                                       "kjør dette igjen.",
                                 f"the data is at release {release.version}, not {version}. A snapshot is built from the "
                                 "data of its release: check out that release's commit (e.g. its git tag) and run this "
                                 "again."), file=sys.stderr)
        return EXIT_USAGE
    hb = load_handbook(data_dir, cache=False)
    for caution in cautions(hb, version, release.date, lang):
        print("handbook: " + say(lang, "merk: ", "note: ") + caution, file=sys.stderr)
    name = f"{slug(hb.company.name)}-handbok-{version}-{audience}"
    out.mkdir(parents=True, exist_ok=True)
    zip_path = out / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix="handbook-snapshot-") as tmp:
        site = Path(tmp) / name
        steps = 4 if pdf else 3
        reader_nb = "tilsynsmyndigheten" if audience == "inspector" else "internt bruk"
        reader_en = "the competent authority" if audience == "inspector" else "internal use"
        print(say(lang, f"[1/{steps}] Bygger utgivelse {version} for {reader_nb} …",
                  f"[1/{steps}] Building release {version} for {reader_en} …"), file=sys.stderr)
        with reproducible(release.date):
            code = run_build(project, release_options(project, release, audience=audience, strict=False), site_dir=site,
                             strict=False, lang=lang)
        if code != EXIT_OK:
            return code
        step = 2
        if pdf:
            from .pdf import PdfError, make_pdf

            print(say(lang, f"[{step}/{steps}] Skriver ut håndboken til PDF med Chromium …",
                      f"[{step}/{steps}] Printing the handbook to PDF with Chromium …"), file=sys.stderr)
            try:
                cover, title = pdf_cover(project, hb, release, audience)
                pages = make_pdf(site, site / "handbok.pdf", release.date, cover=cover, title=title,
                                 footer=f"{hb.company.name} – {version} – {day_text(release.date, lang)}")
            except PdfError as exc:
                print(f"handbook: {exc}", file=sys.stderr)
                return EXIT_USAGE
            print(f"        {pages} " + say(lang, "sider", "pages"), file=sys.stderr)
            step += 1
        print(say(lang, f"[{step}/{steps}] Skriver SHA-256-manifestet …", f"[{step}/{steps}] Writing the SHA-256 manifest …"),
              file=sys.stderr)
        manifest = site / MANIFEST
        manifest.write_text(manifest_text(site), encoding="utf-8")
        if sign_key is not None:
            try:
                sign(manifest, sign_key)
            except SignatureError as exc:
                print(f"handbook: {exc.msg(lang)}", file=sys.stderr)
                return EXIT_USAGE
        print(say(lang, f"[{step + 1}/{steps}] Skriver {display_path(zip_path)} …",
                  f"[{step + 1}/{steps}] Writing {display_path(zip_path)} …"), file=sys.stderr)
        partial = zip_path.with_suffix(".zip.partial")
        write_zip(site, partial, name, release.date)
        partial.replace(zip_path)
        seal = hashlib.sha256(manifest.read_bytes()).hexdigest()
    print(say(lang, f"Øyeblikksbilde: {display_path(zip_path)}", f"Snapshot: {display_path(zip_path)}"), file=sys.stderr)
    print(say(lang, f"Segl (SHA-256 av {MANIFEST}): {seal}\n  Gi det til tilsynet atskilt fra zip-filen (e-post, brev); de "
                    f"sjekker med: handbook verify {zip_path.name} --seal {seal}",
              f"Seal (SHA-256 of {MANIFEST}): {seal}\n  Give it to the inspector apart from the zip (e-mail, letter); they "
              f"check with: handbook verify {zip_path.name} --seal {seal}"), file=sys.stderr)
    print(zip_path)
    return EXIT_OK


class Broken(Exception):
    """The zip cannot be verified at all: not a zip, duplicate entries, no readable manifest (said in both languages)."""

    def __init__(self, nb: str, en: str) -> None:
        super().__init__(en)
        self.msg = Msg(nb, en)


def _manifest(zf: zipfile.ZipFile) -> tuple[str, bytes, dict[str, str]]:
    """(prefix of the snapshot's folder, the manifest's bytes, path -> SHA-256), or Broken."""
    names = [i.filename for i in zf.infolist() if not i.is_dir()]
    twice = sorted(n for n, c in Counter(names).items() if c > 1)
    if twice:  # unzip tools disagree about which copy they extract: a second copy can hide a changed file
        raise Broken(f"zip-filen har {len(twice)} navn to ganger: {', '.join(twice[:5])}",
                     f"the zip holds {len(twice)} name(s) twice: {', '.join(twice[:5])}")
    unsafe = [n for n in names if n.startswith(("/", "\\")) or ".." in n.replace("\\", "/").split("/")]
    if unsafe:
        raise Broken(f"zip-filen har stier utenfor sin mappe: {', '.join(unsafe[:5])}",
                     f"the zip holds paths outside its folder: {', '.join(unsafe[:5])}")
    manifests = [n for n in names if n.endswith("/" + MANIFEST) or n == MANIFEST]
    if len(manifests) != 1:
        raise (Broken(f"ingen {MANIFEST} i zip-filen", f"no {MANIFEST} in the zip") if not manifests else
               Broken(f"{len(manifests)} manifester i zip-filen", f"{len(manifests)} manifests in the zip"))
    raw = zf.read(manifests[0])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Broken(f"{MANIFEST} er ikke UTF-8-tekst", f"{MANIFEST} is not UTF-8 text") from None
    expected: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not rel or rel in expected:
            raise Broken(f"{MANIFEST} linje {n} er ikke '<sha256>  <sti>' (eller nevner en fil to ganger)",
                         f"{MANIFEST} line {n} is not '<sha256>  <path>' (or names a file twice)")
        expected[rel] = digest
    return manifests[0][: -len(MANIFEST)], raw, expected


def verify(zip_path: Path, seal: str | None = None, allowed_signers: Path | None = None, *, lang: str = "nb") -> int:
    """OK, or each file changed, added or removed since the manifest was written; with ``seal``, the manifest itself
    is checked against the SHA-256 handed over apart from the zip; with ``allowed_signers``, its SSH signature."""
    if not zip_path.is_file():
        print("handbook: " + say(lang, f"filen finnes ikke: {zip_path}", f"no such file: {zip_path}"), file=sys.stderr)
        return EXIT_USAGE
    problems: list[str] = []
    try:
        with zipfile.ZipFile(zip_path) as zf:
            prefix, manifest, expected = _manifest(zf)
            if seal is not None and hashlib.sha256(manifest).hexdigest() != seal.strip().lower():
                raise Broken(f"manifestet stemmer ikke med seglet {seal.strip()}: det er endret etter at "
                             "øyeblikksbildet ble laget (eller dette er et annet øyeblikksbilde)",
                             f"the manifest does not match the seal {seal.strip()}: it was changed after the snapshot "
                             "was made (or this is another snapshot)")
            present = set()
            for info in zf.infolist():
                name = info.filename
                if info.is_dir() or name in (prefix + MANIFEST, prefix + SIGNATURE):
                    continue
                rel = name[len(prefix):] if name.startswith(prefix) else name
                present.add(rel)
                if rel not in expected:
                    problems.append(say(lang, f"lagt til: {rel}", f"added: {rel}"))
                elif hashlib.sha256(zf.read(name)).hexdigest() != expected[rel]:
                    problems.append(say(lang, f"endret: {rel}", f"changed: {rel}"))
            problems += [say(lang, f"fjernet: {rel}", f"removed: {rel}") for rel in sorted(set(expected) - present)]
            signer = _check_signature(zf, prefix, manifest, allowed_signers) if allowed_signers else None
    except (Broken, SignatureError) as exc:
        print(f"{say(lang, 'FEILET', 'FAILED')}: {zip_path}: {exc.msg(lang)}", file=sys.stderr)
        return EXIT_DATA
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        what = say(lang, "ikke en lesbar zip-fil", "not a readable zip file")
        print(f"{say(lang, 'FEILET', 'FAILED')}: {zip_path}: {what} ({exc})", file=sys.stderr)
        return EXIT_DATA
    if problems:
        print(f"{say(lang, 'FEILET', 'FAILED')}: {zip_path}", file=sys.stderr)
        for p in sorted(problems):
            print(f"  {p}")
        return EXIT_DATA
    checked = say(lang, " og seglet", " and its seal") if seal else ""
    signed = say(lang, f"; manifestet er signert av {signer}", f"; manifest signed by {signer}") if signer else ""
    print(say(lang, f"OK: {zip_path} ({len(expected)} filer stemmer med manifestet{checked}{signed})",
              f"OK: {zip_path} ({len(expected)} files match the manifest{checked}{signed})"))
    return EXIT_OK


# --- signing the manifest with the company's SSH key (ssh-keygen -Y; no new dependency) ---------------------

SIGNATURE = MANIFEST + ".sig"
NAMESPACE = "handbook-snapshot"


class SignatureError(Exception):
    def __init__(self, nb: str, en: str) -> None:
        super().__init__(en)
        self.msg = Msg(nb, en)


def sign(manifest: Path, key: Path) -> None:
    """Write ``MANIFEST.sha256.sig`` beside the manifest, made with ``ssh-keygen -Y sign``."""
    result = subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", NAMESPACE, str(manifest)],
                            capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        detail = result.stderr.strip()[-300:]
        raise SignatureError(f"ssh-keygen kunne ikke signere med {key}: {detail}",
                             f"ssh-keygen could not sign with {key}: {detail}")


def _check_signature(zf: zipfile.ZipFile, prefix: str, manifest: bytes, allowed_signers: Path) -> str:
    """The principal that signed the manifest, from ``allowed_signers``; SignatureError otherwise."""
    if prefix + SIGNATURE not in zf.namelist():
        raise SignatureError(f"zip-filen har ingen {SIGNATURE}", f"the zip holds no {SIGNATURE}")
    with tempfile.TemporaryDirectory() as tmp:
        sig = Path(tmp) / SIGNATURE
        sig.write_bytes(zf.read(prefix + SIGNATURE))
        found = subprocess.run(["ssh-keygen", "-Y", "find-principals", "-f", str(allowed_signers), "-s", str(sig)],
                               capture_output=True, text=True, check=False)
        principal = found.stdout.strip().splitlines()[0] if found.returncode == 0 and found.stdout.strip() else None
        if principal is None:
            raise SignatureError(f"signaturen er ikke laget med en nøkkel i {allowed_signers}",
                                 f"the signature is not made by a key in {allowed_signers}")
        check = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", NAMESPACE,
                                "-s", str(sig)], input=manifest, capture_output=True, check=False)
        if check.returncode != 0:
            detail = check.stderr.decode(errors="replace").strip()
            raise SignatureError(f"signaturen på manifestet stemmer ikke: {detail}",
                                 f"the manifest's signature does not verify: {detail}")
    return principal


def unzip(zip_path: Path, dest: Path) -> Path:
    """Unpack a snapshot (for tests and for looking at it); returns its top folder."""
    shutil.unpack_archive(zip_path, dest)
    return next(p for p in dest.iterdir() if p.is_dir())
