"""The one permission table: who may call each route and who hears each event.

Every route's dependency (`server.api.deps.permitted`) looks its caller up
here, docs/api.md's role table is tested against it
(tests/server/test_permissions.py), and the WebSocket stream filters events
with `may_hear`. Actors are the staff roles, the two device kinds and
`anonymous` (no token: only the public routes).
"""

from __future__ import annotations

from typing import Any

from macturnos.server.auth import Role

ANONYMOUS = "anonymous"

ADV, ORI, SUP, COO, ICT = "advisor", "orientator", "supervisor", "coordinator", "ict"
KIOSK, DISPLAY, LED, SURVEY = "kiosk", "display", "led", "survey"

STAFF = frozenset({ADV, ORI, SUP, COO, ICT})
DEVICES = frozenset({KIOSK, DISPLAY, LED, SURVEY})
EVERYONE_SIGNED_IN = STAFF | DEVICES
PUBLIC = frozenset({ANONYMOUS}) | EVERYONE_SIGNED_IN
MANAGERS = frozenset({SUP, COO})
ADMINS = frozenset({SUP, COO, ICT})
# Reception: the orientator's desk, which supervisors and coordinators also staff.
RECEPTION = frozenset({ORI, SUP, COO})
ADVISOR = frozenset({ADV})

ACTORS: tuple[str, ...] = (ADV, ORI, SUP, COO, ICT, KIOSK, DISPLAY, LED, SURVEY, ANONYMOUS)

_MODULE_ACTIONS = (
    "call-next",
    "call",
    "recall",
    "start",
    "finish",
    "no-show",
    "return",
    "transfer",
    "pause",
    "resume",
)

_REPORTS = ("tickets", "hourly", "appointments", "advisors", "modules")

ROUTES: dict[tuple[str, str], frozenset[str]] = {
    # centre
    ("GET", "/api/v1/health"): PUBLIC,
    ("GET", "/api/v1/pair"): PUBLIC,
    ("GET", "/api/v1/config"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/snapshot"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/queues"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/events"): ADMINS,
    ("POST", "/api/v1/config/reload"): ADMINS,
    # authentication, accounts and devices
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/auth/me"): EVERYONE_SIGNED_IN,
    ("POST", "/api/v1/users/{username}/end-session"): MANAGERS,
    ("POST", "/api/v1/devices"): ADMINS,
    ("POST", "/api/v1/devices/pair"): PUBLIC,
    ("GET", "/api/v1/devices"): ADMINS,
    ("POST", "/api/v1/devices/{code}/revoke"): ADMINS,
    ("POST", "/api/v1/devices/me/health"): DEVICES,
    # LED module displays: their agent reports them, the monitor reads them.
    ("POST", "/api/v1/devices/me/leds"): frozenset({LED}),
    ("GET", "/api/v1/leds"): ADMINS,
    # tickets
    ("POST", "/api/v1/tickets"): RECEPTION | {KIOSK},
    ("GET", "/api/v1/tickets/lookup"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/tickets/{ticket_id}"): EVERYONE_SIGNED_IN,
    # A kiosk only for its own misprint (checked in `ticketing.cancel`).
    ("POST", "/api/v1/tickets/{ticket_id}/cancel"): RECEPTION | {KIOSK},
    ("POST", "/api/v1/tickets/{ticket_id}/reactivate"): MANAGERS,
    ("POST", "/api/v1/tickets/{ticket_id}/transfer"): RECEPTION,
    ("POST", "/api/v1/tickets/verify"): EVERYONE_SIGNED_IN,
    ("POST", "/api/v1/appointments/check-in"): RECEPTION | {KIOSK},
    # modules
    ("GET", "/api/v1/modules"): EVERYONE_SIGNED_IN,
    ("POST", "/api/v1/modules/{number}/session"): ADVISOR,
    ("DELETE", "/api/v1/modules/{number}/session"): ADVISOR,
    ("POST", "/api/v1/modules/{number}/close"): MANAGERS,
    ("POST", "/api/v1/modules/{number}/free"): MANAGERS,
    ("POST", "/api/v1/modules/{number}/assign"): MANAGERS,
    **{("POST", f"/api/v1/modules/{{number}}/{a}"): ADVISOR for a in _MODULE_ACTIONS},
    # issuing suspended for an entity or a service (kiosks read it in GET /queues)
    ("GET", "/api/v1/suspensions"): STAFF,
    ("POST", "/api/v1/suspensions"): MANAGERS,
    ("POST", "/api/v1/suspensions/{scope}/{code}/resume"): MANAGERS,
    # the service day
    ("GET", "/api/v1/day/checklist"): ADMINS,
    ("POST", "/api/v1/day/checklist"): MANAGERS,
    ("GET", "/api/v1/day/status"): EVERYONE_SIGNED_IN,
    ("GET", "/api/v1/day/closing"): MANAGERS,
    ("POST", "/api/v1/day/closing/close-remaining"): MANAGERS,
    ("POST", "/api/v1/day/seal"): MANAGERS,
    ("GET", "/api/v1/day/summary"): ADMINS,
    # reports: the centre for managers, an advisor's own figures (`routes_reports`)
    **{("GET", f"/api/v1/reports/{r}"): MANAGERS | ADVISOR for r in _REPORTS},
    # the satisfaction survey (the phone rates on the citizen's listener, server.public)
    ("GET", "/api/v1/survey/pending"): frozenset({SURVEY}),
    ("POST", "/api/v1/survey/ratings"): frozenset({SURVEY}),
    ("GET", "/api/v1/ratings"): MANAGERS | ADVISOR,
    # the complaints and compliments book (identity and text: the coordinator only)
    ("POST", "/api/v1/complaints"): RECEPTION,
    ("GET", "/api/v1/complaints"): MANAGERS,
    ("GET", "/api/v1/complaints/{number}"): MANAGERS,
    ("POST", "/api/v1/complaints/{number}/progress"): frozenset({COO}),
    # the PCM
    ("GET", "/api/v1/sync/status"): ADMINS,
    ("POST", "/api/v1/sync/now"): ADMINS,
    ("GET", "/api/v1/sync/catalogue/offer"): ADMINS,
    ("POST", "/api/v1/sync/catalogue/offer/accept"): ADMINS,
    ("POST", "/api/v1/sync/catalogue/offer/reject"): ADMINS,
    # the event stream (what each one hears: EVENTS below)
    ("WS", "/api/v1/events"): EVERYONE_SIGNED_IN,
}

# Who hears each kind of event on the WebSocket; a kind is looked up whole,
# then by its prefix ("ticket."). Anything unlisted is heard by ADMINS only.
EVENTS: dict[str, frozenset[str]] = {
    # The waiting room: queues, calls and modules (kiosk counts, display calls).
    "ticket.": EVERYONE_SIGNED_IN,
    "module.": EVERYONE_SIGNED_IN,
    "day.opened": EVERYONE_SIGNED_IN,
    "day.sealed": EVERYONE_SIGNED_IN,
    "config.reloaded": EVERYONE_SIGNED_IN,
    # A suspended entity or service: the kiosk greys its tile with the reason.
    "issuing.": EVERYONE_SIGNED_IN,
    # The day's running, for the staff's screens.
    "day.": STAFF,
    "catalogue.": ADMINS,
    "appointments.": STAFF,
    "pair.": ADMINS,
    "device.health": ADMINS,
    # Citizens' ratings: supervisors and the coordinator (advisors read their own
    # with GET /ratings; the comment is never in the event).
    "survey.": MANAGERS,
    # The book: numbers, kinds, entities and deadlines, never who or what was said.
    "complaint.": MANAGERS,
    # Accounts and devices: the audit trail.
    "auth.": ADMINS,
    "user.": ADMINS,
    "device.": ADMINS,
}

# Fields a device never receives, at any depth of an event's data or of the
# snapshot (staff-only detail: staff notes on a ticket, who is at a module).
DEVICE_HIDDEN_FIELDS = frozenset(
    {"note", "username", "advisor", "advisor_username", "suspended_by"}
)

# Parts of the snapshot (`server.snapshot`) only some actors receive; the
# others get `None` in their place, like a hidden event keeps its place.
SNAPSHOT_PARTS: dict[str, frozenset[str]] = {
    # As GET /day/status: a kiosk says why the centre does not open (notes trimmed).
    "day_status": EVERYONE_SIGNED_IN,
    "sync": ADMINS,
    # The staff's list (GET /suspensions); a kiosk greys tiles from GET /queues.
    "suspensions": STAFF,
}


def actor_name(role: Role | str | None) -> str:
    """The table's name of an actor (a role, or anonymous)."""
    if role is None:
        return ANONYMOUS
    return role.value if isinstance(role, Role) else str(role)


def may_call(method: str, path: str, role: Role | str | None) -> bool:
    """Whether `role` may call the route (unknown routes: nobody)."""
    return actor_name(role) in ROUTES.get((method.upper(), path), frozenset())


def audience(kind: str) -> frozenset[str]:
    """Who hears an event kind."""
    if kind in EVENTS:
        return EVENTS[kind]
    prefix = kind.split(".", 1)[0] + "."
    return EVENTS.get(prefix, ADMINS)


def may_hear(kind: str, role: Role | str | None) -> bool:
    """Whether `role` receives events of `kind` on the stream."""
    return actor_name(role) in audience(kind)


def filter_event(event: dict[str, Any], role: Role | str | None) -> dict[str, Any]:
    """The event as `role` receives it: whole, trimmed for a device, or a bare placeholder.

    A hidden event still takes its sequence number (kind "hidden", no data):
    clients detect gaps by sequence and would otherwise reconnect for ever.
    """
    who = actor_name(role)
    if who not in audience(str(event.get("kind", ""))):
        return {
            "type": "event",
            "seq": event["seq"],
            "at": event.get("at"),
            "day": event.get("day"),
            "kind": "hidden",
            "actor": "",
            "ticket_id": None,
            "module": None,
            "data": {},
        }
    if who in STAFF:
        return event
    data = _without_staff_detail(event.get("data") or {})
    # A device needs no staff usernames: only whether a person, a device or the server acted.
    actor = str(event.get("actor") or "").split(":", 1)[0]
    return {**event, "actor": actor, "data": data}


def filter_snapshot(snap: dict[str, Any], role: Role | str | None) -> dict[str, Any]:
    """The snapshot as `role` receives it: the same parts the event stream gives it.

    Staff-only parts are `None` for the others, and a device gets no staff detail
    (notes, advisors' names) in the tickets and modules, as in its events.
    """
    who = actor_name(role)
    shown = {
        key: (value if key not in SNAPSHOT_PARTS or who in SNAPSHOT_PARTS[key] else None)
        for key, value in snap.items()
    }
    return detail_for(shown, role)


def detail_for(value: Any, role: Role | str | None) -> Any:
    """What `role` may read of a read route's answer: all for staff, no staff detail otherwise."""
    return value if actor_name(role) in STAFF else _without_staff_detail(value)


def _without_staff_detail(value: Any) -> Any:
    """`value` with every DEVICE_HIDDEN_FIELDS key removed, at any depth."""
    if isinstance(value, dict):
        return {
            k: _without_staff_detail(v) for k, v in value.items() if k not in DEVICE_HIDDEN_FIELDS
        }
    if isinstance(value, list):
        return [_without_staff_detail(v) for v in value]
    return value


def render_table() -> str:
    """The route table as docs/api.md holds it (between its permissions markers)."""
    lines = [
        "| route | " + " | ".join(ACTORS) + " |",
        "| --- |" + " :-: |" * len(ACTORS),
    ]
    for (method, path), allowed in ROUTES.items():
        marks = " | ".join("✓" if a in allowed else "" for a in ACTORS)
        lines.append(f"| `{method} {path.removeprefix('/api/v1')}` | {marks} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_table())
