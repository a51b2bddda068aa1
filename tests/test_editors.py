"""The editors' workflow: `check`, plain `mkdocs build` and `mkdocs serve`, the review file, and the build's
guarantees (nothing lost, no script from content runs, atomic output, byte-identical rebuilds).

All texts are invented: the town of Redcliff, the Free Hills Movement.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator import cli
from generator.diagnostics import Code, github_annotation
from generator.inputs.review import parse_review
from generator.models import Diagnostic, Location
from generator.pipeline import make_timeline
from generator.site.build import build_site, check_content
from tests.test_search import fragments

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
MKDOCS = Path(sys.executable).parent / "mkdocs"

BLAST = ("---\ntitle: Five killed in Redcliff market blast\ndate: 2026-02-01\nsource: Valley Times\n---\n\n"
         "Five people were killed in a blast at the Redcliff market on Saturday, police said.\n\n"
         "The Free Hills Movement said 12 of its fighters were killed in the raid that followed.\n")
UNDATED = "Redcliff mourns\n\nShops in Redcliff stayed shut on Sunday after the market blast.\n"


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def project(tmp_path: Path, articles: dict[str, str]) -> Path:
    """A copy of the project's settings and templates around a content folder of the given articles."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - generator/site/hooks.py", f"  - {REPO / 'generator' / 'site' / 'hooks.py'}")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    (tmp_path / "content").mkdir()
    for name, body in articles.items():
        (tmp_path / "content" / name).write_text(body, encoding="utf-8")
    return tmp_path


# --- check ---------------------------------------------------------------------------------------

def test_check_on_the_demo_content_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--content", str(REPO / "content")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^checked .*content: \d+ articles from \d+ files, \d+ events, \d+ claims; 0 errors", err, re.M)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_check_on_the_seeds_names_the_four_undated_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", "--content", str(SEEDS)])
    err = capsys.readouterr().err
    undated = sorted(set(re.findall(r"^(\S+/0\d\d_\w+\.txt):1: warning: (?:no publication date|undated: "
                                    r"publication date inferred as \d{4}-\d\d-\d\d from \S+/001_)", err, re.M)))
    assert [Path(p).name[:3] for p in undated] == ["000", "002", "003", "004"], err
    assert code == 0  # warnings only
    assert cli.main(["check", "--content", str(SEEDS), "--strict"]) == 1


def test_check_exit_codes_and_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.md").write_text(BLAST, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert check_content(tmp_path, REPO / "mkdocs.yml") == 0
    assert check_content(tmp_path, REPO / "mkdocs.yml", strict=True) == 1
    assert "::warning" not in capsys.readouterr().err
    (tmp_path / "broken.md").write_text("---\ntitle: [x\n---\n\nText.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check_content(tmp_path, REPO / "mkdocs.yml") == 1
    err = capsys.readouterr().err
    assert re.search(r"^::error file=[^,]*broken\.md,line=2,title=timeline::malformed YAML", err, re.M), err
    assert re.search(r"^::warning file=[^,]*undated\.txt,line=1,title=timeline::no publication date", err, re.M)
    assert re.search(r"^\S*broken\.md:2: error: malformed YAML", err, re.M)  # the plain line is printed too


def test_github_annotation_escapes_what_would_break_the_command() -> None:
    d = Diagnostic(Location("content/a,b:c.md", 3), "warning", "50% done\nnext line", Code.MARKUP)
    assert github_annotation(d) == "::warning file=content/a%2Cb%3Ac.md,line=3,title=timeline::50%25 done%0Anext line"


def test_check_reports_a_broken_template_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ok.md").write_text(BLAST, encoding="utf-8")
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    page = templates / "event.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ e.no_such_field }}\n", encoding="utf-8")
    assert check_content(tmp_path / "content", REPO / "mkdocs.yml", templates=templates) == 1
    err = capsys.readouterr().err
    last = len(page.read_text(encoding="utf-8").splitlines())
    assert re.search(rf"event\.md\.j2:{last}: error: template error: UndefinedError", err), err


# --- plain mkdocs build and serve ----------------------------------------------------------------

def test_plain_mkdocs_build_makes_the_same_site_as_the_generator(tmp_path: Path) -> None:
    root = project(tmp_path, {"blast.md": BLAST, "mourns.txt": UNDATED})
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    plain = subprocess.run([str(MKDOCS), "build", "-f", "mkdocs.yml", "-d", "plain"], cwd=root, env=env,
                           capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert re.search(r"WARNING\s+-\s+content/mourns\.txt:1: warning: no publication date", plain.stderr)
    gen = subprocess.run([sys.executable, "-m", "generator", "build", "--config", "mkdocs.yml", "--site-dir", "gen"],
                         cwd=root, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=300)
    assert gen.returncode == 0, gen.stderr
    assert tree_hashes(root / "plain") == tree_hashes(root / "gen")
    assert (root / "plain" / "articles" / "five-killed-in-redcliff-market-blast" / "index.html").is_file()
    # content warnings count for `mkdocs build --strict`, as for `generator build --strict`
    strict = subprocess.run([str(MKDOCS), "build", "--strict", "-f", "mkdocs.yml", "-d", "strict"], cwd=root,
                            env=env, capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, predicate, timeout: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
                last = response.read().decode("utf-8")
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}; last page:\n{last[:2000]}")


# --dirty: `make serve`, the preview's folder kept; TIMELINE_WATCH=poll: MkDocs' own polling, not file events
@pytest.mark.parametrize("flags, watching", [([], ""), (["--dirty"], ""), (["--dirty"], "poll")])
def test_mkdocs_serve_regenerates_when_an_article_or_a_template_changes(tmp_path: Path, flags: list[str],
                                                                        watching: str) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    port = _free_port()
    server = subprocess.Popen([str(MKDOCS), "serve", *flags, "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TIMELINE_WATCH": watching})
    try:
        sources = f"http://127.0.0.1:{port}/sources/"
        _wait_for(sources, lambda page: "Five killed in Redcliff market blast" in page)
        time.sleep(1.5)  # let the watcher settle before editing
        (root / "content" / "blast.md").write_text(BLAST.replace("Five killed", "Six killed"), encoding="utf-8")
        _wait_for(sources, lambda page: "Six killed in Redcliff market blast" in page)
        tpl = root / "templates" / "sources.md.j2"
        tpl.write_text(tpl.read_text(encoding="utf-8").replace("Every article the site is built from",
                                                               "Each and every article"), encoding="utf-8")
        _wait_for(sources, lambda page: "Each and every article" in page)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


# --- review file ---------------------------------------------------------------------------------

def _claims(content: Path) -> dict[tuple[str, int | None], str]:
    t = make_timeline(content)
    return {(c.category, c.quantity): c.id for a in t.articles for c in a.claims}


def test_claim_ids_are_stable_across_rebuilds_and_unrelated_changes(tmp_path: Path) -> None:
    (tmp_path / "b-blast.md").write_text(BLAST, encoding="utf-8")
    first = _claims(tmp_path)
    assert len(first) == 2
    assert _claims(tmp_path) == first
    # a new article with the same title (it takes the page name first) and a new paragraph elsewhere
    (tmp_path / "a-same-title.md").write_text(BLAST.replace("Five people", "Seven people").replace(
        "12 of its", "20 of its"), encoding="utf-8")
    (tmp_path / "b-blast.md").write_text(BLAST + "\nRoads into Redcliff were closed on Sunday.\n", encoding="utf-8")
    after = {k: v for k, v in _claims(tmp_path).items() if k in first}
    assert after == first


def test_review_confirms_rejects_and_corrects_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    ids = _claims(root / "content")
    dead, militants = ids[("dead", 5)], ids[("militants killed", 12)]
    (root / "content" / "review.yml").write_text(
        "# decisions\n"
        f"- claim: {dead}\n  decision: confirm\n  note: Matches the police statement.\n"
        f"- claim: {militants}\n  decision: correct\n  figure: 21\n  claimant: Free Hills Movement spokesman\n"
        f"- claim: {dead}\n  decision: reject\n"
        "- claim: 1111111111\n  decision: approve\n", encoding="utf-8")
    assert build_site(root / "content", root / "site", mkdocs_file=root / "mkdocs.yml") == 0
    err = capsys.readouterr().err
    assert re.search(rf"review\.yml:9: warning: claim {dead} was already decided at line 2", err), err
    assert re.search(r"review\.yml:11: warning: unknown decision 'approve'", err), err
    event = next((root / "site" / "events").glob("*/index.html")).read_text(encoding="utf-8")
    assert "confirmed by an editor" in event and "corrected by an editor" in event
    assert re.search(r"<td>militants killed</td>\s*<td>21</td>\s*<td>(<a [^>]*>)?Free Hills Movement spokesman", event)
    article = (root / "site" / "articles" / "five-killed-in-redcliff-market-blast" / "index.html").read_text()
    assert "extracted as militants killed 12, Free Hills Movement" in article
    assert f"<code>{dead}</code>" in article

    (root / "content" / "review.yml").write_text(f"- claim: {dead}\n  decision: reject\n  note: Double count.\n",
                                                 encoding="utf-8")
    t = make_timeline(root / "content")
    assert [c.id for a in t.articles for c in a.rejected] == [dead]
    assert all(c.id != dead for e in t.events for r in e.rows for c in r.claims)
    assert build_site(root / "content", root / "site", mkdocs_file=root / "mkdocs.yml") == 0
    article = (root / "site" / "articles" / "five-killed-in-redcliff-market-blast" / "index.html").read_text()
    assert "Rejected on review" in article and "Double count." in article


@pytest.mark.parametrize("text, line, pattern", [
    ("- claim: abc\n  decision: correct\n", 1, r"names none of figure, category, claimant"),
    ("- claim: abc\n  decision: correct\n  figure: many\n", 1, r"figure 'many' is not a whole number"),
    ("- decision: confirm\n", 1, r"decision without a claim id"),
    ("- just text\n", 1, r"must be a mapping"),
    ("claims: 5\n", 1, r"must be a list of decisions"),
    ("- claim: [abc\n", 1, r"malformed review file"),
    ("\n- claim: abc\n  decision: confirm\n- claim: def\n  decision: maybe\n", 4, r"unknown decision 'maybe'"),
])
def test_review_file_mistakes_are_reported_at_their_line(text: str, line: int, pattern: str) -> None:
    _, diags = parse_review(text, "content/review.yml")
    assert any(d.location.line == line and re.search(pattern, d.message) for d in diags), [str(d) for d in diags]


# --- guarantees ----------------------------------------------------------------------------------

def test_nothing_is_lost_every_input_file_is_on_the_site_or_in_a_diagnostic(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files: dict[str, str | bytes] = {
        "blast.md": BLAST, "copy-of-blast.md": BLAST, "mourns.txt": UNDATED, "empty.md": "",
        "binary.md": b"\x00\x01\x02", "photo.png": b"\x89PNG\r\n", "README.md": "# notes\n", "notes/deep.txt": UNDATED,
        "broken.md": "---\ntitle: [x\n---\n\nBody text that is long enough to be an article on its own.\n",
        "review.yml": "- claim: 0123456789\n  decision: confirm\n", "actors.yml": "Valley Rescue: [rescuers]\n",
    }
    content = tmp_path / "content"
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (content / ".hidden.swp").write_text("editor swap file")
    build_site(content, tmp_path / "site")
    err = capsys.readouterr().err
    t = make_timeline(content)
    on_site = {a.path for a in t.articles}
    diagnosed = {d.location.path for d in t.diagnostics}
    # hidden files are not content; the build added redirects.yml (the page names it keeps)
    assert len(t.inputs) == len(files) + 1 and (content / "redirects.yml").is_file()
    assert all(p in on_site or p in diagnosed for p in t.inputs), set(t.inputs) - on_site - diagnosed
    for a in t.articles:
        assert (tmp_path / "site" / "articles" / a.id / "index.html").is_file()
    assert re.search(rf"^built .*: {len(t.articles)} articles from {len(files)} files", err, re.M), err
    report = (tmp_path / "site" / "report" / "index.html").read_text(encoding="utf-8")
    for p in set(t.inputs) - on_site:
        assert Path(p).name in report


XSS = """---
title: "<script>alert('t')</script> Redcliff <img src=x onerror=alert(2)>"
date: 2026-02-01
source: "<b onmouseover=alert(3)>Valley</b>"
author: "</script><script>alert(4)</script>"
url: "javascript:alert(5)"
desk: "<iframe src=javascript:alert(11)>"
events:
  - title: "<script>alert(6)</script>"
    date: 2026-01-31
    summary: "<svg/onload=alert(12)>"
    claims:
      - {category: dead, quantity: 5, claimant: "<svg onload=alert(7)>", quote: "<script>alert(8)</script>"}
---

Five people were killed in Redcliff on Saturday, <script>alert(9)</script> police said.

<iframe src="javascript:alert(10)"></iframe> [x](javascript:alert(13)) <a href="javascript:alert(14)">y</a>
"""


def test_no_script_from_content_runs_anywhere_in_the_built_site(tmp_path: Path) -> None:
    root = project(tmp_path, {"x.md": XSS, "<svg onload=alert(15)>.md": BLAST})
    assert build_site(root / "content", root / "site", mkdocs_file=root / "mkdocs.yml") == 0
    # a real tag (not &lt;-escaped text) that would run something: <script>alert, on...=alert, javascript: URLs
    executable = re.compile(r"<script(?![^>]*ld\+json)[^>]*>[^<]*alert|<[a-z][^<>]*\bon\w+\s*=\s*[\"']?alert", re.I)
    script_url = re.compile(r"<[a-z][^<>]*\b(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)
    checked = 0
    for path in (root / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".json" and path.parent.name != "search":
                continue  # data/timeline.json holds the raw text as data, served as application/json
            # A meta's double-quoted content is text (the description and link-preview cards hold the page's
            # title, escaped): content that broke out of it would end it with a quote, and be seen.
            unquoted = re.sub(r'\bcontent="[^"]*"', 'content=""', text)
            hit = executable.search(unquoted) or script_url.search(text)
            assert hit is None, f"{path}: {hit.string[max(0, hit.start() - 80): hit.end() + 40]}"
            checked += 1
    assert checked >= 10
    # indexed as text (Pagefind's excerpts escape it; the search worker escapes the titles)
    assert any("<script>alert(9)</script>" in page["content"] for page in fragments(root / "site"))
    # JSON-LD: one script element whose JSON holds the title as data, with no '<' to close the element early
    page = next((root / "site" / "articles").glob("script-alert*/index.html")).read_text(encoding="utf-8")
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert "<" not in ld and json.loads(ld)["headline"].startswith("<script>alert('t')</script> Redcliff")
    assert json.loads(ld)["author"]["name"] == "</script><script>alert(4)</script>"


def test_strict_build_and_broken_template_leave_the_previous_site_exactly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    site = root / "site"
    assert build_site(root / "content", site, mkdocs_file=root / "mkdocs.yml") == 0
    before = tree_hashes(site)
    (root / "content" / "mourns.txt").write_text(UNDATED, encoding="utf-8")  # a warning
    assert build_site(root / "content", site, strict=True, mkdocs_file=root / "mkdocs.yml") == 1
    assert tree_hashes(site) == before
    templates = root / "templates"
    (templates / "timeline.md.j2").write_text("{% for x in %}broken\n", encoding="utf-8")
    assert build_site(root / "content", site, mkdocs_file=root / "mkdocs.yml", templates=templates) == 1
    err = capsys.readouterr().err
    assert re.search(r"timeline\.md\.j2:1: error: template error: TemplateSyntaxError", err), err
    assert tree_hashes(site) == before
    assert not list(root.glob(".build-*")) and not (root / "site.old").exists()


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    root = project(tmp_path, {"blast.md": BLAST, "mourns.txt": UNDATED})
    build_site(root / "content", root / "one", mkdocs_file=root / "mkdocs.yml")
    build_site(root / "content", root / "two", mkdocs_file=root / "mkdocs.yml")
    one, two = tree_hashes(root / "one"), tree_hashes(root / "two")
    assert one == two and len(one) > 10


class _Terminal:
    """A stream that says it is a terminal and keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only_and_clears_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site.progress import Progress

    monkeypatch.delenv("CI", raising=False)
    term = _Terminal()
    bar = Progress(term, delay=0.0)
    bar.update("analysing articles", 1, 4)
    bar.update("analysing articles", 4, 4)
    assert "\ranalysing articles [" in term.text and "] 4/4" in term.text
    assert "#" * 30 in term.text
    bar.clear()
    assert term.text.endswith("\r\x1b[K")
    monkeypatch.setenv("CI", "true")  # a CI log keeps every redraw: no bar there
    quiet = _Terminal()
    Progress(quiet, delay=0.0).update("analysing articles", 1, 1)
    assert quiet.text == ""
    piped = io.StringIO()
    monkeypatch.delenv("CI")
    Progress(piped, delay=0.0).update("analysing articles", 1, 1)
    assert piped.getvalue() == ""
