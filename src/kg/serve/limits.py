"""Limits that protect the service: per-client rate limit, and caching tied to the build.

Responses depend only on the build and the request, so the ETag is the build id plus a
hash of what the client asked (path, query string, Accept): a matching `If-None-Match`
is answered 304 before any query runs.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from kg.serve.errors import ApiError
from kg.serve.state import service

NO_CACHE_PATHS = ("/-/",)


class RateLimiter:
    """Sliding one-minute window per client address; 0 requests per minute = off."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = defaultdict(deque)

    def check(self, client: str) -> None:
        if not self.per_minute:
            return
        now = time.monotonic()
        if len(self._seen) > 10_000:  # forget clients idle for a minute
            self._seen = defaultdict(
                deque, {k: w for k, w in self._seen.items() if w and now - w[-1] < 60}
            )
        window = self._seen[client]
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self.per_minute:
            retry = max(1, math.ceil(60 - (now - window[0])))
            raise ApiError(
                429,
                f"rate limit: at most {self.per_minute} requests per minute per client",
                {"retry_after_seconds": retry},
                {"Retry-After": str(retry)},
            )
        window.append(now)


async def rate_limited(request: Request) -> None:
    """Route dependency for the query routes."""
    limiter = service(request).limiter
    if limiter is not None:
        limiter.check(request.client.host if request.client else "unknown")


def etag_for(build_id: str, request: Request) -> str:
    key = "\n".join(
        (
            request.url.path,
            request.url.query,
            request.headers.get("accept", ""),
            request.headers.get("accept-language", ""),
        )
    )
    return f'W/"{build_id}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"'


async def caching(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """ETag / Cache-Control for GET and HEAD; 304 when the client already has it."""
    state = service(request)
    cacheable = request.method in ("GET", "HEAD") and not request.url.path.startswith(
        NO_CACHE_PATHS
    )
    if not cacheable or state.build is None:
        return await call_next(request)
    tag = etag_for(state.build.build_id, request)
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={state.settings.cache_max_age}"}
    headers["Vary"] = "Accept, Accept-Language"
    if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    response = await call_next(request)
    if response.status_code == 200:
        response.headers.update(headers)
    return response
