"""How a figure is qualified ("at least 92", "nearly 40", "35+"): the phrase just before it (rules/qualifiers.yml),
as one of the qualifiers of generator/vocabulary.py.
"""

from __future__ import annotations

import re

from generator import rules
from generator.vocabulary import Qualifier

QUALIFIER_VOCABULARY = tuple(q.value for q in Qualifier)
_PHRASES: dict[str, str] = dict(rules.rule("qualifiers", "phrases").table)
# One expression per qualifier, tried in the vocabulary's order: "no more than 20" ends with "more than" too, and
# is read as "more than", the first one tried.
QUALIFIERS = [
    (re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted((p for p, q in _PHRASES.items() if q == qual),
                                                                  key=lambda p: (-len(p), p))) + r")\s+$",
                re.IGNORECASE), qual)
    for qual in QUALIFIER_VOCABULARY]


def qualifier_before(sentence: str, fig_start: int) -> str | None:
    """The qualifier of the figure at fig_start, from the phrase that ends right before it."""
    before = sentence[max(0, fig_start - 30): fig_start]
    for pattern, qual in QUALIFIERS:
        if pattern.search(before):
            return qual
    return None
