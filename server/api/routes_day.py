"""Routes of the centre's day: opening checklist, closing, day summary."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")
