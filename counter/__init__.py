"""MAC Turnos: counter."""
