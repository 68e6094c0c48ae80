"""Latency and load of `grantstack serve` on localhost (issue 14 targets), written to results/web.json and web.md.

    python -m grantstack.benchmarks.web_load latency          # one client: changed figure -> new plan, p50/p95
    python -m grantstack.benchmarks.web_load load             # 20 clients for 3 min, then with heavy firms
    python -m grantstack.benchmarks.web_load load --short     # the bounded CI version (seconds, not minutes)

Only 127.0.0.1 is ever contacted: the server is started here, on a free loopback port, and stopped at the end.
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

__all__ = ["heavy_firm_yaml", "run_latency", "run_load"]

RESULTS = Path(__file__).resolve().parent / "results"
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

    def summary(self) -> dict[str, Any]:
        """n, errors, p50, p95, max (ms)."""
        return {"n": len(self.ms), "errors": len(self.errors), "first_errors": self.errors[:5],
                "p50_ms": round(pct(self.ms, 0.5), 1), "p95_ms": round(pct(self.ms, 0.95), 1),
                "max_ms": round(max(self.ms), 1) if self.ms else None}  # fmt: skip


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
        tally.ms.append((time.perf_counter() - start) * 1000)
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:200])


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


def run_latency(n: int = 200) -> dict[str, Any]:
    """One client: changed figure -> updated plan and totals (p50/p95), and how long why-not takes after it."""
    record: dict[str, Any] = {"kind": "latency", **_machine(), "n": n}

    async def go(base: str) -> None:
        rng = random.Random(1)
        replan, whynot = Tally(), Tally()
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            await _open(client, "tongzhou_manufacturer")
            form = _figures((await client.get("/")).text)
            for _ in range(5):
                await _replan(client, rng, Tally(), form)  # warm the workers' caches
            for i in range(n):
                await _replan(client, rng, replan, form)
                if i % 10 == 0:
                    start = time.perf_counter()
                    res = await client.get("/whynot")
                    (whynot.ms if res.status_code == 200 else whynot.errors).append(
                        (time.perf_counter() - start) * 1000 if res.status_code == 200 else str(res.status_code))
        record["changed_figure_to_new_plan"] = replan.summary()
        record["why_not_after_change"] = whynot.summary()

    with server("--workers", "2", "--long-workers", "1") as (base, _):
        asyncio.run(go(base))
    record["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    record["target_p95_ms"] = 300
    record["met"] = record["changed_figure_to_new_plan"]["p95_ms"] < 300
    return record


def run_load(clients: int = 20, seconds: float = 180, heavy_seconds: float = 120, heavy_every: float = 3.0) -> dict:
    """20 clients re-planning examples (RSS at 1 and 3 min), then the same with a heavy firm every few seconds."""
    record: dict[str, Any] = {"kind": "load", **_machine()}
    with server("--workers", "2", "--long-workers", "1") as (base, proc):
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


def _write(record: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "web.json"
    records = json.loads(path.read_text()) if path.exists() else []
    records.append(record)
    path.write_text(json.dumps(records, indent=2) + "\n")
    (RESULTS / "web.md").write_text(markdown(records), encoding="utf-8")


def markdown(records: list[dict[str, Any]]) -> str:
    """results/web.md: the latest latency and load records, every figure with its machine load."""
    lines = ["# grantstack serve: latency and load", "",
             "Generated by `python -m grantstack.benchmarks.web_load` from `web.json` (every run is kept there). "
             "Server and load generator share this machine's 2 cores; the load average is that of the whole machine "
             "(other work included) at the start and end of each run.", ""]  # fmt: skip
    lat = [r for r in records if r["kind"] == "latency"]
    if lat:
        r = lat[-1]
        c, w = r["changed_figure_to_new_plan"], r["why_not_after_change"]
        verdict = "MET" if r["met"] else "NOT MET"
        lines += ["## One client: a changed figure to the updated plan and totals", "",
                  f"Run {r['when']}, Python {r['python']}, load average {r['load_avg_start']} -> {r['load_avg_end']}.",
                  "", "| what | n | errors | p50 ms | p95 ms | max ms | target |", "|---|---:|---:|---:|---:|---:|---|",
                  f"| changed figure -> new plan, totals, chart, calendar (HTTP round trip) | {c['n']} | {c['errors']} "
                  f"| {c['p50_ms']} | {c['p95_ms']} | {c['max_ms']} | p95 < 300 ms: {verdict} |",
                  f"| why not (asynchronous, long lane) | {w['n']} | {w['errors']} | {w['p50_ms']} | {w['p95_ms']} "
                  f"| {w['max_ms']} | follows the plan |", ""]  # fmt: skip
    load = [r for r in records if r["kind"] == "load"]
    if load:
        r = load[-1]
        a, b = r["typical_only"], r["with_heavy"]
        met = r["met"]
        lines += ["## Load: re-planning clients on localhost", "",
                  f"Run {r['when']}, load average {r['load_avg_start']} -> {r['load_avg_end']}; lanes: typical 2 "
                  "workers, long 1 worker.", "",
                  "| phase | clients | seconds | requests | req/s | errors | p50 ms | p95 ms | generator CPU |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name, ph in (("typical only", a), (f"with a heavy firm every {b['heavy_every_s']:g} s", b)):
            t = ph["typical"]
            lines.append(f"| {name} | {ph['clients']} | {ph['seconds']} | {t['n']} | {ph['requests_per_s']} | "
                         f"{t['errors']} | {t['p50_ms']} | {t['p95_ms']} | "
                         f"{ph['generator_cpu_percent_of_one_core']}% of a core |")
        h = b["heavy"]
        lines += ["", f"- Heavy firm ({h['n']} solves in the long lane, errors {h['errors']}): p50 {h['p50_ms']} ms, "
                  f"p95 {h['p95_ms']} ms.",
                  f"- Typical p95 with heavy firms / without: {r['p95_ratio_with_heavy']}x (target at most 3x: "
                  f"{'MET' if met['p95_at_most_3x_with_heavy'] else 'NOT MET'}).",
                  f"- Resident memory (server and workers) {a['rss_mb']} MiB: change {r['rss_growth']:+.1%} "
                  f"(target within 10%: {'MET' if met['rss_within_10_percent'] else 'NOT MET'}).",
                  f"- Errors: {r['errors']} ({'MET' if met['no_errors'] else 'NOT MET'})."]  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run a measurement, print it, and append it to results/web.json (not with --short)."""
    ap = argparse.ArgumentParser(prog="python -m grantstack.benchmarks.web_load")
    ap.add_argument("what", choices=["latency", "load"])
    ap.add_argument("--short", action="store_true", help="a bounded version for CI (not recorded)")
    args = ap.parse_args(argv)
    if args.what == "latency":
        record = run_latency(30 if args.short else 200)
    else:
        record = run_load(6, 8, 8, 2.0) if args.short else run_load()
    print(json.dumps(record, indent=2))
    if not args.short:
        _write(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
