"""The cache of each article's extraction: its date mentions, claims and warnings, as JSON under `.cache/`.

An entry is found by a key that hashes everything the extraction of that article depends on:

- the article as read: its text, paragraph lines, publication date and the other fields the dates and claims
  stages read (not the fields later stages add: mentions, claims, rejected claims);
- the settings the claims stage reads: outcome words, categories and actors (content/actors.yml included), and
  the other settings of timeline.yml;
- the code and rules: a hash of the source files of generator/dates, generator/claims, generator/rules and the
  modules they use (code_version, computed once per process);
- the parser: its version_key (the model and spaCy versions, or "rules"), as the installed packages declare it
  (nlp.declared_status: a build whose articles are all cached never loads the model); a build that extracts loads
  the model first and stores under the key of the parser it really used.

So a rebuild after one edit extracts one article again; a change of the rules or of the model reads them all
again. The extraction must be a function of those inputs alone (no state carried from one article to the next).
Entries are grouped in a folder per version of the code and parser; the folders of older versions are removed,
all but the few used last. An entry that cannot be read, is cut short, or belongs to another key is ignored with
a note and the article is read again; entries are written whole or not at all (a temporary file, then rename).

`.cache/` lies beside mkdocs.yml (generator.site.generate); TIMELINE_CACHE=off turns the cache off and
TIMELINE_CACHE=/some/folder moves it. Config.cache_dir None (the default of make_timeline) means no cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from generator import heldfiles
from generator.claims import nlp
from generator.config import Config
from generator.diagnostics import Code
from generator.models import Article, Claim, DateMention, Diagnostic, Location

FORMAT = 1  # of the entries: raise it when what an entry holds changes shape
ENV = "TIMELINE_CACHE"
OFF_VALUES = ("off", "0", "no", "false", "none")
KEEP_VERSIONS = 4  # version folders kept: the current one and the three used before it
PACKAGE = Path(__file__).resolve().parent
# The sources an article's extraction runs: any change in them is a new version of the extraction. A module the
# dates or claims stage starts to import must be here too (tests/test_cache.py checks the imports).
SOURCES = ("__init__.py", "dates", "claims", "rules", "models.py", "text.py", "vocabulary.py", "config.py",
           "diagnostics.py", "yamlsafe.py", "actors.yml", "pipeline.py", "cache.py", "memos.py")
# Settings of the build around the extraction (the site's title, the file limits, the cache itself).
NOT_SETTINGS = frozenset({"title", "description", "max_file_bytes", "symlinks", "today", "cache_dir"})
# Fields of an Article that later stages set: not part of what the extraction reads.
NOT_READ = frozenset({"mentions", "claims", "rejected", "curated_events", "extra", "inferred_from"})

Analysis = tuple[Article, list[Diagnostic]]  # what pipeline._analyse returns for an article


def cache_dir_for(project: Path) -> Path | None:
    """Where a build of the project keeps its cache: project/.cache, TIMELINE_CACHE's folder, or None (off)."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in OFF_VALUES:
        return None
    return Path(value) if value else project / ".cache"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the source files the extraction runs (SOURCES), read once per process."""
    digest = hashlib.sha256()
    for name in SOURCES:
        path = PACKAGE / name
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".yml")) if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(PACKAGE).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def settings_digest(config: Config) -> str:
    """The hash of the settings an extraction can read: all but those of the build around it (NOT_SETTINGS).

    The claims stage reads outcome words, categories and actors; the others are in too, so that a setting the
    extraction starts to read later is never forgotten here.
    """
    return _digest({f.name: getattr(config, f.name) for f in fields(config) if f.name not in NOT_SETTINGS})


def article_digest(a: Article) -> str:
    """The hash of the article as the dates and claims stages read it."""
    return _digest({f.name: getattr(a, f.name) for f in fields(a) if f.name not in NOT_READ})


@dataclass(frozen=True)
class ExtractionCache:
    """The entries of one build: one folder per version of code and parser, one file per article and settings."""

    folder: Path  # root/extraction-<version>
    settings: str  # settings_digest of this build
    parser: str  # the parser's version_key the folder is for

    @classmethod
    def open(cls, config: Config, parser: nlp.ParserStatus | None = None) -> ExtractionCache | None:
        """The cache of config.cache_dir for this version, or None when caching is off. The parser's status is the
        one its packages declare (nlp.declared_status, without loading it) unless given."""
        if config.cache_dir is None:
            return None
        parser = parser or nlp.declared_status()
        version = _digest([FORMAT, code_version(), parser.version_key,
                           f"python {sys.version_info[0]}.{sys.version_info[1]}"])[:24]
        folder = config.cache_dir / f"extraction-{version}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a file in the way, a read-only disk: build without the cache
            return None
        prune_versions(config.cache_dir, folder)
        return cls(folder, settings_digest(config), parser.version_key)

    def key(self, a: Article) -> str:
        return _digest([self.settings, article_digest(a)])

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, a: Article, key: str) -> tuple[Analysis | None, list[Diagnostic]]:
        """The cached analysis of the article, or None (and a note when an entry was there but unusable)."""
        held = heldfiles.entry(key)  # `mkdocs serve`: what this process read for the key before
        if held is not None:
            source, analysed, warnings = held
            if source is not a:  # an article read again (the same bytes): the same analysis, on this object
                analysed = replace(a, mentions=list(analysed.mentions), claims=list(analysed.claims))
                heldfiles.keep_entry(key, (a, analysed, warnings))
            return (analysed, list(warnings)), []
        path = self.path(key)
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None, []
        except (OSError, ValueError) as exc:  # unreadable, cut short, not JSON
            return None, [_note(a, path, f"{type(exc).__name__}: {exc}")]
        try:
            analysis = _from_data(a, data, key)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # another shape or another article's
            return None, [_note(a, path, f"{type(exc).__name__}: {exc}")]
        heldfiles.keep_entry(key, (a, analysis[0], analysis[1]))
        return analysis, []

    def store(self, key: str, analysed: Article, warnings: list[Diagnostic], source: Article) -> None:
        """Write the entry whole (a temporary file renamed over it); a cache that cannot be written is skipped.
        With the article analysed (source), `mkdocs serve` holds the analysis for its next build (heldfiles.py)."""
        heldfiles.keep_entry(key, (source, analysed, list(warnings)))
        path = self.path(key)
        data = {"format": FORMAT, "key": key, "mentions": [asdict(m) for m in analysed.mentions],
                "claims": [asdict(c) for c in analysed.claims],
                "warnings": [{**asdict(w), "code": str(w.code)} for w in warnings]}
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii"))
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


def as_cached(a: Article) -> Article:
    """An analysed article as its cache entry gives it back. An entry is JSON, which keeps an enum's value and not
    the enum (vocabulary.py's are str enums: equal either way); a fresh analysis is given the plain values too, so
    that a page digests the same whether its article came from the cache or not (generator/site/rendermemo.py):
    else a warm build after a cold one rendered every page again."""
    return replace(a, mentions=[_plain(m) for m in a.mentions], claims=[_plain(c) for c in a.claims])


def _plain(obj: Any) -> Any:
    changes = {f.name: value.value for f in fields(obj) if isinstance(value := getattr(obj, f.name), Enum)}
    return replace(obj, **changes) if changes else obj


def _from_data(a: Article, data: dict[str, Any], key: str) -> Analysis:
    if data["format"] != FORMAT or data["key"] != key:
        raise ValueError("the entry belongs to another article or version")
    mentions = [DateMention(**{**m, "location": Location(**m["location"])}) for m in data["mentions"]]
    claims = [Claim(**{**c, "location": Location(**c["location"])}) for c in data["claims"]]
    warnings = [Diagnostic(Location(**w["location"]), w["level"], w["message"], Code(w["code"]))
                for w in data["warnings"]]
    return replace(a, mentions=mentions, claims=claims), warnings


def _note(a: Article, path: Path, why: str) -> Diagnostic:
    return Diagnostic(a.location, "info", f"the cached extraction of this article ({path.name}) could not be used "
                                          f"({why}); it was extracted again", Code.CACHE_ENTRY_IGNORED)


def prune_versions(root: Path, current: Path, keep: int = KEEP_VERSIONS) -> None:
    """Mark the current version folder as used now; remove the folders of the same kind (the same name up to its
    last "-": extraction-*, pages-*) not among the `keep` used last."""
    kind = current.name.rpartition("-")[0]
    with contextlib.suppress(OSError):
        os.utime(current)
        versions = sorted((p for p in root.glob(f"{kind}-*") if p.is_dir() and p != current),
                          key=lambda p: p.stat().st_mtime, reverse=True)
        for old in versions[keep - 1:]:
            shutil.rmtree(old, ignore_errors=True)
