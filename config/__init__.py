"""MAC Turnos: config."""

from pathlib import Path

from macturnos.config.diff import diff_configs
from macturnos.config.errors import ConfigError, ConfigIssue
from macturnos.config.loader import load_centre, parse_centre
from macturnos.config.models import (
    DEFAULT_CHECKLIST,
    DEFAULT_PREFERENTIAL_CATEGORIES,
    SCHEMA_VERSION,
    CentreConfig,
    CentreInfo,
    ChecklistItem,
    ChecklistZone,
    DayHours,
    Display,
    Entity,
    Holiday,
    Hours,
    Kiosk,
    Module,
    PcmSettings,
    PowerSettings,
    PreferentialCategory,
    Rules,
    Service,
    Zone,
)

DEMO_CENTRE_PATH: Path = Path(__file__).resolve().parent / "demo" / "lima-norte.yaml"
"""The demo centre shipped with the package (Centro MAC Lima Norte, demo data)."""

__all__ = [
    "DEFAULT_CHECKLIST",
    "DEFAULT_PREFERENTIAL_CATEGORIES",
    "DEMO_CENTRE_PATH",
    "SCHEMA_VERSION",
    "CentreConfig",
    "CentreInfo",
    "ChecklistItem",
    "ChecklistZone",
    "ConfigError",
    "ConfigIssue",
    "DayHours",
    "Display",
    "Entity",
    "Holiday",
    "Hours",
    "Kiosk",
    "Module",
    "PcmSettings",
    "PowerSettings",
    "PreferentialCategory",
    "Rules",
    "Service",
    "Zone",
    "diff_configs",
    "load_centre",
    "parse_centre",
]
