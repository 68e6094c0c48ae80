"""Stored instances: canonical JSON (gzip when large) of catalogue + firm + years, and regeneration."""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from grantstack.benchmarks.registry import Instance, Spec, build
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm

__all__ = [
    "INSTANCES",
    "REAL_SNAPSHOT",
    "dump_bytes",
    "find",
    "generate",
    "instance_path",
    "load_instance",
    "load_snapshot",
    "save_instance",
    "write_snapshot",
]

INSTANCES = Path(__file__).parent / "instances"
REAL_SNAPSHOT = "real-catalogue.json.gz"
FORMAT = "grantstack-benchmark-instance/1"
GZIP_ABOVE = 64_000


def canonical(data: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, no spaces, trailing newline."""
    return (json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def _gzip(raw: bytes) -> bytes:
    """Gzip with a zero timestamp and no file name, so equal input gives equal bytes."""
    return gzip.compress(raw, compresslevel=9, mtime=0)


def _read(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def model_json(model: Catalogue | Firm) -> Any:
    """A model as plain JSON data (every field, so discriminators survive)."""
    return model.model_dump(mode="json", warnings=False)


def write_snapshot(catalogue: Catalogue, root: Path = INSTANCES) -> str:
    """Store the real catalogue once; returns its sha256 (of the canonical JSON)."""
    raw = canonical(model_json(catalogue))
    root.mkdir(parents=True, exist_ok=True)
    (root / REAL_SNAPSHOT).write_bytes(_gzip(raw))
    return hashlib.sha256(raw).hexdigest()


@lru_cache(maxsize=4)
def _snapshot(path: str, mtime: float) -> tuple[Catalogue, str]:
    raw = _read(Path(path))
    return Catalogue.model_validate_json(raw), hashlib.sha256(raw).hexdigest()


def load_snapshot(root: Path = INSTANCES) -> tuple[Catalogue, str]:
    """The stored real-catalogue snapshot and its sha256."""
    p = root / REAL_SNAPSHOT
    return _snapshot(str(p), p.stat().st_mtime)


def instance_path(spec: Spec, root: Path = INSTANCES, gz: bool = False) -> Path:
    """Where a spec's instance is stored."""
    return root / spec.suite / (spec.name + (".json.gz" if gz else ".json"))


def dump_bytes(inst: Instance, snapshot_sha: str | None = None) -> tuple[bytes, bool]:
    """The file content of an instance and whether it is gzipped."""
    cat: Any = {"ref": REAL_SNAPSHOT, "sha256": snapshot_sha} if snapshot_sha else model_json(inst.catalogue)
    raw = canonical({"format": FORMAT, "spec": inst.spec.as_dict(), "years": list(inst.years),
                     "catalogue": cat, "firm": model_json(inst.firm)})
    return (_gzip(raw), True) if len(raw) > GZIP_ABOVE or inst.spec.kind == "random" else (raw, False)


def save_instance(inst: Instance, root: Path = INSTANCES, snapshot_sha: str | None = None) -> Path:
    """Write one instance file (removing a stale file of the other compression)."""
    data, gz = dump_bytes(inst, snapshot_sha)
    path = instance_path(inst.spec, root, gz)
    path.parent.mkdir(parents=True, exist_ok=True)
    other = instance_path(inst.spec, root, not gz)
    if other.exists():
        other.unlink()
    path.write_bytes(data)
    return path


def generate(spec: Spec, root: Path = INSTANCES) -> Path:
    """Generate and store one spec (typical firms use the stored snapshot)."""
    if spec.kind in ("typical", "random"):
        cat, sha = load_snapshot(root)
        return save_instance(build(spec, cat), root, sha)
    return save_instance(build(spec), root)


def find(spec: Spec, root: Path = INSTANCES) -> Path:
    """The stored file of a spec (FileNotFoundError if not generated)."""
    for gz in (False, True):
        p = instance_path(spec, root, gz)
        if p.exists():
            return p
    raise FileNotFoundError(f"{spec.name}: not generated; run python -m grantstack.benchmarks generate")


def load_instance(path: Path, root: Path = INSTANCES) -> Instance:
    """Read a stored instance; typical firms resolve the catalogue snapshot (checked by hash)."""
    data = json.loads(_read(path))
    spec = Spec(**data["spec"])
    cat_data = data["catalogue"]
    if "ref" in cat_data:
        catalogue, sha = load_snapshot(root)
        if sha != cat_data["sha256"]:
            raise ValueError(f"{path}: catalogue snapshot changed since generation; regenerate")
    else:
        catalogue = Catalogue.model_validate(cat_data)
    firm = Firm.model_validate_json(json.dumps(data["firm"]))
    return Instance(spec, catalogue, firm, tuple(data["years"]))  # type: ignore[arg-type]
