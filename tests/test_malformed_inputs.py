"""Malformed input files are refused with one clear InputError naming the file, the entry and the field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from grantstack.models.catalogue import Catalogue, CataloguePackage
from grantstack.models.firm import Firm
from grantstack.models.json_adapt import adapt
from grantstack.models.loading import InputError, load_catalogue, load_firm, load_plan, read_document
from grantstack.models.names import firm_name_problems, package_name_problems
from grantstack.models.plan import Plan
from grantstack.models.prerequisites import prerequisite_problems
from grantstack.models.run_checks import check_run, run_problems
from grantstack.models.vocabulary import vocabulary
from grantstack.scenarios.overlay import load_catalogue as load_overlaid

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "malformed"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "EXPECTED.yaml").read_text(encoding="utf-8"))
KINDS = ("catalogue", "firm", "plan", "run")
RUN_CATALOGUE = CORPUS / "run_catalogue.yaml"
RUN_YEARS = (2025, 2029)
VALID_CATALOGUE = CORPUS / "catalogue" / "duplicate_measure_id_across_files" / "001_mentougou_first.yaml"


def corpus_entries() -> list[str]:
    """Every corpus item as 'kind/name': a file, or a folder loaded as one catalogue."""
    out = []
    for kind in KINDS:
        for item in sorted((CORPUS / kind).iterdir()):
            out.append(f"{kind}/{item.name}")
    return out


def load(name: str) -> object:
    """Load a corpus item with the loader for its kind."""
    kind, _ = name.split("/", 1)
    path = CORPUS / name
    if path.is_dir():
        return load_catalogue(sorted(path.glob("*.yaml")))
    if kind == "catalogue":
        return load_catalogue([path])
    if kind == "firm":
        return load_firm(path)
    if kind == "run":
        cat = load_catalogue([RUN_CATALOGUE])
        check_run(cat, load_firm(path, cat), RUN_YEARS)
        return None
    return load_plan(path)


def refusal(name: str) -> str:
    """The InputError message for a corpus item; any other outcome fails the test."""
    try:
        load(name)
    except InputError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - exactly what this test is about
        pytest.fail(f"{name}: raised {type(exc).__name__} instead of InputError: {exc}")
    pytest.fail(f"{name}: loaded without error, but it is malformed")


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_is_large_and_every_item_has_expectations() -> None:
    names = corpus_entries()
    assert len(names) >= 30
    for kind in KINDS:
        assert any(n.startswith(f"{kind}/") for n in names), f"no {kind} files in the corpus"
    assert sorted(names) == sorted(EXPECTED), "tests/malformed/EXPECTED.yaml and the corpus files differ"


def _problem_count(name: str) -> int | None:
    """How many problems the models find in a corpus item that parses as YAML/JSON (None if it does not)."""
    path = CORPUS / name
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    try:
        docs = [read_document(f) for f in files]
    except InputError:
        return None
    kind = name.split("/", 1)[0]
    if kind == "run":
        cat = load_catalogue([RUN_CATALOGUE])
        return len(run_problems(cat, Firm.model_validate(docs[0]), RUN_YEARS))
    model = {"catalogue": CataloguePackage, "firm": Firm, "plan": Plan}[kind]
    packages = []
    for f, doc in zip(files, docs, strict=True):
        try:
            packages.append(model.model_validate(adapt(doc, model) if f.suffix == ".json" else doc))
        except ValidationError as err:
            return len(err.errors())
    if kind == "firm":
        return len(firm_name_problems(packages[0], vocabulary())) or len(prerequisite_problems(packages[0])[0])
    if kind != "catalogue":
        return 0
    names = sum(len(package_name_problems(p, vocabulary())) for p in packages)
    if names:
        return names
    try:
        Catalogue.from_packages(packages)
    except ValidationError as err:
        return sum(len(e["msg"].split("; ")) for e in err.errors())
    return 0


@pytest.mark.parametrize("name", corpus_entries())
def test_each_item_is_broken_in_exactly_one_way(name: str) -> None:
    count = _problem_count(name)
    assert count in (None, 1), f"{name}: {count} problems; each corpus file must be broken in exactly one way"


# --------------------------------------------------------------------------- the messages


@pytest.mark.parametrize("name", corpus_entries())
def test_malformed_input_is_refused_with_one_clear_paragraph(name: str) -> None:
    message = refusal(name)
    assert message.strip() == message and message, "empty or padded message"
    assert "\n" not in message and "\r" not in message, f"not one paragraph: {message!r}"
    assert "Traceback" not in message
    assert "errors.pydantic.dev" not in message and "validation error for" not in message
    for needed in EXPECTED[name]:
        assert str(needed) in message, f"{name}: message lacks {needed!r}: {message}"


@pytest.mark.parametrize("name", [n for n in corpus_entries() if not (CORPUS / n).is_dir()])
def test_message_names_the_file(name: str) -> None:
    assert str(CORPUS / name) in refusal(name)


@pytest.mark.parametrize("name", corpus_entries())
def test_message_says_how_to_fix_it(name: str) -> None:
    message = refusal(name)
    fixes = ("Add", "Remove", "Use", "Give", "Write", "Put", "Set", "Fix", "Indent", "Change", "Tags such as",
             "A rate", "A probability", "Amounts", "Ids use", "It must hold", "Did you mean", "Point", "List")
    assert any(f in message for f in fixes), f"{name}: the message does not say how to fix it: {message}"


def test_an_overlay_is_checked_and_named(tmp_path: Path) -> None:
    bad = read_document(CORPUS / "catalogue" / "dangling_bonus_to.yaml")["measures"][1]
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(yaml.safe_dump({"catalogue_changes": [
        {"op": "add", "path": f"measures[{bad['id']}]", "value": bad}]}), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_overlaid([VALID_CATALOGUE], overlay=overlay)
    message = str(info.value)
    assert str(overlay) in message and "bonus_to" in message and "\n" not in message


def test_a_corpus_base_file_alone_is_valid() -> None:
    catalogue = load_catalogue([VALID_CATALOGUE])
    assert [m.id for m in catalogue.measures] == ["ss.mentougou.ss_recognition"]


def test_json_firm_files_may_key_metrics_by_year(tmp_path: Path) -> None:
    path = tmp_path / "firm.json"
    path.write_text(json.dumps({"id": "acme", "district": "tongzhou", "metrics": {"revenue": {"2024": 5}}}))
    assert load_firm(path).metrics == {"revenue": {2024: 5}}


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    for path in (tmp_path / "nope.yaml", tmp_path):
        with pytest.raises(InputError) as info:
            load_firm(path)
        assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_non_utf8_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_bytes("id: acme\nname: 北京\n".encode("gb18030"))
    with pytest.raises(InputError, match="UTF-8"):
        load_firm(path)


# --------------------------------------------------------------------------- safety


@pytest.mark.parametrize("name", ["catalogue/python_object_tag.yaml", "firm/python_object_tag.yaml"])
def test_yaml_tags_do_not_execute_anything(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.chdir(tmp_path)  # the tag would `touch grantstack_pwned_marker` in the working folder
    monkeypatch.setattr(os, "system", lambda *a, **k: calls.append(a) or 0)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    source = (CORPUS / name).read_text(encoding="utf-8")
    assert "!!python/object/apply:os.system" in source
    message = refusal(name)
    assert "!!python" in message
    with pytest.raises(InputError):
        read_document(CORPUS / name)
    assert calls == []
    assert not (tmp_path / "grantstack_pwned_marker").exists()


def _model_modules() -> list[str]:
    names = []
    for path in sorted((REPO / "models").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        names.append("grantstack." + ".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_models_do_not_import_ortools() -> None:
    modules = _model_modules()
    assert "grantstack.models.loading" in modules and "grantstack.models.schema" in modules
    code = "; ".join(f"import {m}" for m in modules) + "; import sys; assert 'ortools' not in sys.modules, " \
        "sorted(k for k in sys.modules if k.startswith('ortools'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]


# --------------------------------------------------------------------------- whatever the damage


_BASE_TEXT = VALID_CATALOGUE.read_text(encoding="utf-8")


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """The valid base catalogue with a few random edits: lines dropped, doubled or cut, characters changed."""
    lines = _BASE_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "cut", "char", "value"]))
        if edit == "drop":
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        elif edit == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif edit == "char" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.sampled_from(list(":-[]{}'\"#&*!|>%@`,? \tx9"))) + lines[i][j + 1:]
        elif edit == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = draw(st.sampled_from(["-1", "1.5", "[]", "{}", "null", "''", "true", "2020-13-45", "x", "9" * 30]))
            lines[i] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=damaged())
def test_damaged_files_load_or_fail_with_one_paragraph(text: str, tmp_path: Path) -> None:
    path = tmp_path / "damaged.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_catalogue([path])
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and "Traceback" not in message and str(path) in message
