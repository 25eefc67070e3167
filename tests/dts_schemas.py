"""The DTS 1.0 JSON Schemas in tests/schemas/dts (written from the specification)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

DIRECTORY = Path(__file__).parent / "schemas" / "dts"
BASE = "https://teikit.invalid/schemas/dts/"


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """A validator for ``entry``, ``collection`` or ``navigation`` responses."""
    resources = [(BASE + p.name, Resource.from_contents(json.loads(p.read_text("utf-8"))))
                 for p in DIRECTORY.glob("*.json")]
    registry = Registry().with_resources(resources)
    schema = json.loads((DIRECTORY / f"{name}.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def assert_matches(name: str, data: dict) -> dict:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data
