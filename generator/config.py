"""Project settings: defaults, overridable by an optional `timeline.yml` beside `mkdocs.yml`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator import rules, yamlsafe
from generator.diagnostics import Code
from generator.models import Diagnostic, Location

# Page furniture and boilerplate lead-ins: generator/rules/furniture.yml (editors add more in timeline.yml).
DEFAULT_FURNITURE = rules.rule("furniture", "furniture").words
DEFAULT_LEAD_INS = rules.rule("furniture", "lead_ins").words


def _default_actors() -> dict[str, list[str]]:
    data = yamlsafe.construct(yamlsafe.compose_own((Path(__file__).parent / "actors.yml").read_text(encoding="utf-8")))
    data = data or {}
    return {str(k): [str(a) for a in v] for k, v in data.items()}


DEFAULT_ACTORS = _default_actors()


@dataclass
class CategoryRule:
    """An editor-defined category: an outcome (killed, injured, ...) applied to some group words."""

    name: str
    outcome: str
    words: list[str]


@dataclass(frozen=True)
class IncidentSettings:
    """How articles cluster into incidents (timeline.yml `incidents:`); the defaults were measured on the dev sets
    (README: "How events and statuses are made")."""

    # Articles published this many days apart join on shared names alone (weighted Dice of their names).
    window_days: int = 7
    # Up to this many days apart they join only on stronger links: a day both name, or closer names and topic, so
    # the incident follows a story for weeks as long as its articles keep sharing places, actors and figures.
    story_days: int = 75
    name_overlap: float = 0.3  # the names overlap that joins two articles of the window by itself
    topic_similarity: float = 0.2  # cosine of content words: a flood report and a raid report never join
    # A running toll reported this many days after the happening, by an article that names no day of its own, is
    # filed under the happening, not under the day it was reported.
    follow_days: int = 2


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
    # Editors' outcome words (timeline.yml `outcomes:`), added to those of generator/rules/outcomes.yml:
    # {"killed": ("slaughtered",), "missing": ("lost at sea",)}
    outcome_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Symbolic links in the content folder: "skip" (reported, never followed) or "inside" (followed when the
    # link and everything under it stay inside the content folder).
    symlinks: str = "skip"
    # Publication dates after this day are flagged; None means the day of the run. Only diagnostics use it,
    # so the pages stay the same whatever day they are built on.
    today: dt.date | None = None
    # Where each article's extraction is cached (generator/cache.py): None, the default, caches nothing. A build
    # of a project sets it to .cache/ beside mkdocs.yml (TIMELINE_CACHE=off or a folder of your own overrides).
    cache_dir: Path | None = None
    incidents: IncidentSettings = field(default_factory=IncidentSettings)


OUTCOMES = ("killed", "injured", "freed", "hostage", "rescued", "missing", "displaced", "recovered", "arrested",
            "attending", "aboard", "any")
SYMLINK_POLICIES = ("skip", "inside")
MAX_FILE_BYTES_LIMIT = 50_000_000  # a limit meant to keep a build small cannot be lifted to anything


# --- timeline.yml: a declarative schema, checked node by node so that every mistake has its line ---------

Warn = Callable[[yaml.Node, str], None]


def _text(node: yaml.Node, what: str, warn: Warn) -> str | None:
    """A scalar as text (numbers are fine: a furniture line may be '2024'); anything else is reported."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        text = " ".join(str(node.value).split())
        if text:
            return text
    warn(node, f"{what} must be text, not {_kind(node)}; ignored")
    return None


def _texts(node: yaml.Node, what: str, warn: Warn, comma_list: bool = False) -> list[str] | None:
    """A list of text items; each item that is not text is reported and left out."""
    if comma_list and isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return [p.strip() for p in node.value.split(",") if p.strip()]
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(node, yaml.SequenceNode):
        warn(node, f"{what} must be a list ([a, b]), not {_kind(node)}; ignored")
        return None
    return [t for item in node.value if (t := _text(item, f"an item of {what}", warn)) is not None]


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kinds = {"int": "a number", "float": "a number", "bool": "yes/no", "null": "empty", "timestamp": "a date"}
    return kinds.get(node.tag.rsplit(":", 1)[-1], f"'{node.value}'")


def _set_furniture(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    items = _texts(node, "furniture", warn)
    if items is not None:
        cfg.furniture = cfg.furniture + tuple(t.lower() for t in items)


def _set_lead_ins(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    items = _texts(node, "lead_ins", warn)
    if items is not None:
        cfg.lead_ins = cfg.lead_ins + tuple(t.lower() for t in items)


def _set_actors(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    """`actors:` in timeline.yml: each entry replaces the default of the same name (content/actors.yml merges)."""
    if not isinstance(node, yaml.MappingNode):
        warn(node, f"actors must be a mapping of claimant names to lists of aliases, not {_kind(node)}; ignored")
        return
    out: dict[str, list[str]] = {}
    for knode, vnode in node.value:
        name = _text(knode, "a claimant name", warn)
        if name is None:
            continue
        aliases = _texts(vnode, f"the aliases of actor '{name}'", warn, comma_list=True)
        if aliases is not None:
            out[name] = aliases
    cfg.actors = {**cfg.actors, **out}


def _set_categories(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    if not isinstance(node, yaml.SequenceNode):
        warn(node, f"categories must be a list of {{name, outcome, words}}, not {_kind(node)}; ignored")
        return
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            warn(item, f"a category rule must be a mapping with name, outcome and words, not {_kind(item)}; ignored")
            continue
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        missing = [k for k in ("name", "outcome", "words") if k not in fields]
        if missing:
            warn(item, f"category rule needs name, outcome and words (missing: {', '.join(missing)}); ignored")
            continue
        for extra in sorted(set(fields) - {"name", "outcome", "words"}):
            warn(fields[extra], f"unknown key '{extra}' in a category rule; ignored")
        name = _text(fields["name"], "a category name", warn)
        outcome = _text(fields["outcome"], "a category outcome", warn)
        words = _texts(fields["words"], "the words of a category", warn)
        if outcome is not None and outcome.lower() not in OUTCOMES:
            warn(fields["outcome"], f"unknown outcome '{outcome}' (use one of {', '.join(OUTCOMES)}); rule ignored")
            continue
        if name and outcome and words:
            cfg.categories.append(CategoryRule(name, outcome.lower(), [w.lower() for w in words]))


def _set_outcomes(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    """`outcomes:` adds words to an outcome: {killed: [slaughtered], missing: [lost at sea]}."""
    if not isinstance(node, yaml.MappingNode):
        warn(node, f"outcomes must be a mapping of outcomes to lists of words, not {_kind(node)}; ignored")
        return
    for knode, vnode in node.value:
        outcome = _text(knode, "an outcome", warn)
        if outcome is None:
            continue
        if outcome.lower() not in OUTCOMES or outcome.lower() == "any":
            warn(knode, f"unknown outcome '{outcome}' (use one of {', '.join(OUTCOMES[:-1])}); ignored")
            continue
        words = _texts(vnode, f"the words of outcome '{outcome}'", warn, comma_list=True)
        if words:
            key = outcome.lower()
            cfg.outcome_words = {**cfg.outcome_words,
                                 key: cfg.outcome_words.get(key, ()) + tuple(w.lower() for w in words)}


def _set_max_file_bytes(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    value = yamlsafe.construct(node)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FILE_BYTES_LIMIT:
        warn(node, f"max_file_bytes must be a whole number from 1 to {MAX_FILE_BYTES_LIMIT:,}, not {_kind(node)}; "
                   f"the default {cfg.max_file_bytes:,} is used")
        return
    cfg.max_file_bytes = value


def _set_symlinks(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    value = _text(node, "symlinks", warn)
    if value is not None and value.lower() not in SYMLINK_POLICIES:
        warn(node, f"symlinks must be one of {', '.join(SYMLINK_POLICIES)}, not '{value}'; 'skip' is used")
    elif value is not None:
        cfg.symlinks = value.lower()


_INCIDENT_LIMITS: dict[str, tuple[type, float, float]] = {
    "window_days": (int, 0, 366), "story_days": (int, 0, 3660), "follow_days": (int, 0, 366),
    "name_overlap": (float, 0.0, 1.0), "topic_similarity": (float, 0.0, 1.0)}


def _set_incidents(cfg: Config, node: yaml.Node, warn: Warn) -> None:
    """`incidents:` in timeline.yml: a mapping of IncidentSettings fields; a wrong key or value keeps the default."""
    if not isinstance(node, yaml.MappingNode):
        warn(node, f"incidents must be a mapping (window_days: 7), not {_kind(node)}; the defaults are used")
        return
    values: dict[str, Any] = {}
    for knode, vnode in node.value:
        key = str(knode.value)
        if key not in _INCIDENT_LIMITS:
            warn(knode, f"unknown incidents setting '{key}' (known: {', '.join(_INCIDENT_LIMITS)}); ignored")
            continue
        kind, low, high = _INCIDENT_LIMITS[key]
        value = yamlsafe.construct(vnode)
        ok = not isinstance(value, bool) and isinstance(value, (int, float)) and low <= value <= high \
            and (kind is float or isinstance(value, int))
        if not ok:
            warn(vnode, f"incidents {key} must be a {'whole number' if kind is int else 'number'} from {low:g} to "
                        f"{high:g}, not {_kind(vnode)}; the default {getattr(cfg.incidents, key):g} is used")
            continue
        values[key] = kind(value)
    cfg.incidents = replace(cfg.incidents, **values)


# Every setting timeline.yml may hold: its reader and what it is for (README: "Categories, claimants and settings").
SETTINGS: dict[str, tuple[Callable[[Config, yaml.Node, Warn], None], str]] = {
    "furniture": (_set_furniture, "more page-furniture lines to drop"),
    "lead_ins": (_set_lead_ins, "more boilerplate openings to drop"),
    "actors": (_set_actors, "claimant names and their aliases; an entry replaces the default of its name"),
    "categories": (_set_categories, "extra categories: an outcome applied to words"),
    "outcomes": (_set_outcomes, "more words for an outcome (killed: [slaughtered])"),
    "max_file_bytes": (_set_max_file_bytes, "larger article files are reported and skipped"),
    "incidents": (_set_incidents, "how articles cluster into incidents: window_days, story_days, name_overlap, "
                                  "topic_similarity, follow_days"),
    "symlinks": (_set_symlinks, "skip (default) or inside: follow links that stay inside the content folder"),
}


def load_config(path: Path | None, shown: str | None = None) -> tuple[Config, list[Diagnostic]]:
    """Read `timeline.yml` if it exists; every mistake is a diagnostic at its line, never a traceback.

    `shown` is how the file is named in diagnostics (default: its name).
    """
    cfg = Config()
    if path is None or not path.exists():
        return cfg, []
    rel = shown or path.name
    text, diags = read_settings_text(path, rel, "settings file", Code.SETTINGS_UNREADABLE)
    if text is None:
        return cfg, diags
    try:
        root = yamlsafe.compose(text)
    except yaml.YAMLError as exc:
        return cfg, diags + [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                                        f"cannot read settings: {yamlsafe.error_text(exc)}; the defaults are used",
                                        Code.SETTINGS_UNREADABLE)]

    def warn(node: yaml.Node, message: str) -> None:
        diags.append(Diagnostic(Location(rel, node.start_mark.line + 1), "warning", message, Code.SETTINGS_INVALID))

    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        return cfg, diags
    if not isinstance(root, yaml.MappingNode):
        return cfg, diags + [Diagnostic(Location(rel, root.start_mark.line + 1), "error",
                                        "settings must be a mapping of keys to values; the defaults are used",
                                        Code.SETTINGS_UNREADABLE)]
    for knode, vnode in root.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else None
        if key not in SETTINGS:
            warn(knode, f"unknown setting {str(key)[:60]!r} ignored (known: {', '.join(SETTINGS)})")
            continue
        SETTINGS[key][0](cfg, vnode, warn)
    return cfg, diags


def read_settings_text(path: Path, rel: str, what: str, code: Code,
                       max_bytes: int = yamlsafe.MAX_FILE_CHARS) -> tuple[str | None, list[Diagnostic]]:
    """An editor's YAML file as text: size-limited, UTF-8 (bad bytes reported at their line and replaced),
    without BOM or CR; None when it cannot be read (the reason is the diagnostic)."""
    loc = Location(rel, 1)
    try:
        if not path.is_file():
            return None, [Diagnostic(loc, "error", f"the {what} is not a regular file; not read", code)]
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Diagnostic(loc, "error", f"the {what} is {size:,} bytes, over the limit of {max_bytes:,}; "
                                                   "not read", code)]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(loc, "error", f"cannot read the {what}: {exc.strerror or exc}", code)]
    diags = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8-sig", errors="replace")
        diags.append(Diagnostic(Location(rel, raw[: exc.start].count(b"\n") + 1), "warning",
                                f"the {what} is not valid UTF-8; the bad bytes were replaced with U+FFFD",
                                Code.FILE_ENCODING))
    return text.replace("\r\n", "\n").replace("\r", "\n"), diags
