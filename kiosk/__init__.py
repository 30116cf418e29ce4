"""MAC Turnos: kiosk."""
