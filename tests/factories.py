"""Small builders for measures and firms used across tests (plain data in, validated models out)."""

from __future__ import annotations

from typing import Any

from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.measure import Measure

SEED = "003_817f70ee6d023492.txt"


def measure(mid: str, amount: dict[str, Any], **extra: Any) -> Measure:
    """A district measure in Tongzhou with a placeholder source, overridable field by field."""
    data: dict[str, Any] = {
        "id": mid,
        "title": f"Test measure {mid}",
        "level": "district",
        "district": "tongzhou",
        "issuer": "test issuer",
        "source": {"seed": SEED, "item": "Art. test", "clause": "A clause quoted for a test case."},
        "edition": {"year": 2025},
        "amount": amount,
    }
    data.update(extra)
    return Measure.model_validate(data)


def firm(**extra: Any) -> Firm:
    """A Tongzhou advanced manufacturer with no data unless given."""
    data: dict[str, Any] = {"id": "f", "district": "tongzhou", "tags": ["advanced_manufacturing"]}
    data.update(extra)
    return Firm.model_validate(data)


def catalogue(*measures: Measure, **rules: Any) -> Catalogue:
    """A catalogue of these measures and rules (groups, ladders, caps, no_repeat as dicts)."""
    return Catalogue.model_validate({"measures": [m.model_dump() for m in measures], **rules})


def source(item: str = "Art. test") -> dict[str, str]:
    """A placeholder source for rules."""
    return {"seed": SEED, "item": item, "clause": "A clause quoted for a test case."}
