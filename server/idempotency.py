"""Idempotent requests: a repeated click or a retried request never acts twice.

A client sends an `Idempotency-Key` header with each action. The key, the
actor and the answer are stored in the same transaction as the action, so a
retry after a lost answer (or a crash right after the commit) gets the stored
answer instead of acting again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from macturnos.server.db.models import IdempotencyKey
from macturnos.server.errors import ApiError


@dataclass(frozen=True)
class _Request:
    key: str
    actor: str
    request: str
    now: datetime


_current: ContextVar[_Request | None] = ContextVar("idempotency_request", default=None)


class Replay(Exception):
    """The request was already carried out; here is its stored answer."""

    def __init__(self, status_code: int, response: dict[str, Any]) -> None:
        super().__init__("replay")
        self.status_code = status_code
        self.response = response


_BODY_MARK = " body:"


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What a key stands for: the action (method and path) and a hash of its body.

    A key sent again with another body is a client bug (a BN-01 request once got
    the RENIEC-01 ticket back): it is refused, never answered with the first result.
    """
    action = f"{method} {path}"
    if len(action) > 120:  # the stored column holds 200 characters
        action = f"{method} sha256:{hashlib.sha256(path.encode()).hexdigest()[:40]}"
    return f"{action}{_BODY_MARK}{hashlib.sha256(_canonical(body)).hexdigest()[:40]}"


def _canonical(body: bytes) -> bytes:
    """The body as the server reads it: key order, spacing and null fields do not count.

    A client may resend the same request written differently (`{"preferential":
    null}` or the field left out): that is the same request, not a reused key.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return body
    return json.dumps(_without_nulls(data), sort_keys=True, separators=(",", ":")).encode()


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _same_action(stored: str, asked: str) -> bool:
    # Answers stored before bodies were hashed hold the action only.
    return stored.partition(_BODY_MARK)[0] == asked.partition(_BODY_MARK)[0]


@contextmanager
def idempotent(key: str | None, actor: str, request: str, now: datetime) -> Iterator[None]:
    """Make the write transactions inside this block idempotent under `key`."""
    if not key:
        yield
        return
    if len(key) > 80:
        raise ApiError("INVALID_REQUEST", campo="Idempotency-Key")
    token = _current.set(_Request(key, actor, request, now))
    try:
        yield
    finally:
        _current.reset(token)


# A declarative class's __table__ is typed as any FromClause; this one is a Table.
_TABLE = cast(Table, IdempotencyKey.__table__)
_INSERT = _TABLE.insert()
_KEYS = _TABLE.c
_FIND = select(_KEYS.request, _KEYS.status_code, _KEYS.response).where(
    _KEYS.key == bindparam("key"), _KEYS.actor == bindparam("actor")
)


def claim(session: Session) -> None:
    """At the start of a write: replay a request already carried out."""
    req = _current.get()
    if req is None:
        return
    # A plain SELECT: asked on every action, almost always to find nothing.
    row = session.connection().execute(_FIND, {"key": req.key, "actor": req.actor}).first()
    if row is None:
        return
    request, status_code, response = row
    if not _same_action(request, req.request):
        raise ApiError("IDEMPOTENCY_CONFLICT")
    if _BODY_MARK in request and request != req.request:
        raise ApiError("IDEMPOTENCY_KEY_REUSED")
    raise Replay(status_code, response)


def set_result(session: Session, result: dict[str, Any], status_code: int = 200) -> dict[str, Any]:
    """Record the answer of the action being written (stored on commit)."""
    session.info["result"] = (status_code, result)
    return result


def record(session: Session) -> None:
    """Just before commit: store the answer under the request's key."""
    req = _current.get()
    if req is None or "result" not in session.info:
        return
    status_code, result = session.info.pop("result")
    session.connection().execute(
        _INSERT,
        {
            "key": req.key,
            "actor": req.actor,
            "request": req.request,
            "status_code": status_code,
            "response": result,
            "created_at": req.now,
        },
    )
    # One stored answer per request: later transactions of the same request
    # (if any) must not try to store it again.
    _current.set(None)
