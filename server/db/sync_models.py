"""Tables of the sync with the PCM: upload cursor, appointments, catalogue offers."""

from __future__ import annotations

from macturnos.server.db.models import Base  # noqa: F401
