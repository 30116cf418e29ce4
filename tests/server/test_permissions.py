"""The one permission table: every route with every actor, and docs/api.md against the code."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from support import REPO, device_client, login

from macturnos.server import permissions
from macturnos.server.api import (
    routes,
    routes_complaints,
    routes_day,
    routes_pair,
    routes_reports,
    routes_staffing,
    routes_survey,
    routes_sync,
    ws,
)
from macturnos.server.permissions import ACTORS, ROUTES

# Every actor of the table, plus the three who must be refused everything not public.
ALL_ACTORS = (*ACTORS, "revoked_kiosk", "disabled_user")

# A plausible body per route, so that an allowed caller gets past validation where it can.
BODIES: dict[str, Any] = {
    "/api/v1/survey/ratings": {"module": 1, "ticket_id": 999, "score": 5},
    "/api/v1/complaints": {"kind": "sugerencia", "text": "Más sillas, por favor."},
    "/api/v1/complaints/{number}/progress": {"state": "in_progress"},
    "/api/v1/auth/login": {"username": "nadie", "password": "x"},
    "/api/v1/devices": {"kind": "kiosk", "code": "K-NUEVO", "name": "Nuevo"},
    "/api/v1/devices/pair": {"pairing_code": "00000000"},
    "/api/v1/devices/me/health": {"status": "ok", "detail": ""},
    "/api/v1/devices/me/leds": {"displays": [{"module": 1, "status": "ok", "reason": "x"}]},
    "/api/v1/tickets": {"service": "DNI-DUP"},
    "/api/v1/tickets/{ticket_id}/cancel": {"reason": "prueba"},
    "/api/v1/tickets/{ticket_id}/transfer": {"service": "DNI-DUP", "note": "x"},
    "/api/v1/tickets/verify": {"code": "x"},
    "/api/v1/modules/{number}/call": {"ticket_id": 999, "reason": "x"},
    "/api/v1/modules/{number}/transfer": {"ticket_id": 999, "service": "DNI-DUP", "note": "x"},
    "/api/v1/modules/{number}/pause": {"reason": "break"},
    "/api/v1/appointments/check-in": {"code": "NO-EXISTE"},
    "/api/v1/sync/catalogue/offer/accept": {"offer_id": 1},
    "/api/v1/sync/catalogue/offer/reject": {"offer_id": 1},
    "/api/v1/day/checklist": {"items": []},
    "/api/v1/day/closing/close-remaining": {},
    "/api/v1/day/seal": {},
}

PATH_VALUES = {
    "ticket_id": "999",
    "number": "1",
    "username": "nadie",
    "code": "NO-EXISTE",
    "scope": "entity",
}


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)


# Log-out last: it ends the session the other routes are tried with.
HTTP_ROUTES = sorted(
    (k for k in ROUTES if k[0] != "WS"), key=lambda k: (k[1] == "/api/v1/auth/logout", k)
)


def test_every_route_of_the_app_is_in_the_table():
    found: set[tuple[str, str]] = set()
    routers = (
        routes.router,
        routes_day.router,
        routes_reports.router,
        routes_staffing.router,
        routes_survey.router,
        routes_complaints.router,
        routes_sync.router,
        routes_pair.router,
        ws.router,
    )
    for route in (r for router in routers for r in router.routes):
        if isinstance(route, APIRoute) and route.path.startswith("/api/v1"):
            found |= {(m, route.path) for m in route.methods if m != "HEAD"}
        elif isinstance(route, APIWebSocketRoute):
            found.add(("WS", route.path))
    assert found == set(ROUTES), "server/permissions.py ROUTES and the app's routes differ"


@pytest.fixture
def clients(server, staff) -> dict[str, httpx.Client | None]:
    """One client per actor (None: no token)."""
    out: dict[str, httpx.Client | None] = {"anonymous": None}
    for role in ("advisor", "orientator", "supervisor", "coordinator", "ict"):
        staff(f"u-{role}", role)
        out[role] = login(server, f"u-{role}")
    out["kiosk"] = device_client(server, "kiosk", "K1")
    out["display"] = device_client(server, "display", "TV-A")
    out["led"] = device_client(server, "led", "LED-1")
    out["survey"] = device_client(server, "survey", "ENC-7")
    out["revoked_kiosk"] = device_client(server, "kiosk", "K-REVOCADO")
    staff("u-baja", "supervisor")
    out["disabled_user"] = login(server, "u-baja")
    from macturnos.server.auth import revoke_device, set_user_active

    with server.ctx.db.write() as s:
        revoke_device(s, "K-REVOCADO")
        set_user_active(s, "u-baja", False)
    server.ctx.tokens = type(server.ctx.tokens)()  # nothing cached from before the changes
    return out


def test_every_actor_on_every_route(server, clients):
    # One server for the whole matrix (a log-in costs an argon2 hash: per-route setup is slow).
    wrong: list[tuple[str, str, str, int]] = []
    for method, path in HTTP_ROUTES:
        allowed = ROUTES[(method, path)]
        url = f"{server.url}{_concrete(path)}"
        body = BODIES.get(path)
        kwargs: dict[str, Any] = {"json": body} if method == "POST" else {}
        for who in ALL_ACTORS:
            client = clients[who]
            if client is None:
                r = httpx.request(method, url, timeout=30, **kwargs)
            else:
                r = client.request(method, url, **kwargs)
            code = r.json().get("error", {}).get("code") if r.status_code >= 400 else None
            if permissions.ANONYMOUS in allowed or who in allowed:
                # Allowed may be refused for the business at hand, never for who it is.
                if code in ("NOT_AUTHENTICATED", "FORBIDDEN_ROLE") or r.status_code >= 500:
                    wrong.append((who, method, path, r.status_code))
            elif r.status_code not in (401, 403):
                wrong.append((who, method, path, r.status_code))
    assert wrong == []


def _doc_table() -> dict[str, set[str]]:
    """docs/api.md's permission table: route -> actors marked with a check."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    start = text.index("<!-- permissions:start -->")
    end = text.index("<!-- permissions:end -->")
    rows = [ln for ln in text[start:end].splitlines() if ln.startswith("| `")]
    header = next(ln for ln in text[start:end].splitlines() if ln.startswith("| route"))
    names = [c.strip() for c in header.strip("|").split("|")][1:]
    table: dict[str, set[str]] = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        route = cells[0].strip("`")
        table[route] = {n for n, c in zip(names, cells[1:], strict=True) if c == "✓"}
    return table


def test_the_docs_table_is_the_code_table():
    doc = _doc_table()
    code = {f"{m} {p.removeprefix('/api/v1')}": set(a) for (m, p), a in ROUTES.items()}
    assert doc == code, "regenerate with: .venv/bin/python -m macturnos.server.permissions"
