"""The shipped demo centre (Centro MAC Lima Norte) loads and looks like a real centre."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from macturnos.config import DEMO_CENTRE_PATH, load_centre
from macturnos.config.demo import build_demo

CATALOGUE = Path(__file__).resolve().parents[3] / "shared" / "catalogue" / "services_2023.csv"


@pytest.fixture(scope="module")
def demo():
    return load_centre(DEMO_CENTRE_PATH)


def test_demo_file_is_package_data():
    assert DEMO_CENTRE_PATH.name == "lima-norte.yaml"
    assert DEMO_CENTRE_PATH.parent.name == "demo"
    assert DEMO_CENTRE_PATH.is_file()


def test_demo_centre_shape(demo):
    assert demo.centre.code == "LIMA-NORTE"
    assert demo.centre.name == "Centro MAC Lima Norte (demo)"
    assert len(demo.entities) >= 12
    assert len(demo.modules) >= 60
    assert {zone.code for zone in demo.zones} == {"P1A", "P1B", "P2"}
    assert {module.zone for module in demo.modules} == {"P1A", "P1B", "P2"}
    assert len(demo.displays) == 4
    assert [display.zone for display in demo.displays].count(None) == 1
    assert len(demo.kiosks) == 3
    assert sorted(kiosk.printer.paper_width_mm for kiosk in demo.kiosks) == [58, 80, 80]
    assert all(kiosk.printer.connector == "simulated" for kiosk in demo.kiosks)
    assert demo.pcm is not None and demo.pcm.endpoint == "https://pcm.example.gob.pe/api/mac/v1"
    assert demo.power.ups is None


def test_demo_services(demo):
    modes = Counter(service.mode for service in demo.services)
    assert modes["appointment_only"] >= 2
    passport = next(
        s for s in demo.services if s.name == "Expedición del pasaporte electrónico ordinario"
    )
    assert passport.mode == "appointment_only" and passport.daily_capacity is not None
    assert demo.modules_serving(passport.code)
    assert any(s.last_issue is not None for s in demo.services)
    assert any(s.target_wait_min is not None for s in demo.services)
    # Every service can be called somewhere, even the appointment-only ones.
    assert all(demo.modules_serving(service.code) for service in demo.services)
    prefixes = Counter(demo.service_prefix(s.code) for s in demo.services if s.prefix)
    assert all(count == 1 for count in prefixes.values())


def test_demo_service_names_come_from_the_catalogue(demo):
    if not CATALOGUE.is_file():
        pytest.skip("the shared catalogue is not beside this checkout")
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        catalogue = {
            (row["entidad"].strip(), " ".join(row["servicio"].split()))
            for row in csv.DictReader(handle)
        }
    for service in demo.services:
        assert (demo.entity(service.entity).name, service.name) in catalogue


def test_demo_file_is_what_the_script_builds():
    if not CATALOGUE.is_file():
        pytest.skip("the shared catalogue is not beside this checkout")
    text = build_demo.build(build_demo.read_catalogue(CATALOGUE))
    assert text == DEMO_CENTRE_PATH.read_text(encoding="utf-8")


def test_demo_hours(demo):
    assert demo.hours_on(dt.date(2026, 3, 9)) == (dt.time(8, 30), dt.time(18, 30))
    assert demo.hours_on(dt.date(2026, 3, 14)) == (dt.time(9, 0), dt.time(13, 30))
    assert demo.hours_on(dt.date(2026, 3, 15)) is None
    assert demo.hours_on(dt.date(2026, 12, 8)) == (dt.time(9, 0), dt.time(13, 30))
    assert demo.hours_on(dt.date(2026, 12, 25)) is None
    assert demo.hours_on(dt.date(2026, 8, 30)) is None  # Santa Rosa falls on a Sunday
