"""Project settings: defaults, overridable by an optional `timeline.yml` beside `mkdocs.yml`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.models import Diagnostic, Location

DEFAULT_FURNITURE = (
    "leave a comment", "leave a reply", "share this", "share this article", "share this story",
    "share on facebook", "share on twitter", "share on whatsapp", "related posts", "related articles",
    "related stories", "related", "read more", "read next", "advertisement", "story continues below",
    "subscribe", "subscribe to our newsletter", "sign up for our newsletter", "follow us", "comments",
    "print", "email", "tweet", "like this:", "loading...", "click here to read more", "back to top",
    "you may also like", "recommended", "more from this section", "topics",
)

DEFAULT_LEAD_INS = (
    "let's dive into the details:", "let’s dive into the details:", "here's what we know:",
    "here’s what we know:", "here is what we know:", "here are the details:", "read on for details:",
    "breaking:", "breaking news:", "update:", "watch:",
)


def _default_actors() -> dict[str, list[str]]:
    data = yaml.safe_load((Path(__file__).parent / "actors.yml").read_text(encoding="utf-8")) or {}
    return {str(k): [str(a) for a in v] for k, v in data.items()}


DEFAULT_ACTORS = _default_actors()


@dataclass
class CategoryRule:
    """An editor-defined category: an outcome (killed, injured, ...) applied to some group words."""

    name: str
    outcome: str
    words: list[str]


@dataclass
class Config:
    """Settings every stage reads; built once per run."""

    title: str = "Event timeline"
    description: str = "A dated timeline of what was reported, and a table of who claims which figures."
    furniture: tuple[str, ...] = DEFAULT_FURNITURE
    lead_ins: tuple[str, ...] = DEFAULT_LEAD_INS
    categories: list[CategoryRule] = field(default_factory=list)
    actors: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_ACTORS))
    max_file_bytes: int = 2_000_000
    # Publication dates after this day are flagged; None means the day of the run. Only diagnostics use it,
    # so the pages stay the same whatever day they are built on.
    today: dt.date | None = None


def load_config(path: Path | None) -> tuple[Config, list[Diagnostic]]:
    """Read `timeline.yml` if it exists; unknown or malformed settings become diagnostics, not crashes."""
    cfg = Config()
    diags: list[Diagnostic] = []
    if path is None or not path.exists():
        return cfg, diags
    loc = Location(str(path), 1)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return cfg, [Diagnostic(Location(str(path), line), "error", f"cannot read settings: {exc}")]
    if not isinstance(data, dict):
        return cfg, [Diagnostic(loc, "error", "settings must be a mapping of keys to values")]
    for key, value in data.items():
        if key == "furniture" and isinstance(value, list):
            cfg.furniture = cfg.furniture + tuple(str(v).strip().lower() for v in value)
        elif key == "lead_ins" and isinstance(value, list):
            cfg.lead_ins = cfg.lead_ins + tuple(str(v).strip().lower() for v in value)
        elif key == "categories" and isinstance(value, list):
            cfg.categories.extend(_category_rules(value, loc, diags))
        elif key == "actors" and isinstance(value, dict):
            cfg.actors = {**cfg.actors, **_actor_entries(value, loc, diags)}
        elif key == "max_file_bytes" and isinstance(value, int):
            cfg.max_file_bytes = value
        else:
            diags.append(Diagnostic(loc, "warning", f"unknown or malformed setting '{key}' ignored"))
    return cfg, diags


def _actor_entries(value: dict[Any, Any], loc: Location, diags: list[Diagnostic]) -> dict[str, list[str]]:
    """`actors:` in timeline.yml: each entry replaces the default of the same name (content/actors.yml merges)."""
    out: dict[str, list[str]] = {}
    for name, aliases in value.items():
        if isinstance(aliases, str):
            aliases = aliases.split(",")
        if not isinstance(name, str) or not isinstance(aliases, list | type(None)):
            diags.append(Diagnostic(loc, "warning", f"actor {name!r} needs a list of aliases, got {aliases!r}; "
                                                    "ignored"))
            continue
        out[name.strip()] = [str(a).strip() for a in aliases or [] if isinstance(a, str) and a.strip()]
    return out


def _category_rules(items: list[Any], loc: Location, diags: list[Diagnostic]) -> list[CategoryRule]:
    rules = []
    for item in items:
        if isinstance(item, dict) and item.get("name") and item.get("outcome") and item.get("words"):
            rules.append(CategoryRule(str(item["name"]), str(item["outcome"]), [str(w) for w in item["words"]]))
        else:
            diags.append(Diagnostic(loc, "warning", f"category rule needs name, outcome and words: {item!r}"))
    return rules
