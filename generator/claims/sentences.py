"""Sentences and their words: the body split into sentences with their offsets, abbreviations kept whole.

Claims, events, sub-events and inferred dates all read the same sentences, so the split is cached per body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator import memos, rules

# A sentence ends at . ! or ? (and a closing quote or bracket) before white space and a capital or a digit.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
# Abbreviations whose full stop does not end a sentence: "Mr. Roe", "Feb. 12", "U.S. troops".
_ABBREV = re.compile(rf"\b(?:{rules.rule('clauses', 'abbreviations').alternation()}|"
                     rf"{rules.rule('calendar', 'month_abbreviations').alternation()})\.$")
_DATELINE = rules.rule("clauses", "dateline").regex()
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d[\d,.]*|[^\sA-Za-z\d]")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body with its offset and paragraph index."""

    text: str
    start: int
    paragraph: int


@memos.memo(8192)  # claims, events, sub-events and inferred dates all read them: split once per build
def split_sentences(body: str) -> tuple[Sentence, ...]:
    """Split the cleaned body into sentences, keeping offsets; abbreviations do not end a sentence."""
    out: list[Sentence] = []
    pos = 0
    for p_idx, para in enumerate(body.split("\n\n")):
        start = 0
        dateline = _DATELINE.match(para)
        if dateline:  # "KELBY (Wire) — ": its own piece, so it never reads as the next sentence's speaker
            out.append(Sentence(para[: dateline.end()].rstrip(), pos, p_idx))
            start = dateline.end()
        for m in _SENT_END.finditer(para, start):
            if _ABBREV.search(para, max(start, m.start() - 8), m.start()):
                continue
            chunk = para[start: m.start()]
            if chunk.strip():
                out.append(Sentence(chunk, pos + start, p_idx))
            start = m.end()
        if para[start:].strip():
            out.append(Sentence(para[start:], pos + start, p_idx))
        pos += len(para) + 2
    return tuple(out)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words, numbers and marks of a text, with their offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def next_word(sentence: str, pos: int) -> str:
    """The word after pos (white space skipped), in lower case; "" when a mark or the end comes first."""
    m = _NEXT_WORD.match(sentence, pos)
    return m.group(1).lower() if m else ""


def lower_matches(lower: re.Pattern[str], anycase: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of a lower-case pattern; on the lower-cased text when lower-casing keeps the offsets."""
    low = text.lower()
    return lower.finditer(low) if len(low) == len(text) else anycase.finditer(text)
