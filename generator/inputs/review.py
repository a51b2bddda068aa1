"""Editors' review: confirm, reject or correct an extracted claim by its id, without editing the article.

The decisions live in `content/review.yml`, a list such as

    - claim: 3f2a9b1c07
      decision: correct        # confirm | reject | correct
      figure: 17               # correct: any of figure, category, claimant
      note: The statement says 17, the article misprinted 71.
      extracted:               # what the decision was made on (python -m generator review writes it)
        article: 2026-02-01-blast.md
        claimant: Police
        category: dead
        figure: 71
        quote: Seventy-one people were killed in the blast, police said.

Claim ids are shown on each article page and in data/claims.csv; they depend only on the article's file
and sentence, so they stay the same across rebuilds while the sentence does not change. When the sentence is
edited, a decision that records `extracted:` follows its claim (generator/inputs/reanchor.py) with a warning;
one that matches nothing is an error, so a rejected figure never returns to the site unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import yamlsafe
from generator.claims import CATEGORY
from generator.config import Config, read_settings_text
from generator.diagnostics import Code
from generator.inputs.files import REVIEW_FILES, display_path, editor_file
from generator.inputs.frontmatter import yaml_lines
from generator.inputs.reanchor import SIMILAR_ENOUGH, Anchor, Recorded, reanchor
from generator.models import Article, Claim, Diagnostic, Location, ReviewOutcome
from generator.text import clean_inline

DECISIONS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
CORRECTABLE = ("figure", "category", "claimant")
RECORDED = ("article", "quote", "category", "figure")  # what `extracted:` must name (claimant: when there is one)


@dataclass
class Decision:
    """One editor's decision on one claim, with where it was written."""

    claim: str
    decision: str  # confirm, reject, correct
    location: Location
    figure: int | None = None
    category: str | None = None
    claimant: str | None = None
    note: str = ""
    recorded: Recorded | None = None  # `extracted:`: lets the decision follow its claim into an edited sentence


def read_review(content_dir: Path, symlinks: str = "skip") -> tuple[list[Decision], list[Diagnostic]]:
    """Read content/review.yml if there is one; every problem is a diagnostic at its line."""
    path = editor_file(content_dir, REVIEW_FILES, symlinks)
    if path is None:
        return [], []
    rel = display_path(path, content_dir)
    text, diags = read_settings_text(path, rel, "review file", Code.REVIEW_UNREADABLE)
    if text is None:
        return [], diags
    decisions, parse_diags = parse_review(text, rel)
    return decisions, diags + parse_diags


def parse_review(text: str, rel: str) -> tuple[list[Decision], list[Diagnostic]]:
    """Review file text -> decisions; pure, so the tests can feed it anything."""
    try:
        data = yamlsafe.load_strings(text)  # every value a string: id 1e10 is not a float
    except yaml.YAMLError as exc:
        return [], [Diagnostic(Location(rel, yamlsafe.error_line(exc)), "error",
                               f"malformed review file: {yamlsafe.error_text(exc)}; no decision applied",
                               Code.REVIEW_UNREADABLE)]
    lines = yaml_lines(text, 1)
    prefix: tuple[Any, ...] = ()
    if isinstance(data, dict) and "claims" in data:
        data, prefix = data["claims"], ("claims",)
    if data is None:
        return [], [Diagnostic(Location(rel, 1), "info", "review file is empty", Code.REVIEW_SUMMARY)]
    if not isinstance(data, list):
        return [], [Diagnostic(Location(rel, 1), "error", "the review file must be a list of decisions "
                                                          "(- claim: ID / decision: confirm|reject|correct)",
                                                          Code.REVIEW_UNREADABLE)]
    decisions: list[Decision] = []
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        loc = Location(rel, lines.get((*prefix, i), 1))
        decision = _decision(item, loc, diags)
        if decision is None:
            continue
        if decision.claim in seen:
            diags.append(Diagnostic(loc, "warning", f"claim {decision.claim} was already decided at line "
                                                    f"{seen[decision.claim]}; this decision is ignored",
                                                    Code.REVIEW_INVALID))
            continue
        seen[decision.claim] = loc.line
        decisions.append(decision)
    return decisions, diags


def _decision(item: Any, loc: Location, diags: list[Diagnostic]) -> Decision | None:
    if not isinstance(item, dict):
        diags.append(Diagnostic(loc, "warning", "a decision must be a mapping with 'claim' and 'decision'; ignored",
                                Code.REVIEW_INVALID))
        return None
    claim = str(item.get("claim") or item.get("id") or "").strip().lower()
    verb = str(item.get("decision") or "").strip().lower()
    verb = {"confirmed": "confirm", "rejected": "reject", "corrected": "correct"}.get(verb, verb)
    if not claim:
        diags.append(Diagnostic(loc, "warning", "decision without a claim id; ignored", Code.REVIEW_INVALID))
        return None
    if verb not in DECISIONS:
        diags.append(Diagnostic(loc, "warning", f"unknown decision '{item.get('decision')}' for claim {claim} "
                                                f"(use confirm, reject or correct); ignored", Code.REVIEW_INVALID))
        return None
    out = Decision(claim=claim, decision=verb, location=loc, note=_one_line(item.get("note") or ""),
                   recorded=_recorded(item.get("extracted"), claim, loc, diags))
    if verb != "correct":
        return out
    if not any(item.get(k) not in (None, "") for k in CORRECTABLE):
        diags.append(Diagnostic(loc, "warning", f"correction of claim {claim} names none of "
                                                f"{', '.join(CORRECTABLE)}; ignored", Code.REVIEW_INVALID))
        return None
    if item.get("figure") not in (None, ""):
        try:
            out.figure = int(str(item["figure"]).replace(",", "").strip())
        except ValueError:
            diags.append(Diagnostic(loc, "warning", f"correction of claim {claim}: figure '{item['figure']}' is not "
                                                    "a whole number; ignored", Code.REVIEW_INVALID))
            return None
        if out.figure < 0:
            diags.append(Diagnostic(loc, "warning", f"correction of claim {claim}: negative figure; ignored",
                                    Code.REVIEW_INVALID))
            return None
    if item.get("category") not in (None, ""):
        out.category = _one_line(item["category"]).lower()
    if item.get("claimant") not in (None, ""):
        out.claimant = _one_line(item["claimant"])
    return out


def _recorded(value: Any, claim: str, loc: Location, diags: list[Diagnostic]) -> Recorded | None:
    """The `extracted:` mapping of a decision; a broken one is reported and left out (the id still applies)."""
    if value in (None, ""):
        return None
    missing = [k for k in RECORDED if not isinstance(value, dict) or value.get(k) in (None, "")
               or not isinstance(value[k], str)]  # every scalar is read as a string; a list or mapping is not one
    if isinstance(value, dict) and not isinstance(value.get("claimant") or "", str):
        missing.append("claimant")
    if missing:
        diags.append(Diagnostic(loc, "warning", f"claim {claim}: 'extracted' must be a mapping with "
                                                f"{', '.join(RECORDED)} (and claimant) as text; wrong or missing: "
                                                f"{', '.join(missing)}, "
                                                "so the decision cannot follow an edited sentence",
                                                Code.REVIEW_INVALID))
        return None
    return Recorded(article=str(value["article"]).strip(), quote=_one_line(value["quote"]),
                    category=_one_line(value["category"]).lower(), figure=_one_line(value["figure"]).replace(",", ""),
                    claimant=_one_line(value.get("claimant") or "") or None)


def apply_review(articles: list[Article], decisions: list[Decision],
                 config: Config) -> tuple[list[Article], list[Diagnostic], list[ReviewOutcome]]:
    """The articles with the editors' decisions applied, as new objects, and what each decision applied to.

    A decision applies to the claim with its id; when that id is gone, to the claim its `extracted:` record
    finds (reanchor), with a warning; else to nothing, an error. A confirmed or corrected claim is replaced by a
    marked copy; a rejected one moves from the article's claims to its `rejected`. The articles and claims given
    are left as they were.
    """
    claims = {c.id: Anchor(a, c, 1.0) for a in articles for c in a.claims}
    by_file = {a.file: a for a in articles}
    taken = {d.claim for d in decisions if d.claim in claims}  # a claim decided by its own id stays with it
    known_categories = set(CATEGORY.values()) | {r.name for r in config.categories}
    diags: list[Diagnostic] = []
    outcomes: list[ReviewOutcome] = []
    decided: dict[str, Decision] = {}
    for d in decisions:
        anchor = claims.get(d.claim)
        if anchor is None:
            anchor, diag = _follow(d, by_file, taken)
            diags.append(diag)
        outcomes.append(_outcome(d, anchor))
        if anchor is None:
            continue
        decided[anchor.claim.id] = d
        if d.decision == "correct" and d.category and d.category not in known_categories:
            diags.append(Diagnostic(d.location, "info", f"category '{d.category}' is not one the extractor uses; "
                                                        "kept as written", Code.REVIEW_NEW_CATEGORY))
    if decisions:
        diags.append(_summary(decisions[0].location.path, outcomes))
    reviewed = [_reviewed(a, decided) if any(c.id in decided for c in a.claims) else a for a in articles]
    return reviewed, diags, outcomes


def _follow(d: Decision, by_file: dict[str, Article], taken: set[str]) -> tuple[Anchor | None, Diagnostic]:
    """The claim a decision whose id is gone moves to (a warning that says so), or None (an error)."""
    verb = f"'{d.decision}' of claim {d.claim}"
    if d.recorded is None:
        return None, Diagnostic(d.location, "error", f"{verb} matches no claim in this build, and records no "
                                                     "'extracted:' sentence to find it by (ids change when the "
                                                     "sentence or the file name changes; a curated claim is changed "
                                                     "in its article's front matter); NOT applied: write the "
                                                     "claim's new id (shown on its article page)",
                                                     Code.REVIEW_UNKNOWN_CLAIM)
    r = d.recorded
    anchor, best = reanchor(r, by_file, taken)
    if anchor is None:
        what = f"{r.category} {r.figure} ({r.claimant or 'unattributed'}) in {r.article}"
        why = (f"the most similar sentence scores {best:.2f}, below {SIMILAR_ENOUGH}" if best
               else "no claim of that article has this claimant, category and figure" if r.article in by_file
               else "the article is gone")
        return None, Diagnostic(d.location, "error", f"{verb} matches no claim in this build: {what}; {why}. "
                                                     "NOT applied: write the claim's new id (shown on its article "
                                                     "page), or remove the decision", Code.REVIEW_UNKNOWN_CLAIM)
    taken.add(anchor.claim.id)
    return anchor, Diagnostic(d.location, "warning", f"{verb} moved to claim {anchor.claim.id}: its sentence was "
                                                     f"edited (similarity {anchor.similarity:.2f}); run `python -m "
                                                     "generator review --update` to record the new id",
                                                     Code.REVIEW_MOVED)


def _outcome(d: Decision, anchor: Anchor | None) -> ReviewOutcome:
    if anchor is None:
        r = d.recorded
        return ReviewOutcome(claim=d.claim, decision=d.decision, location=d.location, article=r.article if r else "",
                             figure=f"{r.category} {r.figure}" if r else "", claimant=r.claimant if r else None)
    c = anchor.claim
    return ReviewOutcome(claim=d.claim, decision=d.decision, location=d.location, applied_to=c.id,
                         moved=c.id != d.claim, similarity=anchor.similarity if c.id != d.claim else None,
                         article_id=anchor.article.id, article=anchor.article.title, figure=_figure(c),
                         claimant=c.claimant)


def _summary(rel: str, outcomes: list[ReviewOutcome]) -> Diagnostic:
    tally = {v: sum(1 for o in outcomes if o.applied_to and DECISIONS[o.decision] == v) for v in DECISIONS.values()}
    moved = sum(1 for o in outcomes if o.moved)
    lost = sum(1 for o in outcomes if o.applied_to is None)
    return Diagnostic(Location(rel, 1), "info", "review file: " + ", ".join(
        f"{n} {what}" for what, n in tally.items()) + f" ({moved} moved to an edited sentence, {lost} not found)",
        Code.REVIEW_SUMMARY)


def _reviewed(a: Article, decided: dict[str, Decision]) -> Article:
    """A copy of the article with its decided claims marked, corrected, or set aside as rejected (in the order
    of the review file)."""
    marked = {c.id: _marked(c, decided[c.id]) for c in a.claims if c.id in decided}
    rejected = [cid for cid in decided if cid in marked and decided[cid].decision == "reject"]
    kept = [marked.get(c.id, c) for c in a.claims if c.id not in rejected]
    return replace(a, claims=kept, rejected=[*a.rejected, *(marked[cid] for cid in rejected)])


def _marked(c: Claim, d: Decision) -> Claim:
    marked = replace(c, review=DECISIONS[d.decision], review_note=d.note)
    return _corrected(marked, d) if d.decision == "correct" else marked


def _corrected(c: Claim, d: Decision) -> Claim:
    """The claim as the editor corrected it, remembering what was extracted."""
    changes: dict[str, Any] = {"original": _describe(c)}
    if d.figure is not None:
        changes.update(quantity=d.figure, vague=False, figure_text=str(d.figure))
    if d.category:
        changes["category"] = d.category
    if d.claimant:
        changes["claimant"] = d.claimant
    return replace(c, **changes)


def _describe(c: Claim) -> str:
    return f"{_figure(c)}, {c.claimant or 'unattributed'}"


def _figure(c: Claim) -> str:
    figure = f"{c.quantity:,}" if c.quantity is not None else c.figure_text
    return f"{c.category} {figure}"


def _one_line(value: Any) -> str:
    return clean_inline(str(value))
