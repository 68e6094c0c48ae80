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


def _member(tp: Any, value: Any) -> Any:
    """The member of a tagged union (a Predicate, an AmountForm) that a mapping names, if any."""
    if not isinstance(value, dict):
        return None
    for m in get_args(tp):
        m = unwrap(m)
        if not is_model(m):
            continue
        for name, f in m.model_fields.items():
            if get_origin(f.annotation) is Literal and value.get(name) in get_args(f.annotation):
                return m
    return None


def _key(key: Any, key_type: Any) -> Any:
    return int(key) if key_type is int and isinstance(key, str) and _WHOLE.fullmatch(key) else key


def adapt(value: Any, tp: Any) -> Any:
    """The value with int dict keys and floats where `tp` (a model, or a type inside one) expects them."""
    tp = unwrap(tp)
    origin = get_origin(tp)
    if is_model(tp):
        if not isinstance(value, dict):
            return value
        fields = tp.model_fields
        return {k: adapt(v, fields[k].annotation) if k in fields else v for k, v in value.items()}
    if origin in (Union, types.UnionType):
        member = _member(tp, value)
        return adapt(value, member) if member is not None else value
    if origin is dict and isinstance(value, dict):
        key_type, value_type = (unwrap(a) for a in get_args(tp))
        return {_key(k, key_type): adapt(v, value_type) for k, v in value.items()}
    if origin in (tuple, list) and isinstance(value, list):
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis or origin is list:
            return [adapt(v, args[0]) for v in value]
        return [adapt(v, args[i]) if i < len(args) else v for i, v in enumerate(value)]
    if tp is float and isinstance(value, Decimal) and value.is_finite():
        return float(value)
    return value
