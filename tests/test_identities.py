"""One identity per claimant (generator.claims.identities): a spokesperson's figures go under the organisation.

The articles are our own; the port, the board and the people do not exist.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ArticleWriter

from generator.claims import nlp
from generator.pipeline import make_timeline

pytestmark = pytest.mark.skipif(nlp.parser() is None, reason=f"no dependency parser: {nlp.parser_status().reason}")

FIRST = ("Jane Roe, a spokeswoman for the Port Amber water board, said 12 workers were hurt when the pumping "
         "station flooded.")
LATER = "Jane Roe said on Tuesday that 15 workers were hurt when the pumping station flooded in Port Amber."
SURNAME = "Roe told reporters that 15 workers were hurt when the pumping station flooded in Port Amber."


def _claimants(content: Path) -> dict[str, list[tuple[int | None, str | None, str | None]]]:
    t = make_timeline(content)
    return {a.id: [(c.quantity, c.claimant, c.spokesperson) for c in a.claims] for a in t.articles}


@pytest.mark.parametrize("later", [LATER, SURNAME], ids=["full-name", "surname"])
def test_a_spokesperson_is_filed_under_the_organisation_in_every_article(write_article: ArticleWriter,
                                                                         tmp_path: Path, later: str) -> None:
    write_article("content/first.md", FIRST, title="Pumping station floods", date="2026-03-02")
    write_article("content/later.md", later, title="More hurt at the pumping station", date="2026-03-03")
    got = _claimants(tmp_path / "content")
    board = "Port Amber water board"
    assert [(q, (c or "").removeprefix("the ").removeprefix("The "), p) for q, c, p in got["pumping-station-floods"]] \
        == [(12, board, "Jane Roe")]
    assert [(q, (c or "").removeprefix("the ").removeprefix("The "), p)
            for q, c, p in got["more-hurt-at-the-pumping-station"]] == [(15, board, later.split(" said")[0]
                                                                          .split(" told")[0])]


def test_the_editors_registry_keeps_a_person_apart(write_article: ArticleWriter, tmp_path: Path) -> None:
    write_article("content/first.md", FIRST, title="Pumping station floods", date="2026-03-02")
    write_article("content/later.md", LATER, title="More hurt at the pumping station", date="2026-03-03")
    (tmp_path / "content" / "actors.yml").write_text("Jane Roe: [Ms Roe]\n", encoding="utf-8")
    got = _claimants(tmp_path / "content")
    assert got["more-hurt-at-the-pumping-station"] == [(15, "Jane Roe", None)]


def test_the_row_names_the_spokesperson(write_article: ArticleWriter, tmp_path: Path) -> None:
    write_article("content/first.md", FIRST, title="Pumping station floods", date="2026-03-02")
    t = make_timeline(tmp_path / "content")
    (row,) = [r for e in t.events for r in e.rows]
    assert row.spokespeople == ["Jane Roe"]
