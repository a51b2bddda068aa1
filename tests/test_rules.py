"""Rules as data: every rules file loads, and every example of every rule matches (or does not) as it says.

A new rule without examples cannot be loaded, so this table grows with the rules: it is the test that
runs them. The loader's own mistakes table follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import rules, yamlsafe

ALL = [(f, name) for f in rules.files() for name in rules.load(f)]


@pytest.mark.parametrize("file, name", ALL, ids=[f"{f}:{n}" for f, n in ALL])
def test_every_example_of_every_rule(file: str, name: str) -> None:
    rule = rules.rule(file, name)
    probe = rule.regex()
    assert rule.match, f"{rule.where}: '{name}' has no example that must match"
    missed = [s for s in rule.match if not probe.search(s)]
    wrong = [s for s in rule.no_match if probe.search(s)]
    assert not missed, f"{rule.where}: '{name}' does not match {missed}"
    assert not wrong, f"{rule.where}: '{name}' matches {wrong}, which it must not"


def test_the_shared_lists_are_defined_once() -> None:
    assert rules.rule("calendar", "months").table["March"] == 3
    assert rules.rule("numbers", "scales").table["crore"] == 10_000_000
    assert set(rules.files()) >= {"calendar", "numbers"}


def _tree(node: yaml.Node | None) -> Any:
    """A node tree as plain data: kind, tag, style, where it starts and ends, and its value or children."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        value: Any = node.value
    elif isinstance(node, yaml.SequenceNode):
        value = [_tree(c) for c in node.value]
    else:
        value = [(_tree(k), _tree(v)) for k, v in node.value]
    marks = [(m.line, m.column, m.index) for m in (node.start_mark, node.end_mark)]
    style = getattr(node, "style", None) or None  # libyaml calls a plain scalar's style "", PyYAML None
    return type(node).__name__, node.tag, style, getattr(node, "flow_style", None), marks, value


OWN_FILES = [*sorted(rules.RULES_DIR.glob("*.yml")), rules.RULES_DIR.parent / "actors.yml"]


@pytest.mark.parametrize("path", OWN_FILES, ids=[p.name for p in OWN_FILES])
def test_own_files_compose_the_same_with_libyaml(path: Path) -> None:
    """The rules are composed by libyaml at every start (yamlsafe.compose_own): the same nodes, tags and lines as
    the pure-Python composer gives, or the rules would change with the loader."""
    assert yaml.__with_libyaml__  # else compose_own is compose, and this compares nothing
    text = path.read_text(encoding="utf-8")
    own, pure = yamlsafe.compose_own(text), yamlsafe.compose(text)
    assert own is not None
    assert _tree(own) == _tree(pure)


@pytest.mark.parametrize("text, line, words", [
    ("a:\n  words: [x]\n", 1, "has no examples"),
    ("a:\n  words: [x]\n  pattern: y\n  examples: {match: [x]}\n", 1, "exactly one of"),
    ("a:\n  words: [x, x]\n  examples: {match: [x]}\n", 2, "lists x twice"),
    ("a:\n  pattern: '(unclosed'\n  examples: {match: [x]}\n", 2, "does not compile"),
    ("a:\n  words: [x]\n  colour: red\n  examples: {match: [x]}\n", 3, "unknown key 'colour'"),
    ("a:\n  words: [x]\n  examples: {match: [x], maybe: [y]}\n", 3, "need match"),
    ("a:\n  words: [x]\n  examples: {match: [x]}\na:\n  words: [y]\n  examples: {match: [y]}\n", 4,
     "defined twice"),
    ("a:\n  words: [x, [y]]\n  examples: {match: [x]}\n", 2, "must be non-empty text"),
    ("a:\n  table: []\n  examples: {match: [x]}\n", 2, "non-empty mapping"),
    ("a:\n  words: [x]\n  case: loud\n  examples: {match: [x]}\n", 3, "case must be"),
    ("- a\n", 1, "a mapping of rule names"),
    ("a: [x\n", 1, "while parsing"),
    # libyaml reads these; compose_own refuses them as compose does, at the same line
    ("a:\n  words: !!python/name:os.system [x]\n  examples: {match: [x]}\n", 2, "is not allowed"),
    ("a: &x [*x]\n", 1, "a loop"),
])
def test_mistakes_in_a_rules_file_are_reported_at_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(rules.RulesError) as info:
        rules.parse_rules(text, "generator/rules/x.yml")
    assert str(info.value).startswith(f"generator/rules/x.yml:{line}: ") and words in str(info.value), info.value
