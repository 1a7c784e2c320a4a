"""What a rule is, what it finds, and the registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..derive.legal import legal_ref
from ..model.base import Located
from ..model.handbook import Handbook

Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True)
class Context:
    handbook: Handbook
    today: dt.date
    lang: str = "nb"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # in the handbook's language
    fix: str
    reference: str
    file: str
    line: int
    area: str  # qms, prrc, device group id, pms, documents
    anchor: str = ""  # page the finding is about, for links from the dashboard

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "fix": self.fix,
                "file": self.file, "line": self.line, "reference": self.reference, "area": self.area}

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity} [{self.rule}] {self.message} ({self.reference}). {self.fix}"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    reference: str
    area: str
    title: dict[str, str]
    check: Callable[[Context], Iterator[Finding]]


RULES: dict[str, Rule] = {}


class Emit:
    """Helper handed to each rule body to create findings in the right language."""

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self.rule, self.ctx = rule, ctx

    def __call__(self, at: Located | tuple[str, int, int], nb: str, en: str, fix_nb: str, fix_en: str,
                 *, loc: tuple[str | int, ...] = (), area: str | None = None, anchor: str = "",
                 severity: Severity | None = None) -> Finding:
        file, line, _ = at.where(*loc) if isinstance(at, Located) else at
        en_lang = self.ctx.lang == "en"
        return Finding(rule=self.rule.id, severity=severity or self.rule.severity, message=en if en_lang else nb,
                       fix=fix_en if en_lang else fix_nb, reference=legal_ref(self.rule.reference, self.ctx.lang), file=file, line=line,
                       area=area or self.rule.area, anchor=anchor)


def rule(id: str, severity: Severity, reference: str, area: str, nb: str, en: str
         ) -> Callable[[Callable[[Context, Emit], Iterator[Finding]]], Callable[[Context, Emit], Iterator[Finding]]]:
    """Register a rule. The body yields findings made with the ``emit`` helper it receives."""

    def register(body: Callable[[Context, Emit], Iterator[Finding]]) -> Callable[[Context, Emit], Iterator[Finding]]:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        meta = Rule(id, severity, reference, area, {"nb": nb, "en": en}, lambda ctx: iter(()))
        RULES[id] = Rule(id, severity, reference, area, meta.title,
                         lambda ctx, meta=meta: body(ctx, Emit(meta, ctx)))
        return body

    return register
