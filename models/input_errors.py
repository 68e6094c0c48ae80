"""InputError, and the one-paragraph messages explaining why a file's content was refused.

A message names the file, the entry (by id where it has one) and the field, says what is wrong with
the value found, and how to fix it.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from grantstack.models.catalogue import CataloguePackage
from grantstack.models.error_location import ENTRY_KIND, entry_of, is_model, path_text, quoted, resolve, validator_field

__all__ = ["InputError", "clip", "explain_catalogue", "explain_validation", "one_paragraph"]

_SCHEMA_HINT = {
    "catalogue file": "schemas/catalogue.schema.json",
    "firm file": "schemas/firm.schema.json",
    "plan file": "schemas/plan.schema.json",
}
_MATCH_ITSELF_FIX = "Point target_measure at the measure whose award is matched."
# How to fix what a model check reports: (fragment of its message, fix).
_VALIDATOR_FIXES = (
    ("informational entry has no 'amount'", "Remove 'amount', or set informational: false if the clause pays money."),
    ("municipal measure has no 'district'", "Remove 'district', or set level: district if a district pays it."),
    ("needs 'amount'", "Add an amount form (see schemas/catalogue.schema.json), or set informational: true."),
    ("can be optional", "Remove optional: true, or replace 'year' with a window: [first year, last year]."),
    ("cannot match itself", _MATCH_ITSELF_FIX),
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
# A catalogue consistency problem as models.catalogue reports it: "'owner': field: what is wrong".
_PROBLEM = re.compile(r"^'(?P<owner>[^']+)': (?P<field>[\w.\[\]]+): (?P<what>.*)$")
_RULE_LISTS = ("measures", "groups", "ladders", "caps", "no_repeat")


class InputError(Exception):
    """Bad input: the message names the file, the entry and the field, and says how to fix it."""


def one_paragraph(text: str) -> str:
    """The text with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """The text cut to `limit` characters, with '...' if anything was cut."""
    return f"{text[:limit]}{'...' if len(text) > limit else ''}"


def _did_you_mean(value: Any, choices: list[str], cutoff: float = 0.7) -> str:
    """"Did you mean 'x'? " for the choice closest to the value, or '' if none is close enough."""
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=cutoff)
    return f"Did you mean '{close[0]}'? " if close else ""


def _discriminator(e: dict[str, Any]) -> str:
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


def _hint(e: dict[str, Any], field: str, owner: type[BaseModel] | None, what: str) -> str:
    """How to fix one pydantic error."""
    kind, value = e["type"], e.get("input")
    last = field.rsplit(".", 1)[-1].split("[")[0]
    if kind == "extra_forbidden":
        allowed = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(last, allowed, n=1, cutoff=0.75)
        did = f"did you mean '{close[0]}'? " if close else ""
        listed = f"Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"Remove it or correct the spelling ({did}see {_SCHEMA_HINT.get(what, 'schemas/')}). {listed}"
    if kind == "missing":
        desc = ""
        if owner is not None and last in owner.model_fields:
            desc = owner.model_fields[last].description or ""
        return f"Add '{last}'" + (f" ({desc.rstrip('.')})." if desc else ".")
    if kind in {"int_type", "int_parsing", "int_from_float"} and isinstance(value, float):
        return f"Amounts and counts are whole numbers: write {int(value)} (no decimals), rounding to the yuan."
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
        return f"{_did_you_mean(value, quoted(e['msg']))}Use one of the names listed (see docs/vocabulary.md)."
    if kind == "union_tag_invalid":
        return (f"{_did_you_mean(value, quoted(e['msg'])[2:])}Set '{_discriminator(e)}' to one of the listed names "
                f"(each is described in {_SCHEMA_HINT.get(what, 'the JSON schemas under schemas/')}).")
    if kind == "union_tag_not_found":
        return (f"Add the key '{_discriminator(e)}' saying which kind of entry this is "
                f"(see {_SCHEMA_HINT.get(what, 'schemas/')}).")
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
    return f"See {_SCHEMA_HINT.get(what, 'the JSON schemas under schemas/')} for what the field takes."


def _plain(msg: str) -> str:
    """A pydantic error message reworded for people who write the files, not the code."""
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = msg.replace("Input should be", "must be").replace("Extra inputs are not permitted", "unknown field")
    msg = re.sub(r" or instance of \w+", "", msg).replace(" after validation", "")
    msg = re.sub(r"Input tag (.*) found using '(\w+)' does not match any of the expected tags: (.*)",
                 r"unknown \2 \1; the \2 must be one of \3", msg)
    msg = re.sub(r"Unable to extract tag using discriminator '(\w+)'", r"the key '\1' is missing", msg)
    return msg.replace("String should match pattern", "must be an id matching").replace("Tuple should", "must")


def _describe(data: Any, e: dict[str, Any], root: type[BaseModel], what: str) -> str:
    """One pydantic error as 'entry, field: what is wrong (got value). How to fix it.'"""
    loc, tp, owner = resolve(root, tuple(e["loc"]))
    kind = e["type"]
    msg = "required field is missing" if kind == "missing" else _plain(e["msg"])
    if kind == "value_error" and (is_model(tp) or not loc):
        located = validator_field(msg, tp if is_model(tp) else root, data, loc)
        if located is not None:
            loc = located
            _, _, owner = resolve(root, tuple(loc))
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        loc = [*loc, _discriminator(e)]
    entry, depth = entry_of(data, loc)
    field = path_text(loc[depth:]) if len(loc) > depth else ""
    if not field:
        field = "(top level)" if not loc else path_text(loc)
    value = e.get("input")
    got = ""
    if kind not in {"missing", "value_error"} and not isinstance(value, (dict, list)):
        got = f" (got {clip(repr(value), 60)})"
    where = f"{entry}, field '{field}'" if entry else f"field '{field}'"
    return f"{where}: {msg}{got}. {_hint(e, field, owner, what)}"


def explain_validation(path: Path, data: Any, err: ValidationError, what: str, root: type[BaseModel]) -> InputError:
    """One InputError describing (up to eight of) the problems pydantic found in a file's data."""
    errors = err.errors()
    parts = []
    for e in errors[:8]:
        try:
            parts.append(_describe(data, e, root, what))
        except Exception:  # noqa: BLE001 - a message must come out whatever the input looked like
            parts.append(f"field '{path_text(tuple(e['loc']))}': {e['msg']}. See {_SCHEMA_HINT.get(what)}.")
    text = parts[0] if len(parts) == 1 else " ".join(f"({i}) {p}" for i, p in enumerate(parts, 1))
    more = f" (and {len(errors) - 8} more problems)" if len(errors) > 8 else ""
    problems = "a problem" if len(errors) == 1 else f"{len(errors)} problems"
    return InputError(one_paragraph(f"{path}: invalid {what}, {problems}: {text}{more}"))


def _reference_fix(what: str, ids: list[str]) -> str:
    """How to fix a dangling or wrong reference between catalogue entries."""
    ref = re.search(r"unknown (?:measure(?: or ladder)?) '([^']+)'", what)
    if ref:
        return (f"{_did_you_mean(ref[1], ids, cutoff=0.6)}Use the id of a measure defined in the catalogue "
                "(check the spelling) or add that measure.")
    if "not an event measure" in what:
        return "List only measures with subject: event here."
    if "match itself" in what:
        return _MATCH_ITSELF_FIX
    if "listed twice" in what:
        return "List each tier once, from the lowest to the highest."
    return "Fix the reference."


def explain_catalogue(
    files: list[Path], packages: list[CataloguePackage], err: ValidationError, context: str
) -> InputError:
    """One InputError explaining duplicate ids and dangling references, naming the file and entry of each."""
    places: dict[str, list[str]] = {}
    ids: list[str] = []
    for f, pkg in zip(files, packages, strict=True):
        for lst in _RULE_LISTS:
            for i, x in enumerate(getattr(pkg, lst, ())):
                prefix = f"{f}: " if len(files) > 1 else ""
                places.setdefault(x.id, []).append(f"{prefix}{ENTRY_KIND[lst]} '{x.id}' ({lst}[{i}])")
                ids.append(x.id)
    raw = [p.strip() for e in err.errors() for p in e["msg"].removeprefix("Value error, ").split("; ")]
    out = []
    for problem in raw:
        m = _PROBLEM.match(problem)
        if m is None:
            out.append(f"{problem}. Check the files {', '.join(str(f) for f in files)}.")
            continue
        owner, field, what = m["owner"], m["field"], m["what"]
        where = places.get(owner, [f"'{owner}'"])
        if what.startswith("duplicate id"):
            out.append(f"{' and '.join(where)}, field '{field}': the id '{owner}' is used by {len(where)} entries. "
                       "Give every entry its own id; to replace a bundled entry, put the new one in an overlay file "
                       "(load_catalogue(overlay=...)) instead.")
            continue
        out.append(f"{where[-1]}, field '{field}': {what}. {_reference_fix(what, ids)}")
    return InputError(one_paragraph(f"{context}: {' '.join(out)}"))
