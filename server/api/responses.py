"""The refusals each operation can answer, declared in the OpenAPI document.

FastAPI declares only the success status and a 422 in its own `{"detail"}`
shape; the server also answers 401, 403, 404, 409, 413, 423 and 429 in the one
error shape (`server.errors.error_body`), and 503 while the database is out of
reach (a failover). A client generated from the document
must know them, and the schema-driven fuzz test checks that no operation
answers a status it does not declare.

The statuses follow from what an operation is: authenticated (401, 403), names
a resource in its path or acts on the state (404, 409), takes a body (413),
and the few special cases (log-in lockout, throttled pairing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    """A refusal: a stable code, a Spanish reason, and sometimes details."""

    code: str = Field(examples=["UNKNOWN_TICKET"])
    """Stable code (docs/api.md lists them)."""
    message: str
    """The reason in Spanish, for people."""
    details: dict[str, Any] | None = None
    """Extra data of some codes (e.g. the invalid fields of INVALID_REQUEST)."""


class ErrorBody(BaseModel):
    """Every error answer of the API has this shape."""

    error: ErrorDetail


DESCRIPTIONS: dict[int, str] = {
    401: "Not authenticated: no token, or an unknown, expired or revoked one",
    403: "The caller's role (or device, or entity) may not do this",
    404: "The ticket, module, service, user or offer named does not exist",
    409: "Refused in the current state (ticket, module, day, centre)",
    413: "The request body is too large",
    422: "Invalid request: a field, parameter, header or body that is not acceptable",
    423: "The account is locked after repeated failed log-ins",
    429: "Too many attempts from this address; wait and retry",
    503: "The database is out of reach for a moment (failover, restart); retry after the "
    "seconds of the Retry-After header",
}

# Operations with refusals of their own, by (method, path).
EXTRA: dict[tuple[str, str], frozenset[int]] = {
    ("POST", "/api/v1/auth/login"): frozenset({401, 423, 429}),
    ("POST", "/api/v1/devices/pair"): frozenset({401, 429}),
}

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _authenticated(route: APIRoute) -> bool:
    # Every authenticated handler takes the caller as its `actor` parameter.
    return any(dep.name == "actor" for dep in route.dependant.dependencies)


def statuses_of(route: APIRoute, method: str) -> frozenset[int]:
    """The error statuses `method` on `route` can answer."""
    dependant = route.dependant
    named = bool(dependant.path_params or dependant.query_params)
    # Every operation reads or writes the database, which a failover takes away
    # for a few seconds (DATABASE_UNAVAILABLE).
    found: set[int] = {503}
    if named or dependant.body_params or method in _WRITES:
        found.add(422)  # bad parameters, body or Idempotency-Key header
    if _authenticated(route):
        found |= {401, 403}
        if named or method in _WRITES:
            found |= {404, 409}
    if dependant.body_params:
        found.add(413)
    return frozenset(found | EXTRA.get((method, route.path_format), frozenset()))


def _api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    # FastAPI keeps an included router as one entry wrapping the router itself.
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _error_response(status: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }


def declare_error_responses(app: FastAPI) -> None:
    """Make `app.openapi()` list, for each operation, the refusals it can answer."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        error_schema = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(error_schema.pop("$defs", {}))
        components["ErrorBody"] = error_schema
        for route in _api_routes(app.routes):
            if not route.include_in_schema:
                continue
            for method in route.methods or ():
                operation = schema["paths"][route.path_format][method.lower()]
                responses = operation.setdefault("responses", {})
                for status in sorted(statuses_of(route, method)):
                    # Replaces FastAPI's 422 in the {"detail"} shape the server never sends.
                    responses[str(status)] = _error_response(status)
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
