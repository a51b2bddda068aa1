"""Rules as data: every rules file loads, and every example of every rule matches (or does not) as it says.

A new rule without examples cannot be loaded, so this table grows with the rules: it is the test that
runs them. The loader's own mistakes table follows.
"""

from __future__ import annotations

import pytest

from generator import rules

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
])
def test_mistakes_in_a_rules_file_are_reported_at_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(rules.RulesError) as info:
        rules.parse_rules(text, "generator/rules/x.yml")
    assert str(info.value).startswith(f"generator/rules/x.yml:{line}: ") and words in str(info.value), info.value
