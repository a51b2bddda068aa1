"""Front matter: the YAML block at the top of an article, read within limits, each field checked on its own.

A broken block is reported at the line the editor has to fix and the text is kept; a field of the wrong type
(a list where text belongs) drops that field only; a date that is not a real one stays text, so only the date
is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import frontmatter
import yaml

from generator import yamlsafe
from generator.dates import parse_publication_date
from generator.diagnostics import Code, Diagnostic, Location
from generator.text import clean_inline

KNOWN_KEYS = {"title", "date", "source", "url", "author", "events", "slug"}
TEXT_KEYS = ("title", "source", "url", "author")
_YAML = frontmatter.YAMLHandler()
_FRONT_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


def yaml_lines(block: str, first_line: int) -> dict[tuple[Any, ...], int]:
    """File line of every mapping key and list item in a YAML block, by path: ('events', 0, 'claims', 1)."""
    try:
        root = yamlsafe.compose(block)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        out.setdefault(path, node.start_mark.line + first_line)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = (path + (k.value,)) if isinstance(k, yaml.ScalarNode) else None
                if key is not None:
                    out[key] = k.start_mark.line + first_line
                    walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    if root is not None:
        walk(root, ())
    return out


def front_block(text: str) -> str:
    end = _FRONT_END.search(text, 4) if text.startswith("---\n") else None
    return text[4: end.start()] if end else ""


def split_front_matter(text: str, rel: str) -> tuple[dict[str, Any], str, int, list[Diagnostic]]:
    """Return (metadata, body, first body line); a broken YAML block is reported and its body kept."""
    if not text.startswith("---\n"):
        return {}, text, 1, []
    end = _FRONT_END.search(text, 4)
    if end is None:
        return {}, text, 1, [Diagnostic(Location(rel, 1), "warning",
                                        "front matter starts with '---' but never ends; read as text",
                                        Code.FRONT_MATTER_UNCLOSED)]
    block = text[4: end.start()]
    body = text[end.end():].lstrip("\n")
    consumed = text[: len(text) - len(body)]
    body_line = consumed.count("\n") + 1
    try:
        yamlsafe.check_size(block, yamlsafe.MAX_FRONT_MATTER_CHARS)
        meta = _YAML.load(block, Loader=yamlsafe.SafeLoader)  # python-frontmatter's handler, with our limits
    except yaml.YAMLError as exc:
        line = yamlsafe.error_line(exc, 2)  # the block's first line is line 2 of the file
        message = yamlsafe.error_text(exc)
        limit = isinstance(exc, yamlsafe.YamlLimitError)
        what = "front matter over a limit" if limit else "malformed YAML front matter"
        return {}, body, body_line, [Diagnostic(Location(rel, line), "error",
                                                f"{what}: {message}; metadata ignored, text kept",
                                                Code.FRONT_MATTER_LIMIT if limit else Code.FRONT_MATTER_MALFORMED)]
    if meta is None and not block.strip():
        meta = {}
    if not isinstance(meta, dict):
        return {}, body, body_line, [Diagnostic(Location(rel, 2), "error",
                                                "front matter is not a mapping of keys to values; ignored",
                                                Code.FRONT_MATTER_NOT_MAPPING)]
    return {str(k): v for k, v in meta.items()}, body, body_line, []


def drop_invalid_fields(meta: dict[str, Any], text: str, rel: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    """A field of the wrong type is reported and dropped on its own; the rest of the front matter still counts."""
    diags = []
    kept = dict(meta)
    for key in TEXT_KEYS:
        value = kept.get(key)
        if isinstance(value, (list, dict, set, tuple, bytes)):
            diags.append(Diagnostic(Location(rel, key_line(text, key)), "warning",
                                    f"front-matter '{key}' must be text, not {type(value).__name__}; ignored",
                                    Code.FIELD_INVALID))
            del kept[key]
    return kept, diags


def key_line(text: str, key: str) -> int:
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: m.start()].count("\n") + 1 if m else 1


def date_from_meta(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_publication_date(str(value))


def opt_str(v: Any) -> str | None:
    return None if v in (None, "") else clean_inline(str(v))


def plain(v: Any) -> Any:
    """Front-matter values YAML turned into dates etc. become strings so they export as JSON."""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (set, frozenset)):
        return sorted((plain(x) for x in v), key=str)
    if isinstance(v, float) and v != v or v in (float("inf"), float("-inf")):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    return v


