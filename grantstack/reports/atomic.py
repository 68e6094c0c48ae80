"""Atomic file output for reports (the one implementation is grantstack.models.atomic_write)."""

from __future__ import annotations

from grantstack.models.atomic_write import NotARegularFile, atomic_open, real_target, remove_leftovers, write_atomic

__all__ = ["NotARegularFile", "atomic_open", "real_target", "remove_leftovers", "write_atomic"]
