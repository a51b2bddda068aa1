"""Importing raw clippings as front-matter articles (generator.importer, `python -m generator import`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.config import Config
from generator.inputs.clippings import outlet_from_url
from generator.inputs.importer import Imported, import_clipping, import_files, write_new
from generator.inputs.reader import parse_article

DIAG = re.compile(r"^(?P<path>.+):(?P<line>\d+): (?P<level>error|warning|info): (?P<message>.+)$")
SUMMARY = re.compile(r"^imported (\d+) of (\d+) files into (.+) \((\d+) skipped\)$")

BODY = ("The ferry from Port Amber to Eastport sailed again on Monday after three days in harbour, and the "
        "harbour master Tilde Okonkwo said the northern channel was clear of ice.")
SECOND = "Passengers waiting at the Eastport quay said the crossing had been calm."


def clip(text: str, filename: str = "clipping.txt", config: Config | None = None) -> Imported:
    return import_clipping(text.encode("utf-8"), f"inbox/{filename}", filename, config or Config())


def messages(result: Imported, level: str | None = None) -> list[str]:
    return [d.message for d in result.diagnostics if level is None or d.level == level]


# (clipping text, title, date, source, url, author, lines removed into the front matter)
METADATA = [
    pytest.param(
        f"Ferry back in service\n\n{BODY}\n", "Ferry back in service", None, None, None, None, [],
        id="nothing-named"),
    pytest.param(
        f"Ferry back in service\nBy Mira Tollan\nEastport | 3 Mar 2025 10:15 am\n{BODY}\nSource: Harbour Courier\n",
        "Ferry back in service", "2025-03-03T10:15:00", "Harbour Courier", None, "Mira Tollan",
        [(2, "By Mira Tollan"), (5, "Source: Harbour Courier")], id="byline-dateline-source"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nPublished in Dawn, February 1st, 2026\n",
        "Ferry back", "2026-02-01", "Dawn", None, None, [(5, "Published in Dawn, February 1st, 2026")],
        id="published-in-with-date"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nPublished in The Express Tribune\n",
        "Ferry back", None, "The Express Tribune", None, None, [(5, "Published in The Express Tribune")],
        id="published-in"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nCourtesy: Reuters\n",
        "Ferry back", None, "Reuters", None, None, [(5, "Courtesy: Reuters")], id="courtesy"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nThis article was originally published by The Eastport Packet.\n",
        "Ferry back", None, "The Eastport Packet", None, None,
        [(5, "This article was originally published by The Eastport Packet.")], id="originally-published-by"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\n© 2026 Dawn\n",
        "Ferry back", None, "Dawn", None, None, [(5, "© 2026 Dawn")], id="copyright-sign"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nCopyright © 2026 Al Jazeera Media Network. All rights reserved.\n",
        "Ferry back", None, "Al Jazeera", None, None,
        [(5, "Copyright © 2026 Al Jazeera Media Network. All rights reserved.")], id="copyright-known-outlet"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nhttps://www.dawn.com/news/1900001/ferry-back\n",
        "Ferry back", None, "Dawn", "https://www.dawn.com/news/1900001/ferry-back", None,
        [(5, "https://www.dawn.com/news/1900001/ferry-back")], id="bare-url-known-domain"),
    pytest.param(
        f"Ferry back\nURL: https://news.bbc.co.uk/ferry\n\n{BODY}\n",
        "Ferry back", None, "BBC News", "https://news.bbc.co.uk/ferry", None,
        [(2, "URL: https://news.bbc.co.uk/ferry")], id="url-label-subdomain"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nRead more at: https://www.eastport-packet.example/ferry.\n",
        "Ferry back", None, "eastport-packet.example", "https://www.eastport-packet.example/ferry", None,
        [(5, "Read more at: https://www.eastport-packet.example/ferry.")], id="read-more-unknown-domain"),
    pytest.param(
        f"https://tribune.com.pk/story/77/ferry\nFerry back\n\n{BODY}\n",
        "Ferry back", None, "The Express Tribune", "https://tribune.com.pk/story/77/ferry", None,
        [(1, "https://tribune.com.pk/story/77/ferry")], id="url-before-the-title"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nSource: Harbour Courier\n\nhttps://www.reuters.com/world/ferry\n",
        "Ferry back", None, "Harbour Courier", "https://www.reuters.com/world/ferry", None,
        [(5, "Source: Harbour Courier"), (7, "https://www.reuters.com/world/ferry")],
        id="named-outlet-beats-the-domain"),
    pytest.param(
        f"Ferry back\nBy Reuters\n\n{BODY}\n",
        "Ferry back", None, "Reuters", None, None, [(2, "By Reuters")], id="by-agency"),
    pytest.param(
        f"Ferry back\nBy Mira Tollan, AFP\n\n{BODY}\n",
        "Ferry back", None, "AFP", None, "Mira Tollan", [(2, "By Mira Tollan, AFP")], id="byline-with-agency"),
    pytest.param(
        f"Ferry back\nBy Mira Tollan | Published: 4 March 2026\n\n{BODY}\n",
        "Ferry back", "2026-03-04", None, None, "Mira Tollan",
        [(2, "By Mira Tollan | Published: 4 March 2026")], id="byline-with-date"),
    pytest.param(
        f"Ferry back\nBy Staff Reporter\n\n{BODY}\n",
        "Ferry back", None, None, None, "Staff Reporter", [(2, "By Staff Reporter")], id="byline-staff"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nPublished on 4 March 2026\n",
        "Ferry back", "2026-03-04", None, None, None, [(5, "Published on 4 March 2026")], id="published-on-date"),
    # Conservative: prose that merely mentions an outlet, a source or "by" stays text.
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nThe harbour master told Dawn that the channel would stay open.\n",
        "Ferry back", None, None, None, None, [], id="sentence-mentioning-an-outlet"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nPublished in Dawn's weekend magazine, the essay argued the ferry was old.\n",
        "Ferry back", None, None, None, None, [], id="published-in-inside-a-sentence"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nSource: the harbour office, which asked not to be named\n",
        "Ferry back", None, None, None, None, [], id="source-that-is-not-an-outlet"),
    pytest.param(
        f"Ferry back\nBy Monday\n\n{BODY}\n",
        "Ferry back", None, None, None, None, [], id="by-a-weekday-is-not-a-byline"),
    pytest.param(
        f"By Any Means Necessary\n\n{BODY}\n",
        "By Any Means Necessary", None, None, None, None, [], id="title-starting-with-by"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nPhoto: © Getty Images\n\n© Getty Images\n",
        "Ferry back", None, None, None, None, [], id="photo-agency-is-not-the-outlet"),
    pytest.param(
        f"Ferry back\n\n{BODY}\n\nSource: Harbour Courier\n\n{SECOND}\n\n{BODY} It was cold.\n",
        "Ferry back", None, None, None, None, [], id="source-line-inside-the-text-stays"),
]


@pytest.mark.parametrize("text, title, date, source, url, author, removed", METADATA)
def test_metadata_from_the_clipping(text: str, title: str, date: str | None, source: str | None, url: str | None,
                                    author: str | None, removed: list[tuple[int, str]]) -> None:
    r = clip(text)
    assert (r.title, r.date, r.source, r.url, r.author) == (title, date, source, url, author)
    assert r.removed == removed
    assert BODY in r.paragraphs
    for _, line in removed:
        assert all(line not in p for p in r.paragraphs)
    assert r.text is not None
    front = yaml.safe_load(r.text.split("---\n")[1])
    expected = {"title": title, "date": date, "source": source, "url": url, "author": author}
    assert {k: (v if k != "date" else str(v).replace(" ", "T")) for k, v in front.items()} == {
        k: v for k, v in expected.items() if v is not None}


def test_front_matter_keys_come_in_a_fixed_order() -> None:
    r = clip(f"https://www.dawn.com/news/1/ferry\nFerry back\nBy Mira Tollan\n3 Mar 2025\n\n{BODY}\n")
    assert r.text is not None
    keys = [line.split(":", 1)[0] for line in r.text.split("---\n")[1].splitlines()]
    assert keys == ["title", "date", "source", "url", "author"]
    assert r.text.startswith("---\ntitle: Ferry back\ndate: 2025-03-03\nsource: Dawn\n"
                             "url: https://www.dawn.com/news/1/ferry\nauthor: Mira Tollan\n---\n\n" + BODY)


def test_date_with_time_is_written_as_iso() -> None:
    r = clip(f"Ferry back\nEastport | 3 Mar 2025 10:15 am\n\n{BODY}\n")
    assert r.text is not None and "\ndate: 2025-03-03T10:15:00\n" in r.text
    assert r.name == "2025-03-03-ferry-back.md"


def test_what_could_not_be_found_is_reported() -> None:
    r = clip(f"Ferry back\n\n{BODY}\n")
    lines = [str(d) for d in r.diagnostics]
    assert ("inbox/clipping.txt:1: warning: no publication date found (no dateline); add `date:` to the "
            "front matter") in lines
    assert "inbox/clipping.txt:1: info: no outlet named; add `source:` to the front matter" in lines
    assert "inbox/clipping.txt:1: info: no url; add `url:` to the front matter" in lines
    assert not any(m.startswith("no publication date (") for m in messages(r))  # the reader's, replaced


def test_lines_taken_into_the_front_matter_are_noted_on_their_line() -> None:
    r = clip(f"Ferry back\n\n{BODY}\n\nSource: Harbour Courier\n\n© 2026 Eastport Media\n")
    notes = [str(d) for d in r.diagnostics if d.level == "info"]
    assert "inbox/clipping.txt:5: info: 'Source: Harbour Courier' taken as the outlet" in notes
    assert "inbox/clipping.txt:7: info: '© 2026 Eastport Media' also names Eastport Media; kept Harbour Courier" \
        in notes
    assert r.source == "Harbour Courier"


def test_cleaning_is_the_readers() -> None:
    text = (f"Ferry back\nFerry back\n\nFerry back\n\n{BODY}\n\nLet's dive into the details: {SECOND}\n\n{BODY}\n\n"
            "Leave a Comment\n\nShare this:\n")
    r = clip(text, "2026-03-02-ferry.txt")
    assert r.title == "Ferry back"
    assert r.paragraphs == [BODY, SECOND]
    assert r.date == "2026-03-02"  # from the file name, as the reader does
    assert r.name == "2026-03-02-ferry-back.md"
    assert "inbox/2026-03-02-ferry.txt:10: info: paragraph repeated from line 6; kept once" in [
        str(d) for d in r.diagnostics]
    assert any(m.startswith("page furniture 'Leave a Comment'") for m in messages(r, "info"))


def test_two_lead_ins_are_settled_so_the_file_reads_back_as_written() -> None:
    r = clip(f"Ferry back\n\nBreaking: Update: {BODY}\n")
    assert r.paragraphs == [BODY]
    assert r.text is not None and r.text.endswith("\n\n" + BODY + "\n")


def test_title_from_the_first_sentence_is_flagged() -> None:
    long_first = BODY + " " + SECOND
    r = clip(long_first + "\n")
    assert r.title.startswith("The ferry from Port Amber")
    assert r.paragraphs == [long_first]
    assert any(m.startswith("no title line") for m in messages(r, "info"))
    assert not any(m.startswith("no title line") for m in messages(clip(f"Ferry back\n\n{BODY}\n")))


@pytest.mark.parametrize("text, filename, name", [
    (f"Ferry back in service!\n\n{BODY}\n", "x.txt", "ferry-back-in-service.md"),
    (f"Ferry back\nEastport | 3 Mar 2025\n\n{BODY}\n", "x.txt", "2025-03-03-ferry-back.md"),
    (f"Паром снова ходит\n\n{BODY}\n", "2026-03-02-parom.txt", "2026-03-02-parom.md"),
    (f"Паром снова ходит\n\n{BODY}\n", "паром.txt", "article.md"),
])
def test_file_name(text: str, filename: str, name: str) -> None:
    assert clip(text, filename).name == name


ROUND_TRIP = [
    pytest.param(f"Ferry back\nBy Mira Tollan\nEastport | 3 Mar 2025 10:15 am\n\n{BODY}\n\n{SECOND}\n\n"
                 "Source: Harbour Courier\n\nhttps://www.eastport-packet.example/ferry\n", "a.txt", id="full"),
    pytest.param(f'Mayor: "Channel clear" #1 <script>alert(1)</script> & more\n\n{BODY}\n', "b.txt",
                 id="yaml-and-markup-in-the-title"),
    pytest.param(f"- yes: [no] {{x}} 'q' % @ `t` ---\n\n{BODY}\n\n---\n\n...\n", "c.txt", id="yaml-indicators"),
    pytest.param(f"Ferry back\n\n{BODY}\n", "d.txt", id="undated"),
    pytest.param(f"{BODY} {SECOND}\n\n{SECOND} And more.\n", "e.txt", id="title-from-first-sentence"),
    pytest.param("Ferry back\n\n" + BODY.replace("Port Amber", "Pört Ämber ✓") + "\n", "f.txt", id="unicode"),
    pytest.param(f"---\nlayout: post\ntitle: 'Ferry: back'\ntags: [ferry, ice]\nupdated: 2026-03-05\n"
                 f"events:\n  - title: Ferry resumes\n    date: 2026-03-02\n---\n\n{BODY}\nwrapped line\n\n"
                 f"Breaking: Update: {SECOND}\n\n© 2026 Eastport Media\n", "2026-03-02-g.md",
                 id="front-matter-input"),
    pytest.param(f"Ferry back\n\n{BODY}\n\nBreaking: Update: Watch: {SECOND}\n", "h.txt", id="three-lead-ins"),
]


@pytest.mark.parametrize("text, filename", ROUND_TRIP)
def test_round_trip_through_the_reader(text: str, filename: str) -> None:
    r = clip(text, filename)
    assert r.text is not None and r.name is not None
    back, diags = parse_article(r.text.encode("utf-8"), f"content/{r.name}", r.name, Config())
    assert back is not None
    assert back.title == r.title
    assert back.published == r.date
    assert back.body.split("\n\n") == r.paragraphs
    assert (back.source, back.url, back.author) == (r.source, r.url, r.author)
    before = {d.message for d in r.diagnostics if d.level != "info"}
    if r.date is None:  # the reader's own undated warning is the importer's, reworded
        before |= {d.message for d in diags if d.message.startswith("no publication date (")}
    assert [d.message for d in diags if d.level != "info" and d.message not in before] == []


def test_front_matter_input_keeps_its_metadata_and_fills_the_rest() -> None:
    text = (f"---\nlayout: post\ntitle: Ferry back\ntags: [ferry]\nevents:\n  - title: Ferry resumes\n"
            f"    date: 2026-03-02\n---\n\n{BODY}\n\nSource: Harbour Courier\n")
    r = clip(text, "2026-03-02-ferry.md")
    assert r.text is not None
    front = yaml.safe_load(r.text.split("---\n")[1])
    assert list(front) == ["title", "date", "source", "layout", "tags", "events"]
    assert front["source"] == "Harbour Courier" and str(front["date"]) == "2026-03-02"
    assert front["events"] == [{"title": "Ferry resumes", "date": __import__("datetime").date(2026, 3, 2)}]


def test_front_matter_values_win_over_lines_in_the_text() -> None:
    text = f"---\ntitle: Ferry back\nsource: Eastport Packet\ndate: 2026-03-01\n---\n\n{BODY}\n\n© 2026 Dawn\n"
    r = clip(text, "ferry.md")
    assert (r.source, r.date) == ("Eastport Packet", "2026-03-01")
    assert r.paragraphs == [BODY]


def test_unreadable_front_matter_date_is_kept_for_the_editor() -> None:
    r = clip(f"---\ntitle: Ferry back\ndate: sometime soon\n---\n\n{BODY}\n", "ferry.md")
    assert r.date is None
    assert r.text is not None and "\ndate: sometime soon\n" in r.text
    assert "cannot read the date 'sometime soon'; article treated as undated" in messages(r, "warning")


@pytest.mark.parametrize("raw, message", [
    (b"", "empty file; skipped"),
    (b"  \n\n", "empty file; skipped"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file (NUL bytes), not text; skipped"),
    (b"Ferry back\n", "nothing to import: no text after cleaning"),
])
def test_nothing_to_import(raw: bytes, message: str) -> None:
    r = import_clipping(raw, "inbox/x.txt", "x.txt", Config())
    assert r.text is None and r.name is None
    assert message in messages(r)


def test_crlf_bom_and_bad_bytes() -> None:
    text = f"Ferry back\r\n\r\n{BODY}\r\n\r\nSource: Harbour Courier\r\n"
    r = import_clipping(b"\xef\xbb\xbf" + text.encode("utf-8"), "inbox/x.txt", "x.txt", Config())
    assert (r.title, r.source, r.paragraphs) == ("Ferry back", "Harbour Courier", [BODY])
    bad = import_clipping(f"Ferry back\n\n{BODY}\n\nCaf\xe9 au lait.\n".encode("latin-1"), "inbox/y.txt", "y.txt",
                          Config())
    assert bad.paragraphs == [BODY, "Caf\ufffd au lait."]
    assert [str(d) for d in bad.diagnostics if "UTF-8" in d.message] == [
        "inbox/y.txt:5: warning: not valid UTF-8; undecodable bytes replaced with U+FFFD"]


@pytest.mark.parametrize("url, outlet", [
    ("https://www.dawn.com/news/1", "Dawn"), ("https://tribune.com.pk/story/1", "The Express Tribune"),
    ("https://www.aljazeera.com/news/1", "Al Jazeera"), ("https://www.bbc.co.uk/news/1", "BBC News"),
    ("https://www.bbc.com/news/1", "BBC News"), ("https://www.reuters.com/world/1", "Reuters"),
    ("https://apnews.com/article/1", "AP"), ("https://www.thenews.com.pk/print/1", "The News"),
    ("https://www.geo.tv/latest/1", "Geo News"), ("https://www.nytimes.com/2026/1", "The New York Times"),
    ("https://www.theguardian.com/world/1", "The Guardian"), ("https://edition.cnn.com/2026/1", "CNN"),
    ("https://www.arabnews.com/node/1", "Arab News"),
    ("https://m.eastport-packet.example/1", "eastport-packet.example"),
    ("https://notdawn.com/1", "notdawn.com"),
])
def test_outlet_from_url(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


# --- files ------------------------------------------------------------------------------------------

@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # diagnostics show paths relative to the working directory
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # no workflow annotations between the diagnostics
    (tmp_path / "inbox").mkdir()
    return tmp_path / "inbox"


def err_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_import_writes_new_articles_and_creates_the_folder(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\nEastport | 3 Mar 2025\n\n{BODY}\n", encoding="utf-8")
    (inbox / "b.txt").write_text(f"Quay reopens\n\n{SECOND}\n", encoding="utf-8")
    into = Path("site-content/news")
    assert import_files([inbox / "a.txt", inbox / "b.txt"], into, Config()) == 0
    assert sorted(p.name for p in into.iterdir()) == ["2025-03-03-ferry-back.md", "quay-reopens.md"]
    lines = err_lines(capsys)
    assert lines[-1] == "imported 2 of 2 files into site-content/news (0 skipped)"
    assert "inbox/a.txt:1: info: imported as site-content/news/2025-03-03-ferry-back.md" in lines
    assert all(DIAG.match(line) for line in lines[:-1])


def test_existing_file_is_never_overwritten(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = inbox.parent / "content"
    content.mkdir()
    existing = content / "ferry-back.md"
    existing.write_bytes(b"---\ntitle: Ferry back\n---\n\nAn older story about another ferry.\n")
    before = existing.read_bytes()
    (inbox / "a.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    assert import_files([inbox / "a.txt"], content, Config()) == 1
    assert existing.read_bytes() == before
    assert sorted(p.name for p in content.iterdir()) == ["ferry-back.md"]  # no stray temporary file
    lines = err_lines(capsys)
    assert "inbox/a.txt:1: error: content/ferry-back.md already exists; not overwritten, skipped" in lines
    assert lines[-1] == "imported 0 of 1 files into content (1 skipped)"


def test_same_text_already_in_the_folder_is_skipped(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = inbox.parent / "content"
    (content / "older").mkdir(parents=True)
    (content / "older" / "kept.md").write_text(f"---\ntitle: Another title\ndate: 2025-03-03\n---\n\n{BODY}\n",
                                               encoding="utf-8")
    (inbox / "a.txt").write_text(f"Ferry back\n\n{BODY}\n\nShare this:\n\n{BODY}\n", encoding="utf-8")
    assert import_files([inbox / "a.txt"], content, Config()) == 1
    assert [p.name for p in content.rglob("*.md")] == ["kept.md"]
    assert "inbox/a.txt:1: warning: already imported as content/older/kept.md; skipped" in err_lines(capsys)


def test_importing_twice_skips_the_second_time(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\nSource: Harbour Courier\n\n{BODY}\n", encoding="utf-8")
    assert import_files([inbox / "a.txt"], Path("content"), Config()) == 0
    written = Path("content/ferry-back.md").read_bytes()
    assert import_files([inbox / "a.txt"], Path("content"), Config()) == 1
    assert Path("content/ferry-back.md").read_bytes() == written
    assert "inbox/a.txt:1: warning: already imported as content/ferry-back.md; skipped" in err_lines(capsys)


def test_same_name_twice_in_one_run(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    (inbox / "b.txt").write_text(f"Ferry back\n\n{SECOND}\n", encoding="utf-8")
    assert import_files([inbox / "a.txt", inbox / "b.txt"], Path("content"), Config()) == 1
    assert Path("content/ferry-back.md").read_text(encoding="utf-8").endswith(BODY + "\n")
    lines = err_lines(capsys)
    assert ("inbox/b.txt:1: error: content/ferry-back.md already exists (imported from inbox/a.txt in this run); "
            "not overwritten, skipped") in lines
    assert lines[-1] == "imported 1 of 2 files into content (1 skipped)"


def test_same_text_twice_in_one_run(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    (inbox / "b.txt").write_text(f"Ferry back again\n\nBreaking: {BODY}\n", encoding="utf-8")
    assert import_files([inbox / "a.txt", inbox / "b.txt"], Path("content"), Config()) == 1
    assert [p.name for p in Path("content").iterdir()] == ["ferry-back.md"]
    assert "inbox/b.txt:1: warning: already imported as content/ferry-back.md; skipped" in err_lines(capsys)


def test_missing_binary_and_empty_inputs(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "ok.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    (inbox / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (inbox / "empty.txt").write_bytes(b"")
    paths = [inbox / "missing.txt", inbox / "photo.txt", inbox / "empty.txt", inbox / "ok.txt", inbox]
    assert import_files(paths, Path("content"), Config()) == 1
    assert [p.name for p in Path("content").iterdir()] == ["ferry-back.md"]
    lines = err_lines(capsys)
    assert len([line for line in lines if line.startswith("inbox/empty.txt:")]) == 1
    assert "inbox/missing.txt:1: error: cannot read file: No such file or directory; skipped" in lines
    assert "inbox/photo.txt:1: error: binary file (NUL bytes), not text; skipped" in lines
    assert "inbox/empty.txt:1: warning: empty file; skipped" in lines
    assert any(line.startswith("inbox:1: error: cannot read file: ") for line in lines)
    assert lines[-1] == "imported 1 of 5 files into content (4 skipped)"


def test_into_that_is_a_file_is_an_error(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    Path("content").write_text("not a folder", encoding="utf-8")
    assert import_files([inbox / "a.txt"], Path("content"), Config()) == 1
    lines = err_lines(capsys)
    assert lines[0].startswith("content:1: error: cannot create the folder")
    assert lines[-1] == "imported 0 of 1 files into content (1 skipped)"


def test_clipping_already_inside_the_folder_is_imported_with_a_warning(
        inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("content").mkdir()
    Path("content/raw.txt").write_text(f"Ferry back\n\n{BODY}\n", encoding="utf-8")
    assert import_files([Path("content/raw.txt")], Path("content"), Config()) == 0
    assert Path("content/ferry-back.md").exists()
    assert ("content/raw.txt:1: warning: the clipping is itself in content; remove it, or the site lists the "
            "article twice") in err_lines(capsys)


def test_write_new_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    assert write_new(target, "first\n") is True
    assert write_new(target, "second\n") is False
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_cli_import(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "a.txt").write_text(f"Ferry back\nBy Mira Tollan\n\n{BODY}\n\nhttps://www.geo.tv/latest/5\n",
                                 encoding="utf-8")
    code = main(["import", "inbox/a.txt", "--into", "out", "--config", str(inbox.parent / "mkdocs.yml")])
    assert code == 0
    text = Path("out/ferry-back.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Ferry back\nsource: Geo News\nurl: https://www.geo.tv/latest/5\n"
                           "author: Mira Tollan\n---\n\n")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == "imported 1 of 1 files into out (0 skipped)"
    assert main(["import", "inbox/a.txt", "inbox/nope.txt", "--into", "out",
                 "--config", str(inbox.parent / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "inbox/nope.txt:1: error: cannot read file" in err
    assert err.splitlines()[-1] == "imported 0 of 2 files into out (2 skipped)"


def test_links_after_related_posts_are_other_stories() -> None:
    r = clip(f"Ferry back\n\n{BODY}\n\nSource: Harbour Courier\n\nRelated Posts\n\n"
             "https://www.dawn.com/news/2/quay-reopens\n")
    assert (r.source, r.url) == ("Harbour Courier", None)
    assert r.paragraphs == [BODY]  # the link after "Related Posts" leaves the text with its heading


def test_broken_front_matter_is_not_imported() -> None:
    r = clip(f"---\ntitle: [unclosed\ndate: 2026-03-02\n---\n\n{BODY}\n", "ferry.md")
    assert r.text is None and r.name is None
    assert any(d.level == "error" and "malformed YAML front matter" in d.message for d in r.diagnostics)
    assert "not imported; fix the error and import again" in messages(r, "info")


def test_dateline_pushed_down_by_furniture_is_found_and_the_file_reads_back_the_same() -> None:
    furniture = "Share this:\nAdvertisement\nTweet\nEmail\nPrint\nSubscribe\n"
    r = clip(f"Ferry back\n{furniture}Eastport | 3 Mar 2025\n\n{BODY}\n")
    assert (r.date, r.name, r.paragraphs) == ("2025-03-03", "2025-03-03-ferry-back.md", [BODY])
    assert any(m.startswith("publication date 2025-03-03 from the dateline") for m in messages(r, "info"))
    assert r.text is not None
    back, _ = parse_article(r.text.encode("utf-8"), "content/x.md", "x.md", Config())
    assert back is not None and (back.published, back.body) == ("2025-03-03", BODY)


def test_undated_file_name_never_starts_with_a_date() -> None:
    r = clip(f"2025-03-03 ferry timetable\n\n{BODY}\n")
    assert (r.date, r.name) == (None, "ferry-timetable.md")


CLIPPING_LINES = st.one_of(
    st.text(max_size=60),
    st.sampled_from([
        "Ferry back", BODY, SECOND, "Source: Harbour Courier", "By Mira Tollan", "By Reuters", "© 2026 Dawn",
        "https://www.dawn.com/news/3/ferry", "Read more at https://a.example/b", "Published in Dawn, 3 March 2026",
        "Published on 4 March 2026", "Eastport | 3 Mar 2025 10:15 am", "Quay | 2 Feb 2025", "Share this:",
        "Advertisement", "Leave a Comment", "Related Posts", "Breaking: Update: " + SECOND, "---", "...",
        "title: x", "# Heading", "", "\ufeff", "\r",
    ]),
)


@settings(max_examples=200, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(CLIPPING_LINES, max_size=14), st.sampled_from(["a.txt", "a.md", "2026-01-02-a.txt"]),
       st.sampled_from(["", '---\ntitle: "Ferry: back"\nlayout: post\n---\n']))
def test_any_clipping_reads_back_as_imported(lines: list[str], filename: str, front: str) -> None:
    r = import_clipping((front + "\n".join(lines)).encode("utf-8", "surrogatepass"), "inbox/a", filename, Config())
    if r.text is None:
        assert r.name is None and r.diagnostics
        return
    assert r.name is not None and r.name.endswith(".md") and "/" not in r.name
    back, diags = parse_article(r.text.encode("utf-8"), "content/a.md", "a.md", Config())
    assert back is not None
    assert (back.title, back.published, back.source, back.url, back.author) == (r.title, r.date, r.source, r.url,
                                                                                r.author)
    assert back.body.split("\n\n") == r.paragraphs
    before = {d.message for d in r.diagnostics if d.level != "info"}
    assert [d.message for d in diags if d.level != "info" and d.message not in before
            and not d.message.startswith("no publication date (")] == []
