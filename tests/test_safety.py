"""Nothing an article, a file name or a flag can do may destroy data, run script, or take the site down.

One test (or table row) per finding of the attack on the build, each with inputs of our own making; the
README's "Safety" section lists what each guarantees. The texts are invented: the town of Redcliff.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import cli, escape, yamlsafe
from generator.config import load_config
from generator.diagnostics import Code, print_diagnostics
from generator.inputs.files import walk_content
from generator.models import Article, Diagnostic, Location, Timeline
from generator.pipeline import make_timeline
from generator.site import output
from generator.site.build import build_site
from generator.site.hooks import content_epoch
from tests.test_editors import BLAST, project, tree_hashes

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
SECRET = "TOKEN-6b1f-do-not-publish"


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([PY, "-m", "generator", *args], cwd=cwd or REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".md", ".txt"))


# --- 1. the output folder is ours or untouched ------------------------------------------------------

@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return project(tmp_path, {"blast.md": BLAST})


def _build(root: Path, site: Path | str, *extra: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run("build", "--content", str(root / "content"), "--site-dir", str(site),
               "--config", str(root / "mkdocs.yml"), *extra, cwd=cwd)


@pytest.mark.parametrize("target", ["content", ".", "", "parent", "home", "git", "foreign", "devnull", "file",
                                    "inside-content", "link"])
def test_a_site_dir_that_is_not_ours_is_refused_and_left_alone(proj: Path, target: str) -> None:
    (proj / ".git").mkdir()  # the project is a git work tree
    (proj / "notes").mkdir()
    (proj / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    (proj / "repo" / ".git").mkdir(parents=True)
    (proj / "plain.txt").write_text("mine", encoding="utf-8")
    os.symlink(proj / "notes", proj / "notes-link")
    cwd = proj
    home = proj / "home"
    home.mkdir()
    site = {"content": str(proj / "content"), ".": ".", "": "", "parent": str(proj), "home": str(home),
            "git": str(proj / "repo"), "foreign": str(proj / "notes"), "devnull": "/dev/null",
            "file": str(proj / "plain.txt"), "inside-content": str(proj / "content" / "site"),
            "link": str(proj / "notes-link")}[target]
    before = tree_hashes(proj)
    env_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        result = _build(proj, site, cwd=cwd)
    finally:
        if env_home is not None:
            os.environ["HOME"] = env_home
    assert result.returncode == 2, result.stderr
    assert "error: --site-dir:" in result.stderr and "nothing was built" in result.stderr
    assert tree_hashes(proj) == before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("folder", ["/", "/root", "/home", "/etc"])
def test_system_folders_are_refused_by_the_check_itself(tmp_path: Path, folder: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    if folder == "/etc":  # not home nor root: refused because it is not empty and holds no marker
        with pytest.raises(output.OutputRefused, match="no .timeline-site marker"):
            output.check_site_dir(Path(folder), content, tmp_path)
        return
    home = os.environ.get("HOME", "")
    os.environ["HOME"] = "/root" if folder != "/home" else "/home/editor"
    try:
        with pytest.raises(output.OutputRefused):
            output.check_site_dir(Path(folder), content, tmp_path)
    finally:
        os.environ["HOME"] = home


def test_a_site_with_the_marker_an_empty_folder_or_a_new_one_is_replaced(proj: Path) -> None:
    for name in ("fresh", "empty"):
        if name == "empty":
            (proj / name).mkdir()
        assert _build(proj, proj / name).returncode == 0
        assert (proj / name / output.MARKER).is_file() and (proj / name / "index.html").is_file()
    (proj / "fresh" / "stray.html").write_text("old", encoding="utf-8")
    assert _build(proj, proj / "fresh").returncode == 0
    assert not (proj / "fresh" / "stray.html").exists()  # a site of ours is replaced as a whole


def test_a_sibling_old_folder_and_other_work_folders_are_not_touched(proj: Path) -> None:
    (proj / "site.old").mkdir()
    (proj / "site.old" / "keep.txt").write_text("mine", encoding="utf-8")
    (proj / ".build-notes").mkdir()  # a hidden folder of the editor's with a similar name
    assert _build(proj, proj / "site").returncode == 0
    assert _build(proj, proj / "site").returncode == 0
    assert (proj / "site.old" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (proj / ".build-notes").is_dir()


def test_work_folders_of_a_killed_build_are_removed_by_the_next(proj: Path) -> None:
    stale = output.make_work_dir(proj / "site")  # what a build killed mid-way leaves
    (stale / "site").mkdir()
    assert _build(proj, proj / "site").returncode == 0
    assert not stale.exists()
    assert not list(proj.glob(".build-site-*"))


def test_the_swap_is_one_exchange_and_the_site_never_disappears(proj: Path) -> None:
    site = proj / "site"
    assert build_site(proj / "content", site, mkdocs_file=proj / "mkdocs.yml") == 0
    missing: list[float] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not (site / "index.html").exists():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            assert build_site(proj / "content", site, mkdocs_file=proj / "mkdocs.yml") == 0
    finally:
        stop.set()
        watcher.join()
    assert not missing, f"no site at {len(missing)} moments"


def test_swap_in_exchanges_an_existing_folder(tmp_path: Path) -> None:
    new, target = tmp_path / "new", tmp_path / "target"
    new.mkdir()
    target.mkdir()
    (new / "n").write_text("new", encoding="utf-8")
    (target / "o").write_text("old", encoding="utf-8")
    old = output.swap_in(new, target)
    assert old == new and (target / "n").exists() and (new / "o").exists()


def test_a_second_build_waits_for_the_lock_or_fails_clearly(proj: Path) -> None:
    site = proj / "site"
    lock = proj / ".site.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(output.OutputRefused, match="another build"), output.site_lock(site, wait=0.3):
            pass
    finally:
        os.close(fd)
    with output.site_lock(site, wait=0.3):  # free again
        pass


def test_concurrent_builds_all_succeed_and_leave_one_whole_site(proj: Path) -> None:
    procs = [subprocess.Popen([PY, "-m", "generator", "build", "--content", str(proj / "content"), "--site-dir",
                               str(proj / "site"), "--config", str(proj / "mkdocs.yml")], cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert (proj / "site" / "index.html").is_file() and (proj / "site" / output.MARKER).is_file()
    assert not list(proj.glob(".build-site-*"))


def test_plain_mkdocs_build_refuses_a_foreign_site_dir_and_marks_its_own(proj: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    (proj / "site").mkdir()
    (proj / "site" / "keep.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run([str(mkdocs), "build", "-q"], cwd=proj, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and (proj / "site" / "keep.txt").exists(), result.stderr
    assert "no .timeline-site marker" in result.stderr
    shutil.rmtree(proj / "site")
    result = subprocess.run([str(mkdocs), "build", "-q"], cwd=proj, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (proj / "site" / output.MARKER).is_file()


# --- 2. escaping by context -------------------------------------------------------------------------

MARKDOWN_PAYLOADS = [
    "![x](y.png){: onerror=\"alert(1)\" }",
    "[click](javascript:alert(2))",
    "[other](other.md)",
    "<img src=x onerror=alert(3)>",
    "`code` *em* _em_ {: onclick=alert(4)}",
    "| a | b |",
]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
@pytest.mark.parametrize("fn", [escape.md, escape.code, escape.cell], ids=["md", "code", "cell"])
def test_md_code_and_cell_leave_no_markdown_or_html_alive(payload: str, fn: object) -> None:
    import markdown

    html_out = markdown.markdown(fn(payload), extensions=["attr_list", "tables"])  # type: ignore[operator]
    tags = re.findall(r"<[^>]+>", html_out)
    assert all(re.fullmatch(r"</?(p|code)>", t) for t in tags), (payload, html_out)
    assert html_out.count("alert") == payload.count("alert")  # shown as text, not dropped


def test_file_names_with_markdown_are_text_on_every_page(tmp_path: Path) -> None:
    names = ["![x](y){: onerror=alert(1)}.md", "[go](javascript:alert(2)).md", "see [a](other.md) too.md"]
    root = project(tmp_path, {n: BLAST.replace("Five killed", f"Report {i}").replace("Five people", f"{i + 3} people")
                              for i, n in enumerate(names)})
    result = run("build", "--content", str(root / "content"), "--site-dir", str(root / "site"),
                 "--config", str(root / "mkdocs.yml"), "--strict")
    assert result.returncode == 0, result.stderr  # strict: no MkDocs warning from a link in a file name
    for page in (root / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<img[^>]*onerror|href=\"javascript:|<a [^>]*href=\"[^\"]*other", text), page
    pages = "".join(p.read_text(encoding="utf-8") for p in (root / "site" / "articles").rglob("index.html"))
    for name in names:  # each file name shown as it is, on its article page ("File:")
        assert f"<code>{name}</code>" in pages.replace("&quot;", '"'), name


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("  =1", "'  =1"),
    ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"), ("＋1", "'＋1"), ("dead", "dead"), ("3-day", "3-day"),
])
def test_csv_text_never_lets_a_spreadsheet_run_a_cell(value: str, expected: str) -> None:
    assert escape.csv_text(value) == expected


def test_curated_and_corrected_categories_reach_claims_csv_quoted(tmp_path: Path) -> None:
    article = ("---\ntitle: Blast\ndate: 2026-02-01\nevents:\n  - title: Blast\n    date: 2026-01-31\n"
               "    claims:\n      - {claimant: Police, category: '=HYPERLINK(\"http://x\",\"y\")', quantity: 5}\n"
               "---\n\nFive people were killed in a blast on Saturday, police said.\n")
    root = project(tmp_path, {"blast.md": article})
    t = make_timeline(root / "content")
    claim_id = next(c.id for a in t.articles for c in a.claims if c.category == "dead")
    (root / "content" / "review.yml").write_text(
        f"- claim: {claim_id}\n  decision: correct\n  category: '＋cmd|calc'\n", encoding="utf-8")
    from generator.site.export import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv(make_timeline(root / "content")))))
    categories = {r["category"] for r in rows}
    assert "'=hyperlink(\"http://x\",\"y\")" in categories and "'＋cmd|calc" in categories, categories
    for r in rows:
        for value in r.values():
            assert value[:1] not in "=+-@＝＋－＠\t" or value == "", r


def test_terminal_escapes_in_content_are_shown_not_obeyed(tmp_path: Path) -> None:
    d = Diagnostic(Location("content/\x1b[2Jx.md", 3), "warning", "cannot read the date '\x1b]0;pwned\x07\u202e'",
                   Code.DATE_UNREADABLE)
    out = io.StringIO()
    print_diagnostics([d], stream=out)
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text and "\\u202e" in text


def test_a_title_with_surrogate_escapes_makes_a_readable_page(tmp_path: Path) -> None:
    article = ('---\ntitle: "Rescue \\ud83d\\ude00 done \\ud800"\ndate: 2026-02-01\n---\n\n'
               "Twelve people were rescued on Saturday, police said.\n")
    root = project(tmp_path, {"rescue.md": article})
    assert build_site(root / "content", root / "site", mkdocs_file=root / "mkdocs.yml") == 0
    page = next((root / "site" / "articles").glob("rescue*/index.html")).read_text(encoding="utf-8")
    assert "Rescue 😀 done \ufffd" in page


# --- 3. the content folder is a boundary ------------------------------------------------------------

def test_symlinks_out_of_the_content_folder_are_not_followed(tmp_path: Path) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n",
                                          encoding="utf-8")
    os.symlink("../.git/config", root / "content" / "notes.txt")
    os.symlink("/etc/passwd", root / "content" / "passwd.txt")
    os.symlink(root / ".git", root / "content" / "gitdir")
    os.symlink("/nonexistent/target", root / "content" / "broken.md")
    result = _build(root, root / "site")
    assert result.returncode == 0, result.stderr
    text = site_text(root / "site")
    assert SECRET not in text and "root:x:0:0" not in text
    for name in ("notes.txt", "passwd.txt", "gitdir", "broken.md"):
        assert f"content/{name}:1: warning: symbolic link, not followed" in result.stderr, name


def test_folder_loops_cannot_hang_the_build(tmp_path: Path) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    (root / "content" / "sub").mkdir()
    os.symlink("..", root / "content" / "sub" / "up")
    os.symlink("/", root / "content" / "root")
    (root / "timeline.yml").write_text("symlinks: inside\n", encoding="utf-8")
    result = _build(root, root / "site")  # run() has a timeout: a hang fails the test
    assert result.returncode == 0, result.stderr
    assert "content/sub/up:1: warning: symbolic link to a folder already read (or a loop); skipped" in result.stderr
    assert "content/root:1: warning: symbolic link to a place outside the content folder" in result.stderr
    assert "root:x:0:0" not in site_text(root / "site")
    mkdocs = Path(sys.executable).parent / "mkdocs"  # plain MkDocs reads only the generated pages, never the loop
    plain = subprocess.run([str(mkdocs), "build", "-q", "-d", str(root / "plain")], cwd=root, capture_output=True,
                           text=True, timeout=300)
    assert plain.returncode == 0 and (root / "plain" / "index.html").is_file(), plain.stderr


def test_links_inside_the_folder_are_followed_only_when_allowed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "real").mkdir(parents=True)
    (content / "real" / "a.md").write_text(BLAST, encoding="utf-8")
    os.symlink("real", content / "alias")
    files, diags = walk_content(content)
    assert [p.relative_to(content).as_posix() for p in files] == ["real/a.md"]
    assert [d.location.path for d in diags] == ["content/alias"]
    os.symlink("real/a.md", content / "b.md")
    files, diags = walk_content(content, "inside")
    assert [p.relative_to(content).as_posix() for p in files] == ["real/a.md"]  # one folder, once, by its name
    assert {d.location.path: d.message for d in diags} == {
        "content/alias": "symbolic link to a folder already read (or a loop); skipped",
        "content/b.md": "symbolic link to a file already read (or a loop); skipped"}


def test_pipes_and_unreadable_folders_are_reported_not_skipped_silently(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    (content / "locked").mkdir(parents=True)
    (content / "a.md").write_text(BLAST, encoding="utf-8")
    os.mkfifo(content / "pipe.md")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    files, diags = walk_content(content)
    assert [p.name for p in files] == ["a.md"]
    found = {d.location.path: (d.level, d.message) for d in diags}
    assert found["content/pipe.md"][0] == "warning" and "not a regular file" in found["content/pipe.md"][1]
    assert found["content/locked"][0] == "error" and "Permission denied" in found["content/locked"][1]


def test_an_unreadable_content_folder_is_exit_2_and_keeps_the_site(proj: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    site = proj / "site"
    assert build_site(proj / "content", site, mkdocs_file=proj / "mkdocs.yml") == 0
    before = tree_hashes(site)
    real_scandir = os.scandir
    content = str(proj / "content")

    def scandir(path: object = ".") -> object:
        if str(path) == content:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    assert build_site(proj / "content", site, mkdocs_file=proj / "mkdocs.yml") == 2
    assert "cannot read the content folder: Permission denied; nothing was built" in capsys.readouterr().err
    assert tree_hashes(site) == before
    assert cli.main(["check", "--content", content]) == 2
    assert cli.main(["export", "--content", content, "-o", str(proj / "x.json")]) == 2
    assert not (proj / "x.json").exists()


def test_export_that_cannot_write_leaves_no_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(BLAST, encoding="utf-8")
    (tmp_path / "out").mkdir()
    assert cli.main(["export", "--content", str(tmp_path / "content"), "-o", str(tmp_path / "out")]) == 2
    assert cli.main(["export", "--content", str(tmp_path / "content"), "-o", str(tmp_path / "no" / "x.json")]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == [] and not (tmp_path / "no").exists()
    target = tmp_path / "t.json"
    target.write_text("previous", encoding="utf-8")
    assert cli.main(["export", "--content", str(tmp_path / "content"), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["articles"][0]["title"]


# --- 4. bounded YAML ----------------------------------------------------------------------------------

BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)])
YAML_ATTACKS = {
    "alias bomb": BOMB,
    "recursive alias": "tags: &a [*a]",
    "nested 500": "tags: " + "[" * 500 + "]" * 500,
    "nested 30000": "tags: " + "[" * 30000 + "]" * 30000,
    "mapping nest": "tags: " + "{a: " * 400 + "1" + "}" * 400,
    "too many aliases": "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(200)),
    "python tag": "tags: !!python/object/apply:os.system ['true']",
}


@pytest.mark.parametrize("name", sorted(YAML_ATTACKS))
def test_bounded_yaml_refuses_with_a_line(name: str) -> None:
    with pytest.raises(yaml_error()) as info:
        yamlsafe.load(YAML_ATTACKS[name])
    assert yamlsafe.error_line(info.value) >= 1


def yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError


@pytest.mark.parametrize("name", sorted(YAML_ATTACKS))
def test_yaml_attacks_in_every_file_are_diagnostics_and_the_build_goes_on(tmp_path: Path, name: str) -> None:
    attack = YAML_ATTACKS[name]
    front = f"---\ntitle: Bomb\ndate: 2026-02-01\n{attack}\n---\n\nSeven people were killed on Saturday.\n"
    root = project(tmp_path, {"blast.md": BLAST, "bomb.md": front})
    (root / "content" / "review.yml").write_text(attack + "\n", encoding="utf-8")
    (root / "content" / "actors.yml").write_text(attack + "\n", encoding="utf-8")
    (root / "timeline.yml").write_text(attack + "\n", encoding="utf-8")
    for command in (["check"], ["export", "-o", str(root / "t.json")]):
        result = run(*command, "--content", str(root / "content"), "--config", str(root / "mkdocs.yml"))
        assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr[-2000:]
        assert re.search(r"content/bomb\.md:\d+: error: (front matter over a limit|malformed YAML)", result.stderr)
        assert re.search(r"content/review\.yml:\d+: error", result.stderr)
        assert re.search(r"content/actors\.yml:\d+: (error|warning)", result.stderr)
        assert re.search(r"timeline\.yml:\d+: (error|warning)", result.stderr)
    assert (root / "t.json").stat().st_size < 200_000
    result = _build(root, root / "site")
    assert result.returncode == 1 and len(list((root / "site" / "articles").glob("*/index.html"))) == 2
    clip = root / "clip.txt"
    clip.write_text(front, encoding="utf-8")
    result = run("import", str(clip), "--into", str(root / "inbox"))
    assert "Traceback" not in result.stderr, result.stderr


# --- 5. one value never takes down the site --------------------------------------------------------

def test_a_publication_date_after_2106_builds(tmp_path: Path) -> None:
    late = BLAST.replace("date: 2026-02-01", "date: 2107-03-01")
    root = project(tmp_path, {"blast.md": BLAST, "late.md": late.replace("Five killed", "Late report")})
    result = _build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert "publication date 2107-03-01 is in the future" in result.stderr


@pytest.mark.parametrize("published, epoch", [
    ("2107-03-01", 4133894400), ("1955-01-01", 0), ("2026-02-01", 1769904000), (None, 0)])
def test_source_date_epoch_is_clamped(published: str | None, epoch: int) -> None:
    a = Article(id="a", path="a.md", location=Location("a.md"), title="t", body="", body_line=1,
                published=published, published_day=published)
    assert content_epoch(Timeline("t", "d", [a], [], [])) == epoch


def test_a_file_name_that_is_not_utf8_builds(tmp_path: Path) -> None:
    root = project(tmp_path, {"blast.md": BLAST})
    (root / "content").joinpath(os.fsdecode(b"caf\xe9-report.md")).write_text(
        BLAST.replace("Five killed", "Cafe report").replace("Five people", "Two people"), encoding="utf-8")
    result = _build(root, root / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert "caf\ufffd-report.md" in (root / "site" / "report" / "index.html").read_text(encoding="utf-8") or \
        "caf\ufffd-report.md" in json.loads((root / "site" / "data" / "timeline.json").read_text())["articles"][
            0]["path"] + json.loads((root / "site" / "data" / "timeline.json").read_text())["articles"][1]["path"]


@pytest.mark.parametrize("settings, line, words", [
    ("furniture: [2024-02-30]\n", None, None),  # a bad date is the text written: a furniture line
    ("furniture: 5\n", 1, "furniture must be a list"),
    ("categories:\n  - {name: boats, outcome: sunk, words: [boat]}\n", 2, "unknown outcome 'sunk'"),
    ("categories:\n  - {name: boats, outcome: killed}\n", 2, "missing: words"),
    ("max_file_bytes: 2026-01-01 10:00:00 +99:00\n", 1, "max_file_bytes must be a whole number"),
    ("max_file_bytes: -5\n", 1, "max_file_bytes must be a whole number"),
    ("max_file_bytes: 99999999999999999999999\n", 1, "max_file_bytes must be a whole number"),
    ("actors:\n  Police: {a: 1}\n", 2, "must be a list"),
    ("symlinks: always\n", 1, "symlinks must be one of"),
    ("colour: red\n", 1, "unknown setting 'colour'"),
    ("- a list\n", 1, "settings must be a mapping"),
    ("furniture: [ok\n", 1, "cannot read settings"),
])
def test_timeline_yml_mistakes_are_diagnostics_at_their_line(tmp_path: Path, settings: str, line: int | None,
                                                             words: str | None) -> None:
    path = tmp_path / "timeline.yml"
    path.write_text(settings, encoding="utf-8")
    config, diags = load_config(path)
    if words is None:
        assert not diags
        return
    assert any(d.location == Location("timeline.yml", line) and words in d.message for d in diags), diags


def test_timeline_yml_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "timeline.yml"
    path.write_bytes(b"furniture:\n  - Caf\xe9 menu\n")
    config, diags = load_config(path)
    assert "caf\ufffd menu" in config.furniture
    assert diags[0].location == Location("timeline.yml", 2) and "not valid UTF-8" in diags[0].message


@pytest.mark.parametrize("date_line", ["date: 2024-02-30", "date: 2026-01-31 25:00:00", "date: [1, 2]",
                                       "date: 2026-01-01 10:00:00 +99:00"])
def test_one_bad_typed_value_drops_only_its_field(tmp_path: Path, date_line: str) -> None:
    from generator.config import Config
    from generator.inputs.reader import parse_article

    text = (f"---\ntitle: Ferry sinks\n{date_line}\nsource: Harbour Post\nurl: https://example.org/ferry\n"
            "events:\n  - title: Ferry sinks\n    date: 2026-01-31\n---\n\nThe ferry sank on Saturday.\n")
    article, diags = parse_article(text.encode(), "content/f.md", "f.md", Config())
    assert article is not None
    assert (article.title, article.source, article.url) == ("Ferry sinks", "Harbour Post", "https://example.org/ferry")
    assert len(article.curated_events) == 1 and article.published is None
    assert any(d.location.line == 3 and "cannot read the date" in d.message for d in diags), diags


def test_a_field_of_the_wrong_type_drops_only_that_field() -> None:
    from generator.config import Config
    from generator.inputs.reader import parse_article

    text = "---\ntitle: Ferry sinks\nsource: [a, b]\nauthor: {x: 1}\ndate: 2026-02-01\n---\n\nText here.\n"
    article, diags = parse_article(text.encode(), "content/f.md", "f.md", Config())
    assert article is not None and article.title == "Ferry sinks" and article.published == "2026-02-01"
    assert article.source is None and article.author is None
    assert {d.location.line for d in diags if "must be text" in d.message} == {3, 4}


# --- 9. output does not depend on where the build runs ---------------------------------------------

def test_output_is_the_same_from_any_working_directory_and_names_no_local_path(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    root = project(tmp_path / "p", {"blast.md": BLAST})
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    assert _build(root, root / "one", cwd=root).returncode == 0
    assert _build(root, root / "two", cwd=elsewhere).returncode == 0
    assert tree_hashes(root / "one") == tree_hashes(root / "two")
    for page in (root / "one").rglob("*"):
        if page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            assert str(tmp_path) not in text and "/p/content" not in text, page


@pytest.mark.parametrize("sentence, expected", [
    ("Officials said 10^30 militants were killed on Saturday.", []),
    ("Police said 2*6 people died on Saturday.", []),
    ("Police said 1e30 people died on Saturday.", []),
    ("Police said 12 people died on Saturday.", [(12, "dead")]),
])
def test_exponents_and_products_are_not_counts(tmp_path: Path, sentence: str, expected: list[tuple[int, str]]) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: T\ndate: 2026-02-01\n---\n\n{sentence}\n", encoding="utf-8")
    t = make_timeline(tmp_path)
    assert [(c.quantity, c.category) for a in t.articles for c in a.claims] == expected


@pytest.mark.parametrize("category", ["{% raw %}", "{n.__class__}", "{: onclick=x}", "{0}", "{}"])
def test_a_curated_category_is_text_never_a_format_string(tmp_path: Path, category: str) -> None:
    article = (f"---\ntitle: Blast\ndate: 2026-02-01\nevents:\n  - title: Blast\n    date: 2026-01-31\n"
               f"    claims:\n      - {{claimant: Police, category: {json.dumps(category)}, quantity: 5}}\n---\n\n"
               "The market was closed on Saturday.\n")
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    t = make_timeline(tmp_path)
    assert not [d for d in t.diagnostics if "internal error" in d.message]
    assert [r.category for e in t.events for r in e.rows] == [category.lower()]
