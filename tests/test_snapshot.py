"""The inspector's snapshot: nothing internal in it, verifiable, reproducible; and intranet publishing."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from cmd_handbook.audience import WITHHELD

from .build_helpers import copy_project
from .conftest import edit, run_cli

SENTINEL = "SENTINEL7f3a"
HAS_CHROMIUM = shutil.which("chromium") is not None


def plant(data: Path) -> None:
    """One sentinel in each kind of internal field."""
    edit(data / "people.yml", "email: ingrid.solheim@vestbrygge.example", f"email: {SENTINEL.lower()}-mail@x.example")
    edit(data / "people.yml", 'phone: "+47 400 10 102"', f'phone: "+47 {SENTINEL}-phone"')
    edit(data / "people.yml", "Til stede på laboratoriet", f"{SENTINEL}-person-note Til stede på laboratoriet")
    edit(data / "company.yml", "Aktør-ID i EUDAMED", f"{SENTINEL}-company-note Aktør-ID i EUDAMED")
    edit(data / "procedures" / "P-06.yml", "Hvem som er autorisert forskriver", f"{SENTINEL}-proc-note Hvem som er")
    edit(data / "device-groups" / "bittskinner.yml", "first_statement: 2021-06-10",
         f"first_statement: 2021-06-10\ninternal_notes: {SENTINEL}-group-note")
    edit(data / "documents.yml", "title: Avtale om PRRC-tjeneste med Tveit Dentalrådgivning",
         f"title: Avtale om PRRC-tjeneste {SENTINEL}-internal-doc")  # PRRC-01 is audience: internal
    internal = (data / "procedures" / "P-06.yml").read_text(encoding="utf-8").replace("id: P-06", "id: P-90").replace(
        "title: Ordremottak og gjennomgang av forskrivning", f"title: Intern rutine {SENTINEL}-internal-proc")
    internal = internal.replace("status: effective", "status: effective\naudience: internal", 1)
    (data / "procedures" / "P-90.yml").write_text(internal, encoding="utf-8")
    (data / "checklists").mkdir(exist_ok=True)
    (data / "checklists" / "intern.yml").write_text(
        f"id: intern\ntitle: Intern liste\nversion: '1'\naudience: internal\nitems:\n  - id: a\n    text: {SENTINEL}-checklist\n",
        encoding="utf-8")


def zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(n).decode("utf-8", errors="replace") for n in zf.namelist() if not n.endswith(".pdf"))


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("planted"))
    plant(project / "data")
    return project


def snapshot(project: Path, out: Path, monkeypatch: pytest.MonkeyPatch, *extra: str, release: str = "2026.2") -> Path:
    monkeypatch.chdir(project)
    result = run_cli("snapshot", "--data", str(project / "data"), "--release", release, "--out", str(out), *extra)
    assert result.code == 0, result.err
    assert "[1/" in result.err  # progress is shown
    path = Path(result.out.strip().splitlines()[-1])
    seal = re.search(r"(?:Seal \(SHA-256 of|Segl \(SHA-256 av) MANIFEST\.sha256\): ([0-9a-f]{64})", result.err)
    assert seal, result.err  # said in the handbook's language (nb here), or in English
    SEALS[path] = seal.group(1)
    return path


def test_internal_data_is_absent_from_every_file_of_the_snapshot(planted: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    text = zip_text(snapshot(planted, tmp_path / "out", monkeypatch, "--no-pdf"))
    assert SENTINEL.lower() not in text.lower()
    assert "search_index" in text or "Vestbrygge" in text  # the archive was really read
    # The same data on the intranet shows every sentinel, so the planting itself works.
    monkeypatch.chdir(planted)
    result = run_cli("build", "--data", str(planted / "data"), "--site-dir", str(tmp_path / "intranet"), "--today", "2026-12-01")
    assert result.code == 0, result.err
    intranet = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "intranet").rglob("*")
                         if p.is_file() and p.suffix in (".html", ".js", ".json"))
    for kind in ("person-note", "company-note", "proc-note", "group-note", "internal-doc", "internal-proc", "checklist", "phone"):
        assert f"{SENTINEL}-{kind}" in intranet, kind
    assert f"{SENTINEL.lower()}-mail" in intranet


def plant_internal_group(data: Path) -> None:
    """An internal device group with its GSPR matrix, and a public GSPR row citing internal evidence."""
    group = (data / "device-groups" / "bittskinner.yml").read_text(encoding="utf-8").replace(
        "id: bittskinner", "id: intern-gruppe").replace("name: Bittskinner", f"name: Intern gruppe {SENTINEL}-group-name")
    (data / "device-groups" / "intern-gruppe.yml").write_text(group + "audience: internal\n", encoding="utf-8")
    matrix = (data / "gspr" / "bittskinner.yml").read_text(encoding="utf-8").replace(
        "device_group: bittskinner", "device_group: intern-gruppe")
    matrix = matrix.replace('  - gspr: "16.1"\n    applicable: false\n    justification: ',
                            f'  - gspr: "16.1"\n    applicable: false\n    justification: {SENTINEL}-group-row ', 1)
    (data / "gspr" / "intern-gruppe.yml").write_text(matrix, encoding="utf-8")
    edit(data / "gspr" / "kroner-broer.yml", '      - {document: KB-06, section: "Samlet restrisiko"}',
         f'      - {{document: KB-06, section: "Samlet restrisiko"}}\n      - {{document: PRRC-02, section: "{SENTINEL}-evidence"}}')


def test_nothing_internal_across_two_releases_with_changes_between(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What changed between two releases, for the inspector: internal entries are in neither side of the comparison."""
    project = copy_project(tmp_path / "p")
    data = project / "data"
    plant(data)
    plant_internal_group(data)
    monkeypatch.chdir(project)
    release = ("release", "--data", str(data), "--approved-by", "ingrid-solheim")
    assert run_cli(*release, "2026.3", "--date", "2026-12-02").code == 0
    # Changes to internal entries, and to the public row's internal evidence, between the two releases:
    edit(data / "procedures" / "P-90.yml", 'version: "3.0"', 'version: "3.1"')
    edit(data / "gspr" / "intern-gruppe.yml", f"{SENTINEL}-group-row", f"{SENTINEL}-group-row-changed")
    edit(data / "gspr" / "kroner-broer.yml", f"{SENTINEL}-evidence", f"{SENTINEL}-evidence-changed")
    edit(data / "documents.yml", "title: CV – Bjørn Aasen Tveit\n    kind: cv\n    version: \"2024\"",
         "title: CV – Bjørn Aasen Tveit\n    kind: cv\n    version: \"2025\"")
    edit(data / "procedures" / "P-06.yml", 'version: "3.0"', 'version: "3.1"')  # and one public change
    assert run_cli(*release, "2026.4", "--date", "2026-12-03").code == 0
    zip_path = snapshot(project, tmp_path / "out", monkeypatch, "--no-pdf", release="2026.4")
    text = zip_text(zip_path)
    assert SENTINEL.lower() not in text.lower()
    for leaked in ("PRRC-02", "P-90", "intern-gruppe", "LG-2025", WITHHELD):
        assert leaked not in text, leaked
    with zipfile.ZipFile(zip_path) as zf:
        changes = zf.read(next(n for n in zf.namelist() if n.endswith("/endringer.html"))).decode("utf-8")
    assert "3.0 → 3.1" in changes  # P-06, the public change, is there
    assert "Trukket tilbake" not in changes  # internal procedures are not "withdrawn" for the inspector
    assert "2024 → 2025" not in changes  # the internal CV's revision is not listed
    assert "internt dokument" in changes  # the public row's evidence changed: shown, without its ID or section


def test_a_forged_cache_entry_never_reaches_a_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a cache entry sealed with the user's own key: releases and snapshots read the data alone."""
    from cmd_handbook import parsecache
    from cmd_handbook.load import load_handbook

    monkeypatch.setenv("HANDBOOK_CACHE_DIR", str(tmp_path / "cache"))
    parsecache._key_for.cache_clear()
    project = copy_project(tmp_path / "p")
    data = project / "data"
    load_handbook(data)
    cache = parsecache.ParseCache(data)
    name = str(data / "company.yml")
    cache.entries[name][1]["name"] = "Forged Company AS"
    cache.seen = set(cache.entries)
    cache.changed = True
    cache.save()
    assert load_handbook(data).company.name == "Forged Company AS"  # the forged entry is there, and is used by check
    text = zip_text(snapshot(project, tmp_path / "out", monkeypatch, "--no-pdf"))
    assert "Forged" not in text and "Vestbrygge Tannteknikk AS" in text
    parsecache._key_for.cache_clear()


SEALS: dict[Path, str] = {}


@pytest.fixture(scope="module")
def snapshot_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("snap"))
    mp = pytest.MonkeyPatch()
    try:
        return snapshot(project, project / "dist", mp, *([] if HAS_CHROMIUM else ["--no-pdf"]))
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def snapshot_seal(snapshot_zip: Path) -> str:
    return SEALS[snapshot_zip]


def rewrite(src: Path, dest: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """Copy a zip entry by entry, letting `change(name, data)` return new data, or None to drop the entry."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dest


def test_verify_passes_on_a_fresh_snapshot(snapshot_zip: Path) -> None:
    result = run_cli("verify", "--lang", "en", str(snapshot_zip))
    assert result.code == 0 and result.out.startswith("OK:")


def test_verify_names_a_changed_an_added_and_a_removed_file(snapshot_zip: Path, tmp_path: Path) -> None:
    def one_byte(name: str, data: bytes) -> bytes:
        top_index = name.count("/") == 1 and name.endswith("/index.html")
        return data.replace(b"Vestbrygge", b"Vestbrygga", 1) if top_index else data

    changed = run_cli("verify", "--lang", "en", str(rewrite(snapshot_zip, tmp_path / "c.zip", one_byte)))
    assert changed.code == 1 and changed.out.split() == ["changed:", "index.html"]

    added_zip = rewrite(snapshot_zip, tmp_path / "a.zip", lambda n, d: d)
    with zipfile.ZipFile(added_zip, "a") as zf:
        prefix = zf.namelist()[0].split("/")[0]
        zf.writestr(f"{prefix}/extra.html", "<p>added</p>")
    added = run_cli("verify", "--lang", "en", str(added_zip))
    assert added.code == 1 and added.out.split() == ["added:", "extra.html"]

    removed = run_cli("verify", "--lang", "en", str(rewrite(snapshot_zip, tmp_path / "r.zip",
                                            lambda n, d: None if n.count("/") == 1 and n.endswith("/dokumenter.html") else d)))
    assert removed.code == 1 and removed.out.split() == ["removed:", "dokumenter.html"]


def test_two_snapshots_from_the_same_inputs_are_byte_identical(snapshot_zip: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if not HAS_CHROMIUM:
        pytest.skip("without chromium the PDF is left out; the rest is still compared")
    project = copy_project(tmp_path / "again")
    second = snapshot(project, tmp_path / "dist", monkeypatch)
    assert second.read_bytes() == snapshot_zip.read_bytes()
    with zipfile.ZipFile(second) as zf:
        pdf = next(n for n in zf.namelist() if n.endswith("handbok.pdf"))
        assert zf.read(pdf).startswith(b"%PDF") and zf.getinfo(pdf).file_size > 100_000


def test_snapshot_of_another_release_than_the_data_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(project)
    result = run_cli("snapshot", "--data", str(project / "data"), "--release", "2025.2", "--out", str(tmp_path / "o"))
    assert result.code == 2 and ("check out that release" in result.err or "sjekk ut utgivelsens" in result.err)


def test_publish_keeps_older_releases_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p")
    data, public = project / "data", project / "public"
    monkeypatch.chdir(project)
    assert run_cli("publish", "--data", str(data), "--out", str(public)).code == 0
    first = {p: p.read_bytes() for p in (public / "2026.2").rglob("*") if p.is_file()}
    assert "Publisert" not in (public / "2026.2" / "index.html").read_text(encoding="utf-8")
    assert run_cli("publish", "--data", str(data), "--out", str(public)).code == 1  # frozen: not rebuilt
    edit(data / "procedures" / "P-06.yml", 'version: "3.0"', 'version: "3.1"')
    assert run_cli("release", "--data", str(data), "2027.1", "--approved-by", "ingrid-solheim", "--date", "2027-01-15").code == 0
    assert run_cli("publish", "--data", str(data), "--out", str(public)).code == 0
    assert {p: p.read_bytes() for p in (public / "2026.2").rglob("*") if p.is_file()} == first
    versions = json.loads((public / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["2027.1", "2026.2"] and versions[0]["aliases"] == ["latest"]
    changes = (public / "2027.1" / "endringer.html").read_text(encoding="utf-8")
    assert "3.0 → 3.1" in changes and "Versjon 2027.1" in changes
    assert "2027.1/index.html" in (public / "index.html").read_text(encoding="utf-8")


def seal_of(zip_path: Path) -> str:
    import hashlib

    with zipfile.ZipFile(zip_path) as zf:
        return hashlib.sha256(zf.read(next(n for n in zf.namelist() if n.endswith("/MANIFEST.sha256")))).hexdigest()


def test_a_duplicate_entry_is_rejected(snapshot_zip: Path, tmp_path: Path) -> None:
    """unzip extracts the first of two entries with one name: a tampered copy put first must not pass."""
    import warnings

    forged = tmp_path / "dup.zip"
    with zipfile.ZipFile(snapshot_zip) as zin, zipfile.ZipFile(forged, "w") as zout, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point
        index = next(i for i in zin.infolist() if i.filename.count("/") == 1 and i.filename.endswith("/index.html"))
        zout.writestr(zipfile.ZipInfo(index.filename), zin.read(index.filename).replace(b"Vestbrygge", b"Forged"))
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
    result = run_cli("verify", "--lang", "en", str(forged))
    assert result.code == 1 and "twice" in result.err and "index.html" in result.err


def test_a_changed_file_with_its_changed_manifest_line_fails_against_the_seal(snapshot_zip: Path, tmp_path: Path) -> None:
    import hashlib

    with zipfile.ZipFile(snapshot_zip) as zf:
        index = next(n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/index.html"))
        new_index = zf.read(index).replace(b"Vestbrygge", b"Vestbrygga", 1)

    def change(name: str, data: bytes) -> bytes:
        if name == index:
            return new_index
        if name.endswith("/MANIFEST.sha256"):
            return b"\n".join(line if not line.endswith(b"  index.html") else
                              hashlib.sha256(new_index).hexdigest().encode() + b"  index.html"
                              for line in data.split(b"\n"))
        return data

    forged = rewrite(snapshot_zip, tmp_path / "f.zip", change)
    assert run_cli("verify", "--lang", "en", str(forged)).code == 0  # the manifest alone cannot tell: that is what the seal is for
    result = run_cli("verify", "--lang", "en", str(forged), "--seal", seal_of(snapshot_zip))
    assert result.code == 1 and "seal" in result.err
    assert run_cli("verify", "--lang", "en", str(snapshot_zip), "--seal", seal_of(snapshot_zip).upper()).code == 0


@pytest.mark.parametrize("damage", ["truncated", "garbage", "bad-manifest", "crc"])
def test_a_damaged_zip_gets_a_message_not_a_traceback(snapshot_zip: Path, tmp_path: Path, damage: str) -> None:
    target = tmp_path / "d.zip"
    raw = snapshot_zip.read_bytes()
    if damage == "truncated":
        target.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        target.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    elif damage == "bad-manifest":
        rewrite(snapshot_zip, target, lambda n, d: b"\xff\xfe not utf-8" if n.endswith("/MANIFEST.sha256") else d)
    else:  # flip a byte inside the first stored file's data: its CRC no longer matches
        with zipfile.ZipFile(snapshot_zip) as zf:
            info = zf.infolist()[0]
        start = info.header_offset + 30 + len(info.filename.encode()) + 5
        target.write_bytes(raw[:start] + bytes([raw[start] ^ 0xFF]) + raw[start + 1:])
    result = run_cli("verify", "--lang", "en", str(target))
    assert result.code == 1 and result.err.startswith("FAILED") and "Traceback" not in result.err


def test_the_snapshot_prints_its_seal(snapshot_seal: str, snapshot_zip: Path) -> None:
    assert snapshot_seal == seal_of(snapshot_zip)


def test_a_manifest_signed_with_an_ssh_key_verifies_and_a_changed_one_does_not(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    if not shutil.which("ssh-keygen"):
        pytest.skip("needs ssh-keygen (openssh-client)")
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kvalitet@vestbrygge.example", "-f", str(key)],
                   check=True)
    signers = tmp_path / "allowed_signers"
    signers.write_text(f"kvalitet@vestbrygge.example {key.with_suffix('.pub').read_text().strip()}\n", encoding="utf-8")
    project = copy_project(tmp_path / "p")
    zip_path = snapshot(project, tmp_path / "out", monkeypatch, "--no-pdf", "--sign-key", str(key))
    ok = run_cli("verify", "--lang", "en", str(zip_path), "--allowed-signers", str(signers))
    assert ok.code == 0 and "signed by kvalitet@vestbrygge.example" in ok.out
    forged = rewrite(zip_path, tmp_path / "f.zip",
                     lambda n, d: d + b"0" * 64 + b"  extra.html\n" if n.endswith("/MANIFEST.sha256") else d)
    bad = run_cli("verify", "--lang", "en", str(forged), "--allowed-signers", str(signers))
    assert bad.code == 1 and "signature" in bad.err
    other = tmp_path / "other"
    other.write_text("someone@else.example " + signers.read_text().split(" ", 1)[1].replace("AAAA", "BBBB", 1),
                     encoding="utf-8")
    assert run_cli("verify", "--lang", "en", str(zip_path), "--allowed-signers", str(other)).code == 1


def test_pages_and_the_pdf_cover_say_which_generator_and_catalogue_made_them(snapshot_zip: Path, tmp_path: Path) -> None:
    import subprocess

    from cmd_handbook import __version__
    from cmd_handbook.catalogue import catalogue_version

    made = f"cmd-handbook {__version__}, regelverkskatalog {catalogue_version()}"
    with zipfile.ZipFile(snapshot_zip) as zf:
        index = zf.read(next(n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/index.html"))).decode()
        assert made in index  # the footer of every page
        if not HAS_CHROMIUM or not shutil.which("pdftotext"):
            pytest.skip("the PDF needs chromium and pdftotext")
        (tmp_path / "h.pdf").write_bytes(zf.read(next(n for n in zf.namelist() if n.endswith("handbok.pdf"))))
    cover = subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "h.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout
    for line in ("Vestbrygge Tannteknikk AS", "Organisasjonsnummer 924 861 533", "Versjon 2026.2 – 01.12.2026 – godkjent av",
                 made):
        assert line in " ".join(cover.split()), line
