"""`kg load`: the build into a remote store, one named graph at a time.

Each graph is sent with the Graph Store Protocol's `PUT ?graph=<name>`, which replaces
that graph whole, so loading the same build twice leaves the same store, and a failed
load can simply be run again. Graphs of the store that the build does not have are left
alone (another dataset may share the server).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import KgError
from kg.settings import Settings
from kg.store.persist import DATASET_NQ
from kg.store.remote import remote_auth

N_TRIPLES = "application/n-triples"


def graphs_of(path: Path) -> dict[str, list[ox.Triple]]:
    """A dataset file's triples grouped by named graph, in the file's order."""
    if not path.is_file():
        raise KgError(f"{path}: no build found; run `kg build` first (build_dir setting)")
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.N_QUADS
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise KgError(f"{path}: a triple outside every named graph ({quad})")
            graphs[quad.graph_name.value].append(quad.triple)
    except SyntaxError as exc:
        raise KgError(f"{path}: not valid RDF ({exc})") from exc
    return dict(graphs)


def load_build(settings: Settings, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """PUT every named graph of the build to `remote_gsp_url`; triples sent per graph."""
    if not settings.remote_gsp_url:
        raise KgError("remote_gsp_url is not set: `kg load` needs the Graph Store endpoint")
    path = settings.build_dir / DATASET_NQ
    return load_graphs(settings.remote_gsp_url, path, remote_auth(settings), progress)


def load_graphs(
    url: str,
    path: Path,
    auth: httpx.Auth | None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Replace each named graph of the file at the Graph Store endpoint `url`."""
    step = progress or (lambda _label: None)
    sent: dict[str, int] = {}
    with httpx.Client(auth=auth, timeout=300) as client:
        for name, triples in graphs_of(path).items():
            step(name)
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            _put(client, url, name, body)
            sent[name] = len(triples)
    return sent


def _put(client: httpx.Client, url: str, graph: str, body: bytes) -> None:
    try:
        response = client.put(
            url, params={"graph": graph}, content=body, headers={"Content-Type": N_TRIPLES}
        )
    except httpx.HTTPError as exc:
        raise KgError(f"remote_gsp_url {url}: cannot reach the store ({exc})") from exc
    if response.status_code >= 300:
        raise KgError(
            f"remote_gsp_url {url}: PUT of graph <{graph}> answered "
            f"{response.status_code} {response.text[:300]}"
        )
