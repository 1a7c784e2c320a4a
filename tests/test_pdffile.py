"""Reading and finishing Chromium's PDF without a PDF library (macros/commands/pdffile.py), on a small PDF laid out
the way Skia writes one: numbered objects, one classic cross-reference table, a nested page tree."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cmd_handbook.commands.pdffile import PdfFile, PdfFormatError, finish, text_string

DAY = dt.date(2026, 12, 1)


def assemble(objects: dict[int, bytes], order: list[int] | None = None) -> bytes:
    """A PDF 1.4 file: the objects (in ``order``), their cross-reference table and a trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in order or sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in range(1, size))
    out += f"trailer\n<</Size {size}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n{xref}\n%%EOF".encode()
    return bytes(out)


def sample() -> bytes:
    content = b"endobj 9 0 obj (a stream may hold anything) xref trailer"
    return assemble({
        1: b"<</Title " + text_string("Tittel fra Chromium") + b"\n/Creator (HeadlessChrome \\(test\\))"
           b"\n/Producer (Skia/PDF m150)\n/CreationDate (D:20261201162109+00'00')\n/ModDate (D:20261201162109+00'00')>>",
        2: b"<</Type /Catalog\n/Pages 3 0 R\n/Dests 6 0 R\n/Outlines 7 0 R>>",
        3: b"<</Type /Pages\n/Count 2\n/Kids [8 0 R 5 0 R]>>",
        8: b"<</Type /Pages\n/Count 1\n/Parent 3 0 R\n/Kids [4 0 R]>>",
        4: b"<</Type /Page\n/Parent 8 0 R\n/Contents 9 0 R>>",
        5: b"<</Type /Page\n/Parent 3 0 R\n/Contents 9 0 R>>",
        9: b"<</Length " + str(len(content)).encode() + b">> stream\n" + content + b"\nendstream",
        6: b"<</p-kapittel [4 0 R /XYZ 6 776 0]\n/p-ordliste [5 0 R /XYZ 6 776 0]\n/g#2D1 [5 0 R /XYZ 6 700 0]>>",
        7: b"<</Type /Outlines\n/First 10 0 R\n/Last 11 0 R\n/Count 3>>",
        # Chromium's titles: the space lost where the heading wrapped, CSS capitals, a literal string.
        10: b"<</Title (Kapittel en)\n/Dest [4 0 R /XYZ 34 743 0]\n/Parent 7 0 R\n/Next 11 0 R\n/First 12 0 R"
            b"\n/Last 12 0 R\n/Count 1>>",
        12: b"<</Title " + text_string("GSPR-matrise: Avtakbareproteser") + b"\n/Dest [4 0 R /XYZ 34 700 0]"
            b"\n/Parent 10 0 R>>",
        11: b"<</Title " + text_string("ORDLISTE") + b"\n/Dest [5 0 R /XYZ 34 743 0]\n/Parent 7 0 R\n/Prev 10 0 R>>",
    }, order=[1, 3, 8, 4, 5, 9, 6, 10, 12, 11, 7, 2])


def test_pages_destinations_and_outline_are_read() -> None:
    pdf = PdfFile.parse(sample())
    assert pdf.pages() == [4, 5]  # the nested page tree, depth first
    assert pdf.destinations() == {"p-kapittel": 1, "p-ordliste": 2, "g-1": 2}
    assert pdf.outline() == [(0, "Kapittel en", 1, True), (1, "GSPR-matrise: Avtakbareproteser", 1, None),
                             (0, "ORDLISTE", 2, None)]
    assert pdf.info()["Title"] == "Tittel fra Chromium" and pdf.info()["Creator"] == "HeadlessChrome (test)"


def test_finish_writes_the_information_the_titles_and_the_folds(tmp_path: Path) -> None:
    info = {"Title": "Kvalitetshåndbok – Vestbrygge Tannteknikk AS – versjon 2026.2", "Author": "Vestbrygge <&> AS",
            "Subject": "Publisert øyeblikksbilde for tilsynsmyndigheten"}
    data = finish(sample(), DAY, info, headings=["Kapittel en", "GSPR-matrise: Avtakbare proteser", "Ordliste"])
    pdf = PdfFile.parse(data)  # every object is where the new cross-reference table says (checked by parse)
    assert {k: pdf.info()[k] for k in info} == info
    assert pdf.info()["Producer"] == "Skia/PDF m150"
    assert re.findall(rb"/(?:CreationDate|ModDate) \(([^)]*)\)", data) == [b"D:20261201000000Z"] * 2
    assert b"162109" not in data
    assert pdf.outline() == [(0, "Kapittel en", 1, False), (1, "GSPR-matrise: Avtakbare proteser", 1, None),
                             (0, "Ordliste", 2, None)]
    assert b"a stream may hold anything" in data and pdf.destinations()["p-ordliste"] == 2
    # Nothing asked open: the chapter is closed over its one child, the root shows the two chapters.
    assert re.search(rb"/Count (-?\d+)", pdf.objects[10]).group(1) == b"-1"
    assert re.search(rb"/Count (-?\d+)", pdf.objects[7]).group(1) == b"2"
    opened = PdfFile.parse(finish(sample(), DAY, info, open_items=[(0, "Kapittel en")]))
    assert re.search(rb"/Count (-?\d+)", opened.objects[10]).group(1) == b"1" and opened.outline()[0][3] is True
    assert re.search(rb"/Count (-?\d+)", opened.objects[7]).group(1) == b"3"
    assert finish(sample(), DAY, info) == finish(sample(), DAY, info)
    if shutil.which("pdfinfo"):
        (tmp_path / "f.pdf").write_bytes(data)
        result = subprocess.run(["pdfinfo", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=True)
        assert "Vestbrygge <&> AS" in result.stdout and not result.stderr.strip(), result.stderr


@pytest.mark.parametrize("broken", [b"%PDF-1.4\nno xref at all", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n9999\n%%EOF"])
def test_a_file_of_another_layout_is_refused(broken: bytes) -> None:
    with pytest.raises(PdfFormatError):
        PdfFile.parse(broken)


def test_an_offset_that_points_elsewhere_is_refused() -> None:
    data = sample().replace(b"xref\n0 13\n0000000000 65535 f \n0000000015", b"xref\n0 13\n0000000000 65535 f \n0000000016")
    with pytest.raises(PdfFormatError):
        PdfFile.parse(data)
