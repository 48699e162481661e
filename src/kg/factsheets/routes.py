"""HTTP routes for fact sheets: an index page and each sheet as HTML, PDF or Markdown.

The service mounts `router` with `app.include_router(router)`. Two small dependencies
give the routes what they need and can be replaced with `app.dependency_overrides`:

- `get_store`: the `pyoxigraph.Store` at `request.app.state.store` (read only here);
- `get_library`: the `Library` at `request.app.state.factsheets`, loaded on first use
  from `request.app.state.settings` (or the service's settings, or `load_settings()`).

A sheet is computed in a worker thread, so it never blocks the event loop, within the
`factsheet_timeout` setting: past it the client gets a 503 at once, and the thread stops
at the sheet's next step (a query, the page layout) instead of finishing unseen work.
"""

from __future__ import annotations

import asyncio
import re
from typing import Annotated
from urllib.parse import urlencode

import pyoxigraph
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from kg.errors import KgError, ParameterError
from kg.factsheets.deadline import Deadline, SheetTimeout
from kg.factsheets.library import LANGS, MEDIA_TYPES, Library, load_library
from kg.factsheets.render import render_index
from kg.settings import Settings, load_settings

router = APIRouter(prefix="/factsheets", tags=["fact sheets"])
_RESERVED = {"lang", "format"}
_PLACEHOLDER = re.compile(r"\$([a-z][a-z0-9_]*)")


def get_store(request: Request) -> pyoxigraph.Store:
    store = getattr(request.app.state, "store", None)
    if not isinstance(store, pyoxigraph.Store):
        raise HTTPException(503, "the graph store is not open (app.state.store is not set)")
    return store


def get_library(request: Request) -> Library:
    library = getattr(request.app.state, "factsheets", None)
    if library is None:
        library = load_library(_settings(request))
        request.app.state.factsheets = library
    return library


StoreDep = Annotated[pyoxigraph.Store, Depends(get_store)]
LibraryDep = Annotated[Library, Depends(get_library)]


def _settings(request: Request) -> Settings:
    state = request.app.state
    settings = getattr(state, "settings", None) or getattr(
        getattr(state, "service", None), "settings", None
    )
    return settings if isinstance(settings, Settings) else load_settings()


@router.get("/", response_class=Response)
def index(request: Request, library: LibraryDep, lang: str = "vi") -> Response:
    """Every sheet with its parameters and links to its three formats."""
    lang = lang if lang in LANGS else "vi"
    sheets = []
    for name, spec in library.sheets.items():
        values = {p.name: p.default or p.example or "" for p in spec.parameters}
        href = f"{request.url_for('sheet', name=name)}?{urlencode({'lang': lang, **values})}"
        sheets.append(
            {
                "title": _PLACEHOLDER.sub(r"‹\1›", spec.title.get(lang)),
                "description": _PLACEHOLDER.sub(r"‹\1›", spec.description.get(lang)),
                "parameters": [
                    {**p.model_dump(), "label": p.label.get(lang)} for p in spec.parameters
                ],
                "href": href,
                "pdf": href.replace(f"/{name}?", f"/{name}.pdf?", 1),
                "md": href.replace(f"/{name}?", f"/{name}.md?", 1),
            }
        )
    return Response(render_index(sheets, lang), media_type=MEDIA_TYPES["html"])


@router.get("/{name}", name="sheet", response_class=Response)
async def sheet(
    name: str,
    request: Request,
    store: StoreDep,
    library: LibraryDep,
    lang: str = "vi",
) -> Response:
    """One sheet: `.pdf` / `.md` suffix or `Accept: application/pdf` choose the format."""
    stem, fmt = _format(name, request.headers.get("accept", ""))
    params = {k: v for k, v in request.query_params.items() if k not in _RESERVED}
    try:
        library.spec(stem)
    except KgError as exc:
        raise HTTPException(404, str(exc)) from exc
    links = _links(request, stem)
    limit = _settings(request).factsheet_timeout
    deadline = Deadline(limit)
    api = f"{request.base_url}api/queries/"
    work = asyncio.to_thread(library.render, stem, store, params, lang, fmt, links, deadline, api)
    try:
        data = await asyncio.wait_for(work, timeout=limit)
    except (SheetTimeout, TimeoutError) as exc:
        deadline.seconds = 0  # the thread, if still running, stops at its next step
        raise HTTPException(503, f"fact sheet {stem!r} took longer than {limit:g} s") from exc
    except ParameterError as exc:
        raise HTTPException(400, str(exc)) from exc
    except KgError as exc:
        raise HTTPException(400, str(exc)) from exc
    headers = {"Content-Disposition": f'inline; filename="{stem}-{lang}.{fmt}"'}
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


def _format(name: str, accept: str) -> tuple[str, str]:
    for suffix in ("pdf", "md", "html"):
        if name.endswith(f".{suffix}"):
            return name[: -len(suffix) - 1], suffix
    if "application/pdf" in accept and "text/html" not in accept:
        return name, "pdf"
    if "text/markdown" in accept and "text/html" not in accept:
        return name, "md"
    return name, "html"


def _links(request: Request, stem: str) -> list[tuple[str, str]]:
    """Links from the HTML page to its other formats and languages."""
    query = str(request.query_params)
    base = str(request.url_for("sheet", name=stem))
    other = "en" if request.query_params.get("lang", "vi") == "vi" else "vi"
    swapped = urlencode({**dict(request.query_params), "lang": other})
    return [
        ("PDF", f"{base}.pdf?{query}"),
        ("Markdown", f"{base}.md?{query}"),
        ("English" if other == "en" else "Tiếng Việt", f"{base}?{swapped}"),
        ("↑", str(request.url_for("index"))),
    ]
