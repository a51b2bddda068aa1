"""Who is the same claimant: the one definition the registry, the claims and the event tables use.

- `claimant_key`: a name as the registry matches it (lower case, without "the", "'s", "official(s)",
  "provincial", "federal" or punctuation): "The military's" and "military" are one key.
- `same_claimant`: two names of one claimant in a claims table: the same head word, and one name's words
  inside the other's, or two words shared ("the military" and "Pakistan's military"; not "police" and
  "military"). `claimant_tokens` are the words it compares.
"""

from __future__ import annotations

import re

from generator import memos

_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_IN_A_KEY = re.compile(r"\b(?:the|a|an|provincial|federal|official|officials'?)\b")
_NOT_A_LETTER = re.compile(r"[^a-z0-9]+")
_POSSESSIVE_OR_APOSTROPHE = re.compile(r"['’]s?\b")
_TOKEN = re.compile(r"[a-z0-9]+")


@memos.memo(16384)
def claimant_key(name: str) -> str:
    """A claimant name as matched: lower case, without 'the', "'s", official or punctuation."""
    s = _POSSESSIVE.sub("", name.lower())
    s = _NOT_IN_A_KEY.sub(" ", s)
    return _NOT_A_LETTER.sub(" ", s).strip()


def claimant_tokens(name: str | None) -> list[str]:
    """Lower-case content words of a claimant, for matching 'the military' with "Pakistan's military"."""
    if not name:
        return []
    s = _POSSESSIVE_OR_APOSTROPHE.sub("", name.lower())
    return [t for t in _TOKEN.findall(s) if t not in ("the", "a", "an", "provincial", "of", "s")]


def same_claimant(x: str | None, y: str | None) -> bool:
    """Two attributions name the same claimant: same head word and one contains the other, or 2+ words shared."""
    if x == y:
        return True
    if not x or not y:
        return False
    tx, ty = claimant_tokens(x), claimant_tokens(y)
    if not tx or not ty:
        return False
    if tx[-1] != ty[-1]:
        return False
    sx, sy = set(tx), set(ty)
    return sx <= sy or sy <= sx or len(sx & sy) >= 2
