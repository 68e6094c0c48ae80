"""A solver-neutral integer linear model: bounded variables, (enforced) linear rows, a linear objective."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from grantstack.models.limits import MAX_OBJECTIVE, MAX_ROW_ACTIVITY

# CP-SAT's unbounded row ends (ortools.sat.python.cp_model.INT_MIN / INT_MAX): written here, so building a proto
# needs only the solver's C++ extension (cp_model_helper), not the cp_model wrapper, which imports pandas and numpy
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

__all__ = [
    "TooLarge",
    "magnitude",
    "LinearModel",
    "ProtoHead",
    "Row",
    "add_row",
    "components",
    "cpsat_proto",
    "negate",
    "proto_head",
    "satisfies",
    "set_objective",
    "to_cpsat",
]


class TooLarge(ValueError):
    """A variable, row or objective whose value could leave the exact range (models.limits): refused, never solved."""

    def __init__(self, what: str, magnitude: int, limit: int) -> None:
        super().__init__(f"{what} could reach {magnitude:,}, beyond {limit:,}")
        self.what, self.magnitude, self.limit = what, magnitude, limit


def magnitude(lbs: Sequence[int], ubs: Sequence[int], terms: dict[int, int]) -> int:
    """The largest absolute value sum(coef * var) can take over the variable bounds."""
    return sum(abs(c) * max(abs(lbs[v]), abs(ubs[v])) for v, c in terms.items())


def negate(lit: int) -> int:
    """The negation of a literal: variable i is literal i, its negation is ~i (= -i - 1)."""
    return ~lit


@dataclass(slots=True)
class Row:
    """lb <= sum(coef * var) <= ub, only when every enforcement literal is true; None is unbounded."""

    vars: tuple[int, ...]
    coefs: tuple[int, ...]
    lb: int | None
    ub: int | None
    enforce: tuple[int, ...] = ()
    tag: str = ""


@dataclass
class LinearModel:
    """Variables (integer, bounded; booleans are [0, 1]) and rows; maximise `objective` (+ offset)."""

    names: list[str] = field(default_factory=list)
    lbs: list[int] = field(default_factory=list)
    ubs: list[int] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    objective: dict[int, int] = field(default_factory=dict)
    offset: int = 0
    hint: dict[int, int] = field(default_factory=dict)  # a starting solution for the solver (variable -> value)
    head: ProtoHead | None = field(default=None, repr=False, compare=False)  # its first variables and rows, parsed

    @property
    def num_vars(self) -> int:
        """Number of variables."""
        return len(self.lbs)

    def new_var(self, lb: int, ub: int, name: str) -> int:
        """A new integer variable in [lb, ub]; returns its index."""
        if lb > ub:
            raise ValueError(f"empty domain [{lb}, {ub}] for {name}")
        if max(-lb, ub) > MAX_ROW_ACTIVITY:
            raise TooLarge(f"variable {name}", max(-lb, ub), MAX_ROW_ACTIVITY)
        self.names.append(name)
        self.lbs.append(lb)
        self.ubs.append(ub)
        return len(self.lbs) - 1

    def new_bool(self, name: str) -> int:
        """A new 0/1 variable."""
        return self.new_var(0, 1, name)

    def is_bool(self, v: int) -> bool:
        """True if the variable's domain lies in [0, 1]."""
        return self.lbs[v] >= 0 and self.ubs[v] <= 1

    def activity_range(self, vs: Sequence[int], cs: Sequence[int]) -> tuple[int, int]:
        """Least and greatest value of sum(c * v) over the variable bounds."""
        lo = hi = 0
        lbs, ubs = self.lbs, self.ubs
        for v, c in zip(vs, cs, strict=True):
            if c > 0:
                lo += c * lbs[v]
                hi += c * ubs[v]
            else:
                lo += c * ubs[v]
                hi += c * lbs[v]
        return lo, hi

    def add(self, vs: Sequence[int], cs: Sequence[int], lb: int | None = None, ub: int | None = None,
            enforce: Sequence[int] = (), tag: str = "") -> Row | None:
        """Add lb <= sum(cs * vs) <= ub (if all `enforce` literals hold); rows implied by bounds are dropped."""
        n = len(vs)
        if n > 1 and (vs[0] == vs[1] if n == 2 else len(set(vs)) != n):  # a variable twice: its terms merged
            merged: dict[int, int] = {}
            for v, c in zip(vs, cs, strict=True):
                merged[v] = merged.get(v, 0) + c
            vs, cs = tuple(merged), tuple(merged.values())
        lbs, ubs = self.lbs, self.ubs
        lo = hi = 0
        zeros = False
        for v, c in zip(vs, cs, strict=True):
            if c > 0:
                lo += c * lbs[v]
                hi += c * ubs[v]
            elif c < 0:
                lo += c * ubs[v]
                hi += c * lbs[v]
            else:
                zeros = True
        if zeros:  # terms with coefficient 0 are left out
            vs, cs = tuple(v for v, c in zip(vs, cs, strict=True) if c), tuple(c for c in cs if c)
        else:
            vs, cs = tuple(vs), tuple(cs)
        if hi > MAX_ROW_ACTIVITY or -lo > MAX_ROW_ACTIVITY:
            raise TooLarge(f"row '{tag}'", max(hi, -lo), MAX_ROW_ACTIVITY)
        if lb is not None and lo >= lb:
            lb = None
        if ub is not None and hi <= ub:
            ub = None
        if lb is None and ub is None:
            return None
        row = Row(vs, cs, lb, ub, tuple(enforce), tag)
        self.rows.append(row)
        return row

    def maximize(self, terms: dict[int, int], offset: int = 0) -> None:
        """Set the objective: maximise sum(coef * var) + offset (TooLarge past 2**53: doubles are exact below)."""
        self.objective = {v: c for v, c in sorted(terms.items()) if c != 0}
        size = magnitude(self.lbs, self.ubs, self.objective) + abs(offset)
        if size > MAX_OBJECTIVE:
            raise TooLarge("the objective", size, MAX_OBJECTIVE)
        self.offset = offset

    def copy(self) -> LinearModel:
        """A copy to which rows may be added without touching this model."""
        return LinearModel(list(self.names), list(self.lbs), list(self.ubs), list(self.rows),
                           dict(self.objective), self.offset, dict(self.hint))

    def size(self) -> dict[str, int]:
        """Variables, booleans, rows, enforced rows and nonzeros."""
        return {
            "variables": self.num_vars,
            "booleans": sum(1 for lb, ub in zip(self.lbs, self.ubs, strict=True) if lb >= 0 and ub <= 1),  # is_bool
            "constraints": len(self.rows),
            "enforced_constraints": sum(1 for r in self.rows if r.enforce),
            "nonzeros": sum(len(r.vars) for r in self.rows),
        }


@dataclass(frozen=True)
class ProtoHead:
    """The first `variables` variables and `rows` rows of a model as a parsed CpModelProto (no objective, no hint),
    for the models that extend it (the readings finish one model built up to the group rules several times:
    optimizer/readings.py); cpsat_proto starts from a copy of it where a proto begins with them."""

    variables: int
    rows: int
    proto: Any


def proto_head(model: LinearModel) -> ProtoHead:
    """The model's variables and rows as a ProtoHead (what cpsat_proto writes of the whole model before its
    objective)."""
    from ortools.sat.python import cp_model_helper

    proto = cp_model_helper.CpModelProto()
    proto.parse_text_format(" ".join(_text(model, range(model.num_vars), None, model.rows, False)))
    return ProtoHead(model.num_vars, len(model.rows), proto)


def _begins(seq: Sequence[int] | None, n: int) -> bool:
    """Whether a part's variables or rows (None: all of them) begin with the model's first n in order."""
    return seq is None or (len(seq) >= n and list(seq[:n]) == list(range(n)))


def _text(model: LinearModel, vs: Sequence[int], local: dict[int, int] | None, rows: Sequence[Row],
          names: bool, first: int = 0) -> list[str]:
    """Protobuf text of the variables vs[first:] and of `rows` (`local`: model variable to part variable, None
    for the whole model in order)."""
    lbs, ubs = model.lbs, model.ubs
    mine = vs[first:] if first else vs
    if names:
        text = [f'variables{{name:"{_escaped(model.names[v])}" domain:[{lbs[v]},{ubs[v]}]}}' for v in mine]
    else:  # most variables are booleans: their text written once
        text = [_BOOLEAN if lbs[v] == 0 and ubs[v] == 1 else f"variables{{domain:[{lbs[v]},{ubs[v]}]}}" for v in mine]
    written = [str(i) for i in range(len(vs))]  # each part variable's index, written out once
    index: Sequence[str] | dict[int, str] = written if local is None else dict(zip(vs, written, strict=True))
    get = index.__getitem__
    for r in rows:
        low = _UNBOUNDED_LOW if r.lb is None else str(r.lb)
        high = _UNBOUNDED_HIGH if r.ub is None else str(r.ub)
        linear = f"linear{{vars:[{','.join(map(get, r.vars))}] coeffs:[{','.join(map(str, r.coefs))}] " \
            f"domain:[{low},{high}]}}"
        if r.enforce:  # negation ~i is CP-SAT's -i-1 too
            lits = r.enforce if local is None else [local[e] if e >= 0 else ~local[~e] for e in r.enforce]
            text.append(f"constraints{{enforcement_literal:[{','.join(map(str, lits))}] {linear}}}")
        else:
            text.append(f"constraints{{{linear}}}")
    return text


def cpsat_proto(model: LinearModel, variables: Sequence[int] | None = None, rows: Sequence[int] | None = None,
                names: bool = False) -> Any:
    """The model (or the part of it on `variables` and `rows`, renumbered in that order) as a CP-SAT
    CpModelProto, written as protobuf text and parsed in one call (a few hundred field-by-field calls into the
    extension cost about a fifth more); the objective is `model.objective` restricted to the part, maximised.
    Variable names only with `names` (inspection): the solver never reads them. Where the part begins with the
    variables and rows of the model's `head`, a copy of that parsed head is extended with the text of the rest
    (the same proto)."""
    from ortools.sat.python import cp_model_helper

    vs = range(model.num_vars) if variables is None else variables
    local = None if variables is None else {v: i for i, v in enumerate(vs)}
    head = model.head
    if head is not None and (names or not _begins(variables, head.variables) or not _begins(rows, head.rows)):
        head = None
    skip, after = (0, 0) if head is None else (head.variables, head.rows)
    chosen = model.rows[after:] if rows is None else [model.rows[i] for i in rows[after:]]
    text = " ".join(_text(model, vs, local, chosen, names, skip))
    proto = cp_model_helper.CpModelProto()
    if head is None:
        proto.parse_text_format(text)
    else:
        proto.copy_from(head.proto)
        proto.merge_text_format(text)
    terms = model.objective if local is None else {local[v]: c for v, c in model.objective.items() if v in local}
    set_objective(proto, terms, maximize=True, offset=model.offset if local is None else 0)
    if model.hint:  # a starting solution (e.g. the base plan of a what-if), on this part's variables
        hinted = [(v if local is None else local[v], x) for v, x in model.hint.items() if local is None or v in local]
        proto.solution_hint.vars.extend(v for v, _ in hinted)
        proto.solution_hint.values.extend(x for _, x in hinted)
    return proto


_BOOLEAN = "variables{domain:[0,1]}"
_UNBOUNDED_LOW, _UNBOUNDED_HIGH = str(INT_MIN), str(INT_MAX)  # a row's open ends, written out once


def _escaped(name: str) -> str:
    """A name as a protobuf text string literal's contents."""
    return name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def set_objective(proto: Any, terms: dict[int, int], maximize: bool, offset: int = 0) -> None:
    """Replace the proto's objective (CP-SAT minimises: maximise f as minimise -f, reported with factor -1)."""
    proto.clear_objective()
    objective = proto.objective
    sign = -1 if maximize else 1
    objective.vars.extend(terms.keys())
    objective.coeffs.extend(terms.values() if sign > 0 else [-c for c in terms.values()])
    objective.offset = sign * offset
    objective.scaling_factor = sign


def add_row(proto: Any, terms: dict[int, int], lb: int | None, ub: int | None) -> None:
    """Append an unconditional row lb <= sum(coef * var) <= ub to a proto."""
    linear = proto.constraints.add().linear
    linear.vars.extend(terms.keys())
    linear.coeffs.extend(terms.values())
    linear.domain.extend((INT_MIN if lb is None else lb, INT_MAX if ub is None else ub))


def components(model: LinearModel) -> tuple[list[tuple[list[int], list[int]]], list[int]]:
    """Independent parts of the model: (variables, rows) with no row across two parts, ordered by their first
    variable (constants join no part, but follow the variables of each part whose rows read them); and the
    rows on constants alone."""
    fixed = [lb == ub for lb, ub in zip(model.lbs, model.ubs, strict=True)]
    parent = list(range(model.num_vars))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    heads: list[tuple[int, list[int] | None]] = []  # each row's part (a variable of it; -1: none), constants read
    for r in model.rows:
        head = -1
        read: list[int] | None = None
        for v in _read(r):
            if fixed[v]:
                if read is None:
                    read = [v]
                else:
                    read.append(v)
                continue
            x = v  # its root (find, inlined: called for every term of every row)
            while parent[x] != x:
                parent[x] = x = parent[parent[x]]
            if head < 0:
                head = x
            elif x != head:
                parent[x] = head
        heads.append((head, read))
    parts: dict[int, tuple[list[int], list[int]]] = {}
    for v in range(model.num_vars):
        if not fixed[v]:
            parts.setdefault(find(v), ([], []))[0].append(v)
    loose: list[int] = []
    constants: dict[int, set[int]] = {}
    for i, (head, read) in enumerate(heads):
        if head < 0:
            loose.append(i)
            continue
        root = find(head)
        parts[root][1].append(i)
        if read is not None:
            constants.setdefault(root, set()).update(read)
    for root, cs in constants.items():
        parts[root][0].extend(sorted(cs))  # constants the part's rows read, after its own variables
    ordered = sorted(parts.values(), key=lambda p: p[0][0])
    return ordered, loose


def _read(r: Row) -> tuple[int, ...]:
    """The variables a row reads: its terms' and its enforcement literals' (most rows have none)."""
    return (*r.vars, *(e if e >= 0 else ~e for e in r.enforce)) if r.enforce else r.vars


def to_cpsat(model: LinearModel) -> tuple[Any, list[Any]]:
    """The same model as a CP-SAT CpModel (for inspection and tests); returns it and the variable handles."""
    from ortools.sat.python import cp_model

    cp = cp_model.CpModel()
    cp.proto.copy_from(cpsat_proto(model, names=True))
    return cp, [cp.get_int_var_from_proto_index(i) for i in range(model.num_vars)]


def satisfies(model: LinearModel, values: Sequence[int]) -> bool:
    """Whether integer values meet every bound and every enforced row exactly."""
    if any(not lo <= x <= hi for lo, hi, x in zip(model.lbs, model.ubs, values, strict=True)):
        return False
    for r in model.rows:
        if not all(values[e] if e >= 0 else not values[~e] for e in r.enforce):
            continue
        act = sum(c * values[v] for v, c in zip(r.vars, r.coefs, strict=True))
        if (r.lb is not None and act < r.lb) or (r.ub is not None and act > r.ub):
            return False
    return True
