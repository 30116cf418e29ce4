"""Announcements out loud: a chime, then the call in Spanish (and Quechua), one at a time.

Offline only: speech is rendered by espeak-ng (a Debian package) to WAV files,
the chime is synthesised here with `wave` and `math`, and WAV files are played
by the system's player (`paplay`, `pw-play` or `aplay`). No Qt here.

`Announcer` owns one worker thread and a queue, so announcements never overlap
or cut each other; the view is told when each one ends. A `Speaker` does the
sound itself: `SystemSpeaker` for the real machine; tests pass a recording fake.
A display without a sound device keeps working and reports audio as missing.
"""

from __future__ import annotations

import array
import logging
import math
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger("macturnos.display.audio")

SAMPLE_RATE = 22_050
"""espeak-ng's own rate: the chime uses it too so both sound alike on any player."""
ESPEAK_TIMEOUT_S = 15.0
PLAY_TIMEOUT_S = 30.0
SPEECH_WPM = 140
"""A little slower than espeak-ng's default (175): a hall with echo and elderly citizens."""
QUECHUA_VOICE = "qu"


@dataclass(frozen=True)
class AudioStatus:
    """Whether the display can be heard, with a Spanish reason for the ICT specialist."""

    ok: bool
    detail: str


@dataclass(frozen=True)
class Utterance:
    """One sentence to say and the espeak-ng voice (language tag) to say it with."""

    text: str
    voice: str


@dataclass(frozen=True)
class Announcement:
    """What is heard for one call: the chime, then the sentences in order."""

    utterances: tuple[Utterance, ...]
    volume: int = 80
    chime: bool = True


class Speaker(Protocol):
    """Makes the sounds of an announcement; every method blocks until the sound ends."""

    def status(self) -> AudioStatus:
        """Whether sound can be played now."""
        ...

    def chime(self, volume: int) -> None:
        """Play the call chime."""
        ...

    def say(self, text: str, voice: str, volume: int) -> None:
        """Say `text` with `voice` (e.g. "es-419")."""
        ...


class AudioError(Exception):
    """A sound could not be rendered or played; `message` is in Spanish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- sound synthesis -----------------------------------------------------------------


def chime_samples(rate: int = SAMPLE_RATE) -> array.array[int]:
    """A two-tone "ding-dong" (E6 then C6 with a soft overtone), 16-bit mono samples."""
    notes = ((1318.5, 0.0, 0.9), (1046.5, 0.45, 1.2))  # (Hz, start s, length s)
    total = int(rate * max(start + length for _, start, length in notes))
    mix = [0.0] * total
    for freq, start, length in notes:
        first = int(start * rate)
        for i in range(int(length * rate)):
            t = i / rate
            # A fast attack avoids a click; the exponential decay sounds like a bell.
            envelope = min(1.0, t / 0.005) * math.exp(-t * 4.0)
            wave_value = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            if first + i < total:
                mix[first + i] += envelope * wave_value
    peak = max(abs(v) for v in mix) or 1.0
    return array.array("h", (int(v / peak * 0.8 * 32767) for v in mix))


def write_wav(path: Path, samples: array.array[int], rate: int = SAMPLE_RATE) -> Path:
    """Write 16-bit mono samples as a WAV file."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(_little_endian(samples).tobytes())
    return path


def _little_endian(samples: array.array[int]) -> array.array[int]:
    if sys.byteorder == "big":
        samples = array.array("h", samples)
        samples.byteswap()
    return samples


def scale_wav(source: Path, target: Path, volume: int) -> Path:
    """Copy a 16-bit WAV with its loudness scaled to `volume` percent (0-100)."""
    factor = max(0, min(100, volume)) / 100
    with wave.open(str(source), "rb") as r:
        params = r.getparams()
        frames = r.readframes(r.getnframes())
    if params.sampwidth != 2:
        raise AudioError("El archivo de sonido no tiene el formato esperado (16 bits).")
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    scaled = array.array("h", (int(s * factor) for s in samples))
    with wave.open(str(target), "wb") as w:
        w.setparams(params)
        w.writeframes(_little_endian(scaled).tobytes())
    return target


def render_speech(text: str, voice: str, path: Path, *, espeak: str = "espeak-ng") -> Path:
    """Render `text` with espeak-ng's `voice` into a WAV file (offline)."""
    exe = shutil.which(espeak)
    if exe is None:
        raise AudioError("No está instalado el motor de voz espeak-ng.")
    try:
        done = subprocess.run(
            [exe, "-v", voice, "-s", str(SPEECH_WPM), "-w", str(path), "--", text],
            capture_output=True,
            timeout=ESPEAK_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        log.warning("espeak-ng failed: %r", err)
        raise AudioError("El motor de voz no respondió.") from err
    if done.returncode != 0 or not path.exists() or path.stat().st_size <= 44:
        log.warning("espeak-ng exited %d: %s", done.returncode, done.stderr[-300:])
        raise AudioError(f"El motor de voz no pudo generar el anuncio (voz {voice}).")
    return path


# --- playback ---------------------------------------------------------------------------

PLAYERS: tuple[tuple[str, ...], ...] = (("paplay",), ("pw-play",), ("aplay", "-q"))
"""WAV players tried in order: PulseAudio/PipeWire first (they mix), then plain ALSA."""


class CommandPlayer:
    """Plays WAV files with a system command, blocking until the sound ends."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = tuple(command)

    def __repr__(self) -> str:
        return f"CommandPlayer({self.command!r})"

    def status(self) -> AudioStatus:
        """For ALSA, whether a sound card exists; a sound server is trusted when present."""
        if shutil.which(self.command[0]) is None:
            return AudioStatus(False, f"No se encuentra el reproductor {self.command[0]}.")
        if self.command[0] == "aplay":
            try:
                cards = subprocess.run(
                    ["aplay", "-l"], capture_output=True, text=True, timeout=5, check=False
                )
            except (OSError, subprocess.TimeoutExpired):
                return AudioStatus(False, "No se pudo consultar las tarjetas de sonido.")
            if "card" not in cards.stdout:
                return AudioStatus(False, "No hay tarjeta de sonido.")
        return AudioStatus(True, "Sonido disponible.")

    def play(self, path: Path) -> None:
        """Play one WAV file to its end."""
        try:
            done = subprocess.run(
                [*self.command, str(path)],
                capture_output=True,
                timeout=PLAY_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise AudioError("No se pudo reproducir el sonido.") from err
        if done.returncode != 0:
            log.warning("%s exited %d: %s", self.command[0], done.returncode, done.stderr[-300:])
            raise AudioError("No se pudo reproducir el sonido en el dispositivo de audio.")


def find_player() -> CommandPlayer | None:
    """The first WAV player installed on this machine, if any."""
    for command in PLAYERS:
        if shutil.which(command[0]) is not None:
            return CommandPlayer(command)
    return None


class SystemSpeaker:
    """The real sound: synthesised chime, espeak-ng speech, the system's WAV player."""

    def __init__(self, player: CommandPlayer | None, workdir: Path | None = None) -> None:
        self.player = player
        self._tmp = (
            tempfile.TemporaryDirectory(prefix="macturnos-audio-") if workdir is None else None
        )
        self.workdir = workdir or Path(self._tmp.name)  # type: ignore[union-attr]
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._chime = write_wav(self.workdir / "chime.wav", chime_samples())

    def status(self) -> AudioStatus:
        """Missing when there is no player, no sound device or no speech engine."""
        if self.player is None:
            return AudioStatus(
                False, "No hay reproductor de sonido (instale pulseaudio-utils o alsa-utils)."
            )
        if shutil.which("espeak-ng") is None:
            return AudioStatus(False, "No está instalado el motor de voz espeak-ng.")
        return self.player.status()

    def _play(self, source: Path, volume: int) -> None:
        if self.player is None:
            raise AudioError("No hay reproductor de sonido.")
        scaled = scale_wav(source, self.workdir / f"play-{source.name}", volume)
        self.player.play(scaled)

    def chime(self, volume: int) -> None:
        """Play the chime at `volume` percent."""
        self._play(self._chime, volume)

    def say(self, text: str, voice: str, volume: int) -> None:
        """Render and play one sentence."""
        self._play(render_speech(text, voice, self.workdir / "speech.wav"), volume)

    def close(self) -> None:
        """Delete the temporary sound files."""
        if self._tmp is not None:
            self._tmp.cleanup()


# --- the announcement queue -------------------------------------------------------------

Done = Callable[[], None]
StatusListener = Callable[[AudioStatus], None]


class Announcer:
    """Plays announcements one after another on its own thread, never two at once."""

    def __init__(self, speaker: Speaker, on_status: StatusListener | None = None) -> None:
        self.speaker = speaker
        self.on_status = on_status
        """Called with the new AudioStatus when it changes (from the worker thread)."""
        self._queue: queue.Queue[tuple[Announcement, Done | None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._status = speaker.status()
        self._discarded: list[Announcement] = []  # compared by identity: equal calls may repeat

    @property
    def audio_status(self) -> AudioStatus:
        """The latest known state of the sound."""
        with self._lock:
            return self._status

    def start(self) -> Announcer:
        """Start the worker thread."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="macturnos-announcer", daemon=True
                )
                self._thread.start()
        return self

    def submit(self, announcement: Announcement, done: Done | None = None) -> None:
        """Queue an announcement; `done()` is called (on the worker thread) once it ends."""
        self._queue.put((announcement, done))

    def discard(self, announcement: Announcement) -> bool:
        """Skip `announcement` if it has not begun (its `done()` still comes); whether it will."""
        with self._lock:
            if any(a is announcement for a in self._discarded):
                return True
            waiting = any(item is not None and item[0] is announcement for item in self._waiting())
            if waiting:
                self._discarded.append(announcement)
            return waiting

    def _waiting(self) -> list[tuple[Announcement, Done | None] | None]:
        # queue.Queue keeps its items in a deque guarded by its own mutex.
        with self._queue.mutex:
            return list(self._queue.queue)

    def stop(self, timeout_s: float = 5.0) -> None:
        """Let the current announcement end, drop the rest, and stop the thread."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        with self._lock:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def _set_status(self, status: AudioStatus) -> None:
        with self._lock:
            changed = status != self._status
            self._status = status
        listener = self.on_status
        if changed and listener is not None:
            try:
                listener(status)
            except Exception:
                log.exception("audio status listener failed")

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            announcement, done = item
            with self._lock:
                skip = any(a is announcement for a in self._discarded)
                self._discarded = [a for a in self._discarded if a is not announcement]
            try:
                if not skip:
                    self._play(announcement)
            finally:
                if done is not None:
                    try:
                        done()
                    except Exception:
                        log.exception("announcement listener failed")

    def _play(self, announcement: Announcement) -> None:
        status = self.speaker.status()
        self._set_status(status)
        if not status.ok:
            return  # shown and reported; nothing to hear
        try:
            if announcement.chime:
                self.speaker.chime(announcement.volume)
            for u in announcement.utterances:
                self.speaker.say(u.text, u.voice, announcement.volume)
        except AudioError as err:
            self._set_status(AudioStatus(False, err.message))
        except Exception:  # a broken device must not end the queue
            log.exception("announcement failed")
            self._set_status(AudioStatus(False, "Falló la reproducción del anuncio."))
