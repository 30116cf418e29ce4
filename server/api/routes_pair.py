"""Routes of pair mode: replication state and lag."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")
