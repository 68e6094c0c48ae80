"""Results worked out once per immutable object (a catalogue and its readings), kept for the last few objects.

A planning run asks the same questions of one catalogue many times (which groups cover a measure, which
measures an option touches). The catalogue and everything in it are frozen, so each answer is worked out
once per catalogue object. A cache entry keeps its object alive, so the object's id() stays its own while
cached; the oldest entries go first once `keep` are held (a what-if run builds many models of one catalogue).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["Memo"]

T = TypeVar("T")


class Memo:
    """A small cache of one kind of result, keyed by an object's identity and a hashable key."""

    def __init__(self, keep: int = 16) -> None:
        self._keep = keep
        self._held: dict[tuple[int, Hashable], tuple[Any, Any]] = {}
        self._lock = threading.Lock()  # storing and evicting (a web server plans in several threads)

    def get(self, obj: object, key: Hashable, compute: Callable[[], T]) -> T:
        """The result for (obj, key): compute() the first time, the stored result afterwards."""
        k = (id(obj), key)
        hit = self._held.get(k)
        if hit is not None and hit[0] is obj:
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            while len(self._held) >= self._keep:
                self._held.pop(next(iter(self._held)))
            self._held[k] = (obj, value)
        return value
