"""A safe YAML loader that reads every value exactly or refuses it.

PyYAML's safe loader follows YAML 1.1, which reads `012` as octal 10, `1:30` as 90, `yes`/`no`/`on`/`off` as
booleans, `0x1F` as 31, a decimal number as a binary float, and silently keeps the last of two equal keys.
This loader refuses all of those with a message that says what to write instead, reads decimal numbers as
exact `Decimal`s, still refuses tags that construct Python objects, and accepts merge keys (`<<: *anchor`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

__all__ = ["StrictSafeLoader"]

_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: ~5x faster
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+")
_THOUSANDS = ("; if it is part of a figure written with thousands separators (12,000,000), write the figure "
              "without separators (12000000)")


def _refuse(node: yaml.Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


class StrictSafeLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe YAML with exact numbers, true/false only, no repeated keys; merge keys allowed."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue  # `<<: *anchor`: merged below; the mapping's own keys override merged ones
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
            raise _refuse(node, f"'{node.value}' is not a real date or time ({exc})") from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if not _PLAIN_INT.fullmatch(text):
            raise _refuse(node, f"'{text}' is not a plain decimal whole number (YAML would read a leading 0 as "
                                f"octal, 0x as hexadecimal and 1:30 as base 60); write it in decimal digits without "
                                f"a leading 0{_THOUSANDS}")
        return int(text.replace("_", ""))

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Decimal:
        text = str(self.construct_scalar(node))
        if text.lower().lstrip("+-") in {".inf", ".nan"}:
            raise _refuse(node, f"'{text}' is not a finite number; write a figure")
        if not _PLAIN_FLOAT.fullmatch(text):
            raise _refuse(node, f"'{text}' is not a plain decimal number (YAML would read 1:30 as base 60); write "
                                "it in decimal digits")
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise _refuse(node, f"'{text}' is not a number") from None

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        text = str(self.construct_scalar(node))
        if text.lower() not in {"true", "false"}:
            raise _refuse(node, f"'{text}' would be read as a boolean; write true or false (or quote it, "
                                f"'{text}', if it is text)")
        return text.lower() == "true"


StrictSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictSafeLoader.construct_yaml_timestamp)
StrictSafeLoader.add_constructor("tag:yaml.org,2002:int", StrictSafeLoader.construct_yaml_int)
StrictSafeLoader.add_constructor("tag:yaml.org,2002:float", StrictSafeLoader.construct_yaml_float)
StrictSafeLoader.add_constructor("tag:yaml.org,2002:bool", StrictSafeLoader.construct_yaml_bool)
