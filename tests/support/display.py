"""Helpers of the call screen's tests: a recording fake speaker, screenshots."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macturnos.display.audio import AudioStatus
from support.screenshots import ARTIFACTS as ALL_ARTIFACTS
from support.screenshots import docs_dir

ARTIFACTS = ALL_ARTIFACTS / "display"


@dataclass
class Spoken:
    """One sound the fake speaker made, with when it started and ended."""

    kind: str
    text: str
    voice: str
    volume: int
    start: float
    end: float


@dataclass
class RecordingSpeaker:
    """A fake sound device: records what would have been heard, taking `duration_s` per sound."""

    duration_s: float = 0.0
    ok: bool = True
    sounds: list[Spoken] = field(default_factory=list)
    max_concurrent: int = 0
    _playing: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> AudioStatus:
        return AudioStatus(
            self.ok, "Sonido disponible." if self.ok else "No hay tarjeta de sonido."
        )

    def _sound(self, kind: str, text: str, voice: str, volume: int) -> None:
        with self._lock:
            self._playing += 1
            self.max_concurrent = max(self.max_concurrent, self._playing)
        start = time.monotonic()
        if self.duration_s:
            time.sleep(self.duration_s)  # the sound playing: the worker thread blocks like aplay
        with self._lock:
            self._playing -= 1
            self.sounds.append(Spoken(kind, text, voice, volume, start, time.monotonic()))

    def chime(self, volume: int) -> None:
        self._sound("chime", "", "", volume)

    def say(self, text: str, voice: str, volume: int) -> None:
        self._sound("say", text, voice, volume)

    def said(self) -> list[str]:
        """The sentences said, in order."""
        with self._lock:
            return [s.text for s in self.sounds if s.kind == "say"]


def shoot(widget: Any, name: str, *, docs: bool = False) -> Path:
    """Save a screenshot into artifacts/display/ (and display-<name> for the README)."""
    from macturnos.client.ui.widgets import save_screenshot

    path = save_screenshot(widget, ARTIFACTS / f"{name}.png")
    if docs:
        save_screenshot(widget, docs_dir() / f"display-{name}.png")
    return path
