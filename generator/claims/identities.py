"""One identity per claimant across the articles: a person who speaks for an organisation is filed under it.

An apposition or a role in one article ("Jane Roe, a spokeswoman for the port authority, said ...") tells the
build that Jane Roe speaks for the port authority. Her figures in every article ("Jane Roe said 12 were hurt",
"Roe said") are then the port authority's, with her named on the row, so one spokeswoman is not split over
rows of her own, her title's and her organisation's. The editors' registry wins: a person listed in
content/actors.yml (or timeline.yml actors) keeps rows of their own.
"""

from __future__ import annotations

from dataclasses import replace

from generator.claims.actors import match_actor
from generator.claims.claimants import claimant_key
from generator.config import Config
from generator.models import Article, Claim


def speaks_for(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """claimant_key of each person named as speaking for an organisation -> (the organisation, the person's name
    as first written), the first the articles give, in article order."""
    found: dict[str, tuple[str, str]] = {}
    for a in articles:
        for c in a.claims:
            if c.spokesperson and c.claimant:
                found.setdefault(claimant_key(c.spokesperson), (c.claimant, c.spokesperson))
    return found


def _surnames(people: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The last word of each person's name -> that person's key, for the surnames only one of them has."""
    by_last: dict[str, list[str]] = {}
    for key in people:
        words = key.split()
        if len(words) > 1:
            by_last.setdefault(words[-1], []).append(key)
    return {last: keys[0] for last, keys in by_last.items() if len(keys) == 1}


def group_spokespeople(articles: list[Article], config: Config) -> list[Article]:
    """The articles with each claim of a known spokesperson filed under the organisation they speak for (new
    Article and Claim objects where something changes; the others are passed on as they are)."""
    people = {key: v for key, v in speaks_for(articles).items() if match_actor(v[1], config.actors) is None}
    if not people:
        return articles
    surnames = _surnames(people)
    out = []
    for a in articles:
        claims = [_filed(c, people, surnames) for c in a.claims]
        changed = any(new is not old for new, old in zip(claims, a.claims, strict=True))
        out.append(replace(a, claims=claims) if changed else a)
    return out


def _filed(c: Claim, people: dict[str, tuple[str, str]], surnames: dict[str, str]) -> Claim:
    if not c.claimant or c.spokesperson or c.curated:
        return c
    key = claimant_key(c.claimant)
    key = key if key in people else surnames.get(key, "")
    if not key:
        return c
    org, _person = people[key]
    return replace(c, claimant=org, spokesperson=c.claimant)
