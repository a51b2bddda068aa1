"""The claimant registry: which names in the articles are one claimant, and what its claims rows are called.

The shipped defaults live in `generator/actors.yml`; `actors:` in timeline.yml replaces entries of the same
name; editors extend both with `content/actors.yml` (or `actors.yaml`) beside the articles:

    # Canonical name: [names the articles use for it]
    Pakistan military: [military, army, Pakistan army, ISPR]
    Balochistan Liberation Army: [BLA spokesman]

The content file merges: a name already in the registry keeps its aliases and gains the new ones (the
editor's spelling becomes the row name); an alias (or a name) that belonged to another claimant moves to the
editor's one, and an alias that is another claimant's own name brings that whole claimant along. Names are
compared the way claims are matched (`claims.claimant_key`: without case, "the", "'s" or punctuation).
Every problem (malformed YAML, a list that is not a mapping, an alias that is not text, one alias under two
names) is a diagnostic at its line; the rest of the file still counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import yamlsafe
from generator.claims import claimant_key
from generator.config import DEFAULT_ACTORS, read_settings_text
from generator.diagnostics import Code
from generator.inputs.files import ACTOR_FILES, display_path, editor_file
from generator.models import Diagnostic, Location
from generator.text import clean_inline

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_KINDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
          "tag:yaml.org,2002:bool": "yes/no", _NULL: "empty", "tag:yaml.org,2002:timestamp": "a date"}


@dataclass
class ActorEntry:
    """One claimant of the editors' file, with the line of its name and of each alias."""

    name: str
    line: int
    aliases: list[tuple[str, int]] = field(default_factory=list)


def read_actors(content_dir: Path, base: Mapping[str, Sequence[str]] | None = None,
                max_bytes: int = 2_000_000, symlinks: str = "skip") -> tuple[dict[str, list[str]], list[Diagnostic]]:
    """The registry for this build: `base` (the defaults) merged with content/actors.yml, in matching order."""
    base = DEFAULT_ACTORS if base is None else base
    path = editor_file(content_dir, ACTOR_FILES, symlinks)
    if path is None:
        return order_actors(base), []
    rel = display_path(path, content_dir)
    text, diags = read_settings_text(path, rel, "actors file", Code.ACTORS_UNREADABLE,
                                     min(max_bytes, yamlsafe.MAX_FILE_CHARS))
    if text is None:
        return order_actors(base), diags
    entries, parse_diags = parse_actors(text, rel)
    diags += parse_diags
    if entries is None:
        return order_actors(base), diags
    merged, merge_diags = merge_actors(base, entries, rel)
    return merged, sorted(diags + merge_diags, key=lambda d: (d.location.line, d.level, d.message))


def parse_actors(text: str, rel: str) -> tuple[list[ActorEntry] | None, list[Diagnostic]]:
    """Actors file text -> its entries (None when nothing can be used); pure, so the tests can feed it anything."""
    try:
        root = yamlsafe.compose(text)
    except yaml.YAMLError as exc:
        return None, [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                                 f"malformed actors file: {yamlsafe.error_text(exc)}; only the default "
                                 "claimants are used", Code.ACTORS_UNREADABLE)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL):
        return None, [Diagnostic(Location(rel, 1), "info", "actors file names no claimants; the defaults are used",
                                 Code.ACTORS_SUMMARY)]
    if not isinstance(root, yaml.MappingNode):
        return None, [Diagnostic(Location(rel, root.start_mark.line + 1), "error",
                                 "the actors file must be a mapping of claimant names to lists of aliases "
                                 "(Canonical name: [alias, alias]); only the default claimants are used",
                                 Code.ACTORS_UNREADABLE)]
    entries: dict[str, ActorEntry] = {}  # by matching key
    owner: dict[str, tuple[str, int]] = {}  # matching key of every name and alias -> (claimant key, line)
    diags: list[Diagnostic] = []

    def warn(line: int, message: str) -> None:
        diags.append(Diagnostic(Location(rel, line), "warning", message, Code.ACTORS_INVALID))

    for knode, vnode in root.value:
        line = knode.start_mark.line + 1
        named = _words(knode, "claimant name", None, warn)
        if named is None:
            continue
        name, key = named
        items = _alias_nodes(vnode)
        if items is None:
            warn(vnode.start_mark.line + 1, f"the aliases of '{name}' must be a list ([alias, alias]), not "
                                            f"{_describe(vnode)}; entry ignored")
            continue
        if key in owner and owner[key][0] != key:
            other, at = owner[key]
            warn(line, f"'{name}' is already an alias of '{entries[other].name}' (line {at}); entry ignored")
            continue
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = ActorEntry(name, line)
            owner[key] = (key, line)
        else:
            warn(line, f"claimant '{name}' is listed twice (first at line {entry.line}); the aliases are merged")
        for item in items:
            aline = item.start_mark.line + 1
            aliased = _words(item, "alias", name, warn)
            if aliased is None:
                continue
            alias, akey = aliased
            if akey in owner and owner[akey][0] != key:
                other, at = owner[akey]
                warn(aline, f"alias '{alias}' is claimed by both '{entries[other].name}' (line {at}) and "
                            f"'{name}'; kept for '{entries[other].name}'")
                continue
            if akey not in owner:
                owner[akey] = (key, aline)
                entry.aliases.append((alias, aline))
    return list(entries.values()), diags


def merge_actors(base: Mapping[str, Sequence[str]], entries: list[ActorEntry],
                 rel: str) -> tuple[dict[str, list[str]], list[Diagnostic]]:
    """Defaults + the editors' entries: names and aliases move to the editors' claimant; in matching order."""
    merged: dict[str, list[str]] = {name: list(aliases) for name, aliases in base.items()}
    diags: list[Diagnostic] = []
    new = extended = 0
    for e in entries:
        key = claimant_key(e.name)
        same = next((c for c in merged if claimant_key(c) == key), None)
        if same is None:
            merged[e.name] = []
            new += 1
        else:
            extended += 1
            if same != e.name:  # the editor's spelling names the row; the entry keeps its place
                merged = {(e.name if c == same else c): v for c, v in merged.items()}
        target = merged[e.name]
        for alias, line in [(e.name, e.line), *e.aliases]:
            akey = claimant_key(alias)
            is_name = alias == e.name
            if not is_name and (akey == key or any(claimant_key(a) == akey for a in target)):
                continue
            whole = next((c for c in merged if c != e.name and claimant_key(c) == akey), None)
            if whole is not None:  # another claimant's own name: that claimant joins this one
                target.extend(a for a in [whole, *merged.pop(whole)] if a not in target)
                diags.append(Diagnostic(Location(rel, line), "info", f"'{whole}' and its aliases now count as "
                                                                     f"'{e.name}'", Code.ACTORS_CHANGED))
                continue
            for other, aliases in merged.items():  # the editor's word wins over the defaults'
                if other != e.name and any(claimant_key(a) == akey for a in aliases):
                    aliases[:] = [a for a in aliases if claimant_key(a) != akey]
                    diags.append(Diagnostic(Location(rel, line), "info", f"'{alias}' now names '{e.name}' "
                                                                         f"instead of '{other}'", Code.ACTORS_CHANGED))
            if not is_name:
                target.append(alias)
    n = f"{len(entries)} claimant" + ("" if len(entries) == 1 else "s")
    diags.append(Diagnostic(Location(rel, 1), "info", f"actors file: {n} ({new} new, {extended} extending the "
                                                      "defaults)", Code.ACTORS_SUMMARY))
    return order_actors(merged), diags


def order_actors(actors: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The registry in the order matching needs, so that a name an entry lists in full beats a shorter alias.

    claims.match_actor takes the first entry, and the first alias, that the name equals or ends with ("Pakistan
    army" ends with "army"). So longer aliases go first within an entry, and an entry one of whose names ends
    with another entry's alias goes before it: "Balochistan Liberation Army" before the "army" of Military.
    Otherwise the order given is kept.
    """
    entries = {name: sorted(dict.fromkeys(aliases), key=lambda a: -len(claimant_key(a).split()))
               for name, aliases in actors.items()}
    keys = {name: {k for k in map(claimant_key, [name, *aliases]) if k} for name, aliases in entries.items()}
    by_key: dict[str, set[str]] = {}
    for name, ks in keys.items():
        for k in ks:
            by_key.setdefault(k, set()).add(name)
    before: dict[str, set[str]] = {name: set() for name in entries}  # entries that must come before this one
    for name, ks in keys.items():
        for k in ks:
            words = k.split()
            for i in range(1, len(words)):
                for other in by_key.get(" ".join(words[i:]), ()):
                    if other != name:
                        before[other].add(name)
    order: list[str] = []
    left = dict.fromkeys(entries)  # ordered set
    while left:  # stable topological order; a cycle falls back to the order given
        ready = next((n for n in left if before[n].isdisjoint(left)), next(iter(left)))
        order.append(ready)
        del left[ready]
    return {name: entries[name] for name in order}


def _words(node: yaml.Node, kind: str, of: str | None,
           warn: Callable[[int, str], None]) -> tuple[str, str] | None:
    """(text, matching key) of a name or an alias; a warning at its line, and None, when it cannot be one."""
    line, where = node.start_mark.line + 1, f" of '{of}'" if of else ""
    if not (isinstance(node, yaml.ScalarNode) and node.tag == _STR):
        warn(line, f"{kind}{where} must be text, not {_describe(node)}; ignored")
        return None
    text = clean_inline(node.value)
    key = claimant_key(text)
    if not key:
        warn(line, f"{kind} '{text}'{where} has no words to match; ignored")
        return None
    return text, key


def _alias_nodes(node: yaml.Node) -> list[yaml.Node] | None:
    """The alias nodes under a name: a list, one bare string, or nothing at all; None for anything else."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return []
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:  # "BLA: BLA spokesman, BLA commander"
        parts = [part for part in node.value.split(",") if part.strip()]
        return [yaml.ScalarNode(_STR, part, node.start_mark, node.end_mark) for part in parts]
    return None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = _KINDS.get(node.tag, "a value of another type")
    return kind if node.tag == _NULL else f"{kind} ({clean_inline(str(node.value))[:40]})"
