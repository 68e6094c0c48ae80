"""Registry of seeded instance generators: frozen specs producing (catalogue, firm, years)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from grantstack.benchmarks.gen_random import random_firm
from grantstack.benchmarks.gen_synthetic import synthetic_instance
from grantstack.benchmarks.gen_typical import typical_firm
from grantstack.models.catalogue import Catalogue
from grantstack.models.firm import Firm
from grantstack.models.vocabulary import vocabulary

__all__ = ["SUITES", "Instance", "Spec", "build", "real_catalogue", "spec_by_name", "specs"]

TYPICAL_YEARS = (2025, 2029)


@dataclass(frozen=True)
class Spec:
    """One instance: generator kind, size, seed and the suite it belongs to."""

    suite: str
    kind: Literal["typical", "synthetic", "random"]
    seed: int
    measures: int = 0
    projects: int = 0
    years: int = 5

    @property
    def name(self) -> str:
        """Stable file-friendly name."""
        if self.kind in ("typical", "random"):
            return f"{self.suite}-s{self.seed:04d}"
        return f"{self.suite}-{self.measures}x{self.projects}x{self.years}-s{self.seed:02d}"

    @property
    def size(self) -> str:
        """Size label (measures x projects x years, or 'real')."""
        return "real" if self.kind in ("typical", "random") else f"{self.measures}x{self.projects}x{self.years}"

    def as_dict(self) -> dict:
        """Plain dict for files."""
        return asdict(self)


@dataclass(frozen=True)
class Instance:
    """A benchmark instance ready to plan."""

    spec: Spec
    catalogue: Catalogue
    firm: Firm
    years: tuple[int, int]


def _synth(suite: str, m: int, p: int, y: int, seeds: range) -> tuple[Spec, ...]:
    return tuple(Spec(suite, "synthetic", s, m, p, y) for s in seeds)


SUITES: dict[str, tuple[Spec, ...]] = {
    "tiny": _synth("tiny", 6, 3, 3, range(10)),
    "typical": tuple(Spec("typical", "typical", s) for s in range(60)),
    "small": _synth("small", 10, 4, 3, range(10)),
    "medium": _synth("medium", 20, 8, 5, range(10)),
    "large": _synth("large", 40, 12, 5, range(10)),
    "xl": _synth("xl", 80, 60, 8, range(12)),
    "xxl": _synth("xxl", 150, 200, 10, range(2)),
    "random": tuple(Spec("random", "random", s) for s in range(550)),
}
SMALL_SUITES = ("tiny", "typical", "small")


def specs(suites: tuple[str, ...] | list[str] | None = None) -> list[Spec]:
    """Specs of the named suites (all by default), in registry order."""
    names = list(suites) if suites else list(SUITES)
    return [s for name in names for s in SUITES[name]]


def spec_by_name(name: str) -> Spec:
    """The registered spec with this name."""
    for s in specs():
        if s.name == name:
            return s
    raise KeyError(name)


@lru_cache(maxsize=1)
def real_catalogue() -> Catalogue:
    """The bundled Beijing catalogue (scenarios/catalogue/*.yaml)."""
    from grantstack.models.loading import load_catalogue

    return load_catalogue()


def build(spec: Spec, catalogue: Catalogue | None = None) -> Instance:
    """Generate the instance of a spec (typical firms draw on `catalogue`, default the real one)."""
    if spec.kind == "synthetic":
        cat, firm, years = synthetic_instance(spec.seed, spec.measures, spec.projects, spec.years)
        return Instance(spec, cat, firm, years)
    cat = catalogue or real_catalogue()
    make = random_firm if spec.kind == "random" else typical_firm
    firm = Firm.model_validate(make(spec.seed, cat, vocabulary(cat), TYPICAL_YEARS))
    return Instance(spec, cat, firm, TYPICAL_YEARS)
