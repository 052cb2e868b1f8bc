"""``create_app``: the FastAPI application behind ``storylens serve``."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storylens.errors import StorylensError
from storylens.web import api, pages
from storylens.web.backend import Backend, NotFound
from storylens.web.security import BodyLimitMiddleware, SecurityHeadersMiddleware, WriteGuard

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

STATIC = Path(__file__).with_name("static")
DESCRIPTION = (
    "Browse stories, compare two articles, and feed articles in over HTTP. Writes "
    "(`POST /api/articles`) need `Authorization: Bearer $STORYLENS_TOKEN`; a server started "
    "without a token listens on loopback only and takes writes from loopback only."
)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def create_app(
    store_path: str | Path, token: str | None = None, max_body: int = 10_000_000
) -> FastAPI:
    """The web app and API over the story store at ``store_path``.

    ``token``: the bearer token writes need; None accepts writes from loopback clients only.
    ``max_body``: requests with a larger body get 413.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("storylens")
    except PackageNotFoundError:
        release = "0"
    app = FastAPI(
        title="storylens",
        description=DESCRIPTION,
        version=release,
        docs_url=None,  # the default pulls Swagger UI from a CDN; pages.api_docs replaces it
        redoc_url=None,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.backend = Backend(store_path)
    app.state.write_guard = WriteGuard(token)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if _wants_html(request):
            return pages.error_page(404, "Not found", str(exc).capitalize() + ".")
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request) and exc.status_code == 404:
            return pages.error_page(404, "Not found", "There is no page at this address.")
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's default echoes the whole input back; the location and the reason suffice
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if _wants_html(request):
            fields = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors)
            return pages.error_page(422, "Bad request", fields)
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(StorylensError)
    async def busy(request: Request, exc: StorylensError) -> Response:
        # StoreBusy and its kin: a known condition that says what to do, not a crash
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        if _wants_html(request):
            return pages.error_page(503, "Try again", str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        if _wants_html(request):
            return pages.error_page(500, "Something went wrong", "The server hit an error.")
        return JSONResponse({"detail": "internal error"}, status_code=500)

    # the last added runs first: headers wrap everything, including the body limit's 413
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
