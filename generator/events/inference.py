"""Inferred publication dates: an undated article that reports the claims or the sentences of dated ones takes the
earliest such article's day, and a warning says so."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from generator.claims import split_sentences
from generator.claims.claimants import same_claimant
from generator.diagnostics import Code
from generator.models import Article, Diagnostic
from generator.vocabulary import DateOrigin

SHARED_TEXT = 0.3  # share of an undated article's sentences found word for word in a dated one: a copy

_ClaimKey = tuple[str, int, str]  # category, figure, claimant


def _claim_keys(a: Article) -> set[_ClaimKey]:
    """Attributed exact figures: (category, figure, claimant) that say which news cycle an article belongs to."""
    return {(c.category, c.quantity, c.claimant) for c in a.claims
            if c.quantity is not None and c.claimant and not c.curated}


def _sentence_keys(a: Article) -> set[str]:
    return {" ".join(re.findall(r"\w+", s.text.lower())) for s in split_sentences(a.body)
            if len(s.text.split()) >= 8}


@dataclass
class _DatedIndex:
    """The dated articles by a claim's (category, figure) and by sentence, so each undated article is compared
    with the few candidates that share something, not with every article."""

    order: dict[str, int]  # dated article id -> its place in day order
    by_figure: dict[tuple[str, int], list[tuple[Article, str]]] = field(default_factory=lambda: defaultdict(list))
    by_sentence: dict[str, list[Article]] = field(default_factory=lambda: defaultdict(list))


def _index_dated(dated: list[Article]) -> _DatedIndex:
    index = _DatedIndex(order={d.id: k for k, d in enumerate(dated)})
    for d in dated:
        for cat, figure, who in _claim_keys(d):
            index.by_figure[(cat, figure)].append((d, who))
        for key in _sentence_keys(d):
            index.by_sentence[key].append(d)
    return index


def _best_sources(a: Article, index: _DatedIndex) -> tuple[list[Article], str] | None:
    """The dated articles that share the most with an undated one (earliest first), and what they share."""
    mine, my_sentences = _claim_keys(a), _sentence_keys(a)
    shared: dict[str, set[_ClaimKey]] = defaultdict(set)
    by_id: dict[str, Article] = {}
    for k in mine:
        for d, who in index.by_figure.get(k[:2], []):
            if same_claimant(k[2], who):
                shared[d.id].add(k)
                by_id[d.id] = d
    copies: Counter[str] = Counter()
    for key in my_sentences:
        for d in index.by_sentence.get(key, []):
            copies[d.id] += 1
            by_id[d.id] = d
    matches: list[tuple[int, Article, str]] = []
    for did in sorted(by_id, key=index.order.__getitem__):
        d = by_id[did]
        copied = copies[did] / len(my_sentences) if my_sentences else 0.0
        if shared[did]:
            cat, figure, who = sorted(shared[did])[0]
            n = len(shared[did])
            matches.append((n, d, f"{n} of the same claims ({who} {figure} {cat}" + (", …)" if n > 1 else ")")))
        elif copied >= SHARED_TEXT:
            matches.append((1, d, f"{copied:.0%} of its sentences word for word"))
    if not matches:
        return None
    best = max(n for n, _, _ in matches)
    top = [(d, why) for n, d, why in matches if n == best]  # in day order: the first is the earliest
    return [d for d, _ in top], top[0][1]


def infer_publication_dates(articles: list[Article]) -> tuple[list[Article], list[str], list[Diagnostic]]:
    """Give an undated article the day of the dated articles that report its claims or its text; say so.

    Same claimant, category and figure (or the same sentences) means the same news cycle, so the earliest
    such article's day is the best guess of when it was written, and its 'on Saturday' and 'yesterday' can
    then be resolved. The guess is shown as inferred on the site and named in a warning, never used silently.

    Returns the articles in the same order, each one whose date was inferred replaced by a dated copy (the
    others are the same objects: none is changed), the ids of those copies, and the warnings.
    """
    dated = sorted((a for a in articles if a.published_day and a.date_origin != DateOrigin.INFERRED),
                   key=lambda a: (a.published_day or "", a.path))
    if not dated:
        return list(articles), [], []
    index = _index_dated(dated)
    out: list[Article] = []
    inferred_ids: list[str] = []
    diags: list[Diagnostic] = []
    for a in articles:
        found = None if a.published_day else _best_sources(a, index)
        if found is None:
            out.append(a)
            continue
        sources, why = found
        source = sources[0]
        out.append(replace(a, published_day=source.published_day, date_origin=DateOrigin.INFERRED,
                           inferred_from=[d.id for d in sources]))
        inferred_ids.append(a.id)
        diags.append(Diagnostic(a.location, "warning",
                                f"undated: publication date inferred as {source.published_day} from {source.path}, "
                                f"which reports {why}; its relative dates are resolved against that day; "
                                "add a date to its front matter to confirm or correct it", Code.DATE_INFERRED))
    return out, inferred_ids, diags
