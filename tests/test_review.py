"""Review decisions that survive edits (issue 14, item 1): re-anchoring, lapsed decisions, the report, and the
editor's walk-through (import, check, reject, edit one word, rebuild).

The clippings in tests/fixtures/review are invented: a ferry on the Morrow river near Eastbank.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from generator.config import Config
from generator.diagnostics import Code
from generator.inputs.reanchor import SIMILAR_ENOUGH, Recorded, reanchor, similarity
from generator.inputs.review import apply_review, parse_review
from generator.inputs.review_file import Change, ReviewFileError, appended, updated
from generator.models import Article, Claim, Location
from generator.pipeline import make_timeline
from generator.site.render import render_pages

REPO = Path(__file__).resolve().parent.parent
CLIPPINGS = sorted((REPO / "tests" / "fixtures" / "review").glob("*.txt"))
FILE = "2026-05-06-inquiry.md"


def claim(cid: str, quote: str, claimant: str | None = "Governor", category: str = "dead",
          quantity: int | None = 22, figure_text: str = "22") -> Claim:
    return Claim(id=cid, article_id="inquiry", category=category, quantity=quantity, qualifier=None,
                 claimant=claimant, quote=quote, location=Location(f"content/{FILE}", 9), figure_text=figure_text)


def article(*claims: Claim, file: str = FILE) -> Article:
    return Article(id="inquiry", path=f"content/{file}", location=Location(f"content/{file}", 1), title="Inquiry",
                   body="", body_line=5, published="2026-05-06", published_day="2026-05-06", file=file,
                   claims=list(claims))


RECORDED = Recorded(article=FILE, quote="The governor said 22 people had died in the capsizing.", category="dead",
                    figure="22", claimant="Governor")
ONE_WORD = "The governor said 22 people have died in the capsizing."
OTHER_WORDS = "Compensation will reach every family, the governor promised, putting the dead at 22."


# --- re-anchoring ------------------------------------------------------------------------------------

@pytest.mark.parametrize("claims, expected", [
    pytest.param([claim("a", ONE_WORD)], "a", id="one word edited: moves"),
    pytest.param([claim("a", ONE_WORD, claimant="River police")], None, id="same figure, other claimant: no match"),
    pytest.param([claim("a", ONE_WORD, claimant=None)], None, id="same figure, unattributed: no match"),
    pytest.param([claim("a", ONE_WORD, category="injured")], None, id="other category: no match"),
    pytest.param([claim("a", ONE_WORD, quantity=23, figure_text="23")], None, id="other figure: no match"),
    pytest.param([claim("a", OTHER_WORDS)], None, id="rewritten beyond recognition: no match"),
    pytest.param([claim("a", "The governor said on Tuesday that 22 people had died in the river."),
                  claim("b", ONE_WORD)], "b", id="two candidates: the most similar"),
    pytest.param([claim("a", ONE_WORD), claim("b", ONE_WORD)], "a", id="a tie: the first in the article"),
    pytest.param([claim("a", ONE_WORD.upper().replace(".", "!"))], "a", id="case and punctuation aside"),
])
def test_a_decision_moves_to_the_same_claim_in_the_most_similar_sentence(claims: list[Claim],
                                                                         expected: str | None) -> None:
    anchor, _ = reanchor(RECORDED, {FILE: article(*claims)}, set())
    assert (anchor.claim.id if anchor else None) == expected


@pytest.mark.parametrize("articles, taken, expected", [
    pytest.param({"other.md": article(claim("a", ONE_WORD), file="other.md")}, set(), None,
                 id="the same sentence in another article: no match"),
    pytest.param({FILE: article(claim("a", ONE_WORD))}, {"a"}, None, id="a claim decided by its own id is not taken"),
    pytest.param({FILE: article(claim("a", ONE_WORD), claim("b", RECORDED.quote + " Many more are missing."))},
                 {"a"}, "b", id="the next most similar when the best is taken"),
])
def test_only_free_claims_of_the_same_article_are_candidates(articles: dict[str, Article], taken: set[str],
                                                             expected: str | None) -> None:
    anchor, _ = reanchor(RECORDED, articles, taken)
    assert (anchor.claim.id if anchor else None) == expected


TEN = "one two three four five six seven eight nine ten"


@pytest.mark.parametrize("new, ratio, moves", [
    pytest.param(TEN, 1.0, True, id="same words"),
    pytest.param("one two three four five six seven x y z", 0.7, True, id="7 of 10 words: at the threshold"),
    pytest.param("one two three four five six seven x y z w", 14 / 21, False, id="7 of 10 and 11: just below"),
    pytest.param("one two three four five six x y z w", 0.6, False, id="6 of 10 words: below"),
])
def test_the_similarity_threshold_is_a_word_sequence_ratio(new: str, ratio: float, moves: bool) -> None:
    assert similarity(TEN, new) == pytest.approx(ratio)
    recorded = Recorded(article=FILE, quote=TEN, category="dead", figure="22", claimant="Governor")
    anchor, best = reanchor(recorded, {FILE: article(claim("a", new))}, set())
    assert (anchor is not None) is moves and best == pytest.approx(ratio)
    assert SIMILAR_ENOUGH == 0.7


# --- the review file ---------------------------------------------------------------------------------

EXTRACTED = (f"  extracted:\n    article: {FILE}\n    claimant: Governor\n    category: dead\n    figure: 22\n"
             f"    quote: {RECORDED.quote}\n")


@pytest.mark.parametrize("text, recorded, warning", [
    pytest.param("- claim: abc\n  decision: reject\n" + EXTRACTED, RECORDED, False, id="recorded"),
    pytest.param("- claim: abc\n  decision: reject\n", None, False, id="an old file without a record"),
    pytest.param("- claim: abc\n  decision: reject\n  extracted:\n    article: x.md\n", None, True,
                 id="an incomplete record: a warning, the id still applies"),
    pytest.param("- claim: abc\n  decision: reject\n  extracted: yes\n", None, True, id="not a mapping"),
    pytest.param("- claim: abc\n  decision: reject\n  extracted: {article: [x], quote: {a: b}, category: 1, "
                 "figure: [1, 2]}\n", None, True, id="values that are not text: a warning"),
    pytest.param("- claim: abc\n  decision: reject\n" + EXTRACTED.replace("Governor", "[a]"), None, True,
                 id="a claimant that is not text"),
])
def test_the_review_file_records_what_a_decision_was_made_on(text: str, recorded: Recorded | None,
                                                             warning: bool) -> None:
    decisions, diags = parse_review(text, "content/review.yml")
    assert [d.claim for d in decisions] == ["abc"] and decisions[0].recorded == recorded
    assert any(d.code == Code.REVIEW_INVALID and d.location.line == 1 for d in diags) is warning


@pytest.mark.parametrize("sentence, code, level, applied", [
    pytest.param(RECORDED.quote, None, None, "old", id="same id: applied"),
    pytest.param(ONE_WORD, Code.REVIEW_MOVED, "warning", "new", id="one word edited: moved"),
    pytest.param(OTHER_WORDS, Code.REVIEW_UNKNOWN_CLAIM, "error", None, id="rewritten: an error"),
])
def test_apply_review_moves_or_reports_each_decision(sentence: str, code: Code | None, level: str | None,
                                                     applied: str | None) -> None:
    text = "# decisions\n- claim: old\n  decision: reject\n" + EXTRACTED
    decisions, _ = parse_review(text, "content/review.yml")
    a = article(claim("old" if sentence == RECORDED.quote else "new", sentence))
    reviewed, diags, outcomes = apply_review([a], decisions, Config())
    found = [d for d in diags if d.code in (Code.REVIEW_MOVED, Code.REVIEW_UNKNOWN_CLAIM)]
    assert [(d.code, d.level, d.location.line) for d in found] == ([(code, level, 2)] if code else [])
    if code:
        assert "'reject' of claim old" in found[0].message
    assert [o.applied_to for o in outcomes] == [applied] and outcomes[0].moved is (code == Code.REVIEW_MOVED)
    assert [c.id for c in reviewed[0].rejected] == ([applied] if applied else [])
    assert a.claims[0].review is None  # the stage made new objects


def test_an_old_review_file_without_records_is_an_error_when_the_id_is_gone() -> None:
    decisions, _ = parse_review("- claim: gone\n  decision: reject\n", "content/review.yml")
    _, diags, outcomes = apply_review([article(claim("new", ONE_WORD))], decisions, Config())
    assert [(d.code, d.level) for d in diags if d.code == Code.REVIEW_UNKNOWN_CLAIM] == [
        (Code.REVIEW_UNKNOWN_CLAIM, "error")]
    assert outcomes[0].applied_to is None


def test_two_moved_decisions_never_share_a_claim() -> None:
    text = ("- claim: old1\n  decision: reject\n" + EXTRACTED + "- claim: old2\n  decision: confirm\n" + EXTRACTED)
    decisions, _ = parse_review(text, "content/review.yml")
    _, diags, outcomes = apply_review([article(claim("new", ONE_WORD))], decisions, Config())
    assert [o.applied_to for o in outcomes] == ["new", None]
    assert [d.location.line for d in diags if d.code == Code.REVIEW_UNKNOWN_CLAIM] == [9]


RECORD = {"article": FILE, "claimant": "Governor", "category": "dead", "figure": 22, "quote": ONE_WORD}


@pytest.mark.parametrize("text, expected_tail", [
    pytest.param("", "- claim: new\n", id="a new file"),
    pytest.param("# our decisions\n- claim: abc  # the toll\n  decision: confirm\n", "- claim: new\n",
                 id="after the editors' lines"),
    pytest.param("claims:\n  - claim: abc\n    decision: confirm", "  - claim: new\n", id="under claims:, indented"),
])
def test_a_new_decision_is_appended_and_keeps_the_editors_lines(text: str, expected_tail: str) -> None:
    new = {"claim": "new", "decision": "reject", "note": "Counts the missing: too.", "extracted": RECORD}
    out = appended(text, new, "content/review.yml")
    assert out.startswith(text) and expected_tail in out[len(text):]
    decisions, diags = parse_review(out, "content/review.yml")
    assert decisions[-1].claim == "new" and decisions[-1].note == "Counts the missing: too." and not diags
    assert decisions[-1].recorded == Recorded(FILE, ONE_WORD, "dead", "22", "Governor")


def test_update_moves_the_id_and_replaces_the_record_keeping_comments() -> None:
    text = ("# decisions\n- claim: old   # the governor's toll\n  decision: reject\n  note: Counts the missing.\n"
            + EXTRACTED + "\n# next\n- claim: keep\n  decision: confirm\n")
    out = updated(text, [Change(2, "new", RECORD)], "content/review.yml")
    assert "- claim: new   # the governor's toll\n" in out and "# next\n- claim: keep\n" in out
    decisions, _ = parse_review(out, "content/review.yml")
    assert [(d.claim, d.decision) for d in decisions] == [("new", "reject"), ("keep", "confirm")]
    assert decisions[0].recorded and decisions[0].recorded.quote == ONE_WORD and out.count("extracted:") == 1


def test_update_refuses_a_one_line_decision() -> None:
    with pytest.raises(ReviewFileError):
        updated("- {claim: old, decision: reject}\n", [Change(1, "new", RECORD)], "content/review.yml")


# --- the editor's walk-through --------------------------------------------------------------------------

def project(tmp_path: Path) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - generator/site/hooks.py", f"  - {REPO / 'generator' / 'site' / 'hooks.py'}")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    return tmp_path


def run(root: Path, *args: str) -> int:
    return cli.main([*args, "--content", str(root / "content"), "--config", str(root / "mkdocs.yml")])


def governors_toll(root: Path) -> tuple[str, Path]:
    """The id of the governor's 22 dead, and its article's file."""
    assert run(root, "export", "-o", str(root / "t.json")) == 0
    data = json.loads((root / "t.json").read_text(encoding="utf-8"))
    ids = [c["id"] for e in data["events"] for c in e["claims"] if c["claimant"] == "Governor" and c["figure"] == "22"]
    assert len(ids) == 1, data["events"]
    return ids[0], next((root / "content").glob("*governor-orders-inquiry*.md"))


def published_22(site: Path) -> list[str]:
    """Where the governor's 22 dead are published as a figure: event claims, claims.csv, event titles."""
    data = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    found = [f"claim {c['id']}" for e in data["events"] for c in e["claims"] if c["figure"] == "22"]
    found += [f"event title {e['title']}" for e in data["events"] if "22" in e["title"]]
    rows = csv.DictReader(io.StringIO((site / "data" / "claims.csv").read_text(encoding="utf-8")))
    return found + [f"csv {r['claim_id']}" for r in rows if r["claimant"] == "Governor"]


@pytest.fixture
def reviewed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, Path]:
    """Import the three clippings, check them, reject the governor's figure the way the README says."""
    root = project(tmp_path)
    assert cli.main(["import", *map(str, CLIPPINGS), "--into", str(root / "content")]) == 0
    assert run(root, "check") == 0
    cid, path = governors_toll(root)
    assert run(root, "review", cid, "reject", "--note", "Counts the missing as dead.") == 0
    assert run(root, "build", "--site-dir", str(root / "site")) == 0
    assert published_22(root / "site") == []
    capsys.readouterr()
    return root, cid, path


@pytest.mark.parametrize("args", [
    pytest.param(["review"], id="nothing to do"),
    pytest.param(["review", "abc", "--update"], id="a claim and --update"),
    pytest.param(["review", "abc"], id="no decision"),
    pytest.param(["review", "abc", "approve"], id="an unknown decision"),
    pytest.param(["review", "abc", "correct"], id="a correction of nothing"),
    pytest.param(["review", "abc", "reject", "--figure", "3"], id="a figure with a reject"),
])
def test_review_command_mistakes_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main([*args, "--content", str(tmp_path)])
    assert exit_.value.code == 2 and not (tmp_path / "review.yml").exists()


def test_review_command_refuses_an_unknown_or_decided_claim(reviewed: tuple[Path, str, Path],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root, cid, _ = reviewed
    before = (root / "content" / "review.yml").read_text(encoding="utf-8")
    assert run(root, "review", "0000000000", "confirm") == 1
    assert run(root, "review", cid.upper(), "confirm") == 1
    err = capsys.readouterr().err
    assert "no claim with id 0000000000" in err and f"claim {cid} is already decided at content/review.yml:1" in err
    assert (root / "content" / "review.yml").read_text(encoding="utf-8") == before


def test_a_rejected_figure_stays_rejected_when_one_word_of_its_sentence_changes(
        reviewed: tuple[Path, str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    root, cid, path = reviewed
    text = path.read_text(encoding="utf-8")
    assert "22 people had died" in text
    path.write_text(text.replace("22 people had died", "22 people have died"), encoding="utf-8")
    assert run(root, "build", "--site-dir", str(root / "site")) == 0
    err = capsys.readouterr().err
    moved = re.search(rf"review\.yml:1: warning: 'reject' of claim {cid} moved to claim (\w+)", err)
    assert moved, err
    assert published_22(root / "site") == []
    data = json.loads((root / "site" / "data" / "timeline.json").read_text(encoding="utf-8"))
    assert [r["id"] for a in data["articles"] for r in a["rejected"]] == [moved.group(1)]
    report = (root / "site" / "report" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"moved from <code>{cid}</code> \(similarity 0\.9\d\)", report), report
    assert f"<code>{moved.group(1)}</code>" in report and "dead 22" in report
    # --update records the new id: the next build is quiet and the decision applies by its id
    assert run(root, "review", "--update") == 0
    assert f"claim: {moved.group(1)}" in (root / "content" / "review.yml").read_text(encoding="utf-8")
    assert run(root, "check", "--strict") == 0


def test_a_rejected_figure_whose_sentence_is_rewritten_fails_the_build_and_names_the_decision(
        reviewed: tuple[Path, str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    root, cid, path = reviewed
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "22 people had died" in line)
    path.write_text(text.replace(old, OTHER_WORDS), encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert before, "the walk-through built a site first"
    for command in (["check"], ["build", "--site-dir", str(root / "site")]):
        assert run(root, *command) == 1
        err = capsys.readouterr().err
        assert re.search(rf"review\.yml:1: error: 'reject' of claim {cid} matches no claim", err), err
    # The previous site stays: publishing now would show the figure the editor rejected.
    assert "the previous site was left as it was" in err
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    t = make_timeline(root / "content")
    report = render_pages(t, REPO / "templates")["report.md"]
    assert "**not found**" in report and cid in report
    # Plain `mkdocs build` (docs_dir: the content folder) refuses too, not only `python -m generator build`.
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                             "-d", str(root / "mkdocs-site")], cwd=root, capture_output=True, text=True)
    assert mkdocs.returncode != 0 and "matches no claim" in mkdocs.stderr, mkdocs.stderr[-2000:]
    assert not (root / "mkdocs-site" / "index.html").exists()
