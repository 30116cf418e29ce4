"""Routes of the sync with the PCM: status, catalogue updates to accept."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")
