"""Results worked out once per immutable object (a catalogue and its readings), kept for the last few objects.

A planning run asks the same questions of one catalogue many times (which groups cover a measure, which
measures an option touches). The catalogue and everything in it are frozen, so each answer is worked out
once per catalogue object. A cache entry keeps its object alive, so the object's id() stays its own while
cached; the oldest entries go first once `keep` are held (a what-if run builds many models of one catalogue).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, overload

__all__ = ["Memo", "cached_value", "kept_beside"]

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


class cached_value(Generic[T]):  # noqa: N801 - used like functools.cached_property
    """functools.cached_property without the lock Python 3.10-3.11 takes on every first access (3.12 dropped it,
    3.11's is one lock for every instance of the class): worked out on first access, stored in the instance's
    __dict__ (later reads never reach the descriptor). For objects used by one thread, e.g. a model being built."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_value[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | cached_value[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def kept_beside(obj: Any, name: str, make: Callable[[], T], first: object, second: object = None) -> T:
    """make(), worked out from one or two of a frozen object's fields (`first`, `second`) and kept in the object's
    __dict__ under `name` beside those fields: not a field, so never validated, dumped or compared. Kept while the
    fields are the very objects it was worked out from; a copy that carries others (model_copy(update=...))
    works it out again. Lives and dies with the object, and costs a dictionary lookup and two identity tests."""
    held = obj.__dict__.get(name)
    if held is None or held[0] is not first or held[1] is not second:
        held = obj.__dict__[name] = (first, second, make())
    return held[2]  # type: ignore[no-any-return]
