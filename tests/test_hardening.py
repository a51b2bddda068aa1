"""Regressions for input that once broke the build or leaked into pages (one test per finding).

All texts are invented: the town of Redcliff, the Free Hills Movement.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from generator.claims import extract_claims
from generator.config import Config
from generator.dates import find_dateline, resolve_dates, tag
from generator.inputs.reader import parse_article
from generator.pipeline import make_timeline
from generator.site.export import to_json
from generator.site.render import render_pages

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
SUN = dt.date(2026, 2, 1)


def article_from(text: str, name: str = "x.md"):  # type: ignore[no-untyped-def]
    a, diags = parse_article(text.encode(), f"content/{name}", name, Config())
    assert a is not None
    a.mentions = resolve_dates(a)
    a.claims = extract_claims(a, a.mentions, Config())
    return a, diags


def test_file_name_with_html_is_shown_as_text(tmp_path: Path) -> None:
    odd = tmp_path / "odd <img src=x onerror=alert(1)> # H | x.md"
    odd.write_text("---\ntitle: Redcliff\ndate: 2026-02-01\n---\n\nFive people were killed in Redcliff.\n")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    pages = render_pages(make_timeline(tmp_path), TEMPLATES)
    for name, text in pages.items():
        if name.endswith(".md"):
            assert "<img" not in text, name


def test_multi_line_curated_strings_cannot_open_blocks(tmp_path: Path) -> None:
    front = ("---\ntitle: Redcliff raid\ndate: 2026-02-01\nevents:\n  - title: \"Line one\\n\\n# Injected heading\"\n"
             "    date: 2026-01-31\n    claims:\n      - {category: dead, quantity: 5, scope: 40,\n"
             "         quote: \"first\\n\\n> quoted\\n- item\"}\n---\n\n"
             "Five people were killed in Redcliff on Saturday.\n")
    (tmp_path / "raid.md").write_text(front)
    t = make_timeline(tmp_path)
    pages = render_pages(t, TEMPLATES)
    for name, text in pages.items():
        if name.endswith(".md"):
            assert "\n# Injected" not in text and "\n> quoted" not in text and "\n- item" not in text, name


def test_absurd_numbers_neither_crash_nor_cost_the_article_its_claims() -> None:
    text = ("---\ntitle: Redcliff\ndate: 2026-02-01\n---\n\nIt happened 30000 months ago and 99999999 days ago. "
            + "9" * 400 + " people were counted. Police said 7 people were killed in Redcliff.\n")
    a, _ = article_from(text)
    assert [(c.category, c.quantity) for c in a.claims] == [("dead", 7)]
    assert all(m.value is None or not m.value.startswith("-") for m in a.mentions)


def test_dateline_check_keeps_a_sentence_that_only_contains_a_date() -> None:
    lines = ["Redcliff raid", "Police said 3 people were killed on 2 January 2026.", "More text."]
    assert find_dateline(lines, skip={0}) is None
    assert find_dateline(["Redcliff raid", "World | 2 Jan 2026 10:15 am"], skip={0}) == (1, "2026-01-02T10:15:00")


def test_front_matter_closed_with_three_dots() -> None:
    a, diags = article_from("---\ntitle: Redcliff\ndate: 2026-02-01\n...\n\nFive people were killed.\n")
    assert a.title == "Redcliff" and a.published == "2026-02-01"
    assert [d for d in diags if d.level == "error"] == []


def test_two_claims_with_the_same_figure_get_different_ids() -> None:
    a, _ = article_from("---\ntitle: Two towns\ndate: 2026-02-01\n---\n\n"
                        "At least 5 people were killed in Redcliff and 5 people were killed in Eastport.\n")
    ids = [c.id for c in a.claims]
    assert len(ids) == len(set(ids)) == 2


def _curated_corpus(tmp_path: Path, curated_name: str) -> list[tuple[int | None, bool, int]]:
    (tmp_path / "story.md").write_text("---\ntitle: Redcliff\ndate: 2026-02-01\nsource: Herald\n---\n\n"
                                       "At least 145 fighters were killed in Redcliff on Saturday, the army said.\n")
    (tmp_path / curated_name).write_text(
        "---\ntitle: Follow-up\ndate: 2026-02-02\nsource: Times\nevents:\n  - title: Redcliff raid\n"
        "    date: 2026-01-31\n    claims:\n      - {claimant: army, category: militants killed, quantity: 145,"
        " qualifier: at least}\n---\n\nThe Redcliff roads stayed closed on Monday.\n")
    t = make_timeline(tmp_path)
    (ev,) = [e for e in t.events if e.start == "2026-01-31"]
    return sorted((r.quantity, r.curated, len(r.article_ids)) for r in ev.rows)


def test_curated_claims_do_not_depend_on_file_order(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _curated_corpus(tmp_path / "a", "0-curated.md")
    second = _curated_corpus(tmp_path / "b", "z-curated.md")
    assert first == second == [(145, True, 2)]


def test_front_matter_sets_export_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Redcliff\ndate: 2026-02-01\ntags: !!set {zeta, alpha, mid}\n"
                                   "score: .nan\n---\n\nText.\n")
    data = json.loads(to_json(make_timeline(tmp_path)))
    assert data["articles"][0]["extra"] == {"tags": ["alpha", "mid", "zeta"], "score": "nan"}


def test_export_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: Redcliff\ndate: 2026-02-01\ntags: !!set {zeta, alpha, mid}\n---\n\n"
                                   "Police said 7 people were killed in Redcliff on Saturday.\n")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}.json"
        subprocess.run([sys.executable, "-m", "generator", "export", "--content", str(content), "-o", str(out)],
                       cwd=ROOT, check=True, capture_output=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin"})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_every_friday_and_next_day_do_not_flip_tense() -> None:
    found = [(t.text, t.value) for t in tag("Talks ended the next day after Saturday.", SUN)]
    assert ("Saturday", "2026-01-31") in found
