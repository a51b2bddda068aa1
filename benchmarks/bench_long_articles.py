"""Benchmark the analysis of one very long article: reading, date tagging, claim extraction, event grouping.

Usage: python benchmarks/bench_long_articles.py [--sizes 100,500,2000] [--shapes paragraphs,one-paragraph,one-line]
                                                [--seed 0] [--keep DIR]

For each size (in KB, 1 KB = 1000 bytes) and shape it writes ONE article of about that size into a fresh
temporary content folder and runs the build's stages on it, timing each one: `read` (reader.read_articles),
`dates` (dates.resolve_dates), `claims` (claims.extract_claims) and `events` (events.merge_events), which is
what pipeline.make_timeline does for a folder with one article. Prints one table row per run with the
article's size, the seconds of each stage, the total and the throughput in KB/s; time per KB that grows with
the size means some stage is worse than linear.

The article text is made with the sentence templates of make_corpus.py plus the sentences below: many invented
incidents reported one after the other, as a running live blog would ("at least 12 people were killed, police
said", "on Saturday", "a day earlier", "in 1998", quotes). A paragraph never repeats (the reader keeps a
pasted-twice paragraph once). The same seed gives the same text. Shapes:

- `paragraphs`: paragraphs separated by blank lines, as articles are written;
- `one-paragraph`: the same sentences, one per line with no blank line between them: a single paragraph;
- `one-line`: the same words on one line with the sentence punctuation taken out: one 'sentence'.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_corpus import (  # noqa: E402
    FIRST_NAMES,
    LAST_NAMES,
    OUTLETS,
    WEEKDAYS,
    make_incident,
    town_names,
    write_article,
)

from generator.claims import extract_claims  # noqa: E402
from generator.config import Config  # noqa: E402
from generator.dates import resolve_dates  # noqa: E402
from generator.events import merge_events  # noqa: E402
from generator.inputs.files import list_input_files  # noqa: E402
from generator.inputs.reader import read_articles  # noqa: E402

PUBLISHED = date(2025, 6, 14)  # a Saturday
SHAPES = ("paragraphs", "one-paragraph", "one-line")

# Sentences of a live blog that the article templates of make_corpus.py do not have.
LIVE = (
    "At least {n} people were killed in {town} on {weekday}, {claimant} said.",
    "{Claimant} said at least {n} people were killed and {m} others injured in the {kind} in {town}.",
    "A day earlier, {m} people were wounded when a roadside bomb hit a bus near {town}, {claimant} said.",
    "The death toll in {town} rose to {n} from {m}, according to {claimant}.",
    "{Claimant} said {n} militants were killed in an operation near {town} on {weekday} night.",
    "In {year}, a similar attack in {town} killed {m} people, according to local records.",
    "Between {m} and {n} people were missing after the {kind} in {town}, {claimant} told reporters.",
    "\"We counted {n} bodies,\" said {name}, a volunteer with the {town} relief committee.",
    "Residents of {town} said the shelling began late on {weekday} and lasted until the next morning.",
    "{Claimant} said {m} suspects had been arrested in {town} since {month} {year2}.",
    "More than {n} families were displaced from villages around {town} over the past {k} days, {claimant} said.",
    "On {day} {month}, {claimant} said {m} soldiers had been killed in clashes near {town}.",
    "Two weeks ago, {name} told {outlet} that {m} people had died in the camp outside {town}.",
)
CLAIMANTS = ("police", "the health ministry", "a hospital official", "the regional governor", "local officials",
             "the civil defence agency", "the army", "a rescue official", "the interior ministry",
             "witnesses", "the Red Crescent")
KINDS = ("attack", "blast", "flood", "fire", "shelling", "air strike", "ambush")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def live_paragraph(rng: random.Random, town: str) -> str:
    """Three to five live-blog sentences about `town`, with figures, attributions and dates."""
    out = []
    for template in rng.sample(LIVE, rng.randint(3, 5)):
        claimant = rng.choice(CLAIMANTS)
        n = rng.randint(5, 400)
        out.append(template.format(
            n=n, m=rng.randint(2, n - 1), k=rng.randint(2, 12), town=town, claimant=claimant,
            Claimant=_cap(claimant), kind=rng.choice(KINDS), weekday=rng.choice(WEEKDAYS),
            year=rng.randint(1950, 2019), year2=rng.randint(2019, 2024), month=rng.choice(MONTH_NAMES),
            day=rng.randint(1, 28), name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            outlet=rng.choice(OUTLETS).name))
    return " ".join(out)


def article_paragraphs(target_bytes: int, seed: int) -> list[str]:
    """Distinct paragraphs of invented news, about target_bytes of text in all."""
    rng = random.Random(seed)
    towns = town_names(rng, 600)
    seen: set[str] = set()
    paragraphs: list[str] = []
    size = 0
    k = 0
    while size < target_bytes:
        town = towns[k % len(towns)]
        k += 1
        inc = make_incident(rng, town)
        # Articles published around the live blog's day, so that "on Saturday" and "yesterday" resolve near it.
        delay = rng.randint(1, 3)
        inc.day = PUBLISHED - timedelta(days=delay)
        _slug, text = write_article(rng, inc, rng.choice(OUTLETS), delay, False, True, False)
        body = text.split("\n---\n", 1)[1]
        candidates = [p.strip() for p in body.split("\n\n")]
        candidates.insert(rng.randint(1, len(candidates)), live_paragraph(rng, town))
        for p in candidates:
            if p and p not in seen and size < target_bytes:
                seen.add(p)
                paragraphs.append(p)
                size += len(p.encode("utf-8")) + 2
    return paragraphs


def article_text(target_bytes: int, shape: str, seed: int = 0) -> str:
    """The whole file: front matter and a body of about target_bytes in the given shape."""
    paragraphs = article_paragraphs(target_bytes, seed)
    if shape == "paragraphs":
        body = "\n\n".join(paragraphs)
    elif shape == "one-paragraph":
        body = "\n".join(paragraphs)
    elif shape == "one-line":
        body = " ".join(paragraphs).translate(str.maketrans("", "", ".!?;:\"“”"))
    else:
        raise ValueError(f"unknown shape {shape!r}")
    front = ("---\ntitle: \"Live: clashes, floods and protests across the region\"\n"
             f"date: {PUBLISHED.isoformat()}T21:00:00\nsource: Northgate Herald\n"
             "url: https://example.org/live\n---\n\n")
    return front + body + "\n"


@dataclass
class Result:
    shape: str
    kb: float
    read: float
    dates: float
    claims: float
    events: float
    mentions: int
    n_claims: int
    n_events: int

    @property
    def total(self) -> float:
        return self.read + self.dates + self.claims + self.events


def run_one(text: str, shape: str, keep: Path | None = None) -> Result:
    """Time the stages of the build on one article in a fresh content folder."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(keep) if keep else Path(tmp)
        content.mkdir(parents=True, exist_ok=True)
        path = content / "live-blog.md"
        path.write_text(text, encoding="utf-8")
        config = Config(max_file_bytes=2_100_000)
        t0 = time.perf_counter()
        articles, _diags = read_articles(content, config, list_input_files(content))
        t1 = time.perf_counter()
        for a in articles:
            a.mentions = resolve_dates(a)
        t2 = time.perf_counter()
        for a in articles:
            a.claims = extract_claims(a, a.mentions, config)
        t3 = time.perf_counter()
        events, _inferred, _ev_diags, _incidents = merge_events(articles, config)
        t4 = time.perf_counter()
    if not articles:
        raise SystemExit(f"the reader skipped the {shape} article: {_diags}")
    return Result(shape, len(text.encode("utf-8")) / 1000, t1 - t0, t2 - t1, t3 - t2, t4 - t3,
                  sum(len(a.mentions) for a in articles), sum(len(a.claims) for a in articles), len(events))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,500,2000", help="article sizes in KB, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the articles into DIR (one at a time) instead of a temp dir")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    for s in shapes:
        if s not in SHAPES:
            parser.error(f"unknown shape {s!r}")
    print(f"{'shape':<14} {'KB':>7} {'read s':>8} {'dates s':>8} {'claims s':>9} {'events s':>9} {'total s':>8} "
          f"{'KB/s':>7} {'mentions':>8} {'claims':>7} {'events':>6}")
    for shape in shapes:
        for kb in sizes:
            r = run_one(article_text(kb * 1000, shape, args.seed), shape, args.keep)
            print(f"{r.shape:<14} {r.kb:>7.0f} {r.read:>8.2f} {r.dates:>8.2f} {r.claims:>9.2f} {r.events:>9.2f} "
                  f"{r.total:>8.2f} {r.kb / r.total:>7.0f} {r.mentions:>8} {r.n_claims:>7} {r.n_events:>6}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
