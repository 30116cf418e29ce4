"""Persistence: SQLAlchemy models, engine set-up and transactions.

Importing the package registers every table on `models.Base.metadata`.
"""

from macturnos.server.db import (  # noqa: F401
    complaint_models,
    day_models,
    models,
    survey_models,
    sync_models,
)
