"""Persistence: SQLAlchemy models, engine set-up and transactions.

Importing the package registers every table on `models.Base.metadata`.
"""

from macturnos.server.db import day_models, models, survey_models, sync_models  # noqa: F401
