"""Clause and noun-phrase boundaries (rules/clauses.yml): an outcome word or a speaker is read only within the
clause of its figure, and a claimant's name only back to the last cut before its verb of speech.
"""

from __future__ import annotations

import re

from generator import rules


def _words(name: str) -> rules.Rule:
    return rules.rule("clauses", name)


CLAUSE_WORDS = _words("clause_words").terms
# The tokens after a figure that end the search for its noun: a full stop, a semicolon or a clause word.
CLAUSE_STOP = frozenset({".", ";", *CLAUSE_WORDS})
_CLAUSE_CUT = re.compile(rf"[.;]|\b(?:{_words('clause_words').alternation()})\b", re.IGNORECASE)

# Words that keep an outcome word from a figure of another clause ("12 arrived, but 3 died").
BLOCK_WORDS = _words("blocking_words").terms
_BLOCKED = re.compile(rf"(?:\A|(?<= ))(?:{_words('blocking_words').alternation()})(?= |\Z)")
# The same words between two spaces, as an index of a whole sentence finds them (see indexes._Gaps).
BLOCK_RE = re.compile(rf"(?<= )(?:{_words('blocking_words').alternation()})(?= )")

PREPOSITIONS = frozenset(_words("prepositions").terms)

# Where the noun phrase before a verb of speech starts: after the last of these marks and words, or after "and" or
# "of" before a lower-case word.
_NP_CUT_WORDS = _words("noun_phrase_cuts").alternation()
NP_CUT = re.compile(rf"[,;:“”\"]|\b(?:{_NP_CUT_WORDS})\b|\band\b(?=\s+(?:the\s+)?[a-z])"
                    r"|\bof\b(?=\s+(?:the\s+)?[a-z])")
# NP_CUT in two parts, so that the last cut before any position can be looked up: the words and marks, and
# "and"/"of", which cut only when a lower-case word follows them before that position.
NP_CUT_PLAIN = re.compile(rf"[,;:“”\"]|\b(?:{_NP_CUT_WORDS})\b")
NP_CUT_AND_OF = re.compile(r"\b(?:and|of)\b")
NP_CUT_AHEAD = re.compile(r"\s+(?:the\s+)?[a-z]")


def clause_before(sentence: str, pos: int, limit: int = 90) -> str:
    """The text of the clause before pos, back to the last clause boundary."""
    text = sentence[max(0, pos - limit): pos]
    cuts = list(_CLAUSE_CUT.finditer(text))
    return text[cuts[-1].end():] if cuts else text


def clause_blocked(text: str) -> bool:
    """A clause boundary in text: ';' or one of the blocking words between spaces (or at either end)."""
    return ";" in text or _BLOCKED.search(text.lower()) is not None
