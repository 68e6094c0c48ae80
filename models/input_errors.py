"""InputError, and the one-paragraph messages explaining why a file's content was refused.

A message names the file, the entry (by id where it has one) and the field, says what is wrong with
the value found, and how to fix it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from grantstack.models.catalogue import CataloguePackage
from grantstack.models.error_hints import MATCH_ITSELF_FIX, SCHEMA_HINT, did_you_mean, discriminator, hint
from grantstack.models.error_location import ENTRY_KIND, entry_of, is_model, path_text, resolve, validator_field
from grantstack.models.errors import InputError, clip, one_paragraph
from grantstack.models.names import NAMES_FIX

__all__ = [
    "InputError", "clip", "explain_catalogue", "explain_names", "explain_problems", "explain_validation",
    "one_paragraph",
]

# A catalogue consistency problem as models.catalogue reports it: "'owner': field: what is wrong".
_PROBLEM = re.compile(r"^'(?P<owner>[^']+)': (?P<field>[\w.\[\]]+): (?P<what>.*)$")
_RULE_LISTS = ("measures", "groups", "ladders", "caps", "no_repeat")


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
        loc = [*loc, discriminator(e)]
    entry, depth = entry_of(data, loc)
    field = path_text(loc[depth:]) if len(loc) > depth else ""
    if not field:
        field = "(top level)" if not loc else path_text(loc)
    value = e.get("input")
    got = ""
    if kind not in {"missing", "value_error"} and not isinstance(value, (dict, list)):
        shown = str(value) if isinstance(value, Decimal) else repr(value)
        got = f" (got {clip(shown, 60)})"
    where = f"{entry}, field '{field}'" if entry else f"field '{field}'"
    return f"{where}: {msg}{got}. {hint(e, field, owner, what)}"


def explain_validation(path: Path, data: Any, err: ValidationError, what: str, root: type[BaseModel]) -> InputError:
    """One InputError describing (up to eight of) the problems pydantic found in a file's data."""
    errors = err.errors()
    parts = []
    for e in errors[:8]:
        try:
            parts.append(_describe(data, e, root, what))
        except Exception:  # noqa: BLE001 - a message must come out whatever the input looked like
            parts.append(f"field '{path_text(tuple(e['loc']))}': {e['msg']}. See {SCHEMA_HINT.get(what)}.")
    text = parts[0] if len(parts) == 1 else " ".join(f"({i}) {p}" for i, p in enumerate(parts, 1))
    more = f" (and {len(errors) - 8} more problems)" if len(errors) > 8 else ""
    problems = "a problem" if len(errors) == 1 else f"{len(errors)} problems"
    return InputError(one_paragraph(f"{path}: invalid {what}, {problems}: {text}{more}"))


def _reference_fix(what: str, ids: list[str]) -> str:
    """How to fix a dangling or wrong reference between catalogue entries."""
    ref = re.search(r"unknown (?:measure(?: or ladder)?) '([^']+)'", what)
    if ref:
        return (f"{did_you_mean(ref[1], ids, cutoff=0.6)}Use the id of a measure defined in the catalogue "
                "(check the spelling) or add that measure.")
    if "not an event measure" in what:
        return "List only measures with subject: event here."
    if "match itself" in what:
        return MATCH_ITSELF_FIX
    if "listed twice" in what:
        return "List each tier once, from the lowest to the highest."
    if "matching cycle" in what:
        return "Point one of them at the award it really matches (a catalogue measure outside the cycle, or an " \
               "external award with target_value)."
    if "bonus cycle" in what or "bonus on itself" in what:
        return "Point each bonus (bonus_to) at the main measure it tops up, never at itself or at another bonus."
    if "ladder cycle" in what or "also a tier of ladder" in what:
        return "List each ladder's tiers from the lowest to the highest, and put each measure in one ladder."
    if "is listed" in what:
        return "List each id once."
    if "its tier" in what:
        return "List the ladder (one policy), or the tier, not both."
    if "never pays" in what or "pays nothing to match" in what:
        return "Point it at a measure of the same subject kind that pays money."
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


def explain_problems(path: Path | str, data: Any, problems: list[tuple[tuple[Any, ...], str]], headline: str,
                     fix: str = "") -> InputError:
    """One InputError listing (up to eight) problems, each with its entry and field, then how to fix them."""
    parts = []
    for loc, wrong in problems[:8]:
        entry, depth = entry_of(data, list(loc))
        field = path_text(loc[depth:]) or path_text(loc)
        where = ", ".join(x for x in (entry, f"field '{field}'" if field else "") if x)
        parts.append(f"{where}: {wrong}" if where else wrong)
    text = parts[0] if len(parts) == 1 else " ".join(f"({i}) {p}" for i, p in enumerate(parts, 1))
    more = f" (and {len(problems) - 8} more)" if len(problems) > 8 else ""
    n = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
    return InputError(one_paragraph(f"{path}: {headline}, {n}: {text}{more} {fix}".rstrip()))


def explain_names(path: Path, data: Any, problems: list[tuple[tuple[Any, ...], str]], what: str) -> InputError:
    """One InputError listing (up to eight) names that are not in the vocabulary, each with its entry and field."""
    return explain_problems(path, data, problems, f"names in this {what} not in the vocabulary", NAMES_FIX)
