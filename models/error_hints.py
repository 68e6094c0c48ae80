"""How to fix each kind of validation problem: the second half of every input error message."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from grantstack.models.error_location import quoted
from grantstack.models.limits import MAX_YUAN, limits_text

__all__ = ["MATCH_ITSELF_FIX", "SCHEMA_HINT", "did_you_mean", "discriminator", "hint"]

SCHEMA_HINT = {
    "catalogue file": "schemas/catalogue.schema.json",
    "firm file": "schemas/firm.schema.json",
    "plan file": "schemas/plan.schema.json",
}
MATCH_ITSELF_FIX = "Point target_measure at the measure whose award is matched."
# How to fix what a model check reports: (fragment of its message, fix).
_VALIDATOR_FIXES = (
    ("informational entry has no 'amount'", "Remove 'amount', or set informational: false if the clause pays money."),
    ("municipal measure has no 'district'", "Remove 'district', or set level: district if a district pays it."),
    ("needs 'amount'", "Add an amount form (see schemas/catalogue.schema.json), or set informational: true."),
    ("can be optional", "Remove optional: true, or replace 'year' with a window: [first year, last year]."),
    ("cannot match itself", MATCH_ITSELF_FIX),
    ("must be a date written", "Write the date as YYYY-MM-DD, e.g. 2015-06-01."),
)
_TYPE_HINTS = {
    "int": "write a whole number without quotes, thousands separators or units, e.g. 500000 for RMB 500,000",
    "dict": "write a mapping (indented key: value lines, or {key: value}), not a list or a single value",
    "tuple": "write a list (lines starting with '- ', or [a, b])",
    "str": "write text",
    "bool": "write true or false",
    "date": "write a date as YYYY-MM-DD",
    "decimal": "write a number, e.g. 30 for 30%",
}
def did_you_mean(value: Any, choices: list[str], cutoff: float = 0.7) -> str:
    """"Did you mean 'x'? " for the choice closest to the value, or '' if none is close enough."""
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=cutoff)
    return f"Did you mean '{close[0]}'? " if close else ""


def discriminator(e: dict[str, Any]) -> str:
    """The key that says which member of a tagged union an entry is."""
    return str(e.get("ctx", {}).get("discriminator", "form")).strip("'")


def _value_error_fix(msg: str) -> str:
    """How to fix what a model check (a validator) reports."""
    for fragment, fix in _VALIDATOR_FIXES:
        if fragment in msg:
            return fix
    if "before" in msg or "exceed" in msg or "below" in msg or "ascending" in msg:
        return "Put the values in the right order (swap them or correct the one that is wrong)."
    if "unknown" in msg:
        return "Use an id defined in this file (check the spelling) or add the missing entry."
    if "duplicate" in msg:
        return "Give every entry its own id."
    if msg.startswith(("give ", "use ", "set ", "add ")):
        return "Change the entry as the message says."
    return "Change the entry so that this rule holds."


def _number_hint(kind: str, value: Any, ctx: dict[str, Any]) -> str:
    """How to fix a number of the wrong kind or beyond a limit ('' if the problem is of another kind)."""
    if kind in {"int_type", "int_parsing", "int_from_float"} and isinstance(value, bool):
        return "Write a whole number here, not true or false."
    if kind in {"int_type", "int_parsing", "int_from_float"} and isinstance(value, (float, Decimal)):
        whole = int(value) if Decimal(value).is_finite() else 0
        if abs(whole) > MAX_YUAN:
            return f"Write a whole number of at most {MAX_YUAN:,} (the limits: {limits_text()})."
        return f"Amounts and counts are whole numbers: write {whole} (no decimals), rounding to the yuan."
    if kind == "bool_type":
        return "Write true or false (not 1, 0, yes, no or text)."
    if kind == "decimal_max_places":
        return (f"Give at most {ctx.get('decimal_places')} decimal places (a figure with more cannot be used "
                "exactly); round it as the clause does.")
    if kind == "finite_number":
        return "Write a finite figure."
    if kind == "less_than_equal" and isinstance(value, int) and ctx.get("le", 0) >= MAX_YUAN:
        return (f"Write a figure of at most {MAX_YUAN:,} (the limits: {limits_text()}): check it for extra "
                "digits or a wrong unit.")
    return ""


def hint(e: dict[str, Any], field: str, owner: type[BaseModel] | None, what: str) -> str:
    """How to fix one pydantic error."""
    kind, value = e["type"], e.get("input")
    last = field.rsplit(".", 1)[-1].split("[")[0]
    if kind == "extra_forbidden":
        allowed = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(last, allowed, n=1, cutoff=0.75)
        did = f"did you mean '{close[0]}'? " if close else ""
        listed = f"Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"Remove it or correct the spelling ({did}see {SCHEMA_HINT.get(what, 'schemas/')}). {listed}"
    if kind == "missing":
        desc = ""
        if owner is not None and last in owner.model_fields:
            desc = owner.model_fields[last].description or ""
        return f"Add '{last}'" + (f" ({desc.rstrip('.')})." if desc else ".")
    number = _number_hint(kind, value, e.get("ctx", {}))
    if number:
        return number
    if kind == "less_than_equal" and "probabilit" in field:
        return "A probability is between 0 and 1: write 0.8 for 80%."
    if kind == "less_than_equal" and "percent" in field:
        return "A rate is written in percent and is at most 100: write 30 for 30%, not 0.3 or 130."
    if kind == "greater_than" and "percent" in field:
        return "A rate of 0 pays nothing: give the rate in the clause (e.g. 30 for 30%) or drop the measure."
    if kind in {"greater_than_equal", "greater_than"} and isinstance(value, (int, float)) and value < 0:
        return "Amounts, counts and thresholds cannot be negative: write the figure as a positive number."
    if kind == "string_pattern_mismatch":
        return ("Ids use lower-case letters, digits, '.', '_' and '-' only, starting with a letter or digit, "
                "e.g. tongzhou.art4.pilot_testing.")
    if kind in {"literal_error", "enum"}:
        return f"{did_you_mean(value, quoted(e['msg']))}Use one of the names listed (see docs/vocabulary.md)."
    if kind == "union_tag_invalid":
        return (f"{did_you_mean(value, quoted(e['msg'])[2:])}Set '{discriminator(e)}' to one of the listed names "
                f"(each is described in {SCHEMA_HINT.get(what, 'the JSON schemas under schemas/')}).")
    if kind == "union_tag_not_found":
        return (f"Add the key '{discriminator(e)}' saying which kind of entry this is "
                f"(see {SCHEMA_HINT.get(what, 'schemas/')}).")
    if kind == "value_error":
        return _value_error_fix(e["msg"])
    for key, text in _TYPE_HINTS.items():
        if kind.startswith(key) or kind.startswith(f"{key}_") or (key == "dict" and kind == "model_type"):
            return text[0].upper() + text[1:] + "."
    if kind == "too_short":
        return f"Give at least {e.get('ctx', {}).get('min_length', 1)} items."
    if kind == "too_long":
        return f"Give at most {e.get('ctx', {}).get('max_length', 1)} items."
    if kind.startswith(("less_than", "greater_than")):
        return "Give a value within the allowed range."
    return f"See {SCHEMA_HINT.get(what, 'the JSON schemas under schemas/')} for what the field takes."
