"""Property test (issue 10): random malformed variants of valid firm, catalogue and plan files are refused by the
command line with exit 2 and one paragraph naming the file and the field, never a traceback, every one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from grantstack.cli import app
from grantstack.models.loading import read_document
from tests.mutations import OPERATORS, dump, locations, mutate

ROOT = Path(__file__).resolve().parent.parent
FIRM = ROOT / "scenarios" / "firms" / "tongzhou_manufacturer.yaml"
CATALOGUE = ROOT / "scenarios" / "catalogue" / "003_tongzhou_advanced_manufacturing.yaml"
runner = CliRunner()


def _plan_report() -> dict[str, Any]:
    res = runner.invoke(app, ["plan", str(FIRM), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


BASES: dict[str, Any] = {}


def base(kind: str) -> Any:
    """The valid file of a kind, as data (read once)."""
    if kind not in BASES:
        BASES[kind] = {"firm": lambda: read_document(FIRM), "catalogue": lambda: read_document(CATALOGUE),
                       "plan": lambda: _plan_report()["plan"]}[kind]()
    return BASES[kind]


def command(kind: str, path: Path) -> list[str]:
    """The command that reads a file of this kind."""
    return {"firm": ["plan", str(path)], "catalogue": ["catalog", "validate", str(path)],
            "plan": ["check", str(FIRM), str(path)]}[kind]


@st.composite
def variants(draw: st.DrawFn) -> tuple[str, str, Any, str, str | None, tuple[Any, ...], str]:
    """(kind, operator, broken data, token the message must name, key to repeat, location, file suffix)."""
    kind = draw(st.sampled_from(["firm", "catalogue", "plan"]))
    data = base(kind)
    ops = [op for op in OPERATORS if locations(data, op)]
    op = draw(st.sampled_from(ops))
    at = draw(st.sampled_from(locations(data, op)))
    broken, token, repeat = mutate(data, op, at)
    suffix = ".json" if repeat is not None else draw(st.sampled_from([".yaml", ".json"]))
    return kind, op, broken, token, repeat, at, suffix


def refusal(tmp: Path, variant: tuple[Any, ...]) -> tuple[int, str, Path]:
    """Write the variant and run its command: exit code, output, file."""
    kind, _, broken, _, repeat, at, suffix = variant
    path = tmp / f"{kind}_variant{suffix}"
    dump(broken, path, repeat, at)
    res = runner.invoke(app, command(kind, path))
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.output, path


def assert_refused(code: int, output: str, path: Path, token: str) -> None:
    assert code == 2, output
    lines = [x for x in output.splitlines() if x.startswith("grantstack: error:")]
    assert len(lines) == 1, output
    assert "Traceback" not in output and str(path) in lines[0], output
    assert token in lines[0], f"the message does not name {token!r}: {lines[0]}"


@settings(max_examples=90, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(variant=variants())
def test_every_malformed_variant_is_refused_naming_file_and_field(variant: tuple[Any, ...], tmp_path: Path) -> None:
    code, output, path = refusal(tmp_path, variant)
    assert_refused(code, output, path, variant[3])


@pytest.mark.parametrize("kind", ["firm", "catalogue", "plan"])
def test_the_bases_are_valid(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.yaml"
    dump(base(kind), path)
    res = runner.invoke(app, command(kind, path))
    assert res.exit_code == 0, res.output


def count_refusals(n: int, seed: int = 0) -> dict[str, Any]:
    """The counting run for the closing report: n random variants, how many were refused cleanly, by operator."""
    import random
    import tempfile

    rng = random.Random(seed)
    tried: dict[str, int] = {}
    clean: dict[str, int] = {}
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(n):
            kind = rng.choice(["firm", "catalogue", "plan"])
            data = base(kind)
            op = rng.choice([op for op in OPERATORS if locations(data, op)])
            at = rng.choice(locations(data, op))
            broken, token, repeat = mutate(data, op, at)
            suffix = ".json" if repeat is not None else rng.choice([".yaml", ".json"])
            tried[op] = tried.get(op, 0) + 1
            try:
                code, output, path = refusal(Path(tmp), (kind, op, broken, token, repeat, at, suffix))
                assert_refused(code, output, path, token)
            except AssertionError as exc:
                failures.append(f"{kind} {op} {at}: {str(exc)[:300]}")
                continue
            clean[op] = clean.get(op, 0) + 1
    return {"tried": sum(tried.values()), "refused_cleanly": sum(clean.values()),
            "by_operator": {op: f"{clean.get(op, 0)}/{tried[op]}" for op in sorted(tried)}, "failures": failures}
