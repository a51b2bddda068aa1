"""Claim ids: stable across runs and rule changes, so an editor's review decisions stay with their claims."""

from __future__ import annotations

import hashlib
from typing import Any


def claim_id(file_key: str, quote: str, offset: int = 0) -> str:
    """Stable id from the file, the sentence and where the figure sits in it: unchanged text keeps its ids.

    Nothing derived (category, claimant, the article's page name) goes in, so better extraction rules or a
    new article with the same title do not orphan an editor's review decisions.
    """
    return claim_id_at(claim_hash(file_key, quote), offset)


def claim_hash(file_key: str, quote: str) -> Any:
    """The hash of a claim id up to the offset: computed once per sentence, however many figures it has."""
    return hashlib.sha1(f"{file_key}|{' '.join(quote.split())}|".encode("utf-8", "replace"))


def claim_id_at(sentence_hash: Any, offset: int) -> str:
    """The id of the figure at `offset` of the sentence whose claim_hash this is."""
    h = sentence_hash.copy()
    h.update(str(offset).encode("utf-8", "replace"))
    return str(h.hexdigest()[:10])


def unique_id(cid: str, used: set[str]) -> str:
    """The same sentence pasted in two places of one article: the second copy gets a suffix."""
    n, out = 1, cid
    while out in used:
        n += 1
        out = f"{cid}-{n}"
    used.add(out)
    return out
