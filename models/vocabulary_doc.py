"""docs/vocabulary.md, generated from the one source of names (models.vocabulary_names).

    python -m grantstack.models.vocabulary_doc [--check]

writes the file (or, with --check, exits 1 if it differs from what the names generate). A test keeps the
file, the JSON Schemas' lists of names and the loaders' checks in step.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grantstack.models.base import DISTRICTS, KEY_REGIONS
from grantstack.models.vocabulary import BUILTIN, VocabularySection

__all__ = ["DOC_PATH", "main", "render"]

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md"

_INTRO = """# Shared vocabulary

Catalogue entries and firm files must use the same names: a measure tests a firm's tags, statuses and
metrics by name and reads its projects' and events' figures by field name, so a name that is not here
would make a measure silently not apply. Every name in a firm, catalogue, plan or scenario file is
checked against this list when the file is loaded; an unknown name is refused with the closest known one
("did you mean"). The JSON Schemas under `schemas/` list the same names, so an editor completes them.

This file is generated from `models/vocabulary_names.py` (`python -m grantstack.models.vocabulary_doc`),
the single source of the names; a test keeps it, the schemas and the loaders in step. To add a name to
the bundled catalogue, add it there (alphabetical, with its meaning and the clause that uses it) and
regenerate this file and the schemas (`python -m grantstack.models.schema`).
"""

_OVERLAY = """## Names of your own (a catalogue overlay's `vocabulary:` section)

A catalogue file or overlay that needs a name not listed here declares it, with its meaning, in its own
`vocabulary:` section; the name is then accepted in that catalogue and in firm files planned with it,
and never silently elsewhere. A kind declared again adds fields to the shared kind.

```yaml
vocabulary:
  tags: {quantum: quantum technology enterprise (our district's 2026 notice)}
  project_kinds:
    quantum_lab: {costs: [equipment], used_by: own.quantum_lab_grant}
  cost_fields: {equipment: laboratory equipment bought in the project year}
catalogue_changes:
  - {op: add, path: "measures[own.quantum_lab_grant]", value: {...}}
```
"""


def _words(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(names) if names else ""


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(v: VocabularySection = BUILTIN) -> str:
    """The text of docs/vocabulary.md for a vocabulary."""
    parts = [
        _INTRO,
        "## Districts\n" + "`" + " ".join(DISTRICTS) + "` (eda = Beijing Economic-Technological Development "
        "Area, E-Town; tongzhou hosts the Beijing Municipal Administrative Center, BMC).\n",
        "## Key regions\n`" + " ".join(KEY_REGIONS) + "` (000 item 6).\n",
        "## Statuses (firm.statuses, event.grants, requires.status, predicate `status`)\n"
        + _table(("name", "meaning"), sorted(v.statuses.items())) + "\n",
        "## Industry and type tags (firm.tags, predicate `tags`)\n"
        + _table(("name", "meaning"), sorted(v.tags.items())) + "\n",
        "## Metrics (firm.metrics, per year; predicates and firm bases)\n"
        + _table(("name", "meaning"), sorted(v.metrics.items())) + "\n",
        "## Project kinds (project.kinds, measure.project_kinds) and their fields\n"
        "Project costs and quantities are lists by project year from the start year.\n\n"
        + _table(("kind", "costs", "quantities", "used by"),
                 [(k, _words(p.costs), _words(p.quantities), p.used_by) for k, p in sorted(v.project_kinds.items())])
        + "\n",
        "## Project cost fields (project.costs, in yuan)\n"
        + _table(("name", "meaning"), sorted(v.cost_fields.items())) + "\n",
        "## Project quantity fields (project.quantities)\n"
        + _table(("name", "meaning"), sorted(v.quantities.items())) + "\n",
        "## Event kinds (event.kind, measure.event_kinds) and their values\n"
        + _table(("kind", "values (yuan)", "meaning"),
                 [(k, _words(e.values), e.meaning) for k, e in sorted(v.event_kinds.items())]) + "\n",
        "## Event value fields (event.values, in yuan)\n"
        + _table(("name", "meaning"), sorted(v.event_values.items())) + "\n",
        "## Matter labels (measure.matter; catalogue-internal, never used in firm files)\n"
        + _table(("name", "meaning"), sorted(v.matters.items())) + "\n",
        _OVERLAY,
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write docs/vocabulary.md, or with --check report whether it is out of date."""
    parser = argparse.ArgumentParser(prog="python -m grantstack.models.vocabulary_doc",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DOC_PATH, help=f"file to write (default: {DOC_PATH})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    if args.check:
        if current != text:
            print(f"out of date: {args.out} (run: python -m grantstack.models.vocabulary_doc)", file=sys.stderr)
            return 1
        return 0
    if current != text:
        from grantstack.models.schema import write_atomic_text

        write_atomic_text(args.out, text)
    print(f"{'unchanged' if current == text else 'wrote'} {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
