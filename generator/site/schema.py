"""The JSON Schema (draft 2020-12) of data/timeline.json, shipped beside it as data/timeline.schema.json.

Written as Python data so that it ships with the package like the code that makes the export
(generator/site/export.py), and kept strict: every object lists all its keys, each one required (the export always
writes every key, null when unknown) and no other (additionalProperties false), so a key added to the export
without the schema, or a value of another type, fails tests/test_exports.py. Only an article's `extra` (the
front-matter keys the tool does not use) is free-form.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "timeline.schema.json"
DAY = r"^\d{4}-\d{2}-\d{2}$"
# A publication date: a day, or a day and wall-clock time as printed (no zone).
PUBLISHED = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$"

STR: dict[str, Any] = {"type": "string"}
INT: dict[str, Any] = {"type": "integer"}
BOOL: dict[str, Any] = {"type": "boolean"}


def _null(schema: dict[str, Any]) -> dict[str, Any]:
    """The same value, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _obj(**props: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these keys."""
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def _claim() -> dict[str, Any]:
    return _obj(
        id=STR, row=STR, article=STR, category=STR, quantity=_null(INT), lower=_null(INT), upper=_null(INT),
        figure=STR, vague=BOOL, bounds=_null({"type": "array", "prefixItems": [INT, INT], "items": False,
                                              "minItems": 2}),
        qualifier=_null(STR), claimant=_null(STR), spokesperson=_null(STR), scope=_null(STR),
        status={"enum": ["single", "corroborated", "contested", "revised"]},
        spread=_null(STR), spread_min=_null(INT), spread_max=_null(INT), why=_null(STR), part=_null(STR),
        revised_to=_null(STR), history=_list(_null(INT)), earlier=_null(INT), curated=BOOL, sources=_list(STR),
        quote=STR, line=INT, stated_on=_null({"type": "string", "pattern": DAY}),
        review=_null({"enum": ["confirmed", "corrected"]}))


def _article() -> dict[str, Any]:
    rejected = _obj(id=STR, category=STR, figure=STR, claimant=_null(STR), quote=STR, line=INT, note=_null(STR))
    return _obj(
        id=STR, path=STR, title=STR, published=_null({"type": "string", "pattern": PUBLISHED}), date_origin=STR,
        published_inferred=_null({"type": "string", "pattern": DAY}), inferred_from=_list(STR),
        inferred_day=_null({"type": "string", "pattern": DAY}), source=_null(STR), url=_null(STR),
        author=_null(STR), claims=INT, mentions=INT, extra={"type": "object"}, rejected=_list(rejected))


def _event() -> dict[str, Any]:
    subevent = _obj(title=STR, rows=_list(STR), sentences=_list(_obj(article=STR, text=STR)))
    return _obj(
        id=STR, title=STR, start=_null(STR), end=_null(STR), precision=STR, background=BOOL, incident=STR,
        curated=BOOL, articles=_list(STR), claims=_list({"$ref": "#/$defs/claim"}),
        vague_claims=_list({"$ref": "#/$defs/claim"}), subevents=_list(subevent))


def _incident() -> dict[str, Any]:
    line = _obj(claimant=_null(STR), quantity=_null(INT), upper=_null(INT), qualifier=_null(STR), status=STR,
                stated_on=_null(STR), event=STR, row=STR, sources=_list(STR), history=_list(_null(INT)))
    point = _obj(day=STR, quantity=INT, claimant=_null(STR))
    summary = _obj(category=STR, why=_null(STR), claimants=_list(line), points=_list(point))
    return _obj(id=STR, title=STR, start=_null(STR), end=_null(STR), place=_null(STR), kind=_null(STR),
                events=_list(STR), articles=_list(STR), summary=_list(summary))


def timeline_schema() -> dict[str, Any]:
    """The schema as data."""
    mention = _obj(article=STR, text=STR, start=INT, end=INT, type=STR, value=_null(STR), end_value=_null(STR),
                   precision=_null(STR), mod=_null(STR), line=INT)
    diagnostic = _obj(path=STR, line=INT, level={"enum": ["error", "warning", "info"]}, message=STR)
    top = _obj(schema_version={"const": 1}, generator=STR, title=STR, articles=_list({"$ref": "#/$defs/article"}),
               events=_list({"$ref": "#/$defs/event"}), incidents=_list({"$ref": "#/$defs/incident"}),
               mentions=_list(mention), diagnostics=_list(diagnostic))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "timeline.json: the timeline, its events, claims and incidents",
            **top, "$defs": {"article": _article(), "event": _event(), "claim": _claim(), "incident": _incident()}}


def schema_json() -> str:
    """The schema as the site ships it: stable bytes."""
    return json.dumps(timeline_schema(), indent=1, sort_keys=False) + "\n"
