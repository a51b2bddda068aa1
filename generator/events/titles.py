"""Titles: an event's title is the headline of an article about its day, else its main claim ("Military says 41
militants killed"), else the main clause of the sentence that dates it."""

from __future__ import annotations

import re
from functools import lru_cache

from generator import memos, rules
from generator.claims import strip_asides
from generator.events.periods import long_period
from generator.models import Article, ClaimRow, Event
from generator.vocabulary import DateOrigin, Precision

HEADLINE_WORDS = 14
_NOUN_PHRASE: dict[str, str] = rules.rule("events", "claim_noun_phrases").table  # dead: "{n} dead", ...
_PLURAL_HEADS = frozenset(w.lower() for w in rules.rule("speakers", "plural_heads").words)


def _words(name: str) -> str:
    """A word list of rules/events.yml as a regex alternation."""
    return rules.rule("events", name).alternation()


_CLAUSE_CUT = re.compile(r"\s*[;:–—]\s*|,\s+(?=(?:" + _words("clause_openers") + r")\b)")
_LEAD = re.compile(r"^(?:(?:" + _words("headline_lead_words") + r")\s*,?\s+)+", re.I)
_ASIDE = re.compile(r",\s*(?:he|she|they|it|officials|police)\s+(?:said|says|added|told \w+)\s*,|\s*\([^)]*\)"
                    r"|,\s*(?:which|who|whose)\b[^,;]*,")
_WEAK_END = re.compile(r"\s+(?:" + _words("headline_weak_ends") + r")$", re.I)
_TRAILING_ATTRIBUTION = re.compile(r",\s*(?:[\w'’.-]+\s+){0,7}(?:said|says|told \w+|added|reported|announced)"
                                   r"(?:\s+(?:on|late on|early on)\s+\w+)?$", re.I)
_CUT_WORDS = re.compile(r"^(?:" + _words("headline_cut_words") + r")$", re.I)
_TAG = re.compile(r"^(?:" + _words("headline_tags") + r")\s*[:|-]\s*", re.I)

_YEAR_LIKE = re.compile(r"\d{4}")  # what `must` is: an event's year
_FOUR_DIGITS = re.compile(r"(?=(\d{4}))")
_FIRST_WORD = re.compile(r"\s*(\S+)")
_WORD_RUN = re.compile(r"\S+")
_SINCE = re.compile(r"^(?:since|in|on|by|after)\s+(?:its|their|his|her|the)?\s*", re.I)
_LEAD_AT = re.compile(_LEAD.pattern.removeprefix("^"), re.I)  # _LEAD where a clause starts further on
# _ASIDE's alternatives that start with a comma: ", he said," and ", which ... ," (up to the next comma, if no ';')
_ASIDE_SAID = re.compile(r",\s*(?:he|she|they|it|officials|police)\s+(?:said|says|added|told \w+)\s*,")
_ASIDE_WHICH = re.compile(r",\s*(?:which|who|whose)\b")


def event_title(ev: Event, by_id: dict[str, Article], main_day: dict[str, str | None]) -> str:
    """The title of an event that has none from an editor."""
    if ev.start is None:
        return "Undated reports: " + by_id[ev.article_ids[0]].title if ev.article_ids else "Undated reports"
    anchored = [i for i in ev.article_ids if main_day.get(i) == ev.start and ev.precision == Precision.DAY]
    # A real headline of an article about the day reads best; a claim or a sentence is made into one otherwise.
    headlines = [i for i in anchored if _is_headline(by_id[i].title)]
    if headlines:
        best = max(headlines, key=lambda i: (by_id[i].date_origin not in (DateOrigin.INFERRED, DateOrigin.NONE),
                                             sum(1 for r in ev.rows for c in r.claims if c.article_id == i),
                                             -ev.article_ids.index(i)))
        return _TAG.sub("", by_id[best].title)
    if ev.rows and (ev.precision in (Precision.DAY, Precision.PERIOD) or not ev.context):
        return claim_headline(ev.rows[0])
    if ev.context:
        year = ev.start[:4] if ev.precision in (Precision.YEAR, Precision.DECADE, Precision.MONTH) else None
        return sentence_headline(ev.context[0][1], year)
    return sentence_headline(by_id[ev.article_ids[0]].title)


def claim_headline(r: ClaimRow) -> str:
    """'Military says 41 militants killed': who claims what, for an event known only from its figures."""
    n = f"{r.qualifier + ' ' if r.qualifier else ''}{r.quantity:,}" if r.quantity is not None else r.figure_text
    if r.upper is not None:
        n += f" to {r.upper:,}"
    # The category may be an editor's text ({braces} and all): it is never a format string.
    what = _NOUN_PHRASE[r.category].format(n=n) if r.category in _NOUN_PHRASE else f"{n} {r.category}"
    if r.scope and long_period(r.scope):
        what += " " + str(r.scope)
    if r.claimant:
        return f"{r.claimant} {says(r.claimant)} {what}"
    return what[0].upper() + what[1:]


def says(claimant: str) -> str:
    """The verb after a claimant's name: 'say' when the name ends in a plural noun ("Hospital officials say",
    "Police say"; rules/speakers.yml, plural_heads), else 'says' ("Interior ministry says", "Reuters says")."""
    words = claimant.split()
    return "say" if words and words[-1].lower().strip(".,;:") in _PLURAL_HEADS else "says"


def _is_headline(title: str) -> bool:
    """A title, not a first sentence standing in for one: short and not ending in a full stop."""
    words = title.split()
    return 2 <= len(words) <= 16 and not title.rstrip().endswith((".", "…")) and "," not in title[:-1] \
        or (len(words) <= 12 and not title.rstrip().endswith("."))


@memos.memo(8192)  # wire copies date their events with the same sentences
def sentence_headline(sentence: str, must: str | None = None) -> str:
    """A headline from a sentence: its main clause (the one naming `must`), asides dropped, at most ~14 words.

    A long sentence is read once (its clauses and parts, and where each year is named in them, are kept); each
    headline then reads only the first and last words of the clause it comes from.
    """
    clause = _main_clause(sentence, must)
    lo, hi = _clause_bounds(clause, must)
    runs = []  # the first HEADLINE_WORDS + 1 words: enough to know whether the clause is longer than a headline
    for run in _WORD_RUN.finditer(clause, lo, hi):
        runs.append(run)
        if len(runs) > HEADLINE_WORDS:
            break
    words = [w.group(0) for w in runs]
    if len(runs) > HEADLINE_WORDS:
        words = _shorten(clause, runs, lo, hi, must)
    out = _WEAK_END.sub("", " ".join(words).strip(" ,"))
    return out[:1].upper() + out[1:] if out else sentence[:90]


def _main_clause(sentence: str, must: str | None) -> str:
    """The clause a headline is made from: the first, or for a sentence about two dates the one naming `must`."""
    text, clauses = _headline_pieces(sentence)
    if not must:
        return clauses[0] if clauses else text
    if _YEAR_LIKE.fullmatch(must):
        first_part, first_clause = _headline_years(sentence)
        return first_part.get(must) or first_clause.get(must) or (clauses[0] if clauses else text)
    parts = [p.strip() for c in clauses for p in c.split(", ")]
    return next((p for p in parts if must in p and len(p.split()) >= 4),
                next((c for c in clauses if must in c), clauses[0] if clauses else text))


def _clause_bounds(clause: str, must: str | None) -> tuple[int, int]:
    """Where the headline's words start and end in the clause: after "Since 1998," (when the event is that year)
    and "Meanwhile,", and without the spaces around."""
    lo, hi = 0, len(clause)
    if must and _names_year(clause, must, 0, hi):
        first = _FIRST_WORD.match(clause)
        since = _SINCE.match(clause) if first and first.group(1).lower() in ("since", "in", "on", "by", "after") \
            else None
        if since:
            lo = since.end()
    lead = _LEAD_AT.match(clause, lo)
    if lead:
        lo = lead.end()
    while lo < hi and clause[lo].isspace():
        lo += 1
    while hi > lo and clause[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _shorten(clause: str, runs: list[re.Match[str]], lo: int, hi: int, must: str | None) -> list[str]:
    """The words of a headline from a clause longer than HEADLINE_WORDS (runs: its first words)."""
    words = [w.group(0) for w in runs]
    cut = next((k for k in range(6, HEADLINE_WORDS + 1) if _CUT_WORDS.match(words[k])
                and not (must and _names_year(clause, must, runs[k].start(), hi))), None)
    if cut:
        return words[:cut]
    # Keep the subject and the end of the predicate, where the verb and the date usually sit.
    head: list[str] = []
    for w in words[:7]:
        if len(head) >= 3 and (_CUT_WORDS.match(w) or w.lower().endswith("ing")):
            break
        head.append(w)
    return [*head, "…", *_last_words(clause, lo, hi, 5)]


@lru_cache(maxsize=64)
def _headline_pieces(sentence: str) -> tuple[str, tuple[str, ...]]:
    """A sentence without its asides and trailing attribution, and its clauses."""
    text = strip_asides(sentence.strip().rstrip(".!?"), _aside_at)  # _ASIDE.sub("", ...), in one pass
    text = _TRAILING_ATTRIBUTION.sub("", text)
    return text, tuple(c.strip() for c in _CLAUSE_CUT.split(text) if c and c.strip())


def _aside_at(text: str, c: int) -> int | None:
    """Where a match of _ASIDE at the comma c ends, or None."""
    m = _ASIDE_SAID.match(text, c)
    if m:
        return m.end()
    m = _ASIDE_WHICH.match(text, c)
    if not m:
        return None
    after = text.find(",", m.end())
    return after + 1 if after != -1 and text.find(";", m.end(), after) == -1 else None


@lru_cache(maxsize=64)
def _headline_years(sentence: str) -> tuple[dict[str, str], dict[str, str]]:
    """For each year named in a sentence: the first part (between ', ') of four words or more, and the first
    clause, that name it."""
    _text, clauses = _headline_pieces(sentence)
    first_part: dict[str, str] = {}
    first_clause: dict[str, str] = {}
    for c in clauses:
        for y in _years_in(c):
            first_clause.setdefault(y, c)
        for p in c.split(", "):
            p = p.strip()
            if len(p.split()) >= 4:
                for y in _years_in(p):
                    first_part.setdefault(y, p)
    return first_part, first_clause


def _years_in(text: str) -> dict[str, int]:
    """Every four-digit string in text and where it last starts."""
    return {m.group(1): m.start() for m in _FOUR_DIGITS.finditer(text)}


@lru_cache(maxsize=64)
def _last_year_at(clause: str) -> dict[str, int]:
    return _years_in(clause)


def _names_year(clause: str, must: str, lo: int, hi: int) -> bool:
    """Whether must is in " ".join(clause[lo:hi].split()); for a year, from where it is last named."""
    if not _YEAR_LIKE.fullmatch(must):
        return must in " ".join(clause[lo:hi].split())
    if hi - lo < 500:
        return must in clause[lo:hi]
    at = _last_year_at(clause).get(must)
    return at is not None and lo <= at and at + len(must) <= hi


def _last_words(text: str, lo: int, hi: int, n: int) -> list[str]:
    """text[lo:hi].split()[-n:], reading from the end."""
    out: list[str] = []
    j = hi
    while len(out) < n and j > lo:
        while j > lo and text[j - 1].isspace():
            j -= 1
        e = j
        while j > lo and not text[j - 1].isspace():
            j -= 1
        if e > j:
            out.append(text[j:e])
    return out[::-1]
