"""A call screen's settings: its zone, modules, voice and notices from the centre file.

`settings_from_config` reads this display's `displays[]` entry (and its zone) out
of GET /config; a display the file does not list gets the defaults and is marked
unknown, so the presenter can report it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class DisplaySettings:
    """This call screen's settings, from the centre file's `displays[]` entry and its zone."""

    code: str | None = None
    name: str = ""
    zone: str | None = None
    zone_name: str | None = None
    modules: frozenset[int] | None = None
    """The modules whose calls are shown; None for all."""
    last_calls: int = 6
    announce_quechua: bool = False
    volume: int = 80
    voice: str = "es-419"
    centre_name: str = ""
    timezone: str = "America/Lima"
    notices: tuple[str, ...] = ()
    known: bool = True
    """False when this display's code is not in the centre file (defaults are used)."""

    def shows(self, module: int | None) -> bool:
        """Whether a call to `module` belongs on this screen."""
        return module is not None and (self.modules is None or module in self.modules)


def settings_from_config(
    config: dict[str, Any], device_code: str | None, notices: tuple[str, ...] = ()
) -> DisplaySettings:
    """The settings of display `device_code` from GET /config (defaults if it is not listed)."""
    centre = config.get("centre") or {}
    entry = next(
        (d for d in config.get("displays") or [] if device_code and d.get("code") == device_code),
        None,
    )
    base = DisplaySettings(
        code=device_code,
        centre_name=str(centre.get("name") or ""),
        timezone=str(centre.get("timezone") or "America/Lima"),
        notices=notices,
    )
    if entry is None:
        return replace(base, known=False)
    zone = entry.get("zone")
    zones = {z.get("code"): z.get("name") for z in config.get("zones") or []}
    modules = (
        frozenset(int(m["number"]) for m in config.get("modules") or [] if m.get("zone") == zone)
        if zone
        else None
    )
    # A `notices` list in the entry (if the centre file offers one) adds to the local ones.
    configured = tuple(str(n) for n in entry.get("notices") or () if str(n).strip())
    return replace(
        base,
        name=str(entry.get("name") or ""),
        zone=zone,
        zone_name=zones.get(zone) if zone else None,
        modules=modules,
        last_calls=int(entry.get("last_calls") or 6),
        announce_quechua=bool(entry.get("announce_quechua")),
        volume=int(entry.get("volume") if entry.get("volume") is not None else 80),
        voice=str(entry.get("voice") or "es-419"),
        notices=notices + configured,
    )
