"""The grantstack program ends without the interpreter's teardown, but only after what Python's exit does first:
threads joined, exit handlers run, standard streams flushed (grantstack/quick_exit.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grantstack.quick_exit import exit_program

SCRIPT = r"""
import atexit, importlib.util, sys, threading, time
from pathlib import Path
if sys.argv[1] == "program":
    sys.modules["__main__"].__spec__ = importlib.util.find_spec("grantstack.__main__")
from grantstack.quick_exit import exit_program

class Teardown:
    def __del__(self):
        print("freed at teardown", flush=True)

keep = Teardown()
atexit.register(lambda: Path(sys.argv[2]).write_text("exit handler ran"))
threading.Thread(target=lambda: (time.sleep(0.3), print("thread finished"))).start()
print("x" * 200_000)  # buffered (stdout is a pipe) until the streams are flushed
exit_program(1)
"""


@pytest.mark.parametrize("who", ["program", "embedded"])
def test_the_program_skips_only_the_teardown(who: str, tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    out = subprocess.run([sys.executable, "-c", SCRIPT, who, str(marker)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1, out.stderr
    assert marker.read_text() == "exit handler ran"
    lines = out.stdout.splitlines()
    assert "x" * 200_000 in lines and "thread finished" in lines
    assert ("freed at teardown" in lines) == (who == "embedded"), "the program ends before the teardown"


def test_called_from_python_it_raises_system_exit() -> None:
    with pytest.raises(SystemExit) as exc:
        exit_program(2)
    assert exc.value.code == 2
