"""Very long articles: one paragraph of 200 KB, or one line of 200 KB with no punctuation at all, are read like
the same text in small pieces (timing is the benchmark's job: benchmarks/bench_long_articles.py)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from generator.claims import extract_claims
from generator.config import Config
from generator.dates import resolve_dates
from generator.events import merge_events
from generator.inputs.files import list_input_files
from generator.inputs.reader import read_articles
from generator.models import Article

SIZE = 200_000
TOWNS = [a + b for a in ("Var", "Ost", "Bel", "Kor", "Tal", "Dun", "Eld", "Fen", "Hol", "Jar", "Lun", "Mor", "Pel",
                         "Ros", "Sal", "Tor", "Ulm", "Wen", "Yar", "Zel")
         for b in ("neth", "aby", "marsk", "ova", "arth", "ivo", "stad", "wick", "holm", "ano")]
CLAIMANTS = ("police", "the health ministry", "the army", "a hospital official", "the regional governor",
             "rescue officials", "the Red Crescent", "the interior ministry")
KINDS = ("bombing", "flood", "fire", "shelling", "landslide")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
FIGURES = (  # every sentence with a figure names who gives it, so no claimant carries over from the one before
    "{C} said at least {n} people were killed in {town} on {weekday}.",
    "According to {c}, {n} people were injured in the {kind} in {town}.",
    "{C} said {n} militants were killed near {town} in {month} {year}.",
    "{C} said {n} suspects had been arrested in {town} after the {kind}.",
    "{C} told reporters that {n} soldiers died in clashes near {town}.",
    "{C} said more than {n} families were displaced from villages around {town}.",
    "{C} put the death toll in {town} at {n}.",
    "{C} said {n} people were still missing in {town}, and {m} bodies had been recovered.",
)
OTHER = (
    "Residents of {town} said the shelling lasted until the morning.",
    "Shops in {town} stayed closed and the main road was blocked by debris.",
    "\u201cWe heard the explosion from our kitchen,\u201d said a teacher from {town}.",
    "The {kind} in {town} was the worst anyone there could remember.",
    "Aid lorries reached {town} in the evening, witnesses said.",
)


def sentences(seed: int = 1) -> list[str]:
    """Distinct invented news sentences, about SIZE characters in all."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    size = 0
    while size < SIZE:
        template = rng.choice(FIGURES if rng.random() < 0.6 else OTHER)
        c = rng.choice(CLAIMANTS)
        n = rng.randint(3, 900)
        s = template.format(C=c[0].upper() + c[1:], c=c, n=n, m=rng.randint(1, n), town=rng.choice(TOWNS),
                            weekday=rng.choice(WEEKDAYS), kind=rng.choice(KINDS), month=rng.choice(MONTHS),
                            year=rng.randint(1950, 2019))
        if s not in seen:
            seen.add(s)
            out.append(s)
            size += len(s) + 1
    return out


def analyse(folder: Path, body: str) -> Article:
    """Read one article (the same file name in every folder, so claim ids compare) and extract its claims."""
    folder.mkdir()
    (folder / "live.md").write_text('---\ntitle: "Live updates"\ndate: 2025-06-14T21:00:00\n---\n\n' + body + "\n",
                                    encoding="utf-8")
    config = Config()
    articles, diags = read_articles(folder, config, list_input_files(folder))
    assert not [d for d in diags if d.level == "error"], diags
    (article,) = articles
    assert len(article.body) >= SIZE * 0.95  # nothing was cut or dropped
    article.mentions = resolve_dates(article)
    article.claims = extract_claims(article, article.mentions, config)
    return article


def claim_rows(a: Article, with_context: bool = True) -> list[tuple[object, ...]]:
    if not with_context:
        return [(c.category, c.quantity, c.qualifier) for c in a.claims]
    return [(c.id, c.category, c.quantity, c.upper, c.qualifier, c.claimant, c.scope, c.quote, c.figure_text, c.date,
             c.stated_on) for c in a.claims]


@pytest.fixture(scope="module")
def pieces(tmp_path_factory: pytest.TempPathFactory) -> Article:
    """The sentences as separate paragraphs: the small pieces the long shapes are compared with."""
    return analyse(tmp_path_factory.mktemp("long") / "pieces", "\n\n".join(sentences()))


def test_the_small_pieces_have_claims_of_every_kind(pieces: Article) -> None:
    kinds = Counter(c.category for c in pieces.claims)
    assert {"dead", "injured", "militants killed", "arrested", "security personnel killed", "displaced",
            "missing", "bodies recovered"} <= set(kinds), kinds
    assert len(pieces.claims) > 500
    assert len({c.claimant for c in pieces.claims}) >= len(CLAIMANTS)
    assert sum(1 for m in pieces.mentions if m.precision == "day") > 200


@pytest.mark.parametrize("joiner", [" ", "\n"], ids=["one-line-paragraph", "one-paragraph-many-lines"])
def test_one_long_paragraph_reads_like_the_pieces(pieces: Article, tmp_path: Path, joiner: str) -> None:
    article = analyse(tmp_path / "paragraph", joiner.join(sentences()))
    assert len(article.paragraph_lines) == 1
    assert claim_rows(article) == claim_rows(pieces)
    assert [(m.text, m.type, m.value, m.stated) for m in article.mentions] == \
        [(m.text, m.type, m.value, m.stated) for m in pieces.mentions]
    config = Config()
    events_long, _, _, _ = merge_events([article], config)
    events_pieces, _, _, _ = merge_events([pieces], config)

    def summary(events: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
        return sorted((e.start, e.end, e.precision, tuple(sorted((r.category, r.quantity, r.claimant or "")
                                                                 for r in e.all_rows())), e.title)
                      for e in events)

    assert summary(events_long) == summary(events_pieces)


NEUTRAL = " across the region the weather stayed calm and the roads remained open to traffic for most of the day "


def without_punctuation(text: str) -> str:
    return text.translate(str.maketrans("", "", ".,;:!?\"\u201c\u201d"))


def test_one_line_without_punctuation_reads_each_figure_as_its_sentence_does(pieces: Article, tmp_path: Path) -> None:
    # One "sentence" of 200 KB and more: no full stop, comma or quotation mark anywhere, the sentences set apart by a
    # few neutral words only. Who said what can no longer be told apart (the line has one claimant, and one scope),
    # but every figure is read as in its own sentence: the same outcome, people and qualifier.
    line = NEUTRAL.join(without_punctuation(s) for s in sentences())
    article = analyse(tmp_path / "line", line)
    assert "\n" not in article.body and len(article.paragraph_lines) == 1
    apart = analyse(tmp_path / "apart", "\n\n".join(without_punctuation(s) for s in sentences()))
    assert set(claim_rows(article, with_context=False)) == set(claim_rows(apart, with_context=False))
    assert len({c.claimant for c in article.claims}) == 1
    assert {c.quote for c in article.claims} == {article.body}
    assert [(m.text, m.value) for m in article.mentions if m.precision == "day"] == \
        [(m.text, m.value) for m in apart.mentions if m.precision == "day"]


def test_one_line_without_punctuation_at_all(pieces: Article, tmp_path: Path) -> None:
    # The same sentences run together: a figure can now be read with the words of the next sentence ("at 523
    # Police said" counts police), but nothing else changes: the same figures, dates and people.
    article = analyse(tmp_path / "raw", " ".join(without_punctuation(s) for s in sentences()))
    assert {c.quantity for c in article.claims} <= {c.quantity for c in pieces.claims}
    assert len({(c.category, c.quantity) for c in article.claims}) >= 0.8 * len(
        {(c.category, c.quantity) for c in pieces.claims})
    assert len(article.mentions) == len(pieces.mentions)


# --- the lookups that keep long sentences linear agree with the plain expressions they stand for ---------------

def random_texts(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_asides_are_removed_as_the_expressions_remove_them() -> None:
    from generator.claims.attribution import _RELATIVE, _relative_at, strip_asides
    from generator.events.titles import _ASIDE, _aside_at

    alphabet = ["(", ")", ",", " ", "  ", "which", "who", "whose", "x", "\n", ", which", ", he said,", "police",
                ",officials added ,", ";", "( a )", "whichever", "said"]
    for text in random_texts(alphabet, 20_000, 30, 11):
        assert strip_asides(text, _relative_at) == _RELATIVE.sub("", text), text
        assert strip_asides(text, _aside_at) == _ASIDE.sub("", text), text


def test_scope_is_the_first_match_of_its_expression() -> None:
    from generator.claims.scope import SCOPE
    from generator.claims.scope import sentence_scope as _scope

    alphabet = ["since", " ", "March", "2019", "x", ",", ".", ";", "-", "\n", "in the past 3 days", "over 5 hours",
                "so far this year", "Since", "é", "_", "since2019", " since March ", " since 2019", " SINCE June"]
    for text in random_texts(alphabet, 20_000, 40, 12):
        m = SCOPE.search(text)
        assert _scope(text) == (m.group(0).strip() if m else None), text


def edges(text: str) -> list[int]:
    """Offsets where a word or a run of spaces starts or ends: where figures and the gaps between them begin."""
    return [i for i in range(len(text) + 1) if i in (0, len(text)) or text[i - 1].isspace() != text[i].isspace()]


def test_gaps_between_figures_are_read_as_their_text() -> None:
    from generator.claims.clauses import clause_blocked as _clause_blocked
    from generator.claims.indexes import _SHORT_GAP, _Gaps
    from generator.claims.people import PART_CUE as _PART_CUE

    rng = random.Random(13)
    alphabet = ["while", " ", " ", "but", "where", "whereas", "x", "including", "of them", "consisting of", "them",
                "Which", "mostly", "\n", "İ", "5", "butt", "consisting of them", "xincluding"]
    long_gaps = 0
    for text in random_texts(alphabet, 1_500, 300, 14) + random_texts([*alphabet, ";"], 300, 300, 20):
        gaps = _Gaps(text)
        at = edges(text)
        for _ in range(20):
            lo = rng.choice(at) if rng.random() < 0.8 else rng.randint(0, len(text))
            hi = rng.choice([i for i in at if i >= lo]) if rng.random() < 0.8 else rng.randint(lo, len(text))
            long_gaps += hi - lo > _SHORT_GAP
            assert gaps.blocked(lo, hi) == _clause_blocked(text[lo:hi]), (text, lo, hi)
            assert gaps.part_cue(lo, hi) == (_PART_CUE.search(text[lo:hi]) is not None), (text, lo, hi)
    assert long_gaps > 5_000  # most of them go through the index


@pytest.mark.parametrize("short_text", [400, 0], ids=["short-sentences-read-as-text", "indexed"])
def test_noun_phrases_end_at_the_last_cut_before_the_verb(short_text: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.claims import indexes
    from generator.claims.attribution import _AN_BEFORE
    from generator.claims.clauses import NP_CUT as _NP_CUT
    from generator.claims.indexes import _Cuts, _ends_with, _kept_word
    from generator.claims.reading import _AND_ANOTHER_BEFORE

    monkeypatch.setattr(indexes, "_SHORT_TEXT", short_text)

    rng = random.Random(15)
    alphabet = ["and", " ", "of", "the", "x", ",", ";", "to", "police", "12", "The", "said", "an", "another", "\n",
                "“", "andrew", "and another ", "  another  ", "xan ", "were  "]
    for text in random_texts(alphabet, 5_000, 25, 16):
        cuts = _Cuts(text)
        # Where an attribution verb can start: not right after a letter or digit.
        ends = [i for i in range(len(text) + 1) if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")]
        at = edges(text)
        for _ in range(5):
            end = rng.choice(ends)
            start = rng.choice([i for i in at if i <= end]) if rng.random() < 0.5 else rng.randint(0, end)
            assert text[cuts.last_cut(end): end] == _NP_CUT.split(text[:end])[-1], (text, end)
            assert cuts.last_comma(end) == max(text.rfind(",", 0, end), text.rfind(";", 0, end)) + 1
            assert cuts.kept_words(start, end) == sum(_kept_word(w) for w in text[start:end].split())
            for pattern, words in ((_AN_BEFORE, 1), (_AND_ANOTHER_BEFORE, 2)):
                assert bool(_ends_with(pattern, text, end, start, words)) == bool(pattern.search(text[start:end]))


def test_spans_overlapping_a_range() -> None:
    from generator.claims.indexes import _Spans

    rng = random.Random(17)
    for _ in range(3_000):
        spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 20)))]
        index = _Spans(spans)
        lo = rng.randint(0, 230)
        hi = rng.randint(lo, 240)
        assert index.overlapping(lo, hi) == [k for k, (s, e) in enumerate(spans) if s < hi and e > lo]


def headline_reference(sentence: str, must: str | None = None) -> str:
    """sentence_headline as it was written before long sentences were read once (the plain definition)."""
    import re

    from generator.events.titles import (
        _ASIDE,
        _CLAUSE_CUT,
        _CUT_WORDS,
        _LEAD,
        _TRAILING_ATTRIBUTION,
        _WEAK_END,
        HEADLINE_WORDS,
    )

    text = _ASIDE.sub("", sentence.strip().rstrip(".!?"))
    text = _TRAILING_ATTRIBUTION.sub("", text)
    clauses = [c.strip() for c in _CLAUSE_CUT.split(text) if c and c.strip()]
    if must:
        parts = [p.strip() for c in clauses for p in c.split(", ")]
        clause = next((p for p in parts if must in p and len(p.split()) >= 4),
                      next((c for c in clauses if must in c), clauses[0] if clauses else text))
    else:
        clause = clauses[0] if clauses else text
    clause = re.sub(r"^(?:since|in|on|by|after)\s+(?:its|their|his|her|the)?\s*", "", clause, flags=re.I) \
        if must and must in clause and clause.split()[0].lower() in ("since", "in", "on", "by", "after") else clause
    clause = _LEAD.sub("", clause).strip()
    words = clause.split()
    if len(words) > HEADLINE_WORDS:
        cut = next((k for k in range(6, HEADLINE_WORDS + 1) if k < len(words) and _CUT_WORDS.match(words[k])
                    and not (must and must in " ".join(words[k:]))), None)
        if cut:
            words = words[:cut]
        else:
            head: list[str] = []
            for w in words[:7]:
                if len(head) >= 3 and (_CUT_WORDS.match(w) or w.lower().endswith("ing")):
                    break
                head.append(w)
            words = [*head, "…", *words[-5:]]
    clause = _WEAK_END.sub("", " ".join(words).strip(" ,"))
    return clause[:1].upper() + clause[1:] if clause else sentence[:90]


def test_headlines_of_long_sentences() -> None:
    from generator.events import sentence_headline

    alphabet = ["In 1998", " ", "  ", "the", "army", "said", ", ", "; ", "1998", "2001", "killing", "following",
                "Meanwhile, ", "since", "after", "(aside)", ", he said,", "which", "police", "x" * 30, "\n", "on"]
    for text in random_texts(alphabet, 1_500, 400, 19):
        for must in (None, "1998", "2001", "1999"):
            assert sentence_headline(text, must) == headline_reference(text, must), (text, must)
    assert sentence_headline(" ".join(sentences()[:300]), "1998") == \
        headline_reference(" ".join(sentences()[:300]), "1998")


def test_claimants_and_rivals_as_every_pair_would_be_compared() -> None:
    from generator.claims.claimants import claimant_tokens, same_claimant
    from generator.events.contest import _Rivals
    from generator.events.rows import _canonical_claimants
    from generator.models import ClaimRow

    rng = random.Random(21)
    words = ["army", "the", "Pakistan", "police", "provincial", "health", "ministry", "of", "spokesman", "Punjab",
             "military", "'s", "chief", "minister", "Bugti", "A", "1"]
    for _ in range(1_500):
        names = {" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))}
        expected = {n: max([o for o in sorted(names) if same_claimant(o, n)],
                           key=lambda x: (len(claimant_tokens(x)), len(x), x)) for n in names}
        assert _canonical_claimants(names) == expected, names
        rows = [ClaimRow(id=str(k), category="dead", quantity=q, qualifier=None,
                         claimant=rng.choice([*sorted(names), None]), scope=None,
                         figure_text="dozens" if q is None else str(q), vague=q is None, claims=[],
                         upper=(q + rng.randint(1, 9)) if q is not None and rng.random() < 0.2 else None)
                for k, q in enumerate(rng.choice([None, 3, 5, 12, 40, 41]) for _ in range(rng.randint(1, 10)))]
        rivals = _Rivals(rows)
        for r in rows:
            others = [o for o in rows if o is not r and not same_claimant(o.claimant, r.claimant)]
            b = r.bounds
            assert (bool(b) and rivals.disagree(r, b)) == any(  # type: ignore[arg-type]
                b and (ob := o.bounds) and not (b[0] <= ob[1] and ob[0] <= b[1]) for o in others)
            assert rivals.agree(r) == any(o.quantity is not None and (o.quantity, o.upper) == (r.quantity, r.upper)
                                          for o in others)
