"""The demo centre shipped with MAC Turnos and the script that builds it."""
