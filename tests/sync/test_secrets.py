"""The appointments' DNI key and the PCM credential file (issue 15, item 9)."""

from __future__ import annotations

import hashlib
import hmac
import time

from macturnos.server.sync.appointments import dni_digest, load_dni_key


def test_the_dni_key_is_its_own_file_with_mode_0600(tmp_path):
    """Before, DNIs were hashed with ticket-signing.key, next to the database."""
    path = tmp_path / "keys" / "appointment-dni.key"
    key = load_dni_key(path)
    assert len(key) == 32 and path.stat().st_mode & 0o777 == 0o600
    assert load_dni_key(path) == key  # kept across restarts
    path.chmod(0o644)
    assert load_dni_key(path) == key
    assert path.stat().st_mode & 0o777 == 0o600  # tightened


def test_the_dni_hash_is_keyed_and_slow(ctx):
    """Before: one HMAC-SHA256 per guess, 10^8 DNIs in about 4 minutes on one core."""
    assert ctx.dni_key != ctx.secret
    key = b"k" * 32
    start = time.perf_counter()
    digest = dni_digest(key, "45678912")
    took = time.perf_counter() - start
    assert digest == dni_digest(key, "45678912") != dni_digest(b"x" * 32, "45678912")
    assert len(digest) == 64
    # At least ~1000 times an HMAC: 10^8 guesses take weeks of a core, not minutes.
    start = time.perf_counter()
    for _ in range(100):
        hmac.new(key, b"45678912", hashlib.sha256).hexdigest()
    hmac_cost = (time.perf_counter() - start) / 100
    assert took > 1000 * hmac_cost and took > 0.002


def test_the_pcm_credential_file_is_kept_0600(tmp_path, centre_config):
    """docs/pcm-sync.md promises 0600; before, a world-readable file was used as it was."""
    from macturnos.server.sync.service import SyncSettings

    cred = tmp_path / "pcm-credential.txt"
    cred.write_text("secreto\n", encoding="utf-8")
    cred.chmod(0o644)
    pcm = {"endpoint": "https://pcm.example", "credentials_file": str(cred)}
    config = centre_config.model_copy(
        update={"pcm": type(centre_config).model_fields["pcm"].annotation.__args__[0](**pcm)}
    )
    settings = SyncSettings.from_config(config)
    assert settings.token == "secreto"
    assert cred.stat().st_mode & 0o777 == 0o600
