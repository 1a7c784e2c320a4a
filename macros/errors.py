"""One error type for everything wrong with the input: file, line, column, what, what is expected.

Every message to the person who keeps the data is written in both handbook languages (``Msg``: Norwegian
bokmål and English); the place that prints it picks the handbook's language (``theme.language`` in mkdocs.yml,
or ``handbook check --lang``). Norwegian is the default. YAML keys, file paths and values are never translated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

Lang = Literal["nb", "en"]


def lang_of(language: object) -> Lang:
    """The message language for a ``theme.language`` (or ``--lang``) value: English for en*, else Norwegian."""
    return "en" if str(language or "nb").lower().startswith("en") else "nb"


@dataclass(frozen=True, order=True, slots=True)
class Msg:
    """One message in both handbook languages."""

    nb: str
    en: str

    def __call__(self, lang: str = "nb") -> str:
        return self.en if lang == "en" else self.nb

    def __bool__(self) -> bool:
        return bool(self.nb or self.en)

    def __add__(self, other: Msg) -> Msg:
        return Msg(self.nb + other.nb, self.en + other.en)


NO_TEXT = Msg("", "")
_EXPECTED = Msg("forventet", "expected")


def say(lang: str, nb: str, en: str) -> str:
    """The text in ``lang``: for messages printed at once (``Msg`` for those kept and printed later)."""
    return en if lang == "en" else nb


def _msg(text: Msg | str) -> Msg:
    """A Msg; plain text (not yet translated) stands for both languages."""
    return text if isinstance(text, Msg) else Msg(str(text), str(text))


class Invalid(ValueError):
    """A model validator's complaint, in both languages (pydantic reports it as a value_error; yamlio reads it)."""

    def __init__(self, nb: str, en: str, expected: Msg = NO_TEXT) -> None:
        super().__init__(en)
        self.what, self.expected = Msg(nb, en), expected


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int = 0
    column: int = 0
    what: Msg = NO_TEXT  # what is wrong
    expected: Msg = NO_TEXT  # what is expected instead

    def __post_init__(self) -> None:
        object.__setattr__(self, "what", _msg(self.what))
        object.__setattr__(self, "expected", _msg(self.expected))

    @property
    def message(self) -> str:
        """What is wrong, in Norwegian (``what(lang)`` for another language)."""
        return self.what.nb

    @property
    def hint(self) -> str:
        """What is expected, in Norwegian."""
        return self.expected.nb

    def where(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def text(self, lang: str = "nb") -> str:
        """``file:line:col: what (expected: ...)`` in ``lang``."""
        text = f"{self.where()}: {self.what(lang)}"
        return f"{text} ({_EXPECTED(lang)}: {self.expected(lang)})" if self.expected else text

    def __str__(self) -> str:
        return self.text()

    def as_dict(self, lang: str = "nb") -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.what(lang), "expected": self.expected(lang)}


@dataclass
class DataErrors(Exception):
    """Raised with every error found, never just the first."""

    errors: list[DataError] = field(default_factory=list)

    def text(self, lang: str = "nb") -> str:
        return "\n".join(e.text(lang) for e in sorted(set(self.errors)))

    def __str__(self) -> str:
        return self.text()


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory when possible: that is what users click on."""
    return _display_path(os.fspath(path), os.getcwd())


@lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:  # every file is named many times
    relative = os.path.relpath(os.path.abspath(path), cwd)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
