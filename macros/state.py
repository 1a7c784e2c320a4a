"""The loaded handbook for the build in progress, shared by the MkDocs plugin and the macros."""

from __future__ import annotations

from dataclasses import dataclass

from .render.context import RenderContext
from .rules.base import Finding


@dataclass(frozen=True)
class State:
    ctx: RenderContext
    findings: list[Finding]


_current: State | None = None


def set_current(state: State) -> None:
    global _current
    _current = state


def current() -> State:
    if _current is None:
        raise RuntimeError("the handbook plugin must come before 'macros' in mkdocs.yml plugins")
    return _current
