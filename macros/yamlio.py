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
from .errors import DataError, DataErrors, Invalid, Msg, display_path
from .parsecache import ParseCache

try:
    from yaml import CSafeLoader as _BaseLoader

    _LIBYAML = True
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _LIBYAML = False

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
                self.problems.append(DataError(*_mark(self.label, node),
                                               Msg(f"YAML-taggen {node.tag} støttes ikke", f"unsupported YAML tag {node.tag}"),
                                               Msg("enkle verdier: tekst, tall, true/false, datoer",
                                                   "plain values: text, numbers, true/false, dates")))
                return None
            return build(self.loader, node)
        key = id(node)
        if key in self.done:
            return self.done[key]
        if node.tag not in (_SEQ, _MAP):
            self.problems.append(DataError(*_mark(self.label, node),
                                           Msg(f"YAML-taggen {node.tag} støttes ikke", f"unsupported YAML tag {node.tag}"),
                                           Msg("en vanlig liste eller mapping (nøkkel: verdi)", "a plain list or mapping")))
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
                                               Msg("en flettenøkkel (<<) må vise til en mapping, eller en liste av dem",
                                                   "a merge key (<<) must name a mapping, or a list of mappings"),
                                               Msg("<<: *anker", "<<: *anchor")))
                return data
            pairs, merged, own = node.value[-count:] if count else [], node.value[: len(node.value) - count], {}
            for key_node, value_node in merged:
                k = self.key(key_node)
                if k is not None:
                    data[k] = self.value(value_node)
        for key_node, value_node in pairs:
            k = self.key(key_node)
            if k is None:
                self.problems.append(DataError(*_mark(self.label, key_node),
                                               Msg("en nøkkel må være et enkelt ord", "a key must be a plain word"),
                                               Msg("navn: verdi", "name: value")))
            elif k in own:
                first = next(n for n, _ in pairs if self.key(n) == k)
                line = first.start_mark.line + 1
                self.problems.append(DataError(*_mark(self.label, key_node),
                                               Msg(f"nøkkelen '{k}' står to ganger (første gang på linje {line})",
                                                   f"duplicate key '{k}' (first at line {line})"),
                                               Msg("hver nøkkel én gang i hver mapping", "each key once per mapping")))
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
            raise DataErrors([DataError(*_mark(label, n),
                                        Msg("et alias viser til en liste eller mapping som inneholder det",
                                            "an alias refers to a list or mapping that contains it"),
                                        Msg("alias (*navn) bare til deler som er definert før og utenfor dem",
                                            "aliases (*name) only to parts defined before and outside them"))])
        open_.add(key)
        children = n.value if n.__class__ is SequenceNode else [c for pair in n.value for c in pair]
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                raise DataErrors([DataError(*_mark(label, n),
                                            Msg(f"YAML-aliasene gjør denne filen til mer enn {MAX_VALUES} verdier",
                                                f"YAML aliases expand this file to more than {MAX_VALUES} values"),
                                            Msg("en datafil uten dypt gjentatte alias (*navn)",
                                                "a data file without deeply repeated aliases (*name)"))])
        open_.discard(key)
        sizes[key] = total
        return total

    size(node)


_CONTENT = Msg("YAML-innhold, eller slett filen", "YAML content, or delete the file")

# What libyaml says about malformed YAML (its context and its problem), in Norwegian. A phrase not listed here
# (none that libyaml 0.2 writes) is shown as it is.
_YAML_NB = {
    "expected a single document in the stream": "filen skal ha ett dokument",
    "but found another document": "her begynner et til (etter ---)",
    "found undefined alias": "aliaset (*navn) viser til et anker (&navn) som ikke finnes",
    "found duplicate anchor; first occurrence": "ankeret (&navn) er definert før",
    "second occurrence": "her er det definert igjen",
    "mapping values are not allowed in this context": "kolon (nøkkel: verdi) er ikke tillatt her",
    "mapping keys are not allowed in this context": "en nøkkel er ikke tillatt her",
    "block sequence entries are not allowed in this context": "et listepunkt (- ) er ikke tillatt her",
    "found character that cannot start any token": "et tegn som ikke kan stå her (tabulator, @, ` eller %)",
    "did not find expected node content": "fant ikke verdien som skal stå her",
    "found unexpected end of stream": "filen slutter før verdien er avsluttet",
    "found unknown escape character": "ukjent tegn etter \\ (skriv \\\\ for en bakstrek, eller bruk enkle anførselstegn)",
    "found invalid Unicode character escape code": "ugyldig Unicode-kode etter \\",
    "did not find expected ',' or ']'": "fant ikke ',' eller ']'",
    "did not find expected ',' or '}'": "fant ikke ',' eller '}'",
    "did not find expected key": "fant ikke neste nøkkel (sjekk innrykket)",
    "could not find expected ':'": "fant ikke ':' etter nøkkelen",
    "did not find expected '-' indicator": "fant ikke '-' for neste listepunkt (sjekk innrykket)",
    "found a tab character that violates indentation": "tabulator i innrykket (bruk mellomrom)",
    "found a tab character where an indentation space is expected": "tabulator i innrykket (bruk mellomrom)",
    "did not find expected comment or line break": "fant ikke kommentar eller linjeskift",
    "did not find expected whitespace or line break": "fant ikke mellomrom eller linjeskift",
    "did not find expected whitespace": "fant ikke mellomrom",
    "did not find expected alphabetic or numeric character": "fant ikke bokstav eller tall",
    "found unexpected ':'": "uventet ':'",
    "found unexpected document indicator": "uventet dokumentmarkør (--- eller ...)",
    "found an indentation indicator equal to 0": "innrykksangivelsen kan ikke være 0",
    "did not find expected <document start>": "fant ikke starten på dokumentet (---)",
    "found incompatible YAML document": "denne YAML-versjonen støttes ikke",
    "found undefined tag handle": "ukjent taggprefiks (!)",
    "did not find the expected '>'": "fant ikke '>'",
    "did not find expected '!'": "fant ikke '!'",
    "did not find expected tag URI": "fant ikke taggens URI",
    "did not find URI escaped octet": "ugyldig %-koding i taggen",
    "found unexpected non-alphabetical character": "uventet tegn (ikke en bokstav)",
    "while parsing a block mapping": "i en blokk med nøkkel: verdi",
    "while parsing a block collection": "i en blokk",
    "while parsing a block node": "i en blokk",
    "while parsing a flow mapping": "inne i { }",
    "while parsing a flow sequence": "inne i [ ]",
    "while parsing a flow node": "inne i [ ] eller { }",
    "while parsing a node": "i en verdi",
    "while parsing a quoted scalar": "i en tekst i anførselstegn",
    "while scanning a quoted scalar": "i en tekst i anførselstegn",
    "while scanning a plain scalar": "i en tekst",
    "while scanning a simple key": "i en nøkkel",
    "while scanning a block scalar": "i en tekstblokk (| eller >)",
    "while scanning an anchor": "i et anker (&navn)",
    "while scanning an alias": "i et alias (*navn)",
    "while scanning a tag": "i en tagg (!)",
    "while parsing a tag": "i en tagg (!)",
    "while scanning for the next token": "i teksten",
    "while increasing block level": "for dyp nesting",
    "while increasing flow level": "for dyp nesting",
}


def _yaml_nb(phrase: str) -> str:
    """libyaml's phrase in Norwegian; directives (%YAML, %TAG) are named by their own words."""
    if phrase in _YAML_NB:
        return _YAML_NB[phrase]
    if "directive" in phrase:
        return "i et direktiv (%)" if phrase.startswith("while") else "ukjent eller ugyldig direktiv (%)"
    return phrase


def _compose(text: str, label: str) -> tuple[_Loader, Node]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        loader.dispose()
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        parts = [p for p in (exc.context, exc.problem) if p]
        raise DataErrors([DataError(label, line, col,
                                    Msg("ugyldig YAML: " + ": ".join(_yaml_nb(p) for p in parts),
                                        "malformed YAML: " + " ".join(parts)),
                                    Msg("gyldig YAML (sjekk innrykk, kolon og anførselstegn)",
                                        "valid YAML (check indentation, colons and quotes)"))]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        loader.dispose()
        # libyaml counts bytes of the UTF-8 text; PyYAML's own reader counts characters
        before = text.encode()[: exc.position].decode(errors="ignore") if _LIBYAML else text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        raise DataErrors([DataError(label, line, col,
                                    Msg(f"ugyldig YAML: kontrolltegn er ikke tillatt (tegnet #x{char:04x})",
                                        f"malformed YAML: {exc.reason} (character #x{char:04x})"),
                                    Msg("tekst uten kontrolltegn", "text without control characters"))]) from None
    except yaml.YAMLError as exc:
        loader.dispose()
        raise DataErrors([DataError(label, 1, 1, Msg(f"ugyldig YAML ({type(exc).__name__})", f"malformed YAML: {exc}"),
                                    Msg("gyldig YAML", "valid YAML"))]) from None
    return loader, node


def _read(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataErrors([DataError(label, 0, 0, Msg(f"filen kan ikke leses: {exc.strerror}", f"cannot read file: {exc.strerror}"),
                                    Msg("en fil som kan leses", "a readable file"))]) from None


def _decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{raw[exc.start]:02x}"
        raise DataErrors([DataError(label, line, col, Msg(f"filen er ikke UTF-8 (byte {byte})", f"file is not UTF-8 (byte {byte})"),
                                    Msg("lagre filen som UTF-8", "save the file as UTF-8"))]) from None


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
        raise DataErrors([DataError(label, 1, 1, Msg("filen er tom", "file is empty"), _CONTENT)])
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
        raise DataErrors([DataError(label, *_mark(label, node)[1:],
                                    Msg("filen har ingen data (bare null)", "file holds no data (only null)"), _CONTENT)])
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


# pydantic's types of wrong value, as (what was given, what is expected), in both languages.
_TYPES = {"str": Msg("tekst", "text"), "int": Msg("heltall", "whole number"), "float": Msg("tall", "number"),
          "bool": Msg("true/false", "true/false"), "list": Msg("liste", "list"), "dict": Msg("mapping", "mapping"),
          "NoneType": Msg("tom verdi", "empty value"), "date": Msg("dato", "date")}
_MAPPING = Msg("en mapping (nøkkel: verdi)", "a mapping (key: value)")
_WHOLE = Msg("et heltall", "a whole number")
_BOOL = Msg("true eller false", "true or false")
_EXPECTED_TYPE = {
    "string_type": Msg("tekst", "text"), "int_type": _WHOLE, "int_parsing": _WHOLE, "int_from_float": _WHOLE,
    "bool_type": _BOOL, "bool_parsing": _BOOL, "float_type": Msg("et tall", "a number"),
    "float_parsing": Msg("et tall", "a number"), "list_type": Msg("en liste", "a list"), "dict_type": _MAPPING,
    "model_type": _MAPPING, "model_attributes_type": _MAPPING, "none_required": Msg("ingen verdi", "no value"),
}
# The ID-like patterns of the schema (model/base.py, model/releases.py), explained; any other pattern is shown.
_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": Msg("en ID: bokstaver (A–Z, a–z; ikke æ, ø, å), tall, '.', '_' og '-', uten mellomrom (f.eks. P-06)",
                                         "an ID: letters (A–Z, a–z), digits, '.', '_' and '-', no spaces (e.g. P-06)"),
    r"^[0-9]{1,2}(\.[0-9]{1,2}){0,4}$": Msg("et punktnummer, f.eks. 7.5.9.2", "a clause number, e.g. 7.5.9.2"),
    r"^[0-9]{1,2}(\.[0-9]{1,2}){0,3}(\([a-z]{1,2}\))?$": Msg("et krav i MDR vedlegg I, f.eks. 10.4.1 eller 23.2(p)",
                                                        "a requirement of MDR Annex I, e.g. 10.4.1 or 23.2(p)"),
    r"^[a-z]{1,2}$": Msg("én eller to små bokstaver, f.eks. m", "one or two small letters, e.g. m"),
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*\.md(#[A-Za-z0-9][A-Za-z0-9._-]*)?$": Msg(
        "en side i håndboken, f.eks. prosedyrer/P-01.md eller prrc.md#anker",
        "a page of the handbook, e.g. prosedyrer/P-01.md or prrc.md#anchor"),
    r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$": Msg("et versjonsnummer, f.eks. 2026.1 (bokstaver, tall, '.', '_' og '-')",
                                             "a version number, e.g. 2026.1 (letters, digits, '.', '_' and '-')"),
}


def _one_of(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in Norwegian: the values stay as they are."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head} eller {last}" if sep else expected


def _describe(err: dict[str, Any]) -> tuple[Msg, Msg]:
    """Turn one pydantic error into (what is wrong, what is expected), in both languages."""
    field = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-"))
    name = str(err["loc"][-1]) if err["loc"] else ""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    given = err.get("input")

    def at(nb: str, en: str) -> Msg:  # "field: what"
        return Msg(f"{field or 'verdi'}: {nb}", f"{field or 'value'}: {en}")

    if kind == "missing":
        return (Msg(f"mangler det påkrevde feltet '{name}'", f"missing required field '{name}'"),
                Msg(f"'{name}' i denne oppføringen", f"'{name}' in this entry"))
    if kind == "extra_forbidden":
        return (Msg(f"ukjent felt '{name}'", f"unknown field '{name}'"),
                Msg("bare feltene skjemaet definerer (se schema/)", "only the fields the schema defines (see schema/)"))
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return (at(f"{given!r} er ikke en tillatt verdi", f"{given!r} is not an allowed value"),
                Msg(f"en av {_one_of(expected)}", f"one of {expected}"))
    if kind.startswith(("date", "datetime")):
        return (at(f"{given!r} er ikke en gyldig dato", f"{given!r} is not a valid date"),
                Msg("en dato på formen ÅÅÅÅ-MM-DD", "a date as YYYY-MM-DD"))
    if kind in _EXPECTED_TYPE:
        shown = f"{str(given)[:40]!r}"
        what = _TYPES.get(type(given).__name__, Msg(type(given).__name__, type(given).__name__))
        return at(f"feil type ({what.nb}: {shown})", f"wrong type ({type(given).__name__}: {shown})"), _EXPECTED_TYPE[kind]
    if kind == "int_parsing_size":
        return at("tallet er for stort", "the number is too large"), _WHOLE
    if kind == "finite_number":
        return at(f"{given!r} er ikke et endelig tall", f"{given!r} is not a finite number"), Msg("et tall", "a number")
    bounds = {"greater_than_equal": ("ge", "minst", "at least"), "greater_than": ("gt", "mer enn", "more than"),
              "less_than_equal": ("le", "høyst", "at most"), "less_than": ("lt", "mindre enn", "less than")}
    if kind in bounds:
        key, nb, en = bounds[kind]
        too = Msg("for lite", "too small") if key in ("ge", "gt") else Msg("for stort", "too large")
        return at(f"{given!r} er {too.nb}", f"{given!r} is {too.en}"), Msg(f"{nb} {ctx.get(key)}", f"{en} {ctx.get(key)}")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return (at(f"{given!r} har ikke riktig form", f"{given!r} does not have the right form"),
                _PATTERNS.get(pattern, Msg(f"tekst som passer mønsteret {pattern}", f"text matching the pattern {pattern}")))
    if kind in ("string_too_long", "string_too_short"):
        long = kind == "string_too_long"
        limit = ctx.get("max_length" if long else "min_length")
        return (at(f"teksten er for {'lang' if long else 'kort'} ({len(str(given))} tegn)",
                   f"the text is too {'long' if long else 'short'} ({len(str(given))} characters)"),
                Msg(f"{'høyst' if long else 'minst'} {limit} tegn", f"{'at most' if long else 'at least'} {limit} characters"))
    if kind in ("too_short", "too_long"):
        short = kind == "too_short"
        limit, actual = ctx.get("min_length" if short else "max_length"), ctx.get("actual_length")
        return (at(f"for {'få' if short else 'mange'} oppføringer ({actual})", f"too {'few' if short else 'many'} entries ({actual})"),
                Msg(f"{'minst' if short else 'høyst'} {limit}", f"{'at least' if short else 'at most'} {limit}"))
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error")
        if isinstance(error, Invalid):
            return (Msg(f"{field}: ", f"{field}: ") + error.what if field else error.what), error.expected
        text = str(error if error is not None else err["msg"])
        return at(text, text), Msg("", "")  # a check not written with Invalid: it speaks English only
    return at(f"ugyldig verdi ({kind})", str(err["msg"])), Msg("", "")


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
