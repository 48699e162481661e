"""Canned queries are data: `.rq` files whose `#+` header comments describe them.

The header is read into a frozen record, every query is parsed once at load time (a
broken file is a `KgError` naming it), and parameters are later bound as RDF terms by
`kg.queries.params.bind`, never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph

from kg.errors import KgError
from kg.iris import Iris
from kg.queries.params import Term, bind, term_for

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "date", "gso-code", "lang", "regex")
_HEADER = re.compile(r"^#\+\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED_KEYS = ("title_vi", "title_en", "description")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # one of PARAMETER_TYPES
    description: str
    default: str | None  # None: required, unless `optional`
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    optional: bool = False  # no default and left unbound when not given (`#+ optional: name`)


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title_vi: str
    title_en: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    form: str = "select"  # select | construct | ask | describe

    @property
    def body(self) -> str:
        """The query without its `#+` header lines (what is published as `sh:select`)."""
        lines = self.text.splitlines()
        return "\n".join(line for line in lines if not line.startswith("#+")).strip() + "\n"

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def load_catalog(queries_dir: Path) -> dict[str, CannedQuery]:
    """Every `*.rq` of the folder by name (file stem), each checked to parse and bind.

    A missing folder is an empty catalogue (a service may run without canned queries);
    the build, which must publish them, checks for the folder itself.
    """
    if not queries_dir.is_dir():
        return {}
    catalog: dict[str, CannedQuery] = {}
    for path in sorted(queries_dir.glob("*.rq")):
        query = load_query(path)
        catalog[query.name] = query
    return catalog


def load_query(path: Path) -> CannedQuery:
    """Read one `.rq` file; its header must name titles and description, its body parse."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read query ({exc})") from exc
    name = path.stem
    if not _NAME.match(name):
        raise KgError(f"{path}: query file names are lower-case words joined by '-'")
    header = _parse_header(path, text)
    query = CannedQuery(
        name=name,
        title_vi=header.fields["title_vi"],
        title_en=header.fields["title_en"],
        description=header.fields["description"],
        tags=tuple(t.strip() for t in header.fields.get("tags", "").split(",") if t.strip()),
        parameters=header.parameters,
        text=text,
        path=path,
    )
    return _checked(query)


@dataclass
class _Header:
    fields: dict[str, str]
    parameters: tuple[Parameter, ...]


def _parse_header(path: Path, text: str) -> _Header:
    fields: dict[str, str] = {}
    params: dict[str, dict[str, str | None]] = {}
    extras: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        match = _HEADER.match(line)
        if not match:
            raise KgError(f"{path}:{number}: bad header line (expected '#+ key: value')")
        key, value = match.groups()
        if key == "param":
            _add_param(path, number, value, params)
        elif key in ("allowed", "pattern", "optional"):
            extras.append((key, value))
        elif key in (*_REQUIRED_KEYS, "tags"):
            fields[key] = value
        else:
            raise KgError(f"{path}:{number}: unknown header key {key!r}")
    missing = [k for k in _REQUIRED_KEYS if not fields.get(k)]
    if missing:
        raise KgError(f"{path}: header lacks {', '.join(missing)}")
    for key, value in extras:
        _add_extra(path, key, value, params)
    return _Header(fields, tuple(Parameter(**spec) for spec in params.values()))  # type: ignore[arg-type]


def _add_param(path: Path, number: int, value: str, params: dict) -> None:
    parts = [p.strip() for p in value.split("|", 3)]
    if len(parts) != 4:
        raise KgError(f"{path}:{number}: param needs 'name | type | default | description'")
    name, kind, default, description = parts
    if not _PARAM_NAME.match(name) or name in params:
        raise KgError(f"{path}:{number}: bad or repeated parameter name {name!r}")
    if kind not in PARAMETER_TYPES:
        raise KgError(f"{path}:{number}: parameter type {kind!r} not in {PARAMETER_TYPES}")
    params[name] = {
        "name": name,
        "type": kind,
        "default": default or None,
        "description": description,
    }


def _add_extra(path: Path, key: str, value: str, params: dict) -> None:
    name, _, rest = (p.strip() for p in value.partition("|"))
    if name not in params:
        raise KgError(f"{path}: '{key}' names an undeclared parameter {name!r}")
    if key == "optional":
        if params[name]["default"] is not None:
            raise KgError(f"{path}: parameter {name!r} has a default, so it cannot be optional")
        params[name]["optional"] = True
    elif key == "allowed":
        params[name]["allowed"] = tuple(v.strip() for v in rest.split(",") if v.strip())
    else:
        try:
            re.compile(rest)
        except re.error as exc:
            raise KgError(f"{path}: pattern of {name!r} is not a regex ({exc})") from exc
        params[name]["pattern"] = rest


def _checked(query: CannedQuery) -> CannedQuery:
    """Parse the query with its defaults bound, against an empty store: fails at load time."""
    iris = Iris("https://example.org/")
    substitutions = {}
    for param in query.parameters:
        if param.default is None:
            continue
        try:
            substitutions[pyoxigraph.Variable(param.name)] = term_for(param, param.default, iris)
        except KgError as exc:
            raise KgError(f"{query.path}: default value rejected: {exc}") from exc
    try:
        result = pyoxigraph.Store().query(
            query.text, use_default_graph_as_union=True, substitutions=substitutions
        )
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        raise KgError(f"{query.path}: query does not parse ({exc})") from exc
    if not isinstance(result, pyoxigraph.QuerySolutions):
        return replace(query, form=_form(query.text))
    projected = {v.value for v in result.variables}
    hidden = [p.name for p in query.parameters if p.name not in projected]
    if hidden:
        # pyoxigraph substitutes only projected variables; an unprojected one would be ignored.
        raise KgError(f"{query.path}: parameters {hidden} must appear in the SELECT clause")
    return query


def _form(text: str) -> str:
    """The query form: the first form keyword outside comments, IRIs and strings."""
    body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    body = re.sub(r"<[^>\s]*>|\"[^\"\n]*\"|'[^'\n]*'", " ", body)
    found = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
    return found[1].lower() if found else "select"


__all__ = ["PARAMETER_TYPES", "CannedQuery", "Parameter", "Term", "bind", "load_catalog"]
