"""Group coverage worked out in one pass and cached per catalogue object: the same as each group's own
definition (a measure is covered when the group lists its id, its ladder or its policy), for every reading."""

from __future__ import annotations

import pytest

from grantstack.models.catalogue import Catalogue
from grantstack.models.groups import coverage, covered_by
from grantstack.models.loading import load_catalogue
from grantstack.models.memo import Memo
from grantstack.models.options import Interpretation
from grantstack.models.rules import ExclusiveGroup


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def by_definition(cat: Catalogue, g: ExclusiveGroup) -> dict[str, str]:
    """The group's cover measure by measure, straight from its definition."""
    out = {}
    for m in cat.measures:
        lad = cat.ladder_of(m.id)
        names = [x for x in (m.id, lad.id if lad else None, m.policy) if x is not None and x in g.members]
        if names and not m.informational:
            out[m.id] = names[0] if g.kind == "routes" else cat.policy_of(m.id)
    return out


@pytest.mark.parametrize("interp", [Interpretation(), Interpretation(routes_add_up=True),
                                    Interpretation(reference_editions="renewed"),
                                    Interpretation(discretionary="ceiling")])
def test_one_pass_equals_each_groups_definition(cat: Catalogue, interp: Interpretation) -> None:
    read = cat.under(interp)
    assert any(covered_by(read, g) for g in read.groups)
    for g in read.groups:
        assert list(covered_by(read, g).items()) == list(by_definition(read, g).items()), g.id
    assert set(coverage(read)) == {g.id for g in read.groups}


def test_a_foreign_group_is_worked_out_not_looked_up(cat: Catalogue) -> None:
    g = cat.groups[0]
    other = g.model_copy(update={"id": "elsewhere", "members": g.members[:1]})
    assert covered_by(cat, other) == by_definition(cat, other)


def test_memo_is_per_object_and_keeps_the_last_few() -> None:
    memo = Memo(keep=2)
    a, b, c = [1], [1], [1]  # equal, but not the same objects
    calls = []

    def work(x: list[int]) -> int:
        calls.append(x)
        return len(calls)

    assert memo.get(a, "k", lambda: work(a)) == 1
    assert memo.get(a, "k", lambda: work(a)) == 1
    assert memo.get(b, "k", lambda: work(b)) == 2
    assert memo.get(c, "k", lambda: work(c)) == 3  # a goes out
    assert memo.get(a, "k", lambda: work(a)) == 4


def test_cached_value_works_a_value_out_once_per_instance() -> None:
    from grantstack.models.memo import cached_value

    calls: list[int] = []

    class Thing:
        def __init__(self, n: int) -> None:
            self.n = n

        @cached_value
        def double(self) -> int:
            """Twice n."""
            calls.append(self.n)
            return 2 * self.n

    a, b = Thing(1), Thing(2)
    assert (a.double, a.double, b.double, a.double) == (2, 2, 4, 2) and calls == [1, 2]
    assert a.__dict__["double"] == 2 and isinstance(Thing.double, cached_value) and Thing.double.__doc__ == "Twice n."
