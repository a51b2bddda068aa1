"""Domain objects passed between the pipeline stages. All are plain data; stages are pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator import rules
from generator.diagnostics import Diagnostic, Level, Location

__all__ = ["Diagnostic", "Level", "Location"]  # re-exported: the domain objects and their diagnostics

Precision = Literal["day", "month", "year"]

# What a vague amount means at least and at most: "dozens" is two dozen or more, and fewer than a hundred
# (rules/numbers.yml vague_amounts).
VAGUE_BOUNDS: dict[str, tuple[int, int]] = {
    word: (int(least), int(most)) for word, (least, most) in rules.rule("numbers", "vague_amounts").table.items()}


@dataclass
class DateMention:
    """A temporal expression in an article body and the calendar value it resolves to."""

    text: str
    start: int
    end: int
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, P3D, ...; None when it cannot be resolved
    precision: str | None  # day, month, year; None for durations, sets and unresolved mentions
    location: Location
    end_value: str | None = None  # for ranges ("March 12-14"), the last day
    mod: str | None = None  # TimeML modifier: START ("early"), END ("late"), MID
    stated: bool = False  # "said on Sunday": when something was said, not when it happened
    out_of_window: bool = False  # it would resolve outside the years dates.MIN_YEAR-MAX_YEAR: read as no date

    @property
    def is_calendar(self) -> bool:
        """A resolved point or period on the calendar (not a duration, a set or PRESENT_REF)."""
        return self.type in ("DATE", "TIME") and self.value is not None and self.precision is not None


@dataclass
class Claim:
    """A figure someone states about people, with who states it and the sentence it comes from."""

    id: str
    article_id: str
    category: str
    quantity: int | None  # None for vague figures ("dozens")
    qualifier: str | None
    claimant: str | None
    quote: str
    location: Location
    figure_text: str = ""  # the figure as written: "92", "seven", "dozens"
    vague: bool = False
    scope: str | None = None
    date: str | None = None  # the day the sentence puts the claim on, when it says so
    stated_on: str | None = None  # the day it was said: "said on Sunday", else the publication day
    curated: bool = False
    status: str = "single"  # single, corroborated, contested (set when events are merged)
    sources: list[str] = field(default_factory=list)  # article ids reporting the same claim
    review: str | None = None  # an editor's decision in the review file: confirmed, corrected, rejected
    review_note: str = ""
    original: str = ""  # for corrected claims: what was extracted before the correction, as shown
    upper: int | None = None  # for ranges ("13 to 46"): the upper figure; quantity holds the lower one
    earlier: int | None = None  # the claimant's previous figure named in the same sentence ("rose to 27 from 12")
    spokesperson: str | None = None  # who spoke for the claimant organisation ("Jane Roe", its spokeswoman)


@dataclass
class ClaimRow:
    """One row of an event's claims table: the same claim as reported by one or more articles."""

    id: str
    category: str
    quantity: int | None
    qualifier: str | None
    claimant: str | None
    scope: str | None
    figure_text: str
    vague: bool
    claims: list[Claim]  # one per reporting article, in article order
    status: str = "single"  # single, corroborated, contested; revised for a figure its claimant later changed
    spread: str | None = None  # for contested rows: the range of figures in dispute, "15–84"
    spread_range: tuple[int, int] | None = None  # the same as numbers, (15, 84), for the exports
    curated: bool = False
    history: list[ClaimRow] = field(default_factory=list)  # the same claimant's earlier figures, oldest first
    upper: int | None = None  # for ranges: the upper figure ("13 to 46")
    # Why the row has its status, for readers: "Pakistan military says 92, Chief Minister Sarfraz Bugti 145 (spread
    # 92–145)" for a contested row, "agrees with the BLA's about 80 within their qualifiers" for an agreeing one.
    why: str = ""
    part: str | None = None  # the part of the happening the figure counts (a SubEvent title), None for the whole

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(c.article_id for c in self.claims))

    @property
    def bounds(self) -> tuple[int, int] | None:
        """The least and most the figure can mean: a range's ends, a vague word's bounds, else the figure twice."""
        if self.quantity is not None:
            return self.quantity, self.upper if self.upper is not None else self.quantity
        return VAGUE_BOUNDS.get(self.figure_text.lower())

    @property
    def spokespeople(self) -> list[str]:
        """Who spoke for the claimant organisation in the reports of this row, in report order."""
        return list(dict.fromkeys(c.spokesperson for c in self.claims if c.spokesperson))

    @property
    def earlier(self) -> list[int]:
        """Earlier figures the same sentence names ("rose to 27 from 12")."""
        return sorted({c.earlier for c in self.claims if c.earlier is not None})

    @property
    def review(self) -> str | None:
        """'corrected' if an editor corrected any report of it, 'confirmed' if one confirmed it, else None."""
        decisions = {c.review for c in self.claims}
        return "corrected" if "corrected" in decisions else "confirmed" if "confirmed" in decisions else None


@dataclass
class Article:
    """One input file after reading and cleaning."""

    id: str  # slug, unique, used for the page name
    path: str
    location: Location
    title: str
    body: str  # cleaned text; paragraphs separated by blank lines
    body_line: int  # line in the file where the body starts
    published: str | None  # ISO date or datetime (no zone), None when undated
    published_day: str | None  # YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # front-matter keys we do not use
    date_origin: str = "none"  # front-matter, dateline, filename, inferred, none
    inferred_from: list[str] = field(default_factory=list)  # for inferred dates: the dated articles it matched
    curated_events: list[dict[str, Any]] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)  # file line of each cleaned paragraph
    file: str = ""  # path relative to the content folder: the stable key for claim ids
    slug: str | None = None  # the page name front matter's `slug:` chose (checked), else None: from the title
    slug_line: int = 1  # the `slug:` line, for diagnostics about it
    rejected: list[Claim] = field(default_factory=list)  # claims an editor rejected in the review file
    mentions: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class SubEvent:
    """One part of a day's event ("Attack on the prison in Mastung"), with the sentences that report it."""

    title: str
    sentences: list[tuple[str, str]]  # (article id, sentence)
    row_ids: list[str] = field(default_factory=list)  # claim rows of the day whose sentence reports this part


@dataclass
class Event:
    """Something that happened on a date (or in a month or year), as reported by one or more articles."""

    id: str
    title: str
    start: str | None  # None for the bucket of undated reports
    end: str | None
    precision: str  # day, week, month, year, decade, unknown
    incident: str
    background: bool  # year/month-precision history kept apart from the chronology
    summary: str = ""
    curated: bool = False
    article_ids: list[str] = field(default_factory=list)
    rows: list[ClaimRow] = field(default_factory=list)  # exact figures (and ranges), the claims table
    vague_rows: list[ClaimRow] = field(default_factory=list)  # "dozens", "hundreds": listed apart, with bounds
    context: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence) that date it
    subevents: list[SubEvent] = field(default_factory=list)  # attacks, raids ... the day's event is made of


    def all_rows(self) -> list[ClaimRow]:
        """Every row: current figures, the earlier figures they revise, and the vague amounts."""
        out: dict[int, ClaimRow] = {}
        for r in self.rows:
            out.update((id(x), x) for x in (*r.history, r))
        return [*out.values(), *self.vague_rows]


def figure_label(r: ClaimRow | Claim) -> str:
    """A figure as readers see it: 'at least 92', '13–46', 'dozens'."""
    fig = f"{r.quantity:,}" if r.quantity is not None else r.figure_text.lower()
    if r.quantity is not None and r.upper is not None:
        fig += f"–{r.upper:,}"
    return f"{r.qualifier} {fig}" if r.qualifier else fig


@dataclass
class FigureLine:
    """One claimant's line in an incident's "who claims what" box: their latest figure for one count."""

    claimant: str | None  # None: figures the articles report without naming a source
    row: ClaimRow  # the latest figure; row.history holds the claimant's earlier ones, oldest first
    event_id: str  # the event whose claims table holds the row
    stated_on: str | None  # the day the claimant stated it (YYYY-MM-DD), when known


@dataclass
class FigurePoint:
    """One dated figure of a count, a point of the incident's figures-over-time chart."""

    day: str  # the day it was stated, YYYY-MM-DD
    quantity: int
    claimant: str | None
    label: str  # the figure as shown: "at least 500"


@dataclass
class CategorySummary:
    """What the incident's claimants say for one category (of the whole incident, not its parts)."""

    category: str
    lines: list[FigureLine]  # one per claimant, the contested ones first
    points: list[FigurePoint]  # every dated figure, in day order: the chart (shown when there are three or more)
    why: str = ""  # for a contested count, who disagrees with whom and the spread; else ""


@dataclass
class Incident:
    """One happening as the articles report it over days or weeks: its events, its articles, who claims what."""

    id: str  # page name, from the happening: "2023-06-14-pylos-shipwreck"
    title: str
    start: str | None  # the first and last day of its events (YYYY-MM-DD), None when nothing is dated
    end: str | None
    event_ids: list[str]
    article_ids: list[str]
    summary: list[CategorySummary]  # in CATEGORY_ORDER
    place: str | None = None  # the place most named, "Pylos"
    kind: str | None = None  # what happened, "shipwreck"


@dataclass(frozen=True)
class ReviewOutcome:
    """One decision of the review file and what it applied to, for the build report."""

    claim: str  # the id the decision names
    decision: str  # confirm, reject, correct
    location: Location  # the decision in review.yml
    applied_to: str | None = None  # the id of the claim it applied to; None: it matches no claim
    moved: bool = False  # applied to the most similar sentence, its own id being gone
    similarity: float | None = None  # for a moved decision: how alike the recorded and the new sentence are
    article_id: str | None = None
    article: str = ""  # the article's title; for a decision that matches nothing, the file it recorded
    figure: str = ""  # the claim it applied to, as extracted: "dead 5", and who claims it (or as recorded)
    claimant: str | None = None

    @property
    def lapsed(self) -> bool:
        """A reject or a correction that applies to nothing: publishing would show the figure it was to remove
        or fix, so no build publishes while one is there."""
        return self.applied_to is None and self.decision in ("reject", "correct")


@dataclass
class Timeline:
    """Everything the pages are rendered from."""

    title: str
    description: str
    articles: list[Article]
    events: list[Event]
    diagnostics: list[Diagnostic]
    inferred: dict[str, str] = field(default_factory=dict)  # undated article id -> day its event was placed on
    inputs: list[str] = field(default_factory=list)  # every file read from the content folder, as displayed
    # How claimants were found, for the build report: "dependency parse, en_core_web_sm 3.8.0 (spaCy 3.8.18)" or
    # "rules only: <why>" (generator.pipeline.attribution_used).
    attribution: str = ""
    incidents: list[Incident] = field(default_factory=list)  # in date order
    # Where the site is published (MkDocs' site_url, ending in "/"), or "" when unknown: pages link relatively
    # either way; the feed, the sitemap and robots.txt need it for absolute addresses.
    url: str = ""
    # The content folder as diagnostics name it ('content': paths there are relative to its parent, so that a
    # terminal or CI annotation finds the file); pages and exports show paths relative to the folder itself.
    content_name: str = ""
    review: list[ReviewOutcome] = field(default_factory=list)  # every decision of review.yml, in file order
    # Old article pages and where they moved ("articles/old/" -> "articles/new/"), from content/redirects.yml
    # (generator.site.redirects): each becomes a static redirect page.
    redirects: dict[str, str] = field(default_factory=dict)
    # The new text of content/redirects.yml and where to write it once the site is published (None: it stays as it
    # is), planned with the page names above (generator.inputs.redirects.plan_redirects).
    redirects_file: Path | None = None
    redirects_text: str | None = None
