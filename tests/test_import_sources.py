"""Importing what editors actually have: saved web pages, wire stories with datelines, boilerplate tails.

The fixtures in tests/fixtures/import/ are our own: three saved pages of different shapes and plain-text
clippings with Reuters, AP and AFP datelines (with and without a year, one across the new year).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import Config
from generator.diagnostics import Code
from generator.inputs.importer import Imported, import_clipping
from generator.inputs.reader import parse_article
from generator.inputs.wire import match_wire_dateline, nearest_year
from generator.pipeline import make_timeline

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def imported(name: str) -> Imported:
    return import_clipping((FIXTURES / name).read_bytes(), f"inbox/{name}", name, Config())


# file, title, date, outlet, agency, author, a phrase of the text, what must not be left in the file
CASES = [
    pytest.param("frontier-ledger-og-jsonld.html", "Quetta market blast kills seven, wounds 22", "2025-03-04",
                 "The Frontier Ledger", "Reuters", "Gul Zaman Kakar", "A bomb hidden in a vegetable cart went off",
                 ["QUETTA, March 3", "(Reuters)", "Pakistan</a>", "By Gul Zaman", "All rights reserved"],
                 id="page-og-json-ld"),
    pytest.param("evening-post-title-time.html", "Flood waters begin to recede in Sukkur", "2024-08-19",
                 "Indus Evening Post", None, "Sana Qureshi", "began to fall on Sunday, a week after the Indus",
                 ["19 August 2024", "By Sana", "<time"], id="page-title-byline-time"),
    pytest.param("capital-courier-furniture.html", "Ten labourers die as tunnel collapses near Islamabad",
                 "2025-05-02", "Capital Courier", "AP", "Farah Naz", "the project was halted until engineers",
                 ["ISLAMABAD (AP)", "cookies", "Share this article", "Advertisement", "Sign up", "Copyright",
                  "Most read", "Rupee slips", "Related Posts", "Two miners rescued", "Privacy policy"],
                 id="page-with-furniture"),
    pytest.param("reuters-with-year.txt", "Gunmen kill four guards at Karachi bus depot", "2025-03-12", "Reuters",
                 "Reuters", None, "killing four security guards, police said",
                 ["KARACHI, March 12", "Reporting by", "Editing by", "Our Standards"], id="reuters-with-year"),
    pytest.param("2025-03-14-depot-guards-buried.txt", "Depot guards buried as transport strike spreads",
                 "2025-03-13", "Reuters", "Reuters", None, "posted police at every depot.",
                 ["KARACHI, March 13", "(Reuters)", "Reporting by"], id="reuters-year-from-file-name"),
    pytest.param("2026-01-01-lahore-new-year.txt", "Lahore police arrest 40 for celebratory gunfire", "2025-12-31",
                 "Reuters", "Reuters", None, "seized 25 weapons", ["LAHORE, Dec 31", "Writing by", "Editing by"],
                 id="reuters-december-dateline-saved-in-january"),
    pytest.param("reuters-quetta-copyright-year.txt", "Coal miners freed after two days underground near Quetta",
                 "2024-10-08", "Reuters", "Reuters", None, "Rescuers freed 11 coal miners",
                 ["QUETTA, Oct 8", "© 2024"], id="reuters-year-from-copyright"),
    pytest.param("reuters-no-date.txt", "Traders shut Hyderabad markets over power cuts", None, "Reuters", "Reuters",
                 None, "Traders shut markets across Hyderabad", ["HYDERABAD", "June 3"], id="reuters-nothing-dates-it"),
    pytest.param("ap-islamabad-floods.txt", "Flash floods sweep away homes in hills north of Islamabad", "2025-05-02",
                 "AP", "AP", "Rehana Aslam", "Meteorologists said more rain",
                 ["ISLAMABAD (AP)", "Advertisement", "Copyright", "Published:"], id="ap-style"),
    pytest.param("afp-peshawar-court.txt", "Bomb outside Peshawar court wounds nine", "2025-02-05", "AFP", "AFP", None,
                 "set off by remote control",
                 ["Peshawar (Pakistan)", "(AFP)", "Read more", "Lawyers in Peshawar strike", "Sign up", "Share this"],
                 id="afp-style-country-in-brackets"),
    pytest.param("afp-peshawar-school.txt", "Girls' school reopens in Peshawar a year after arson attack",
                 "2025-02-06T09:10:00", "Dawn", "AFP", None, "more than 300 pupils back",
                 ["PESHAWAR, Pakistan", "(AFP)", "https://"], id="afp-style-comma-outlet-from-url"),
    pytest.param("boilerplate-tail.txt", "Sukkur barrage gate repaired as river level falls", "2024-08-21T18:45:00",
                 None, None, "Staff Reporter", "crops would wither if the canals stayed shut for another week.",
                 ["Share this", "Advertisement", "Reporting by", "Writing by", "Related", "Flood relief camps",
                  "Rice growers", "Barrage engineers ask", "Sign up"], id="boilerplate-tail"),
]


@pytest.mark.parametrize("name, title, date, source, agency, author, phrase, absent", CASES)
def test_what_editors_have_imports_with_the_right_metadata_and_text(
        name: str, title: str, date: str | None, source: str | None, agency: str | None, author: str | None,
        phrase: str, absent: list[str]) -> None:
    r = imported(name)
    assert (r.title, r.date, r.source, r.agency, r.author) == (title, date, source, agency, author)
    assert r.text is not None and r.name is not None
    body = r.text.split("\n---\n", 1)[1]
    assert phrase in body
    assert [a for a in absent if a in body] == []
    assert r.name.startswith(f"{date[:10]}-") if date else not r.name[:1].isdigit()
    # The file reads back as reported: the same date, outlet and paragraphs, and no dateline found again.
    back, diags = parse_article(r.text.encode("utf-8"), r.name, r.name, Config())
    assert back is not None and back.published == date and back.source == source
    assert back.extra.get("agency") == agency and back.body.split("\n\n") == r.paragraphs
    assert not any(d.code == Code.WIRE_DATELINE for d in diags)


def test_a_yearless_dateline_that_nothing_dates_is_a_warning_at_its_line() -> None:
    r = imported("reuters-no-date.txt")
    missing = [d for d in r.diagnostics if d.code == Code.IMPORT_MISSING and d.level == "warning"]
    assert [(d.location.path, d.location.line) for d in missing] == [("inbox/reuters-no-date.txt", 3)]
    assert r.name == "traders-shut-hyderabad-markets-over-power-cuts.md"


def test_page_diagnostics_point_at_the_page_lines() -> None:
    r = imported("frontier-ledger-og-jsonld.html")
    page = (FIXTURES / "frontier-ledger-og-jsonld.html").read_text(encoding="utf-8").split("\n")
    dateline = next(d for d in r.diagnostics if "dateline" in d.message)
    assert page[dateline.location.line - 1].startswith("<p>QUETTA, March 3 (Reuters)")
    r = imported("capital-courier-furniture.html")
    page = (FIXTURES / "capital-courier-furniture.html").read_text(encoding="utf-8").split("\n")
    copyright_line = "<p>Copyright 2025 The Associated Press. All rights reserved.</p>"
    assert [page[line - 1] for line, _ in r.removed] == [copyright_line]


PAGE = ("<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{body}</article>"
        "</body></html>")
TEXT = ("<p>Rescue teams searched the collapsed market building through the night and pulled three people alive "
        "from the rubble, the fire brigade said on its account.</p><p>Engineers said the upper floor had been built "
        "without permission and that the owner would be questioned by the city's building authority.</p>")


def page(head: str = "", body: str = TEXT, title: str = "Market building collapses in Hyderabad") -> bytes:
    return PAGE.format(title=title, head=head, body=body).encode("utf-8")


def import_page(raw: bytes) -> Imported:
    return import_clipping(raw, "inbox/page.html", "page.html", Config())


@pytest.mark.parametrize("raw, date, codes", [
    # htmldate's latest date is fixed, not today: the same page gives the same date on any day (and the reader
    # warns about a date in the future, as for any article).
    pytest.param(page('<meta property="article:published_time" content="2099-06-01">'), "2099-06-01",
                 {Code.DATE_SUSPICIOUS}, id="a-future-date-is-kept-the-clock-is-not-read"),
    pytest.param(page(body="<p>Posted: 14.07.2023</p>" + TEXT), "2023-07-14", set(), id="a-posted-line"),
    pytest.param(page(body="<p>The market was built in 1998 and reopened on 14 July 2023 after repairs.</p>" + TEXT),
                 "2023-07-14", {Code.IMPORT_FOUND}, id="htmldate-wider-search-is-a-warning"),
    pytest.param(page(body=TEXT + "<footer><p>© 2021 Hyderabad Herald</p></footer>"), None, {Code.IMPORT_MISSING},
                 id="a-bare-copyright-year-dates-nothing"),
    pytest.param(page(), None, {Code.IMPORT_MISSING}, id="no-date-anywhere"),
])
def test_page_dates_come_from_the_page_never_from_the_clock(raw: bytes, date: str | None, codes: set[Code]) -> None:
    r = import_page(raw)
    assert r.date == date and r.text is not None
    warned = {d.code for d in r.diagnostics if d.level == "warning"}
    assert warned == codes, r.diagnostics
    assert all(d.location.path == "inbox/page.html" and d.location.line >= 1 for d in r.diagnostics)


@pytest.mark.parametrize("raw, code", [
    pytest.param(b"<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                 Code.NO_TEXT, id="no-text"),
    pytest.param(b"<html><head><title>Courier</title></head><body><div id='cookie-banner'><p>We use cookies to "
                 b"improve your experience on our site.</p><button>Accept</button></div></body></html>",
                 Code.NO_TEXT, id="only-a-cookie-notice"),
    pytest.param(b"<html>\x00\x00\x01binary", Code.FILE_BINARY, id="binary"),
    pytest.param(b"", Code.NO_TEXT, id="empty"),
    pytest.param(b"\xff\xfe<<<>>>&&&;;" * 50, Code.NO_TEXT, id="garbage"),
])
def test_pages_without_an_article_are_diagnostics_not_crashes(raw: bytes, code: Code) -> None:
    r = import_page(raw)
    assert r.text is None and r.name is None
    assert [(d.code, d.location) for d in r.diagnostics if d.level != "info"][0][0] == code


def test_a_page_without_a_title_says_so() -> None:
    r = import_page(b"<html><body><article>" + TEXT.encode() + b"</article></body></html>")
    assert r.title.startswith("Rescue teams searched the collapsed market building")
    assert Code.IMPORT_MISSING in {d.code for d in r.diagnostics if "title" in d.message}
    assert Code.NO_TITLE not in {d.code for d in r.diagnostics}


def test_cli_imports_a_saved_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(FIXTURES / "evening-post-title-time.html"), "--into", str(tmp_path / "c")]) == 0
    written = tmp_path / "c" / "2024-08-19-flood-waters-begin-to-recede-in-sukkur.md"
    assert written.read_text(encoding="utf-8").startswith(
        "---\ntitle: Flood waters begin to recede in Sukkur\ndate: 2024-08-19\nsource: Indus Evening Post\n"
        "author: Sana Qureshi\n---\n\nWater levels")
    assert capsys.readouterr().err.splitlines()[-1].startswith("imported 1 of 1 files")


# dateline as it opens the paragraph -> (agency, month, day, year, what follows it), None when not a dateline
DATELINES = [
    ("KARACHI, March 12 (Reuters) - Gunmen attacked.", ("Reuters", 3, 12, None, "Gunmen attacked.")),
    ("KARACHI, March 12, 2025 (Reuters) — Gunmen attacked.", ("Reuters", 3, 12, 2025, "Gunmen attacked.")),
    ("LAHORE, Dec. 31 (Reuters) -- Police said.", ("Reuters", 12, 31, None, "Police said.")),
    ("DERA ISMAIL KHAN, Pakistan, Jan 4 (Reuters) - A convoy.", ("Reuters", 1, 4, None, "A convoy.")),
    ("ISLAMABAD (AP) — Ten died.", ("AP", None, None, None, "Ten died.")),
    ("ISLAMABAD (Associated Press) - Ten died.", ("AP", None, None, None, "Ten died.")),
    ("Peshawar (Pakistan) (AFP) - A bomb.", ("AFP", None, None, None, "A bomb.")),
    ("PESHAWAR, Pakistan (AFP) - A school.", ("AFP", None, None, None, "A school.")),
    ("NEW DELHI, July 3 (PTI): The toll rose.", ("PTI", 7, 3, None, "The toll rose.")),
    ("Hathras (UP), July 3 The toll rose.", None),
    ("LAHORE (PML-N) - The party said.", None),
    ("KARACHI, March 41 (Reuters) - Not a day.", None),
    ("Police in KARACHI (Reuters) - said.", None),
    ("The council said on March 12 (Reuters) - that.", None),
]


@pytest.mark.parametrize("text, expected", DATELINES, ids=[t[:28] for t, _ in DATELINES])
def test_wire_datelines(text: str, expected: tuple[str, int | None, int | None, int | None, str] | None) -> None:
    found = match_wire_dateline(text)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.agency, found.month, found.day, found.year, text[len(found.text):]) == expected


@pytest.mark.parametrize("month, day, near, expected", [
    (3, 12, "2025-03-14", "2025-03-12"),
    (12, 31, "2026-01-02", "2025-12-31"),  # filed on New Year's Eve, published (or saved) after the new year
    (1, 1, "2025-12-31", "2026-01-01"),  # filed past midnight somewhere east, published on the 31st
    (1, 5, "2025-12-20", "2026-01-05"),
    (6, 30, "2025-01-02", "2025-06-30"),  # half a year either way: the same year
    (2, 29, "2024-03-01", "2024-02-29"),
    (2, 29, "2025-03-01", "2024-02-29"),  # no 29 February in 2025 or 2026
])
def test_the_year_of_a_yearless_dateline_is_the_one_nearest_the_publication_date(
        month: int, day: int, near: str, expected: str) -> None:
    assert nearest_year(month, day, dt.date.fromisoformat(near)) == expected


ATTACK = ("---\ntitle: Guards killed in Karachi depot attack\ndate: 2025-03-14\nsource: Reuters\n---\n\n"
          "KARACHI, March 12 (Reuters) - Gunmen killed four guards at a bus depot in Karachi on Sunday, police "
          "said.\n\n"
          "Two more guards died of their wounds on Thursday, officials said.\n")


@pytest.mark.parametrize("name, text, published, days", [
    ("depot.md", ATTACK, "2025-03-14", ["2025-03-09", "2025-03-13"]),
    # A clipping read as it is: the dateline (filed Wednesday 12 March, the year from the file name) dates it.
    ("2025-03-14-depot.txt", "Guards killed\n\n" + ATTACK.split("---\n\n", 1)[1], "2025-03-12",
     ["2025-03-06", "2025-03-09"]),
])
def test_the_dateline_day_is_never_an_event(tmp_path: Path, name: str, text: str, published: str,
                                            days: list[str]) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    timeline = make_timeline(tmp_path)
    (article,) = timeline.articles
    assert article.published == published
    cut = [d.location.line for d in timeline.diagnostics if d.code == Code.WIRE_DATELINE]
    assert cut == [text.split("\n").index(next(ln for ln in text.split("\n") if ln.startswith("KARACHI"))) + 1]
    assert "March 12" not in article.body and "(Reuters)" not in article.body
    assert [m.text for m in article.mentions] == ["Sunday", "Thursday"]
    assert sorted(e.start for e in timeline.events if e.start) == days  # none on the dateline's day


@pytest.mark.parametrize("paragraph, kept", [
    ("Reporting by Asif Shahzad in Islamabad; Editing by Kim Coghill", ""),
    ("(Reporting by Hina Baig and Saleem Ahmed; Writing by Tom Brand; Editing by Ros Allen)", ""),
    ("Reporting by the council showed the toll was higher than the police had said.", "same"),
    ("Police said the men fled. (Reporting by Hina Baig; Editing by Ros Allen)", "Police said the men fled."),
    ("Copyright 2025 The Associated Press. All rights reserved.", ""),
    ("© 2026 the author's family", "same"),
    ("Read more: Depot guards ask for better weapons", ""),
    ("Our Standards: The Thomson Reuters Trust Principles.", ""),
    ("Story continues below advertisement", ""),
])
def test_wire_and_web_boilerplate_leaves_the_text(paragraph: str, kept: str) -> None:
    body = "The depot reopened on Monday under police guard, the transport company said in a statement."
    article, _ = parse_article(f"Depot reopens\n\n{body}\n\n{paragraph}\n".encode(), "a.txt", "a.txt", Config())
    assert article is not None
    expected = [body] + ([paragraph if kept == "same" else kept] if kept else [])
    assert article.body.split("\n\n") == expected
