"""Helpers of the centre's day tests (server and counter): the probes' local fakes' data.

The fixtures that start the fakes (`pcm_cert`, `pcm`, `ups`) are in tests/conftest.py;
`thursday` and `sara` are in tests/server/conftest.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from support import FIXTURES, LIMA

THURSDAY_8 = datetime(2026, 11, 26, 8, 0, tzinfo=LIMA)
NUT_ONLINE = "battery.charge: 100\nups.status: OL\n"
NUT_ON_BATTERY = "battery.charge: 80\nups.status: OB DISCHRG\n"
VIGILANCIA_OK = {"code": "GEN-VIGILANCIA", "result": "ok"}


class FakePcm:
    """The PCM endpoint; `portal = True` turns it into a captive portal (no internet)."""

    portal = False


def centre_with_fakes(pcm_url: str, ups_status: Path) -> Any:
    """The test centre with its PCM endpoint and UPS pointing at the local fakes."""
    from macturnos.config import parse_centre

    text = (FIXTURES / "centre.yaml").read_text(encoding="utf-8")
    text = text.replace("https://pcm.example.gob.pe/api/mac/v1", pcm_url)
    text += (
        f"power:\n  ups:\n    name: ups@localhost\n    upsc_path: {ups_status.parent / 'upsc'}\n"
    )
    return parse_centre(text)


def run(client: httpx.Client, *items: dict[str, Any], note: str | None = None) -> httpx.Response:
    """Run the opening checklist with these items' results."""
    return client.post("/api/v1/day/checklist", json={"items": list(items), "note": note})
