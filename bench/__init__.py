"""Load benchmarks of the turn server (scripts that print figures, not tests)."""
