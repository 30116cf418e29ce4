"""MAC Turnos domain rules: plain Python with no I/O, no clock reads and no frameworks."""
