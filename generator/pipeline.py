"""The pure middle of the build: articles in, Timeline out (read -> dates -> claims -> events)."""

from __future__ import annotations

from pathlib import Path

from generator.claims import extract_claims
from generator.config import Config
from generator.dates import resolve_dates
from generator.events import merge_events
from generator.models import Article, Diagnostic, Timeline
from generator.reader import read_articles


def analyse_articles(articles: list[Article], config: Config) -> list[Diagnostic]:
    """Resolve each article's dates and extract its claims, in place; a failure costs one article, not the build."""
    diags = []
    for a in articles:
        try:
            a.mentions = resolve_dates(a)
            a.claims = extract_claims(a, a.mentions, config)
        except Exception as exc:  # a bug on odd text must not stop the site from building
            a.claims = []
            diags.append(Diagnostic(a.location, "error", f"internal error while analysing this article "
                                                         f"({type(exc).__name__}: {exc}); its claims are left out"))
    return diags


def make_timeline(content_dir: Path, config: Config | None = None,
                  extra_diags: list[Diagnostic] | None = None) -> Timeline:
    """Read content_dir and return the whole Timeline with every diagnostic, sorted by file and line."""
    config = config or Config()
    articles, diags = read_articles(content_dir, config)
    analysis_diags = analyse_articles(articles, config)
    events, inferred, event_diags = merge_events(articles, config)
    all_diags = sorted([*(extra_diags or []), *diags, *analysis_diags, *event_diags],
                       key=lambda d: (d.location.path, d.location.line, d.level, d.message))
    return Timeline(title=config.title, description=config.description, articles=articles, events=events,
                    diagnostics=all_diags, inferred=inferred)
