"""Rules as data: the word lists and patterns of the extraction, read from the YAML files of this folder.

In the manner of HeidelTime's resource files and dateparser's language data, each file holds named rules
and every rule carries its examples; the code only interprets them. A file is a mapping of rule names:

    outcome_killed:                  # the rule's name, as the code asks for it
      about: What killing is called.  # one line for the reader of the file
      words: [killed, died, slain]   # a word list (matched as whole words), or
      pattern: 'shot dead|gunned down'  # a regular expression (Python re), or
      table: {one: 1, two: 2}        # a mapping (number words to values, ...): its keys are matched as words
      case: sensitive                # optional: matching ignores case unless this says otherwise
      examples:
        match: [Three people were killed on Saturday.]     # sentences of our own where the rule matches
        no_match: [The killer whale was sighted offshore.]  # and where it must not

Every mistake (an unknown key, a rule with no words, a pattern that does not compile, a rule without
examples) is a RulesError naming the file and line; tests/test_rules.py loads every file and runs every
example against the rule's own probe (`Rule.regex`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator import yamlsafe

RULES_DIR = Path(__file__).resolve().parent
KINDS = ("words", "pattern", "table")
KEYS = {"about", "case", "examples", *KINDS}


class RulesError(Exception):
    """A mistake in a rules file, with its file:line."""


@dataclass(frozen=True)
class Rule:
    """One named word list, pattern or table, with the sentences it must and must not match."""

    name: str
    file: str
    line: int
    about: str = ""
    words: tuple[str, ...] = ()
    pattern: str = ""
    table: dict[str, Any] = field(default_factory=dict)
    case_sensitive: bool = False
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def terms(self) -> tuple[str, ...]:
        """The words of a word list, or the keys of a table."""
        return self.words or tuple(self.table)

    def alternation(self) -> str:
        """The rule as a regex alternation to build larger patterns with: words escaped, longest first."""
        if self.pattern:
            return self.pattern
        return "|".join(re.escape(w) for w in sorted(self.terms, key=lambda w: (-len(w), w)))

    @property
    def flags(self) -> int:
        return 0 if self.case_sensitive else re.IGNORECASE

    def regex(self) -> re.Pattern[str]:
        """The probe the examples are checked with: the words as whole words (no letter or digit on either
        side, so "update:" works as well as "killed"), or the pattern."""
        body = self.pattern if self.pattern else rf"(?<!\w)(?:{self.alternation()})(?!\w)"
        return re.compile(body, self.flags)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _strings(node: yaml.Node, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise RulesError(f"{where}:{_line(node)}: {what} must be a list")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise RulesError(f"{where}:{_line(item)}: an item of {what} must be non-empty text")
        out.append(str(item.value))
    return tuple(out)


def _rule(name: str, node: yaml.Node, where: str, line: int) -> Rule:
    if not isinstance(node, yaml.MappingNode):
        raise RulesError(f"{where}:{line}: rule '{name}' must be a mapping")
    fields = {k.value: v for k, v in node.value}
    unknown = sorted(set(fields) - KEYS)
    if unknown:
        raise RulesError(f"{where}:{_line(fields[unknown[0]])}: unknown key '{unknown[0]}' in rule '{name}' "
                         f"(known: {', '.join(sorted(KEYS))})")
    kinds = [k for k in KINDS if k in fields]
    if len(kinds) != 1:
        raise RulesError(f"{where}:{line}: rule '{name}' needs exactly one of {', '.join(KINDS)}")
    kind = kinds[0]
    data = yamlsafe.construct(fields[kind])
    words: tuple[str, ...] = ()
    pattern, table = "", {}
    if kind == "words":
        words = _strings(fields[kind], f"the words of '{name}'", where)
        if len(set(words)) != len(words):
            twice = sorted({w for w in words if words.count(w) > 1})
            raise RulesError(f"{where}:{_line(fields[kind])}: '{name}' lists {', '.join(twice)} twice")
    elif kind == "pattern":
        if not isinstance(data, str) or not data:
            raise RulesError(f"{where}:{_line(fields[kind])}: the pattern of '{name}' must be text")
        pattern = data
    else:
        if not isinstance(data, dict) or not data:
            raise RulesError(f"{where}:{_line(fields[kind])}: the table of '{name}' must be a non-empty mapping")
        table = {str(k): v for k, v in data.items()}
    case = str(yamlsafe.construct(fields["case"])) if "case" in fields else "insensitive"
    if case not in ("sensitive", "insensitive"):
        raise RulesError(f"{where}:{_line(fields['case'])}: case must be sensitive or insensitive")
    examples = fields.get("examples")
    if not isinstance(examples, yaml.MappingNode):
        raise RulesError(f"{where}:{line}: rule '{name}' has no examples (match: [...], no_match: [...])")
    ex = {k.value: v for k, v in examples.value}
    if set(ex) - {"match", "no_match"} or "match" not in ex:
        raise RulesError(f"{where}:{_line(examples)}: examples of '{name}' need match: (and may have no_match:)")
    rule = Rule(name=name, file=where, line=line, about=str(yamlsafe.construct(fields.get("about")) or ""),
                words=words, pattern=pattern, table=table, case_sensitive=case == "sensitive",
                match=_strings(ex["match"], f"the examples of '{name}'", where),
                no_match=_strings(ex["no_match"], f"the examples of '{name}'", where) if "no_match" in ex else ())
    # Only a pattern can fail to compile: words and table keys are escaped. Compiling every word list here took
    # half of reading the rules at each start, for probes that only the tests run (and the few rules asked for it).
    try:
        if pattern:
            rule.regex()
    except re.error as exc:
        raise RulesError(f"{where}:{_line(fields[kind])}: the pattern of '{name}' does not compile: {exc}") from exc
    return rule


def parse_rules(text: str, where: str) -> dict[str, Rule]:
    """A rules file's text -> its rules by name; RulesError at the line of the first mistake."""
    try:
        root = yamlsafe.compose_own(text)
    except yaml.YAMLError as exc:
        raise RulesError(f"{where}:{yamlsafe.error_line(exc)}: {yamlsafe.error_text(exc)}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise RulesError(f"{where}:1: a rules file is a mapping of rule names to rules")
    rules: dict[str, Rule] = {}
    for knode, vnode in root.value:
        name = str(knode.value)
        if name in rules:
            raise RulesError(f"{where}:{_line(knode)}: rule '{name}' is defined twice (first at line "
                             f"{rules[name].line})")
        rules[name] = _rule(name, vnode, where, _line(knode))
    return rules


@cache
def load(file: str) -> dict[str, Rule]:
    """The rules of generator/rules/<file>.yml, read and checked once per process."""
    path = RULES_DIR / f"{file}.yml"
    return parse_rules(path.read_text(encoding="utf-8"), f"generator/rules/{file}.yml")


def rule(file: str, name: str) -> Rule:
    """One rule of a file; a KeyError names what is missing."""
    rules = load(file)
    if name not in rules:
        raise KeyError(f"generator/rules/{file}.yml has no rule '{name}'")
    return rules[name]


def files() -> list[str]:
    """The names of every rules file, for the tests that check them all."""
    return sorted(p.stem for p in RULES_DIR.glob("*.yml"))
