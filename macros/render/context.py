"""What every renderer needs: the data, the language, the date, and the page being written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..audience import WITHHELD
from ..derive import paths
from ..derive.calendar import day_text
from ..derive.legal import legal_ref
from ..model.handbook import Handbook
from .text import attr, esc, link


@dataclass(frozen=True)
class RenderContext:
    hb: Handbook
    lang: str = "nb"
    today: dt.date = dt.date(2026, 1, 1)
    here: str = paths.HOME
    audience: str = "internal"  # "internal" (intranet) or "inspector" (published snapshot)

    def at(self, page: str) -> RenderContext:
        return replace(self, here=page)

    def t(self, nb: str, en: str) -> str:
        return en if self.lang == "en" else nb

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return "–"
        return day_text(day, self.lang)

    def ref(self, text: str) -> str:
        """A legal reference in the reader's language, escaped ("MDR Annex I" reads "MDR vedlegg I" in Norwegian)."""
        return esc(legal_ref(text, self.lang))

    def link(self, label: str, target: str, anchor: str = "") -> str:
        return link(label, self.here, target, anchor)

    def person(self, person_id: str | None) -> str:
        if not person_id:
            return "–"
        person = self.hb.persons.get(person_id)
        return esc(person.name) if person else esc(person_id)

    def role(self, role_id: str) -> str:
        role = self.hb.roles.get(role_id)
        return self.link(esc(role.title if role else role_id), paths.role(role_id))

    def doc_label(self, doc_id: str) -> str:
        """A document's ID as plain text, or "internal document" for one withheld from this reader's handbook."""
        return self.t("internt dokument", "internal document") if doc_id == WITHHELD else doc_id

    def doc(self, doc_id: str | None, *, title: bool = False) -> str:
        """A link to a controlled document: a procedure's page, or its row in the register."""
        if not doc_id:
            return "–"
        doc = self.hb.controlled.get(doc_id)
        if doc is None:  # left out of this audience's handbook
            return esc(self.t("internt dokument", "internal document"))
        label = esc(doc_id) + (f" {esc(doc.title)}" if title else "")
        if doc_id in self.hb.procs:
            return self.link(label, paths.procedure(doc_id))
        return self.link(label, paths.REGISTER, paths.doc_anchor(doc_id))

    def status(self, status: str) -> str:
        label = {"draft": self.t("Utkast", "Draft"), "effective": self.t("Gjeldende", "Effective"),
                 "obsolete": self.t("Utgått", "Obsolete")}.get(status, status)
        return f'<span class="hb-status hb-status--{attr(status)}">{esc(label)}</span>'

    def mark(self, entry: object) -> str:
        """The UNVERIFIED / INTERPRETATION mark for a catalogue entry ('' when verified)."""
        status = getattr(entry, "status", "verified")
        if status == "verified":
            return ""
        label = {"unverified": self.t("UVERIFISERT", "UNVERIFIED"),
                 "interpretation": self.t("TOLKNING", "INTERPRETATION")}[status]
        note = getattr(entry, "status_note", None)
        title = note(self.lang) if note else label
        return f' <span class="hb-mark hb-mark--{status}" title="{attr(title)}">{esc(label)}</span>'
