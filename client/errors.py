"""The errors the client library raises: every one carries a Spanish `message` for the apps."""

from __future__ import annotations

from typing import Any

from macturnos.client import messages as msg
from macturnos.messages import t


class ClientError(Exception):
    """Anything the client library reports to an app; `message` is shown to staff as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ApiRefusal(ClientError):
    """The server refused the request (HTTP 4xx) with a stable code and a Spanish reason."""

    def __init__(
        self, status: int, code: str, message: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details: dict[str, Any] = dict(details or {})

    def __repr__(self) -> str:
        return f"ApiRefusal(status={self.status}, code={self.code!r})"


class ServerFault(ClientError):
    """The server answered with an error of its own (HTTP 5xx); the request may be retried."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code

    def __repr__(self) -> str:
        return f"ServerFault(status={self.status}, code={self.code!r})"


class ServerUnreachable(ClientError):
    """No answer from the server: not found, refused, timed out or the link dropped.

    `detail` is a technical reason in English for the log, never shown to staff.
    """

    def __init__(self, message: str | None = None, detail: str = "") -> None:
        super().__init__(message or t(msg.SERVER_UNREACHABLE))
        self.detail = detail

    def __repr__(self) -> str:
        return f"ServerUnreachable(detail={self.detail!r})"
