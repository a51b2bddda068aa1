"""A made-up incident built by hand (no extraction): a dam breach in the invented town of Orrin Vale.

The rendering tests use it to see the incident page, the event page's parts and the home page's incident
list whatever the events stage groups; every name and figure is our own invention.
"""

from __future__ import annotations

from generator.models import (
    Article,
    CategorySummary,
    Claim,
    ClaimRow,
    Event,
    FigureLine,
    FigurePoint,
    Incident,
    Location,
    SubEvent,
    Timeline,
)

INCIDENT_ID = "2024-03-02-orrin-vale-dam-breach"


def article(aid: str, title: str, day: str, source: str | None) -> Article:
    return Article(id=aid, path=f"content/{aid}.md", location=Location(f"content/{aid}.md", 1), title=title,
                   body="Text.", body_line=5, published=day, published_day=day, source=source,
                   date_origin="front-matter", file=f"{aid}.md")


def row(rid: str, aid: str, category: str, quantity: int, claimant: str | None, stated_on: str, *,
        qualifier: str | None = None, status: str = "single", why: str = "", part: str | None = None,
        history: list[ClaimRow] | None = None) -> ClaimRow:
    claim = Claim(id=f"c{rid}", article_id=aid, category=category, quantity=quantity, qualifier=qualifier,
                  claimant=claimant, quote=f"{quantity} {category}.", location=Location(f"content/{aid}.md", 7),
                  figure_text=str(quantity), stated_on=stated_on)
    return ClaimRow(id=rid, category=category, quantity=quantity, qualifier=qualifier, claimant=claimant, scope=None,
                    figure_text=str(quantity), vague=False, claims=[claim], status=status, why=why, part=part,
                    history=history or [])


def incident_timeline(claimant: str = "Orrin Vale rescue service") -> Timeline:
    """Two day events of one dam breach: dead revised by the rescue service, disputed by the river authority;
    the dead of the flooded school counted as a part, which contests nothing."""
    arts = [article("breach-at-orrin-vale", "Dam breach floods Orrin Vale", "2024-03-02", "Vale Herald"),
            article("toll-rises-in-orrin-vale", "Toll rises in Orrin Vale", "2024-03-04", "Riverside Post"),
            article("authority-disputes-toll", "Authority disputes the Orrin Vale toll", "2024-03-05", None)]
    first = row("r1", "breach-at-orrin-vale", "dead", 12, claimant, "2024-03-02", qualifier="at least",
                status="revised")
    second = row("r2", "toll-rises-in-orrin-vale", "dead", 31, claimant, "2024-03-04", status="revised")
    latest = row("r3", "authority-disputes-toll", "dead", 40, claimant, "2024-03-05", status="contested",
                 why=f"{claimant} says 40, the river authority 18 (spread 18–40)", history=[first, second])
    authority = row("r4", "authority-disputes-toll", "dead", 18, "River authority", "2024-03-05", status="contested",
                    why=f"the river authority says 18, {claimant} 40 (spread 18–40)")
    unsourced = row("r5", "toll-rises-in-orrin-vale", "missing", 9, None, "2024-03-04", qualifier="about")
    school = row("r6", "breach-at-orrin-vale", "dead", 4, "Head teacher", "2024-03-02", part="Flooding of the school")
    day1 = Event(id="2024-03-02-orrin-vale", title="Dam breach at Orrin Vale", start="2024-03-02", end="2024-03-02",
                 precision="day", incident=INCIDENT_ID, background=False,
                 article_ids=["breach-at-orrin-vale", "toll-rises-in-orrin-vale"], rows=[latest, authority, school],
                 subevents=[SubEvent("Flooding of the school", [("breach-at-orrin-vale", "The school was flooded.")],
                                     ["r6"])])
    day3 = Event(id="2024-03-04-orrin-vale", title="Search for the missing in Orrin Vale", start="2024-03-04",
                 end="2024-03-04", precision="day", incident=INCIDENT_ID, background=False,
                 article_ids=["toll-rises-in-orrin-vale"], rows=[unsourced])
    dead = CategorySummary(
        "dead", [FigureLine(claimant, latest, day1.id, "2024-03-05"),
                 FigureLine("River authority", authority, day1.id, "2024-03-05")],
        [FigurePoint("2024-03-02", 12, claimant, "at least 12"), FigurePoint("2024-03-04", 31, claimant, "31"),
         FigurePoint("2024-03-05", 40, claimant, "40"), FigurePoint("2024-03-05", 18, "River authority", "18")],
        why=f"{claimant} says 40, the river authority 18 (spread 18–40)")
    missing = CategorySummary("missing", [FigureLine(None, unsourced, day3.id, "2024-03-04")],
                              [FigurePoint("2024-03-04", 9, None, "about 9")])
    inc = Incident(id=INCIDENT_ID, title="Orrin Vale dam breach", start="2024-03-02", end="2024-03-04",
                   event_ids=[day1.id, day3.id], article_ids=[a.id for a in arts], summary=[dead, missing],
                   place="Orrin Vale", kind="dam breach")
    return Timeline(title="Orrin Vale", description="A made-up dam breach.", articles=arts, events=[day1, day3],
                    diagnostics=[], incidents=[inc])
