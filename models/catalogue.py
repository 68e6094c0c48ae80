"""The catalogue: measures plus the rules that link them, with every cross-reference checked."""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from grantstack.models.amounts import Matching
from grantstack.models.base import Frozen
from grantstack.models.catalogue_checks import cycle_problems
from grantstack.models.limits import MAX_MEASURES
from grantstack.models.measure import Measure
from grantstack.models.memo import Memo
from grantstack.models.options import Interpretation
from grantstack.models.rules import ExclusiveGroup, Ladder, NoRepeat, SharedCap
from grantstack.models.vocabulary import VocabularySection

__all__ = ["Catalogue", "CataloguePackage", "PackageInfo"]

_VARIANTS = Memo()  # each catalogue's variant options, worked out once per catalogue object (under() runs per plan)


class PackageInfo(Frozen):
    """One seed policy package."""

    seed: str = Field(description="Seed file name.")
    title: str = Field(description="Title of the package.")
    note: str = Field(default="", description="What the package is and how it was encoded.")


class CataloguePackage(Frozen):
    """What one catalogue file holds: a package's measures and linking rules."""

    package: PackageInfo = Field(description="The seed package this file encodes.")
    measures: tuple[Measure, ...] = Field(default=(), max_length=MAX_MEASURES, description="Measures of the package.")
    groups: tuple[ExclusiveGroup, ...] = Field(default=(), description="Most-favourable and route groups.")
    ladders: tuple[Ladder, ...] = Field(default=(), description="Tier ladders paying the difference.")
    caps: tuple[SharedCap, ...] = Field(default=(), description="Caps shared by several measures.")
    no_repeat: tuple[NoRepeat, ...] = Field(default=(), description="No-repeat links across events.")
    vocabulary: VocabularySection = Field(
        default_factory=VocabularySection,
        description="Names this file uses that are not in the shared vocabulary (docs/vocabulary.md), each with "
                    "its meaning: tags, statuses, metrics, project and event kinds and their fields, matters.",
    )


class Catalogue(Frozen):
    """All measures and rules in force for planning; cross-references resolved and checked."""

    packages: tuple[PackageInfo, ...] = Field(default=(), description="Packages it was built from.")
    measures: tuple[Measure, ...] = Field(description="Every measure.")
    groups: tuple[ExclusiveGroup, ...] = Field(default=(), description="Exclusive groups.")
    ladders: tuple[Ladder, ...] = Field(default=(), description="Tier ladders.")
    caps: tuple[SharedCap, ...] = Field(default=(), description="Shared caps.")
    no_repeat: tuple[NoRepeat, ...] = Field(default=(), description="No-repeat links.")
    vocabulary: VocabularySection = Field(
        default_factory=VocabularySection, description="Names its files declared beyond the shared vocabulary."
    )

    @model_serializer(mode="wrap")
    def _without_empty_vocabulary(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Dumps leave out an empty vocabulary, so a catalogue without declared names dumps as it always did."""
        data = handler(self)
        if isinstance(data, dict) and self.vocabulary.is_empty():
            data.pop("vocabulary", None)
        return data

    @model_validator(mode="after")
    def _references(self) -> Catalogue:
        problems = self.reference_problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def reference_problems(self) -> list[str]:
        """Every duplicate id and dangling reference, each as 'entry: field: what is wrong'."""
        out: list[str] = []
        rule_ids = [r.id for r in (*self.groups, *self.ladders, *self.caps, *self.no_repeat)]
        for name, n in Counter([m.id for m in self.measures] + rule_ids).items():
            if n > 1:
                out.append(f"'{name}': id: duplicate id, defined {n} times")
        ids = {m.id: m for m in self.measures}
        ladders = {lad.id for lad in self.ladders}

        def need(owner: str, field: str, ref: str, allowed: set[str] | dict[str, Measure]) -> None:
            if ref not in allowed:
                out.append(f"'{owner}': {field}: unknown measure '{ref}'")

        for m in self.measures:
            for b in m.bonus_to:
                need(m.id, "bonus_to", b, ids)
            if isinstance(m.amount, Matching) and m.amount.target_measure is not None:
                need(m.id, "amount.target_measure", m.amount.target_measure, ids)
                if m.amount.target_measure == m.id:
                    out.append(f"'{m.id}': amount.target_measure: a measure cannot match itself")
        policies = {m.policy for m in self.measures if m.policy is not None}
        for g in self.groups:
            for ref in g.members:
                if ref not in ids and ref not in ladders and ref not in policies:
                    out.append(f"'{g.id}': members: unknown measure, ladder or policy '{ref}'")
        for lad in self.ladders:
            for ref in lad.tiers:
                need(lad.id, "tiers", ref, ids)
            if len(set(lad.tiers)) != len(lad.tiers):
                out.append(f"'{lad.id}': tiers: a measure is listed twice")
            named = {ids[t].policy for t in lad.tiers if t in ids}
            if len(named) > 1:
                out.append(f"'{lad.id}': tiers: its measures name different policies ({', '.join(map(str, named))}); "
                           "a ladder is one policy")
        for c in self.caps:
            for ref in c.measures:
                need(c.id, "measures", ref, ids)
        for r in self.no_repeat:
            for ref in r.measures:
                need(r.id, "measures", ref, ids)
                if ref in ids and ids[ref].subject != "event":
                    out.append(f"'{r.id}': measures: '{ref}' is not an event measure")
        return out + cycle_problems(self)

    @cached_property
    def by_id(self) -> dict[str, Measure]:
        """Measures by id."""
        return {m.id: m for m in self.measures}

    def measure(self, mid: str) -> Measure:
        """The measure with this id (KeyError if unknown)."""
        return self.by_id[mid]

    def monetary(self) -> tuple[Measure, ...]:
        """Measures that can pay money (not informational)."""
        return tuple(m for m in self.measures if not m.informational)

    @cached_property
    def _ladder_by_tier(self) -> dict[str, Ladder]:
        return {mid: lad for lad in self.ladders for mid in lad.tiers}

    def ladder_of(self, mid: str) -> Ladder | None:
        """The ladder a measure is a tier of, if any."""
        return self._ladder_by_tier.get(mid)

    def policy_of(self, mid: str) -> str:
        """The policy (clause item) a measure belongs to: its `policy`, else its ladder, else itself."""
        m = self.by_id.get(mid)
        if m is not None and m.policy is not None:
            return m.policy
        lad = self.ladder_of(mid)
        return lad.id if lad is not None else mid

    def under(self, interp: Interpretation) -> Catalogue:
        """The catalogue as read under an interpretation: measures with a chosen variant read accordingly
        (itself when no variant applies; cached per reading)."""
        key = tuple((o, v) for o, v in _VARIANTS.get(self, None, self._variant_options) if getattr(interp, o) == v)
        if not key:
            return self
        fields = (self.packages, self.measures, self.groups, self.ladders, self.caps, self.no_repeat, self.vocabulary)
        held = self.__dict__.get("_readings")  # beside the fields, not a private attribute (models/plain_access.py)
        if held is None or any(a is not b for a, b in zip(held[0], fields, strict=True)):
            held = self.__dict__["_readings"] = (fields, {})  # a copy with other fields reads them again
        readings: dict[tuple, Catalogue] = held[1]
        if key not in readings:
            readings[key] = Catalogue(
                packages=self.packages, measures=tuple(m.read_as(interp) for m in self.measures),
                groups=self.groups, ladders=self.ladders, caps=self.caps, no_repeat=self.no_repeat,
                vocabulary=self.vocabulary,
            )
        return readings[key]

    def _variant_options(self) -> tuple[tuple[str, object], ...]:
        """(option, value) of every variant of every measure, in catalogue order."""
        return tuple((v.option, v.value) for m in self.measures for v in m.variants)

    def layered(self, other: Catalogue | list[CataloguePackage], replace: bool = False) -> Catalogue:
        """This catalogue with another (or package files) laid over it: the same id replaces the entry.

        Package files need not be consistent on their own: only the layered result is checked, so an
        overlay may refer to bundled measures it does not define. With replace=True only `other` is kept.
        """
        parts = [other] if isinstance(other, Catalogue) else list(other)
        if replace:
            return other if isinstance(other, Catalogue) else Catalogue.from_packages(parts)  # type: ignore[arg-type]

        def merge(name: str) -> tuple:
            theirs = tuple(x for part in parts for x in getattr(part, name))
            keep = {x.id for x in theirs}
            return tuple(x for x in getattr(self, name) if x.id not in keep) + theirs

        infos = [p.package for p in parts if isinstance(p, CataloguePackage)]
        infos += [i for p in parts if isinstance(p, Catalogue) for i in p.packages]
        return Catalogue(
            packages=self.packages + tuple(i for i in infos if i not in self.packages),
            measures=merge("measures"),
            groups=merge("groups"),
            ladders=merge("ladders"),
            caps=merge("caps"),
            no_repeat=merge("no_repeat"),
            vocabulary=_merged_vocabulary([self.vocabulary, *(p.vocabulary for p in parts)]),
        )

    @classmethod
    def from_packages(cls, packages: list[CataloguePackage]) -> Catalogue:
        """One catalogue from several package files."""
        return cls(
            packages=tuple(p.package for p in packages),
            measures=tuple(m for p in packages for m in p.measures),
            groups=tuple(g for p in packages for g in p.groups),
            ladders=tuple(x for p in packages for x in p.ladders),
            caps=tuple(c for p in packages for c in p.caps),
            no_repeat=tuple(r for p in packages for r in p.no_repeat),
            vocabulary=_merged_vocabulary([p.vocabulary for p in packages]),
        )


def _merged_vocabulary(sections: list[VocabularySection]) -> VocabularySection:
    """The names several files declare, together."""
    out = VocabularySection()
    for s in sections:
        if not s.is_empty():
            out = out.merged(s)
    return out
