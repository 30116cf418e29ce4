"""MAC Turnos: queue and turn management for a Centro MAC."""

__version__ = "0.1.0"
API_VERSION = "1"
