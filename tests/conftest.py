from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

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
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(url + "/-/health", timeout=2).status_code == 200:
                return Server(url, process, log)
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"kg serve did not start: {log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(20)
    except subprocess.TimeoutExpired:
        server.process.kill()


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


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The service with a shortish timeout and a small row cap, so limits can be reached."""
    running = start_server(
        built,
        tmp_path_factory.mktemp("server"),
        query_timeout=8,  # short enough to test, long enough for /dataset on a loaded machine
        max_result_rows=100,
        max_query_length=5000,
        query_workers=3,
    )
    yield running
    stop_server(running)
