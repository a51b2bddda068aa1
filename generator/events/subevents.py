"""Parts of a day: the distinct attacks, raids and blasts a day's articles report ("Raid on the prison in Mastung"),
each with its sentences and the claim rows that quote them."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from generator import memos, rules
from generator.claims import split_sentences
from generator.models import Article, Event, SubEvent
from generator.vocabulary import Precision

MAX_SUBEVENTS = 8

# What was done, as a verb or a noun, and the name a part gets for it; the first act that matches names it.
_ACTS = [(key, rules.rule("events", f"act_{key}").pattern, str(name))
         for key, name in rules.rule("events", "acts").table.items()]
_ACT_RE = re.compile(r"\b(?:" + "|".join(f"(?P<a{i}>{p})" for i, (_, p, _) in enumerate(_ACTS)) + r")\b", re.I)
_TARGET_RE = re.compile(r"\b(?:a|an|the|two|three|several)?\s*(?:[\w-]+\s+){0,2}?(?P<t>"
                        + rules.rule("events", "targets").alternation() + r")s?\b", re.I)
_GENERAL_TARGETS = frozenset(rules.rule("events", "general_targets").words)
PLACE_RE = _PLACE_RE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)\s+(?:the\s+)?"
                       r"(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
# "in March", "at The ...": capitalised words after a preposition that do not start a place name.
NOT_PLACES = _NOT_PLACES = frozenset(rules.rule("events", "place_stop_words").words) | {
    name for kind in ("months", "weekdays") for name in rules.rule("calendar", kind).table}


def find_subevents(ev: Event, articles: list[Article], region_name: str = "") -> list[SubEvent]:
    """The distinct attacks, raids and blasts the day's articles report, each with its sentences and figures."""
    found: dict[tuple[str, str], SubEvent] = {}
    listed: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # the sentences of each part, as a set
    region = f"{ev.title} {region_name}".lower()
    for a in articles:
        other_days = sorted({m.start for m in a.mentions
                             if m.precision == Precision.DAY and m.value and m.value[:10] != ev.start})
        for sent in split_sentences(a.body):
            k = bisect.bisect_left(other_days, sent.start)
            if k < len(other_days) and other_days[k] < sent.start + len(sent.text):
                continue  # the sentence is about another day
            text = sent.text.strip()
            part = _part_of(text, region)
            if part is None:
                continue
            key, title = part
            if key not in found:
                found[key] = SubEvent(title=title, sentences=[])
            if (a.id, text) not in listed[key]:
                listed[key].add((a.id, text))
                found[key].sentences.append((a.id, text))
    # A target without a place, or the same place named with and without a target, is one part of the day.
    placed = {t for t, p in found if p}
    subevents = [sv for (t, p), sv in found.items() if p or t not in placed]
    _attach_rows(subevents, ev)
    # Parts reported by more sentences first; a day with one part has nothing to nest.
    subevents.sort(key=lambda sv: (-len(sv.sentences), sv.title))
    return subevents[:MAX_SUBEVENTS] if len(subevents) > 1 else []


def _part_of(text: str, region: str) -> tuple[tuple[str, str], str] | None:
    """The part of the day a sentence reports, as (target, place) and its title; None for no act, or an act with
    neither a target nor a place of its own."""
    reading = _act_target_place(text)
    if reading is None:
        return None
    act_key, kind, t, p = reading
    if p and p.lower() in region:
        p = ""  # "attacks in Balochistan" is the whole day's event, not a part of it
    if not t and not p:
        return None
    what = f"{kind} {'at' if act_key == 'arson' else 'on'} the {t}" if t else kind  # arson at the prison
    return (t, p), f"{what} in {p}" if p else what


@memos.memo(32768)
def _act_target_place(text: str) -> tuple[str, str, str, str] | None:
    """What a sentence says was done (the act's key and name), to what (a target, "" for none) and where (a place,
    or ""), whatever the day's region; None for no act. Read once per sentence: wire copies repeat sentences, and
    the patterns are slow (a case-blind alternation tried at every word)."""
    act = _ACT_RE.search(text)
    if not act:
        return None
    target = _TARGET_RE.search(text, act.start() - 40 if act.start() > 40 else 0)
    place = _PLACE_RE.search(text)
    if place and place.group("p").split()[0] in _NOT_PLACES:
        place = None
    if target and not place and target.group("t").lower() in _GENERAL_TARGETS:
        target = None  # "struck 12 towns": too general to be one part of the day
    act_key, _, kind = next(_ACTS[i] for i in range(len(_ACTS)) if act.group(f"a{i}"))
    return act_key, kind, target.group("t").lower() if target else "", place.group("p") if place else ""


def _attach_rows(subevents: list[SubEvent], ev: Event) -> None:
    """Each part's claim rows: those with a claim quoting one of its sentences, in the order of ev.all_rows()."""
    parts_of: dict[str, list[int]] = defaultdict(list)
    for k, sv in enumerate(subevents):
        for quote in dict.fromkeys(s for _, s in sv.sentences):
            parts_of[quote].append(k)
    for r in ev.all_rows():
        for k in sorted({k for c in r.claims for k in parts_of.get(c.quote, ())}):
            subevents[k].row_ids.append(r.id)
