"""What stands in the way of today's opening, from the form as the supervisor fills it.

The server decides with `macturnos.domain.opening.decide_opening`; the form asks
the same function about the answers as they are now (the probes' findings for
untouched automatic items), so the supervisor sees the blockers (no internet, no
power, no guards...) before pressing "Registrar apertura" and while answering,
not only in the refusal. Device probes (LED displays, kiosks, call screens) are
worded one line per failing device rather than one paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from macturnos.domain.opening import ItemOutcome, ItemResult, OpeningVerdict, decide_opening

DEVICE_LINES_SHOWN = 6
"""Failing devices listed in the form's cell; the rest are counted (all in the tooltip)."""


@dataclass(frozen=True)
class Answer:
    """One item as the form has it now: the server's item, the result chosen, the note."""

    item: dict[str, Any]
    result: str
    note: str


def verdict(answers: Sequence[Answer]) -> OpeningVerdict:
    """What the server would decide if the form were sent as it is."""
    outcomes = []
    for a in answers:
        prefill = a.item.get("prefill") or {}
        probe = prefill.get("result")
        outcomes.append(
            ItemOutcome(
                code=str(a.item["code"]),
                label=str(a.item.get("label") or a.item["code"]),
                blocking=bool(a.item.get("blocking")),
                result=ItemResult(a.result),
                note=a.note or prefill.get("reason") or None,
                probe=ItemResult(probe) if probe else None,
            )
        )
    return decide_opening(outcomes)


def failing_devices(prefill: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(device code, probe state) of each device a device probe did not find fine."""
    detail = (prefill or {}).get("detail") or {}
    out = []
    for entry in detail.get("devices") or []:
        code, _, state = str(entry).rpartition(":")
        if code and state not in ("ok", "not_applicable"):
            out.append((code, state))
    return out
