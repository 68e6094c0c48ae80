"""`grantstack catalog`: list, show, validate the catalogue and export its JSON schemas."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from grantstack.cli_args import bad_input, catalogue_files, load_catalog, output_folder
from grantstack.models.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from grantstack.models.catalogue import Catalogue

__all__ = ["app"]

app = typer.Typer(help="Browse and validate the catalogue of support measures.", no_args_is_help=True,
                  rich_markup_mode=None)


def console() -> Console:
    """A console for stdout: the terminal's width, or COLUMNS; 160 columns when output is not a terminal."""
    from rich.console import Console

    out = Console()
    return out if out.is_terminal or "COLUMNS" in os.environ else Console(width=160)


CatalogOpt = Annotated[
    Path | None, typer.Option("--catalog", help="Catalogue file or directory laid over the bundled one.")
]
ReplaceOpt = Annotated[bool, typer.Option("--replace-catalog", help="Use --catalog instead of the bundled catalogue.")]


@app.command("list")
def list_measures(
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
    level: Annotated[str | None, typer.Option(help="Only 'municipal' or 'district' measures.")] = None,
    district: Annotated[str | None, typer.Option(help="Only measures of this district.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List every measure: id, level, district, subject, amount form and title."""
    with bad_input():
        cat = load_catalog(catalog, replace_catalog)
    rows = [
        m for m in cat.measures if (level is None or m.level == level) and (district is None or m.district == district)
    ]
    if as_json:
        out = [
            {
                "id": m.id,
                "level": m.level,
                "district": m.district,
                "subject": m.subject,
                "form": m.amount.form if m.amount is not None else None,
                "informational": m.informational,
                "title": m.title,
                "citation": m.citation(),
            }
            for m in rows
        ]
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    t = Table(title=f"{len(rows)} measures ({len(cat.packages)} packages)", title_justify="left")
    for col in ("id", "level", "district", "subject", "form"):
        t.add_column(col, no_wrap=True)
    t.add_column("title", overflow="fold", min_width=20)
    for m in rows:
        form = m.amount.form if m.amount is not None else "[dim]informational[/]"
        t.add_row(m.id, m.level, m.district or "", m.subject, form, m.title)
    console().print(t)


def _rules_of(cat: Catalogue, mid: str) -> list[str]:
    """Linking rules that name the measure, as 'kind id: clause item'."""
    out = []
    for kind, rules, attr in [
        ("group", cat.groups, "members"),
        ("ladder", cat.ladders, "tiers"),
        ("shared cap", cat.caps, "measures"),
        ("no-repeat", cat.no_repeat, "measures"),
    ]:
        for r in rules:
            if mid in getattr(r, attr):
                out.append(f"{kind} {r.id} ({r.source.seed} {r.source.item}): {', '.join(getattr(r, attr))}")
    return out


@app.command("show")
def show(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="Measure id, e.g. ts.municipal.4.branded_tsp.")],
    catalog: CatalogOpt = None,
    replace_catalog: ReplaceOpt = False,
) -> None:
    """Show one measure in full (as catalogue YAML) and the linking rules that name it."""
    with bad_input():
        cat = load_catalog(catalog, replace_catalog)
        if measure_id not in cat.by_id:
            close = [m.id for m in cat.measures if measure_id.lower() in m.id][:5]
            hint = f" Did you mean: {', '.join(close)}?" if close else " List the ids with 'grantstack catalog list'."
            raise InputError(f"measure '{measure_id}' is not in the catalogue.{hint}")
    m = cat.measure(measure_id)
    console().print(f"[bold]{m.id}[/] — {m.title}")
    console().print(f"[dim]{m.citation()}[/]")
    doc = _with_tags(m, m.model_dump(mode="json", exclude_defaults=True))
    import yaml

    typer.echo(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110))
    rules = _rules_of(cat, m.id)
    if rules:
        console().print("[bold]Linking rules[/]")
        for line in rules:
            console().print(f"  {line}", highlight=False)


@app.command("validate")
def validate(
    path: Annotated[Path, typer.Argument(help="Catalogue file or directory of catalogue files.")],
    layered: Annotated[bool, typer.Option("--layered", help="Validate it laid over the bundled catalogue.")] = False,
) -> None:
    """Validate catalogue files: schema, names, ids, cross-references and cycles; overlays over the catalogue.

    Package files (package:, measures:) form the catalogue (the bundled one if PATH holds none, or with
    --layered); overlay files (catalogue_changes:) are applied over it. Exit 2 with the problems.
    """
    with bad_input():
        files = catalogue_files(path)
        cat = load_catalog(path) if layered else _validated(files)
    typer.echo(
        f"OK: {len(files)} file(s), {len(cat.measures)} measures ({len(cat.monetary())} monetary), "
        f"{len(cat.groups)} groups, {len(cat.ladders)} ladders, {len(cat.caps)} shared caps, "
        f"{len(cat.no_repeat)} no-repeat rules."
    )


def _validated(files: list[Path]) -> Catalogue:
    """The catalogue PATH's package files make (or the bundled one), with its overlay files applied."""
    from grantstack.models.loading import load_catalogue
    from grantstack.models.yaml_reader import read_input
    from grantstack.scenarios.overlay import apply_overlay, is_overlay

    changes = [f for f in files if is_overlay(read_input(f)[1])]
    packages = [f for f in files if f not in changes]
    cat = load_catalogue(list(packages)) if packages else load_catalogue()
    for f in changes:
        cat = apply_overlay(cat, f)
    return cat


@app.command("schema")
def schema(
    out: Annotated[Path | None, typer.Option("--out", help="Directory to write NAME.schema.json files into.")] = None,
) -> None:
    """Print the JSON schemas of catalogue, firm and plan files, or write them to a directory."""
    from grantstack.models.schema import file_name, render, schemas
    from grantstack.reports import write_atomic

    docs = schemas()
    if out is None:
        typer.echo(json.dumps(docs, indent=2, ensure_ascii=False))
        return
    with bad_input():
        output_folder(out, "--out")
    for name, doc in docs.items():
        write_atomic(out / file_name(name), render(doc))
        typer.echo(str(out / file_name(name)))


def _with_tags(obj: object, data: object) -> object:
    """The dump with every tag field kept (an eligibility test's `kind`, an amount's `form`), though it is the
    default, so the YAML can be pasted back into a catalogue file."""
    from typing import Literal, get_origin

    from pydantic import BaseModel

    if isinstance(obj, BaseModel) and isinstance(data, dict):
        fields = type(obj).model_fields
        tags = {t: getattr(obj, t) for t in ("kind", "form")
                if t in fields and get_origin(fields[t].annotation) is Literal}
        return {**tags, **{k: _with_tags(getattr(obj, k, None), v) for k, v in data.items()}}
    if isinstance(obj, (tuple, list)) and isinstance(data, list):
        return [_with_tags(o, d) for o, d in zip(obj, data, strict=False)]
    return data
