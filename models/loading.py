"""Read catalogue, firm and plan files safely; every problem becomes one clear InputError.

An InputError message is one paragraph: it names the file, the entry (by id where it has one)
and the field, says what is wrong with the value found, and how to fix it.
"""

from __future__ import annotations

import difflib
import json
import re
import types
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from models.catalogue import Catalogue, CataloguePackage
from models.firm import Firm
from models.plan import Plan

__all__ = [
    "InputError",
    "bundled_catalogue_paths",
    "load_catalogue",
    "load_firm",
    "load_plan",
    "read_document",
]

T = TypeVar("T", bound=BaseModel)

_SCHEMA_HINT = {
    "catalogue file": "schemas/catalogue.schema.json",
    "firm file": "schemas/firm.schema.json",
    "plan file": "schemas/plan.schema.json",
}
# What an entry in a top-level list is called in messages.
_ENTRY_KIND = {
    "measures": "measure",
    "groups": "group",
    "ladders": "ladder",
    "caps": "shared cap",
    "no_repeat": "no-repeat rule",
    "projects": "project",
    "events": "event",
    "history": "history entry",
    "statuses": "status record",
    "applications": "application",
}
# How to fix what a model check reports: (fragment of its message, fix).
_VALIDATOR_FIXES = (
    ("informational entry has no 'amount'", "Remove 'amount', or set informational: false if the clause pays money."),
    ("municipal measure has no 'district'", "Remove 'district', or set level: district if a district pays it."),
    ("needs 'amount'", "Add an amount form (see schemas/catalogue.schema.json), or set informational: true."),
    ("can be optional", "Remove optional: true, or replace 'year' with a window: [first year, last year]."),
    ("cannot match itself", "Point target_measure at the measure whose award is matched."),
)
# Validator messages that do not name the field they are about: (fragment, field).
_VALIDATOR_FIELD = (
    ("strictly ascending", "steps"),
    ("can be optional", "optional"),
    ("horizon ends before", "years"),
    ("window ends", "window"),
)


class InputError(Exception):
    """Bad input: the message names the file, the entry and the field, and says how to fix it."""


# --------------------------------------------------------------------------- reading


class _StrictSafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader that also refuses a key given twice in one mapping (YAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; the base class reports it
                break
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"found duplicate key '{key}' (first given at line {seen[key].line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date or time ({exc})", node.start_mark
            ) from None


_StrictSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictSafeLoader.construct_yaml_timestamp)


_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?[\"']?(?P<key>[\w.\-]+)[\"']?\s*:")
_ID_LINE = re.compile(
    r"^(?P<indent>\s*)(?:-\s+)?[\"']?id[\"']?\s*:\s*[\"']?(?P<id>[^\"'#{}\[\],]+?)[\"']?\s*,?\s*(?:#.*)?$"
)


def _shown(line: str) -> str:
    line = line.strip()
    return f"`{line[:80]}{'...' if len(line) > 80 else ''}`"


def _where_in_text(text: str, line_no: int, entry: bool = True) -> str:
    """', in entry 'x' (line 5), field 'title' (`title: ...`)' for a line of a file that failed to parse."""
    lines = text.splitlines()
    if not 0 <= line_no < len(lines):
        return ""
    line = lines[line_no].expandtabs(4)
    out = ""
    key = _KEY_LINE.match(line)
    depth = len(line) - len(line.lstrip()) if line.strip() else 0
    for k in range(line_no, -1, -1):
        m = _ID_LINE.match(lines[k])
        if entry and m and len(m["indent"].expandtabs(4)) <= depth:
            out += f", in entry '{m['id'].strip()}' (line {k + 1})"
            break
    if key:
        out += f", field '{key['key']}'"
    return out + (f" ({_shown(line)})" if line.strip() else "")


def _syntax_error(p: Path, text: str, exc: Exception) -> InputError:
    if isinstance(exc, json.JSONDecodeError):
        where, msg, line_no = f" at line {exc.lineno}, column {exc.colno}", exc.msg, exc.lineno - 1
        fix = "Fix the JSON syntax (quotes, commas, brackets) and load again."
        extra = ""
    else:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        line_no = mark.line if mark else -1
        msg = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        extra = ""
        if context and "duplicate key" not in msg:
            extra = f" ({context}"
            if cmark is not None and mark is not None and cmark.line != mark.line:
                main_has_entry = "in entry" in _where_in_text(text, line_no)
                extra += f" that starts at line {cmark.line + 1}"
                extra += _where_in_text(text, cmark.line, entry=not main_has_entry)
            extra += ")"
        if "constructor for the tag" in msg:
            fix = (
                "Tags such as !!python/... are refused: input files may hold only plain YAML values "
                "(text, numbers, dates, lists and mappings); remove the tag."
            )
        elif "not a real date" in msg:
            fix = "Write an existing date as YYYY-MM-DD (month 1-12, a day the month has)."
        elif "duplicate key" in msg:
            fix = "Give each key once per mapping (YAML would silently keep only the last value)."
        elif "\\t" in msg or "\t" in msg:
            fix = "Indent with spaces, never tabs."
        else:
            fix = "Fix the YAML syntax (indentation, colons, quotes, brackets) and load again."
    kind = "JSON" if p.suffix == ".json" else "YAML"
    place = _where_in_text(text, line_no)
    if "field '" not in place and not extra:  # e.g. a stray comma or bracket: name the field on the line before
        lines = text.splitlines()
        before = next((k for k in range(min(line_no, len(lines)) - 1, -1, -1) if _KEY_LINE.match(lines[k])), None)
        if before is not None:
            place += f", just after field '{_KEY_LINE.match(lines[before])['key']}' (line {before + 1})"
    text_out = f"{p}: not valid {kind}{where}{place}: {msg}{extra}. {fix}"
    return InputError(" ".join(text_out.split()))


def _read(path: str | Path) -> tuple[Path, str, Any]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: file not found. Check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not a file. Give the path of a .yaml or .json file.") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.reason} at byte {exc.start}). "
                         "Save it as UTF-8 text.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}). Check the path and permissions.") \
            from None
    if not text.strip():
        raise InputError(f"{p}: the file is empty. It must hold a YAML mapping (key: value lines); "
                         "see the schemas under schemas/ for what goes in it.")
    try:
        # _StrictSafeLoader is a yaml.SafeLoader: tags that construct Python objects are refused.
        data = json.loads(text) if p.suffix == ".json" else yaml.load(text, Loader=_StrictSafeLoader)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise _syntax_error(p, text, exc) from None
    except RecursionError:
        raise InputError(f"{p}: the document is nested too deeply. Simplify it.") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value PyYAML cannot build, reported plainly
        raise InputError(" ".join(f"{p}: not valid {'JSON' if p.suffix == '.json' else 'YAML'}: {exc}. "
                                  "Correct the value and load again.".split())) from None
    if data is None:
        raise InputError(f"{p}: the file is empty (it holds only comments). It must hold a YAML mapping "
                         "(key: value lines); see the schemas under schemas/ for what goes in it.")
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a single text value"}.get(type(data), f"a single {type(data).__name__} value")
        raise InputError(
            f"{p}: field '(top level)': the top level must be a mapping (key: value lines), but the file holds "
            f"{kind}. Put the content under its keys, e.g. 'measures:' in a catalogue file, 'id:' and "
            "'district:' in a firm file."
        )
    return p, text, data


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file with a safe loader (no tags that construct objects, no repeated keys)."""
    return _read(path)[2]


# --------------------------------------------------------------------------- locating an error


def _unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...] around a type."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType) and type(None) in get_args(tp):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return Union[tuple(rest)]  # noqa: UP007
            tp = rest[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tag_member(members: tuple[Any, ...], tag: Any) -> Any:
    """The member of a discriminated union whose Literal tag field equals `tag`."""
    for m in members:
        m = _unwrap(m)
        if not _is_model(m):
            continue
        for f in m.model_fields.values():
            if get_origin(f.annotation) is Literal and get_args(f.annotation) == (tag,):
                return m
    return None


def _resolve(root: type[BaseModel], loc: tuple[Any, ...]) -> tuple[list[Any], Any, type[BaseModel] | None]:
    """Clean a pydantic location (drop union tags and '[key]' markers).

    Returns the cleaned location, the type found there (None if unknown), and the model that owns the
    last element (for an unknown field: the model in which it was given).
    """
    tp: Any = root
    clean: list[Any] = []
    owner: type[BaseModel] | None = root if not loc else None
    i = 0
    while i < len(loc):
        key = loc[i]
        tp = _unwrap(tp)
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            member = _tag_member(get_args(tp), key)
            tp = member
            i += 1
            if member is not None or (isinstance(key, str) and not key.isidentifier()):
                continue  # a union tag or a union-member label: not part of the input's path
            clean.append(key)
            continue
        if key == "[key]":
            i += 1
            continue
        clean.append(key)
        owner = None
        if _is_model(tp):
            owner = tp
            field = tp.model_fields.get(key) if isinstance(key, str) else None
            tp = field.annotation if field is not None else None
        elif origin is tuple:
            args = get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                tp = args[0]
            elif isinstance(key, int) and 0 <= key < len(args):
                tp = args[key]
            else:
                tp = None
        elif origin is dict:
            tp = None if i + 1 < len(loc) and loc[i + 1] == "[key]" else get_args(tp)[1]
        else:
            tp = None
        i += 1
    return clean, (_unwrap(tp) if tp is not None else None), owner


def _path(loc: list[Any] | tuple[Any, ...]) -> str:
    out = ""
    for k in loc:
        if isinstance(k, int) or (isinstance(k, str) and not re.fullmatch(r"[A-Za-z_]\w*", k)):
            out += f"[{k}]"
        else:
            out += f".{k}" if out else str(k)
    return out


def _at(data: Any, loc: list[Any] | tuple[Any, ...]) -> tuple[bool, Any]:
    node = data
    for k in loc:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, node


def _entry(data: Any, loc: list[Any]) -> tuple[str, int]:
    """Name the entry a location points into, and how many location steps it spans.

    'measure 'x' (measures[3])' for an entry with an id; 'applications[2]' for a list item without one;
    "firm 'acme'" for a firm file's own fields; '' at the top level of a file without an id.
    """
    node, best, depth = data, "", 0
    if isinstance(data, dict) and isinstance(data.get("id"), str) and len(loc) > 0:
        best = f"firm '{data['id']}'" if "district" in data or "projects" in data or "events" in data \
            else f"'{data['id']}'"
    for i, key in enumerate(loc[:-1]):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(key, int) and i >= 1:
            kind = _ENTRY_KIND.get(str(loc[i - 1]), "entry") if i == 1 else "entry"
            here = _path(loc[: i + 1])
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                best, depth = f"{kind} '{node['id']}' ({here})", i + 1
            elif i == 1:
                best, depth = f"{kind} {here}", i + 1
    return best, depth


def _quoted(msg: str) -> list[str]:
    return re.findall(r"'([^']+)'", msg)


def _find_values(node: Any, wanted: set[str], at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (location, scalar) in the data whose value is one of `wanted`."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _find_values(v, wanted, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _find_values(v, wanted, (*at, i))
    elif isinstance(node, str) and node in wanted:
        yield at, node


def _validator_field(msg: str, model: type[BaseModel] | None, data: Any, loc: list[Any]) -> list[Any] | None:
    """For a check spanning a whole entry, the field it is about (as a location), if it can be told."""
    fields = list(model.model_fields) if model is not None else []
    for fragment, field in _VALIDATOR_FIELD:
        if fragment in msg:
            for name in (field, f"start_{field}"):
                if name in fields:
                    return [*loc, name]
    quoted = _quoted(msg)
    for q in quoted:
        if q in fields:
            return [*loc, q]
    # A check naming ids (an unknown reference, a duplicate id): point at the last id it names.
    found, node = _at(data, loc)
    if found and quoted:
        hits = list(_find_values(node, set(quoted)))
        if hits:
            last = quoted[-1]
            spots = [h for h, v in hits if v == last] or [h for h, _ in hits]
            # A duplicate is about an id field; an unknown reference about the field that refers.
            ids = [h for h in spots if h and h[-1] == "id"]
            refs = [h for h in spots if not h or h[-1] != "id"]
            spots = (ids or spots) if "duplicate" in msg else (refs or spots)
            return [*loc, *spots[-1]]
    words = re.findall(r"[a-z_]+", msg)
    for w in words:
        if w in fields:
            return [*loc, w]
    spaced = {f.replace("_", " "): f for f in fields if "_" in f}
    for phrase, f in spaced.items():
        if phrase in msg:
            return [*loc, f]
    return None


_TYPE_HINTS = {
    "int": "write a whole number without quotes, thousands separators or units, e.g. 500000 for RMB 500,000",
    "dict": "write a mapping (indented key: value lines, or {key: value}), not a list or a single value",
    "tuple": "write a list (lines starting with '- ', or [a, b])",
    "str": "write text",
    "bool": "write true or false",
    "date": "write a date as YYYY-MM-DD",
    "decimal": "write a number, e.g. 30 for 30%",
}


def _hint(e: dict[str, Any], field: str, owner: type[BaseModel] | None, what: str) -> str:
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
        choices = re.findall(r"'([^']+)'", e["msg"])
        return f"{_did_you_mean(value, choices)}Use one of the names listed (see docs/vocabulary.md)."
    if kind == "union_tag_invalid":
        tag = str(e.get("ctx", {}).get("discriminator", "form")).strip("'")
        return (f"{_did_you_mean(value, _quoted(e['msg'])[2:])}Set '{tag}' to one of the listed names "
                f"(each is described in {_SCHEMA_HINT.get(what, 'the JSON schemas under schemas/')}).")
    if kind == "union_tag_not_found":
        tag = str(e.get("ctx", {}).get("discriminator", "form")).strip("'")
        return f"Add the key '{tag}' saying which kind of entry this is (see {_SCHEMA_HINT.get(what, 'schemas/')})."
    if kind == "value_error":
        msg = e["msg"]
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


def _did_you_mean(value: Any, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.7)
    return f"Did you mean '{close[0]}'? " if close else ""


def _describe(data: Any, e: dict[str, Any], root: type[BaseModel], what: str) -> str:
    loc, tp, owner = _resolve(root, tuple(e["loc"]))
    kind = e["type"]
    msg = e["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = msg.replace("Input should be", "must be").replace("Extra inputs are not permitted", "unknown field")
    msg = re.sub(r" or instance of \w+", "", msg).replace(" after validation", "")
    msg = re.sub(r"Input tag (.*) found using '(\w+)' does not match any of the expected tags: (.*)",
                 r"unknown \2 \1; the \2 must be one of \3", msg)
    msg = re.sub(r"Unable to extract tag using discriminator '(\w+)'", r"the key '\1' is missing", msg)
    msg = msg.replace("String should match pattern", "must be an id matching").replace("Tuple should", "must")
    if kind == "missing":
        msg = "required field is missing"
    if kind == "value_error" and (_is_model(tp) or not loc):
        located = _validator_field(msg, tp if _is_model(tp) else root, data, loc)
        if located is not None:
            loc = located
            _, _, owner = _resolve(root, tuple(loc))
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        loc = [*loc, str(e.get("ctx", {}).get("discriminator", "form")).strip("'")]
    entry, depth = _entry(data, loc)
    field = _path(loc[depth:]) if len(loc) > depth else ""
    if not field:
        field = "(top level)" if not loc else _path(loc)
    value = e.get("input")
    got = ""
    if kind not in {"missing", "value_error"} and not isinstance(value, (dict, list)):
        shown = repr(value)
        got = f" (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    where = f"{entry}, field '{field}'" if entry else f"field '{field}'"
    return f"{where}: {msg}{got}. {_hint(e, field, owner, what)}"


def _explain(path: Path, data: Any, err: ValidationError, what: str, root: type[BaseModel]) -> InputError:
    errors = err.errors()
    parts = []
    for e in errors[:8]:
        try:
            parts.append(_describe(data, e, root, what))
        except Exception:  # noqa: BLE001 - a message must come out whatever the input looked like
            parts.append(f"field '{_path(tuple(e['loc']))}': {e['msg']}. See {_SCHEMA_HINT.get(what)}.")
    text = parts[0] if len(parts) == 1 else " ".join(f"({i}) {p}" for i, p in enumerate(parts, 1))
    more = f" (and {len(errors) - 8} more problems)" if len(errors) > 8 else ""
    problems = "a problem" if len(errors) == 1 else f"{len(errors)} problems"
    return InputError(" ".join(f"{path}: invalid {what}, {problems}: {text}{more}".split()))


def _parse(path: str | Path, model: type[T], what: str) -> T:
    p, text, data = _read(path)
    try:
        # JSON keys are always text: let pydantic read them as JSON so year keys become numbers.
        return model.model_validate_json(json.dumps(data)) if p.suffix == ".json" else model.model_validate(data)
    except ValidationError as err:
        raise _explain(p, data, err, what, model) from None


# --------------------------------------------------------------------------- catalogue consistency

_PROBLEM = re.compile(r"^'(?P<owner>[^']+)': (?P<field>[\w.\[\]]+): (?P<what>.*)$")
_RULE_LISTS = ("measures", "groups", "ladders", "caps", "no_repeat")


def _catalogue_error(files: list[Path], packages: list[CataloguePackage], err: ValidationError, context: str) -> str:
    """Explain duplicate ids and dangling references, naming the file and entry of each."""
    places: dict[str, list[str]] = {}
    ids: list[str] = []
    for f, pkg in zip(files, packages, strict=True):
        for lst in _RULE_LISTS:
            for i, x in enumerate(getattr(pkg, lst, ())):
                prefix = f"{f}: " if len(files) > 1 else ""
                places.setdefault(x.id, []).append(f"{prefix}{_ENTRY_KIND[lst]} '{x.id}' ({lst}[{i}])")
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
        hint = "Fix the reference."
        ref = re.search(r"unknown (?:measure(?: or ladder)?) '([^']+)'", what)
        if ref:
            close = difflib.get_close_matches(ref[1], ids, n=1)
            did = f"Did you mean '{close[0]}'? " if close else ""
            hint = f"{did}Use the id of a measure defined in the catalogue (check the spelling) or add that measure."
        elif "not an event measure" in what:
            hint = "List only measures with subject: event here."
        elif "match itself" in what:
            hint = "Point target_measure at the measure whose award is matched."
        elif "listed twice" in what:
            hint = "List each tier once, from the lowest to the highest."
        out.append(f"{where[-1]}, field '{field}': {what}. {hint}")
    return " ".join(f"{context}: {' '.join(out)}".split())


def bundled_catalogue_paths() -> list[Path]:
    """The Beijing catalogue files shipped with the package, in seed order."""
    folder = resources.files("scenarios") / "catalogue"
    return sorted(Path(str(folder)).glob("*.yaml"))


def load_catalogue(
    paths: list[str | Path] | None = None, overlay: str | Path | None = None, replace: bool = False
) -> Catalogue:
    """Load the bundled catalogue (or the given files), then lay a user's file over it or replace it."""
    files = [Path(p) for p in (paths if paths is not None else bundled_catalogue_paths())]
    packages = [_parse(f, CataloguePackage, "catalogue file") for f in files]
    try:
        catalogue = Catalogue.from_packages(packages)
    except ValidationError as err:
        context = f"{files[0]}: inconsistent catalogue" if len(files) == 1 else "inconsistent catalogue"
        raise InputError(_catalogue_error(files, packages, err, context)) from None
    if overlay is None:
        return catalogue
    over = Path(overlay)
    extra = _parse(over, CataloguePackage, "catalogue file")
    try:
        laid = Catalogue.from_packages([extra])
    except ValidationError as err:
        raise InputError(_catalogue_error([over], [extra], err, f"{over}: inconsistent overlay")) from None
    try:
        return catalogue.layered(laid, replace=replace)
    except ValidationError as err:
        context = f"{over}: inconsistent with the catalogue it is laid over"
        raise InputError(_catalogue_error([*files, over], [*packages, extra], err, context)) from None


def load_firm(path: str | Path) -> Firm:
    """Load and validate a firm file."""
    return _parse(path, Firm, "firm file")


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan file (JSON or YAML), e.g. one drafted by hand."""
    p, _, data = _read(path)
    if "plan" in data and isinstance(data["plan"], dict):
        data = data["plan"]
    try:
        return Plan.model_validate_json(json.dumps(data, default=str)) if p.suffix == ".json" \
            else Plan.model_validate(data)
    except ValidationError as err:
        raise _explain(p, data, err, "plan file", Plan) from None
