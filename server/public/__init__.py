"""The citizen's pages: follow a ticket from its QR on a phone (issue 20).

They are served by their own listener (`app.create_public_app`, port 8471 by default),
apart from the staff API, so the centre's guest Wi-Fi can be let through to this port
only: nothing of `/api/v1` exists on it (docs/citizen.md).
"""
