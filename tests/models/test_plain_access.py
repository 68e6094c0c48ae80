"""Frozen models read their fields by CPython's plain lookup; missing attributes, private attributes, copies and
pickles behave as with pydantic's hook."""

from __future__ import annotations

import copy
import ctypes
import pickle
import platform

import pytest
from pydantic import PrivateAttr

from grantstack.models.base import Frozen
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Event, Firm
from grantstack.models.loading import load_catalogue
from grantstack.models.measure import Measure
from grantstack.models.options import Interpretation
from grantstack.models.plain_access import _slot, plain_attribute_reads
from grantstack.models.plan import Application

cpython = pytest.mark.skipif(platform.python_implementation() != "CPython", reason="a CPython type slot")


def _plain(cls: type) -> bool:
    slot = _slot()
    assert slot is not None
    index, generic, _ = slot
    return bool((ctypes.c_void_p * (index + 1)).from_address(id(cls))[index] == generic)


class _Later(Frozen):
    x: int = 1


class _Private(Frozen):
    x: int = 1
    _memo: dict[str, int] = PrivateAttr(default_factory=dict)


@cpython
def test_frozen_models_read_plainly_but_those_with_private_attributes_keep_pydantics_hook() -> None:
    for cls in (Firm, Event, Measure, Application, Interpretation, Catalogue, _Later):
        assert _plain(cls), cls
    assert not _plain(_Private) and not plain_attribute_reads(_Private)


def test_a_missing_attribute_raises_as_before() -> None:
    firm = Firm(id="f", district="tongzhou")
    with pytest.raises(AttributeError, match="'Firm' object has no attribute 'nope'"):
        _ = firm.nope  # type: ignore[attr-defined]
    assert getattr(firm, "nope", 7) == 7 and not hasattr(firm, "nope")
    assert firm.district == "tongzhou" and firm.model_copy(update={"district": "daxing"}).district == "daxing"


def test_private_attributes_copies_and_pickles_still_work() -> None:
    p = _Private()
    p._memo["a"] = 1
    assert p._memo == {"a": 1} and p.x == 1
    cat = load_catalogue()
    generous = Interpretation(key_areas="open", upgrading_cap="per_project")
    read = cat.under(generous)
    assert read is not cat and cat.under(generous) is read  # each reading is built once per catalogue
    fewer = cat.model_copy(update={"measures": cat.measures[:-1]})  # a copy with other measures reads them again
    assert cat.model_copy().under(generous) is read and len(fewer.under(generous).measures) == len(cat.measures) - 1
    later = _Later(x=3)
    assert pickle.loads(pickle.dumps(later)) == later and copy.deepcopy(later) == later and copy.copy(later).x == 3


@cpython
def test_a_getattr_assigned_later_is_honoured() -> None:
    class Hooked(Frozen):
        x: int = 1

    assert _plain(Hooked)
    Hooked.__getattr__ = lambda self, name: f"hook {name}"  # type: ignore[attr-defined]
    assert not _plain(Hooked) and Hooked().anything == "hook anything" and Hooked().x == 1
