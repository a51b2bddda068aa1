"""The command line's shared options: --version, and -q / -v on every command (generator/cli.py,
generator/verbosity.py)."""

from __future__ import annotations

import io
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import generator
from generator.cli import main, make_parser, version
from tests.conftest import ArticleWriter

COMMANDS = {  # each command with the arguments it needs besides -q / -v
    "build": ["--site-dir", "out"], "pages": ["--out", "out"], "check": [], "export": [],
    "import": ["clip.txt"], "review": ["--update"], "dates": [],
}
DIAG = re.compile(r"^.+:\d+: (error|warning|info): ", re.M)
BODY = ("The ferry from Port Amber to Eastport sailed again on Monday after three days in harbour, and the harbour "
        "master Tilde Okonkwo said 14 boats had been stuck at the quay.")


def test_every_command_is_in_the_table() -> None:
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flags, quiet, verbose", [
    ([], False, False), (["-q"], True, False), (["--quiet"], True, False), (["-v"], False, True),
    (["--verbose"], False, True),
])
def test_every_command_takes_q_and_v(command: str, flags: list[str], quiet: bool, verbose: bool) -> None:
    args = make_parser().parse_args([command, *COMMANDS[command], *flags])
    assert (args.quiet, args.verbose) == (quiet, verbose)


@pytest.mark.parametrize("command", COMMANDS)
def test_q_and_v_exclude_each_other(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        make_parser().parse_args([command, *COMMANDS[command], "-q", "-v"])
    assert exc.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    try:
        expected = metadata.version("timeline-generator")
    except metadata.PackageNotFoundError:
        expected = generator.__version__
    assert out == f"timeline-generator {expected}\n" == f"timeline-generator {version()}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", expected)


@pytest.fixture
def content(write_article: ArticleWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One good article, one without a date (a warning) and one with page furniture removed (a note)."""
    monkeypatch.setenv("TIMELINE_PARSER", "off")  # the rules alone: quicker, and the levels are the same
    write_article("content/ferry.md", BODY, title="Ferry back in service", date="2026-01-12")
    write_article("content/undated.md", BODY.replace("14", "15"), title="Ferry crews count the cost")
    write_article("content/furniture.md", BODY.replace("14", "16") + "\n\nShare this:\n",
                  title="Quay reopens", date="2026-01-13")
    return tmp_path / "content"


def levels(err: str) -> set[str]:
    return set(DIAG.findall(err))


@pytest.mark.parametrize("flags, shown, summary, stages", [
    ([], {"warning"}, True, False),
    (["-q"], set(), False, False),
    (["-v"], {"warning", "info"}, True, True),
])
def test_check_says_as_much_as_asked(content: Path, flags: list[str], shown: set[str], summary: bool, stages: bool,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content), *flags]) == 0
    err = capsys.readouterr().err
    assert levels(err) == shown
    assert ("checked " in err) == summary
    assert all((f"{stage}: " in err) == stages for stage in ("reading articles", "analysing articles",
                                                              "rendering pages"))


@pytest.mark.parametrize("flags", [[], ["-q"], ["-v"]])
def test_errors_are_said_at_every_level(content: Path, flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (content / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    assert main(["check", "--content", str(content), *flags]) == 1
    err = capsys.readouterr().err
    assert "error" in levels(err)
    if flags == ["-q"]:
        assert levels(err) == {"error"} and "checked " not in err


@pytest.mark.parametrize("flags, summary", [([], True), (["-q"], False), (["-v"], True)])
def test_import_summary_follows_the_level(tmp_path: Path, flags: list[str], summary: bool,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text(f"Ferry back in service\n\n{BODY}\n", encoding="utf-8")
    main(["import", str(clip), "--into", str(tmp_path / "content"), *flags])
    assert ("imported 1 of 1 files" in capsys.readouterr().err) == summary
    assert len(list((tmp_path / "content").iterdir())) == 1


@pytest.mark.parametrize("flags, detail", [([], False), (["-q"], False), (["-v"], True)])
def test_dates_says_what_it_read_under_v(flags: list[str], detail: bool, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("The ferry sailed on 12 January 2026 and again a week later."))
    assert main(["dates", "--dct", "2026-01-20", *flags]) == 0
    captured = capsys.readouterr()
    assert '"value": "2026-01-12"' in captured.out  # the data itself never depends on the level
    assert ("dates: 2 temporal expressions" in captured.err) == detail


def test_the_package_version_is_the_project_version() -> None:
    """--version falls back to generator.__version__ in a checkout that was never installed: keep it in step."""
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == generator.__version__
