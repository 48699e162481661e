"""The `kg factsheet` command: load the graph, render one sheet, write it."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.errors import KgError
from kg.factsheets.library import load_library
from kg.queries.command import parse_params
from kg.queries.run import load_dataset_file, load_store
from kg.settings import Settings


def write_factsheet(
    settings: Settings,
    name: str,
    pairs: list[str],
    fmt: str,
    lang: str,
    output: Path,
    graph: Path | None = None,
) -> None:
    library = load_library(settings)
    library.spec(name)  # an unknown sheet fails before the graph is loaded
    store = load_dataset_file(graph) if graph else load_store(settings.build_dir)
    data = library.render(name, store, parse_params(pairs), lang, fmt)
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise KgError(f"-o {output}: cannot write ({exc})") from exc
