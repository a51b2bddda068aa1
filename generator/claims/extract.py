"""The claims stage: every figure about people in an article, attributed, categorised and deduplicated.

Sentence by sentence: who speaks (the attribution, or the speaker of the sentence before in the same paragraph),
which figures are claims (reading.read_sentence), and one Claim per figure not already claimed in the article
with the same category, quantity, qualifier, claimant and scope.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator import rules
from generator.claims import nlp
from generator.claims.actors import resolve_claimant
from generator.claims.attribution import clause_claimants, clean_claimant, find_attribution
from generator.claims.ids import claim_hash, claim_id_at, unique_id
from generator.claims.indexes import _Spans
from generator.claims.numbers import FIGURE
from generator.claims.outcomes import NOUN_OUTCOME_WORD, outcome_matches
from generator.claims.reading import Reading, read_sentence
from generator.claims.scope import sentence_scope
from generator.claims.sentences import Sentence, split_sentences
from generator.claims.speakers import PRONOUNS, Speaker, names_someone, reports_anything, speaker_kind, speaker_of
from generator.config import Config
from generator.dates import line_of, paragraph_starts
from generator.models import Article, Claim, DateMention, Location
from generator.vocabulary import Precision, TimexType

_OWN_SOURCE = rules.rule("speech", "own_source").regex()  # "reportedly": not the last speaker's words
_BACKWARD = re.compile(rules.rule("speech", "backward_attribution").pattern, re.IGNORECASE)  # "X claims this"
LOOK_BACK = 20  # speakers "he" or "it" may stand for, counted back from the last one named
PARSED_NAME_WORDS = 16  # a noun phrase from the parse is a name, titles and all, up to this many words
_SPANS_OF_DATES = (TimexType.DATE, TimexType.TIME, TimexType.DURATION)


class _Speakers:
    """Who speaks in each sentence of an article, read in order: the last speaker named (for "it said") and the
    attribution of the sentence before in the same paragraph (reported speech goes on in the next sentence)."""

    def __init__(self, article: Article, config: Config) -> None:
        self.article, self.config = article, config
        self.last: str | None = None
        self.named: list[str] = []  # every speaker named so far, in order: "he" and "it" look back through it
        self.prev_para = -1
        self.prev_attr: str | None = None
        self.resolved: dict[tuple[str, str | None], str | None] = {}

    def resolve(self, raw: str, last: str | None) -> str | None:
        """resolve_claimant for this article: the same name after the same speaker always reads the same."""
        key = (raw, last)
        if key not in self.resolved:
            self.resolved[key] = resolve_claimant(raw, self.article, self.config, last)
        return self.resolved[key]

    def resolve_speaker(self, sp: Speaker, upto: int) -> str | None:
        """The claimant a speaker read from the parse stands for: a pronoun or "the report" for the last speaker
        named before this sentence (the first `upto` of self.named) that it fits ("he" a person, "it" an
        organisation; else the last one; None when there is none), a name through the registry and the
        article's own names."""
        last = self.named[upto - 1] if upto else None
        if sp.refers_to and last:
            return next((n for n in reversed(self.named[max(0, upto - LOOK_BACK):upto])
                         if speaker_kind(n) == sp.refers_to), last)
        if sp.name.lower() in PRONOUNS:
            return None
        name = clean_claimant(sp.name, max_words=PARSED_NAME_WORDS)
        return self.resolve(name, last) if name else None

    def heard(self, who: str) -> None:
        """A speaker the parse found: the last speaker named, and the one the next sentence of the paragraph
        goes on quoting."""
        self._name(who)
        self.prev_attr = who

    def _name(self, who: str) -> None:
        self.last = who
        if not self.named or self.named[-1] != who:
            self.named.append(who)

    def read(self, sent: Sentence) -> tuple[str | None, str | None]:
        """The sentence's own attribution as written, and who its figures are claimed by."""
        raw_who, has_attr = find_attribution(sent.text)
        who = self.resolve(raw_who, self.last) if raw_who else None
        if has_attr and who:
            self._name(who)
        if not has_attr and sent.paragraph == self.prev_para and self.prev_attr and not _OWN_SOURCE.search(sent.text):
            who = self.prev_attr  # reported speech goes on in the next sentence of the same paragraph
        if sent.paragraph != self.prev_para:
            self.prev_attr = None
        self.prev_para = sent.paragraph
        if has_attr:
            self.prev_attr = who
        return raw_who, who


class _Mentions:
    """The date mentions of an article, looked up per sentence by offset, so a long article costs no more per
    sentence than a short one."""

    def __init__(self, mentions: list[DateMention]) -> None:
        self.mentions = mentions
        self.date_spans = [(m.start, m.end) for m in mentions if m.type in _SPANS_OF_DATES]
        self.date_index = _Spans(self.date_spans)
        self.mention_index = _Spans([(m.start, m.start + 1) for m in mentions])

    def starting_in(self, start: int, end: int) -> list[DateMention]:
        """The mentions that start in [start, end)."""
        return [self.mentions[k] for k in self.mention_index.overlapping(start, end)]

    def date_spans_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of dates, times and durations that overlap [start, end), as offsets from start."""
        return [(self.date_spans[k][0] - start, self.date_spans[k][1] - start)
                for k in self.date_index.overlapping(start, end)]


_Heard = dict[int, tuple[str | None, str | None]]  # a figure's start -> its speaker and who spoke for it


def _sentence_claims(article: Article, sent: Sentence, readings: list[Reading], who: str | None,
                     clause_who: list[tuple[int, int, str | None]], heard: _Heard, sent_mentions: list[DateMention],
                     line_starts: list[int], seen: set[tuple[object, ...]], ids: set[str]) -> list[Claim]:
    """The claims of a sentence's readings that the article has not claimed already (seen, ids: the article's)."""
    # The same for every figure of the sentence: worked out once, not once per figure of a long sentence.
    scope_of_sentence = sentence_scope(sent.text)
    quote = sent.text.strip()
    quote_hash = claim_hash(article.file or article.path, quote)
    day = next((m.value for m in sent_mentions if m.precision == Precision.DAY and not m.stated and m.value), None)
    stated = next((m.value for m in sent_mentions if m.stated and m.value), None)
    out = []
    for r in readings:
        fig = r.figure
        who_here, person = heard.get(fig.start) or (next((w for lo, hi, w in clause_who if lo <= fig.start < hi),
                                                         who), None)
        scope = scope_of_sentence
        if r.subgroup:
            scope = r.subgroup if not scope else f"{r.subgroup}, {scope}"
        key = _key(r.category, fig.quantity if not fig.vague else fig.text.lower(), fig.upper, r.qualifier,
                   who_here, scope)
        if key in seen:
            continue
        seen.add(key)
        out.append(Claim(
            id=unique_id(claim_id_at(quote_hash, fig.start), ids),
            article_id=article.id, category=r.category, quantity=fig.quantity, qualifier=r.qualifier,
            claimant=who_here, quote=quote,
            location=Location(article.path, line_of(article, line_starts, sent.start + fig.start)),
            figure_text=fig.text, vague=fig.vague, scope=scope, date=day[:10] if day else None,
            stated_on=stated[:10] if stated else article.published_day, upper=fig.upper, earlier=fig.earlier,
            spokesperson=person if who_here else None,
        ))
    return out


def _key(category: str, figure: object, upper: int | None, qualifier: str | None, claimant: str | None,
         scope: str | None) -> tuple[object, ...]:
    """What makes two claims of an article the same claim (the figure: its quantity, or a vague amount's words)."""
    return category, figure, upper, qualifier, (claimant or "").lower(), scope


def _attribute_back(claims: list[Claim], start: int, who: str, seen: set[tuple[object, ...]]) -> list[Claim]:
    """claims[start:] (the sentence before's) with `who` as the claimant of the unattributed ones: "The toll is
    300. The governor claims this." A claim that then repeats one the article has already is dropped."""
    out = claims[:start]
    for c in claims[start:]:
        if c.claimant is None:
            key = _key(c.category, c.quantity if not c.vague else c.figure_text.lower(), c.upper, c.qualifier, who,
                       c.scope)
            if key in seen:
                continue
            seen.add(key)
            c = replace(c, claimant=who)
        out.append(c)
    return out


def _figure_speakers(sent: Sentence, readings: list[Reading], speakers: _Speakers, raw_who: str | None,
                     upto: int) -> _Heard:
    """Each figure's own speaker from the parse of its sentence, and who spoke for it ({} without a parser), for
    the figures the parse attributes. The first speaker found becomes the article's last speaker; "he" or "the
    report" stand for one named before this sentence (the first `upto` the article named)."""
    doc = nlp.parse(sent.text)
    if doc is None:
        return {}
    out: _Heard = {}
    found: list[str] = []
    tree_reports = raw_who is not None and reports_anything(doc)
    fragment = raw_who is not None and not names_someone(doc, raw_who)
    for r in readings:
        sp = speaker_of(doc, r.figure.start)
        if sp is None:
            # the rules saw a speaker in this sentence, and the tree says it is not this figure's, or it names no one
            if tree_reports or fragment:
                out[r.figure.start] = (None, None)
            continue
        who = speakers.resolve_speaker(sp, upto)
        if who is None and sp.refers_to:
            continue  # "they" for a speaker named in this same sentence: the rules' clause reading stands
        out[r.figure.start] = (who, sp.person)
        if who:
            found.append(who)
    if found:
        speakers.heard(found[0])
    return out


def extract_claims(article: Article, mentions: list[DateMention], config: Config) -> list[Claim]:
    """Every figure about people in the article, attributed, categorised and deduplicated."""
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    ids: set[str] = set()
    dates = _Mentions(mentions)
    line_starts = paragraph_starts(article.body)
    speakers = _Speakers(article, config)
    before = (0, -1)  # where the claims of the sentence before start, and its paragraph
    sentences = split_sentences(article.body)
    outcomes_of = [outcome_matches(s.text, config) for s in sentences]
    nouns_of = [bool(NOUN_OUTCOME_WORD.search(s.text)) for s in sentences]
    # The sentences that can hold claims are parsed together, once: about half the cost of one at a time.
    nlp.parse_many(s.text for s, o, n in zip(sentences, outcomes_of, nouns_of, strict=True)
                   if (o or n) and FIGURE.search(s.text))
    for sent, outcomes, noun_outcome in zip(sentences, outcomes_of, nouns_of, strict=True):
        upto = len(speakers.named)  # the speakers named before this sentence
        raw_who, who = speakers.read(sent)
        if who and before[1] == sent.paragraph and _BACKWARD.search(sent.text):
            claims = _attribute_back(claims, before[0], who, seen)
        before = (len(claims), sent.paragraph)
        if not outcomes and not noun_outcome:  # "3,000 lives", "6 martyrs", "20 arrests"
            continue
        sent_end = sent.start + len(sent.text)
        readings = read_sentence(sent.text, outcomes, dates.date_spans_in(sent.start, sent_end), raw_who, config)
        if not readings:
            continue
        heard = _figure_speakers(sent, readings, speakers, raw_who, upto)
        clause_who = clause_claimants(sent.text, speakers.resolve, speakers.last)
        claims += _sentence_claims(article, sent, readings, who, clause_who, heard,
                                   dates.starting_in(sent.start, sent_end), line_starts, seen, ids)
    return claims
