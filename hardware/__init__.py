"""MAC Turnos: hardware."""
