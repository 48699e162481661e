"""The W3C SPARQL 1.1 Protocol test suite, replayed against the running service.

The manifest's `ht:` requests are sent as written (path prefix `/sparql/` mapped to
`/sparql`); status, content type and boolean answers are checked as the manifest says.
The update tests cannot pass on a read-only endpoint: each update request must be
refused instead. The suite lives in `../shared/conformance` beside the clone (or in
`$KG_CONFORMANCE_DIR`); without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
import xml.dom.minidom
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, Server, start_server, stop_server
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
# The manifest names this graph as the default graph of several query tests without
# giving it data; the endpoint refuses graphs it does not hold, so the test store holds
# it (with one triple shaped like data1-3, which no test depends on).
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}


def suite_dir() -> Path | None:
    candidates = [os.environ.get("KG_CONFORMANCE_DIR"), ROOT.parent / "shared" / "conformance"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "sparql11-protocol" / "manifest.ttl").is_file():
            return Path(candidate) / "sparql11-protocol"
    return None


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]
    statuses: frozenset[str]  # "2xx", "4xx", …
    format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    steps: tuple[Step, ...]

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")


def _step(g: Graph, request: URIRef) -> Step:
    body_node = g.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding)
    headers = {}
    headers_node = g.value(request, HT.headers)
    for header in Collection(g, headers_node) if headers_node is not None else []:
        headers[str(g.value(header, HT.fieldName))] = str(g.value(header, HT.fieldValue))
    response = g.value(request, HT.resp)
    statuses = frozenset(str(s).removeprefix(HTS) for s in g.objects(response, MF.expectedStatus))
    boolean = g.value(response, MF.expectedBoolean)
    fmt = g.value(response, MF.expectedFormat)
    return Step(
        method=str(g.value(request, HT.methodName)),
        path=str(g.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
        body=body,
        headers=headers,
        statuses=statuses,
        format=str(fmt) if fmt is not None else None,
        boolean=boolean.toPython() if boolean is not None else None,
    )


def load_cases(folder: Path) -> list[Case]:
    g = Graph().parse(folder / "manifest.ttl", publicID=(folder / "manifest.ttl").as_uri())
    manifest = next(g.subjects(MF.entries, None))
    cases = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        connection = g.value(test, MF.action)
        requests = Collection(g, g.value(connection, HT.requests))
        name = str(test).rsplit("#", 1)[-1]
        cases.append(Case(name, tuple(_step(g, r) for r in requests)))
    return cases


def write_suite_build(folder: Path, target: Path) -> None:
    """A build folder whose kg.nq holds data1-3 as the graphs the manifest names."""
    g = Graph().parse(folder / "manifest.ttl", publicID=(folder / "manifest.ttl").as_uri())
    graphs = {
        str(g.value(d, RDFS.label)): Path(str(g.value(d, UT.graph)).removeprefix("file://"))
        for d in g.objects(None, UT.graphData)
    }
    lines = [
        f"<{DATA0}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<http://xmlns.com/foaf/0.1/Document> <{DATA0}> .\n"
    ]
    for name, path in sorted(graphs.items()):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line.rstrip().removesuffix(".").rstrip() + f" <{name}> .\n")
    target.mkdir(parents=True)
    (target / "kg.nq").write_text("".join(lines), encoding="utf-8")


SUITE = suite_dir()
CASES = load_cases(SUITE) if SUITE else []
pytestmark = pytest.mark.skipif(
    SUITE is None,
    reason="W3C SPARQL protocol suite not found: put shared/conformance beside the clone "
    "or set KG_CONFORMANCE_DIR",
)


@pytest.fixture(scope="module")
def suite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    assert SUITE is not None
    work = tmp_path_factory.mktemp("conformance")
    write_suite_build(SUITE, work / "build")
    running = start_server(work / "build", work)
    yield running
    stop_server(running)


def _check_boolean(response: httpx.Response, expected: bool) -> None:
    media = response.headers["content-type"].split(";")[0]
    if media.endswith("json"):
        assert json.loads(response.content)["boolean"] is expected
    else:
        dom = xml.dom.minidom.parseString(response.content)
        assert dom.getElementsByTagName("boolean")[0].firstChild.data == str(expected).lower()


def _send(server: Server, step: Step) -> httpx.Response:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        return c.request(step.method, step.path, content=step.body, headers=step.headers)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_protocol_suite(suite_server: Server, case: Case) -> None:
    if case.is_update:
        response = _send(suite_server, case.steps[0])
        assert response.status_code == 403, response.text  # read-only: refused
        return
    for step in case.steps:
        response = _send(suite_server, step)
        status = f"{response.status_code // 100}xx"
        assert status in step.statuses, (step.path, response.status_code, response.text)
        if step.format:
            assert response.headers["content-type"].split(";")[0] in FORMATS[step.format]
        if step.boolean is not None:
            _check_boolean(response, step.boolean)


def test_the_whole_suite_was_read() -> None:
    assert len(CASES) == 34
    assert sum(c.is_update for c in CASES) == 7
