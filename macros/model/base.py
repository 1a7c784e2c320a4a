"""Common ground for the company's data models: strict fields and source positions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..errors import Invalid, Msg
from ..yamlio import Loc, Mark, position

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]


@dataclass(frozen=True)
class Ref:
    """Marks an ID field as a reference to another entry (``document``, ``group``, ``checklist``, ``page``).

    The audience filter withholds references to entries a reader does not get (see audience.py).
    """

    kind: str


DocumentRef = Annotated[Id, Ref("document")]  # a register entry or a procedure: they share one ID space
GroupRef = Annotated[Id, Ref("group")]
ChecklistRef = Annotated[Id, Ref("checklist")]


def _one_line(text: str) -> str:
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise Invalid("kontrolltegn (linjeskift, tabulator, DEL) er ikke tillatt her",
                      "control characters (line breaks, tabs, DEL) are not allowed here",
                      Msg("én linje tekst", "one line of text"))
    return text


def _plausible(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid(f"{day.isoformat()} er ikke en sannsynlig dato", f"{day.isoformat()} is not a plausible date",
                      Msg(f"en dato mellom {FIRST_DAY.year} og {LAST_DAY.year}",
                          f"a date between {FIRST_DAY.year} and {LAST_DAY.year}"))
    return day


FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
#: A date in the range a quality system's records can have: far-off years are typing errors (and overflow date sums).
Day = Annotated[dt.date, AfterValidator(_plausible)]
Months = Annotated[int, Field(ge=1, le=120)]  # an interval: at least a month, at most ten years
Years = Annotated[int, Field(ge=1, le=100)]  # a retention period
#: One line of text: no line breaks or other control characters.
Line = Annotated[str, StringConstraints(max_length=500), AfterValidator(_one_line)]
#: A numbered clause or requirement: ISO 13485 "7.5.9.2", MDR Annex I "10.4.1".
Clause = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}(\.[0-9]{1,2}){0,4}$")]
#: A requirement of MDR Annex I, or one of its lettered points: "10.4.1", "23.2(p)", "23.4(aa)".
GsprNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}(\.[0-9]{1,2}){0,3}(\([a-z]{1,2}\))?$")]
#: A lettered point, e.g. an Art. 10(9) element "m".
Letter = Annotated[str, StringConstraints(pattern=r"^[a-z]{1,2}$")]
#: A handbook page (its path in docs/), optionally with an anchor: "prrc.md", "prosedyrer/P-09.md#P-09-s3".
Page = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*\.md(#[A-Za-z0-9][A-Za-z0-9._-]*)?$", max_length=200),
                 Ref("page")]
Audience = Literal["everyone", "internal"]
Status = Literal["draft", "effective", "obsolete"]
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Located(BaseModel):
    """A data entry that knows where it stands in its YAML file, for file:line messages.

    Only the file and the path to the entry are kept (set after validation by ``set_source``); the line is
    looked up when a message needs it. The source lives in the instance ``__dict__`` beside the fields, as
    cached_property values do, not as a pydantic private attribute: those cost a Python call per instance.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def set_source(self, file: Path | str, loc: Loc = ()) -> None:
        """Remember that this entry, and every entry inside it, came from ``loc`` in ``file``."""
        values = self.__dict__
        values["_source"] = (file, loc)
        for name in _nested_fields(type(self)):
            value = values[name]
            if isinstance(value, Located):
                value.set_source(file, (*loc, name))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, Located):
                        item.set_source(file, (*loc, name, i))
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Located):
                        item.set_source(file, (*loc, name, key))

    @property
    def file(self) -> str:
        """The data file this entry comes from (no position: that costs a parse)."""
        source = self.__dict__.get("_source")
        return str(source[0]) if source else "<data>"

    def where(self, *loc: str | int) -> Mark:
        """Position of this entry, or of one of its fields (``where("steps", 2, "role")``)."""
        source = self.__dict__.get("_source")
        if source is None:
            return ("<data>", 0, 0)
        file, entry = source
        return position(file, loc, within=entry)


_NESTED: dict[type[BaseModel], tuple[str, ...]] = {}


def _nested_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold Located entries (worked out once per class)."""
    names = _NESTED.get(cls)
    if names is None:
        names = _NESTED[cls] = tuple(n for n, f in cls.model_fields.items() if _mentions_located(f.annotation))
    return names


def _mentions_located(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Located):
        return True
    return any(_mentions_located(arg) for arg in get_args(annotation))
