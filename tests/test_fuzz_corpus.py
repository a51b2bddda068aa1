"""Mutation fuzzing with a fixed seed and a time budget: at least 20,000 cases per run, no traceback, no hang.

Three families of input, each from a seeded random generator, so CI runs the same cases every time:

- mutated real-looking articles: the project's own demo and fixture articles, cut, spliced, duplicated,
  with bytes flipped and hostile tokens (huge numbers, far dates, markup, control characters, bad UTF-8)
  inserted, read, dated and mined for claims one by one, and every so often built together into a whole
  timeline and rendered;
- random YAML: documents of every shape (deep nesting, aliases, tags, odd scalars) read by the bounded
  loader and by the review, actors and settings readers;
- random file names: bytes that Linux allows in a name, written to disk and walked, read and rendered.

Each case runs under an alarm (HANG_SECONDS): a case that takes longer fails the test with its input, as
does any exception. FUZZ_CASES scales the number of cases (FUZZ_CASES=200000 for a long search) and
FUZZ_SEED changes the seed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from generator import yamlsafe
from generator.claims import extract_claims
from generator.config import Config, load_config
from generator.dates import resolve_dates
from generator.inputs.actors import parse_actors
from generator.inputs.reader import parse_article
from generator.inputs.review import parse_review
from generator.pipeline import make_timeline
from generator.site.render import render_pages

REPO = Path(__file__).resolve().parent.parent
SEED = int(os.environ.get("FUZZ_SEED", "20261130"))
SCALE = int(os.environ.get("FUZZ_CASES", "24000")) / 24000
HANG_SECONDS = 20
CONFIG = Config()

SOURCES = sorted([*REPO.glob("content/*.md"), *REPO.glob("content/*.txt"), *REPO.glob("tests/fixtures/*/*")])
TOKENS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "![x](y){: onerror=alert(1)}", "[a](javascript:x)",
    "\x1b[2J", "\u202e", "\x00", "\ud800", "\ufeff", "\r", "\r\n", "\t", "    ", "\n\n", "---\n", "...\n",
    "99999999999999999999 militants were killed", "10^30 militants", "1e308 people died", "-5 soldiers were killed",
    "in the past 3000 years", "since 0000", "over the past 99999999 weeks", "in the year 99999", "on 31 February",
    "10,000 years ago", "on Saturday", "a day before", "in 1948", "2106-02-08", "9999-12-31", "0001-01-01",
    "date: 2024-02-30", "date: '2026-01-31 25:00'", "title: &a [*a]", "tags: " + "[" * 60, "]" * 60,
    "according to ", " said", ", police said.", "at least ", "between 13 and ", "dozens of ", "half a million ",
    "one hundred and twenty ", "the death toll rose to ", "(", ")", "\"", "“", "”", "'", "—", "|", "#", "> ",
    "😀", "ﷺ", "١٢٣", "Ⅻ", "１２", "ǅ", "ß", "İ",
]


@contextmanager
def alarm(seconds: int, what: Callable[[], str]) -> Iterator[None]:
    """Fail (with the input) when the block runs longer than `seconds`: a hang is a finding too."""
    def fire(signum: int, frame: object) -> None:
        raise TimeoutError(f"no result after {seconds} s: {what()[:500]!r}")

    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to four edits of a document: cuts, splices, repeats, flipped bytes and inserted hostile tokens."""
    for _ in range(rng.randint(1, 4)):
        n = len(data)
        op = rng.randrange(7)
        i, j = sorted((rng.randint(0, n), rng.randint(0, n)))
        if op == 0:
            data = data[:i] + rng.choice(TOKENS).encode("utf-8", "surrogatepass") + data[i:]
        elif op == 1:
            data = data[:i] + data[j:]
        elif op == 2:
            data = data[:j] + data[i:j] + data[j:]  # a paragraph pasted twice
        elif op == 3 and n:
            k = rng.randrange(n)
            data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1:]
        elif op == 4:
            other = SOURCE_BYTES[rng.randrange(len(SOURCE_BYTES))]
            a, b = sorted((rng.randint(0, len(other)), rng.randint(0, len(other))))
            data = data[:i] + other[a:b] + data[i:]
        elif op == 5:
            data = random_front_matter(rng).encode("utf-8", "surrogatepass") + data
        else:
            data = data[:i] + str(rng.choice([0, 1, 7, 1948, 2026, 10**rng.randint(3, 40)])).encode() + data[i:]
    return data[:200_000]


SOURCE_BYTES = [p.read_bytes() for p in SOURCES]


def random_scalar(rng: random.Random) -> str:
    return rng.choice(["x", "12", "-3", "1e10", "yes", "null", "~", "2026-02-30", "2026-01-31 25:00", "0x1F", "'q'",
                       "\"\\ud83d\\ude00\"", "9" * rng.randint(1, 6000), "!!python/name:os.system x", "!ENV HOME",
                       "*a", "&a x", "|\n  block", ">-\n  folded", "{", "[", "]", "}", ":", "- ", "? ", "%YAML 1.1",
                       "<<: *a", "!!binary aGk=", "!!set {x}", rng.choice(TOKENS)])


def random_yaml(rng: random.Random, depth: int = 0) -> str:
    """A document of random shape: nesting, anchors and aliases, tags, flow and block style, odd scalars."""
    kind = rng.randrange(6 if depth < 6 else 1)
    if kind == 0:
        return random_scalar(rng)
    if kind == 1:
        return "[" + ", ".join(random_yaml(rng, depth + 1) for _ in range(rng.randint(0, 4))) + "]"
    if kind == 2:
        return "{" + ", ".join(f"k{i}: {random_yaml(rng, depth + 1)}" for i in range(rng.randint(0, 4))) + "}"
    if kind == 3:
        anchor = rng.choice(["a", "b"])
        return f"&{anchor} [" + ", ".join([f"*{anchor}"] * rng.randint(0, 3) + [random_scalar(rng)]) + "]"
    if kind == 4:
        return "[" * rng.randint(1, 200) + "]" * rng.randint(0, 200)
    indent = "  " * (depth + 1)
    return "\n" + "\n".join(f"{indent}- {random_yaml(rng, depth + 1)}" for _ in range(rng.randint(1, 3)))


def random_front_matter(rng: random.Random) -> str:
    keys = ["title", "date", "source", "url", "author", "events", "tags", "layout", "claims", "x"]
    lines = [f"{rng.choice(keys)}: {random_yaml(rng)}" for _ in range(rng.randint(0, 5))]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def random_name(rng: random.Random) -> str:
    """A file name Linux accepts: any bytes but '/' and NUL, under 255 bytes; often with an article suffix."""
    size = rng.randint(1, 60)
    raw = bytes(rng.choice([rng.randrange(1, 256), *b"[]()!{}<>'\"`:;|&*?#%$ \\-._"]) for _ in range(size))
    raw = raw.replace(b"/", b"_")
    if rng.random() < 0.7:
        raw += rng.choice([b".md", b".txt", b".markdown", b".yml"])
    name = os.fsdecode(raw[:250])
    return "x" + name if name in (".", "..") or name.startswith(".") and rng.random() < 0.5 else name


def check_article(raw: bytes, name: str) -> None:
    article, diags = parse_article(raw, f"content/{name}", name, CONFIG)
    assert all(d.location.line >= 1 and d.level in ("error", "warning", "info") for d in diags)
    if article is None:
        return
    mentions = resolve_dates(article)
    assert all(0 <= m.start <= m.end <= len(article.body) for m in mentions)
    claims = extract_claims(article, mentions, CONFIG)
    assert all(c.quantity is None or 0 <= c.quantity < 10**15 for c in claims)


def check_yaml(text: str, reader: int, tmp: Path) -> None:
    """One of the four YAML readers on the text; none may raise anything but a YAMLError from the loader."""
    if reader == 0:
        try:
            yamlsafe.load(text)
        except yaml.YAMLError:
            pass
    elif reader == 1:
        parse_review(text, "content/review.yml")
    elif reader == 2:
        parse_actors(text, "content/actors.yml")
    else:
        settings = tmp / "timeline.yml"
        settings.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate: bytes that are not UTF-8
        load_config(settings)


def build_folder(folder: Path) -> None:
    t = make_timeline(folder)
    render_pages(t, REPO / "templates")


def fresh(folder: Path) -> Path:
    if folder.exists():
        for file in folder.iterdir():
            file.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_case(kind: str, i: int, tmp: Path) -> None:
    """Case i of a family; its random generator depends only on the seed and i, so any worker may run it."""
    rng = random.Random(f"{SEED}:{kind}:{i}")
    if kind == "article":
        raw = mutate(rng, SOURCE_BYTES[rng.randrange(len(SOURCE_BYTES))])
        with alarm(HANG_SECONDS, lambda: repr(raw)):
            check_article(raw, "fuzz.md")
            if i % 400 == 0:  # every so often several mutants together through the whole pipeline
                folder = fresh(tmp / "build")
                for k in range(4):
                    (folder / f"a{k}.md").write_bytes(mutate(rng, SOURCE_BYTES[rng.randrange(len(SOURCE_BYTES))]))
                (folder / "last.md").write_bytes(raw)
                build_folder(folder)
    elif kind == "yaml":
        text = random_yaml(rng) if rng.random() < 0.5 else random_front_matter(rng).strip("-\n")
        with alarm(HANG_SECONDS, lambda: text):
            check_yaml(text, i % 4, tmp)
    else:
        folder = fresh(tmp / "names")
        names = [random_name(rng) for _ in range(10 if i % 50 == 0 else 1)]
        with alarm(HANG_SECONDS, lambda: repr(names)):
            for k, name in enumerate(names):
                try:
                    (folder / name).write_bytes(SOURCE_BYTES[(i + k) % len(SOURCE_BYTES)])
                except OSError:
                    continue  # a name this file system refuses (too long once encoded)
            build_folder(folder) if len(names) > 1 else walk_and_read(folder)


def walk_and_read(folder: Path) -> None:
    from generator.inputs.reader import read_articles

    read_articles(folder, CONFIG)


def run_slice(job: tuple[str, int, int, int, str]) -> tuple[int, str | None]:
    """Cases start, start+step, ... < stop of one family in a worker; the first failure ends the slice."""
    kind, start, stop, step, tmp = job
    done = 0
    for i in range(start, stop, step):
        try:
            run_case(kind, i, Path(tmp))
        except Exception as exc:  # the finding: report the case, the seed and the error
            return done, f"{kind} case {i} (FUZZ_SEED={SEED}): {type(exc).__name__}: {str(exc)[:3000]}"
        done += 1
    return done, None


FAMILIES = {"article": 16000, "yaml": 6000, "name": 2000}
BUDGET_SECONDS = float(os.environ.get("FUZZ_BUDGET", "900"))


def test_fuzz_corpus(tmp_path: Path) -> None:
    workers = max(1, min(2, os.cpu_count() or 1))
    jobs = [(kind, w, round(n * SCALE), workers, str(tmp_path / f"{kind}-{w}"))
            for kind, n in FAMILIES.items() for w in range(workers)]
    for job in jobs:
        Path(job[4]).mkdir()
    started = time.monotonic()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        results = pool.map_async(run_slice, jobs, chunksize=1).get(timeout=BUDGET_SECONDS)
    failures = [f for _, f in results if f]
    total = sum(done for done, _ in results)
    print(f"fuzz: {total} cases in {time.monotonic() - started:.1f} s on {workers} processes, seed {SEED}")
    assert not failures, "\n".join(failures)
    assert total >= round(20000 * SCALE)
