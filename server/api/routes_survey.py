"""The satisfaction survey: a survey tablet at a module rates the attention just finished
there; staff read the day's ratings (an advisor their own). The citizen's phone rates
on the citizen's listener instead (`server.public`), with the ticket's signed code.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from macturnos.domain.survey import MAX_COMMENT_CHARS, check_rating
from macturnos.server import survey
from macturnos.server.api.deps import Permitted, context, quick_act
from macturnos.server.api.schemas import IsoDate, ModuleNumber, RowId

router = APIRouter(prefix="/api/v1")

Tablet = Permitted  # who: server.permissions.ROUTES
Reader = Permitted  # who: server.permissions.ROUTES


class TabletRating(BaseModel):
    """A rating given on the survey tablet at `module` for the attention it showed."""

    model_config = ConfigDict(extra="forbid")

    module: ModuleNumber
    ticket_id: RowId
    score: int = Field(ge=1, le=5)
    reason: str | None = Field(default=None, max_length=16)
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS)


@router.get("/survey/pending", tags=["survey"])
def pending(
    request: Request, actor: Tablet, module: Annotated[ModuleNumber, Query()]
) -> dict[str, Any]:
    """The attention just finished at `module` that the tablet may ask about (or none)."""
    return survey.pending_at_module(context(request), module)


@router.post("/survey/ratings", tags=["survey"], status_code=201)
async def rate(request: Request, body: TabletRating, actor: Tablet) -> JSONResponse:
    """Rate the attention just finished at the tablet's module (once)."""
    ctx = context(request)
    given = check_rating(body.score, body.reason, body.comment)
    return await quick_act(
        request,
        actor,
        lambda: survey.rate_at_module(ctx, actor, body.module, body.ticket_id, given),
        201,
    )


@router.get("/ratings", tags=["survey"])
def ratings(
    request: Request, actor: Reader, day: Annotated[IsoDate | None, Query()] = None
) -> dict[str, Any]:
    """A day's ratings with their count and mean: all for supervisors and the
    coordinator, an advisor's own attentions for an advisor."""
    return survey.ratings_of_day(context(request), actor, day)
