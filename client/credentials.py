"""A paired device's token kept on disk, readable by its owner only (mode 0600)."""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger("macturnos.client.credentials")

FILE_MODE = 0o600
DIR_MODE = 0o700


def default_data_dir() -> Path:
    """Where a device keeps its token: MACTURNOS_CLIENT_DIR, else the XDG data folder."""
    configured = os.environ.get("MACTURNOS_CLIENT_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "macturnos"


@dataclass(frozen=True)
class DeviceCredentials:
    """What a kiosk or call screen received when it was paired."""

    token: str = field(repr=False)
    role: str
    device_code: str | None = None
    centre: str | None = None
    server_url: str | None = None
    """Where the server was: one URL, or both machines' separated by commas (pair mode)."""


class CredentialStore:
    """Loads, saves and forgets one device's credentials in `<data_dir>/<name>.json`."""

    def __init__(self, data_dir: Path | str | None = None, name: str = "device") -> None:
        if not name or "/" in name or name.startswith("."):
            raise ValueError("the credential name must be a plain file name")
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path = self.data_dir / f"{name}.json"

    def load(self) -> DeviceCredentials | None:
        """The saved credentials, or None when there are none or the file is unusable."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        if stat.S_IMODE(st.st_mode) & 0o077:
            # Someone loosened the mode: tighten it rather than keep a readable token.
            log.warning("credential file %s was readable by others; mode reset to 0600", self.path)
            os.chmod(self.path, FILE_MODE)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            creds = DeviceCredentials(
                token=str(data["token"]),
                role=str(data["role"]),
                device_code=data.get("device_code"),
                centre=data.get("centre"),
                server_url=data.get("server_url"),
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.warning("credential file %s is unreadable (%s); pairing needed", self.path, err)
            return None
        if not creds.token:
            return None
        return creds

    def save(self, creds: DeviceCredentials) -> None:
        """Write the credentials atomically with mode 0600 (the folder 0700)."""
        self.data_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        # Created with 0600 from the start: the token is never readable, even briefly.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(creds), fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, FILE_MODE)  # O_CREAT's mode is filtered by umask; be explicit
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        log.info("device credentials saved in %s", self.path)

    def forget(self) -> None:
        """Delete the saved credentials (the device must be paired again)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        log.info("device credentials removed from %s", self.path)
