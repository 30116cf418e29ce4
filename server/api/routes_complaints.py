"""The complaints and compliments book: reception records, the coordinator answers.

The supervisor's monitor lists the entries still open past their deadline without
the complainant's identity or the text; the coordinator reads and answers them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from macturnos.domain.complaints import MAX_CONTACT, MAX_NAME, MAX_TEXT, Complainant
from macturnos.server import complaints
from macturnos.server.api.deps import Permitted, act, context
from macturnos.server.api.schemas import ModuleNumber, RowId

router = APIRouter(prefix="/api/v1")

Reception = Permitted  # who: server.permissions.ROUTES
Manager = Permitted  # who: server.permissions.ROUTES
Keeper = Permitted  # who: server.permissions.ROUTES

Number = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^LR-[0-9]{4}-[0-9]{6}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComplainantBody(_Body):
    """Who files it (required for a reclamo): stored only in the book's record."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    document_type: Literal["DNI", "CE", "PASAPORTE", "OTRO"]
    document_number: str = Field(min_length=6, max_length=20)
    contact: str = Field(min_length=1, max_length=MAX_CONTACT)


class ComplaintBody(_Body):
    """An entry of the book and what it is about (a ticket, or an entity or module)."""

    kind: Literal["reclamo", "sugerencia", "felicitacion"]
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    complainant: ComplainantBody | None = None
    ticket_id: RowId | None = None
    entity: str | None = Field(default=None, max_length=40)
    module: ModuleNumber | None = None


class ProgressBody(_Body):
    """Take it in hand, or record the answer given."""

    state: Literal["in_progress", "answered"]
    answer: str | None = Field(default=None, max_length=MAX_TEXT)


@router.post("/complaints", tags=["complaints"], status_code=201)
def record(request: Request, body: ComplaintBody, actor: Reception) -> JSONResponse:
    """Record an entry of the book; answers the receipt (number and deadline)."""
    ctx = context(request)
    who = Complainant(**body.complainant.model_dump()) if body.complainant else None
    return act(
        request,
        actor,
        lambda: complaints.register(
            ctx,
            actor,
            body.kind,
            body.text,
            who,
            ticket_id=body.ticket_id,
            entity=body.entity,
            module=body.module,
        ),
        201,
    )


@router.get("/complaints", tags=["complaints"])
def book(
    request: Request,
    actor: Manager,
    state: Annotated[Literal["registered", "in_progress", "answered"] | None, Query()] = None,
) -> list[dict[str, Any]]:
    """The book, newest first; each entry says whether it is past its deadline."""
    return complaints.entries(context(request), actor, state)


@router.get("/complaints/{number}", tags=["complaints"])
def one(request: Request, number: Number, actor: Manager) -> dict[str, Any]:
    """One entry."""
    return complaints.entry(context(request), actor, number)


@router.post("/complaints/{number}/progress", tags=["complaints"])
def progress(request: Request, number: Number, body: ProgressBody, actor: Keeper) -> JSONResponse:
    """The coordinator takes an entry in hand or records its answer."""
    ctx = context(request)
    return act(
        request, actor, lambda: complaints.advance(ctx, actor, number, body.state, body.answer)
    )
