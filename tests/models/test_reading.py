"""Reading input files: regular files only, bounded, exact numbers, merge keys, no repeated keys (issue 10)."""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from grantstack.models.file_reader import read_source
from grantstack.models.limits import MAX_FILE_BYTES
from grantstack.models.loading import InputError, load_catalogue, load_firm, read_document

FIRM = "id: acme\ndistrict: tongzhou\n"


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_firm(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "firm.yaml"
    os.mkfifo(fifo)
    done: list[str] = []
    reader = threading.Thread(target=lambda: done.append(_refusal(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert done and "named pipe" in done[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is not on this system")
    assert "device" in _refusal(Path(device))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "folder" in _refusal(tmp_path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    with path.open("wb") as fh:
        fh.write(FIRM.encode())
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    message = _refusal(path)
    assert f"{MAX_FILE_BYTES:,}" in message


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + "#" * (MAX_FILE_BYTES - len(FIRM) - 1) + "\n")
    assert load_firm(path).id == "acme"


def test_a_symlink_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(FIRM)
    link = tmp_path / "firm.yaml"
    link.symlink_to(real)
    assert load_firm(link).id == "acme"


def test_the_hash_is_of_the_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "firm.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + FIRM.encode())
    src = read_source(path)
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.text == FIRM


def test_merge_keys_are_legal_yaml(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(
        FIRM + "projects:\n"
        "  - &line {id: a, kinds: [pilot_testing], start: 2025, costs: {investment: [100000]}}\n"
        "  - <<: *line\n    id: b\n    start: 2026\n"
    )
    firm = load_firm(path)
    a, b = firm.projects
    assert (b.id, b.start, b.kinds, b.costs) == ("b", 2026, a.kinds, a.costs)


def test_merge_keys_do_not_hide_a_repeated_key(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + "base: &b {name: x}\n<<: *b\nname: y\nname: z\n")
    assert "duplicate key 'name'" in _refusal(path)


def test_tags_are_still_refused_next_to_merge_keys(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + "name: !!python/object/apply:os.getcwd []\n")
    assert "!!python" in _refusal(path)


def test_yaml_decimals_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("rate: 0.1\nbig: 123456789.123456789\nexp: 1.5e+3\n")
    assert read_document(path) == {"rate": Decimal("0.1"), "big": Decimal("123456789.123456789"),
                                   "exp": Decimal("1.5e+3")}


def test_json_decimals_are_exact_and_year_keys_become_numbers(tmp_path: Path) -> None:
    path = tmp_path / "firm.json"
    path.write_text('{"id": "acme", "district": "tongzhou", "probabilities": {"m.x": 0.123456},'
                    ' "metrics": {"revenue": {"2024": 5}}, "dates": {"established": "2015-06-01"}}')
    firm = load_firm(path)
    assert firm.probabilities == {"m.x": Decimal("0.123456")}
    assert firm.metrics == {"revenue": {2024: 5}}
    assert str(firm.dates.established) == "2015-06-01"


def test_json_repeated_key_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "firm.json"
    path.write_text('{"id": "acme", "district": "tongzhou", "events": [{"id": "e1", "kind": "listing", '
                    '"year": 2025, "year": 2026}]}')
    message = _refusal(path)
    assert "event 'e1' (events[0])" in message and "duplicate key 'year'" in message


def test_underscores_in_numbers_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + "metrics: {revenue: {2024: 12_000_000}}\n")
    assert load_firm(path).metrics == {"revenue": {2024: 12_000_000}}


def test_true_and_false_in_any_case_are_booleans(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM + "dates: {moved_from_outside_beijing: True}\n")
    assert load_firm(path).dates.moved_from_outside_beijing is True


def test_bundled_catalogue_still_loads() -> None:
    assert len(load_catalogue().measures) > 100
