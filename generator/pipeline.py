"""The pure middle of the build: articles in, Timeline out (read -> dates -> claims -> review -> events)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.actors import read_actors
from generator.claims import extract_claims
from generator.config import Config
from generator.dates import resolve_dates
from generator.diagnostics import Code
from generator.events import infer_publication_dates, merge_events
from generator.models import Article, Diagnostic, Event, Location, Timeline
from generator.reader import display_path, read_articles, walk_content
from generator.review import apply_review, read_review

Step = Callable[[str, int, int], None]  # (what, done, total): progress of a long step


def analyse_articles(articles: list[Article], config: Config, progress: Step | None = None) -> list[Diagnostic]:
    """Resolve each article's dates and extract its claims, in place; a failure costs one article, not the build."""
    from generator.dates import window_diagnostics

    diags = []
    for n, a in enumerate(articles, 1):
        try:
            a.mentions = resolve_dates(a)
            # Dates outside the years dates.MIN_YEAR-MAX_YEAR, read as no date. An article analysed again with an
            # inferred publication day was warned about those it has without one already.
            warnings = window_diagnostics(a.mentions)
            if warnings and a.date_origin == "inferred":
                before = set(window_diagnostics(resolve_dates(replace(a, published_day=None))))
                warnings = [w for w in warnings if w not in before]
            diags += warnings
            a.claims = extract_claims(a, a.mentions, config)
        except Exception as exc:  # a bug on odd text must not stop the site from building
            a.claims = []
            diags.append(Diagnostic(a.location, "error", f"internal error while analysing this article "
                                                         f"({type(exc).__name__}: {exc}); its claims are left out",
                                                         Code.INTERNAL_ERROR))
        if progress:
            progress("analysing articles", n, len(articles))
    return diags


def group_events(articles: list[Article], config: Config,
                 where: Location) -> tuple[list[Event], dict[str, str], list[Diagnostic]]:
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
            events, inferred, diags = merge_events(kept, config)
            return events, inferred, diags + failing
        except Exception as exc:
            first = exc
    return [], {}, [*failing, Diagnostic(where, "error", f"internal error while grouping events "
                                                          f"({type(first).__name__}: {first}); the site is built "
                                                          "without events", Code.INTERNAL_ERROR)]


def make_timeline(content_dir: Path, config: Config | None = None, extra_diags: list[Diagnostic] | None = None,
                  progress: Step | None = None) -> Timeline:
    """Read content_dir and return the whole Timeline with every diagnostic, sorted by file and line."""
    config = config or Config()
    actors, actor_diags = read_actors(content_dir, config.actors, config.max_file_bytes, config.symlinks)
    config = replace(config, actors=actors)  # the editors' claimants (content/actors.yml), for this build only
    files, walk_diags = walk_content(content_dir, config.symlinks)
    articles, diags = read_articles(content_dir, config, files)
    diags += walk_diags
    analysis_diags = analyse_articles(articles, config, progress)
    inferred_articles, inferred_diags = infer_publication_dates(articles)
    analysis_diags += inferred_diags + analyse_articles(inferred_articles, config)  # again, with the inferred day
    # The inference warning replaces the reader's "no publication date": one message per article, not two.
    inferred_locations = {a.location for a in inferred_articles}
    diags = [d for d in diags if not (d.location in inferred_locations and d.code == Code.UNDATED)]
    decisions, review_diags = read_review(content_dir, config.symlinks)
    review_diags += apply_review(articles, decisions, config)
    if progress:
        progress("grouping events", 0, 1)
    events, inferred, event_diags = group_events(articles, config, Location(display_path(content_dir, content_dir)))
    all_diags = sorted([*(extra_diags or []), *actor_diags, *diags, *analysis_diags, *review_diags, *event_diags],
                       key=lambda d: (d.location.path, d.location.line, d.level, d.message))
    return Timeline(title=config.title, description=config.description, articles=articles, events=events,
                    diagnostics=all_diags, inferred=inferred,
                    inputs=[display_path(p, content_dir) for p in files])
