"""The receiver's DNIs at rest: sealed under a key kept outside the database.

The receiver must hand each centre the DNIs of its appointments (the centre
hashes them at once under its own key), so it cannot keep only a hash as the
centre does. It keeps them sealed instead: a copy of its database alone reveals
no DNI, as a copy of the centre's does not (issue 16, item 12). The key is a file
of its own, mode 0600, outside the database (`--dni-key-file`, by default beside
the SQLite file), so it can be kept off backups of the database.

The seal is encrypt-then-MAC built from HMAC-SHA256 alone (the standard library
has no block cipher): HMAC(k_enc, nonce) is a pseudo-random pad at least as long
as a DNI, XORed with it; HMAC(k_mac, nonce || ciphertext) authenticates it. A
fresh random nonce per seal means two equal DNIs never look alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger("macturnos.pcm")

KEY_FILE = "pcm-dni.key"
"""The sealing key's default file name, beside the receiver's SQLite database."""
PREFIX = "s1:"
_NONCE = 16
_TAG = 16
_PAD = hashlib.sha256().digest_size
SEALED_LENGTH = len(PREFIX) + len(base64.urlsafe_b64encode(bytes(_NONCE + 8 + _TAG)))
"""Characters of a sealed 8-digit DNI (the column's width)."""


class SealError(ValueError):
    """A sealed value that was altered, or sealed under another key."""


def load_key(path: Path) -> bytes:
    """The sealing key, created on first use with mode 0600 (tightened if looser)."""
    if path.exists():
        if path.stat().st_mode & 0o077:
            log.warning("%s was readable by others: mode set to 0600", path)
            path.chmod(0o600)
        return bytes.fromhex(path.read_text(encoding="utf-8").strip())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(key.hex())
    return key


class DniSeal:
    """Seals and opens DNIs under one key."""

    def __init__(self, key: bytes) -> None:
        self._enc = hmac.new(key, b"macturnos/pcm/dni/encrypt", hashlib.sha256).digest()
        self._mac = hmac.new(key, b"macturnos/pcm/dni/mac", hashlib.sha256).digest()

    def seal(self, dni: str) -> str:
        """`dni` sealed: unreadable without the key, different at every call."""
        plain = dni.encode()
        if len(plain) > _PAD:
            raise ValueError("too long to seal")
        nonce = secrets.token_bytes(_NONCE)
        pad = hmac.new(self._enc, nonce, hashlib.sha256).digest()
        cipher = bytes(a ^ b for a, b in zip(plain, pad, strict=False))
        tag = hmac.new(self._mac, nonce + cipher, hashlib.sha256).digest()[:_TAG]
        return PREFIX + base64.urlsafe_b64encode(nonce + cipher + tag).decode()

    def open(self, sealed: str) -> str:
        """The DNI inside `sealed`; SealError when it was altered or sealed under another key."""
        if not sealed.startswith(PREFIX):
            raise SealError("not a sealed value")
        raw = base64.urlsafe_b64decode(sealed[len(PREFIX) :])
        nonce, cipher, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
        expected = hmac.new(self._mac, nonce + cipher, hashlib.sha256).digest()[:_TAG]
        if len(raw) <= _NONCE + _TAG or not hmac.compare_digest(tag, expected):
            raise SealError("altered, or sealed under another key")
        pad = hmac.new(self._enc, nonce, hashlib.sha256).digest()
        return bytes(a ^ b for a, b in zip(cipher, pad, strict=False)).decode()
