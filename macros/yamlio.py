"""YAML in, with line and column kept for every mapping, key and list item.

PyYAML's C loader is used when available (ten times faster than the pure
Python one); the constructors are ours so that each value remembers where it
came from and every problem can be reported as ``file:line:column``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors, display_path

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Mark = tuple[str, int, int]  # file, line, column (1-based)


class Mapping(dict):
    """A YAML mapping that knows where it and each of its keys stand."""

    mark: Mark
    key_marks: dict[Any, Mark]


class Sequence(list):
    """A YAML sequence that knows where it and each of its items stand."""

    mark: Mark
    item_marks: list[Mark]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    file_label = "<yaml>"
    problems: list[DataError]


def _mark(loader: _Loader, node: yaml.Node) -> Mark:
    return (loader.file_label, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = Mapping()
    data.mark = _mark(loader, node)
    data.key_marks = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            loader.problems.append(DataError(*_mark(loader, key_node), "a key must be a plain word",
                                             "name: value"))
            continue
        if key in data:
            f, line, col = _mark(loader, key_node)
            first = data.key_marks[key][1]
            loader.problems.append(DataError(f, line, col, f"duplicate key '{key}' (first at line {first})",
                                             "each key once per mapping"))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_marks[key] = _mark(loader, key_node)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = Sequence()
    data.mark = _mark(loader, node)
    data.item_marks = [_mark(loader, child) for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
# Dates stay strings here; the schema parses them and reports a bad date with its position.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def load_yaml_file(path: Path) -> Any:
    """Parse one YAML file; raise DataErrors naming the file, line and column."""
    label = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(label, 0, 0, f"cannot read file: {exc.strerror}", "a readable file")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataErrors([DataError(label, line, col, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                                    "save the file as UTF-8")]) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise DataErrors([DataError(label, 1, 1, "file is empty", "YAML content, or delete the file")])
    loader = _Loader(text)
    loader.file_label = label
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        raise DataErrors([DataError(label, line, col, f"malformed YAML: {what}",
                                    "valid YAML (check indentation, colons and quotes)")]) from None
    except yaml.YAMLError as exc:
        raise DataErrors([DataError(label, 1, 1, f"malformed YAML: {exc}", "valid YAML")]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise DataErrors(loader.problems)
    return data


def locate(raw: Any, loc: tuple[Any, ...], fallback: Mark) -> Mark:
    """The deepest position known for a pydantic error location inside a raw YAML tree."""
    best = getattr(raw, "mark", fallback)
    node = raw
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            best = node.key_marks[part]
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            best = node.item_marks[part]
            node = node[part]
        elif isinstance(node, (Mapping, Sequence)):
            continue  # pydantic adds union tags and such; skip them
        else:
            break
    return best


def _describe(err: dict[str, Any]) -> tuple[str, str]:
    """Turn one pydantic error into (what is wrong, what is expected)."""
    field = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-")) or "value"
    kind = err["type"]
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind == "missing":
        return f"missing required field '{err['loc'][-1]}'", f"'{err['loc'][-1]}' in this entry"
    if kind == "extra_forbidden":
        return f"unknown field '{err['loc'][-1]}'", "only the fields the schema defines (see schema/)"
    if kind == "literal_error":
        return f"{field}: {given!r} is not an allowed value", f"one of {ctx.get('expected', '')}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{field}: {given!r} is not a valid date", "a date as YYYY-MM-DD"
    if kind in {"string_type", "int_type", "int_parsing", "bool_type", "bool_parsing", "float_type",
                "list_type", "dict_type", "model_type", "model_attributes_type"}:
        expected = {"string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
                    "bool_type": "true or false", "bool_parsing": "true or false", "float_type": "a number",
                    "list_type": "a list", "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
                    "model_attributes_type": "a mapping (key: value)"}[kind]
        return f"{field}: wrong type ({type(given).__name__}: {str(given)[:40]!r})", expected
    if kind == "value_error":
        return f"{field}: {ctx.get('error', err['msg'])!s}", ""
    return f"{field}: {err['msg']}", ""


ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], raw: Any, file: Path | str) -> ModelT:
    """Validate a raw YAML tree against a model, reporting every error with its position."""
    fallback: Mark = (display_path(file), 0, 0)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            what, expected = _describe(err)
            f, line, col = locate(raw, err["loc"], fallback)
            errors.append(DataError(f, line, col, what, expected))
        raise DataErrors(errors) from None
