"""Which displays an agent drives: the centre file's modules whose `led.agent` names it."""

from __future__ import annotations

from typing import Any

from macturnos.hardware.settings import LedDisplaySettings


def agent_code(module: int, settings: LedDisplaySettings) -> str:
    """The agent that drives a module's display (`LED-<module>` unless the file names one).

    The server's checklist applies the same rule (`macturnos.server.leds.agent_of`).
    """
    return settings.agent or f"LED-{module}"


def displays_of(config: dict[str, Any], code: str) -> dict[int, LedDisplaySettings]:
    """Module number -> display settings, for the displays agent `code` drives.

    `config` is the centre's configuration as GET /config answers it.
    """
    mine: dict[int, LedDisplaySettings] = {}
    for module in config.get("modules", []):
        if not module.get("led"):
            continue
        number = int(module["number"])
        settings = LedDisplaySettings.model_validate(module["led"])
        if agent_code(number, settings) == code:
            mine[number] = settings
    return mine
