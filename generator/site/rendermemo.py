"""Rendered pages kept between builds: a page is rendered again only when something it read has changed.

An event, incident or article page is rendered with a context whose lookups are recorded: the articles it looks up
by id (`by_id`), the incident of an event (`incident_of`), an article's publication label (`published`), a
claimant's link (`who`, `who_a`) and any field of the Timeline (`t`). The page is kept with its text, a digest of
its own inputs (its event, incident or article and the lists handed to it, with the build-wide ones: templates,
package code, site address) and every lookup it made with a digest of what that returned. The next build reuses
the text when its inputs digest the same and every lookup, made again on the new Timeline, returns the same.

So the map from pages to the articles and settings they use is what each page was seen to read: a template that
starts reading something else is followed without a list to keep up by hand. Everything else a template can reach
is a filter or global of the environment (package code and the build-wide inputs) or the page's own inputs.

Digests are blake2b of pickle. The model is dataclasses of strings, numbers, lists, dicts and enums, without sets
(whose order would vary between runs): equal digests mean equal values, and a difference in pickling that is no
difference in value costs a render, never a stale page. The kept pages of one build are one file,
`render-<FORMAT>.pickle` in the cache folder (generator/cache.py), rewritten when a page was rendered or dropped.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator import heldfiles
from generator.digests import digest as digest_of
from generator.digests import held_digest
from generator.inputs.readcache import package_version
from generator.models import Article, ClaimRow, Event
from generator.site.packed import Text, pack, unpack
from generator.site.pagecache import files_digest

FORMAT = 3  # raise when what an entry holds changes shape (3: a page's text is kept packed)
EVERYTHING = "*"  # the key of a read of a whole mapping (iterated, or measured)
Read = tuple[str, Hashable]  # (what was looked up, the key)


@dataclass(frozen=True)
class Kept:
    """A page (or a part of one) as the last build rendered it, what it read, and the parts it used."""

    inputs: bytes
    reads: tuple[tuple[Read, bytes], ...]
    text: Text  # a page's is packed (generator/site/packed.py), a part's a str
    parts: tuple[str, ...] = ()


# What `mkdocs serve` may hand to the next build as the same object, never changed once made.
HELD_TYPES = (Article, Event, ClaimRow)


class Digests:
    """Digests of this build's objects, each pickled once (by identity: the object is kept, so its id is not reused
    while the digest is)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        if isinstance(value, HELD_TYPES):  # objects that outlive a build: the articles of unchanged files, and the
            digest = held_digest(value)  # events of unchanged incidents and their rows (generator/events/merge.py)
        else:
            parts = getattr(value, "digest_parts", None)  # an object made of shared ones: digested from theirs
            digest = self.of_each(parts()) if parts is not None else digest_of(value)
        self._seen[id(value)] = (value, digest)
        return digest

    def of_each(self, values: Iterable[Any]) -> bytes:
        """A sequence's digest from its items' (so items shared between pages are pickled once)."""
        digest = hashlib.blake2b(digest_size=16)
        for value in values:
            digest.update(self.of(value))
        return digest.digest()


class _Recording:
    """The lookups of one page, in the order made; and of each part of it being drawn (nested: a read counts for the
    page and for every part under way)."""

    def __init__(self) -> None:
        self.reads: dict[Read, None] = {}
        self.drawing: list[dict[Read, None]] = []  # the reads of the parts under way, innermost last
        self.parts: dict[str, None] = {}  # the keys of the parts the page used
        self.modules: dict[str, Any] = {}  # template name -> its module, made with this page's context

    def add(self, kind: str, key: Hashable) -> None:
        self.reads[(kind, key)] = None
        for part in self.drawing:
            part[(kind, key)] = None


class _RecordedMap(Mapping[Hashable, Any]):
    """A mapping whose lookups are recorded (in, [], get); iterating it reads all of it."""

    def __init__(self, kind: str, data: Mapping[Hashable, Any], recording: _Recording) -> None:
        self._kind, self._data, self._recording = kind, data, recording

    def __getitem__(self, key: Hashable) -> Any:
        self._recording.add(self._kind, key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._recording.add(self._kind, key)
        return key in self._data

    def __iter__(self) -> Iterator[Hashable]:
        self._recording.add(self._kind, EVERYTHING)
        return iter(self._data)

    def __len__(self) -> int:
        self._recording.add(self._kind, EVERYTHING)
        return len(self._data)


class _RecordedAttributes:
    """The Timeline as a page sees it: each field it reads is recorded."""

    __slots__ = ("_recording", "_t")

    def __init__(self, t: Any, recording: _Recording) -> None:
        self._t, self._recording = t, recording

    def __getattr__(self, name: str) -> Any:
        self._recording.add("t", name)
        return getattr(self._t, name)


@dataclass(frozen=True)
class Call:
    """A function pages call: `key` names a call by hashable values (by default its arguments, which must then be
    hashable), `again` makes the call from that key (by default fn(*key))."""

    fn: Callable[..., Any]
    key: Callable[..., Hashable] | None = None
    again: Callable[[Any], Any] | None = None


class Lookups:
    """What a page can look up in this build: recorded while it renders, and made again to check a kept page."""

    def __init__(self, t: Any, maps: dict[str, Mapping[Hashable, Any]], calls: dict[str, Call],
                 digests: Digests) -> None:
        self.t, self.maps, self.calls, self.digests = t, maps, calls, digests
        self._done: dict[Read, bytes | None] = {}

    def context(self, recording: _Recording) -> dict[str, Any]:
        """The page context: the Timeline, the mappings and the functions, each recording what it is asked."""
        ctx: dict[str, Any] = {"t": _RecordedAttributes(self.t, recording)}
        ctx.update((kind, _RecordedMap(kind, data, recording)) for kind, data in self.maps.items())
        ctx.update((kind, self._recorded_call(kind, fn, recording)) for kind, fn in self.calls.items())
        return ctx

    @staticmethod
    def _recorded_call(kind: str, c: Call, recording: _Recording) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            recording.add(kind, c.key(*args) if c.key else args)
            return c.fn(*args)
        return call

    def digest(self, read: Read) -> bytes | None:
        """What the lookup returns now, as a digest; None when it cannot be made again (never reused)."""
        if read not in self._done:
            try:
                self._done[read] = self.digests.of(self._look_up(*read))
            except Exception:  # an argument that is no longer hashable the same way, a key gone: render again
                self._done[read] = None
        return self._done[read]

    def _look_up(self, kind: str, key: Any) -> Any:
        if kind == "t":
            return getattr(self.t, key)
        if kind in self.maps:
            data = self.maps[kind]
            return list(data.items()) if key == EVERYTHING else data.get(key)
        c = self.calls[kind]
        return c.again(key) if c.again else c.fn(*key)


class RenderCache:
    """The pages kept by the last build (read from the cache folder), and those this build keeps."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.old: dict[str, Kept] = heldfiles.load_dict(path)
        self.used: dict[str, Kept] = {}
        self.drawn: list[str] = []  # the pages this build rendered (the others were reused)
        self.parts_drawn = 0  # the parts (part() in a page: table rows) this build drew
        self.converted = 0  # the pages reused in the other form (text or packed) than this build holds

    @classmethod
    def open(cls, folder: Path | None) -> RenderCache:
        return cls(folder / f"render-{FORMAT}.pickle" if folder is not None else None)

    def save(self) -> None:
        """Keep this build's pages for the next, when they differ from what the file holds (unwritable: skipped)."""
        if self.path is None or (not self.drawn and not self.converted and self.used.keys() == self.old.keys()):
            return
        heldfiles.later(self._write)  # `mkdocs serve`: once the page is served

    def _write(self) -> None:
        assert self.path is not None
        heldfiles.write_pickled(self.path, self.used)


class PageMemo:
    """Render pages through the cache: a kept page whose inputs and reads are unchanged is reused as it is. Without
    a cache, each page is simply drawn with the plain context."""

    def __init__(self, ctx: dict[str, Any], cache: RenderCache | None = None, lookups: Lookups | None = None,
                 build_inputs: bytes = b"", env: Any = None) -> None:
        self.cache, self.lookups, self.build_inputs, self.env = cache, lookups, build_inputs, env
        if lookups is not None and set(lookups.context(_Recording())) != set(ctx):
            # a context entry the recording does not stand in for would be read unrecorded: never a stale page
            raise ValueError(f"the page context {sorted(ctx)} is not what the lookups record")
        plain = _Recording()
        self.ctx: dict[str, Any] = {
            **ctx, "part": lambda template, macro, *args: self._macro(plain, self.ctx, template, macro)(*args)}

    def render(self, path: str, draw: Callable[[dict[str, Any]], str], *parts: Any,
               each: Iterable[Any] = ()) -> Text:
        """The page's text, packed: kept, or drawn now and kept for the next build. `draw` gets the context; `parts`
        and `each` are the page's own inputs (objects, and a sequence of them), besides its path."""
        if self.cache is None or self.lookups is None:
            return pack(draw(self.ctx))
        inputs = self._inputs(path, parts, each)
        kept = self._usable(path, inputs)
        if kept is not None:
            for key in kept.parts:  # kept for the next build that draws this page again
                if key in self.cache.old:
                    self.cache.used[key] = self.cache.old[key]
            text = pack(kept.text)
            if text is not kept.text:  # kept by `mkdocs serve` as text, read by `build` (or the other way round):
                self.cache.used[path] = replace(kept, text=text)  # held as this build holds pages, and so saved
                self.cache.converted += 1
            return text
        recording = _Recording()
        context = self.lookups.context(recording)
        context["part"] = functools.partial(self._part, recording, context)
        text = pack(draw(context))
        self.cache.drawn.append(path)
        self._keep(path, inputs, recording.reads, text, tuple(recording.parts))
        self._let_go(path)
        return text

    def _let_go(self, key: str) -> None:
        """The last build's page or part under key is superseded: let it go now, not at the end of the build. A
        build that draws every page again (the generator or a template changed) held the last build's 10,000
        articles' pages beside its own: 981 MiB at its peak, against 773 without that cache. (Not while
        serving: there the last build's dict is held, and held objects are never changed.)"""
        assert self.cache is not None
        if not heldfiles.holding():
            self.cache.old.pop(key, None)

    def _usable(self, key: str, inputs: bytes) -> Kept | None:
        """The kept page or part under key, when its inputs and every lookup it made are the same now."""
        assert self.cache is not None and self.lookups is not None
        kept = self.cache.old.get(key)
        if kept is not None and kept.inputs == inputs and all(
                self.lookups.digest(read) == then for read, then in kept.reads):
            self.cache.used[key] = kept
            return kept
        return None

    def _keep(self, key: str, inputs: bytes, reads: Iterable[Read], text: Text,
              parts: tuple[str, ...] = ()) -> None:
        assert self.cache is not None and self.lookups is not None
        digests = tuple((read, self.lookups.digest(read)) for read in reads)
        if all(then is not None for _, then in digests):
            self.cache.used[key] = Kept(inputs, digests, text, parts)  # type: ignore[arg-type]

    def _macro(self, recording: _Recording, ctx: Mapping[str, Any], template: str, macro: str) -> Any:
        """A macro of a template, in a module made with the page's lookups only (not the page's own values): what a
        part draws depends on its arguments and what it looks up, nothing else."""
        module = recording.modules.get(template)
        if module is None:
            module = recording.modules[template] = self.env.get_template(template).make_module(ctx)
        return getattr(module, macro)

    def _part(self, recording: _Recording, ctx: Mapping[str, Any], template: str, macro: str, *args: Any) -> str:
        """`part(template, macro, *args)` in a page: the macro's text, kept like a page. A table row that moves to
        another place of the page, or whose page is drawn again for another row, is not drawn again."""
        assert self.lookups is not None
        digest = hashlib.blake2b(self.build_inputs, digest_size=16)
        digest.update(f"{template}\0{macro}\0".encode("utf-8", "surrogatepass"))
        digest.update(self.lookups.digests.of_each(args))
        inputs = digest.digest()
        key = "part:" + inputs.hex()
        recording.parts[key] = None
        kept = self._usable(key, inputs)
        if kept is not None:
            for read, _ in kept.reads:
                recording.add(*read)
            return unpack(kept.text)
        recording.drawing.append({})
        assert self.cache is not None
        self.cache.parts_drawn += 1
        try:
            text = str(self._macro(recording, ctx, template, macro)(*args))
        finally:
            reads = recording.drawing.pop()
        self._keep(key, inputs, reads, text)
        self._let_go(key)
        return text

    def _inputs(self, path: str, parts: tuple[Any, ...], each: Iterable[Any]) -> bytes:
        assert self.lookups is not None
        digests = self.lookups.digests
        digest = hashlib.blake2b(self.build_inputs, digest_size=16)
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        for part in parts:
            digest.update(digests.of(part))
        digest.update(digests.of_each(each))
        return digest.digest()


def page_memo(t: Any, ctx: dict[str, Any], cache: RenderCache | None, templates_dir: Path,
              build_wide: tuple[Any, ...], env: Any = None, slugs: Mapping[Any, str] | None = None) -> PageMemo:
    """The pages' context, recorded when there is a cache: the build-wide inputs are what the environment's globals
    and filters read (the package's code, the templates in templates_dir, the site's address). slugs: the claimant
    pages' names that who and who_a link with (generator/site/claims.py)."""
    if cache is None:
        return PageMemo(ctx, env=env)
    by_id, published = ctx["by_id"], ctx["published"]
    # A claimant's link is made from the call's arguments and the claimant's page name alone: a kept page checks the
    # name (a dict lookup), not the link made again (thousands a build: 85 ms of each save at 1,000 articles).
    same_link = (lambda key, names=slugs: names.get(key[0])) if slugs is not None else None
    calls = {"who": Call(ctx["who"], again=same_link), "who_a": Call(ctx["who_a"], again=same_link),
             # by the article's id, when it is the Timeline's article of that id (else never kept)
             "published": Call(published, key=lambda a: a.id if by_id.get(a.id) is a else None,
                               again=lambda aid: published(by_id[aid]))}
    lookups = Lookups(t, {"by_id": by_id, "incident_of": ctx["incident_of"], "place_of": ctx["place_of"]}, calls,
                      Digests())
    inputs = (package_version(), files_digest(templates_dir), *build_wide)
    return PageMemo(ctx, cache, lookups, lookups.digests.of(inputs), env)
