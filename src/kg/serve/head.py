"""HEAD for every GET route: FastAPI routes answer only the methods they declare, and
monitoring tools and link checkers send HEAD."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response


async def head_as_get(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Run HEAD as GET and send the headers only (Content-Length stays the GET one)."""
    if request.method != "HEAD":
        return await call_next(request)
    request.scope["method"] = "GET"
    response = await call_next(request)
    return Response(status_code=response.status_code, headers=dict(response.headers))
