"""Command line: `python -m generator build|export|dates`."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.config import load_config
from generator.dates import tag
from generator.diagnostics import failed, print_diagnostics
from generator.escape import terminal
from generator.inputs.files import ContentUnreadable
from generator.site.build import build_site, check_content, content_missing
from generator.site.export import to_json
from generator.site.generate import PROJECT, load_timeline


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Build a timeline and sourced-claims site from news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    # The options build, check and export share, declared once.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=Path("content"), help="folder of articles (default: content)")
    common.add_argument("--config", type=Path, default=PROJECT / "mkdocs.yml", help="MkDocs configuration file")
    common.add_argument("-v", "--verbose", action="store_true", help="also print notes (info diagnostics)")

    b = sub.add_parser("build", parents=[common], help="generate the pages and build the site with MkDocs",
                       description="Read articles, generate pages and build the static site.")
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site)")
    b.add_argument("--strict", action="store_true", help="fail on warnings (and keep the previous site)")

    e = sub.add_parser("export", parents=[common], help="write the timeline JSON without building the site",
                       description="Read articles and write the timeline export (JSON) for any folder.")
    e.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    e.add_argument("--strict", action="store_true", help="exit 1 on warnings")

    c = sub.add_parser("check", parents=[common], help="validate the content without building the site",
                       description="Read and analyse every article, render the pages in memory and report problems "
                                   "as path:line: level: message; under GitHub Actions also as annotations.")
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    i = sub.add_parser("import", help="turn raw clippings into front-matter articles",
                       description="Turn plain-text clippings and saved web pages (.html, .htm) into front-matter "
                                   "articles in the content folder. Never overwrites an existing file; reports what "
                                   "it could not find.")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="clipping files (plain text) or saved web pages (.html, .htm)")
    i.add_argument("--into", type=Path, default=Path("content"), help="content folder to write to (default: content)")
    i.add_argument("--config", type=Path, default=PROJECT / "mkdocs.yml", help="MkDocs configuration file")

    d = sub.add_parser("dates", help="show how the date expressions of a text are read",
                       description="Read text on standard input; print one JSON object per temporal expression.")
    d.add_argument("--dct", help="publication date YYYY-MM-DD that relative dates resolve against")
    d.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                   help='read lines {"doc", "dct", "text"} from FILE and write one line per doc '
                        '{"doc", "timexes": [...]} instead of reading standard input')

    args = parser.parse_args(argv)
    if args.command == "build":
        return build_site(args.content, args.site_dir, strict=args.strict, mkdocs_file=args.config,
                          verbose=args.verbose)
    if args.command == "export":
        return _export(args)
    if args.command == "check":
        return check_content(args.content, args.config, strict=args.strict, verbose=args.verbose)
    if args.command == "import":
        from generator.inputs.importer import import_files
        config, diags = load_config(args.config.parent / "timeline.yml")
        print_diagnostics(diags)
        return import_files(args.files, args.into, config)
    return _dates(args)


def _export(args: argparse.Namespace) -> int:
    if content_missing(args.content):
        return 2
    try:
        t = load_timeline(args.content, args.config, args.config.parent / "timeline.yml")
    except ContentUnreadable as exc:
        print(f"{terminal(args.content)}:1: error: {exc}", file=sys.stderr)
        return 2
    print_diagnostics(t.diagnostics, args.verbose)
    text = to_json(t)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            write_atomically(Path(args.output), text)
        except OSError as exc:
            print(f"error: cannot write {terminal(args.output)}: {exc.strerror or exc}; nothing was written",
                  file=sys.stderr)
            return 2
    return 1 if failed(t.diagnostics, args.strict) else 0


def write_atomically(path: Path, text: str) -> None:
    """Write a new file beside the target and rename it over: the target is whole or untouched, never empty."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _dates(args: argparse.Namespace) -> int:
    if args.batch is not None:
        return _dates_batch(args.batch)
    dct = None
    if args.dct:
        try:
            dct = dt.date.fromisoformat(args.dct)
        except ValueError:
            print(f"error: --dct must be YYYY-MM-DD, got '{args.dct}'", file=sys.stderr)
            return 1
    text = sys.stdin.read()
    for tx in tag(text, dct):
        print(json.dumps(_timex(tx), ensure_ascii=False))
    return 0


def _timex(tx: Any) -> dict[str, Any]:
    return {"start": tx.start, "end": tx.end, "text": tx.text, "type": tx.type, "value": tx.value}


def _dates_batch(path: Path) -> int:
    """One output line per input document; a bad line is reported with its line number and skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"{path}:1: error: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    code = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            text = doc["text"]
            raw_dct = doc.get("dct")
            dct = dt.date.fromisoformat(str(raw_dct)[:10]) if raw_dct else None
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            print(f"{path}:{n}: error: {type(exc).__name__}: {exc}; line skipped", file=sys.stderr)
            code = 1
            continue
        print(json.dumps({"doc": doc.get("doc"), "timexes": [_timex(tx) for tx in tag(text, dct)]},
                         ensure_ascii=False))
    return code
