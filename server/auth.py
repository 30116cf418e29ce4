"""Staff accounts, paired devices and bearer tokens.

Passwords are argon2 hashes; tokens and pairing codes are random and only
their SHA-256 is stored, so a copied database gives no working credential.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server.db.models import AuthToken, Device, User
from macturnos.server.errors import ApiError

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
STAFF_TOKEN_TTL = timedelta(hours=14)  # one working day, opening to closing
DEVICE_TOKEN_TTL = timedelta(
    days=400
)  # a year of service; `macturnos device revoke` ends it sooner
PAIRING_CODE_TTL = timedelta(minutes=15)

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-password")


class Role(StrEnum):
    """What a token may do."""

    ADVISOR = "advisor"
    ORIENTATOR = "orientator"
    SUPERVISOR = "supervisor"
    COORDINATOR = "coordinator"
    ICT = "ict"
    KIOSK = "kiosk"
    DISPLAY = "display"
    LED = "led"
    """The agent that drives LED module displays (`macturnos led`)."""
    SURVEY = "survey"
    """A tablet at a module where citizens rate the attention just finished there."""


STAFF_ROLES = frozenset(
    {Role.ADVISOR, Role.ORIENTATOR, Role.SUPERVISOR, Role.COORDINATOR, Role.ICT}
)
DEVICE_KINDS = frozenset({Role.KIOSK, Role.DISPLAY, Role.LED, Role.SURVEY})


@dataclass(frozen=True)
class Actor:
    """Who is acting: a staff member, a paired device or the server itself."""

    role: Role | None
    label: str
    user_id: int | None = None
    device_id: int | None = None
    name: str = ""
    entity: str | None = None

    @property
    def is_staff(self) -> bool:
        """True for a logged-in person."""
        return self.user_id is not None


SYSTEM = Actor(role=None, label="system", name="Sistema")


def hash_secret(value: str) -> str:
    """SHA-256 of a token or pairing code."""
    return hashlib.sha256(value.encode()).hexdigest()


def hash_password(password: str) -> str:
    """An argon2 hash of a password."""
    return _hasher.hash(password)


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    now: datetime,
    entity_code: str | None = None,
) -> User:
    """Add a staff account; refuses a username already taken."""
    if role not in STAFF_ROLES:
        raise ApiError("INVALID_REQUEST", campo="role")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ApiError("DUPLICATE_USER", usuario=username)
    user = User(
        username=username,
        full_name=full_name,
        role=role.value,
        entity_code=entity_code,
        password_hash=hash_password(password),
        failed_logins=0,
        active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def _issue_token(
    session: Session,
    *,
    role: str,
    now: datetime,
    ttl: timedelta,
    user: User | None = None,
    device: Device | None = None,
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = now + ttl
    session.add(
        AuthToken(
            token_hash=hash_secret(token),
            role=role,
            user_id=user.id if user else None,
            device_id=device.id if device else None,
            created_at=now,
            expires_at=expires,
            revoked=False,
        )
    )
    return token, expires


def password_matches(session: Session, username: str, password: str) -> bool:
    """Whether `password` is the user's (argon2 takes ~0.1 s: call it outside the write lock).

    An unknown account costs the same time as a known one, so timing does not
    reveal which accounts exist.
    """
    stored = session.scalar(select(User.password_hash).where(User.username == username))
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def login(
    session: Session,
    username: str,
    password: str,
    password_ok: bool,
    now: datetime,
    throttle: Throttle | None = None,
) -> tuple[User, str, datetime]:
    """Record a log-in attempt whose password was checked; returns the user and a new token.

    Refusals are committed by the caller too (the failure count must persist),
    so this raises only after updating the account. An unknown or disabled name
    gets the answers a real account would (`Throttle.ghost_attempt`).
    """
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        if throttle is not None:
            raise throttle.ghost_attempt(username, now)
        raise ApiError("INVALID_CREDENTIALS")
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise ApiError("ACCOUNT_LOCKED", minutos=minutes)
    if not password_ok:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        raise ApiError("INVALID_CREDENTIALS")
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token, expires = _issue_token(session, role=user.role, now=now, ttl=STAFF_TOKEN_TTL, user=user)
    return user, token, expires


def set_password(session: Session, username: str, password: str) -> User:
    """Replace a user's password and lift any lockout."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ApiError("INVALID_CREDENTIALS")
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    return user


def create_device(
    session: Session, *, kind: Role, code: str, name: str, now: datetime
) -> tuple[Device, str]:
    """Register a kiosk or display (or re-pair an existing one); returns its pairing code."""
    if kind not in DEVICE_KINDS:
        raise ApiError("INVALID_REQUEST", campo="kind")
    pairing_code = f"{secrets.randbelow(10**8):08d}"
    device = session.scalar(select(Device).where(Device.code == code))
    if device is None:
        device = Device(code=code, kind=kind.value, name=name, active=True, created_at=now)
        session.add(device)
    else:
        # Re-registering un-pairs it: the old token (maybe on a stolen box) stops working.
        revoke_device_tokens(session, device.id)
    device.kind = kind.value
    device.name = name
    device.active = True
    device.pairing_code_hash = hash_secret(pairing_code)
    device.pairing_expires_at = now + PAIRING_CODE_TTL
    session.flush()
    return device, pairing_code


def pair_device(session: Session, pairing_code: str, now: datetime) -> tuple[Device, str]:
    """Exchange a one-time pairing code for the device's long-lived token."""
    device = session.scalar(
        select(Device).where(Device.pairing_code_hash == hash_secret(pairing_code.strip()))
    )
    if (
        device is None
        or device.pairing_expires_at is None
        or device.pairing_expires_at < now
        or not device.active
    ):
        raise ApiError("INVALID_PAIRING_CODE")
    device.pairing_code_hash = None
    device.pairing_expires_at = None
    token, _ = _issue_token(session, role=device.kind, now=now, ttl=DEVICE_TOKEN_TTL, device=device)
    return device, token


def device_token(session: Session, device: Device, now: datetime) -> str:
    """A token for a device registered locally (demo and `macturnos device add`)."""
    token, _ = _issue_token(session, role=device.kind, now=now, ttl=DEVICE_TOKEN_TTL, device=device)
    return token


def authenticate(session: Session, token: str, now: datetime) -> Actor:
    """The actor behind a bearer token, or NOT_AUTHENTICATED."""
    row = session.get(AuthToken, hash_secret(token))
    if row is None or row.revoked or row.expires_at <= now:
        raise ApiError("NOT_AUTHENTICATED")
    if row.user_id is not None:
        user = session.get(User, row.user_id)
        if user is None or not user.active:
            raise ApiError("NOT_AUTHENTICATED")
        return Actor(
            role=Role(row.role),
            label=f"user:{user.username}",
            user_id=user.id,
            name=user.full_name,
            entity=user.entity_code,
        )
    device = session.get(Device, row.device_id)
    if device is None or not device.active:
        raise ApiError("NOT_AUTHENTICATED")
    return Actor(
        role=Role(row.role),
        label=f"{device.kind}:{device.code}",
        device_id=device.id,
        name=device.name,
    )


def revoke(session: Session, token: str) -> None:
    """Log out: the token stops working at once."""
    row = session.get(AuthToken, hash_secret(token))
    if row is not None:
        row.revoked = True


def revoke_user_tokens(session: Session, user_id: int) -> None:
    """End every session of a user (supervisor action)."""
    for row in session.scalars(select(AuthToken).where(AuthToken.user_id == user_id)):
        row.revoked = True


def revoke_device_tokens(session: Session, device_id: int) -> None:
    """Un-pair a device: every token it holds stops working."""
    for row in session.scalars(select(AuthToken).where(AuthToken.device_id == device_id)):
        row.revoked = True


def revoke_device(session: Session, code: str) -> Device:
    """Take a device out of service until it is registered and paired again."""
    device = session.scalar(select(Device).where(Device.code == code))
    if device is None:
        raise ApiError("UNKNOWN_DEVICE", dispositivo=code)
    device.active = False
    device.pairing_code_hash = None
    device.pairing_expires_at = None
    revoke_device_tokens(session, device.id)
    return device


def set_user_active(session: Session, username: str, active: bool) -> User:
    """Disable (ending every session) or enable a staff account."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ApiError("UNKNOWN_USER", usuario=username)
    user.active = active
    if not active:
        revoke_user_tokens(session, user.id)
    return user


def set_user_role(session: Session, username: str, role: Role) -> User:
    """Change a staff member's role; their open sessions end (a token carries its role)."""
    if role not in STAFF_ROLES:
        raise ApiError("INVALID_REQUEST", campo="role")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise ApiError("UNKNOWN_USER", usuario=username)
    user.role = role.value
    revoke_user_tokens(session, user.id)
    return user


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse an actor whose role is not among `roles`."""
    if actor.role not in roles:
        raise ApiError("FORBIDDEN_ROLE", rol=actor.role.value if actor.role else "sistema")


class Throttle:
    """Failed log-ins and pairings: per address, and per unknown username.

    Per address: at most `limit` failures in `window` (then 429 TOO_MANY_ATTEMPTS),
    so pairing codes and passwords cannot be tried by the thousand. Per unknown
    username: the same lockout a real account gets, so that the answers (401, then
    423) do not tell which accounts exist. Kept in memory: a restart forgets it, and
    the accounts' own lockout stays in the database.
    """

    def __init__(self, limit: int = 10, window: timedelta = timedelta(minutes=1)) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, list[datetime]] = {}
        self._ghosts: dict[str, tuple[int, datetime | None]] = {}
        self._lock = threading.Lock()

    def check(self, address: str, now: datetime) -> None:
        """Refuse an address that failed too often lately."""
        with self._lock:
            recent = [t for t in self._failures.get(address, []) if t > now - self.window]
            self._failures[address] = recent
            if len(recent) >= self.limit:
                wait = int((recent[0] + self.window - now).total_seconds()) + 1
                raise ApiError("TOO_MANY_ATTEMPTS", segundos=max(1, wait))

    def failed(self, address: str, now: datetime) -> None:
        """Count a failure of an address."""
        with self._lock:
            if len(self._failures) > 10_000:  # never grows without bound
                self._failures.clear()
            self._failures.setdefault(address, []).append(now)

    def ghost_attempt(self, username: str, now: datetime) -> ApiError:
        """The refusal of an unknown name, counted as a real account's would be."""
        with self._lock:
            if len(self._ghosts) > 10_000:
                self._ghosts.clear()
            count, locked_until = self._ghosts.get(username, (0, None))
            if locked_until is not None and locked_until > now:
                minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
                return ApiError("ACCOUNT_LOCKED", minutos=minutes)
            count += 1
            if count >= MAX_FAILED_LOGINS:
                self._ghosts[username] = (0, now + LOCKOUT)
            else:
                self._ghosts[username] = (count, None)
            return ApiError("INVALID_CREDENTIALS")


class TokenCache:
    """Recently checked tokens, so that each request does not re-read them.

    A token ended on this server (logout, a supervisor ending a session) is
    forgotten at once; one ended on the other server of a pair stops working
    here after at most `ttl_s` seconds.
    """

    def __init__(self, ttl_s: float = 5.0) -> None:
        self.ttl_s = ttl_s
        self._entries: dict[str, tuple[Actor, float]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> Actor | None:
        """The cached actor of a token, if still fresh."""
        key = hash_secret(token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[1] < time.monotonic():
                self._entries.pop(key, None)
                return None
            return entry[0]

    def put(self, token: str, actor: Actor) -> None:
        """Remember a token just checked."""
        with self._lock:
            if len(self._entries) > 10_000:  # never grows without bound
                self._entries.clear()
            self._entries[hash_secret(token)] = (actor, time.monotonic() + self.ttl_s)

    def forget(self, token: str) -> None:
        """A token was revoked."""
        with self._lock:
            self._entries.pop(hash_secret(token), None)

    def forget_device(self, device_id: int) -> None:
        """Every token of a device was revoked."""
        with self._lock:
            for key in [k for k, (a, _) in self._entries.items() if a.device_id == device_id]:
                del self._entries[key]

    def forget_user(self, user_id: int) -> None:
        """Every token of a user was revoked."""
        with self._lock:
            for key in [k for k, (a, _) in self._entries.items() if a.user_id == user_id]:
                del self._entries[key]
