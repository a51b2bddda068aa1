"""Blocking indexes for event grouping: the pairs of articles that can pass a comparison, found by looking up what
they share instead of comparing each article with every other one (issue 15: grouping in linear time).

Each index proposes a superset of the pairs that can pass the test it stands for, never fewer: the caller still
runs the whole comparison on every pair proposed, so the groups are those the all-pairs comparison made.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence

# Float sums of the same weights in another order differ in the last bits: the need is lowered by this share, so a
# rounding error can only lengthen a prefix (propose more pairs), never drop a pair that passes.
_SAFETY = 1e-9


class Postings:
    """Positions under each key, added in ascending order; the positions in a range under any of some keys."""

    def __init__(self) -> None:
        self._at: dict[Hashable, list[int]] = defaultdict(list)

    def add(self, position: int, keys: Iterable[Hashable]) -> None:
        """File `position` under each of `keys` (distinct keys; positions added in ascending order)."""
        for k in keys:
            self._at[k].append(position)

    def count(self, key: Hashable) -> int:
        """How many positions are filed under `key`."""
        return len(self._at.get(key, ()))

    def between(self, keys: Iterable[Hashable], lo: int, hi: int) -> set[int]:
        """The positions p with lo <= p < hi filed under any of `keys`."""
        found: set[int] = set()
        for k in keys:
            at = self._at.get(k)
            if at:
                found.update(at[bisect.bisect_left(at, lo):bisect.bisect_left(at, hi)])
        return found


def name_prefix(names: Collection[str], weight: Mapping[str, float], rarity: Mapping[str, int],
                threshold: float) -> list[str]:
    """The names of an article that a pair with names overlap >= threshold must share one of (see PrefixIndex).

    Ranked by rarity (fewest articles first, then by spelling: one order for every article), the first names
    up to where those left weigh less than the article's need, t * mass / (2 - t).
    """
    ranked = sorted(names, key=lambda w: (rarity.get(w, 0), w))
    mass = sum(weight[w] for w in ranked)
    need = threshold * mass / (2 - threshold) * (1 - _SAFETY)
    if need <= 0:
        return ranked  # any shared name may pass
    prefix: list[str] = []
    left = mass
    for w in ranked:
        if left < need:
            break
        prefix.append(w)
        left -= weight[w]
    return prefix


class PrefixIndex:
    """Articles (by position) under the names of their prefix for a names-overlap threshold t (prefix filtering).

    The overlap of two articles is 2 * shared / (mass_x + mass_y): `shared` the weight of the names both give,
    a mass the weight of all of an article's names. A pair with overlap >= t shares at least t * mass_x / (2 - t)
    (as mass_y >= shared), and likewise for y. Rank all names in one global order: the first name such a pair
    shares lies in both prefixes, or everything they share would be in one article's suffix, which weighs less
    than its need. So looking up an article's prefix names finds every partner that can reach t.
    """

    def __init__(self, weight: Mapping[str, float], rarity: Mapping[str, int], threshold: float) -> None:
        self.weight, self.rarity, self.threshold = weight, rarity, threshold
        self.postings = Postings()
        self.prefixes: list[list[str]] = []

    @classmethod
    def of(cls, names: Sequence[Collection[str]], weight: Mapping[str, float], rarity: Mapping[str, int],
           threshold: float) -> PrefixIndex:
        """The index of the articles whose names are `names` (position k: names[k])."""
        index = cls(weight, rarity, threshold)
        for k, n in enumerate(names):
            index.prefixes.append(index.prefix(n))
            index.postings.add(k, index.prefixes[k])
        return index

    def prefix(self, names: Collection[str]) -> list[str]:
        return name_prefix(names, self.weight, self.rarity, self.threshold)

    def partners(self, position: int, lo: int, hi: int) -> set[int]:
        """Positions in [lo, hi) that may reach the threshold with the article at `position` (itself excluded)."""
        return self.postings.between(self.prefixes[position], lo, hi) - {position}

    def partners_of(self, names: Collection[str]) -> set[int]:
        """Positions that may reach the threshold with an article not in the index, whose names are `names`."""
        return self.postings.between(self.prefix(names), 0, len(self.prefixes))


class DayIndex:
    """Articles (by position) by the days their text names and the days they are about (named, else published):
    the pairs where one names a day the other is about, which is a strong link whatever their distance."""

    def __init__(self, named: Sequence[Collection[str]], days: Sequence[Collection[str]]) -> None:
        self.named, self.days = named, days
        self._by_named, self._by_day = Postings(), Postings()
        for k, (n, d) in enumerate(zip(named, days, strict=True)):
            self._by_named.add(k, n)
            self._by_day.add(k, d)

    def partners(self, position: int, lo: int, hi: int) -> set[int]:
        """Positions j in [lo, hi) with named[position] & days[j] or days[position] & named[j] (itself excluded)."""
        found = self._by_day.between(self.named[position], lo, hi)
        found |= self._by_named.between(self.days[position], lo, hi)
        return found - {position}
