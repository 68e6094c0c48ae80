"""Generate every stored instance, write MANIFEST.json, and verify regeneration is byte-identical."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from grantstack.benchmarks.progress import bar
from grantstack.benchmarks.registry import Spec, real_catalogue, specs
from grantstack.benchmarks.storage import INSTANCES, REAL_SNAPSHOT, find, generate, write_snapshot

__all__ = ["generate_all", "regeneration_diffs"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generate_all(suites: list[str] | None = None, root: Path = INSTANCES, refresh_catalogue: bool = True) -> Path:
    """Snapshot the real catalogue (unless kept), write every instance file and the manifest."""
    if refresh_catalogue or not (root / REAL_SNAPSHOT).exists():
        write_snapshot(real_catalogue(), root)
    chosen = specs(suites)
    for spec in bar(chosen, len(chosen), "generating instances"):
        generate(spec, root)
    entries = {}
    for spec in specs():
        try:
            p = find(spec, root)
        except FileNotFoundError:
            continue
        entries[spec.name] = {"file": str(p.relative_to(root)), "bytes": p.stat().st_size, "sha256": _sha(p)}
    snap = root / REAL_SNAPSHOT
    manifest = {"real_catalogue": {"file": REAL_SNAPSHOT, "bytes": snap.stat().st_size, "sha256": _sha(snap)},
                "instances": entries, "total_bytes": sum(e["bytes"] for e in entries.values()) + snap.stat().st_size}
    path = root / "MANIFEST.json"
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return path


def regeneration_diffs(chosen: list[Spec], root: Path = INSTANCES) -> list[str]:
    """Names of specs whose regenerated file differs from the stored one (same catalogue snapshot)."""
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp)
        (other / REAL_SNAPSHOT).write_bytes((root / REAL_SNAPSHOT).read_bytes())
        for spec in chosen:
            mine = find(spec, root)
            fresh = generate(spec, other)
            if mine.name != fresh.name or mine.read_bytes() != fresh.read_bytes():
                bad.append(spec.name)
    return bad
