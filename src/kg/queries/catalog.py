"""The catalogue of canned queries (minimal version: the interface the service uses).

Each `.rq` file starts with `#+ key: value` header lines (title_vi, title_en,
description, tags, param, allowed, pattern). Parameters are bound as RDF terms through
pyoxigraph `substitutions`, never pasted into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, ParameterError
from kg.iris import Iris

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ("iri", "string", "integer", "decimal", "date", "gso-code", "lang")
_HEADER = re.compile(r"^#\+\s*([\w-]+)\s*:\s*(.*)$")
_LEXICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "gso-code": re.compile(r"\d{2,5}"),
    "lang": re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*"),
    "iri": re.compile(r"https?://[^\s<>\"{}|\\^`]+"),
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str
    default: str | None
    allowed: tuple[str, ...] | None
    pattern: str | None


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


def load_catalog(queries_dir: Path) -> dict[str, CannedQuery]:
    """Every `.rq` in the folder by file stem; a missing folder is an empty catalogue."""
    if not queries_dir.is_dir():
        return {}
    return {p.stem: _load(p) for p in sorted(queries_dir.glob("*.rq"))}


def _load(path: Path) -> CannedQuery:
    text = path.read_text(encoding="utf-8")
    headers: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            headers.setdefault(match[1], []).append(match[2].strip())
    params = tuple(_parameter(path, spec, headers) for spec in headers.get("param", []))
    first = {key: values[0] for key, values in headers.items()}
    return CannedQuery(
        name=path.stem,
        title_vi=first.get("title_vi", path.stem),
        title_en=first.get("title_en", path.stem),
        description=first.get("description", ""),
        tags=tuple(t.strip() for t in first.get("tags", "").split(",") if t.strip()),
        parameters=params,
        text=text,
        path=path,
    )


def _parameter(path: Path, spec: str, headers: Mapping[str, list[str]]) -> Parameter:
    parts = [p.strip() for p in spec.split("|")]
    if len(parts) != 4 or parts[1] not in TYPES:
        raise KgError(f"{path}: bad '#+ param: {spec}' (want name | type | default | text)")
    name = parts[0]
    extra = {
        key: value.split("|", 1)[1].strip()
        for key in ("allowed", "pattern")
        for value in headers.get(key, [])
        if value.split("|", 1)[0].strip() == name
    }
    allowed = extra.get("allowed")
    return Parameter(
        name=name,
        type=parts[1],
        description=parts[3],
        default=parts[2] or None,
        allowed=tuple(v.strip() for v in allowed.split(",")) if allowed else None,
        pattern=extra.get("pattern"),
    )


def bind(query: CannedQuery, raw: Mapping[str, str], iris: Iris) -> dict[ox.Variable, ox.Term]:
    """Typed terms for the query's parameters; raises ParameterError naming the culprit."""
    bound: dict[ox.Variable, ox.Term] = {}
    for param in query.parameters:
        value = raw.get(param.name, param.default)
        if value is None or value == "":
            raise ParameterError(f"parameter {param.name!r} is required ({param.description})")
        bound[ox.Variable(param.name)] = _term(param, value, iris)
    return bound


def _term(param: Parameter, value: str, iris: Iris) -> ox.Term:
    lexical = _LEXICAL.get(param.type)
    if lexical and not lexical.fullmatch(value):
        raise ParameterError(f"parameter {param.name!r}: {value!r} is not a valid {param.type}")
    if param.allowed and value not in param.allowed:
        raise ParameterError(f"parameter {param.name!r}: {value!r} not one of {param.allowed}")
    if param.pattern and not re.fullmatch(param.pattern, value):
        raise ParameterError(f"parameter {param.name!r}: {value!r} does not match the pattern")
    if param.type == "iri":
        return ox.NamedNode(value)
    if param.type in ("string", "gso-code", "lang"):
        return ox.Literal(value)
    return ox.Literal(value, datatype=ox.NamedNode(XSD + param.type))
