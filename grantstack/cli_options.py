"""--option NAME=VALUE read strictly: true/false only, whole numbers without decimals, decimals exactly.

`linearization_level=true` is not 1, `workers=1.0` is not 1, `seed=2**40` and `time_limit=inf` are refused,
and a mistyped name gets the closest option ("did you mean").
"""

from __future__ import annotations

import difflib
import re
import types
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from grantstack.models.errors import InputError, clip

if TYPE_CHECKING:
    from grantstack.models.options import PlanOptions

__all__ = ["option_names", "parse_options"]


def option_names() -> tuple[list[str], list[str]]:
    """Names accepted by --option: planning options, then interpretation options."""
    from grantstack.models.options import Interpretation, PlanOptions

    planning = [n for n in PlanOptions.model_fields if n != "interpretation"]
    return planning, list(Interpretation.model_fields)


_WHOLE = re.compile(r"[+-]?[0-9]{1,19}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _kind(annotation: Any) -> tuple[Any, bool]:
    """The value type of an option (bool, int, float, Decimal or a Literal) and whether it may be null."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        return args[0], True
    return annotation, False


def _value(name: str, raw: str, annotation: Any) -> Any:
    """The option's value read exactly from the command line; InputError if it is not of the option's type."""
    kind, nullable = _kind(annotation)
    text = raw.strip()
    if nullable and text.lower() in {"null", "none", ""}:
        return None
    if kind is bool:
        if text.lower() not in {"true", "false"}:
            raise ValueError("expects true or false")
        return text.lower() == "true"
    if kind is int:
        if not _WHOLE.fullmatch(text):
            raise ValueError("expects a whole number (digits only, no decimals, true/false or units)")
        return int(text)
    if kind in (float, Decimal):
        if not _NUMBER.fullmatch(text):
            raise ValueError("expects a number, e.g. 0.05")
        return Decimal(text) if kind is Decimal else float(text)
    return text


def parse_options(pairs: list[str] | None, base: PlanOptions | None = None) -> PlanOptions:
    """PlanOptions from NAME=VALUE pairs (names of PlanOptions or of its Interpretation), read strictly."""
    from pydantic import ValidationError

    from grantstack.models.options import Interpretation, PlanOptions

    planning, interp = option_names()
    top: dict[str, Any] = {}
    legal: dict[str, Any] = {}
    given: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        shown = clip(pair, 80)
        if not sep or not name:
            raise InputError(f"--option '{shown}': expected NAME=VALUE, e.g. --option most_favourable_scope=entity.")
        if name not in interp and name not in planning:
            close = difflib.get_close_matches(name, planning + interp, n=1, cutoff=0.6)
            did = f"Did you mean '{close[0]}'? " if close else ""
            raise InputError(
                f"--option '{shown}': unknown option '{clip(name, 40)}'. {did}Known options: "
                f"{', '.join(planning + interp)} (see 'grantstack options')."
            )
        field = Interpretation.model_fields[name] if name in interp else PlanOptions.model_fields[name]
        try:
            (legal if name in interp else top)[name] = _value(name, raw, field.annotation)
        except ValueError as exc:
            raise InputError(f"--option '{shown}': bad value for '{name}': {exc}. See 'grantstack options'.") \
                from None
        given[name] = shown
    start = base or PlanOptions()
    try:
        interpretation = Interpretation.model_validate({**start.interpretation.model_dump(), **legal})
        return PlanOptions.model_validate({**start.model_dump(), **top, "interpretation": interpretation})
    except ValidationError as err:
        e = err.errors()[0]
        name = next((str(x) for x in e["loc"] if str(x) in given), str(e["loc"][0]) if e["loc"] else "?")
        pair = given.get(name, name)
        raise InputError(f"--option '{pair}': bad value for '{name}': {e['msg']}. See 'grantstack options' for the "
                         "values each option takes.") from None
