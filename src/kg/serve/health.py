"""`/-/health`: one small JSON document for monitoring."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kg.serve.state import service

router = APIRouter(tags=["service"])


@router.get("/-/health", summary="Service health / Tình trạng dịch vụ")
async def health(request: Request) -> dict[str, object]:
    state = service(request)
    build = state.build
    return {
        "ok": build is not None and state.backend is not None,
        "triples": build.triples if build else 0,
        "build": build.build_id if build else None,
        "graphs": len(state.graphs),
    }
