"""MAC Turnos client library shared by the kiosk, call screen and counter apps (no Qt here)."""

from macturnos.client.api import ApiClient, ApiResponse, Appointment, new_idempotency_key
from macturnos.client.connection import Change, Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.client.discovery import ServerAddress, browse, resolve
from macturnos.client.errors import ApiRefusal, ClientError, ServerFault, ServerUnreachable
from macturnos.client.events import EventStream
from macturnos.client.state import CentreState

__all__ = [
    "ApiClient",
    "ApiRefusal",
    "ApiResponse",
    "Appointment",
    "CentreState",
    "Change",
    "ClientError",
    "Connection",
    "CredentialStore",
    "DeviceCredentials",
    "EventStream",
    "ServerAddress",
    "ServerFault",
    "ServerUnreachable",
    "browse",
    "new_idempotency_key",
    "resolve",
]
