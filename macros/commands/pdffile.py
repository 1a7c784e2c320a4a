"""Reading and finishing the PDF that headless Chromium prints (Skia's writer), with no PDF library.

Skia writes PDF 1.4: plain numbered objects, one classic cross-reference table, no object streams. That is
enough to read where each named destination lands (the page a section starts on) and the document outline,
and to rewrite a few small objects (the document information, the outline's open/closed state) and then
write the cross-reference table anew. Nothing here looks inside a content stream.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass


class PdfFormatError(Exception):
    """Not the kind of PDF this module reads (not Skia's single-xref layout)."""


_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REF = rb"(\d+) 0 R"


@dataclass
class PdfFile:
    head: bytes  # "%PDF-1.4" and the binary comment, up to the first object
    objects: dict[int, bytes]  # number -> "N 0 obj ... endobj\n", as written
    order: list[int]  # the objects' order in the file
    trailer: bytes  # the trailer dictionary, "<<...>>"

    @classmethod
    def parse(cls, data: bytes) -> PdfFile:
        end = _XREF.search(data)
        if not end:
            raise PdfFormatError("no startxref at the end")
        xref = int(end.group(1))
        table = re.match(rb"xref\s+0 (\d+)\s+", data[xref:])
        if not table:
            raise PdfFormatError("not a single classic cross-reference table")
        count, pos = int(table.group(1)), xref + table.end()
        offsets = {}
        for number in range(count):
            entry = data[pos + 20 * number: pos + 20 * number + 20]
            if entry[17:18] == b"n":
                offsets[number] = int(entry[:10])
        trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data[xref:], re.S)
        if not offsets or not trailer:
            raise PdfFormatError("empty cross-reference table or no trailer")
        order = sorted(offsets, key=offsets.__getitem__)
        bounds = [offsets[n] for n in order] + [xref]
        objects = {n: data[bounds[i]:bounds[i + 1]] for i, n in enumerate(order)}
        for n, body in objects.items():
            if not body.startswith(f"{n} 0 obj".encode()):
                raise PdfFormatError(f"object {n} is not where the cross-reference table says")
        return cls(data[:bounds[0]], objects, order, trailer.group(1))

    def body(self, number: int) -> bytes:
        """An object's content between "obj" and "endobj" (a dictionary, or a dictionary and its stream)."""
        raw = self.objects[number]
        return raw[raw.index(b"obj") + 3: raw.rindex(b"endobj")].strip()

    def set_body(self, number: int, body: bytes) -> None:
        self.objects[number] = f"{number} 0 obj\n".encode() + body + b"\nendobj\n"

    def ref(self, body: bytes, key: str) -> int | None:
        found = re.search(rb"/" + key.encode() + rb"\s+" + _REF, body)
        return int(found.group(1)) if found else None

    def catalog(self) -> int:
        root = self.ref(self.trailer, "Root")
        if root is None:
            raise PdfFormatError("no /Root in the trailer")
        return root

    def pages(self) -> list[int]:
        """The page objects in reading order (the page tree walked depth first)."""
        out: list[int] = []

        def walk(number: int) -> None:
            body = self.body(number)
            if re.search(rb"/Type\s*/Pages\b", body):
                kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
                for kid in re.findall(_REF, kids.group(1) if kids else b""):
                    walk(int(kid))
            else:
                out.append(number)

        top = self.ref(self.body(self.catalog()), "Pages")
        if top is None:
            raise PdfFormatError("no page tree")
        walk(top)
        return out

    def destinations(self) -> dict[str, int]:
        """Each named destination (a link target's id) and the number of the page it is on, from 1."""
        number = self.ref(self.body(self.catalog()), "Dests")
        if number is None:
            return {}
        page_no = {obj: i for i, obj in enumerate(self.pages(), 1)}
        found = re.findall(rb"/([^\s/\[\]<>()]+)\s*\[\s*" + _REF, self.body(number))
        return {_name(name): page_no[int(page)] for name, page in found if int(page) in page_no}

    def outline(self) -> list[tuple[int, str, int, bool | None]]:
        """The bookmarks in order: (depth from 0, title, page number from 1, open: None without children)."""
        page_no = {obj: i for i, obj in enumerate(self.pages(), 1)}
        out = []
        for number, depth in _outline_items(self):
            body = self.body(number)
            dest = re.search(rb"/Dest\s*\[\s*" + _REF, body)
            count = re.search(rb"/Count\s+(-?\d+)", body)
            has_kids = self.ref(body, "First") is not None
            out.append((depth, _text(body, "Title"), page_no.get(int(dest.group(1)), 0) if dest else 0,
                        (int(count.group(1)) > 0 if count else True) if has_kids else None))
        return out

    def info(self) -> dict[str, str]:
        number = self.ref(self.trailer, "Info")
        if number is None:
            return {}
        body = self.body(number)
        return {key.decode(): _text(body, key.decode()) for key in re.findall(rb"/(\w+)\s*[(<]", body)}

    def write(self) -> bytes:
        """The file with a new cross-reference table for the objects as they are now."""
        out = bytearray(self.head)
        offsets = {}
        for number in self.order:
            offsets[number] = len(out)
            out += self.objects[number]
        size = max(self.order) + 1
        xref = len(out)
        out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
        for number in range(1, size):
            out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets else "0000000000 65535 f \n").encode()
        trailer = re.sub(rb"/Size\s+\d+", f"/Size {size}".encode(), self.trailer)
        out += b"trailer\n" + trailer + f"\nstartxref\n{xref}\n%%EOF".encode()
        return bytes(out)


def _name(raw: bytes) -> str:
    """A PDF name's text: #xx escapes undone."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("utf-8", "replace")


def _text(body: bytes, key: str) -> str:
    """A text string value: a hex string (UTF-16 with a byte order mark, as Skia writes non-ASCII) or a literal."""
    hexa = re.search(rb"/" + key.encode() + rb"\s*<([0-9A-Fa-f\s]*)>", body)
    if hexa:
        raw = bytes.fromhex(hexa.group(1).decode())
        return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    literal = re.search(rb"/" + key.encode() + rb"\s*\(((?:\\.|[^\\)])*)\)", body, re.S)
    if not literal:
        return ""
    raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit()
                 else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)), literal.group(1))
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


def text_string(text: str) -> bytes:
    """A PDF text string for any text: UTF-16BE with a byte order mark, as a hex string."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def finish(data: bytes, day: dt.date, info: dict[str, str], headings: Iterable[str] = (),
           open_items: Collection[tuple[int, str]] = ()) -> bytes:
    """The printed PDF made reproducible and complete: the document information written anew (title, author,
    subject; creation and change time = the release day, not the clock); the bookmarks' titles as the headings
    read (Chromium drops the space where a heading wraps to a new line, and writes a heading's CSS capitals); and
    the outline folded: only the bookmarks in ``open_items`` (depth from 0, title) start open, so chapters show
    their pages and a page's own headings stay folded."""
    pdf = PdfFile.parse(data)
    number = pdf.ref(pdf.trailer, "Info")
    if number is None:
        raise PdfFormatError("no document information dictionary")
    kept = dict(re.findall(rb"/(Creator|Producer)\s*(\((?:\\.|[^\\)])*\))", pdf.body(number)))
    stamp = f"(D:{day.strftime('%Y%m%d')}000000Z)".encode()
    entries = [b"/" + key.encode() + b" " + text_string(value) for key, value in info.items() if value]
    entries += [b"/" + key + b" " + value for key, value in kept.items()]
    entries += [b"/CreationDate " + stamp, b"/ModDate " + stamp]
    pdf.set_body(number, b"<<" + b"\n".join(entries) + b">>")
    _retitle_outline(pdf, headings)
    _fold_outline(pdf, open_items)
    return pdf.write()


def _key(title: str) -> str:
    return "".join(title.split()).casefold()


def _outline_items(pdf: PdfFile) -> Iterator[tuple[int, int]]:
    """(object number, depth from 0) of each bookmark, in order."""
    root = pdf.ref(pdf.body(pdf.catalog()), "Outlines")

    def walk(parent: int, depth: int) -> Iterator[tuple[int, int]]:
        item = pdf.ref(pdf.body(parent), "First")
        while item is not None:
            yield item, depth
            yield from walk(item, depth + 1)
            item = pdf.ref(pdf.body(item), "Next")

    if root is not None:
        yield from walk(root, 0)


def _retitle_outline(pdf: PdfFile, headings: Iterable[str]) -> None:
    """Each bookmark whose title is a heading's text but for spaces and capitals gets that text."""
    real: dict[str, str] = {}
    for heading in headings:
        real.setdefault(_key(heading), " ".join(heading.split()))
    for number, _ in _outline_items(pdf):
        body = pdf.body(number)
        title = real.get(_key(_text(body, "Title")))
        if title is not None:
            new = b"/Title " + text_string(title)  # hex digits only: safe as a replacement
            pdf.set_body(number, re.sub(rb"/Title\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", new, body, count=1, flags=re.S))


def _fold_outline(pdf: PdfFile, open_items: Collection[tuple[int, str]]) -> None:
    """Each bookmark with children starts open or closed; every /Count is set to match (PDF 32000-1, 12.3.3)."""
    root = pdf.ref(pdf.body(pdf.catalog()), "Outlines")
    if root is None:
        return
    opened = {(depth, " ".join(title.split())) for depth, title in open_items}

    def children(number: int) -> list[int]:
        out, item = [], pdf.ref(pdf.body(number), "First")
        while item is not None:
            out.append(item)
            item = pdf.ref(pdf.body(item), "Next")
        return out

    def visible(number: int, depth: int) -> int:
        """How many bookmarks under this one show when it is open; writes its /Count."""
        kids = children(number)
        shown = sum(1 + visible(kid, depth + 1) for kid in kids)
        if not kids:
            return 0
        body = pdf.body(number)
        is_open = depth < 0 or (depth, " ".join(_text(body, "Title").split())) in opened
        count = shown if is_open else -len(kids)
        body, n = re.subn(rb"/Count\s+-?\d+", f"/Count {count}".encode(), body, count=1)
        if not n:
            body = body[:-2] + f"\n/Count {count}>>".encode()
        pdf.set_body(number, body)
        return shown if is_open else 0

    visible(root, -1)
