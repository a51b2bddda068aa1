"""Bad input is normal input: each case gets a diagnostic with file:line, and the rest of the site still builds.

Every case is one file added next to a good article; the real build (MkDocs included) runs on both.
All texts are invented: the town of Redcliff, the Free Hills Movement.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.build import build_site

GOOD = ("---\ntitle: Five killed in Redcliff market blast\ndate: 2026-02-01\nsource: Valley Times\n"
        "url: https://valley.example/redcliff-blast\n---\n\n"
        "Five people were killed in a blast at the Redcliff market on Saturday, police said.\n")
BODY = "Three people were injured in Redcliff on Friday, the hospital said.\n"


def fm(**keys: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items()) + "---\n\n"


# (id, files to add {name: text or bytes}, file named in the diagnostic, line, level, message pattern)
CASES: list[tuple[str, dict[str, str | bytes], str, int, str, str]] = [
    ("malformed-yaml", {"bad.md": "---\ntitle: Redcliff\ndate: [2026-02-01\n---\n\n" + BODY},
     "bad.md", 3, "error", r"malformed YAML front matter: .*text kept"),
    ("tab-indented-yaml", {"bad.md": "---\ntitle: Redcliff\nevents:\n\t- title: x\n---\n\n" + BODY},
     "bad.md", 4, "error", r"malformed YAML front matter"),
    ("unreadable-date", {"bad.md": fm(title="Redcliff injuries", date="sometime last week") + BODY},
     "bad.md", 3, "warning", r"cannot read the date 'sometime last week'"),
    ("future-date", {"bad.md": fm(title="Redcliff injuries", date="2099-01-01") + BODY},
     "bad.md", 3, "warning", r"publication date 2099-01-01 is in the future"),
    ("before-1800", {"bad.md": fm(title="Redcliff injuries", date="1701-05-01") + BODY},
     "bad.md", 3, "warning", r"publication date 1701-05-01 is before 1800"),
    ("future-dateline", {"bad.txt": "Redcliff injuries\n\nMarch 3rd, 2097 3:40 PM PKT\n\n" + BODY},
     "bad.txt", 3, "warning", r"publication date 2097-03-03 is in the future"),
    ("non-utf8", {"bad.md": b"---\ntitle: Redcliff\n---\n\nThe caf\xe9 in Redcliff was hit; " + BODY.encode()},
     "bad.md", 5, "warning", r"not valid UTF-8; undecodable bytes replaced"),
    ("bom", {"bad.md": "\ufeff" + fm(title="Redcliff injuries", date="2026-02-01") + BODY},
     "bad.md", 1, "info", r"byte-order mark \(BOM\); removed"),
    ("crlf", {"bad.md": (fm(title="Redcliff injuries", date="2026-02-01") + BODY).replace("\n", "\r\n")},
     "bad.md", 1, "info", r"line endings \(CRLF/CR\)"),
    ("empty", {"bad.md": ""}, "bad.md", 1, "warning", r"empty file; skipped"),
    ("whitespace-only", {"bad.md": " \n\t\n"}, "bad.md", 1, "warning", r"empty file; skipped"),
    ("binary", {"bad.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "bad.md", 1, "error", r"binary file"),
    ("over-size-limit", {"big.txt": "Redcliff. " * 210_000}, "big.txt", 1, "error",
     r"over the limit of 2000000 bytes|bytes, over the limit"),
    ("same-url", {"zz-copy.md": fm(title='"Redcliff blast: five dead"', date="2026-02-01",
                                url="http://www.valley.example/redcliff-blast/?utm_source=x") + BODY},
     "zz-copy.md", 1, "warning", r"same url as .*good\.md: the same article twice; this copy is skipped"),
    ("same-text", {"zz-copy.txt": "Copied story\n\n" +
                   "Five people were killed in a blast at the Redcliff market on Saturday, police said.\n"},
     "zz-copy.txt", 1, "warning", r"same text as .*good\.md"),
    ("same-page-name", {"other.md": fm(title="Five killed in Redcliff market blast!", date="2026-02-02") + BODY},
     "other.md", 1, "warning", r"same page name 'five-killed-in-redcliff-market-blast' as .*good\.md; "
                               r"this article's page is articles/five-killed-in-redcliff-market-blast-2"),
    ("html-title", {"bad.md": fm(title='"<script>alert(1)</script> Redcliff"', date="2026-02-01") + BODY},
     "bad.md", 1, "warning", r"title contains HTML markup; it is shown as text, not run"),
    ("html-body", {"bad.md": fm(title="Redcliff", date="2026-02-01") + "Intro line.\n\n"
                   "<img src=x onerror=alert(1)> " + BODY},
     "bad.md", 8, "warning", r"text contains HTML markup \('<img src=x onerror=alert\(1\)>'\)"),
    ("path-title", {"bad.md": fm(title="../../etc/passwd", date="2026-02-01") + BODY},
     "bad.md", 1, "warning", r"title looks like a file path; .*articles/etc-passwd"),
    ("rtl-title", {"quetta.md": fm(title='"کوئٹہ میں حملہ"', date="2026-02-01") +
                   "کوئٹہ میں ہفتے کو حملے میں پانچ افراد ہلاک ہو گئے۔\n"},
     "quetta.md", 1, "info", r"no Latin letters .*articles/quetta"),
    ("cjk-title-and-name", {"红崖.md": fm(title="红崖爆炸", date="2026-02-01") + "红崖市场发生爆炸，五人死亡。\n"},
     "红崖.md", 1, "info", r"no Latin letters .*articles/article-[0-9a-f]{8}"),
    ("curated-claim-no-figure", {"bad.md": fm(title="Redcliff", date="2026-02-01")[:-5] +
                                 "events:\n  - title: Blast\n    date: 2026-01-31\n    claims:\n"
                                 "      - {category: dead, claimant: police}\n---\n\n" + BODY},
     "bad.md", 8, "warning", r"curated claim 'dead' has no figure"),
    ("curated-claim-words", {"bad.md": fm(title="Redcliff", date="2026-02-01")[:-5] +
                             "events:\n  - title: Blast\n    date: 2026-01-31\n    claims:\n"
                             "      - category: dead\n        quantity: 5\n"
                             "      - category: injured\n        quantity: a dozen or so\n---\n\n" + BODY},
     "bad.md", 10, "warning", r"curated claim 'injured' has a non-numeric figure 'a dozen or so'"),
    ("front-matter-not-a-mapping", {"bad.md": "---\n- just\n- a list\n---\n\n" + BODY},
     "bad.md", 2, "error", r"front matter is not a mapping"),
    ("unclosed-front-matter", {"bad.md": "---\ntitle: Redcliff\n\n" + BODY},
     "bad.md", 1, "warning", r"never ends; read as text"),
    ("not-an-article", {"photo.jpg": b"\xff\xd8\xff\xe0JFIF"}, "photo.jpg", 1, "info", r"not an article"),
]


@pytest.mark.parametrize("files, name, line, level, pattern", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_reported_and_the_site_still_builds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        files: dict[str, str | bytes], name: str, line: int, level: str, pattern: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    for fname, data in files.items():
        path = content / fname
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_bytes(data.encode("utf-8"))
    monkeypatch.chdir(tmp_path)  # diagnostics show paths relative to the working directory
    code = build_site(Path("content"), tmp_path / "site", verbose=True)
    err = capsys.readouterr().err
    expected = re.compile(rf"^content/{re.escape(name)}:{line}: {level}: (?:.*?){pattern}", re.M)
    assert expected.search(err), err
    assert code == (1 if level == "error" else 0), err  # errors fail the exit code; the site is still built
    assert (tmp_path / "site/articles/five-killed-in-redcliff-market-blast/index.html").is_file()
    assert re.search(r"^built .*: \d+ articles from \d+ files", err, re.M)


@pytest.mark.parametrize("files", [c[1] for c in CASES if c[4] == "error"],
                         ids=[c[0] for c in CASES if c[4] == "error"])
def test_errors_still_leave_every_other_article_in_the_timeline(tmp_path: Path, files: dict[str, str | bytes]
                                                               ) -> None:
    """An error fails the exit code, but nothing else is lost: the good article is still read and analysed."""
    from generator.pipeline import make_timeline

    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    for fname, data in files.items():
        (tmp_path / fname).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    t = make_timeline(tmp_path)
    assert any(a.title == "Five killed in Redcliff market blast" and a.claims for a in t.articles)
    assert all(Path(p).name in {a.path.rsplit("/", 1)[-1] for a in t.articles}
               or any(d.location.path == p for d in t.diagnostics) for p in t.inputs)
