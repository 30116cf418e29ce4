"""Defaults, opening hours and accessors of the centre configuration models."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from pydantic import ValidationError

from macturnos.config import (
    DEFAULT_PREFERENTIAL_CATEGORIES,
    CentreConfig,
    DayHours,
    parse_centre,
)
from macturnos.hardware.settings import PrinterSettings


def test_defaults(minimal_yaml):
    config = parse_centre(minimal_yaml)
    assert config.centre.timezone == "America/Lima"
    assert config.centre.zoneinfo.key == "America/Lima"
    hours = config.hours
    for day in (hours.mon, hours.tue, hours.wed, hours.thu, hours.fri):
        assert day == DayHours(opens=dt.time(8, 30), closes=dt.time(18, 30))
    assert hours.sat == DayHours(opens=dt.time(9, 0), closes=dt.time(13, 30))
    assert hours.sun is None
    assert str(hours.holidays) == "09:00-13:30"
    rules = config.rules
    assert (
        rules.max_recalls,
        rules.appointment_window_before_min,
        rules.appointment_window_after_min,
        rules.default_service_minutes,
        rules.recent_service_sample,
        rules.pause_alert_min,
        rules.closing_warning_min,
    ) == (2, 15, 15, 12, 30, 30, 30)
    assert config.holidays == ()
    assert config.displays == () and config.kiosks == ()
    assert config.pcm is None
    assert config.power.ups is None
    assert [c.code for c in config.preferential_categories] == [
        "GESTANTE",
        "ADULTO_MAYOR",
        "DISCAPACIDAD",
        "NINO_EN_BRAZOS",
    ]
    assert config.preferential_categories == DEFAULT_PREFERENTIAL_CATEGORIES
    entity = config.entity("RENIEC")
    assert entity.target_wait_min == 20 and entity.logo is None
    service = config.service("MIG-CE")
    assert (service.daily_capacity, service.last_issue, service.target_wait_min, service.mode) == (
        None,
        None,
        None,
        "walk_in",
    )
    assert config.module(1).services is None and config.module(1).led is None


def test_section_defaults(minimal_yaml):
    text = minimal_yaml + (
        "displays:\n  - {code: TV-1, name: TV}\n"
        "kiosks:\n  - {code: K1, name: Quiosco}\n"
        "pcm:\n  endpoint: https://pcm.example.gob.pe/api/mac/v1\n"
    )
    config = parse_centre(text)
    display = config.displays[0]
    assert (display.zone, display.last_calls, display.announce_quechua) == (None, 6, False)
    assert (display.volume, display.voice) == (80, "es-419")
    kiosk = config.kiosks[0]
    assert kiosk.zone is None and kiosk.languages == ("es", "qu", "en")
    assert kiosk.printer == PrinterSettings() and kiosk.printer.connector == "simulated"
    assert config.pcm is not None
    assert (config.pcm.interval_s, config.pcm.credentials_file) == (60, None)


def test_values_are_normalised(minimal_yaml):
    config = parse_centre(minimal_yaml)
    assert config.entity("MIGRACIONES").colour == "#003B71"
    assert config.service("RENIEC-01").last_issue == dt.time(17, 30)


def test_models_are_frozen_and_strict(minimal_yaml):
    config = parse_centre(minimal_yaml)
    with pytest.raises(ValidationError):
        config.centre.name = "Otro"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        DayHours(opens=dt.time(9), closes=dt.time(9), extra=1)  # type: ignore[call-arg]


def test_field_docstrings_become_descriptions():
    for model in (CentreConfig, DayHours):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no docstring"


def test_hours_on_weekday_saturday_sunday_and_holidays(minimal_yaml):
    text = minimal_yaml + (
        "hours:\n  fri: 08:30-17:00\n  holidays: 10:00-13:00\n"
        "holidays:\n"
        "  - {date: 2026-12-08, name: Inmaculada Concepción}\n"
        "  - date: 2026-12-25\n    name: Navidad\n    closed: true\n"
        "  - {date: 2026-06-07, name: Día de la Bandera}\n"
    )
    config = parse_centre(text)
    assert config.hours_on(dt.date(2026, 3, 2)) == (dt.time(8, 30), dt.time(18, 30))  # Monday
    assert config.hours_on(dt.date(2026, 3, 6)) == (dt.time(8, 30), dt.time(17, 0))  # Friday
    assert config.hours_on(dt.date(2026, 3, 7)) == (dt.time(9, 0), dt.time(13, 30))  # Saturday
    assert config.hours_on(dt.date(2026, 3, 8)) is None  # Sunday
    assert config.hours_on(dt.date(2026, 12, 8)) == (dt.time(10, 0), dt.time(13, 0))  # Tuesday
    assert config.hours_on(dt.date(2026, 12, 25)) is None  # a holiday declared closed
    # A holiday on a Sunday opens with holiday hours unless it says closed: true.
    assert config.hours_on(dt.date(2026, 6, 7)) == (dt.time(10, 0), dt.time(13, 0))
    holiday = config.holiday(dt.date(2026, 12, 8))
    assert holiday is not None and holiday.name == "Inmaculada Concepción"
    assert config.holiday(dt.date(2026, 12, 9)) is None


def test_hours_accept_closed_in_spanish_and_null(minimal_yaml):
    config = parse_centre(
        minimal_yaml + "hours:\n  sat: cerrado\n  mon: null\n  holidays: CLOSED\n"
    )
    assert config.hours.sat is None and config.hours.mon is None and config.hours.holidays is None
    assert config.hours_on(dt.date(2026, 3, 7)) is None


def test_accessors(minimal_yaml):
    config = parse_centre(minimal_yaml)
    assert config.services_of_entity("RENIEC") == ["RENIEC-01", "RENIEC-02"]
    assert config.services_of_module(1) == ["RENIEC-01", "RENIEC-02"]  # the default: all
    assert config.services_of_module(2) == ["RENIEC-02"]
    assert config.modules_serving("RENIEC-01") == [1]
    assert config.modules_serving("RENIEC-02") == [1, 2]
    assert config.modules_serving("MIG-PAS") == [10, 11]
    assert config.modules_serving("MIG-CE") == [11]
    assert config.service_prefix("RENIEC-01") == "R"
    assert config.service_prefix("MIG-PAS") == "PAS"
    assert config.service_target_wait("RENIEC-02") == 10
    assert config.service_target_wait("RENIEC-01") == 20
    assert config.service_target_wait("MIG-CE") == 30
    assert config.module(10).zone == "P2"


def test_where_modules_and_services_are(minimal_yaml):
    config = parse_centre(minimal_yaml)
    assert config.module_location(1) == "Planta 1"
    assert config.module_location(11) == "Planta 2"
    assert config.module_location(99) is None
    assert config.service_location("RENIEC-02") == "Planta 1"
    # Modules spread over two floors: both are named, in the file's order of zones.
    two_floors = parse_centre(
        minimal_yaml.replace(
            "  - number: 2\n    entity: RENIEC\n    zone: P1",
            "  - number: 2\n    entity: RENIEC\n    zone: P2",
        )
    )
    assert two_floors.service_location("RENIEC-02") == "Planta 1 / Planta 2"
    assert two_floors.service_location("RENIEC-01") == "Planta 1"
    assert two_floors.service_location("NOPE") is None
    with pytest.raises(KeyError):
        config.service("NOPE")
    with pytest.raises(KeyError):
        config.entity("NOPE")
    with pytest.raises(KeyError):
        config.module(99)


def test_direct_construction_is_cross_checked(minimal_yaml):
    data = parse_centre(minimal_yaml).model_dump()
    assert CentreConfig.model_validate(data) == parse_centre(minimal_yaml)
    data["modules"] = [dict(module) for module in data["modules"]]
    data["modules"][1]["services"] = ["MIG-CE"]
    with pytest.raises(ValidationError) as caught:
        CentreConfig.model_validate(data)
    assert (
        "modules[1].services[0]: el servicio «MIG-CE» pertenece a la entidad MIGRACIONES, no a RENIEC"
        in str(caught.value)
    )


def test_config_imports_neither_server_web_framework_nor_qt():
    code = (
        "import sys, macturnos.config\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in {'fastapi', 'PySide6', 'sqlalchemy'}"
        " or n.startswith(('macturnos.server', 'macturnos.domain'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("hours", ["٠٨:٠٠-١٧:٠٠", "０８:００-１７:００"])
def test_times_take_ascii_digits_only(minimal_yaml, hours):
    # \d matched these and int() read them: the file looked valid to the loader.
    text = minimal_yaml.replace('last_issue: "17:30"', f'last_issue: "{hours[:5]}"')
    assert text != minimal_yaml
    from macturnos.config.errors import ConfigError

    with pytest.raises(ConfigError, match="last_issue"):
        parse_centre(text)
