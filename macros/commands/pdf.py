"""The whole handbook as one print-ready A4 PDF, without LaTeX: the print page (printpage.py) printed by headless
Chromium.

Chromium has no target-counter(), so the contents get their page numbers from a first print: it tells on which
page each linked section starts (its named destinations). The second print has those numbers in the contents,
laid out exactly as the blanks were, and is checked to give the same pages (else it prints again, a few times
at most). Chromium makes the bookmarks from the headings (``--generate-pdf-document-outline``). The finished
file gets its title, author and subject, the release day instead of the clock, and a folded outline
(pdffile.py), so the same site and day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from .pdffile import PdfFile, PdfFormatError, finish
from .printpage import Cover, contents, headings, print_page

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-pdf-header-footer", "--generate-pdf-document-outline",
                 "--run-all-compositor-stages-before-draw", "--virtual-time-budget=20000"]
PRINT_PAGE = "_utskrift.html"
PRINTS = 4  # the first print (no numbers yet), the one with them, and spares in case the numbers moved a page


class PdfError(Exception):
    pass


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise PdfError("the PDF needs Chromium (Debian: apt-get install chromium); or use --no-pdf")


def _print(page: Path, target: Path, profile: Path) -> bytes:
    """One print of the page. A fresh, empty profile each time: nothing cached or downloaded earlier (such as
    hyphenation dictionaries) can make one machine's PDF differ from another's."""
    shutil.rmtree(profile, ignore_errors=True)
    try:
        result = subprocess.run([chromium(), *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
                                 page.as_uri()], capture_output=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise PdfError("Chromium did not finish the PDF within 10 minutes") from None
    if result.returncode != 0 or not target.exists():
        raise PdfError(f"Chromium could not print the PDF (exit {result.returncode}): "
                       f"{result.stderr.decode(errors='replace').strip()[-300:]}")
    return target.read_bytes()


def make_pdf(site: Path, target: Path, day: dt.date, *, cover: Cover, title: str, footer: str) -> int:
    """Write the PDF; returns its page count. The print page is removed again afterwards."""
    entries, sections = contents(site)
    page = site / PRINT_PAGE
    numbers: dict[str, int] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="handbook-pdf-") as tmp:
            for _ in range(PRINTS):
                text = print_page(site, title=title, cover=cover, footer=footer, entries=entries, sections=sections,
                                  pages=numbers)
                page.write_text(text, encoding="utf-8")
                data = _print(page, target, Path(tmp) / "profile")
                found = PdfFile.parse(data).destinations()
                missing = [e.title for e in entries if e.anchor not in found]
                if missing:
                    raise PdfError(f"the PDF has no destination for {len(missing)} entries of the contents: "
                                   f"{', '.join(missing[:3])}")
                starts = {e.anchor: found[e.anchor] for e in entries}
                if starts == numbers:
                    break
                numbers = starts
            else:
                raise PdfError(f"the page numbers of the contents did not settle after {PRINTS} prints")
        info = {"Title": title, "Author": cover.company, "Subject": cover.audience}
        opened = {(e.depth, e.title) for e in entries if e.has_children}
        data = finish(data, day, info, headings(text), opened)
        pages = len(PdfFile.parse(data).pages())
    except PdfFormatError as exc:
        raise PdfError(f"Chromium's PDF could not be read: {exc}") from None
    finally:
        page.unlink(missing_ok=True)
    target.write_bytes(data)
    return pages
