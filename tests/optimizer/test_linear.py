"""The solver-neutral IR and its two back-ends."""

from __future__ import annotations

from ortools.sat.python import cp_model

from grantstack.optimizer.highs import big_m_rows
from grantstack.optimizer.highs_worker import HighsWorker, solve_highs
from grantstack.optimizer.linear import LinearModel, negate, to_cpsat


def small() -> LinearModel:
    m = LinearModel()
    x, y, b = m.new_var(0, 10, "x"), m.new_var(0, 10, "y"), m.new_bool("b")
    m.add([x, y], [1, 1], ub=12)
    m.add([x], [1], ub=3, enforce=[b])
    m.add([y], [1], ub=4, enforce=[negate(b)])
    m.maximize({x: 3, y: 2, b: 1})
    return m


def test_rows_implied_by_bounds_are_dropped_and_duplicates_merged() -> None:
    m = LinearModel()
    x, y = m.new_var(0, 5, "x"), m.new_var(0, 5, "y")
    assert m.add([x, y], [1, 1], ub=10) is None
    assert m.add([x], [0], ub=0) is None
    row = m.add([x, y, x], [1, 1, 1], ub=7)
    assert row is not None and row.vars == (x, y) and row.coefs == (2, 1)
    assert m.add([x, y], [1, 1], lb=0, ub=None) is None
    assert m.size()["constraints"] == 1


def test_cpsat_back_end_solves_enforced_and_negated_literals() -> None:
    cp, handles = to_cpsat(small())
    solver = cp_model.CpSolver()
    assert solver.solve(cp) == cp_model.OPTIMAL
    assert solver.objective_value == 34  # b = 0: x = 10, y = 2 (y <= 4, x + y <= 12)
    assert [solver.value(h) for h in handles] == [10, 2, 0]


def test_big_m_is_the_tightest_the_bounds_allow() -> None:
    m = LinearModel()
    x, y, b = m.new_var(0, 10, "x"), m.new_var(0, 6, "y"), m.new_bool("b")
    row = m.add([x, y], [1, 1], ub=4, enforce=[b])
    assert row is not None
    (vs, cs, lb, ub), = big_m_rows(m, row)
    assert vs == [x, y, b] and cs == [1.0, 1.0, 12.0] and ub == 16  # x + y <= 4 + 12 (1 - b)
    row = m.add([x], [1], lb=3, enforce=[negate(b)])
    assert row is not None
    (vs, cs, lb, ub), = big_m_rows(m, row)
    assert vs == [x, b] and cs == [1.0, 3.0] and lb == 3  # x >= 3 - 3 b


def test_highs_back_end_agrees(highs: HighsWorker) -> None:
    sol = highs.solve(small(), 10)
    assert sol.status == "Optimal" and sol.objective == 34 and sol.values == (10, 2, 0)


def test_highs_reports_infeasible(highs: HighsWorker) -> None:
    m = LinearModel()
    x = m.new_var(0, 3, "x")
    m.add([x], [1], lb=4)
    m.maximize({x: 1})
    sol = highs.solve(m, 10)
    assert sol.objective is None and sol.status == "Infeasible"


def test_solve_highs_runs_in_its_own_process() -> None:
    sol = solve_highs(small(), 10)
    assert sol.objective == 34 and sol.exact


def _field_by_field(model: LinearModel, variables: list[int] | None, rows: list[int] | None) -> object:
    """The proto built one field at a time through the extension (how cpsat_proto built it before it wrote text)."""
    from ortools.sat.python import cp_model_helper

    from grantstack.optimizer.linear import INT_MAX, INT_MIN, set_objective

    proto = cp_model_helper.CpModelProto()
    vs = range(model.num_vars) if variables is None else variables
    local = {v: i for i, v in enumerate(vs)}
    for v in vs:
        var = proto.variables.add()
        var.domain.extend((model.lbs[v], model.ubs[v]))
        var.name = model.names[v]
    for r in model.rows if rows is None else [model.rows[i] for i in rows]:
        ct = proto.constraints.add()
        ct.enforcement_literal.extend(local[e] if e >= 0 else ~local[~e] for e in r.enforce)
        ct.linear.vars.extend(local[v] for v in r.vars)
        ct.linear.coeffs.extend(r.coefs)
        ct.linear.domain.extend((INT_MIN if r.lb is None else r.lb, INT_MAX if r.ub is None else r.ub))
    whole = variables is None
    set_objective(proto, {local[v]: c for v, c in model.objective.items() if v in local}, maximize=True,
                  offset=model.offset if whole else 0)
    hinted = [(local[v], x) for v, x in model.hint.items() if v in local]
    proto.solution_hint.vars.extend(v for v, _ in hinted)
    proto.solution_hint.values.extend(x for _, x in hinted)
    return proto


def test_cpsat_proto_written_as_text_is_the_proto_built_field_by_field() -> None:
    from grantstack.optimizer.linear import cpsat_proto

    m = small()
    z = m.new_var(-7, 2**40, 'odd "name" \\ with\nbreaks')
    m.add([z], [-3], lb=-(2**41))  # one side unbounded
    m.add([z, 0], [1, -5], lb=-4, ub=9, enforce=[2, negate(1)])  # an enforced row on a negated literal
    m.maximize({0: 3, 1: 2, 2: 1, z: -1}, offset=11)
    m.hint = {0: 3, z: 5}
    for variables, rows in ((None, None), ([3, 0, 2, 1], [3, 0, 1, 2, 4]), ([2, 0], [1])):
        want = _field_by_field(m, variables, rows)
        assert str(cpsat_proto(m, variables, rows, names=True)) == str(want)
        for v in want.variables:  # without names (the default): the same proto, names cleared
            v.clear_name()
        assert str(cpsat_proto(m, variables, rows)) == str(want)


def test_components_split_by_shared_rows_with_the_constants_each_part_reads() -> None:
    from grantstack.optimizer.linear import components

    m = LinearModel()
    v0, v1, c2, v3 = m.new_bool("v0"), m.new_bool("v1"), m.new_var(1, 1, "c2"), m.new_var(0, 5, "v3")
    v4, c5, v6 = m.new_bool("v4"), m.new_var(0, 0, "c5"), m.new_bool("v6")
    rows = [m.add([v0, v1], [1, 1], ub=1), m.add([v3, v0], [1, -5], ub=0), m.add([v4, c2], [1, 1], ub=1),
            m.add([c2, c5], [1, 1], ub=0), m.add([v6], [1], ub=0, enforce=[negate(v4)]), m.add([v3, c5], [1, 1], ub=4)]
    assert all(r is not None for r in rows)
    parts, loose = components(m)
    # v0, v1, v3 share rows (and read the constant c5); v4 and v6 share an enforced row (and read c2); the row on
    # the two constants alone joins no part
    assert parts == [([v0, v1, v3, c5], [0, 1, 5]), ([v4, v6, c2], [2, 4])] and loose == [3]
