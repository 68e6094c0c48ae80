"""InputError: bad input, told in one paragraph that names the file, the entry and the field."""

from __future__ import annotations

__all__ = ["InputError", "clip", "one_paragraph"]


class InputError(Exception):
    """Bad input: the message names the file, the entry and the field, and says how to fix it."""


def one_paragraph(text: str) -> str:
    """The text with every run of whitespace (newlines included) made one space."""
    return " ".join(text.split())


def clip(text: str, limit: int = 80) -> str:
    """The text cut to `limit` characters, saying how long it was if anything was cut."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"
