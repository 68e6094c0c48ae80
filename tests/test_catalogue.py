"""The bundled Beijing catalogue: complete, sourced word for word, cross-referenced, no duplicates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.loading import InputError, bundled_catalogue_paths, load_catalogue
from grantstack.scenarios.overlay import load_catalogue as load_overlaid

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "scenarios" / "seeds"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u3000", " ")).strip()


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_one_file_per_seed_package() -> None:
    names = [p.name[:3] for p in bundled_catalogue_paths()]
    assert names == ["000", "001", "002", "003", "004"]


def test_every_quoted_clause_is_in_its_seed(catalogue: Catalogue) -> None:
    seeds = {p.name: _norm(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    sources = [(m.id, m.source) for m in catalogue.measures]
    rules = (*catalogue.groups, *catalogue.ladders, *catalogue.caps, *catalogue.no_repeat)
    sources += [(r.id, r.source) for r in rules]
    missing = [rid for rid, s in sources if _norm(s.clause) not in seeds[s.seed]]
    assert missing == []


def test_seeds_000_to_003_are_monetary_and_004_informational(catalogue: Catalogue) -> None:
    by_seed: dict[str, list[bool]] = {}
    for m in catalogue.measures:
        by_seed.setdefault(m.source.seed[:3], []).append(m.informational)
    assert all(by_seed["004"])
    for seed in ("000", "001", "002", "003"):
        assert not all(by_seed[seed]), f"seed {seed} has no monetary measure"


def test_every_catalogue_id_is_in_the_clause_table(catalogue: Catalogue) -> None:
    table = (ROOT / "docs" / "CLAUSES.md").read_text(encoding="utf-8")
    absent = [m.id for m in catalogue.measures if f"`{m.id}`" not in table and m.id not in table]
    assert absent == []


def test_every_id_in_the_clause_table_exists(catalogue: Catalogue) -> None:
    table = (ROOT / "docs" / "CLAUSES.md").read_text(encoding="utf-8")
    known = set(catalogue.by_id) | {r.id for r in (*catalogue.groups, *catalogue.ladders, *catalogue.caps,
                                                     *catalogue.no_repeat)}
    known |= {m.policy for m in catalogue.measures if m.policy is not None}
    cited = set(re.findall(r"`((?:ts|ss|ai|tz|sta)\.[a-z0-9_.\-]+)`", table))
    assert cited - known == set()


def test_mentougou_is_held_once(catalogue: Catalogue) -> None:
    """001 lists Mentougou twice under number 5; the catalogue holds each of its measures once."""
    ids = [m.id for m in catalogue.measures if m.district == "mentougou"]
    assert len(ids) == len(set(ids)) >= 2


def test_a_duplicated_package_is_refused() -> None:
    """Feeding the seed-001 file twice (every id duplicated) is an error, never a double count."""
    path = next(p for p in bundled_catalogue_paths() if p.name.startswith("001"))
    with pytest.raises(InputError, match="used by 2 entries"):
        load_catalogue([path, path])


def test_2022_reference_only_editions_are_flagged(catalogue: Catalogue) -> None:
    """000 items 4-6 and 002 Chaoyang cite 2022 notices 'for reference only': each entry says so."""
    flagged = {m.id for m in catalogue.monetary() if m.edition.reference_only}
    expected = {m.id for m in catalogue.monetary() if m.id.startswith(("ts.municipal.", "ai.chaoyang."))}
    assert expected <= flagged
    assert all(catalogue.measure(i).edition.year == 2022 for i in flagged)


def test_tongzhou_guidelines_are_valid_three_years_from_issue(catalogue: Catalogue) -> None:
    """003 Art. 21: effective from issuance (2025-05-08) and valid for three years."""
    for m in catalogue.monetary():
        if m.id.startswith("tz."):
            assert (str(m.validity.start), str(m.validity.end)) == ("2025-05-08", "2028-05-07")


def test_user_catalogue_layers_over_the_bundled_one(tmp_path: Path, catalogue: Catalogue) -> None:
    """An overlay's replace swaps that entry; a package file with replace=True is the whole catalogue."""
    import yaml

    entry = catalogue.measure("tz.art4.pilot_testing").model_dump(mode="json")
    entry["title"] = "Pilot testing, as our own office reads it"
    entry["caps"] = [{"per": "subject", "amount": 8_000_000}]
    own = tmp_path / "own.yaml"
    own.write_text(yaml.safe_dump({"catalogue_changes": [
        {"op": "replace", "path": "measures[tz.art4.pilot_testing]", "value": entry}]}), "utf-8")
    layered = load_overlaid(overlay=own)
    assert len(layered.measures) == len(catalogue.measures)
    assert layered.measure("tz.art4.pilot_testing").caps[0].amount == 8_000_000
    whole = tmp_path / "whole.yaml"
    whole.write_text(yaml.safe_dump({"package": {"seed": "own", "title": "own"}, "measures": [entry]}), "utf-8")
    alone = load_overlaid(overlay=whole, replace=True)
    assert [m.id for m in alone.measures] == ["tz.art4.pilot_testing"]


def test_an_overlay_may_refer_to_bundled_measures(tmp_path: Path) -> None:
    """A user's overlay adding only a shared cap over two bundled measures is checked against the whole."""
    import yaml

    own = tmp_path / "own_cap.yaml"
    cap = {"id": "own.tongzhou_rate_cap", "measures": ["tz.art4.pilot_testing", "tz.art9.upgrading"], "per": "year",
           "amount": 5_000_000, "source": {"seed": "own", "item": "office memo",
                                            "clause": "Our reading: at most 5M a year over both rate routes."}}
    own.write_text(yaml.safe_dump({"catalogue_changes": [
        {"op": "add", "path": "caps[own.tongzhou_rate_cap]", "value": cap}]}), "utf-8")
    assert [c.id for c in load_overlaid(overlay=own).caps if c.id.startswith("own.")] == ["own.tongzhou_rate_cap"]
    whole = tmp_path / "own_whole.yaml"
    whole.write_text(yaml.safe_dump({"package": {"seed": "own", "title": "own"}, "caps": [cap]}), "utf-8")
    with pytest.raises(InputError, match="own_whole.yaml"):
        load_overlaid(overlay=whole, replace=True)  # alone, its references dangle
