"""Re-anchoring: a review decision whose claim id is gone follows its claim into the edited sentence.

A claim id hashes the article's file and the sentence (generator/claims/ids.py), so editing one word of the
sentence gives the claim a new id. The review file therefore records what each decision was made on, under
`extracted:` (written by `python -m generator review`): the article's file, the claimant, the category, the
figure and the sentence. When the decision's id is gone, it goes to the claim of the same article with the
same claimant, category and figure whose sentence is most like the recorded one, if the two are alike enough.

"Alike enough" is difflib.SequenceMatcher's ratio over the two sentences' words (case and punctuation aside):
2 * words in common, in order / words in both. It must be at least SIMILAR_ENOUGH (0.7). One word changed in a
sentence of six words scores 0.83, in one of fifteen 0.93; a sentence rewritten in other words scores well
below 0.7 even when it states the same figure, and then the decision matches nothing, which is an error:
a rejected figure never comes back silently.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from generator.models import Article, Claim

SIMILAR_ENOUGH = 0.7  # the least word-sequence ratio of a sentence the decision may move to (see above)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Recorded:
    """What a decision was made on, as the review file records it under `extracted:`."""

    article: str  # the article's file, relative to the content folder (Article.file)
    quote: str  # the sentence
    category: str
    figure: str  # figure_key of the claim: "12", "13-46", "dozens"
    claimant: str | None = None  # None: reported without a source


@dataclass(frozen=True)
class Anchor:
    """The claim a decision applies to, with how alike its sentence is to the recorded one (1.0: same id)."""

    article: Article
    claim: Claim
    similarity: float


def figure_key(c: Claim) -> str:
    """The figure as one comparable string: the number ("12"), a range ("13-46") or the vague word ("dozens")."""
    if c.quantity is None:
        return c.figure_text.strip().lower()
    return f"{c.quantity}-{c.upper}" if c.upper is not None else str(c.quantity)


def record_of(a: Article, c: Claim) -> Recorded:
    """What the review file records about a claim when an editor decides on it."""
    return Recorded(article=a.file, quote=" ".join(c.quote.split()), category=c.category, figure=figure_key(c),
                    claimant=c.claimant)


def similarity(a: str, b: str) -> float:
    """difflib's ratio over the words of two sentences, without case or punctuation: 1.0 the same words."""
    wa, wb = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def same_claim(r: Recorded, c: Claim) -> bool:
    """The claim says what the recorded one said: same category, figure and claimant (case aside)."""
    return (c.category.casefold() == r.category.casefold() and figure_key(c) == r.figure.strip().lower()
            and (c.claimant or "").casefold() == (r.claimant or "").casefold())


def candidates(r: Recorded, a: Article, taken: set[str]) -> list[tuple[float, Claim]]:
    """The article's claims that say what the recorded one said, not decided otherwise, with their similarity."""
    return [(similarity(r.quote, c.quote), c) for c in a.claims if c.id not in taken and same_claim(r, c)]


def reanchor(r: Recorded, articles: dict[str, Article], taken: set[str]) -> tuple[Anchor | None, float]:
    """The claim a decision moves to, or None; and the best similarity found (0.0 when nothing said the same).

    The most similar sentence wins; on a tie the first in the article (a stable choice). Claims in `taken`
    (decided by their own id, or already taken by another moved decision) are not candidates.
    """
    a = articles.get(r.article)
    if a is None:
        return None, 0.0
    scored = candidates(r, a, taken)
    if not scored:
        return None, 0.0
    best, claim = max(scored, key=lambda sc: sc[0])  # max keeps the first of equals: article order
    if best < SIMILAR_ENOUGH:
        return None, best
    return Anchor(a, claim, best), best
