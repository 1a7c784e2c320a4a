"""Hostile text planted in every free-text field the data schemas define.

The fields are found by walking the models behind the JSON Schemas (``cmd_handbook.commands.schema.SCHEMAS``): every
``str`` (or ``list[str]``) field without a pattern, an enumeration or a date format is free text a
company writes, and every one of them can end up in a page, an attribute, a tooltip, the search index,
a CSV or the PDF. A new field is planted without anyone listing it here.

Each planted value starts with a unique marker (``=Q0007Q``) so a test can find where it landed and
check that the whole payload reads back there as literal text.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel

from cmd_handbook.commands.schema import SCHEMAS  # every kind of data file, from the registry

TAIL = ("<script>alert(1)</script><img src=x onerror=alert(2)>\" onmouseover=\"alert(3)' onfocus='alert(4)"
        "</textarea></style></title>--><a href=\"javascript:alert(5)\">j</a> [[ 7*7 ]] {{ 7*7 }} [% include 'x' %] | pipe |")
PER_FIELD = 4  # occurrences planted per (model, field): enough to reach every kind of page, small enough to stay fast


def marker(n: int) -> str:
    return f"Q{n:04d}Q"


def payload(n: int) -> str:
    """Starts with '=' so that a CSV cell holding it is a spreadsheet formula unless neutralised."""
    return f"={marker(n)}{TAIL}"


Field = tuple[str, str]  # (model name, field name)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside Optional[...] / Annotated[...], and the Annotated metadata."""
    meta: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = get_args(annotation)
            meta += extra
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, meta
            annotation = args[0]
        else:
            return annotation, meta


def _constrained(meta: list[Any]) -> bool:
    return any(getattr(m, "pattern", None) for m in meta)


def kind(field: Any) -> tuple[str, Any]:
    """('text' | 'texts' | 'model' | 'models' | 'other', model class or None) for a pydantic field."""
    annotation, meta = _unwrap(field.annotation)
    meta += list(field.metadata)
    if annotation is str:
        return ("other", None) if _constrained(meta) else ("text", None)
    if get_origin(annotation) is list:
        item, item_meta = _unwrap(get_args(annotation)[0])
        if item is str and not _constrained(item_meta):
            return "texts", None
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        return "other", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "other", None


def models() -> Iterator[type[BaseModel]]:
    """Every model reachable from the data files' schemas, each once."""
    seen: set[type[BaseModel]] = set()
    todo = list(SCHEMAS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        todo += [cls for f in model.model_fields.values() for k, cls in [kind(f)] if cls is not None]


def free_text_fields() -> set[Field]:
    return {(m.__name__, name) for m in models() for name, f in m.model_fields.items() if kind(f)[0] in ("text", "texts")}


class Planter:
    def __init__(self) -> None:
        self.count = 0
        self.planted: dict[str, Field] = {}  # marker -> field
        self.per_field: dict[Field, int] = {}

    def next(self, field: Field) -> str | None:
        if self.per_field.get(field, 0) >= PER_FIELD:
            return None
        self.per_field[field] = self.per_field.get(field, 0) + 1
        self.count += 1
        self.planted[marker(self.count)] = field
        return payload(self.count)

    def plant(self, model: type[BaseModel], raw: dict[str, Any]) -> None:
        for name, field in model.model_fields.items():
            what, cls = kind(field)
            key = (model.__name__, name)
            if what == "text":
                value = self.next(key)
                if value is not None:
                    raw[name] = value
            elif what == "texts" and raw.get(name):  # only lists the example fills: an item can mean something
                value = self.next(key)
                if value is not None:
                    raw[name] = [value, *raw[name][:1]]  # first: a cell that starts with it
            elif what == "model":
                if isinstance(raw.get(name), dict):
                    self.plant(cls, raw[name])
                elif name not in raw:
                    built = self.build(cls)
                    if built is not None:
                        raw[name] = built
            elif what == "models":
                items = raw.get(name)
                if isinstance(items, list):
                    for item in items:
                        if isinstance(item, dict):
                            self.plant(cls, item)
                elif name not in raw:
                    built = self.build(cls)
                    if built is not None:
                        raw[name] = [built]

    def build(self, model: type[BaseModel]) -> dict[str, Any] | None:
        """A new instance of an optional part the example leaves out, when it needs no reference to other data."""
        raw: dict[str, Any] = {}
        for name, field in model.model_fields.items():
            if not field.is_required():
                continue
            what, cls = kind(field)
            annotation, _ = _unwrap(field.annotation)
            if what == "model":
                raw[name] = self.build(cls)
                if raw[name] is None:
                    return None
            elif what == "text":
                raw[name] = "x"
            elif annotation is dt.date:
                raw[name] = "2030-01-01"
            elif get_origin(annotation) is Literal:
                raw[name] = get_args(annotation)[0]
            else:
                return None  # an ID or a number that must refer to something: leave the part out
        before = self.count
        self.plant(model, raw)
        return raw if self.count > before else None  # nothing left to plant here: leave the part out


def plant_data(data: Path) -> Planter:
    """Rewrite the data files in ``data`` (a copy of the example) with payloads in every free-text field."""
    from cmd_handbook.registry import KINDS

    planter = Planter()
    files: list[tuple[Path, type[BaseModel]]] = []
    for kind in KINDS:
        where = data / kind.name
        files += [(p, kind.model) for p in sorted(where.glob("*.yml"))] if kind.folder else [(where, kind.model)]
    checklists = data / "checklists"
    if not any(checklists.glob("*.yml")):  # the example has none of its own: add one, so checklist fields are reached
        checklists.mkdir(exist_ok=True)
        (checklists / "egen.yml").write_text(
            "id: egen\ntitle: x\nversion: '1'\nitems:\n  - id: a\n    text: x\n  - id: b\n    text: x\n", encoding="utf-8")
        files.append((checklists / "egen.yml", next(k.model for k in KINDS if k.name == "checklists")))
    for path, model in files:
        if not path.exists():
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        planter.plant(model, raw)
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return planter


def readback_problems(text: str, where: str) -> list[str]:
    """Every marker in ``text`` must be followed by the whole payload, character for character."""
    problems = []
    start = 0
    while True:
        i = text.find("Q", start)
        if i < 0:
            return problems
        start = i + 1
        if not (text[i + 1:i + 5].isdigit() and text[i + 5:i + 6] == "Q"):
            continue
        if text[i + 6:i + 6 + len(TAIL)] != TAIL:
            problems.append(f"{where}: {text[i:i + 6]} does not read back literally: {text[i:i + 6 + len(TAIL)]!r}")
