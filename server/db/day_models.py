"""Tables of the centre's day: opening checklist runs, incidents, closing."""

from __future__ import annotations

from macturnos.server.db.models import Base  # noqa: F401
