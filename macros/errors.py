"""One error type for everything wrong with the input: file, line, column, what, what is expected."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        return f"{text} (expected: {self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message, "expected": self.hint}


@dataclass
class DataErrors(Exception):
    """Raised with every error found, never just the first."""

    errors: list[DataError] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in sorted(set(self.errors)))


def display_path(path: Path | str) -> str:
    """Paths relative to the working directory when possible: that is what users click on."""
    return _display_path(os.fspath(path), os.getcwd())


@lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:  # every file is named many times
    relative = os.path.relpath(os.path.abspath(path), cwd)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
