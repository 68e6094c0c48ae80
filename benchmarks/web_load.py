"""Latency and load of `grantstack serve` on localhost (issue 14 targets), written to results/web.json and web.md.

    python -m grantstack.benchmarks.web_load full     # the record (~4 min, a quiet machine): one server, first
                                                      # one client (100 changed figures), then 20 clients for
                                                      # 3 min (RSS at 1 and 3 min), then 30 s with a heavy firm
                                                      # every 3 s in parallel
    python -m grantstack.benchmarks.web_load quick    # the same steps at CI size (~40 s, not recorded)
    python -m grantstack.benchmarks.web_load latency  # one client alone (200 changed figures), recorded
    python -m grantstack.benchmarks.web_load load     # the load phases alone, recorded

Only 127.0.0.1 is ever contacted: the server is started here, on a free loopback port, and stopped at the end.
Each re-plan's Server-Timing header (read, worker build, worker CP-SAT, solve round trip, render) is recorded, so
a record says where the one-client time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import platform
import random
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
import psutil
import yaml

from grantstack.benchmarks.web_load_report import write_record

__all__ = ["heavy_firm_yaml", "run_full", "run_latency", "run_load"]

EXAMPLES = ("tongzhou_manufacturer", "daxing_hydrogen", "changping_high_tech", "dongcheng_ai_software",
            "shijingshan_ss_sme", "shunyi_tech_service", "mentougou_newcomer")  # fmt: skip
TOTAL = re.compile(r'data-total="(\d+)"')


def heavy_firm_yaml(copies: int = 8) -> str:
    """The Tongzhou example with its projects and events repeated `copies` times (ids suffixed): a long solve."""
    path = Path(str(files("grantstack.scenarios") / "firms" / "tongzhou_manufacturer.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    projects, events = [], []
    for k in range(copies):
        for p in data["projects"]:
            project = {**copy.deepcopy(p), "id": f"{p['id']}-{k}"}
            if "finances" in project:  # a loan names the project it finances (issue 9, W8)
                project["finances"] = f"{project['finances']}-{k}"
            projects.append(project)
        for e in data["events"]:
            ev = {**copy.deepcopy(e), "id": f"{e['id']}-{k}"}
            for r in ev.get("requires", []):
                if "event" in r:
                    r["event"] = f"{r['event']}-{k}"
            events.append(ev)
    data.update(id="heavy-manufacturer", name=f"Heavy manufacturer ({copies} copies)", projects=projects, events=events)
    return yaml.safe_dump(data, sort_keys=False)


@contextmanager
def server(*args: str) -> Iterator[tuple[str, psutil.Process]]:
    """`grantstack serve` on a free loopback port; yields its URL and process."""
    from grantstack.web.live import live_server  # the same starter as the browser test

    with live_server(*args) as (base, proc):
        yield base, psutil.Process(proc.pid)


def rss_mb(proc: psutil.Process) -> float:
    """Resident memory of the server and its worker processes, in MiB."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1), nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


@dataclass
class Tally:
    """Latencies (ms) and errors of one kind of request."""

    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parts: list[dict[str, float]] = field(default_factory=list)
    """Each answered request's Server-Timing parts (ms), with 'http' = round trip minus the server's parts."""

    def summary(self) -> dict[str, Any]:
        """n, errors, p50, p95, max (ms), and the median of each part of the server's time."""
        out = {"n": len(self.ms), "errors": len(self.errors), "first_errors": self.errors[:5],
               "p50_ms": round(pct(self.ms, 0.5), 1), "p95_ms": round(pct(self.ms, 0.95), 1),
               "max_ms": round(max(self.ms), 1) if self.ms else None}  # fmt: skip
        names = dict.fromkeys(k for p in self.parts for k in p)
        if names:
            out["median_parts_ms"] = {k: round(pct([p[k] for p in self.parts if k in p], 0.5), 1) for k in names}
            out["p95_parts_ms"] = {k: round(pct([p[k] for p in self.parts if k in p], 0.95), 1) for k in names}
        return out


async def _open(client: httpx.AsyncClient, name: str) -> None:
    res = await client.post("/open/example", data={"name": name})
    res.raise_for_status()


async def _replan(client: httpx.AsyncClient, rng: random.Random, tally: Tally, form: dict[str, str]) -> None:
    """Change one figure (a metric or a project cost) and wait for the new plan, as the page's form does."""
    keys = sorted(k for k in form if k.startswith("metrics.") or (k.startswith("projects.") and ".costs." in k))
    data = dict(form)
    if keys:
        key = rng.choice(keys)
        value = int(form[key]) if form[key].isdigit() else 0
        data[key] = str(max(0, int(value * rng.uniform(0.7, 1.3))))
    start = time.perf_counter()
    try:
        res = await client.post("/plan", data=data, headers={"HX-Request": "true"})
        if res.status_code != 200 or not TOTAL.search(res.text):
            raise RuntimeError(f"HTTP {res.status_code}: {res.text[:120]}")
        ms = (time.perf_counter() - start) * 1000
        tally.ms.append(ms)
        parts = parse_server_timing(res.headers.get("Server-Timing", ""))
        server_ms = sum(v for k, v in parts.items() if not k.startswith("worker-"))  # worker parts are in solve
        tally.parts.append({**parts, "http": max(0.0, ms - server_ms)})
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])


def parse_server_timing(value: str) -> dict[str, float]:
    """The server's account of a request (grantstack.web.timing.parse_server_timing)."""
    from grantstack.web.timing import parse_server_timing as parse

    return parse(value)


def _figures(html: str) -> dict[str, str]:
    """The whole form as the browser posts it."""
    from grantstack.web.live import form_values

    return form_values(html)


async def _client(base: str, name: str, seed: int, ready: list[int], go: asyncio.Event, until: list[float],
                  tally: Tally) -> None:  # fmt: skip
    """Open an example (not timed), wait for every client, then re-plan it until the phase ends."""
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await _open(client, name)
        form = _figures((await client.get("/")).text)
        ready.append(seed)
        await go.wait()
        while time.monotonic() < until[0]:
            await _replan(client, rng, tally, form)


async def _heavy(base: str, every: float, until: float, tally: Tally) -> None:
    text = heavy_firm_yaml()
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < until:
            start = time.perf_counter()
            try:  # a new name each time: a new firm, solved anew (the page reuses plans of identical firms)
                n = len(tally.ms) + len(tally.errors)
                unique = text.replace("name: Heavy manufacturer", f"name: Heavy manufacturer {n}", 1)
                res = await client.post("/open/text", data={"text": unique, "label": "heavy.yaml"})
                if res.status_code != 200:
                    raise RuntimeError(f"HTTP {res.status_code}")
                tally.ms.append((time.perf_counter() - start) * 1000)
            except Exception as exc:  # noqa: BLE001
                tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])
            await asyncio.sleep(max(0.0, every - (time.perf_counter() - start)))


async def _phase(base: str, proc: psutil.Process, clients: int, seconds: float, heavy_every: float | None,
                 rss_at: tuple[float, ...] = ()) -> dict[str, Any]:  # fmt: skip
    """Run `clients` re-planning clients (and maybe heavy firms) for `seconds`; sample RSS at the given times."""
    typical, heavy = Tally(), Tally()
    ready: list[int] = []
    go = asyncio.Event()
    until = [float("inf")]
    tasks = [asyncio.create_task(_client(base, EXAMPLES[i % len(EXAMPLES)], i, ready, go, until, typical))
             for i in range(clients)]  # fmt: skip
    while len(ready) < clients:  # every client opens its firm first; the timed phase starts after
        await asyncio.sleep(0.05)
        for t in tasks:
            if t.done() and t.exception() is not None:
                raise RuntimeError(f"a client could not open its firm: {t.exception()}")
    go.set()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    until[0] = time.monotonic() + seconds
    if heavy_every:
        tasks.append(asyncio.create_task(_heavy(base, heavy_every, until[0], heavy)))
    samples: dict[str, float] = {}
    for t in rss_at:
        await asyncio.sleep(max(0.0, t - (time.perf_counter() - wall0)))
        samples[f"{t:g}s"] = round(rss_mb(proc), 1)
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - wall0
    out = {"clients": clients, "seconds": round(wall, 1), "typical": typical.summary(),
           "requests_per_s": round(len(typical.ms) / wall, 1), "rss_mb": samples,
           "generator_cpu_percent_of_one_core": round(100 * (time.process_time() - cpu0) / wall, 1)}  # fmt: skip
    if heavy_every:
        out["heavy_every_s"] = heavy_every
        out["heavy"] = heavy.summary()
    return out


def _machine() -> dict[str, Any]:
    return {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
            "python": platform.python_version(), "load_avg_start": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip


def _latency(base: str, n: int) -> dict[str, Any]:
    """One client on a running server: n changed figures, each waited for; why-not after every tenth."""
    record: dict[str, Any] = {"kind": "latency", **_machine(), "n": n}

    async def go() -> None:
        rng = random.Random(1)
        replan, whynot = Tally(), Tally()
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            await _open(client, "tongzhou_manufacturer")
            form = _figures((await client.get("/")).text)
            for _ in range(5):
                await _replan(client, rng, Tally(), form)  # warm the page and the workers' caches
            for i in range(n):
                await _replan(client, rng, replan, form)
                if i % 10 == 0:
                    start = time.perf_counter()
                    res = await client.get("/whynot")
                    (whynot.ms if res.status_code == 200 else whynot.errors).append(
                        (time.perf_counter() - start) * 1000 if res.status_code == 200 else str(res.status_code))
        record["changed_figure_to_new_plan"] = replan.summary()
        record["why_not_after_change"] = whynot.summary()

    asyncio.run(go())
    record["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    record["target_p95_ms"] = 300
    record["met"] = record["changed_figure_to_new_plan"]["p95_ms"] < 300
    return record


def _load(base: str, proc: psutil.Process, clients: int, seconds: float, heavy_seconds: float,
          heavy_every: float) -> dict[str, Any]:  # fmt: skip
    """Typical clients alone for `seconds` (RSS at a third and at the end), then with a heavy firm every few s."""
    record: dict[str, Any] = {"kind": "load", **_machine()}
    marks = (seconds / 3, seconds - 1) if seconds >= 6 else ()
    record["typical_only"] = asyncio.run(_phase(base, proc, clients, seconds, None, marks))
    record["with_heavy"] = asyncio.run(_phase(base, proc, clients, heavy_seconds, heavy_every))
    record["lanes"] = httpx.get(f"{base}/healthz", timeout=10).json()["lanes"]
    a, b = record["typical_only"], record["with_heavy"]
    rss = list(a["rss_mb"].values())
    record["rss_growth"] = round(rss[-1] / rss[0] - 1, 4) if len(rss) == 2 else None
    record["p95_ratio_with_heavy"] = round(b["typical"]["p95_ms"] / a["typical"]["p95_ms"], 2)
    record["errors"] = a["typical"]["errors"] + b["typical"]["errors"] + b["heavy"]["errors"]
    record["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    record["met"] = {"no_errors": record["errors"] == 0,
                     "rss_within_10_percent": record["rss_growth"] is not None and abs(record["rss_growth"]) <= 0.10,
                     "p95_at_most_3x_with_heavy": record["p95_ratio_with_heavy"] <= 3.0}  # fmt: skip
    return record


SERVER_ARGS = ("--workers", "2", "--long-workers", "1")
"""The lanes measured: typical 2 workers, long 1 worker (the server's defaults on this 2-core machine)."""


def run_latency(n: int = 200) -> dict[str, Any]:
    """One client: changed figure -> updated plan and totals (p50/p95), and how long why-not takes after it."""
    with server(*SERVER_ARGS) as (base, _):
        return _latency(base, n)


def run_load(clients: int = 20, seconds: float = 180, heavy_seconds: float = 120, heavy_every: float = 3.0) -> dict:
    """20 clients re-planning examples (RSS at 1 and 3 min), then the same with a heavy firm every few seconds."""
    with server(*SERVER_ARGS) as (base, proc):
        return _load(base, proc, clients, seconds, heavy_seconds, heavy_every)


def run_full(n: int = 100, clients: int = 20, seconds: float = 180, heavy_seconds: float = 30,
             heavy_every: float = 3.0) -> list[dict[str, Any]]:  # fmt: skip
    """Both measurements on one server (one start-up): the one-client latency first, on the quiet server."""
    t0 = time.perf_counter()
    with server(*SERVER_ARGS) as (base, proc):
        records = [_latency(base, n), _load(base, proc, clients, seconds, heavy_seconds, heavy_every)]
    for r in records:
        r["run_seconds"] = round(time.perf_counter() - t0, 1)
    return records


def main(argv: list[str] | None = None) -> int:
    """Run a measurement, print it, and append it to results/web.json (not `quick` or --short)."""
    ap = argparse.ArgumentParser(prog="python -m grantstack.benchmarks.web_load")
    ap.add_argument("what", choices=["full", "quick", "latency", "load"])
    ap.add_argument("--short", action="store_true", help="latency or load at CI size (not recorded)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.what == "full":
        records = run_full()
    elif args.what == "quick":
        records = run_full(n=12, clients=6, seconds=6, heavy_seconds=6, heavy_every=2.0)
    elif args.what == "latency":
        records = [run_latency(30 if args.short else 200)]
    else:
        records = [run_load(6, 8, 8, 2.0) if args.short else run_load()]
    print(json.dumps(records, indent=2))
    print(f"web_load {args.what}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.what != "quick" and not args.short:
        for record in records:
            write_record(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
