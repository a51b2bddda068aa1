"""The scope of a sentence's figures: the period they cover ("over the past two days", "since March", "so far this
year"), the same for every figure of the sentence.
"""

from __future__ import annotations

import re

from generator import rules

_MONTHS = "|".join(rules.rule("calendar", "months").table)
# "in the past two days": the number words up to ten, from numbers.yml
_FEW = "|".join(w for w, v in rules.rule("numbers", "units").table.items() if v <= 10)
_SINCE = rf"since\s+(?:{_MONTHS}|\d{{4}})"
_OTHER = (rf"(?:over|in|during|within|across)\s+(?:a\s+span\s+of\s+)?(?:the\s+)?(?:past|last|previous|first)\s+"
          rf"(?:(?:roughly|about|nearly|some|around)\s+)?(?:\d+|a|{_FEW}|few)?"
          r"\s*(?:hours?|days?|weeks?|months?|years?|decades?)"
          r"|over\s+(?:a\s+span\s+of\s+)?(?:(?:roughly|about|nearly|some|around)\s+)?\d+\s+(?:hours?|days?|weeks?)")
SCOPE = re.compile(rf"\b(?:{_OTHER}|{_SINCE}[\w ,]*?(?=[,.;]|$)|so far this (?:year|month|week))", re.IGNORECASE)

# SCOPE in two parts. Its "since March ..." reads on over words and spaces to a ',', '.' or ';' (or the end) and
# fails at any other mark: from every "since" of a long stretch without one, to the same far place. Read here once.
_SCOPE_OTHER = re.compile(rf"\b(?:{_OTHER}|so far this (?:year|month|week))", re.IGNORECASE)
_SCOPE_SINCE = re.compile(rf"\b{_SINCE}", re.IGNORECASE)
_NOT_WORD_OR_SPACE = re.compile(r"[^\w ]")


def sentence_scope(sentence: str) -> str | None:
    """SCOPE.search(sentence), as text: the leftmost of the first other match and the first "since" that ends well."""
    other = _SCOPE_OTHER.search(sentence)
    limit = other.start() if other else len(sentence)
    stop = -1  # the first character after the current stretch of words and spaces
    for m in _SCOPE_SINCE.finditer(sentence):
        if m.start() >= limit:
            break
        if stop < m.end():
            found = _NOT_WORD_OR_SPACE.search(sentence, m.end())
            stop = found.start() if found else len(sentence)
        if stop == len(sentence) or sentence[stop] in ",.;" or (stop == len(sentence) - 1 and sentence[stop] == "\n"):
            return sentence[m.start(): stop].strip()
    return other.group(0).strip() if other else None
