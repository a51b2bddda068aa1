"""Per-sentence indexes that keep extraction linear in the length of a sentence and of an article.

A long sentence (a live blog without full stops) has thousands of figures and verbs; reading the text before
each of them again would be quadratic. Each class here answers the question a plain expression would, from
sorted offsets made once per sentence (tests/test_long_articles.py checks each against that expression).
"""

from __future__ import annotations

import bisect
import re

from generator import rules
from generator.claims.clauses import (
    BLOCK_RE,
    BLOCK_WORDS,
    NP_CUT,
    NP_CUT_AHEAD,
    NP_CUT_AND_OF,
    NP_CUT_PLAIN,
    clause_blocked,
)
from generator.claims.people import PART_CUE
from generator.vocabulary import Outcome

_SHORT_TEXT = 400  # offsets into a sentence up to which _Cuts reads the text itself
_SHORT_GAP = 200  # shorter texts between two figures are read as they are (_Gaps)
_WORD_RUN = re.compile(r"\S+")
_COMMA_OR_SEMICOLON = re.compile(r"[,;]")
_SEMICOLON = re.compile(";")

# The words a claimant's name is cleaned of in front however many there are (rules/speech.yml leading_words), in
# lower case; also any word ending in "day" ("on Saturday").
LEADING_WORDS = frozenset(w for phrase in rules.rule("speech", "leading_words").words for w in phrase.split())
# Other words can make at most ten of a claimant's words go (the words the noun phrase drops at the end, a quote
# mark at either end, "a"/"an", "the tally by"), and a claimant has at most nine: a noun phrase with this many
# other words is never one. Counting them stops reading a long stretch without a clause boundary before every verb.
TOO_MANY_WORDS = 40


def _ends_with(pattern: re.Pattern[str], text: str, end: int, start: int = 0,
               words: int = 1) -> re.Match[str] | None:
    """Whether pattern.search(text[start:end]) matches, for a pattern anchored at the end ($) that reads `words`
    short words (at most 12 characters), each followed by white space (the last one may have none): only those
    words and spaces are read, however long the text before them. The match is for its truth only."""
    if start >= end:
        return pattern.search("")
    t = end
    for k in range(words + 1):
        while t > start and text[t - 1].isspace():
            t -= 1
        if k == words:
            break
        stop = max(start, t - 12)
        while t > stop and not text[t - 1].isspace():
            t -= 1
    if t == start:
        return pattern.search(text[start:end])  # the whole text: where it starts counts as its beginning
    return pattern.search(text, t, end)  # starts inside the text: the character before still counts for \b


def _kept_word(token: str) -> bool:
    """A word the cleaning of a claimant keeps: not one of the leading words it drops in front, between commas."""
    return any(part and part.lower() not in LEADING_WORDS and not part.lower().endswith("day")
               for part in token.split(","))


class _Cuts:
    """Where the clauses of a sentence are cut (NP_CUT) and its commas, to read the text before any offset.

    Up to _SHORT_TEXT characters into the sentence the plain expressions are quicker, and are used; further on,
    indexes of the whole sentence (made on first use) answer without reading it all again for every verb."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.plain_ends: list[int] | None = None
        self.and_of_ends: list[int] = []
        self.commas: list[int] | None = None
        self.kept_before: list[int] | None = None  # how many kept words come before each word of the sentence
        self.word_starts: list[int] = []
        self.word_ends: list[int] = []

    def last_cut(self, end: int) -> int:
        """Where the last piece of NP_CUT.split(sentence[:end]) starts, for an `end` where a word starts after
        something else (an attribution verb does: no word of the sentence runs on past `end`)."""
        if end <= _SHORT_TEXT:
            return end - len(NP_CUT.split(self.sentence[:end])[-1])
        if self.plain_ends is None:
            self.plain_ends = [m.end() for m in NP_CUT_PLAIN.finditer(self.sentence)]
            self.and_of_ends = [m.end() for m in NP_CUT_AND_OF.finditer(self.sentence)]
        k = bisect.bisect_right(self.plain_ends, end) - 1
        best = self.plain_ends[k] if k >= 0 else 0
        j = bisect.bisect_right(self.and_of_ends, end) - 1
        while j >= 0 and self.and_of_ends[j] > best:
            if NP_CUT_AHEAD.match(self.sentence, self.and_of_ends[j], end):  # the lookahead, within the text
                return self.and_of_ends[j]
            j -= 1
        return best

    def last_comma(self, end: int) -> int:
        """Where the last piece of re.split("[,;]", sentence[:end]) starts."""
        if end <= _SHORT_TEXT:
            return max(self.sentence.rfind(",", 0, end), self.sentence.rfind(";", 0, end)) + 1
        if self.commas is None:
            self.commas = [m.start() for m in _COMMA_OR_SEMICOLON.finditer(self.sentence)]
        k = bisect.bisect_left(self.commas, end) - 1
        return self.commas[k] + 1 if k >= 0 else 0

    def kept_words(self, start: int, end: int) -> int:
        """How many words of sentence[start:end].split() the cleaning of a claimant keeps (_kept_word)."""
        if self.kept_before is None:
            self.kept_before = [0]
            for m in _WORD_RUN.finditer(self.sentence):
                self.word_starts.append(m.start())
                self.word_ends.append(m.end())
                self.kept_before.append(self.kept_before[-1] + _kept_word(m.group(0)))
        first = bisect.bisect_left(self.word_starts, start)  # the whole words inside, first to last - 1
        last = bisect.bisect_right(self.word_ends, end)
        count = self.kept_before[last] - self.kept_before[first] if last > first else 0
        pieces = set()  # words cut by start or end: the part inside counts as a word of its own
        if first > 0 and self.word_ends[first - 1] > start:
            pieces.add((start, min(self.word_ends[first - 1], end)))
        if last < len(self.word_starts) and self.word_starts[last] < end:
            pieces.add((max(self.word_starts[last], start), end))
        return count + sum(_kept_word(self.sentence[a:b]) for a, b in pieces if b > a)

    def too_long(self, start: int, end: int) -> bool:
        """Whether sentence[start:end] has TOO_MANY_WORDS kept words (_kept_word) or more."""
        if end - start < 2 * TOO_MANY_WORDS:
            return False  # too short to have them
        return self.kept_words(start, end) >= TOO_MANY_WORDS


class _Offsets:
    """Sorted offsets (where the figures of a sentence start), looked up by range."""

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = sorted(offsets)

    def within(self, lo: int, hi: int) -> list[int]:
        """The offsets f with lo <= f < hi."""
        return self.offsets[bisect.bisect_left(self.offsets, lo): bisect.bisect_left(self.offsets, hi)]


class _Outcomes:
    """The outcome words of a sentence as outcomes.outcome_matches finds them (in order, never overlapping, so
    their starts and their ends are both sorted), looked up by offset instead of read through for every figure."""

    def __init__(self, outcomes: list[tuple[int, int, str]], apart: str | None = None) -> None:
        # An outcome read only next to its figure (being aboard: outcomes.carried) is kept in an index of its own
        self.apart = _Outcomes([o for o in outcomes if o[2] == apart]) if apart else None
        if apart:
            outcomes = [o for o in outcomes if o[2] != apart]
        self.items = outcomes
        self.starts = [s for s, _e, _o in outcomes]
        self.ends = [e for _s, e, _o in outcomes]
        self.start_set = set(self.starts)
        self.lost = [(s, e) for s, e, o in outcomes if o == Outcome.LOST]
        self.lost_ends = [e for _s, e in self.lost]

    def inside(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that start at lo or later and end by hi, in order."""
        return self.items[bisect.bisect_left(self.starts, lo): bisect.bisect_right(self.ends, hi)]

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that start between lo and hi (both included), in order."""
        return self.items[bisect.bisect_left(self.starts, lo): bisect.bisect_right(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Outcomes that end between lo and hi (both included), in order."""
        return self.items[bisect.bisect_left(self.ends, lo): bisect.bisect_right(self.ends, hi)]

    def lost_before(self, pos: int) -> bool:
        """Is there a "lost" that ends by pos?"""
        return bool(self.lost_ends) and self.lost_ends[0] <= pos

    def last_lost(self, pos: int) -> tuple[int, int]:
        """The last "lost" that ends by pos."""
        k = bisect.bisect_right(self.lost_ends, pos) - 1
        if k < 0:
            raise ValueError("no 'lost' before the figure")
        return self.lost[k]


class _Gaps:
    """Questions about the text between two offsets of a sentence (the gap since the figure read before), for
    gaps of any length: long ones are answered from an index of the whole sentence, made once, instead of a copy
    of the gap read through for every figure."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.indexed = False

    def _index(self) -> None:
        self.indexed = True
        s = self.sentence
        low = s.lower()
        self.low = low if len(low) == len(s) else None  # offsets only line up when lower-casing keeps them
        self.semicolons = [m.start() for m in _SEMICOLON.finditer(s)]
        self.block_starts: list[int] = []
        self.block_ends: list[int] = []
        if self.low is not None:
            for m in BLOCK_RE.finditer(self.low):
                self.block_starts.append(m.start())
                self.block_ends.append(m.end())
        # Every start where PART_CUE matches (overlapping ones too: "of them" inside "consisting of them"), and
        # the least end of the matches from each onwards.
        cue_starts, cue_ends = [], []
        pos = 0
        while (cue := PART_CUE.search(s, pos)) is not None:
            cue_starts.append(cue.start())
            cue_ends.append(cue.end())
            pos = cue.start() + 1
        least = [0] * len(cue_ends)
        for k in range(len(cue_ends) - 1, -1, -1):
            least[k] = min(cue_ends[k], least[k + 1]) if k + 1 < len(cue_ends) else cue_ends[k]
        self.cue_starts, self.cue_least_end = cue_starts, least

    def _inside_word(self, pos: int) -> bool:
        s = self.sentence
        return 0 < pos < len(s) and (s[pos - 1].isalnum() or s[pos - 1] == "_") and (s[pos].isalnum() or s[pos] == "_")

    def blocked(self, lo: int, hi: int) -> bool:
        """clause_blocked(sentence[lo:hi])."""
        if hi - lo <= _SHORT_GAP:
            return clause_blocked(self.sentence[lo:hi])
        if not self.indexed:
            self._index()
        low = self.low
        if low is None:
            return clause_blocked(self.sentence[lo:hi])
        k = bisect.bisect_left(self.semicolons, lo)
        if k < len(self.semicolons) and self.semicolons[k] < hi:
            return True
        k = bisect.bisect_left(self.block_starts, lo)  # a word between spaces, inside the gap
        if k < len(self.block_starts) and self.block_ends[k] <= hi:
            return True
        for w in BLOCK_WORDS:  # a word at either edge of the gap, where the gap's own edge counts as a space
            e = lo + len(w)
            if low.startswith(w, lo) and (e == hi or low[e] == " "):
                return True
            b = hi - len(w)
            if b > lo and low.startswith(w, b) and low[b - 1] == " ":
                return True
        return False

    def part_cue(self, lo: int, hi: int) -> bool:
        """PART_CUE.search(sentence[lo:hi]) is not None."""
        if hi - lo <= _SHORT_GAP or self._inside_word(lo) or self._inside_word(hi):
            return PART_CUE.search(self.sentence[lo:hi]) is not None  # short, or cut inside a word: as it is
        if not self.indexed:
            self._index()
        k = bisect.bisect_left(self.cue_starts, lo)
        return k < len(self.cue_starts) and self.cue_least_end[k] <= hi


class _Spans:
    """Spans (start, end) in list order, with a lookup of those that overlap a range that does not scan them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.spans = spans
        self.order = order
        self.starts = [spans[k][0] for k in order]
        self.reach: list[int] = []  # the furthest end among the spans up to each one, in start order
        furthest = -1
        for k in order:
            furthest = max(furthest, spans[k][1])
            self.reach.append(furthest)

    def overlapping(self, lo: int, hi: int) -> list[int]:
        """Indexes (in list order) of the spans with start < hi and end > lo."""
        j = bisect.bisect_left(self.starts, hi) - 1
        out = []
        while j >= 0 and self.reach[j] > lo:  # spans before j all end by reach[j]: none of them can overlap
            k = self.order[j]
            if self.spans[k][1] > lo:
                out.append(k)
            j -= 1
        out.sort()
        return out
