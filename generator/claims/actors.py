"""Claimants by their canonical names: pronouns to the last speaker, titles and surnames to the full name the
article gives ("the chief minister" -> "Chief Minister Jane Roe"), names to their acronym ("BLA"), and names to
the actors of the registry (actors.yml, content/actors.yml) with match_actor.
"""

from __future__ import annotations

import re
from typing import Any

from generator import memos, rules
from generator.claims.attribution import ANAPHORS, GENERIC_SOURCES
from generator.claims.claimants import claimant_key
from generator.config import Config
from generator.models import Article

_ORGANISATIONS = rules.rule("speech", "organisations").alternation()
# "the group's spokesman": the spokesman of the organisation the article named last by its acronym
_GROUP_ROLE = re.compile(rf"^(?:the\s+)?(?:{_ORGANISATIONS})['’]s\s+(\w+)$", re.IGNORECASE)
_ACRONYM = re.compile(r"\b((?:[A-Z][\w'’-]+\s+){1,6})\(([A-Z]{2,6})\)")  # "Balochistan Liberation Army (BLA)"
_NAME_OPENER = re.compile(rf"^(?:{rules.rule('speech', 'name_openers').alternation()})\s+")
_LETTERS = re.compile(r"[A-Za-z]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def resolve_claimant(name: str | None, article: Article, config: Config, last: str | None) -> str | None:
    """Canonical claimant: pronouns to the last speaker, titles and surnames to the full name, aliases to actors."""
    if name is None:
        return None
    low = name.lower()
    if low in ANAPHORS and last:
        return last
    if low in GENERIC_SOURCES:
        return name.capitalize() if name.islower() else name
    actor = match_actor(name, config.actors)
    if actor:
        return actor
    for full, acronym in _acronyms(article.body):
        if name == acronym:
            break
        if re.search(rf"\b{re.escape(full)}$", name) or name.lower().endswith(full.lower()):
            return acronym
    group_role = _GROUP_ROLE.match(name)
    if group_role:
        orgs = _acronyms(article.body)
        if orgs:
            return f"{orgs[-1][1]} {group_role.group(1).lower()}"
    name = _expand_title(name, article.body) or name
    return name[0].upper() + name[1:] if name[0].islower() else name


@memos.memo(64)
def _acronyms(body: str) -> list[tuple[str, str]]:
    """'Balochistan Liberation Army (BLA)' -> [('Balochistan Liberation Army', 'BLA')], by initials."""
    out: list[tuple[str, str]] = []
    for m in _ACRONYM.finditer(body):
        words = m.group(1).split()
        acronym = m.group(2)
        for k in range(len(words)):
            if "".join(w[0] for w in words[k:]).upper() == acronym:
                out.append((" ".join(words[k:]), acronym))
                break
    return list(dict.fromkeys(out))


def match_actor(name: str, actors: dict[str, list[str]]) -> str | None:
    """Canonical actor for a claimant ("Pakistan's army" -> "Pakistan military"), or None.

    The first entry and alias, in the registry's order, that the name equals or ends with after one or two
    capitalised words. A name can only end with an alias that is the name without its first one or two words,
    so only the aliases with those keys are tried (from an index of the registry, made once per registry).
    """
    key = claimant_key(name)
    tokens = key.split()
    index = _actor_index(actors)
    tried = [(order, canonical, 0) for order, canonical in index.get(key, ())]
    for drop in (1, 2):
        if len(tokens) > drop:
            tried += [(order, canonical, drop) for order, canonical in index.get(" ".join(tokens[drop:]), ())]
    for _order, canonical, drop in sorted(tried):
        if not drop:
            return canonical
        words = tokens[:drop]
        if all(w[:1].isalpha() for w in words):
            original = [w for w in _LETTERS.findall(_POSSESSIVE.sub("", name)) if w.lower() in words]
            if original and all(w[:1].isupper() for w in original):
                prefix = " ".join(original)
                return f"{prefix} {canonical[0].lower()}{canonical[1:]}"
    return None


_actor_cache: list[Any] = []  # [registry, a copy of it, its index]: the last registry matched against


def _actor_index(actors: dict[str, list[str]]) -> dict[str, list[tuple[int, str]]]:
    """claimant_key of every name and alias of the registry -> (place in the registry's order, canonical name)."""
    if _actor_cache and _actor_cache[0] is actors and _actor_cache[1] == actors:
        return _actor_cache[2]
    index: dict[str, list[tuple[int, str]]] = {}
    order = 0
    for canonical, aliases in actors.items():
        for alias in [canonical, *aliases]:
            akey = claimant_key(alias)
            if akey:
                index.setdefault(akey, []).append((order, canonical))
            order += 1
    _actor_cache[:] = [actors, {k: list(v) for k, v in actors.items()}, index]
    return index


@memos.memo(4096)
def _expand_title(name: str, body: str) -> str | None:
    """'the chief minister' or 'Bugti' -> 'Chief Minister Sarfraz Bugti' when the article names them so."""
    words = claimant_key(name).split()
    if not words or len(words) > 4:
        return None
    # The patterns are tried only where the body has the name's rarest word (from an index of the body made
    # once), not run through a long body once for every name: the same matches, found in the same order.
    index = _runs(body)
    if len(words) == 1 and name[:1].isupper():
        pat = re.compile(rf"\b((?:[A-Z][a-z]+\s+){{1,4}}){re.escape(name)}\b")
        pieces = [(m.start(), m.group(0)) for m in _RUN.finditer(name) if not "a" <= m.group(0)[0] <= "z"]
        offset, rare = min(pieces, key=lambda piece: len(index.get(piece[1], ())))
        best = None
        end = 0  # where the last match ended: matches do not overlap (finditer)
        for at in index.get(rare, ()):
            p = at - offset
            if p < max(end, 1) or not body.startswith(name, p):
                continue
            for start in _capitalised_before(body, p):
                m = pat.match(body, start) if start >= end else None
                if m:
                    cand = (m.group(1) + name).strip()
                    cand = _NAME_OPENER.sub("", cand)
                    if best is None or len(cand) > len(best):
                        best = cand
                    end = m.end()
                    break
        return best
    if name[:1].islower() or name.lower().startswith("the "):
        caps = [w.capitalize() for w in words]
        title = r"\s+".join(caps)
        pat = re.compile(rf"\b{title}\s+((?:[A-Z][a-z]+\s*){{1,3}})")
        k = min(range(len(caps)), key=lambda i: len(index.get(caps[i], ())))
        starts = [q for at in index.get(caps[k], ()) if (q := _words_before(body, at, caps[:k])) is not None]
        for q in sorted(starts):
            named = pat.match(body, q)  # the first match in the body, as re.search finds it
            if named:
                return f"{' '.join(caps)} {named.group(1).strip()}"
    return None


_RUN = re.compile(r"\w+")
_RUN_NOT_LOWER = re.compile(r"\b(?![a-z])\w+")  # the runs that do not start with a-z: all the names looks up


@memos.memo(4)
def _runs(body: str) -> dict[str, list[int]]:
    """Where each run of word characters of the body starts, by its text: an index to find names in it.
    Runs that start with a-z are left out: the words looked up (a name's, capitalised titles) never do."""
    index: dict[str, list[int]] = {}
    for m in _RUN_NOT_LOWER.finditer(body):
        index.setdefault(m.group(0), []).append(m.start())
    return index


def _capitalised_before(body: str, p: int) -> list[int]:
    """Where one to four capitalised words ([A-Z][a-z]+), each followed by white space, start just before p:
    the places a match of "((?:[A-Z][a-z]+\\s+){1,4})NAME" can start for a NAME at p. Leftmost first."""
    out = []
    j = p
    for _ in range(4):
        k = j
        while k > 0 and body[k - 1].isspace():
            k -= 1
        if k == j:
            break
        e = k
        while k > 0 and "a" <= body[k - 1] <= "z":
            k -= 1
        if k == e or k == 0 or not "A" <= body[k - 1] <= "Z":
            break
        j = k - 1
        out.append(j)
    return out[::-1]


def _words_before(body: str, at: int, words: list[str]) -> int | None:
    """Where `words` start when they come just before `at`, each followed by white space; None when they do not."""
    for w in reversed(words):
        k = at
        while k > 0 and body[k - 1].isspace():
            k -= 1
        if k == at or not body.startswith(w, k - len(w)) or k - len(w) < 0:
            return None
        at = k - len(w)
    return at
