"""The centre's day: opening checklist and gate, incidents, closing, seal and day summary.

One module per job:

- `probes`: the checklist's automatic checks, registered by kind (`PROBES`), run
  side by side before the write transaction (they may take seconds and must not
  hold the database's write lock); `internet` is the HTTPS probe of the PCM.
- `checklist`: the template pre-filled by the probes, a run, the opening; a
  blocked day stays closed and its reasons go to the PCM (`day.blocked`).
- `status`: the state of a service day.
- `closing`: the tickets still open at closing time, closing them, the seal.
- `summary`: the day's figures (`day.summary`).

The names callers use are re-exported here (`from macturnos.server.day import X`).
"""

from __future__ import annotations

from macturnos.server.day.checklist import ItemAnswer, checklist_template, open_day, run_checklist
from macturnos.server.day.closing import close_remaining, closing_list, seal_day
from macturnos.server.day.probes import (
    FAIL_DISK_BYTES,
    INTERNET_TIMEOUT_S,
    PROBES,
    WARN_DISK_BYTES,
    CentreProbes,
    Finding,
    replication_finding,
    run_probes,
)
from macturnos.server.day.status import day_status, get_day_status
from macturnos.server.day.summary import get_summary, summary_json, ticket_records

__all__ = [
    "FAIL_DISK_BYTES",
    "INTERNET_TIMEOUT_S",
    "PROBES",
    "WARN_DISK_BYTES",
    "CentreProbes",
    "Finding",
    "ItemAnswer",
    "checklist_template",
    "close_remaining",
    "closing_list",
    "day_status",
    "get_day_status",
    "get_summary",
    "open_day",
    "replication_finding",
    "run_checklist",
    "run_probes",
    "seal_day",
    "summary_json",
    "ticket_records",
]
