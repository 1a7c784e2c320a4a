"""YAML in: plain Python data fast, and the (file, line, column) of anything when a message needs it.

Keeping a position for every mapping, key and list item while loading was the largest single cost of a
check (450 000 nodes in the x50 benchmark). So loading keeps none: libyaml composes the file, and a tight
loop turns the nodes into dict/list/str. Positions are looked up only when an error or a finding is
reported (see ``position``). The problems PyYAML would pass over silently (a duplicate key keeps the last
value) are errors, with their position.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import parsecache
from .errors import DataError, DataErrors, display_path
from .parsecache import ParseCache

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Mark = tuple[str, int, int]  # file, line, column (1-based)
Loc = tuple[str | int, ...]  # a path into a YAML tree: keys and list indexes

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
if None in _IMPLICIT:  # pragma: no cover - PyYAML's safe schema has none; _Loader.resolve relies on it
    raise ImportError("yamlio: PyYAML has wildcard implicit resolvers; _Loader.resolve does not handle them")


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's composer with a tag resolver that does only what the safe schema needs.

    PyYAML's own resolve() is generic (path resolvers, wildcard resolvers) and runs once per node in Python;
    this one gives the same tags for the safe schema in half the time.
    """

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


# Scalars other than plain text, built by PyYAML's own safe constructors. Dates stay text: the schema parses
# them and reports a bad date with its position.
_SCALARS: dict[str, Callable[[Any, ScalarNode], Any]] = {
    f"tag:yaml.org,2002:{name}": _Loader.yaml_constructors[f"tag:yaml.org,2002:{name}"]
    for name in ("null", "bool", "int", "float")
}
_SCALARS["tag:yaml.org,2002:timestamp"] = lambda _loader, node: node.value


def _mark(label: str, node: Node) -> Mark:
    return (label, node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Composed nodes → plain data, collecting every problem of the file."""

    def __init__(self, loader: _Loader, label: str, merges: bool) -> None:
        self.loader, self.label, self.merges = loader, label, merges
        self.problems: list[DataError] = []
        self.done: dict[int, Any] = {}  # node id → value: aliases share one value

    def value(self, node: Node) -> Any:
        if node.__class__ is ScalarNode:
            if node.tag == _STR:
                return node.value
            build = _SCALARS.get(node.tag)
            if build is None:
                self.problems.append(DataError(*_mark(self.label, node), f"unsupported YAML tag {node.tag}",
                                               "plain values: text, numbers, true/false, dates"))
                return None
            return build(self.loader, node)
        key = id(node)
        if key in self.done:
            return self.done[key]
        if node.tag not in (_SEQ, _MAP):
            self.problems.append(DataError(*_mark(self.label, node), f"unsupported YAML tag {node.tag}",
                                           "a plain list or mapping"))
            return None
        if node.__class__ is SequenceNode:
            items: list[Any] = []
            self.done[key] = items
            items.extend([self.value(child) for child in node.value])
            return items
        data: dict[Any, Any] = {}
        self.done[key] = data
        pairs, own = node.value, data
        if self.merges and any(k.tag == _MERGE for k, _ in pairs):
            # `<<` pairs are replaced by the merged mappings' pairs, in front; the mapping's own keys override them
            count = sum(1 for k, _ in pairs if k.tag != _MERGE)
            try:
                self.loader.flatten_mapping(node)
            except yaml.MarkedYAMLError as exc:  # `<<` with something other than a mapping or list of mappings
                mark = exc.problem_mark or node.start_mark
                self.problems.append(DataError(self.label, mark.line + 1, mark.column + 1,
                                               "a merge key (<<) must name a mapping, or a list of mappings",
                                               "<<: *anchor"))
                return data
            pairs, merged, own = node.value[-count:] if count else [], node.value[: len(node.value) - count], {}
            for key_node, value_node in merged:
                k = self.key(key_node)
                if k is not None:
                    data[k] = self.value(value_node)
        for key_node, value_node in pairs:
            k = self.key(key_node)
            if k is None:
                self.problems.append(DataError(*_mark(self.label, key_node), "a key must be a plain word", "name: value"))
            elif k in own:
                first = next(n for n, _ in pairs if self.key(n) == k)
                self.problems.append(DataError(*_mark(self.label, key_node),
                                               f"duplicate key '{k}' (first at line {first.start_mark.line + 1})",
                                               "each key once per mapping"))
            else:
                own[k] = self.value(value_node)
        if own is not data:
            data.update(own)
        return data

    def key(self, node: Node) -> str | None:
        """A mapping key as the text it was written as (keys are field names), or None when it is not a scalar."""
        return node.value if node.__class__ is ScalarNode else None


MAX_VALUES = 200_000  # values in one file once aliases are expanded: far above any real file, far below a bomb


def _check_aliases(node: Node, label: str) -> None:
    """Refuse a file whose aliases expand it beyond MAX_VALUES values, or that contains itself through an alias.

    Aliases share one value while loading, but validation and every later step walk the expanded tree: an
    11-line file of nested aliases ("billion laughs") expands to more values than memory holds.
    """
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(n: Node) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if n.__class__ is ScalarNode:
            return 1
        if key in open_:
            raise DataErrors([DataError(*_mark(label, n), "an alias refers to a list or mapping that contains it",
                                        "aliases (*name) only to parts defined before and outside them")])
        open_.add(key)
        children = n.value if n.__class__ is SequenceNode else [c for pair in n.value for c in pair]
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                raise DataErrors([DataError(*_mark(label, n), f"YAML aliases expand this file to more than {MAX_VALUES} "
                                            "values", "a data file without deeply repeated aliases (*name)")])
        open_.discard(key)
        sizes[key] = total
        return total

    size(node)


def _compose(text: str, label: str) -> tuple[_Loader, Node]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        loader.dispose()
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        raise DataErrors([DataError(label, line, col, f"malformed YAML: {what}",
                                    "valid YAML (check indentation, colons and quotes)")]) from None
    except yaml.YAMLError as exc:
        loader.dispose()
        raise DataErrors([DataError(label, 1, 1, f"malformed YAML: {exc}", "valid YAML")]) from None
    return loader, node


def _read(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(label, 0, 0, f"cannot read file: {exc.strerror}", "a readable file")]) from None


def _decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataErrors([DataError(label, line, col, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                                    "save the file as UTF-8")]) from None


def load_yaml_file(path: Path, cache: ParseCache | None = None) -> Any:
    """Parse one YAML file into plain data; raise DataErrors naming the file, line and column of every problem.

    With a cache, a file whose content was parsed before is not parsed again.
    """
    label = display_path(path)
    raw = _read(path, label)
    return _parse(raw, label) if cache is None else cache.parse(path, raw, lambda: _parse(raw, label))


def _parse(raw: bytes, label: str) -> Any:
    text = _decode(raw, label)
    loader, node = _compose(text, label)
    if node is None:
        loader.dispose()
        raise DataErrors([DataError(label, 1, 1, "file is empty", "YAML content, or delete the file")])
    try:
        if "*" in text:
            _check_aliases(node, label)
        convert = _Converter(loader, label, merges="<<" in text)
        data = convert.value(node)
    finally:
        loader.dispose()
    if convert.problems:
        raise DataErrors(convert.problems)
    if data is None:  # "---" or "~" alone: the file holds nothing (and None must never stand for a file)
        raise DataErrors([DataError(label, *_mark(label, node)[1:], "file holds no data (only null)",
                                    "YAML content, or delete the file")])
    return data


Index = dict[Loc, tuple[str, int, int, int, int]]  # path → (kind m/s/v, line, column, key's line, key's column)
_indexes: dict[bytes, Index] = {}  # by content digest, this process


def position(path: Path | str, loc: Loc = (), within: Loc = ()) -> Mark:
    """Where ``loc`` (keys and list indexes, as in a pydantic error) is inside the entry at ``within`` in a file.

    An entry's own position is where its content starts; a field's is its key. When ``loc`` goes deeper than
    the file, the deepest part that exists. Only messages need positions, so they are worked out here, not
    while loading: the file is composed once more and indexed, and the index is kept (by content) in this
    process and in the cache, so a finding reported on every run costs its lookup once.
    """
    label = display_path(path)
    try:
        raw = _read(Path(path), label)
    except DataErrors:
        return (label, 0, 0)
    index = _index(raw, label)
    if not index:
        return (label, 0, 0)
    node = ()
    for part in within:
        child = (*node, part if index[node][0] == "s" else str(part))
        if child in index:
            node = child
    kind, line, col = index[node][:3]
    for part in loc:
        if kind == "v":
            break
        child = (*node, str(part) if kind == "m" else part)
        if child in index and (kind == "m" or isinstance(part, int)):
            kind, _, _, line, col = index[child]
            node = child
        # else: pydantic adds union tags and such; skip them
    return (label, line, col)


def _index(raw: bytes, label: str) -> Index | None:
    key = parsecache.digest(raw)
    index = _indexes.get(key)
    if index is not None:
        return index
    index = _index_from(parsecache.stored("positions", key))
    if index is None:
        try:
            loader, node = _compose(_decode(raw, label), label)
        except DataErrors:
            return None
        loader.dispose()
        index = {}
        if node is not None:
            _walk(node, (), None, index, set())
        parsecache.store("positions", key, [[list(k), list(v)] for k, v in index.items()])
    if len(_indexes) > 500:  # `serve` sees many versions of a file
        _indexes.clear()
    _indexes[key] = index
    return index


def _index_from(stored: Any) -> Index | None:
    """A position index read back from the cache, or None unless it has exactly the expected shape."""
    if not isinstance(stored, list):
        return None
    index: Index = {}
    for item in stored:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], list) and isinstance(item[1], list)):
            return None
        path, value = item
        if not (len(value) == 5 and value[0] in ("m", "s", "v") and all(type(n) is int for n in value[1:])
                and all(type(p) in (str, int) for p in path)):
            return None
        index[tuple(path)] = tuple(value)  # type: ignore[assignment]
    return index if () in index else None


def _walk(node: Node, path: Loc, key: Node | None, index: Index, open_nodes: set[int]) -> None:
    if path in index or id(node) in open_nodes:  # a duplicate key (the first counts), a recursive alias
        return
    kind = "m" if node.__class__ is MappingNode else "s" if node.__class__ is SequenceNode else "v"
    at = node.start_mark
    by = (key or node).start_mark
    index[path] = (kind, at.line + 1, at.column + 1, by.line + 1, by.column + 1)
    if kind == "v":
        return
    open_nodes.add(id(node))
    if kind == "m":
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode:
                _walk(value_node, (*path, key_node.value), key_node, index, open_nodes)
    else:
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), None, index, open_nodes)
    open_nodes.discard(id(node))


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


def validate(model: type[ModelT], raw: Any, file: Path | str, at: Loc = (),
             locate: Callable[[Loc], Mark] | None = None) -> ModelT:
    """Validate a raw YAML tree (found at ``at`` in ``file``) against a model, reporting every error with its position.

    A model that can remember its source (``set_source``, see model.base.Located) is told where it came from.
    """
    try:
        obj = model.model_validate(raw)
    except ValidationError as exc:
        where = locate or (lambda loc: position(file, loc, within=at))
        errors = [DataError(*where(tuple(err["loc"])), *_describe(err)) for err in exc.errors()]
        raise DataErrors(errors) from None
    set_source = getattr(obj, "set_source", None)
    if set_source is not None:
        set_source(file, at)
    return obj
