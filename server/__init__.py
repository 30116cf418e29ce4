"""MAC Turnos: server."""
