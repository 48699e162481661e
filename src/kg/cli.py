"""The `kg` command: argument parsing only; each command calls one stage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.errors import KgError
from kg.settings import Settings, load_settings

app = typer.Typer(
    help="Knowledge graph of Vietnamese provincial socio-economic reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


def _settings() -> Settings:
    return load_settings()


@app.command()
def build() -> None:
    """Build the graph from data/ into the build folder (replaced only on success)."""
    from kg.build import run_build

    settings = _settings()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console
    ) as bar:
        task = bar.add_task("build", total=None)
        result = run_build(settings, lambda label: bar.update(task, description=label))
        bar.update(task, description="done", total=1, completed=1)
    table = Table(title=f"Built {result.build_dir}")
    table.add_column("graph")
    table.add_column("triples", justify="right")
    for name, count in result.graphs.items():
        table.add_row(name, f"{count:,}")
    table.add_row("total", f"{result.triples:,}")
    out.print(table)


@app.command()
def validate(
    build_dir: Annotated[Path | None, typer.Option(help="Build folder to check.")] = None,
    all_nodes: Annotated[
        bool, typer.Option("--all", help="List every failing node, not the first 20 per rule.")
    ] = False,
) -> None:
    """Check the built graph against ontology/shapes.ttl; exit 1 on any violation."""
    from kg.validate.command import validate_build
    from kg.validate.render import render_report

    settings = _settings()
    report = validate_build(settings, build_dir or settings.build_dir)
    text = render_report(report, None if all_nodes else 20)
    out.print(text, highlight=False, markup=False, soft_wrap=True)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def reason(
    data: Annotated[
        list[Path] | None,
        typer.Option(
            help="Extra RDF file (Turtle, N-Triples...) to reason over with the ontology."
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option(help="Print what HermiT printed.")] = False,
) -> None:
    """Check the OWL ontology with HermiT: consistency and unsatisfiable classes; exit 1 if not."""
    from kg.validate.reason import reason_files

    result = reason_files(_settings().ontology_dir, data or [])
    if verbose:
        console.print(result.log, highlight=False, markup=False)
    out.print(result.summary(), highlight=False, markup=False, soft_wrap=True)
    if not result.ok:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: a `KgError` is one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except KgError as exc:
        console.print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
