"""Staff accounts and devices as the API and the command line change them.

Each function is one write transaction that makes the change and appends its
event, so the log tells every account and device change whoever made it (a
supervisor over HTTP, the ICT specialist at the console). The primitives
(hashes, tokens) are in `server.auth`. Events never hold a password, a token,
a pairing code or a DNI: only names, roles and codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.server import auth
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Device, User
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event
from macturnos.server.modules import live_sessions, release_sessions_of

CONSOLE = Actor(role=None, label="system:cli", name="Consola")
"""The ICT specialist at the server's command line (`macturnos user ...`)."""


def _event(
    s: Session, ctx: ServerContext, kind: str, actor_label: str, data: dict[str, Any]
) -> None:
    now = ctx.clock.now()
    append_event(
        s, kind=kind, actor=actor_label, at=now, day=ctx.runtime.setup.day_of(now), data=data
    )


def user_json(user: User) -> dict[str, Any]:
    """What clients see of an account (never its password hash)."""
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "entity": user.entity_code,
    }


def create_user(
    ctx: ServerContext,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    entity_code: str | None = None,
) -> dict[str, Any]:
    """Add a staff account; refuses a username already taken."""
    with ctx.db.write() as s:
        user = auth.create_user(
            s,
            username=username,
            full_name=full_name,
            role=role,
            password=password,
            now=ctx.clock.now(),
            entity_code=entity_code,
        )
        _event(
            s,
            ctx,
            "user.created",
            actor.label,
            {"username": user.username, "role": user.role, "entity": user.entity_code},
        )
        return {**user_json(user), "role": user.role}


def set_password(ctx: ServerContext, actor: Actor, username: str, password: str) -> None:
    """Replace a staff member's password and lift any lockout."""
    with ctx.db.write() as s:
        user = auth.set_password(s, username, password)
        _event(s, ctx, "user.password_set", actor.label, {"username": user.username})


@dataclass(frozen=True)
class LoginResult:
    """A successful log-in: the account and its new bearer token."""

    user: User
    token: str
    expires_at: datetime

    def json(self) -> dict[str, Any]:
        """The answer of POST /auth/login."""
        return {
            "token": self.token,
            "expires_at": self.expires_at.isoformat(),
            "role": self.user.role,
            "user": user_json(self.user),
        }


def login(ctx: ServerContext, username: str, password: str, address: str = "local") -> LoginResult:
    """Check a password and open a session, or refuse (the attempt is always logged)."""
    ctx.throttle.check(address, ctx.wall_now())
    with ctx.db.read() as s:
        # The slow hash check runs outside the write lock: logins never hold up attention.
        password_ok = auth.password_matches(s, username, password)
    refusal: ApiError | None = None
    with ctx.db.write() as s:
        try:
            user, token, expires = auth.login(
                s, username, password, password_ok, ctx.wall_now(), ctx.throttle
            )
        except ApiError as err:
            ctx.throttle.failed(address, ctx.wall_now())
            # The failed attempt must be committed (lockout), so no re-raise here.
            refusal = err
            # What was typed is kept only if it names an account: a password typed in the
            # username field must never reach the log, the clients or the PCM.
            known = s.scalar(select(User.id).where(User.username == username)) is not None
            who = f"user:{username}" if known else "user:?"
            _event(s, ctx, "auth.failed", who, {"code": err.code})
        else:
            _event(s, ctx, "auth.login", f"user:{user.username}", {"role": user.role})
    if refusal is not None:
        raise refusal
    return LoginResult(user, token, expires)


def _gone(s: Session, ctx: ServerContext, actor: Actor, user_id: int, why: str) -> None:
    """A staff member whose last session just ended leaves no module holding a citizen."""
    s.flush()
    if live_sessions(s, user_id, ctx.wall_now()) == 0:
        release_sessions_of(s, ctx, actor, user_id, why)


def logout(ctx: ServerContext, actor: Actor, token: str) -> None:
    """End this token's session (and, if it was the last, the person's module session)."""
    with ctx.db.write() as s:
        auth.revoke(s, token)
        _event(s, ctx, "auth.logout", actor.label, {})
        if actor.user_id is not None:
            _gone(s, ctx, actor, actor.user_id, "logout")
    ctx.tokens.forget(token)  # after the commit: no request can cache it again


def end_sessions(ctx: ServerContext, actor: Actor, username: str) -> None:
    """A supervisor ends every session of a staff member."""
    with ctx.db.write() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise ApiError("UNKNOWN_USER", usuario=username)
        auth.revoke_user_tokens(s, user.id)
        user_id = user.id
        _event(s, ctx, "auth.session_ended", actor.label, {"username": username})
        _gone(s, ctx, actor, user_id, "session_ended")
    ctx.tokens.forget_user(user_id)  # after the commit: no request can cache it again


def register_device(
    ctx: ServerContext, actor: Actor, *, kind: Role, code: str, name: str
) -> dict[str, Any]:
    """Register a kiosk or call screen (or re-pair one); answers its one-time pairing code."""
    with ctx.db.write() as s:
        device, pairing_code = auth.create_device(
            s, kind=kind, code=code, name=name, now=ctx.wall_now()
        )
        _event(
            s, ctx, "device.registered", actor.label, {"device": device.code, "kind": device.kind}
        )
        device_id = device.id
        result = {
            "code": device.code,
            "kind": device.kind,
            "pairing_code": pairing_code,
            "expires_at": device.pairing_expires_at.isoformat()
            if device.pairing_expires_at
            else None,
        }
    # Re-registering un-pairs it (see `auth.create_device`): after the commit, forget its
    # cached tokens, so that no request can cache them again.
    ctx.tokens.forget_device(device_id)
    return result


def pair_device(ctx: ServerContext, pairing_code: str, address: str = "local") -> dict[str, Any]:
    """A device exchanges its pairing code for its long-lived token."""
    ctx.throttle.check(address, ctx.wall_now())
    try:
        return _pair(ctx, pairing_code)
    except ApiError:
        ctx.throttle.failed(address, ctx.wall_now())
        raise


def _pair(ctx: ServerContext, pairing_code: str) -> dict[str, Any]:
    with ctx.db.write() as s:
        device, token = auth.pair_device(s, pairing_code, ctx.wall_now())
        _event(s, ctx, "device.paired", f"{device.kind}:{device.code}", {"device": device.code})
        return {
            "token": token,
            "role": device.kind,
            "device": {"code": device.code, "kind": device.kind, "name": device.name},
        }


def report_health(ctx: ServerContext, actor: Actor, report: dict[str, Any]) -> None:
    """A device's health report; a change of state is logged (and so pushed to clients)."""
    if actor.device_id is None:
        raise ApiError("FORBIDDEN_ROLE", rol=actor.role.value if actor.role else "sistema")
    with ctx.db.write() as s:
        device = s.get(Device, actor.device_id)
        if device is None:
            raise ApiError("NOT_AUTHENTICATED")
        before = device.health or {}
        changed = before.get("status") != report.get("status") or before.get(
            "detail"
        ) != report.get("detail")
        device.health = report
        device.last_seen_at = ctx.clock.now()
        if changed:
            _event(
                s,
                ctx,
                "device.health",
                actor.label,
                {"device": device.code, "kind": device.kind, **report},
            )


def revoke_device(ctx: ServerContext, actor: Actor, code: str) -> dict[str, Any]:
    """Un-pair a kiosk or call screen: its token is refused at once, its stream closes."""
    with ctx.db.write() as s:
        device = auth.revoke_device(s, code)
        device_id = device.id
        _event(s, ctx, "device.revoked", actor.label, {"device": device.code, "kind": device.kind})
        result = {"code": device.code, "kind": device.kind, "active": False}
    ctx.tokens.forget_device(device_id)  # after the commit: no request can cache it again
    return result


def list_devices(ctx: ServerContext) -> list[dict[str, Any]]:
    """Every registered device, paired or revoked (for `macturnos device list`)."""
    with ctx.db.read() as s:
        return [
            {
                "code": d.code,
                "kind": d.kind,
                "name": d.name,
                "active": d.active,
                "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
            }
            for d in s.scalars(select(Device).order_by(Device.code))
        ]


def list_users(ctx: ServerContext) -> list[dict[str, Any]]:
    """Every staff account (for `macturnos user list`)."""
    with ctx.db.read() as s:
        return [
            {**user_json(u), "role": u.role, "active": u.active}
            for u in s.scalars(select(User).order_by(User.username))
        ]


def set_user_active(ctx: ServerContext, actor: Actor, username: str, active: bool) -> None:
    """Disable a staff account (its sessions end at once) or enable it again."""
    with ctx.db.write() as s:
        user = auth.set_user_active(s, username, active)
        user_id = user.id
        kind = "user.enabled" if active else "user.disabled"
        _event(s, ctx, kind, actor.label, {"username": user.username})
        if not active:
            _gone(s, ctx, actor, user_id, "user_disabled")
    ctx.tokens.forget_user(user_id)


def set_user_role(ctx: ServerContext, actor: Actor, username: str, role: Role) -> None:
    """Give a staff member another role; their sessions end (the next log-in has the new one)."""
    with ctx.db.write() as s:
        user = auth.set_user_role(s, username, role)
        user_id = user.id
        _event(s, ctx, "user.role_changed", actor.label, {"username": user.username, "role": role})
        _gone(s, ctx, actor, user_id, "role_changed")
    ctx.tokens.forget_user(user_id)
