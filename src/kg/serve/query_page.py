"""The query page (editor, examples, results table, downloads), served from the package.

No CDN: the page's JS and CSS are plain files under `static/`, so it works offline.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from kg.iris import PREFIXES
from kg.serve.state import service

router = APIRouter(tags=["query page"])


def render_query_page(request: Request) -> Response:
    state = service(request)
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    context = {
        "prefixes": prefixes,
        "base": state.settings.base_iri,
        "max_rows": state.settings.max_result_rows,
        "timeout": state.settings.query_timeout,
    }
    return state.templates.TemplateResponse(request, "query.html", context)


@router.get("/", response_class=HTMLResponse, summary="Query page / Trang truy vấn")
async def index(request: Request) -> Response:
    return render_query_page(request)
