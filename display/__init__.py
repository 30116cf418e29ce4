"""MAC Turnos: display."""
