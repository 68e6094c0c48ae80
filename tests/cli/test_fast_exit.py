"""The command line's exit skips the interpreter's last garbage collections over objects that the exit frees
anyway (gc.freeze at exit: pydantic-core's validators made each full collection slow; issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count(), file=sys.stderr))  # runs after main's handlers
sys.argv = ["grantstack", "--version"]
from grantstack.cli import main
main()
"""


def test_exit_freezes_the_objects_alive_at_exit_and_keeps_the_exit_code() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("grantstack ")
    frozen = int(out.stderr.split("frozen", 1)[1].split()[0])
    assert frozen > 10_000  # every module, class and object alive at exit


def test_main_in_process_leaves_the_collector_alone_until_exit() -> None:
    probe = PROBE.replace('main()', 'import gc\ntry:\n    main()\nexcept SystemExit:\n    pass\n'
                          'print("during", gc.get_freeze_count(), file=sys.stderr)')
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "during 0" in out.stderr, out.stderr
