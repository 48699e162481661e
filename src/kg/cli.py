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
) -> None:
    """Check the built graph against ontology/shapes.ttl; exit 1 on any violation."""
    from kg.validate.command import validate_build

    settings = _settings()
    report = validate_build(settings, build_dir or settings.build_dir)
    if report.conforms:
        out.print("[green]valid[/green]: the graph conforms to the SHACL shapes")
        return
    table = Table(title=f"{len(report.violations)} violation(s)")
    for column in ("focus node", "path", "value", "message"):
        table.add_column(column, overflow="fold")
    for v in report.violations:
        table.add_row(v.focus, v.path, v.value, v.message)
    out.print(table)
    raise typer.Exit(1)


@app.command()
def factsheet(
    name: Annotated[str, typer.Argument(help="Sheet name (a file of queries/factsheets/).")],
    param: Annotated[
        list[str] | None, typer.Option("--param", help="Sheet parameter as k=v (repeatable).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="html, pdf or md.")] = "html",
    lang: Annotated[str, typer.Option(help="vi or en.")] = "vi",
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")] = Path("-"),
    graph: Annotated[
        Path | None, typer.Option(help="TriG/N-Quads file instead of the build's kg.nq.")
    ] = None,
) -> None:
    """Write a fact sheet computed from the built graph (HTML, PDF or Markdown)."""
    from kg.factsheets.command import write_factsheet

    write_factsheet(_settings(), name, param or [], fmt, lang, output, graph)


def main() -> None:
    """Entry point: a `KgError` is one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except KgError as exc:
        console.print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
