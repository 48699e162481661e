from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_QUERIES = ROOT / "tests" / "fixtures" / "queries"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@dataclass
class Server:
    """A `kg serve` process on a free loopback port."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(build_dir: Path, workdir: Path, **settings: object) -> Server:
    """Start `kg serve` in a subprocess (real HTTP, real worker processes)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env |= {
        "KG_BUILD_DIR": str(build_dir),
        "KG_STORE_DIR": str(workdir / "store"),
        "KG_QUERIES_DIR": str(FIXTURE_QUERIES),
        "KG_PORT": str(port),
        "KG_HOST": "127.0.0.1",
    }
    env |= {f"KG_{k.upper()}": str(v) for k, v in settings.items()}
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve"],
        cwd=workdir,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready("kg serve", process, log, lambda: httpx.get(url + "/-/health", timeout=2), 120)
    return Server(url, process, log)


def wait_ready(
    name: str,
    process: subprocess.Popen[bytes],
    log: Path,
    probe: Callable[[], httpx.Response],
    seconds: float,
) -> None:
    """Poll until `probe` answers 2xx; a server that exits or never answers fails with its
    log, so a start-up error reads as the server's own message, not as a refused connection."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited: {log.read_text(errors='replace')}")
        try:
            if probe().is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{name} did not start: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    stop_process(server.process)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real `kg build` of the repository's data into a temporary folder."""
    from kg.build import run_build
    from kg.settings import load_settings

    build_dir = tmp_path_factory.mktemp("serve") / "build"
    settings = load_settings(
        build_dir=build_dir, data_dir=ROOT / "data", ontology_dir=ROOT / "ontology"
    )
    run_build(settings)
    return build_dir


# Endpoint tests that also run with the service over a remote store (`oxigraph serve`).
REMOTE_MODULES = frozenset(
    {"test_serve_protocol", "test_serve_conneg", "test_serve_safety", "test_serve_limits"}
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the core endpoint tests once per store kind, from the same test functions."""
    if "server" in metafunc.fixturenames:
        remote = metafunc.module.__name__.rsplit(".", 1)[-1] in REMOTE_MODULES
        stores = ["embedded", "remote"] if remote else ["embedded"]
        metafunc.parametrize("server", stores, indirect=True, scope="session")


@dataclass
class RemoteStore:
    """An `oxigraph serve` process (the Rust SPARQL server) on a free loopback port."""

    url: str
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def gsp_url(self) -> str:
        return self.url + "/store"


def start_oxigraph(workdir: Path, timeout_s: int = 30) -> RemoteStore:
    """Start `oxigraph serve` with the union of named graphs as its default graph."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "oxigraph.log"
    command = [str(Path(sys.executable).with_name("oxigraph")), "serve"]
    command += ["--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}"]
    command += ["--union-default-graph", "--timeout-s", str(timeout_s)]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    ask = {"query": "ASK {}"}
    wait_ready("oxigraph serve", process, log, lambda: httpx.get(url + "/query", params=ask), 60)
    return RemoteStore(url, process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def remote_settings(remote: RemoteStore, build_dir: Path, **more: Any) -> Settings:
    return load_settings(
        **more,
        build_dir=build_dir,
        store="remote",
        remote_query_url=remote.query_url,
        remote_gsp_url=remote.gsp_url,
    )


@pytest.fixture(scope="session")
def remote_store(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """`oxigraph serve` holding the real build, loaded with `kg load` (the GSP)."""
    from kg.store.load import load_build

    remote = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    load_build(remote_settings(remote, built))
    yield remote
    stop_process(remote.process)


@pytest.fixture(scope="session")
def server(
    request: pytest.FixtureRequest, built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The service with a shortish timeout and a small row cap, so limits can be reached;
    on the embedded store, or (param `remote`) over `oxigraph serve`."""
    kind = getattr(request, "param", "embedded")
    extra: dict[str, object] = {}
    if kind == "remote":
        remote: RemoteStore = request.getfixturevalue("remote_store")
        extra = {"store": "remote", "remote_query_url": remote.query_url}
    running = start_server(
        built,
        tmp_path_factory.mktemp(f"server-{kind}"),
        query_timeout=8,  # short enough to test, long enough for /dataset on a loaded machine
        max_result_rows=100,
        max_query_length=5000,
        query_workers=3,
        **extra,
    )
    yield running
    stop_server(running)


class RemoteQueries:
    """`Store.query` answered by a remote store: how the canned-query tests reach it."""

    def __init__(self, query_url: str) -> None:
        self.query_url = query_url

    def query(
        self,
        text: str,
        use_default_graph_as_union: bool = False,
        substitutions: dict[Any, Any] | None = None,
    ) -> Any:
        import pyoxigraph as ox

        from kg.store.remote import JSON_RESULTS, with_values

        bound = tuple((v.value, t) for v, t in (substitutions or {}).items())
        response = httpx.post(
            self.query_url,
            data={"query": with_values(text, bound)},
            headers={"Accept": f"{JSON_RESULTS}, application/n-triples;q=0.9"},
            timeout=60,
        )
        response.raise_for_status()
        if response.headers["content-type"].startswith("application/n-triples"):
            quads = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
            return [q.triple for q in quads]
        return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)


@pytest.fixture(scope="session")
def remote_mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteQueries]:
    """The invented fixture graph (tests/fixtures/mini.trig) in `oxigraph serve`."""
    from kg.store.load import load_graphs

    remote = start_oxigraph(tmp_path_factory.mktemp("oxigraph-mini"))
    load_graphs(remote.gsp_url, ROOT / "tests" / "fixtures" / "mini.trig", auth=None)
    yield RemoteQueries(remote.query_url)
    stop_process(remote.process)
