"""Digests of the model's objects (blake2b of their pickles), remembered for the objects that outlive a build.

Rendering (generator/site/rendermemo.py) keeps a page while the digests of what it read are the same; grouping
(generator/events/merge.py) keeps an incident's events while the digests of its articles are. In `mkdocs serve`
an unchanged article is the same object from one build to the next (generator/heldfiles.py), so its digest is
found by identity, once for both.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any

from generator import heldfiles

_HELD = heldfiles.IdentityMemo()  # `mkdocs serve`: the digests of objects the last build had too (the articles)


def pickled(value: Any) -> bytes:
    """value's pickle without the pickler's memo ("fast" mode): a string or object that appears twice is written
    twice, so equal values pickle the same whether or not they share objects. (With the memo, an article fresh
    from the extraction, whose mentions share their path string, pickled otherwise than the same article read
    from the extraction cache, and a warm build after a cold one rendered every page again.) The model has no
    cycles, which fast mode could not write."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True  # type: ignore[attr-defined, unused-ignore]
    pickler.dump(value)
    return out.getvalue()


def digest(value: Any) -> bytes:
    """The digest of value's pickle (16 bytes)."""
    return hashlib.blake2b(pickled(value), digest_size=16).digest()


def held_digest(value: Any) -> bytes:
    """The digest of an object that may outlive the build (an article): found by identity while the process holds
    what it built (`mkdocs serve`), else made and remembered for the next build."""
    found = _HELD.get(value)
    if found is None:
        found = digest(value)
        _HELD.put(value, found)
    return found
