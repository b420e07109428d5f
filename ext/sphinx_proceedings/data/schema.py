"""JSON Schemas of the data files, generated from the model, for editors and docs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from sphinx_proceedings.data.model import Contribution, Event, Person, Schedule, Series

SCHEMA_FILES: dict[str, Any] = {
    "event": Event,
    "people": list[Person],
    "schedule": Schedule,
    "contributions": list[Contribution],
    "series": Series,
}


def schema_for(name: str) -> dict[str, Any]:
    target = SCHEMA_FILES[name]
    schema = (
        target.model_json_schema()
        if isinstance(target, type) and issubclass(target, BaseModel)
        else TypeAdapter(target).json_schema()
    )
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": f"sphinx-proceedings {name}.yaml",
        **schema,
    }
    return schema


def write_schemas(out: Path) -> list[Path]:
    """Write one ``<name>.schema.json`` per data file; unchanged files are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        path = out / f"{name}.schema.json"
        text = json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
