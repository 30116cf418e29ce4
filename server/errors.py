"""Errors the API reports: a stable code, a Spanish reason and an HTTP status."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from macturnos.domain.errors import DomainError

RETRY_AFTER_S = 2
"""Seconds a client waits before trying again when the database is out of reach
(a failover takes a few; clients follow Retry-After)."""

# HTTP status of each stable error code; anything unlisted is a 409 conflict
# with the ticket's or module's current state.
STATUS_OF_CODE: dict[str, int] = {
    "INVALID_REQUEST": 422,
    "NOT_AUTHENTICATED": 401,
    "INVALID_CREDENTIALS": 401,
    "ACCOUNT_LOCKED": 423,
    "FORBIDDEN_ROLE": 403,
    "MODULE_NOT_YOURS": 403,
    "MODULE_OTHER_ENTITY": 403,
    "KIOSK_CANCEL_NOT_ALLOWED": 403,
    "UNKNOWN_DEVICE": 404,
    "APPOINTMENT_UNVERIFIED": 422,
    "TOO_MANY_ATTEMPTS": 429,
    "UNKNOWN_SERVICE": 404,
    "UNKNOWN_MODULE": 404,
    "UNKNOWN_TICKET": 404,
    "UNKNOWN_USER": 404,
    "DUPLICATE_USER": 409,
    "INVALID_PAIRING_CODE": 401,
    "TICKET_CODE_INVALID": 422,
    "REASON_REQUIRED": 422,
    "CONFIG_INVALID": 422,
    "CHECKLIST_UNKNOWN_ITEM": 422,
    "CHECKLIST_REPEATED_ITEM": 422,
    "CHECKLIST_NOTE_REQUIRED": 422,
    "INTERNAL_ERROR": 500,
    "APPOINTMENT_NOT_FOUND": 404,
    "NO_PENDING_OFFER": 404,
    "CATALOGUE_OFFER_INVALID": 422,
    "IDEMPOTENCY_KEY_REUSED": 422,
    "INVALID_BODY": 422,
    "BODY_TOO_LARGE": 413,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "DATABASE_UNAVAILABLE": 503,
    "RATING_INVALID": 422,
    "NOTHING_TO_RATE": 404,
    "COMPLAINT_INVALID": 422,
    "UNKNOWN_COMPLAINT": 404,
}

# Stable codes of the HTTP refusals Starlette raises itself (the rest: HTTP_ERROR).
CODE_OF_HTTP_STATUS: dict[int, str] = {
    400: "INVALID_BODY",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "BODY_TOO_LARGE",
    503: "DATABASE_UNAVAILABLE",
}


class ApiError(DomainError):
    """A refusal raised by the server layer (same shape as a domain refusal)."""


class DatabaseUnavailable(HTTPException):
    """The database is out of reach for a moment (a failover, a restart): 503 with Retry-After.

    An HTTP exception so that the app's handler answers it in the one error shape,
    code DATABASE_UNAVAILABLE, with its Retry-After header; raised by
    `Database.write()`/`read()` wherever the request stood.
    """

    def __init__(self, retry_after_s: int = RETRY_AFTER_S) -> None:
        super().__init__(503, headers={"Retry-After": str(retry_after_s)})


def http_status(err: DomainError) -> int:
    """The HTTP status for a refusal."""
    return STATUS_OF_CODE.get(err.code, 409)


def error_body(err: DomainError) -> dict[str, object]:
    """The JSON body of a refusal."""
    body: dict[str, object] = {"code": err.code, "message": err.message}
    if err.details:
        body["details"] = {k: v for k, v in err.details.items() if _jsonable(v)}
    return {"error": body}


def _jsonable(value: object) -> bool:
    return isinstance(value, str | int | float | bool) or value is None
