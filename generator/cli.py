"""Command line: `python -m generator build|pages|check|export|import|review|dates` (also installed as `timeline`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import generator
from generator import verbosity
from generator.atomic import write_whole
from generator.config import load_config
from generator.dates import tag
from generator.diagnostics import failed, print_diagnostics
from generator.escape import terminal
from generator.inputs.files import ContentUnreadable
from generator.resources import default_config, project_dir
from generator.site.build import build_site, check_content, content_missing
from generator.site.export import to_json
from generator.site.generate import load_timeline
from generator.verbosity import Verbosity, say


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command; return the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    level = Verbosity.QUIET if args.quiet else Verbosity.VERBOSE if args.verbose else Verbosity.NORMAL
    with verbosity.using(level):
        return _run(parser, args)


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "build":
        return build_site(args.content, args.site_dir, strict=args.strict, mkdocs_file=args.config,
                          verbose=args.verbose)
    if args.command == "pages":
        from generator.site.pages import write_pages
        return write_pages(args.content, args.out, args.config, args.config_out, args.strict, args.verbose)
    if args.command == "export":
        return _export(args)
    if args.command == "check":
        return check_content(args.content, args.config, strict=args.strict, verbose=args.verbose)
    if args.command == "import":
        from generator.inputs.importer import import_files
        config, diags = load_config(project_dir(args.config) / "timeline.yml")
        print_diagnostics(diags)
        return import_files(args.files, args.into, config)
    if args.command == "review":
        return _review(parser, args)
    return _dates(args)


def version() -> str:
    """The installed distribution's version; from a checkout that was never installed, the package's own."""
    try:
        return metadata.version("timeline-generator")
    except metadata.PackageNotFoundError:
        return generator.__version__


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Build a timeline and sourced-claims site from news articles.")
    parser.add_argument("--version", action="version", version=f"timeline-generator {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    # -q and -v, on every command.
    talk = argparse.ArgumentParser(add_help=False)
    said = talk.add_mutually_exclusive_group()
    said.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    said.add_argument("-v", "--verbose", action="store_true",
                      help="also print notes (info diagnostics) and what each stage did, with its time")
    # The options build, pages, check and export share, declared once.
    common = argparse.ArgumentParser(add_help=False, parents=[talk])
    common.add_argument("--content", type=Path, default=Path("content"), help="folder of articles (default: content)")
    common.add_argument("--config", type=Path, default=default_config(), help="MkDocs configuration file")

    b = sub.add_parser("build", parents=[common], help="generate the pages and build the site with MkDocs",
                       description="Read articles, generate pages and build the static site.")
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: site)")
    b.add_argument("--strict", action="store_true", help="fail on warnings (and keep the previous site)")

    p = sub.add_parser("pages", parents=[common], help="write the generated Markdown pages, for another builder",
                       description="Read articles and write the generated pages, data files and assets to a folder, "
                                   "without running MkDocs: any MkDocs-compatible builder (Zensical) can build them.")
    p.add_argument("--out", type=Path, required=True, help="folder to write the pages to (replaced as a whole)")
    p.add_argument("--config-out", type=Path, metavar="FILE.yml",
                   help="also write a mkdocs.yml for the builder, with docs_dir set to the --out folder")
    p.add_argument("--strict", action="store_true", help="fail on warnings (and write nothing)")

    e = sub.add_parser("export", parents=[common], help="write the timeline JSON without building the site",
                       description="Read articles and write the timeline export (JSON) for any folder.")
    e.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    e.add_argument("--strict", action="store_true", help="exit 1 on warnings")

    c = sub.add_parser("check", parents=[common], help="validate the content without building the site",
                       description="Read and analyse every article, render the pages in memory and report problems "
                                   "as path:line: level: message; under GitHub Actions also as annotations.")
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    i = sub.add_parser("import", parents=[talk], help="turn raw clippings into front-matter articles",
                       description="Turn plain-text clippings and saved web pages (.html, .htm) into front-matter "
                                   "articles in the content folder. Never overwrites an existing file; reports what "
                                   "it could not find.")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="clipping files (plain text) or saved web pages (.html, .htm)")
    i.add_argument("--into", type=Path, default=Path("content"), help="content folder to write to (default: content)")
    i.add_argument("--config", type=Path, default=default_config(), help="MkDocs configuration file")

    _add_review(sub, talk)

    d = sub.add_parser("dates", parents=[talk], help="show how the date expressions of a text are read",
                       description="Read text on standard input; print one JSON object per temporal expression.")
    d.add_argument("--dct", help="publication date YYYY-MM-DD that relative dates resolve against")
    d.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                   help='read lines {"doc", "dct", "text"} from FILE and write one line per doc '
                        '{"doc", "timexes": [...]} instead of reading standard input')
    return parser


def _add_review(sub: Any, talk: argparse.ArgumentParser) -> None:
    """The `review` command's arguments."""
    r = sub.add_parser("review", parents=[talk],
                       help="record a decision on a claim in review.yml (or update the decisions)",
                       description="Add a decision on one claim to the content folder's review.yml, with what it "
                                   "was made on (article, claimant, category, figure, sentence), so the decision "
                                   "follows the claim when its sentence is edited. --update records that for "
                                   "decisions written by hand and moves decisions whose claim has a new id.")
    r.add_argument("claim", nargs="?", help="the claim's id (on its article page and in data/claims.csv)")
    r.add_argument("decision", nargs="?", choices=["confirm", "reject", "correct"], help="the decision")
    r.add_argument("--note", default="", help="why (shown on the site)")
    r.add_argument("--figure", type=int, help="correct: the right figure")
    r.add_argument("--category", help="correct: the right category")
    r.add_argument("--claimant", help="correct: the right claimant")
    r.add_argument("--update", action="store_true", help="update the file's decisions instead of adding one")
    r.add_argument("--content", type=Path, default=Path("content"), help="folder of articles (default: content)")
    r.add_argument("--config", type=Path, default=default_config(), help="MkDocs configuration file")


def _review(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from generator.inputs.review_file import Request, run_review

    corrections = {"figure": args.figure, "category": args.category, "claimant": args.claimant}
    if args.update == bool(args.claim):
        parser.error("review: give CLAIM DECISION, or --update alone")
    if args.claim and not args.decision:
        parser.error("review: give the decision after the claim id (confirm, reject or correct)")
    if args.decision == "correct" and all(v in (None, "") for v in corrections.values()):
        parser.error("review: correct needs --figure, --category or --claimant")
    if args.decision != "correct" and any(v not in (None, "") for v in corrections.values()):
        parser.error("review: --figure, --category and --claimant go with correct")
    if content_missing(args.content):
        return 2
    request = None if args.update else Request(args.claim.strip().lower(), args.decision, args.note, corrections)
    return run_review(args.content, args.config, request)


def _export(args: argparse.Namespace) -> int:
    if content_missing(args.content):
        return 2
    try:
        t = load_timeline(args.content, args.config, project_dir(args.config) / "timeline.yml")
    except ContentUnreadable as exc:
        print(f"{terminal(args.content)}:1: error: {exc}", file=sys.stderr)
        return 2
    print_diagnostics(t.diagnostics, args.verbose)
    text = to_json(t)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            write_whole(Path(args.output), text.encode("utf-8"))
        except OSError as exc:
            print(f"error: cannot write {terminal(args.output)}: {exc.strerror or exc}; nothing was written",
                  file=sys.stderr)
            return 2
    return 1 if failed(t.diagnostics, args.strict) else 0


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
    found = tag(text, dct)
    for tx in found:
        print(json.dumps(_timex(tx), ensure_ascii=False))
    say(f"dates: {len(found)} temporal expressions in {len(text):,} characters", at=Verbosity.VERBOSE)
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
    code = done = 0
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
        done += 1
    say(f"dates: {done} documents read, {sum(1 for line in lines if line.strip()) - done} skipped",
        at=Verbosity.VERBOSE)
    return code
