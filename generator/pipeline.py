"""The pure middle of the build: the content folder in, the Timeline out (read, dates, claims, review, events)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.cache import Analysis, ExtractionCache, as_cached
from generator.claims import extract_claims, nlp
from generator.claims.identities import group_spokespeople
from generator.config import Config
from generator.dates import resolve_dates, window_diagnostics
from generator.diagnostics import Code
from generator.events import infer_publication_dates, merge_events
from generator.inputs.actors import read_actors
from generator.inputs.files import display_path, walk_content
from generator.inputs.reader import read_articles
from generator.inputs.redirects import plan_redirects
from generator.inputs.review import apply_review, read_review
from generator.models import Article, Diagnostic, Event, Incident, Location, Timeline
from generator.workers import run_all

Step = Callable[[str, int, int], None]  # (what, done, total): progress of a long step


def analyse_articles(articles: list[Article], config: Config,
                     progress: Step | None = None) -> tuple[list[Article], list[Diagnostic]]:
    """Each article with its dates resolved and its claims extracted (new objects); a failure costs one article's
    claims, not the build.

    An article whose extraction is in the cache (config.cache_dir; generator/cache.py) is taken from it; the
    others are extracted, on both cores when there are many (generator/workers.py), and cached. The result is
    the same either way, in the articles' order.
    """
    cache = ExtractionCache.open(config)
    keys = [cache.key(a) for a in articles] if cache else []
    found: list[Analysis | None] = [None] * len(articles)
    diags: list[Diagnostic] = []
    for n, a in enumerate(articles):
        if cache:
            found[n], notes = cache.load(a, keys[n])
            diags += notes
    todo = [n for n, hit in enumerate(found) if hit is None]
    if todo:  # load the parser before the workers start, so that a forked worker has it (generator/workers.py)
        parser = nlp.parser_status()
        if cache and parser.version_key != cache.parser:  # the packages said one thing, loading another
            cache = ExtractionCache.open(config, parser)
    results = run_all(_analyse, [articles[n] for n in todo], config)
    for done, (n, fresh) in enumerate(zip(todo, results, strict=True), 1):
        result = found[n] = as_cached(fresh[0]), fresh[1]
        if cache and not any(d.code == Code.INTERNAL_ERROR for d in result[1]):
            cache.store(keys[n], *result, source=articles[n])
        if progress:
            progress("analysing articles", len(articles) - len(todo) + done, len(articles))
    if progress and not todo:  # all from the cache: the stage still says so (-v)
        progress("analysing articles", len(articles), len(articles))
    analysed = [r for r in found if r is not None]
    return [a for a, _ in analysed], diags + [d for _, found_diags in analysed for d in found_diags]


def _analyse(a: Article, config: Config) -> Analysis:
    try:
        mentions = resolve_dates(a)
        # Dates outside the years dates.MIN_YEAR-MAX_YEAR, read as no date. An article analysed again with an
        # inferred publication day was warned about those it has without one already.
        warnings = window_diagnostics(mentions)
        if warnings and a.date_origin == "inferred":
            before = set(window_diagnostics(resolve_dates(replace(a, published_day=None))))
            warnings = [w for w in warnings if w not in before]
        with_mentions = replace(a, mentions=mentions)
        return replace(with_mentions, claims=extract_claims(with_mentions, mentions, config)), warnings
    except Exception as exc:  # a bug on odd text must not stop the site from building
        return replace(a, claims=[]), [Diagnostic(a.location, "error", f"internal error while analysing this article "
                                                                      f"({type(exc).__name__}: {exc}); its claims "
                                                                      "are left out", Code.INTERNAL_ERROR)]


def group_events(articles: list[Article], config: Config,
                 where: Location) -> tuple[list[Event], dict[str, str], list[Diagnostic], list[Incident]]:
    """merge_events, where one article that breaks grouping is reported and left out, never all the events.

    When grouping raises, each article is grouped alone (on a copy) to find the ones that fail by themselves;
    those are left out of the events with an error, and the rest is grouped again.
    """
    try:
        return merge_events(articles, config)
    except Exception as exc:  # a bug on odd input: find the article, keep the others' events
        first = exc
    failing: list[Diagnostic] = []
    kept = []
    for a in articles:
        try:
            merge_events([copy.deepcopy(a)], config)
            kept.append(a)
        except Exception as exc:
            failing.append(Diagnostic(a.location, "error", f"internal error while grouping this article's events "
                                                           f"({type(exc).__name__}: {exc}); it is left out of "
                                                           "the events", Code.INTERNAL_ERROR))
    if failing:
        try:
            events, inferred, diags, incidents = merge_events(kept, config)
            return events, inferred, diags + failing, incidents
        except Exception as exc:
            first = exc
    return [], {}, [*failing, Diagnostic(where, "error", f"internal error while grouping events "
                                                          f"({type(first).__name__}: {first}); the site is built "
                                                          "without events", Code.INTERNAL_ERROR)], []


@dataclass(frozen=True)
class Extracted:
    """The content folder read and analysed, before the editors' review: what review decisions are made on."""

    articles: list[Article]
    files: list[Path]
    config: Config  # with the editors' actors
    attribution: str
    diagnostics: list[Diagnostic]


def extract_content(content_dir: Path, config: Config, progress: Step | None = None) -> Extracted:
    """read -> dates and claims -> inferred publication dates (and those articles analysed again) -> spokespeople
    filed under the organisations they speak for. `python -m generator review` starts from here too."""
    actors, actor_diags = read_actors(content_dir, config.actors, config.max_file_bytes, config.symlinks)
    config = replace(config, actors=actors)  # the editors' claimants (content/actors.yml), for this build only
    if progress:
        progress("reading articles", 0, 1)
    files, walk_diags = walk_content(content_dir, config.symlinks)
    read, read_diags = read_articles(content_dir, config, files)
    articles, analysis_diags = analyse_articles(read, config, progress)
    articles, inferred_ids, inferred_diags = _infer_dates(articles, config)
    articles = group_spokespeople(articles, config)  # one identity per claimant, across the articles
    # After the analysis: the parser it used, or (all from the cache) the one installed, never loaded for nothing.
    attribution, parser_diags = attribution_used(Location(display_path(content_dir, content_dir)))
    # The inference warning replaces the reader's "no publication date": one message per article, not two.
    inferred_locations = {a.location for a in articles if a.id in inferred_ids}
    read_diags = [d for d in read_diags if not (d.location in inferred_locations and d.code == Code.UNDATED)]
    return Extracted(articles, files, config, attribution,
                     [*parser_diags, *actor_diags, *read_diags, *walk_diags, *analysis_diags, *inferred_diags])


def make_timeline(content_dir: Path, config: Config | None = None, extra_diags: list[Diagnostic] | None = None,
                  progress: Step | None = None) -> Timeline:
    """Read content_dir and return the whole Timeline with every diagnostic, sorted by file and line.

    extract_content -> the editors' review -> events. Each step returns new objects; none changes what an
    earlier step made.
    """
    x = extract_content(content_dir, config or Config(), progress)
    decisions, review_diags = read_review(content_dir, x.config.symlinks)
    articles, applied_diags, reviewed = apply_review(x.articles, decisions, x.config)
    if progress:
        progress("grouping events", 0, 1)
    where = Location(display_path(content_dir, content_dir))
    events, inferred, event_diags, incidents = group_events(articles, x.config, where)
    moved = plan_redirects(content_dir, articles, events, incidents, x.config.symlinks)  # content/redirects.yml
    all_diags = sorted([*(extra_diags or []), *x.diagnostics, *review_diags, *applied_diags, *event_diags,
                        *moved.diagnostics],
                       key=lambda d: (d.location.path, d.location.line, d.level, d.message))
    return Timeline(title=x.config.title, description=x.config.description, articles=articles, events=events,
                    diagnostics=all_diags, inferred=inferred,
                    inputs=[display_path(p, content_dir) for p in x.files], attribution=x.attribution,
                    incidents=incidents, content_name=where.path, review=reviewed, redirects=moved.moves,
                    redirects_file=moved.path, redirects_text=moved.text)


def attribution_used(where: Location) -> tuple[str, list[Diagnostic]]:
    """The build report's line on how claimants are found, and a note when the rules read alone (and why)."""
    status = nlp.declared_status()
    if status.available:
        return f"dependency parse, {status.model}", []
    return f"rules only: {status.reason}", [Diagnostic(
        where, "info", f"claimants and figures are read with the rules alone, without the dependency parse: "
                       f"{status.reason}", Code.PARSER_UNAVAILABLE)]


def _infer_dates(articles: list[Article], config: Config) -> tuple[list[Article], set[str], list[Diagnostic]]:
    """Undated articles that report what dated ones report get their day; those are analysed again with it, so
    their "on Saturday" resolves."""
    articles, inferred, diags = infer_publication_dates(articles)  # the inferred ones are dated copies
    inferred_ids = set(inferred)
    again, again_diags = analyse_articles([a for a in articles if a.id in inferred_ids], config)
    by_id = {a.id: a for a in again}
    return [by_id.get(a.id, a) for a in articles], inferred_ids, diags + again_diags
