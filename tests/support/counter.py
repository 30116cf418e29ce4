"""Helpers of the counter app's tests: logging in through the window, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from macturnos.client.ui.widgets import save_screenshot
from support import RunningServer, login
from support.screenshots import ARTIFACTS as ALL_ARTIFACTS
from support.screenshots import docs_dir

ARTIFACTS = ALL_ARTIFACTS / "counter"
PASSWORD = "clave-segura-1"
FAST = {"backoff_min_s": 0.05, "backoff_max_s": 0.3, "ping_interval_s": 1.0, "dead_after_s": 3.0}
TIMEOUT_MS = 10_000


def log_in(qtbot, window: Any, username: str, password: str = PASSWORD) -> None:
    """Type the user and password, press Ingresar, wait for the live state."""
    view = window.login_view
    view.username.setText(username)
    view.password.setText(password)
    view.login_button.click()
    s = window.session
    qtbot.waitUntil(
        lambda: s.logged_in and s.connected and s.state.seq is not None, timeout=TIMEOUT_MS
    )


def shot(widget: Any, name: str, *, docs: bool = False) -> Path:
    """Save a screenshot to artifacts/counter/ (and counter-<name> for the README)."""
    path = save_screenshot(widget, ARTIFACTS / f"{name}.png")
    if docs:
        save_screenshot(widget, docs_dir() / f"counter-{name}.png")
    return path


def api_login(server: RunningServer, username: str) -> httpx.Client:
    """An httpx client logged in as a staff member."""
    return login(server, username)
