"""What every route needs, built once per app: settings, store, catalog, templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from kg.iris import Iris
from kg.queries.catalog import CannedQuery
from kg.settings import Settings
from kg.store import BuildStore, QueryBackend

HERE = Path(__file__).parent


@dataclass
class Service:
    settings: Settings
    catalog: dict[str, CannedQuery]
    templates: Jinja2Templates
    backend: QueryBackend | None = None
    build: BuildStore | None = None
    graphs: list[str] = field(default_factory=list)
    limiter: Any = None
    dataset_rows: dict[str, Any] = field(default_factory=dict)

    @property
    def iris(self) -> Iris:
        return Iris(self.settings.base_iri)

    def require_backend(self) -> QueryBackend:
        if self.backend is None:
            raise RuntimeError("the store is not open (app started without its lifespan)")
        return self.backend


def service(request: Request) -> Service:
    return request.app.state.service


def endpoint_url(request: Request) -> str:
    """The public address of /sparql as the client reached it."""
    return str(request.base_url) + "sparql"
