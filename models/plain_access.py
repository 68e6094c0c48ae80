"""Plain attribute reads for our frozen models: CPython's own lookup instead of a detour through pydantic's hook.

pydantic's BaseModel defines `__getattr__` (for private attributes and `extra="allow"` fields). A class whose MRO
defines `__getattr__` gets CPython's `slot_tp_getattr_hook` as its attribute lookup: every read of every field
then goes through a slower generic path, and the interpreter cannot specialise it (a plain class gets
`PyObject_GenericGetAttr` and specialised reads). A planning run reads the catalogue's and the firm's fields
some ten thousand times. For a model without private attributes and without extra fields, pydantic's hook
only ever raises the AttributeError a plain lookup raises (same message), so such a class is given the plain
lookup: the type's `tp_getattro` slot is set to `PyObject_GenericGetAttr` (CPython only; the slot's offset is
found by comparing two probe classes, and a class is changed only where the slot holds exactly the hook; if
anything does not match, nothing is changed and reads stay as they were). CPython resets the slot if
`__getattr__` or `__getattribute__` is ever assigned on the class or a base, so a patched class can only fall
back to the hook, never to something else.
"""

from __future__ import annotations

import ctypes
import platform
from functools import cache
from typing import Any

__all__ = ["plain_attribute_reads"]

_WORDS = 40  # pointer-sized words at the start of a type object searched for tp_getattro (word 18 on 3.10-3.13)


@cache
def _slot() -> tuple[int, int, int] | None:
    """(index of tp_getattro among a type object's words, the plain lookup's address, the hook's address), or None
    where this is not CPython or the two probe classes do not tell the slot apart."""
    if platform.python_implementation() != "CPython":
        return None

    class _Plain:
        pass

    class _Hooked:
        def __getattr__(self, name: str) -> Any:
            raise AttributeError(name)

    generic = ctypes.cast(ctypes.pythonapi.PyObject_GenericGetAttr, ctypes.c_void_p).value
    plain = (ctypes.c_void_p * _WORDS).from_address(id(_Plain))
    hooked = (ctypes.c_void_p * _WORDS).from_address(id(_Hooked))
    found = [i for i in range(_WORDS) if plain[i] == generic]
    if generic is None or len(found) != 1 or hooked[found[0]] in (None, generic):
        return None
    return found[0], generic, hooked[found[0]]


def plain_attribute_reads(cls: type) -> bool:
    """Give a pydantic model class without private attributes or extra fields CPython's plain attribute lookup;
    True if it has it now."""
    if getattr(cls, "__private_attributes__", None) or getattr(cls, "model_config", {}).get("extra") == "allow":
        return False
    slot = _slot()
    if slot is None:
        return False
    index, generic, hook = slot
    words = (ctypes.c_void_p * _WORDS).from_address(id(cls))
    if words[index] == hook:
        words[index] = generic
    return bool(words[index] == generic)
