"""The data exports written by a second process beside MkDocs (generator/site/sidecar.py): the same bytes as the
build's own process writes, a failure that fails the build with its reason, and no process left behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.site.export import Writable
from generator.site.packed import Deferred, PackedFile
from generator.site.sidecar import Sidecar, SidecarFailed

REPO = Path(__file__).resolve().parent.parent
forking = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sidecar forks on Linux only")


def _config(site: Path) -> SimpleNamespace:
    return SimpleNamespace(site_dir=str(site), use_directory_urls=True,
                           plugins=SimpleNamespace(_current_plugin=None))


def _file(site: Path, rel: str, *pieces: str, fail: str = "", sleep: float = 0.0) -> PackedFile:
    def write(out: Writable) -> None:
        for piece in pieces:
            out.write(piece)
        time.sleep(sleep)
        if fail:
            raise ValueError(fail)

    return PackedFile.of(_config(site), rel, Deferred(write))


@pytest.fixture(autouse=True)
def _two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_WORKERS", "2")  # whatever this machine's cores


@forking
def test_the_child_writes_the_files_and_the_build_copies_none(tmp_path: Path) -> None:
    files = [_file(tmp_path, "data/a.json", '{"a":', "1}\n"), _file(tmp_path, "data/b.csv", "x,y\n", "é,🙂\n")]
    sidecar = Sidecar.start(files)
    assert sidecar is not None and all(f.elsewhere for f in files)
    for f in files:  # as MkDocs copies the static files meanwhile: nothing written twice
        f.copy_file()
    sidecar.wait()
    assert (tmp_path / "data" / "a.json").read_text(encoding="utf-8") == '{"a":1}\n'
    assert (tmp_path / "data" / "b.csv").read_bytes() == "x,y\né,🙂\n".encode()


def test_without_a_second_process_the_files_are_written_as_mkdocs_copies_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_WORKERS", "1")
    files = [_file(tmp_path, "data/a.json", "[1]\n")]
    assert Sidecar.start(files) is None and not files[0].elsewhere
    files[0].copy_file()
    assert (tmp_path / "data" / "a.json").read_text() == "[1]\n"


def test_nothing_to_write_starts_nothing(tmp_path: Path) -> None:
    plain = PackedFile.of(_config(tmp_path), "assets/x.css", "a{}")
    assert Sidecar.start([]) is None and Sidecar.start([plain]) is None


@forking
def test_a_failing_export_fails_with_its_traceback(tmp_path: Path) -> None:
    sidecar = Sidecar.start([_file(tmp_path, "data/a.json", "[", fail="no figure for row 7")])
    assert sidecar is not None
    with pytest.raises(SidecarFailed, match=r"(?s)writing data/a\.json failed \(exit status 1\).*ValueError: no "
                                            r"figure for row 7"):
        sidecar.wait()


@forking
def test_stopping_ends_the_child_at_once(tmp_path: Path) -> None:
    sidecar = Sidecar.start([_file(tmp_path, "data/a.json", "[", sleep=60)])
    assert sidecar is not None
    started = time.monotonic()
    sidecar.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(sidecar.pid, os.WNOHANG)


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_site_is_the_same_with_the_sidecar_and_without(tmp_path: Path) -> None:
    """The demo content built twice, with the exports written beside MkDocs and in the build's own process."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    trees = []
    for workers in ("2", "1"):
        env = {**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
               "TIMELINE_WORKERS": workers, "TIMELINE_CACHE": "off"}
        site = tmp_path / f"site-{workers}"
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(tmp_path / "content"),
                                 "--site-dir", str(site), "-q"], cwd=REPO, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        trees.append(_tree(site))
    assert {"data/timeline.json", "data/claims.csv", "data/claims.json"} <= set(trees[0])
    assert trees[0] == trees[1]


@forking
@pytest.mark.slow
def test_a_build_whose_export_fails_says_so_and_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli

    def broken(t: object, out: Writable) -> None:
        out.write("event_id,")
        raise RuntimeError("a claim without an event")

    monkeypatch.setattr("generator.site.render.write_csv", broken)  # the child is a fork: it has the patch too
    monkeypatch.setenv("TIMELINE_CACHE", "off")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.copytree(REPO / "content", tmp_path / "content")
    assert cli.main(["build", "--content", str(tmp_path / "content"), "--site-dir", str(tmp_path / "site")]) != 0
    err = capsys.readouterr().err
    assert "the data exports could not be written" in err and "a claim without an event" in err, err
    assert not (tmp_path / "site").exists()
    with pytest.raises(ChildProcessError):  # the child was waited for
        os.waitpid(-1, os.WNOHANG)
