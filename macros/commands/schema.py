"""JSON Schemas for the data files, so editors (yaml-language-server) complete and underline fields."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..registry import KINDS

SCHEMAS: dict[str, type[BaseModel]] = {kind.schema: kind.model for kind in KINDS}
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"  # shipped with the package


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": name, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path = SCHEMA_DIR) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(schema_text(model, name), encoding="utf-8")
        written.append(path)
    return written
