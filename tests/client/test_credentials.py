"""The device token on disk: owner-only, atomic, and forgiving of a damaged file."""

from __future__ import annotations

import os
import stat

import pytest

from macturnos.client.credentials import CredentialStore, DeviceCredentials, default_data_dir

CREDS = DeviceCredentials(
    token="s3cr3t-token",
    role="kiosk",
    device_code="K1",
    centre="TEST-MAC",
    server_url="http://10.0.0.5:8470",
)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_save_load_forget(tmp_path):
    store = CredentialStore(tmp_path / "data")
    assert store.load() is None
    store.save(CREDS)
    assert store.load() == CREDS
    assert mode(store.path) == 0o600
    assert mode(store.data_dir) == 0o700
    assert [p.name for p in store.data_dir.iterdir()] == ["device.json"]  # no temporary left
    store.forget()
    assert store.load() is None
    store.forget()  # forgetting twice is fine


def test_the_token_never_shows_in_a_repr():
    assert "s3cr3t" not in repr(CREDS)


def test_a_loosened_file_is_tightened_again(tmp_path):
    store = CredentialStore(tmp_path)
    store.save(CREDS)
    os.chmod(store.path, 0o644)
    assert store.load() == CREDS
    assert mode(store.path) == 0o600


def test_a_damaged_file_means_pairing_again(tmp_path):
    store = CredentialStore(tmp_path, name="display")
    store.path.write_text("{not json")
    assert store.load() is None
    store.path.write_text('{"role": "kiosk"}')
    assert store.load() is None


def test_default_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MACTURNOS_CLIENT_DIR", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"
    monkeypatch.delenv("MACTURNOS_CLIENT_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "macturnos"


def test_names_must_be_plain_files(tmp_path):
    with pytest.raises(ValueError):
        CredentialStore(tmp_path, name="../escape")
