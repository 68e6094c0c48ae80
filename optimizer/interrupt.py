"""Ctrl-C during a CP-SAT solve aborts the run at once, instead of being swallowed by OR-Tools.

By default CP-SAT installs its own SIGINT handler for the length of a solve: Ctrl-C then only stops that
search, which returns FEASIBLE as if the time limit had been hit, and the run goes on to the next solve and
writes a report (and after the solve SIGINT may be left at its default action, which kills the process
without cleaning up). Here the solver is told not to catch SIGINT (`catch_sigint_signal = False`); when the
solve runs in the main thread with Python's own handler in place, it runs in a helper thread while the main
thread waits, so KeyboardInterrupt arrives at once: the search is stopped (`stop_search`), the helper is
joined, and KeyboardInterrupt propagates (the command line exits 130 without writing a report).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

__all__ = ["solve_interruptibly"]

_POLL = 0.05  # seconds between checks for Ctrl-C while waiting


def _interruptible() -> bool:
    """True in the main thread with Python's default SIGINT handler (where Ctrl-C raises KeyboardInterrupt)."""
    return threading.current_thread() is threading.main_thread() and \
        signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _wait(done: threading.Event) -> None:
    """Wait for the solve to end, ignoring further Ctrl-C (the search has been told to stop)."""
    while True:
        try:
            if done.wait(_POLL):
                return
        except KeyboardInterrupt:
            continue


def solve_interruptibly(wrapper: Any, proto: Any, parameters: Any) -> Any:
    """`wrapper.solve(proto)` with `parameters`, stopping the search and raising KeyboardInterrupt on Ctrl-C."""
    parameters.catch_sigint_signal = False
    wrapper.set_parameters(parameters)
    if not _interruptible():
        return wrapper.solve(proto)
    result: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            result["response"] = wrapper.solve(proto)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            result["error"] = exc
        finally:
            done.set()

    helper = threading.Thread(target=work, name="cp-sat-solve", daemon=True)
    helper.start()
    try:
        while not done.wait(_POLL):
            pass
    except BaseException:  # Ctrl-C, or SystemExit from a SIGTERM handler: stop the search, then leave
        wrapper.stop_search()
        _wait(done)
        helper.join()
        raise
    helper.join()
    if "error" in result:
        raise result["error"]
    return result["response"]
