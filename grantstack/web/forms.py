"""The firm form: one field per figure and event setting, read back into a validated Firm with errors in place."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from grantstack.models.firm import Firm
from grantstack.models.input_errors import explain_validation
from grantstack.models.options import Interpretation, PlanOptions

__all__ = ["Field", "FirmForm", "firm_fields", "option_fields", "read_form"]

_SPAN = re.compile(r"^\s*(\d{4})\s*(?:-|–|to|\.\.)\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Field:
    """One input: its name (the path into the firm, dot-separated), label, kind, value and choices."""

    name: str
    label: str
    kind: str  # int, span, bool, select, year
    value: Any
    group: str
    choices: tuple[str, ...] = ()
    hint: str = ""

    @property
    def dom_id(self) -> str:
        """An id safe in HTML and CSS selectors."""
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", self.name)


@dataclass
class FirmForm:
    """A read-back form: the firm (if valid), options, horizon, and an error message per field name."""

    firm: Firm | None
    options: PlanOptions
    years: tuple[int, int]
    errors: dict[str, str] = field(default_factory=dict)
    paragraph: str = ""


def _span(value: tuple[int, int] | None) -> str:
    return f"{value[0]}-{value[1]}" if value else ""


def firm_fields(firm: Firm) -> list[Field]:
    """Every editable figure and event setting of the firm, grouped for display."""
    out: list[Field] = []
    for name, series in sorted(firm.metrics.items()):
        for year, value in sorted(series.items()):
            out.append(Field(f"metrics.{name}.{year}", f"{year}", "int", value, f"Figures: {name.replace('_', ' ')}"))
    for i, p in enumerate(firm.projects):
        group = f"Project: {p.title or p.id}"
        if p.start_window is not None:
            out.append(Field(f"projects.{i}.start_window", "start window", "span", _span(p.start_window), group,
                             hint="first-last year, e.g. 2026-2027"))  # fmt: skip
        else:
            out.append(Field(f"projects.{i}.start", "start year", "year", p.start, group))
        for cost, values in sorted(p.costs.items()):
            for k, v in enumerate(values):
                out.append(Field(f"projects.{i}.costs.{cost}.{k}", f"{cost.replace('_', ' ')} year {k + 1}", "int",
                                 v, group))  # fmt: skip
    for i, e in enumerate(firm.events):
        group = f"Event: {e.title or e.id}"
        if e.window is not None:
            out.append(Field(f"events.{i}.window", "window", "span", _span(e.window), group,
                             hint="first-last year the plan may choose from"))  # fmt: skip
            out.append(Field(f"events.{i}.optional", "may be skipped", "bool", e.optional, group))
        else:
            out.append(Field(f"events.{i}.year", "year", "year", e.year, group))
        out.append(Field(f"events.{i}.count", "count", "int", e.count, group))
        for name, v in sorted(e.values.items()):
            out.append(Field(f"events.{i}.values.{name}", name.replace("_", " "), "int", v, group))
        for mid, v in sorted(e.expected.items()):
            out.append(Field(f"events.{i}.expected.{mid}", f"expected from {mid}", "int", v, group))
    for mid, v in sorted(firm.expected.items()):
        out.append(Field(f"expected.{mid}", f"expected from {mid}", "int", v, "Expected amounts"))
    return out


def _choices(annotation: Any) -> tuple[str, ...]:
    if annotation is bool:
        return ("true", "false")
    return tuple(str(a) for a in typing.get_args(annotation))


def option_fields(options: PlanOptions) -> list[Field]:
    """A select per reading (interpretation option) and the planning options an advisor changes."""
    out = [
        Field(f"opt.{name}", name.replace("_", " "), "select", str(getattr(options.interpretation, name)).lower(),
              "Readings", _choices(f.annotation), f.description or "")
        for name, f in Interpretation.model_fields.items()
    ]  # fmt: skip
    for name in ("max_applications_per_year", "discount_rate", "use_probability"):
        f = PlanOptions.model_fields[name]
        value = getattr(options, name)
        kind = "select" if f.annotation is bool else "text"
        shown = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        out.append(Field(f"opt.{name}", name.replace("_", " "), kind, shown, "Planning", _choices(f.annotation)
                         if kind == "select" else (), f.description or ""))  # fmt: skip
    return out


def _set(data: Any, path: list[str], value: Any) -> None:
    for i, key in enumerate(path[:-1]):
        nxt: Any = int(key) if isinstance(data, list) else (int(key) if key.isdigit() and int(key) in data else key)
        data = data[nxt]
        if isinstance(data, tuple):  # pragma: no cover - dumps give lists
            raise TypeError(path[: i + 1])
    last = path[-1]
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[int(last) if last.isdigit() and int(last) in data else last] = value


def _lists(value: Any) -> Any:
    """A model dump with tuples as lists (so fields can be set), keys and values kept as they are."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def _parse(f: Field, raw: str | None) -> Any:
    text = (raw or "").strip().replace(",", "").replace("_", "")
    if f.kind == "bool":
        return raw is not None and raw not in ("", "false", "off")
    if f.kind == "span":
        m = _SPAN.match(text)
        if not m:
            raise ValueError("write two years, first-last, e.g. 2026-2028")
        return [int(m.group(1)), int(m.group(2))]
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError("write a whole number without units, e.g. 500000")
    return int(text)


def _loc_name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(x) for x in loc)


def read_form(firm: Firm, form: dict[str, str], source: str) -> FirmForm:
    """Apply the submitted fields to the firm; bad values get a message under their field, as the CLI words them."""
    from grantstack.cli_args import parse_options, parse_years

    errors: dict[str, str] = {}
    data = _lists(firm.model_dump(exclude_none=True))
    for f in firm_fields(firm):
        if f.kind != "bool" and f.name not in form:
            continue
        try:
            _set(data, f.name.split("."), _parse(f, form.get(f.name)))
        except ValueError as exc:
            errors[f.name] = str(exc)
    pairs = [f"{k[4:]}={v}" for k, v in form.items() if k.startswith("opt.") and v != ""]
    options, years = PlanOptions(), (2025, 2029)
    try:
        options = parse_options(pairs)
    except Exception as exc:  # noqa: BLE001 - InputError: shown beside the options
        errors["opt"] = str(exc)
    try:
        years = parse_years(form.get("years", "2025-2029"))
    except Exception as exc:  # noqa: BLE001 - InputError: shown beside the horizon
        errors["years"] = str(exc).replace("--years", "horizon")
    if errors:
        why = "Correct the fields marked below; the plan shown is the last valid one."
        return FirmForm(None, options, years, errors, why)
    try:
        return FirmForm(Firm.model_validate(data), options, years)
    except ValidationError as err:
        for e in err.errors():
            name = _loc_name(e["loc"])
            target = next((f.name for f in firm_fields(firm) if name.startswith(f.name) or f.name.startswith(name)),
                          "firm")  # fmt: skip
            errors.setdefault(target, e["msg"].removeprefix("Value error, "))
        paragraph = str(explain_validation(Path(source), data, err, "firm file", Firm))
        return FirmForm(None, options, years, errors, paragraph)
