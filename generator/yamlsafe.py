"""YAML from articles and editors, read within limits.

Every YAML the project reads (front matter, review.yml, actors.yml, timeline.yml) comes from people who may
paste anything, so it is read with the pure-Python parser (whose parser is not recursive, unlike libyaml's
composer, which crashes on 30,000 nested brackets) and these limits, each a `YamlLimitError` at its line (the
project's own files, the rules, are composed by libyaml: compose_own):

- size: at most `max_chars` characters;
- nesting: at most MAX_DEPTH levels of lists and mappings, counted after aliases are expanded;
- aliases: at most MAX_ALIASES uses of `*name`, and no alias inside the node it names (`&a [*a]`, a loop);
- expansion: aliases may not make the document more than EXPANSION times larger than its text
  (an "alias bomb" of 411 bytes otherwise expands to a 112 MB export).

Values YAML would type are read leniently: a timestamp that is not a real date (`2024-02-30`,
`2026-01-01 25:00`, a zone of +99:00) or an integer with thousands of digits stays the string written, so
the field that uses it can report it, instead of the whole block failing. Strings have surrogate escapes
("\\ud83d\\ude00") joined into the character they spell and lone halves replaced with U+FFFD.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from generator.text import fix_surrogates

MAX_DEPTH = 32
MAX_ALIASES = 64
EXPANSION = 10
MAX_FILE_CHARS = 1_000_000  # review.yml, actors.yml, timeline.yml
MAX_FRONT_MATTER_CHARS = 100_000


class YamlLimitError(yaml.MarkedYAMLError):
    """A limit of this module was breached; `problem_mark` is where."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _Bounded:
    """Mixin for a loader: count nesting and aliases while composing; check loops and expansion afterwards."""

    max_depth = MAX_DEPTH
    max_aliases = MAX_ALIASES

    def compose_node(self, parent: Any, index: Any) -> Any:
        loader: Any = self
        if loader.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > self.max_aliases:
                raise YamlLimitError(f"more than {self.max_aliases} aliases (*name); the limit keeps a few lines "
                                     "from expanding into gigabytes", loader.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        if loader.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            self._depth = getattr(self, "_depth", 0) + 1
            try:
                if self._depth > self.max_depth:
                    raise YamlLimitError(f"lists and mappings nested more than {self.max_depth} deep",
                                         loader.peek_event().start_mark)
                return super().compose_node(parent, index)  # type: ignore[misc]
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)  # type: ignore[misc]

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        if node is not None:
            _check_nodes(node, len(getattr(self, "buffer", "") or ""), self.max_depth)
        return node


# The tags of YAML's own types; anything else (!!python/object, !ENV, a custom !tag) is refused, even by the
# readers that only compose nodes and never construct them.
STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in (
    "str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary", "set", "omap", "pairs", "merge",
    "value"))


def _check_nodes(root: yaml.Node, text_len: int, max_depth: int) -> None:
    """Size, depth and tags of the document with every alias expanded; a loop is an error, not an endless walk."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_: set[int] = set()
    budget = EXPANSION * max(text_len, 1000)

    def walk(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in size:
            return size[key], depth[key]
        if key in open_:
            raise YamlLimitError("an alias is used inside the node it names (a loop)", node.start_mark)
        if node.tag not in STANDARD_TAGS:
            raise YamlLimitError(f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: only "
                                 "plain YAML values are read", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return 1 + len(node.value), 0
        open_.add(key)
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        total, deepest = 1, 0
        for child in children:
            s, d = walk(child)
            total += s
            deepest = max(deepest, d)
            if total > budget:
                raise YamlLimitError(f"aliases expand this YAML more than {EXPANSION} times its size",
                                     node.start_mark)
        if deepest + 1 > max_depth:
            raise YamlLimitError(f"lists and mappings nested more than {max_depth} deep once aliases are expanded",
                                 node.start_mark)
        open_.discard(key)
        size[key], depth[key] = total, deepest + 1
        return total, deepest + 1

    walk(root)


class SafeLoader(_Bounded, yaml.SafeLoader):
    """yaml.SafeLoader (the pure-Python one) with this module's limits and lenient typed values."""


class StringLoader(_Bounded, yaml.BaseLoader):
    """yaml.BaseLoader (every scalar a string) with this module's limits."""


def _timestamp(loader: SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text written when it is not a real one (2024-02-30, a zone of +99:00)."""
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _integer(loader: SafeLoader, node: yaml.ScalarNode) -> Any:
    """A whole number, or the text written when it has more digits than Python converts (4,300)."""
    try:
        return SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _text(loader: SafeLoader, node: yaml.ScalarNode) -> str:
    return fix_surrogates(SafeConstructor.construct_yaml_str(loader, node))


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
SafeLoader.add_constructor("tag:yaml.org,2002:int", _integer)
SafeLoader.add_constructor("tag:yaml.org,2002:str", _text)


def check_size(text: str, max_chars: int) -> None:
    """Refuse YAML longer than max_chars before parsing a byte of it."""
    if len(text) > max_chars:
        raise YamlLimitError(f"{len(text):,} characters, over the limit of {max_chars:,} for YAML", None)


def compose(text: str, max_chars: int = MAX_FILE_CHARS) -> yaml.Node | None:
    """The node tree of one YAML document, within the limits (marks give every node's line)."""
    check_size(text, max_chars)
    return yaml.compose(text, Loader=SafeLoader)


def compose_own(text: str, max_chars: int = MAX_FILE_CHARS) -> yaml.Node | None:
    """The node tree of one of the project's own YAML files (generator/rules/, generator/actors.yml), as compose()
    makes it, ten times faster: libyaml's composer (PyYAML's C loader) when PyYAML has it.

    Every build reads the rules at start-up, 0.4 s with the pure-Python composer. For these files libyaml gives the
    same nodes (tags, values, lines: tests/test_rules.py compares every file). Not for editors' YAML: libyaml's
    composer is recursive (see above). The tree is checked as compose() checks it, and a text either refuses is
    composed again by compose(), so a mistake in a rules file is reported as before."""
    check_size(text, max_chars)
    if not getattr(yaml, "__with_libyaml__", False):
        return compose(text, max_chars)
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
        if root is not None:
            _check_nodes(root, len(text), MAX_DEPTH)
    except yaml.YAMLError:
        return compose(text, max_chars)
    return root


def load(text: str, max_chars: int = MAX_FILE_CHARS) -> Any:
    """One YAML document as Python data (safe types, leniently), within the limits."""
    check_size(text, max_chars)
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a subclass of yaml.SafeLoader


def load_strings(text: str, max_chars: int = MAX_FILE_CHARS) -> Any:
    """One YAML document with every scalar a string, within the limits."""
    check_size(text, max_chars)
    return fix_surrogates_deep(yaml.load(text, Loader=StringLoader))  # noqa: S506 - a subclass of BaseLoader


def construct(node: yaml.Node | None) -> Any:
    """Python data from a node compose() returned."""
    if node is None:
        return None
    return SafeLoader("").construct_document(node)


def fix_surrogates_deep(value: Any) -> Any:
    """fix_surrogates on every string of nested lists and mappings (keys too)."""
    if isinstance(value, str):
        return fix_surrogates(value)
    if isinstance(value, list):
        return [fix_surrogates_deep(v) for v in value]
    if isinstance(value, dict):
        return {fix_surrogates_deep(k): fix_surrogates_deep(v) for k, v in value.items()}
    return value


def error_line(exc: yaml.YAMLError, first_line: int = 1) -> int:
    """The file line a YAML error points at (first_line is the file line of the YAML's first line).

    "[ never closed" is found at the end of the text; the editor's mistake is where it was opened.
    """
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if context is not None and (mark is None or (mark.buffer and mark.line >= mark.buffer.rstrip("\0").count("\n"))):
        mark = context
    return mark.line + first_line if mark is not None else first_line


def error_text(exc: yaml.YAMLError) -> str:
    """The first line of a YAML error's message, without the 'in "<unicode string>"' part."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
