"""A real `grantstack serve` in a subprocess on a free loopback port (browser and load tests), and its form."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["form_values", "free_port", "live_server"]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(*args: str, timeout: float = 90.0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start the server, wait until /healthz answers, yield (base URL, process); stop it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "grantstack", "serve", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as res:
                    if res.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}") from None  # type: ignore[union-attr]
                if time.monotonic() > deadline:
                    raise TimeoutError(f"server not up after {timeout} s") from None
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def form_values(html: str) -> dict[str, str]:
    """The firm form's current values, as a browser would post them (inputs, selected options, ticked boxes)."""
    start = html.index('id="firm-form"')
    form = html[start:html.index("</form>", start)]
    values = dict(re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', form))
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        if chosen:
            values[name] = chosen.group(1)
    for name in re.findall(r'type="checkbox" id="[^"]+" name="([^"]+)" value="true" checked', form):
        values[name] = "true"
    return values
