"""Sound: the chime, volume scaling, espeak-ng rendering and the announcement queue."""

from __future__ import annotations

import shutil
import threading
import wave
from pathlib import Path

import pytest
from support.display import RecordingSpeaker

from macturnos.display.audio import (
    Announcement,
    Announcer,
    AudioError,
    AudioStatus,
    CommandPlayer,
    SystemSpeaker,
    Utterance,
    chime_samples,
    render_speech,
    scale_wav,
    write_wav,
)


def _peak(path: Path) -> tuple[int, float]:
    import array

    with wave.open(str(path), "rb") as r:
        samples = array.array("h")
        samples.frombytes(r.readframes(r.getnframes()))
        return max(abs(s) for s in samples), r.getnframes() / r.getframerate()


def test_chime_is_a_short_loud_wav(tmp_path):
    path = write_wav(tmp_path / "chime.wav", chime_samples())
    peak, seconds = _peak(path)
    assert 1.0 < seconds < 2.0
    assert 20_000 < peak <= 32_767


@pytest.mark.parametrize("volume", [0, 25, 80, 100])
def test_volume_scales_the_samples(tmp_path, volume):
    source = write_wav(tmp_path / "chime.wav", chime_samples())
    full, _ = _peak(source)
    scaled, _ = _peak(scale_wav(source, tmp_path / "scaled.wav", volume))
    assert scaled == pytest.approx(full * volume / 100, abs=2)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
@pytest.mark.parametrize("voice", ["es-419", "qu"])
def test_espeak_renders_the_announcement(tmp_path, voice):
    path = render_speech("Turno erre cero veintitrés, módulo doce.", voice, tmp_path / "s.wav")
    peak, seconds = _peak(path)
    assert 1.5 < seconds < 8 and peak > 1000


def test_missing_engine_or_player_is_reported_in_spanish(tmp_path):
    with pytest.raises(AudioError, match="espeak"):
        render_speech("hola", "es-419", tmp_path / "x.wav", espeak="no-such-espeak")
    speaker = SystemSpeaker(None, tmp_path)
    assert speaker.status() == AudioStatus(
        False, "No hay reproductor de sonido (instale pulseaudio-utils o alsa-utils)."
    )
    missing = CommandPlayer(("no-such-player",))
    assert not missing.status().ok
    with pytest.raises(AudioError):
        missing.play(tmp_path / "x.wav")


def test_announcer_without_sound_device_still_calls_back(tmp_path):
    statuses: list[AudioStatus] = []
    done = threading.Event()
    announcer = Announcer(SystemSpeaker(None, tmp_path), on_status=statuses.append).start()
    assert not announcer.audio_status.ok
    announcer.submit(
        Announcement((Utterance("Turno erre uno, módulo uno.", "es-419"),)), done=done.set
    )
    assert done.wait(5)
    announcer.stop()


def test_announcements_never_overlap_and_keep_their_order():
    speaker = RecordingSpeaker(duration_s=0.01)
    announcer = Announcer(speaker).start()
    finished = threading.Semaphore(0)
    texts = [f"frase {i}" for i in range(12)]

    def submit(chunk: list[str]) -> None:
        for text in chunk:
            announcer.submit(Announcement((Utterance(text, "es-419"),)), done=finished.release)

    # Submitted from one thread in order; a second thread submits at the same time.
    t1 = threading.Thread(target=submit, args=(texts[:6],))
    t2 = threading.Thread(target=submit, args=(texts[6:],))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    for _ in texts:
        assert finished.acquire(timeout=5)
    announcer.stop()
    assert speaker.max_concurrent == 1
    said = speaker.said()
    assert sorted(said) == sorted(texts)
    assert [t for t in said if t in texts[:6]] == texts[:6]
    assert [t for t in said if t in texts[6:]] == texts[6:]
    sounds = speaker.sounds
    assert all(a.end <= b.start for a, b in zip(sounds, sounds[1:], strict=False))
    assert [s.kind for s in sounds[:2]] == ["chime", "say"]  # the chime comes first


def test_a_failing_device_is_reported_and_the_queue_goes_on():
    class Broken(RecordingSpeaker):
        def chime(self, volume: int) -> None:
            raise AudioError("No se pudo reproducir el sonido.")

    statuses: list[AudioStatus] = []
    speaker = Broken()
    announcer = Announcer(speaker, on_status=statuses.append).start()
    done = threading.Semaphore(0)
    for _ in range(2):
        announcer.submit(Announcement((Utterance("x", "es-419"),)), done=done.release)
    assert done.acquire(timeout=5) and done.acquire(timeout=5)
    announcer.stop()
    assert statuses[0] == AudioStatus(False, "No se pudo reproducir el sonido.")


def test_a_discarded_announcement_is_skipped_and_still_reports_done():
    speaker = RecordingSpeaker(duration_s=0.2)
    announcer = Announcer(speaker).start()
    finished = threading.Semaphore(0)
    first = Announcement((Utterance("primero", "es-419"),))
    second = Announcement((Utterance("segundo", "es-419"),))
    announcer.submit(first, done=finished.release)
    announcer.submit(second, done=finished.release)
    assert announcer.discard(second)  # still queued behind the first
    assert finished.acquire(timeout=5) and finished.acquire(timeout=5)
    assert speaker.said() == ["primero"]
    assert not announcer.discard(first)  # already heard: nothing to skip
    announcer.stop()
