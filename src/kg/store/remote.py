"""A SPARQL 1.1 server elsewhere as the service's store (`store: remote`).

The service keeps every guarantee it gives on the embedded store: the query is parsed
and vetted here first (no SERVICE, no graphs outside the store, read-only), the answer
format is chosen here, the result is cut at the row cap and written by the same
serializers, and a query over the time limit is a 503 in the one error shape. The
remote server is asked for machine formats only (SPARQL JSON results, N-Triples), so
its own serializers never reach the client.

The SPARQL protocol has no initial bindings, so a canned query's parameters travel as
a `VALUES` block opening its WHERE clause; the remote store's default graph must be the
union of its named graphs (Oxigraph: `--union-default-graph`; Virtuoso: the default).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.settings import Settings
from kg.store.backend import QueryJob, QueryOutcome, RowsJob, RowsOutcome
from kg.store.formats import NotAcceptable, choose
from kg.store.safety import Refused, check_graphs, check_query
from kg.store.worker import answer, solution_rows

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
FORM = "application/x-www-form-urlencoded"
_HIDDEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.DOTALL,
)
_WHERE = re.compile(r"\bwhere\s*\{", re.IGNORECASE)
# before a `{` that opens a VALUES data block or a MINUS group (no VALUES block there)
_NOT_A_GROUP = re.compile(r"(?:\bvalues\s*(?:[?$]\w+|\([^()]*\))|\bminus)\s*$", re.IGNORECASE)
_SUBQUERY = re.compile(r"\s*select\b", re.IGNORECASE)
Binding = tuple[str, ox.NamedNode | ox.Literal]
_PARSE_LOCK = threading.Lock()  # one parse at a time: the GIL allows no more anyway


def with_values(text: str, substitutions: tuple[Binding, ...]) -> str:
    """The query with its bound variables as a VALUES block opening every group of its
    WHERE clause: the outer one, each subquery's, each UNION branch, OPTIONAL, GRAPH and
    EXISTS group. SPARQL evaluates groups bottom-up, so a FILTER inside a UNION branch
    sees only what that branch binds; a block in every group gives each filter the
    value, as pyoxigraph's substitution of the variable does. MINUS groups are left out
    (a shared variable there would change which rows MINUS removes), as are VALUES data
    blocks and the braces that open a subquery (`{ SELECT`).

    Strings, IRIs and comments are masked before looking for braces, so a `{` or the
    word WHERE inside them cannot move an insertion point.
    """
    if not substitutions:
        return text
    masked = _HIDDEN.sub(lambda m: " " * len(m.group()), text)
    where = _WHERE.search(masked)
    first = where.end() - 1 if where else masked.find("{")
    if first < 0:
        raise Refused(400, "query parameters need a WHERE clause to bind them in")
    braces = [first] + [i for i in range(first + 1, len(masked)) if _opens_group(masked, i)]
    names = " ".join(f"?{name}" for name, _ in substitutions)
    terms = " ".join(str(term) for _, term in substitutions)
    block = f" VALUES ({names}) {{ ({terms}) }} "
    for brace in reversed(braces):
        text = text[: brace + 1] + block + text[brace + 1 :]
    return text


def _opens_group(masked: str, i: int) -> bool:
    """Whether the `{` at `i` opens a group pattern a VALUES block may start."""
    if masked[i] != "{":
        return False
    before = masked[max(0, i - 200) : i]
    if _NOT_A_GROUP.search(before):
        return False
    return not _SUBQUERY.match(masked, i + 1)


def remote_auth(settings: Settings) -> httpx.Auth | None:
    if settings.remote_user is None:
        return None
    password = settings.remote_password.get_secret_value() if settings.remote_password else ""
    return BasicOrDigest(settings.remote_user, password)


class BasicOrDigest(httpx.Auth):
    """Basic authentication, retried as digest when refused (Virtuoso's
    `/sparql-graph-crud-auth` and `/sparql-auth` accept digest only)."""

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield next(self._basic.auth_flow(request))
        if response.status_code == 401:  # Virtuoso sends no challenge back to Basic
            del request.headers["Authorization"]
            yield from self._digest.auth_flow(request)


class RemoteBackend:
    """`QueryBackend` over a SPARQL 1.1 query endpoint reached with httpx."""

    def __init__(self, settings: Settings) -> None:
        if not settings.remote_query_url:
            raise ValueError("remote_query_url is not set")
        self.url = settings.remote_query_url
        self.timeout = settings.query_timeout
        self.graphs: frozenset[str] = frozenset()
        self._client = httpx.AsyncClient(
            auth=remote_auth(settings),
            timeout=httpx.Timeout(settings.query_timeout),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        # Parsing, vetting and serializing are CPU work: off the event loop.
        self._threads = ThreadPoolExecutor(4, thread_name_prefix="kg-remote")

    async def open(self) -> None:
        """Learn the store's graphs (FROM and default-graph-uri may only name these)."""
        # `GRAPH ?g { }` would be cheaper, but Virtuoso answers it with an unbound ?g.
        query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        rows = await self.rows(RowsJob(query, max_rows=1_000_000))
        if rows.error:
            raise ConnectionError(f"{self.url}: remote store did not answer ({rows.error})")
        self.graphs = frozenset(row["g"].value for row in rows.rows if "g" in row)

    async def run(self, job: QueryJob) -> QueryOutcome:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._run(job)
        except (TimeoutError, httpx.TimeoutException):
            return QueryOutcome(
                503,
                error=f"query stopped: the remote store took longer than the limit of "
                f"{self.timeout:g} s",
                detail={"timeout_seconds": self.timeout},
            )
        except httpx.HTTPError as exc:
            return QueryOutcome(502, error=f"the remote store could not be reached: {exc}")
        except Refused as exc:
            return QueryOutcome(exc.status, error=exc.message, detail=exc.detail)
        except NotAcceptable as exc:
            return QueryOutcome(406, error=str(exc), detail={"available": exc.offered})

    async def _run(self, job: QueryJob) -> QueryOutcome:
        form, media, is_graph = await self._in_thread(self._prepare, job)
        accept = N_TRIPLES if is_graph else JSON_RESULTS
        response = await self._client.post(
            self.url, content=urlencode(form), headers={"Accept": accept, "Content-Type": FORM}
        )
        if response.status_code >= 400:
            return _remote_error(response)
        return await self._in_thread(_decode, response.content, is_graph, media, job.max_rows)

    def _prepare(self, job: QueryJob) -> tuple[list[tuple[str, str]], str, bool]:
        """Vet the query and choose the answer format, as a worker does before running."""
        with _PARSE_LOCK:  # rdflib's pyparsing grammar is not thread-safe
            checked = check_query(job.query, self.graphs)
        is_graph = checked.form in ("construct", "describe")
        media = choose(job.accept, job.format, is_graph)
        text = with_values(job.query, job.substitutions)
        if job.base_iri:
            text = f"BASE <{job.base_iri}>\n{text}"
        form = [("query", text)]
        if job.default_graphs is None and job.named_graphs is None and checked.has_dataset:
            # a union-default-graph server may ignore FROM: state the dataset explicitly
            form += [("default-graph-uri", g) for g in checked.from_graphs]
            form += [("named-graph-uri", g) for g in checked.from_named]
        elif job.default_graphs is not None or job.named_graphs is not None:
            check_graphs(list(job.default_graphs or ()), self.graphs, "default-graph-uri")
            check_graphs(list(job.named_graphs or ()), self.graphs, "named-graph-uri")
            form += [("default-graph-uri", g) for g in job.default_graphs or ()]
            form += [("named-graph-uri", g) for g in job.named_graphs or ()]
        return form, media, is_graph

    async def rows(self, job: RowsJob) -> RowsOutcome:
        """Trusted queries of the service, answered as rows of terms."""
        form = {"query": with_values(job.query, job.substitutions)}
        try:
            async with asyncio.timeout(self.timeout):
                response = await self._client.post(
                    self.url, data=form, headers={"Accept": JSON_RESULTS}
                )
        except (TimeoutError, httpx.HTTPError) as exc:
            return RowsOutcome(error=f"timeout or connection failure: {exc!r}")
        if response.status_code >= 400:
            return RowsOutcome(error=f"remote store answered {response.status_code}")
        return await self._in_thread(_rows, response.content, job.max_rows)

    async def _in_thread(self, func: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._threads, func, *args)

    async def aclose(self) -> None:
        await self._client.aclose()
        self.close()

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def _decode(body: bytes, is_graph: bool, media: str, max_rows: int) -> QueryOutcome:
    """The remote answer parsed back into terms, then cut and written like a local one."""
    try:
        if is_graph:
            quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            result: Any = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        else:
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return answer(result, media, max_rows)
    except (SyntaxError, ValueError) as exc:
        return QueryOutcome(502, error=f"the remote store sent an unreadable answer: {exc}")


def _rows(body: bytes, max_rows: int) -> RowsOutcome:
    try:
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        return RowsOutcome(error=f"unreadable answer: {exc}")
    if not isinstance(result, ox.QuerySolutions):
        return RowsOutcome(error="expected SELECT results")
    return solution_rows(result, max_rows)


def _remote_error(response: httpx.Response) -> QueryOutcome:
    """The remote store's refusal, in the service's error shape; its 5xx become 502."""
    text = response.text[:500]
    if response.status_code == 400:
        return QueryOutcome(400, error=f"the remote store refused the query: {text}")
    return QueryOutcome(
        502,
        error=f"the remote store failed ({response.status_code}): {text}",
        detail={"remote_status": response.status_code},
    )
