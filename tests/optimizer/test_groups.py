"""rules/groups.py: most favourable per matter / entity-year / entity, ladders as one policy, routes."""

from __future__ import annotations

from decimal import Decimal

from tests.optimizer.helpers import agree_over_by_one, amounts, catalogue, firm, measure, opts, solve

A = measure("a", {"form": "rate", "percent": 30, "base": {"of": "project", "field": "investment"}},
            subject="project", project_kinds=["rd_project"])
B = measure("b", {"form": "rate", "percent": 50, "base": {"of": "project", "field": "investment"}},
            subject="project", project_kinds=["rd_project"], caps=[{"per": "subject", "amount": 600_000}])


def projects(*ids: str) -> list[dict[str, object]]:
    return [{"id": i, "kinds": ["rd_project"], "start": 2025, "costs": {"investment": [1_000_000, 1_000_000]}}
            for i in ids]


def group(scope: str = "option", kind: str = "most_favourable", members: tuple[str, ...] = ("a", "b")) -> dict:
    return {"id": "g", "kind": kind, "members": list(members), "scope": scope}


def test_matter_scope_one_policy_per_project() -> None:
    """Per project: a pays 300k + 300k = 600k, b pays 500k + 100k (600k cap): equal; on one project only one of
    them; two projects each get their better policy."""
    cat = catalogue(A, B, groups=[group("matter")])
    r = solve(cat, firm(projects=projects("p")))
    assert r.total_yuan == 600_000 and len({a.measure for a in r.plan.applications}) == 1  # type: ignore[union-attr]
    key = next(iter(amounts(r)))
    other = "b" if key[0] == "a" else "a"
    agree_over_by_one(cat, firm(projects=projects("p")), (other, "p", 2025), "group", by=100_000)
    assert solve(cat, firm(projects=projects("p", "q"))).total_yuan == 1_200_000


def test_entity_scope_one_policy_over_the_whole_plan() -> None:
    cat = catalogue(A, B, groups=[group("option")])
    assert solve(cat, firm(projects=projects("p", "q")), opts(most_favourable_scope="entity")).total_yuan == 1_200_000
    r = solve(cat, firm(projects=projects("p", "q")), opts(most_favourable_scope="entity"))
    assert len({a.measure for a in r.plan.applications}) == 1  # type: ignore[union-attr]


def test_entity_year_scope() -> None:
    """Two firm-level measures, 100k and 70k a year; entity_year: one a year -> 5 x 100k."""
    x = measure("x", {"form": "fixed", "amount": 100_000})
    y = measure("y", {"form": "fixed", "amount": 70_000})
    cat = catalogue(x, y, groups=[group("entity_year", members=("x", "y"))])
    assert solve(cat, firm()).total_yuan == 500_000
    agree_over_by_one(cat, firm(), ("y", None, 2025), "group", by=70_000)


def test_firm_level_matter_labels() -> None:
    """Under 'matter', firm-level measures with one label share a matter per year; without labels each is its
    own matter."""
    x = measure("x", {"form": "fixed", "amount": 100_000}, matter="scale")
    y = measure("y", {"form": "fixed", "amount": 70_000}, matter="scale")
    assert solve(catalogue(x, y, groups=[group("matter", members=("x", "y"))]), firm()).total_yuan == 500_000
    x2, y2 = (m.model_copy(update={"matter": None}) for m in (x, y))
    assert solve(catalogue(x2, y2, groups=[group("matter", members=("x", "y"))]), firm()).total_yuan == 850_000


def test_a_ladder_is_one_policy() -> None:
    ss = measure("ss", {"form": "fixed", "amount": 200_000}, subject="event", event_kinds=["recognition.ss_municipal"])
    lg = measure("lg", {"form": "fixed", "amount": 800_000}, subject="event",
                 event_kinds=["recognition.little_giant_national"])
    other = measure("o", {"form": "fixed", "amount": 700_000}, subject="event",
                    event_kinds=["recognition.little_giant_national"])
    cat = catalogue(ss, lg, other, ladders=[{"id": "lad", "tiers": ["ss", "lg"]}],
                    groups=[group("entity", members=("lad", "o"))])
    f = firm(events=[{"id": "s", "kind": "recognition.ss_municipal", "year": 2025},
                     {"id": "l", "kind": "recognition.little_giant_national", "year": 2026}])
    discounted = opts(unit=1000).model_copy(update={"discount_rate": Decimal("0.05")})
    assert amounts(solve(cat, f, discounted)) == {("ss", "s", 2025): 200_000, ("lg", "l", 2026): 600_000}


def test_routes_add_up_when_the_option_says_so() -> None:
    cat = catalogue(A, B, groups=[group("matter", kind="routes")])
    assert solve(cat, firm(projects=projects("p"))).total_yuan == 600_000
    assert solve(cat, firm(projects=projects("p")), opts(routes_add_up=True)).total_yuan == 1_200_000
