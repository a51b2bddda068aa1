"""Inferred publication dates: an undated article that reports the claims or the sentences of dated ones takes the
earliest such article's day, and a warning says so."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from generator import heldfiles
from generator.claims import split_sentences
from generator.claims.claimants import same_claimant
from generator.diagnostics import Code
from generator.events.blocking import Postings
from generator.models import Article, Diagnostic
from generator.vocabulary import DateOrigin

SHARED_TEXT = 0.3  # share of an undated article's sentences found word for word in a dated one: a copy

_ClaimKey = tuple[str, int, str]  # category, figure, claimant


def _claim_keys(a: Article) -> set[_ClaimKey]:
    """Attributed exact figures: (category, figure, claimant) that say which news cycle an article belongs to."""
    return {(c.category, c.quantity, c.claimant) for c in a.claims
            if c.quantity is not None and c.claimant and not c.curated}


def _sentence_keys(a: Article) -> frozenset[str]:
    return _body_sentence_keys(a.body)


@heldfiles.by_text  # `mkdocs serve`: the bodies of the articles that did not change are split once
def _body_sentence_keys(body: str) -> frozenset[str]:
    return frozenset(" ".join(re.findall(r"\w+", s.text.lower())) for s in split_sentences(body)
                     if len(s.text.split()) >= 8)


@dataclass
class _DatedIndex:
    """The dated articles by a claim's (category, figure) and claimant, and by sentence, so each undated article
    is compared with the few candidates that share something, not with every article."""

    dated: list[Article]  # in day order: a position here is the article's place in that order
    # (category, figure) -> claimant -> positions of the articles with an attributed claim of that figure
    by_figure: dict[tuple[str, int], dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    by_sentence: Postings = field(default_factory=Postings)
    sentences: list[frozenset[str]] = field(default_factory=list)  # by position: the sentence keys of each


def _index_dated(dated: list[Article]) -> _DatedIndex:
    index = _DatedIndex(dated)
    for k, d in enumerate(dated):
        for cat, figure, who in sorted(_claim_keys(d)):
            index.by_figure[(cat, figure)].setdefault(who, []).append(k)
        index.sentences.append(_sentence_keys(d))
        index.by_sentence.add(k, index.sentences[k])
    return index


def _shared_claims(mine: set[_ClaimKey], index: _DatedIndex) -> dict[int, set[_ClaimKey]]:
    """Per dated position, the undated article's claim keys it reports (same category, figure and claimant)."""
    shared: dict[int, set[_ClaimKey]] = defaultdict(set)
    for k in mine:
        for who, positions in index.by_figure.get(k[:2], {}).items():
            if same_claimant(k[2], who):  # once per claimant name, not once per article giving it
                for p in positions:
                    shared[p].add(k)
    return shared


def _copies(my_sentences: frozenset[str], index: _DatedIndex) -> dict[int, float]:
    """The dated positions holding at least SHARED_TEXT of the undated article's sentences, and that share.

    Prefix filtering: an article holding `need` of my n sentences holds one of any n - need + 1 of them, so only
    the rarest n - need + 1 are looked up; the share of each article found is then counted in full. This finds
    every article that copies enough, and no sentence found in most articles makes the look-up grow with them.
    """
    n = len(my_sentences)
    need = next((c for c in range(1, n + 1) if c / n >= SHARED_TEXT), n + 1)
    if need > n:
        return {}
    rarest = sorted(my_sentences, key=lambda s: (index.by_sentence.count(s), s))[:n - need + 1]
    found = index.by_sentence.between(rarest, 0, len(index.dated))
    shares = {p: len(my_sentences & index.sentences[p]) / n for p in found}
    return {p: share for p, share in shares.items() if share >= SHARED_TEXT}


def _best_sources(a: Article, index: _DatedIndex) -> tuple[list[Article], str] | None:
    """The dated articles that share the most with an undated one (earliest first), and what they share."""
    shared = _shared_claims(_claim_keys(a), index)
    copies = _copies(_sentence_keys(a), index)
    # An article reporting the same claims counts them; one that only copies text counts one.
    strength = {p: len(keys) for p, keys in shared.items()} | {p: 1 for p in copies if p not in shared}
    if not strength:
        return None
    best = max(strength.values())
    top = sorted(p for p, n in strength.items() if n == best)  # in day order: the first is the earliest
    first = top[0]
    if first in shared:
        cat, figure, who = sorted(shared[first])[0]
        why = f"{best} of the same claims ({who} {figure} {cat}" + (", …)" if best > 1 else ")")
    else:
        why = f"{copies[first]:.0%} of its sentences word for word"
    return [index.dated[p] for p in top], why


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
