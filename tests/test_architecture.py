"""The generator's layers: data flows one way, and rendering reads no files.

model -> loading (and the audience filter, derived facts and page URLs) -> rules -> render -> MkDocs glue and
the command line. A module imports its own layer or lower ones, never a higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "macros"
LAYERS = [
    {"errors", "files", "yamlio", "parsecache"},
    {"model", "catalogue", "registry"},
    {"load", "validate", "audience", "derive"},
    {"rules"},
    {"render"},
    {"plugin", "commands"},
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def part(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported(path: Path) -> set[str]:
    """The package's top-level parts this module imports (relative imports resolved)."""
    here = path.relative_to(PACKAGE).parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [target[0]] if target else [alias.name for alias in node.names]
            out.update(n for n in names if n in LAYER)
    return out


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {part(p) for p in MODULES} <= set(LAYER), {part(p) for p in MODULES} - set(LAYER)


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_imports_point_down(path: Path) -> None:
    mine = LAYER[part(path)]
    upward = sorted(name for name in imported(path) if LAYER[name] > mine)
    assert not upward, f"{path.relative_to(PACKAGE)} (layer {mine}) imports {upward} from above"


FILE_IO = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "mkdir"}


@pytest.mark.parametrize("layer", ["render", "rules", "derive"])
def test_no_file_io_in_rules_derived_facts_or_rendering(layer: str) -> None:
    """Pages and findings are pure functions of the model: testable without MkDocs, a disk or a clock."""
    calls = []
    for path in sorted((PACKAGE / layer).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in FILE_IO or name == "today":
                    calls.append(f"{path.name}:{node.lineno} {name}()")
    assert not calls, calls
