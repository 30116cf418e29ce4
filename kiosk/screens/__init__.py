"""The kiosk's screens, one module each: layout and texts only; the controller decides."""

from __future__ import annotations

from macturnos.kiosk.screens.appointment import AppointmentScreen
from macturnos.kiosk.screens.base import Screen, Texts
from macturnos.kiosk.screens.busy import BusyScreen
from macturnos.kiosk.screens.home import HomeScreen
from macturnos.kiosk.screens.message import MessageScreen
from macturnos.kiosk.screens.out_of_service import OutOfServiceScreen
from macturnos.kiosk.screens.pin import PinScreen
from macturnos.kiosk.screens.preferential import PreferentialScreen
from macturnos.kiosk.screens.search import SearchScreen
from macturnos.kiosk.screens.services import ServicesScreen
from macturnos.kiosk.screens.staff import StaffScreen
from macturnos.kiosk.screens.ticket import TicketScreen

__all__ = [
    "AppointmentScreen",
    "BusyScreen",
    "HomeScreen",
    "MessageScreen",
    "OutOfServiceScreen",
    "PinScreen",
    "PreferentialScreen",
    "Screen",
    "SearchScreen",
    "ServicesScreen",
    "StaffScreen",
    "Texts",
    "TicketScreen",
]
