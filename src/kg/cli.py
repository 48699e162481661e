"""The `kg` command: argument parsing only; each command calls one stage."""

from __future__ import annotations

import signal
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
    signal.signal(signal.SIGTERM, _stop)
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
    _print_extraction(result.extraction)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM (`kill`, a CI or service-manager timeout) unwinds like Ctrl-C: the half-written
    build folder is removed and the last good build stays."""
    console.print("[red]kg build: stopped by SIGTERM; the previous build is unchanged[/red]")
    raise SystemExit(128 + signum)


def _print_extraction(stats: dict[str, object]) -> None:
    """Observations by measure kind and sector, review items and inconsistencies."""
    table = Table(title="Extraction (build/review.tsv, build/inconsistencies.tsv)")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in (
        "figures",
        "observations",
        "observations_unclassified",
        "review_items",
        "inconsistencies",
    ):
        table.add_row(key.replace("_", " "), f"{stats.get(key, 0):,}")
    for group in ("observations_by_measure_kind", "observations_by_sector"):
        counts = stats.get(group, {})
        for name, count in counts.items() if isinstance(counts, dict) else ():
            table.add_row(f"  {group.removeprefix('observations_')}: {name}", f"{count:,}")
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


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (setting host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (setting port).")] = None,
) -> None:
    """Serve the built graph: SPARQL endpoint, linked-data pages, dataset, dumps."""
    import uvicorn

    from kg.serve.app import create_app

    overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = load_settings(**overrides)
    from kg.store.persist import build_id

    build_id(settings.build_dir)  # a missing build is a one-line error, before uvicorn starts
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)


@app.command()
def load() -> None:
    """Load the build into the remote store (remote_gsp_url), one named graph at a time."""
    from kg.store.load import load_build

    settings = _settings()
    with console.status("loading") as status:
        sent = load_build(settings, lambda name: status.update(f"PUT {name}"))
    table = Table(title=f"Loaded into {settings.remote_gsp_url}")
    table.add_column("graph")
    table.add_column("triples", justify="right")
    for name, count in sent.items():
        table.add_row(name, f"{count:,}")
    table.add_row("total", f"{sum(sent.values()):,}")
    out.print(table)


@app.command()
def query(
    target: Annotated[
        str | None,
        typer.Argument(help="Canned query name, a .rq file or SPARQL text; none lists them."),
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Parameter as NAME=VALUE.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="csv, tsv, json, xml or table (terminal default)."),
    ] = None,
) -> None:
    """Run a canned or ad-hoc SPARQL query against the built graph."""
    from kg.iris import Iris
    from kg.queries import command

    settings = _settings()
    iris = Iris(settings.base_iri)
    if target is None:
        out.print(command.catalogue_table(command.load_catalog(settings.queries_dir)))
        return
    resolved = command.resolve(settings, target, param or [], iris)
    chosen = fmt or ("table" if sys.stdout.isatty() else "csv")
    if chosen not in command.FORMATS:
        raise KgError(f"--format {chosen!r}: choose one of {', '.join(command.FORMATS)}")
    results = command.execute(settings, resolved)
    if chosen == "table":
        out.print(command.render_table(results, iris))
    else:
        sys.stdout.buffer.write(command.render_bytes(results, chosen))
        sys.stdout.buffer.flush()


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
