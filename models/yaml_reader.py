"""Read a YAML or JSON input file safely into a mapping; a syntax error names the line, entry and field."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from grantstack.models import json_reader
from grantstack.models.error_location import entry_of, path_text
from grantstack.models.errors import InputError, clip, one_paragraph
from grantstack.models.file_reader import SourceText, read_source
from grantstack.models.strict_yaml import StrictSafeLoader

__all__ = ["parse_input", "read_input", "read_mapping"]

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?[\"']?(?P<key>[\w.\-]+)[\"']?\s*:")
_ID_LINE = re.compile(
    r"^(?P<indent>\s*)(?:-\s+)?[\"']?id[\"']?\s*:\s*[\"']?(?P<id>[^\"'#{}\[\],]+?)[\"']?\s*,?\s*(?:#.*)?$"
)
_MAPPING_NEEDED = "It must hold a YAML mapping (key: value lines); see the schemas under schemas/ for what goes in it."
_TABS_FIX = "Indent with spaces, never tabs."
# How to fix a YAML error: (fragment of its message, fix); the first that matches applies.
_YAML_FIXES = (
    ("constructor for the tag", "Tags such as !!python/... are refused: input files may hold only plain YAML values "
                                "(text, numbers, dates, lists and mappings); remove the tag."),
    ("not a real date", "Write an existing date as YYYY-MM-DD (month 1-12, a day the month has)."),
    ("duplicate key", "Give each key once per mapping (YAML would silently keep only the last value)."),
    ("plain decimal", "Write the number in plain decimal digits."),
    ("would be read as a boolean", "Write true or false, or quote text."),
    ("not a finite number", "Write a figure."),
    ("\\t", _TABS_FIX),
    ("\t", _TABS_FIX),
    ("tab character", _TABS_FIX),  # libyaml's wording
)
_YAML_FIX = "Fix the YAML syntax (indentation, colons, quotes, brackets) and load again."
_JSON_FIX = "Fix the JSON syntax (quotes, commas, brackets) and load again."


def _format_name(p: Path) -> str:
    """'JSON' for a .json file, 'YAML' for any other."""
    return "JSON" if p.suffix == ".json" else "YAML"


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
    return out + (f" (`{clip(line.strip(), 80)}`)" if line.strip() else "")


def _field_before(text: str, line_no: int) -> str:
    """', just after field 'x' (line 4)' for the nearest line above `line_no` that gives a key, or ''."""
    lines = text.splitlines()
    before = next((k for k in range(min(line_no, len(lines)) - 1, -1, -1) if _KEY_LINE.match(lines[k])), None)
    if before is None:
        return ""
    return f", just after field '{_KEY_LINE.match(lines[before])['key']}' (line {before + 1})"


def _yaml_problem(text: str, exc: Exception) -> tuple[str, str, int, str]:
    """Where a YAML error is (' at line .., column ..'), its message, its 0-based line and its context."""
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
    return where, msg, line_no, extra


def _syntax_error(p: Path, text: str, exc: Exception) -> InputError:
    """The InputError for a file that is not valid YAML or JSON."""
    if isinstance(exc, json.JSONDecodeError):
        where, msg, line_no, extra = f" at line {exc.lineno}, column {exc.colno}", exc.msg, exc.lineno - 1, ""
        fix = _JSON_FIX
    else:
        where, msg, line_no, extra = _yaml_problem(text, exc)
        fix = next((fix for fragment, fix in _YAML_FIXES if fragment in msg), _YAML_FIX)
    place = _where_in_text(text, line_no)
    if "field '" not in place and not extra:  # e.g. a stray comma or bracket: name the field on the line before
        place += _field_before(text, line_no)
    return InputError(one_paragraph(f"{p}: not valid {_format_name(p)}{where}{place}: {msg}{extra}. {fix}"))


def _duplicate_json_key(p: Path, exc: json_reader.DuplicateKeyError) -> InputError:
    """The InputError for a JSON object that gives a key twice (JSON would keep only the last value)."""
    loc = [*exc.at, exc.key]
    entry, depth = entry_of(exc.data, loc)
    field = path_text(loc[depth:]) or exc.key
    where = f"{entry}, field '{field}'" if entry else f"field '{path_text(loc)}'"
    return InputError(one_paragraph(
        f"{p}: not valid JSON: {where}: duplicate key '{clip(exc.key, 80)}' (the object gives it twice). "
        "Give each key once per object (JSON would silently keep only the last value)."
    ))


def _parse(src: SourceText) -> Any:
    """The document in the file; syntax errors become InputErrors naming line, entry and field."""
    p, text = src.path, src.text
    if not text.strip():
        raise InputError(f"{p}: the file is empty. {_MAPPING_NEEDED}")
    try:
        # StrictSafeLoader is a yaml.SafeLoader: tags that construct Python objects are refused.
        return json_reader.loads(text) if p.suffix == ".json" else yaml.load(text, Loader=StrictSafeLoader)
    except json_reader.DuplicateKeyError as exc:
        raise _duplicate_json_key(p, exc) from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise _syntax_error(p, text, exc) from None
    except RecursionError:
        raise InputError(f"{p}: the document is nested too deeply. Simplify it.") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value the parser cannot build, reported plainly
        raise InputError(one_paragraph(
            f"{p}: not valid {_format_name(p)}: {clip(str(exc), 200)}. Fix the value and load again."
        )) from None


def read_input(path: str | Path) -> tuple[SourceText, dict[Any, Any]]:
    """The file (path, text, SHA-256) and its top-level mapping; every problem is an InputError."""
    return parse_input(read_source(path))


def parse_input(src: SourceText) -> tuple[SourceText, dict[Any, Any]]:
    """The top-level mapping of text already in memory (e.g. an upload); `src.path` only names it in messages."""
    p = src.path
    data = _parse(src)
    if data is None:
        raise InputError(f"{p}: the file is empty (it holds only comments). {_MAPPING_NEEDED}")
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a single text value"}.get(type(data), f"a single {type(data).__name__} value")
        raise InputError(
            f"{p}: field '(top level)': the top level must be a mapping (key: value lines), but the file holds "
            f"{kind}. Put the content under its keys, e.g. 'measures:' in a catalogue file, 'id:' and "
            "'district:' in a firm file."
        )
    return src, data


def read_mapping(path: str | Path) -> tuple[Path, dict[Any, Any]]:
    """The path and the top-level mapping of a YAML or JSON file; every problem is an InputError."""
    src, data = read_input(path)
    return src.path, data
