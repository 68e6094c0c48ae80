"""Documentation of the --option names, generated from PlanOptions, Interpretation and INTERPRETATION_DOCS."""

from __future__ import annotations

import types
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from grantstack.models.options import INTERPRETATION_DOCS, Interpretation, PlanOptions

__all__ = ["allowed_values", "interpretation_markdown", "planning_markdown"]

_KINDS: dict[Any, str] = {int: "integer", float: "number", Decimal: "number", str: "text"}


def allowed_values(field: FieldInfo) -> str:
    """The values a field accepts, in words: 'a, b or c', 'true or false', 'integer or null', ..."""
    ann: Any = field.annotation
    if get_origin(ann) is Literal:
        names = [str(a) for a in get_args(ann)]
        return ", ".join(f"`{n}`" for n in names[:-1]) + f" or `{names[-1]}`"
    if ann is bool:
        return "`true` or `false`"
    if get_origin(ann) in (Union, types.UnionType):
        parts = [a for a in get_args(ann) if a is not type(None)]
        return " or ".join(_KINDS.get(a, str(a)) for a in parts) + " or `null`"
    return _KINDS.get(ann, str(ann))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def interpretation_markdown() -> str:
    """The README table of interpretation options: name, values, default, meaning (from INTERPRETATION_DOCS)."""
    default = Interpretation()
    lines = ["| option | values | default | meaning |", "|---|---|---|---|"]
    for name, doc in INTERPRETATION_DOCS.items():
        value = getattr(default, name)
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f"| `{name}` | {allowed_values(Interpretation.model_fields[name])} | `{shown}` | {_cell(doc)} |")
    return "\n".join(lines)


def planning_markdown() -> str:
    """The README table of planning options (not legal readings)."""
    default = PlanOptions()
    lines = ["| option | values | default | meaning |", "|---|---|---|---|"]
    for name, field in PlanOptions.model_fields.items():
        if name == "interpretation":
            continue
        value = getattr(default, name)
        shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f"| `{name}` | {allowed_values(field)} | `{shown}` | {_cell(field.description or '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(interpretation_markdown())
    print()
    print(planning_markdown())
