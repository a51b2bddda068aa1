"""Reading and cleaning article files (generator.inputs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import Config
from generator.diagnostics import Code
from generator.inputs.reader import parse_article, read_articles
from generator.models import Article, Diagnostic, Location
from generator.text import slugify

DIAG_FORMAT = re.compile(r"^(?P<path>.+):(?P<line>\d+): (?P<level>error|warning|info): (?P<message>.+)$")


def parse(raw: bytes | str, filename: str = "story.md", config: Config | None = None,
          ) -> tuple[Article | None, list[Diagnostic]]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return parse_article(data, f"content/{filename}", filename, config or Config())


def paragraphs(a: Article) -> list[str]:
    return a.body.split("\n\n") if a.body else []


LONG_FIRST_LINE = ("The storm that struck Port Amber late on Sunday tore the roofs off dozens of houses along the "
                   "waterfront and left most of the old town without power until the following evening.")

# (file name, file text, title, body paragraphs, published, date origin)
CLEANING = [
    pytest.param(
        "2026-02-02-storm.txt",
        "Storm hits Port Amber\n\nThe storm reached the harbour on Sunday.\n\nRoads were closed.\n\n"
        "The storm reached the harbour on Sunday.\n\nLeave a Comment\n\nShare this:\n\nRelated Posts\n",
        "Storm hits Port Amber", ["The storm reached the harbour on Sunday.", "Roads were closed."],
        "2026-02-02", "filename", id="pasted-twice-and-furniture"),
    pytest.param(
        "storm.txt",
        "Storm hits Port Amber\nStorm hits Port Amber\n\nStorm hits Port Amber\n\n"
        "Harbour | 3 Mar 2024 10:15 am\n\nThe storm reached the harbour on Sunday.\n",
        "Storm hits Port Amber", ["The storm reached the harbour on Sunday."], "2024-03-03T10:15:00", "dateline",
        id="title-three-times-and-dateline"),
    pytest.param(
        "clipping.txt", LONG_FIRST_LINE + "\n\nCrews worked through the night.\n",
        None, [LONG_FIRST_LINE, "Crews worked through the night."], None, "none",
        id="long-first-line-stays-in-body"),
    pytest.param(
        "leadin.md",
        "---\ntitle: Ferry back\ndate: 2026-02-02\n---\n\nLet's dive into the details: The ferry from Port Amber "
        "to Eastport sailed again on Monday morning.\n",
        "Ferry back", ["The ferry from Port Amber to Eastport sailed again on Monday morning."], "2026-02-02",
        "front-matter", id="lead-in-removed"),
    pytest.param(
        "headline.md", "# Ferry back in service\n\nThe ferry sailed again on Monday.\n",
        "Ferry back in service", ["The ferry sailed again on Monday."], None, "none",
        id="markdown-heading-title"),
    pytest.param(
        "quoted.md",
        '---\ntitle: "Mayor: harbour \\"safe\\" again"\ndate: "March 12th, 2025 3:40 PM PKT"\n---\n\nText.\n',
        'Mayor: harbour "safe" again', ["Text."], "2025-03-12T15:40:00", "front-matter",
        id="free-text-front-matter-date"),
]


@pytest.mark.parametrize("filename, text, title, body, published, origin", CLEANING)
def test_cleaning(filename: str, text: str, title: str | None, body: list[str], published: str | None,
                  origin: str) -> None:
    a, _ = parse(text, filename)
    assert a is not None
    if title is not None:
        assert a.title == title
    assert paragraphs(a) == body
    assert a.published == published
    assert a.date_origin == origin
    assert len(a.paragraph_lines) == len(body)


def test_long_first_line_lends_its_first_sentence_as_title() -> None:
    a, _ = parse(LONG_FIRST_LINE + "\n", "clipping.txt")
    assert a is not None
    assert a.title.startswith("The storm that struck Port Amber")
    assert len(a.title) <= 101
    assert a.body == LONG_FIRST_LINE


def test_cleaning_notes_name_the_line() -> None:
    text = "Storm\n\nFirst paragraph.\n\nSecond paragraph.\n\nFirst paragraph.\n\nShare this:\n"
    a, diags = parse(text, "2026-02-02-storm.txt")
    assert a is not None
    notes = [str(d) for d in diags if d.level == "info"]
    assert "content/2026-02-02-storm.txt:7: info: paragraph repeated from line 3; kept once" in notes
    assert any(n.startswith("content/2026-02-02-storm.txt:9: info: page furniture") for n in notes)
    assert a.paragraph_lines == [3, 5]


def test_custom_furniture_from_settings() -> None:
    cfg = Config()
    cfg.furniture = cfg.furniture + ("continue reading",)
    a, _ = parse("Storm\n\nThe storm reached the harbour.\n\nContinue reading »\n", "2026-02-02-s.txt", cfg)
    assert a is not None
    assert paragraphs(a) == ["The storm reached the harbour."]


def test_short_lead_in_alone_is_not_stripped_to_nothing() -> None:
    a, _ = parse("---\ntitle: T\ndate: 2026-02-02\n---\n\nUpdate: none.\n")
    assert a is not None
    assert a.body == "Update: none."


def test_unknown_front_matter_keys_are_kept_in_extra() -> None:
    text = ("---\ntitle: Quiet harbour\ndate: 2026-02-02\nsource: Harbour Gazette\nurl: https://example.org/q\n"
            "author: A. Writer\nlayout: post\ncategories: [News, Weather]\ntags: [storm]\n"
            "excerpt: A short summary.\nimage: img/harbour.jpg\nupdated: 2026-02-03\n---\n\nThe harbour was quiet.\n")
    a, diags = parse(text)
    assert a is not None
    assert [d for d in diags if d.level != "info"] == []
    assert (a.title, a.source, a.url, a.author) == ("Quiet harbour", "Harbour Gazette", "https://example.org/q",
                                                    "A. Writer")
    assert a.extra == {"layout": "post", "categories": ["News", "Weather"], "tags": ["storm"],
                       "excerpt": "A short summary.", "image": "img/harbour.jpg", "updated": "2026-02-03"}
    assert a.body_line == 15


def test_no_front_matter_date_from_dateline() -> None:
    a, diags = parse("Ferry back\n\nEastport | 3 Mar 2024 10:15 am\n\nThe ferry sailed.\n", "ferry.txt")
    assert a is not None
    assert (a.published, a.published_day, a.date_origin) == ("2024-03-03T10:15:00", "2024-03-03", "dateline")
    assert paragraphs(a) == ["The ferry sailed."]
    assert not any(d.level == "warning" for d in diags)


def test_no_front_matter_date_from_file_name_prefix() -> None:
    a, _ = parse("Ferry back\n\nThe ferry sailed.\n", "2026-02-02-ferry.txt")
    assert a is not None
    assert (a.published, a.date_origin) == ("2026-02-02", "filename")
    assert a.title == "Ferry back"


def test_undated_article_warning_names_the_file_and_relative_dates() -> None:
    a, diags = parse("Ferry back\n\nThe ferry sailed on Saturday.\n", "ferry.txt")
    assert a is not None
    assert a.published is None and a.published_day is None and a.date_origin == "none"
    warnings = [str(d) for d in diags if d.level == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith("content/ferry.txt:1: warning: ")
    assert "relative dates" in warnings[0] and "cannot be resolved" in warnings[0]


def test_unreadable_front_matter_date_is_a_warning_on_its_line() -> None:
    a, diags = parse("---\ntitle: Harbour\ndate: sometime soon\n---\n\nBody text.\n")
    assert a is not None
    assert a.published is None
    assert "content/story.md:3: warning: cannot read the date 'sometime soon'; article treated as undated" in [
        str(d) for d in diags]


def test_diagnostic_format() -> None:
    d = Diagnostic(Location("content/a b.md", 12), "warning", "something odd", Code.MARKUP)
    assert str(d) == "content/a b.md:12: warning: something odd"
    for text in ["", "\x00\x01", "---\ntitle: [x\n---\nA\n", "Title only\n"]:
        _, diags = parse(text.encode("latin-1"), "odd.md")
        assert diags
        for diag in diags:
            m = DIAG_FORMAT.match(str(diag))
            assert m, str(diag)
            assert m["path"] == "content/odd.md"
            assert int(m["line"]) >= 1


def test_malformed_yaml_is_an_error_with_a_line_and_the_article_is_still_read() -> None:
    text = ("---\ntitle: [unclosed\ndate: 2026-02-02\n---\n\nThe ferry left Port Amber on time.\n\n"
            "Passengers said the crossing was calm.\n")
    a, diags = parse(text)
    assert a is not None
    errors = [d for d in diags if d.level == "error"]
    assert len(errors) == 1
    assert "malformed YAML front matter" in errors[0].message
    assert 2 <= errors[0].location.line <= 4  # inside the front-matter block
    assert "Passengers said the crossing was calm." in a.body
    assert a.extra == {}


def test_malformed_yaml_error_points_at_the_bad_line() -> None:
    text = "---\ntitle: Harbour\nsource: a: b\ndate: 2026-02-02\n---\n\nThe ferry left on time.\n\nMore.\n"
    _, diags = parse(text)
    errors = [d for d in diags if d.level == "error"]
    assert [e.location.line for e in errors] == [3]


def test_malformed_yaml_keeps_a_one_paragraph_text_in_the_body() -> None:
    a, diags = parse("---\ntitle: [unclosed\n---\nThe ferry left Port Amber on time.\n")
    assert a is not None
    assert any("text kept" in d.message for d in diags)
    assert a.body == "The ferry left Port Amber on time."


def test_front_matter_that_is_a_list_is_an_error() -> None:
    a, diags = parse("---\n- one\n- two\n---\n\nFirst.\n\nSecond.\n")
    assert a is not None
    assert any(d.level == "error" and "not a mapping" in d.message for d in diags)


def test_unclosed_front_matter_is_read_as_text() -> None:
    a, diags = parse("---\ntitle: never closed\n\nBody text about the harbour.\n")
    assert a is not None
    assert any("never ends" in d.message for d in diags)
    assert "Body text about the harbour." in a.body


def test_events_not_a_list_is_a_warning() -> None:
    a, diags = parse("---\ntitle: T\ndate: 2026-01-01\nevents: nope\n---\n\nBody text.\n")
    assert a is not None
    assert a.curated_events == []
    assert "content/story.md:4: warning: 'events' must be a list of events; ignored" in [str(d) for d in diags]


@pytest.mark.parametrize("raw", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf"], ids=["empty", "whitespace", "bom-only"])
def test_empty_file_is_skipped_with_a_warning(raw: bytes) -> None:
    a, diags = parse(raw)
    assert a is None
    assert [str(d) for d in diags] == ["content/story.md:1: warning: empty file; skipped"]


def test_binary_file_is_an_error() -> None:
    a, diags = parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "picture.md")
    assert a is None
    assert len(diags) == 1 and diags[0].level == "error" and "binary" in diags[0].message


def test_too_large_file_is_an_error() -> None:
    cfg = Config()
    cfg.max_file_bytes = 100
    a, diags = parse("Title\n\n" + "word " * 50, config=cfg)
    assert a is None
    assert diags[0].level == "error" and "over the limit of 100" in diags[0].message


def test_non_utf8_is_a_warning_and_bytes_are_replaced() -> None:
    raw = "Harbour news\n\nThe caf\u00e9 reopened.\n\n".encode() + b"Prices rose by 5\xa3 today.\n"
    a, diags = parse(raw, "2026-02-02-harbour.txt")
    assert a is not None
    warnings = [d for d in diags if d.level == "warning"]
    assert len(warnings) == 1
    assert warnings[0].location.line == 5
    assert "UTF-8" in warnings[0].message
    assert paragraphs(a) == ["The caf\u00e9 reopened.", "Prices rose by 5\ufffd today."]


def test_latin1_file_title_keeps_its_words() -> None:
    raw = "Caf\u00e9 reopens\n\nThe caf\u00e9 on the quay reopened.\n".encode("latin-1")
    a, _ = parse(raw, "2026-02-02-cafe.txt")
    assert a is not None
    assert a.title == "Caf\ufffd reopens"
    assert a.id == "caf-reopens"


def test_bom_is_ignored() -> None:
    a, diags = parse(b"\xef\xbb\xbf---\ntitle: With a BOM\ndate: 2026-02-02\n---\n\nText here.\n")
    assert a is not None
    assert (a.title, a.published, a.body) == ("With a BOM", "2026-02-02", "Text here.")
    assert [d for d in diags if d.level != "info"] == []


def test_crlf_and_cr_line_endings() -> None:
    crlf = b"---\r\ntitle: Line endings\r\ndate: 2026-02-02\r\n---\r\n\r\nLine one.\r\n\r\nLine two.\r\n"
    a, _ = parse(crlf)
    assert a is not None
    assert (a.title, paragraphs(a), a.paragraph_lines) == ("Line endings", ["Line one.", "Line two."], [6, 8])
    b, _ = parse(crlf.replace(b"\r\n", b"\r"))
    assert b is not None
    assert (b.title, b.body, b.paragraph_lines) == (a.title, a.body, a.paragraph_lines)


def test_markdown_paragraph_lines_are_joined_but_txt_lines_are_paragraphs() -> None:
    md, _ = parse("---\ntitle: T\ndate: 2026-02-02\n---\n\nOne line\nwrapped here.\n\nNext.\n", "w.md")
    txt, _ = parse("T\n\nOne line\nwrapped here.\n", "2026-02-02-w.txt")
    assert md is not None and txt is not None
    assert paragraphs(md) == ["One line wrapped here.", "Next."]
    assert paragraphs(txt) == ["One line", "wrapped here."]


@pytest.mark.parametrize("text, slug", [
    ("Storm hits Port Amber", "storm-hits-port-amber"),
    ("Café: “quotes” & ünïcode / slashes", "cafe-quotes-unicode-slashes"),
    ("../../etc/passwd", "etc-passwd"),
    ("!!!", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_is_bounded() -> None:
    s = slugify("word " * 40)
    assert 0 < len(s) <= 60 and not s.endswith("-")


# --- a whole folder -----------------------------------------------------------------------------

def test_read_articles_accounts_for_every_file(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    write_article("b-harbour.md", "The harbour reopened on Monday.\n", title="Harbour reopens", date="2026-02-02")
    write_article("2026-02-01-ferry.txt", "Ferry sails again\n\nThe ferry sailed on Sunday.\n")
    write_article("sub/folder/c.markdown", "A nested story.\n", title="Nested", date="2026-02-03")
    write_article("README.md", "# About this folder\n")
    write_article("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write_article("notes.docx", b"PK\x03\x04")
    write_article("empty.md", "")
    write_article("binary.txt", b"\x00\x01\x02")
    write_article("broken.md", "---\ntitle: [x\n---\n\nFirst line.\n\nSecond line.\n")
    write_article(".hidden/draft.md", "Draft\n\nNot published.\n")
    write_article(".swap.md", "Swap\n\nNot published.\n")

    articles, diags = read_articles(tmp_path, Config())
    by_name = {Path(a.path).name: a for a in articles}
    assert sorted(by_name) == ["2026-02-01-ferry.txt", "b-harbour.md", "broken.md", "c.markdown"]
    diag_files = {Path(d.location.path).name for d in diags}
    visible = [p for p in tmp_path.rglob("*") if p.is_file()
               and not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]
    assert len(visible) == 9
    for p in visible:
        assert p.name in by_name or p.name in diag_files, f"{p.name} neither read nor reported"
    levels: dict[str, set[str]] = {}
    for d in diags:
        levels.setdefault(Path(d.location.path).name, set()).add(d.level)
    assert levels["README.md"] == {"info"}
    assert levels["photo.png"] == {"info"}
    assert levels["notes.docx"] == {"info"}
    assert levels["empty.md"] == {"warning"}
    assert levels["binary.txt"] == {"error"}
    assert "error" in levels["broken.md"]
    assert "draft.md" not in levels and ".swap.md" not in levels  # hidden files are not content
    for d in diags:  # shown relative to the content folder's parent, whatever the working directory
        assert (tmp_path.parent / d.location.path).exists(), d
    # stable order: by path
    assert [a.path for a in articles] == sorted(a.path for a in articles)


def test_read_articles_gives_unique_ids(tmp_path: Path, write_article) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.md", "b.md", "c.md"):
        write_article(name, "Same text.\n", title="Same headline", date="2026-02-02")
    articles, _ = read_articles(tmp_path, Config())
    assert [a.id for a in articles] == ["same-headline", "same-headline-2", "same-headline-3"]


def test_read_articles_paths_are_relative_to_the_working_directory(tmp_path: Path, write_article,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_article("content/a.md", "Text.\n", title="A", date="2026-02-02")
    monkeypatch.chdir(tmp_path)
    articles, _ = read_articles(Path("content"), Config())
    assert [a.path for a in articles] == ["content/a.md"]


READ_FILES = {
    "a.md": "---\ntitle: Flood in Quarlow\ndate: 2025-03-12\n---\nRescuers said 12 people died on Monday.\n",
    "b.txt": "Quake hits Varneth\n\nMarch 3, 2025\n\nOfficials said 40 homes fell.\n",
    "c.md": "---\ntitle: [broken\n---\nText.\n",  # a YAML error: its diagnostics are kept with the entry
}


def _read_twice(tmp_path: Path, change: str) -> tuple[list[Article], list[Diagnostic], list[Article],
                                                      list[Diagnostic], int]:
    """Read a folder with the cache, change it, read it again; the second read and a clean one must agree."""
    from dataclasses import replace

    from generator.inputs import readcache

    content = tmp_path / "content"
    content.mkdir()
    for name, text in READ_FILES.items():
        (content / name).write_text(text, encoding="utf-8")
    config = replace(Config(), cache_dir=tmp_path / "cache")
    read_articles(content, config)
    if change == "edit":
        (content / "a.md").write_text(READ_FILES["a.md"].replace("12 people", "14 people"), encoding="utf-8")
    elif change == "rename":
        (content / "b.txt").rename(content / "b2.txt")
    elif change == "settings":
        config = replace(config, max_file_bytes=config.max_file_bytes - 1)
    elif change == "damaged":
        (tmp_path / "cache" / f"read-{readcache.FORMAT}.pickle").write_bytes(b"\x80\x05not a pickle")
    counts: list[int] = []
    original = readcache.ReadCache.save
    try:
        readcache.ReadCache.save = lambda self: (counts.append(self.parsed), original(self))[1]  # type: ignore
        cached, cached_diags = read_articles(content, config)
    finally:
        readcache.ReadCache.save = original  # type: ignore
    clean, clean_diags = read_articles(content, replace(config, cache_dir=None))
    return cached, cached_diags, clean, clean_diags, counts[0]


@pytest.mark.parametrize("change, parsed", [("none", 0), ("edit", 1), ("rename", 1), ("settings", 3),
                                            ("damaged", 3)])
def test_reading_again_parses_only_what_changed(tmp_path: Path, change: str, parsed: int) -> None:
    cached, cached_diags, clean, clean_diags, count = _read_twice(tmp_path, change)
    assert cached == clean and cached_diags == clean_diags
    assert count == parsed
