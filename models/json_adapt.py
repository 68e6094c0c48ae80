"""Give JSON data the Python types a model reads: year keys as numbers, floats where a float is meant.

JSON keys are always text and its numbers are read as exact Decimals (models.json_reader). Models are
validated in Python mode (where every number stays exact), so before validation this walks the data beside
the model's types: a dict whose keys are whole numbers (metrics by year) gets int keys, and a field typed
float (a time limit) gets a float. Everything else is left for the model to accept or refuse.
"""

from __future__ import annotations

import re
import types
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from grantstack.models.error_location import is_model, unwrap

__all__ = ["adapt"]

_WHOLE = re.compile(r"-?[0-9]{1,6}")


_PLANS: dict[int, tuple[Any, str, Any]] = {}
"""What adapt() does with a type, worked out once per type (keyed by id, the type kept to pin the id)."""


def _tags(tp: Any) -> tuple[tuple[Any, tuple[tuple[str, tuple[Any, ...]], ...]], ...]:
    """For each model member of a union: its Literal-typed fields and their values."""
    out = []
    for m in get_args(tp):
        m = unwrap(m)
        if is_model(m):
            out.append((m, tuple((name, get_args(f.annotation)) for name, f in m.model_fields.items()
                                 if get_origin(f.annotation) is Literal)))
    return tuple(out)


def _member(tags: tuple[tuple[Any, tuple[tuple[str, tuple[Any, ...]], ...]], ...], value: Any) -> Any:
    """The member of a tagged union (a Predicate, an AmountForm) that a mapping names, if any."""
    if not isinstance(value, dict):
        return None
    for m, literals in tags:
        for name, allowed in literals:
            if value.get(name) in allowed:
                return m
    return None


def _plan(tp: Any) -> tuple[str, Any]:
    hit = _PLANS.get(id(tp))
    if hit is not None and hit[0] is tp:
        return hit[1], hit[2]
    _PLANS[id(tp)] = (tp, "busy", None)  # a type that contains itself is walked (never taken for idle)
    t = unwrap(tp)
    origin = get_origin(t)
    plan: tuple[str, Any]
    if is_model(t):
        walked = {name: f.annotation for name, f in t.model_fields.items() if not _idle(f.annotation)}
        plan = ("model", walked) if walked else ("idle", None)
    elif origin in (Union, types.UnionType):
        tags = _tags(t)
        plan = ("union", tags) if not all(_idle(m) for m, _ in tags) else ("idle", None)
    elif origin is dict:
        key_type, value_type = (unwrap(a) for a in get_args(t))
        value_idle = _idle(value_type)
        plan = ("idle", None) if key_type is not int and value_idle else ("dict", (key_type, value_type, value_idle))
    elif origin in (tuple, list):
        args = get_args(t)
        same = (len(args) == 2 and args[1] is Ellipsis) or origin is list
        plan = ("idle", None) if all(_idle(a) for a in args if a is not Ellipsis) else ("seq", (args, same))
    else:
        plan = ("float", None) if t is float else ("idle", None)
    _PLANS[id(tp)] = (tp, *plan)
    return plan


def _idle(tp: Any) -> bool:
    """Whether adapt() leaves every value of this type as it is (no year keys, no float anywhere in it)."""
    return _plan(tp)[0] == "idle"


def _key(key: Any, key_type: Any) -> Any:
    return int(key) if key_type is int and isinstance(key, str) and _WHOLE.fullmatch(key) else key


def adapt(value: Any, tp: Any) -> Any:
    """The value with int dict keys and floats where `tp` (a model, or a type inside one) expects them."""
    if not isinstance(value, (dict, list, Decimal)):
        return value  # text, flags, dates and None pass as they are, whatever the type
    kind, data = _plan(tp)
    if kind == "idle":
        return value
    if kind == "model":
        if not isinstance(value, dict):
            return value
        return {k: adapt(v, data[k]) if k in data else v for k, v in value.items()}
    if kind == "union":
        member = _member(data, value)
        return adapt(value, member) if member is not None else value
    if kind == "dict" and isinstance(value, dict):
        key_type, value_type, value_idle = data
        if value_idle:
            return {_key(k, key_type): v for k, v in value.items()}
        return {_key(k, key_type): adapt(v, value_type) for k, v in value.items()}
    if kind == "seq" and isinstance(value, list):
        args, same = data
        if same:
            return [adapt(v, args[0]) for v in value]
        return [adapt(v, args[i]) if i < len(args) else v for i, v in enumerate(value)]
    if kind == "float" and isinstance(value, Decimal) and value.is_finite():
        return float(value)
    return value
