"""Ctrl-C tests start their child processes as a terminal would: with SIGINT at its default action.

A test run started in the background by a non-interactive shell (`python3 dev.py test &`) ignores SIGINT, and
a child inherits an ignored signal across exec; Python then installs no KeyboardInterrupt handler in it, so a
Ctrl-C sent to the child does nothing and the test waits until its timeout. That, not the machine's load, is
why four Ctrl-C tests failed in a background `dev.py test --latest` run.
"""

from __future__ import annotations

import signal

__all__ = ["sigint_default"]


def sigint_default() -> None:
    """A `preexec_fn` for subprocess: SIGINT at its default action in the child (Python then raises
    KeyboardInterrupt on Ctrl-C there), whatever the test run inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
