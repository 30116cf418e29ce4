"""The receiver's HTTP API (the contract is docs/pcm-openapi.yaml)."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from macturnos import __version__
from macturnos.messages import N_, _
from macturnos.pcm.store import ReceiverError, ReceiverStore

log = logging.getLogger("macturnos.pcm")

BASE_PATH = "/api/mac/v1"
"""Where the API lives; a centre's `pcm.endpoint` is the receiver's URL plus this."""
DEFAULT_MAX_BODY = 16 * 1024 * 1024
MAX_EVENTS_PER_BATCH = 5000

RECEIVER_MESSAGES: dict[str, tuple[int, str]] = {
    "PCM_NOT_AUTHENTICATED": (401, N_("Credenciales del centro no válidas.")),
    "PCM_UNKNOWN_CENTRE": (404, N_("El centro no está registrado en la PCM.")),
    "PCM_CENTRE_MISMATCH": (422, N_("El código de centro del lote no coincide con la ruta.")),
    "PCM_BATCH_TOO_LARGE": (413, N_("El lote es demasiado grande; envíelo en partes.")),
    "PCM_MALFORMED": (422, N_("El lote no es válido: {detalle}")),
    "PCM_BAD_APPOINTMENT": (422, N_("Una cita no es válida (DNI u hora).")),
    "PCM_BAD_CATALOGUE": (422, N_("El catálogo no es válido: {detalle}")),
    "PCM_BAD_CENTRE_CODE": (422, N_("El código de centro no es válido.")),
    "PCM_SEQ_CONFLICT": (
        409,
        N_(
            "El centro ya envió otro evento con el número {detalle}: un número no se "
            "reemplaza (¿se restauró o reemplazó la base de datos del centro?)."
        ),
    ),
    # Refusals of the command line (never an HTTP answer).
    "PCM_TLS_INCOMPLETE": (500, N_("Para HTTPS indique --tls-cert y --tls-key, los dos.")),
    "PCM_TLS_MISSING_FILE": (500, N_("No se encontró el archivo de TLS {detalle}.")),
    "PCM_TLS_REQUIRED": (
        500,
        N_(
            "El receptor no atiende sin cifrar en {detalle}: indique --tls-cert y --tls-key, "
            "o escuche en 127.0.0.1 detrás de un proxy con TLS."
        ),
    ),
}


def refusal_message(code: str, detail: str = "") -> str:
    """The translated text of a receiver refusal, with its detail put in."""
    _status, template = RECEIVER_MESSAGES.get(code, (500, N_("Error interno del receptor.")))
    return _(template).replace("{detalle}", detail) if "{detalle}" in template else _(template)


def _error(code: str, detail: str = "") -> JSONResponse:
    status = RECEIVER_MESSAGES.get(code, (500, ""))[0]
    body = {"error": {"code": code, "message": refusal_message(code, detail)}}
    return JSONResponse(body, status_code=status)


class EventIn(BaseModel):
    """One event of the centre's log (`type` and unknown keys are ignored)."""

    model_config = ConfigDict(extra="ignore")

    seq: int = Field(ge=1)
    at: str = Field(max_length=40)
    day: date
    kind: str = Field(min_length=1, max_length=40)
    actor: str = Field(max_length=80)
    ticket_id: int | None = None
    module: int | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    @field_validator("at")
    @classmethod
    def _iso(cls, value: str) -> str:
        # Only checked to be a timestamp: the centre's clock is the centre's business.
        datetime.fromisoformat(value)
        return value


class Batch(BaseModel):
    """A batch of events covering the sequence numbers (after, last]."""

    centre: str
    after: int = Field(ge=0)
    events: list[EventIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Batch:
        previous = self.after
        for ev in self.events:
            if ev.seq <= previous:
                raise ValueError("events must be in increasing seq order, after `after`")
            previous = ev.seq
        return self


def _bearer(request: Request) -> str:
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ReceiverError("PCM_NOT_AUTHENTICATED")
    return token.strip()


def create_app(store: ReceiverStore, *, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The receiver's ASGI application over `store`."""
    app = FastAPI(
        title="MAC Turnos - receptor PCM",
        version=__version__,
        openapi_url=f"{BASE_PATH}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store

    @app.exception_handler(ReceiverError)
    async def refused(_request: Request, err: ReceiverError) -> JSONResponse:
        return _error(err.code, err.detail)

    async def centre_of(request: Request, code: str) -> int:
        return await run_in_threadpool(store.authenticate, code, _bearer(request))

    @app.get(f"{BASE_PATH}/health")
    def health() -> dict[str, Any]:
        """Whether the receiver answers (no authentication)."""
        return {"status": "ok", "version": __version__}

    @app.post(f"{BASE_PATH}/centres/{{code}}/events")
    async def upload_events(request: Request, code: str) -> JSONResponse:
        """Store a batch of a centre's events; answers the highest contiguous seq held."""
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_body:
            return _error("PCM_BATCH_TOO_LARGE")
        centre_id = await centre_of(request, code)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                return _error("PCM_BATCH_TOO_LARGE")
        try:
            raw = json.loads(body)
        except ValueError:
            return _error("PCM_MALFORMED", "JSON")
        if isinstance(raw, dict) and len(raw.get("events") or ()) > MAX_EVENTS_PER_BATCH:
            return _error("PCM_BATCH_TOO_LARGE")
        try:
            batch = Batch.model_validate(raw)
        except ValidationError as err:
            first = err.errors()[0]
            return _error("PCM_MALFORMED", ".".join(str(p) for p in first["loc"]) or "lote")
        if batch.centre != code:
            return _error("PCM_CENTRE_MISMATCH")
        result = await run_in_threadpool(
            store.ingest, centre_id, batch.after, [e.model_dump() for e in batch.events]
        )
        return JSONResponse(
            {
                "centre": code,
                "acknowledged_seq": result.acknowledged_seq,
                "stored": result.stored,
                "duplicates": result.duplicates,
            }
        )

    @app.get(f"{BASE_PATH}/centres/{{code}}/appointments")
    async def appointments(
        request: Request, code: str, day: Annotated[date, Query()]
    ) -> dict[str, Any]:
        """The centre's appointments of a day, with only what check-in needs."""
        centre_id = await centre_of(request, code)
        rows = await run_in_threadpool(store.appointments, centre_id, day)
        return {"centre": code, "day": day.isoformat(), "appointments": rows}

    @app.get(f"{BASE_PATH}/centres/{{code}}/catalogue")
    async def catalogue(request: Request, code: str) -> dict[str, Any]:
        """The catalogue version published for the centre and its sections."""
        centre_id = await centre_of(request, code)
        return {"centre": code, **await run_in_threadpool(store.catalogue, centre_id)}

    return app
