"""Pydantic models of a centre's configuration file (schema version 1)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from macturnos.config import messages as m
from macturnos.config.checks import cross_check, field_path
from macturnos.hardware.settings import LedDisplaySettings, PrinterSettings, UpsSettings
from macturnos.messages import t

SCHEMA_VERSION = 1
"""The configuration schema version this code reads."""

# Keys of the validation context the loader passes to `CentreConfig.model_validate`.
CONTEXT_CROSS_CHECKED = "cross_checked"
CONTEXT_BASE_DIR = "base_dir"

_CODE_RE = re.compile(r"^[A-Z0-9]+(?:[-_][A-Z0-9]+)*$")
_CENTRE_CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_PREFIX_RE = re.compile(r"^[A-Z]{1,3}$")
_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
# [0-9], not \d: \d matches any Unicode digit, and int() would read them.
_TIME_RE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
_HOURS_RE = re.compile(
    r"^\s*([01]?[0-9]|2[0-3]):([0-5][0-9])\s*-\s*([01]?[0-9]|2[0-3]):([0-5][0-9])\s*$"
)
_ICON_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
_VOICE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_CLOSED_WORDS = frozenset({"closed", "cerrado"})


def _invalid(message: str, **values: object) -> PydanticCustomError:
    """Build a validation error whose text is already the translated Spanish reason."""
    return PydanticCustomError("macturnos_config", t(message, **values))


# --- Reusable field types ---------------------------------------------------------------


def _text(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise _invalid(m.EMPTY_TEXT)
    return stripped


def _code(value: str) -> str:
    if not (2 <= len(value) <= 40 and _CODE_RE.match(value)):
        raise _invalid(m.BAD_CODE, value=value, min=2, max=40)
    return value


def _centre_code(value: str) -> str:
    if not (2 <= len(value) <= 20 and _CENTRE_CODE_RE.match(value)):
        raise _invalid(m.BAD_CENTRE_CODE, value=value)
    return value


def _prefix(value: str) -> str:
    if not _PREFIX_RE.match(value):
        raise _invalid(m.BAD_PREFIX, value=value)
    return value


def _colour(value: str) -> str:
    if not _COLOUR_RE.match(value):
        raise _invalid(m.BAD_COLOUR, value=value)
    return value.upper()


def _icon(value: str) -> str:
    if not _ICON_RE.match(value):
        raise _invalid(m.BAD_ICON, value=value)
    return value


def _language(value: str) -> str:
    if not _LANGUAGE_RE.match(value):
        raise _invalid(m.BAD_LANGUAGE, value=value)
    return value


def _time_of_day(value: Any) -> Any:
    # Only "HH:MM" is accepted: pydantic's own time parsing would also take seconds counts
    # and ISO forms that an ICT specialist would not mean.
    if value is None or isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        match = _TIME_RE.match(value.strip())
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
    raise _invalid(m.BAD_TIME, value=value)


def _day_hours(value: Any) -> Any:
    if value is None or isinstance(value, DayHours | dict):
        return value
    if isinstance(value, str):
        if value.strip().lower() in _CLOSED_WORDS:
            return None
        match = _HOURS_RE.match(value)
        if match:
            h1, m1, h2, m2 = (int(group) for group in match.groups())
            return {"opens": dt.time(h1, m1), "closes": dt.time(h2, m2)}
    raise _invalid(m.BAD_HOURS, value=value)


def _unique_items(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise _invalid(m.REPEATED_IN_LIST, value=value)
        seen.add(value)
    return values


Text = Annotated[str, AfterValidator(_text)]
Code = Annotated[str, AfterValidator(_code)]
Prefix = Annotated[str, AfterValidator(_prefix)]
Colour = Annotated[str, AfterValidator(_colour)]
TimeOfDay = Annotated[dt.time | None, BeforeValidator(_time_of_day)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _resolve_path(value: Path | None, info: ValidationInfo) -> Path | None:
    """Resolve a relative path against the folder of the configuration file, if known."""
    if value is None or value.is_absolute():
        return value
    base = (info.context or {}).get(CONTEXT_BASE_DIR)
    return Path(base) / value if base is not None else value


# --- Sections ------------------------------------------------------------------------------


class CentreInfo(_Model):
    """Identity of the centre."""

    code: Annotated[str, AfterValidator(_centre_code)]
    """Short code of the centre: 2-20 uppercase letters, digits or dashes, e.g. LIMA-NORTE."""
    name: Text
    """Name shown on displays, tickets and reports, e.g. "Centro MAC Lima Norte"."""
    timezone: str = "America/Lima"
    """IANA time zone of the centre; all hours in this file are local times of this zone."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise _invalid(m.BAD_TIMEZONE, value=value) from exc
        return value

    @property
    def zoneinfo(self) -> ZoneInfo:
        """The centre's time zone as a `ZoneInfo`."""
        return ZoneInfo(self.timezone)


class DayHours(_Model):
    """Opening and closing time of one day (local time of the centre)."""

    opens: dt.time
    """Time the doors open and ticket issue starts."""
    closes: dt.time
    """Time the centre closes; must be later than `opens`."""

    @model_validator(mode="after")
    def _ordered(self) -> DayHours:
        if self.opens >= self.closes:
            raise _invalid(
                m.HOURS_ORDER,
                opens=self.opens.strftime("%H:%M"),
                closes=self.closes.strftime("%H:%M"),
            )
        return self

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


DayHoursOrClosed = Annotated[DayHours | None, BeforeValidator(_day_hours)]


def _hours(opens: str, closes: str) -> DayHours:
    return DayHours(opens=dt.time.fromisoformat(opens), closes=dt.time.fromisoformat(closes))


class Hours(_Model):
    """Weekly opening hours; each day is "HH:MM-HH:MM" or "closed" (null once loaded)."""

    mon: DayHoursOrClosed = _hours("08:30", "18:30")
    """Monday hours."""
    tue: DayHoursOrClosed = _hours("08:30", "18:30")
    """Tuesday hours."""
    wed: DayHoursOrClosed = _hours("08:30", "18:30")
    """Wednesday hours."""
    thu: DayHoursOrClosed = _hours("08:30", "18:30")
    """Thursday hours."""
    fri: DayHoursOrClosed = _hours("08:30", "18:30")
    """Friday hours."""
    sat: DayHoursOrClosed = _hours("09:00", "13:30")
    """Saturday hours."""
    sun: DayHoursOrClosed = None
    """Sunday hours (closed by default)."""
    holidays: DayHoursOrClosed = _hours("09:00", "13:30")
    """Hours on the dates listed under `holidays` (unless that holiday says `closed: true`)."""

    def for_weekday(self, weekday: int) -> DayHours | None:
        """Hours of an ordinary day, by `date.weekday()` (0 = Monday); None when closed."""
        return (self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun)[weekday]


class Holiday(_Model):
    """A national or local holiday on which the centre keeps holiday hours or stays closed."""

    date: dt.date
    """The date, written YYYY-MM-DD."""
    name: Text
    """Name of the holiday, e.g. "Inmaculada Concepción"."""
    closed: bool = False
    """True when the centre does not open at all that day (instead of holiday hours)."""


class Rules(_Model):
    """Attention rules shared by every entity of the centre."""

    max_recalls: int = Field(2, ge=0, le=10)
    """How many times an advisor may call a ticket again before it is marked absent."""
    appointment_window_before_min: int = Field(15, ge=0, le=240)
    """Minutes before the appointment time in which a citizen may check in."""
    appointment_window_after_min: int = Field(15, ge=0, le=240)
    """Minutes after the appointment time in which the appointment is still honoured."""
    default_service_minutes: int = Field(12, ge=1, le=240)
    """Assumed attention time in minutes while a service has no recent history."""
    recent_service_sample: int = Field(30, ge=1, le=1000)
    """How many recent attentions of a service feed its waiting-time estimate."""
    pause_alert_min: int = Field(30, ge=1, le=480)
    """Minutes a module may stay paused before the supervisor is alerted."""
    closing_warning_min: int = Field(30, ge=0, le=240)
    """Minutes before a service's last issue time when kiosks start warning citizens."""


class Entity(_Model):
    """A public entity that serves citizens at the centre (RENIEC, SUNAT, ...)."""

    code: Code
    """Unique code, uppercase, e.g. RENIEC or MUNI-COMAS."""
    name: Text
    """Official name, e.g. "Registro Nacional de Identificación y Estado Civil - RENIEC"."""
    short_name: Annotated[Text, Field(max_length=24)]
    """Name for displays and tickets, at most 24 characters, e.g. "RENIEC"."""
    prefix: Prefix
    """Ticket prefix, 1-3 uppercase letters, unique across entities, e.g. R (ticket R-042)."""
    colour: Colour
    """Brand colour as #RRGGBB, used on kiosk buttons and displays."""
    logo: Path | None = None
    """Logo image; a relative path is taken from the configuration file's folder."""
    target_wait_min: int = Field(20, ge=1, le=480)
    """Waiting time in minutes the entity aims for (ANS); services may override it."""

    @field_validator("logo")
    @classmethod
    def _logo_path(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        return _resolve_path(value, info)


class Service(_Model):
    """A procedure an entity offers, for which citizens take tickets."""

    code: Code
    """Unique code, uppercase, e.g. RENIEC-03."""
    entity: Code
    """Code of the entity that provides it."""
    name: Text
    """Name shown on the kiosk and ticket (the PCM catalogue's wording)."""
    daily_capacity: int | None = Field(None, gt=0)
    """Tickets that may be issued per day; null means no limit."""
    last_issue: TimeOfDay = None
    """Latest local time ("HH:MM") a ticket may be issued; null means until closing."""
    target_wait_min: int | None = Field(None, ge=1, le=480)
    """Target waiting time in minutes; null means the entity's."""
    mode: Literal["walk_in", "appointment_only"] = "walk_in"
    """`walk_in`: tickets at the kiosk; `appointment_only`: only citizens with an appointment."""
    prefix: Prefix | None = None
    """Ticket prefix overriding the entity's, 1-3 uppercase letters, unique; null = entity's."""


class Module(_Model):
    """A numbered attention module (counter) where an entity's advisor serves citizens."""

    number: int = Field(ge=1, le=999)
    """Module number shown on displays and announced, 1-999, unique."""
    entity: Code
    """Code of the entity staffing the module."""
    services: (
        Annotated[tuple[Code, ...], Field(min_length=1), AfterValidator(_unique_items)] | None
    ) = None
    """Service codes (of the module's entity) it serves; null means all of the entity's."""
    zone: Code
    """Code of the zone the module stands in."""
    led: LedDisplaySettings | None = None
    """LED display over the module; null when it has none."""
    assistance: Annotated[tuple[Code, ...], AfterValidator(_unique_items)] = ()
    """Assistance its advisors offer (codes of the centre's `assistance`), e.g. [LSP] where an
    advisor trained in sign language works; a ticket that needs it is called only here."""

    @field_validator("services", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        # An empty list would silently make a module that serves nothing.
        if isinstance(value, list | tuple) and not value:
            raise _invalid(m.EMPTY_MODULE_SERVICES)
        return value


class Zone(_Model):
    """An area of the centre (a floor or wing) with its own waiting room and display."""

    code: Code
    """Unique code, uppercase, e.g. P1A."""
    name: Text
    """Name shown to citizens, e.g. "Planta 1 - Ala A"."""


class Display(_Model):
    """A call display (TV) that shows and announces called tickets."""

    code: Code
    """Unique code, uppercase; the display app is paired with this code."""
    name: Text
    """Descriptive name for the supervisor, e.g. "TV sala de espera planta 2"."""
    zone: Code | None = None
    """Zone whose calls it shows; null means all zones."""
    last_calls: int = Field(6, ge=1, le=20)
    """How many recent calls are listed on screen."""
    announce_quechua: bool = False
    """Also announce each call in Quechua after Spanish."""
    volume: int = Field(80, ge=0, le=100)
    """Announcement volume in percent."""
    voice: str = "es-419"
    """Language tag of the speech voice for Spanish announcements, e.g. es-419 or es-PE."""
    notices: tuple[Text, ...] = ()
    """Short notices shown in turn in the footer, e.g. "Los turnos son gratuitos"."""

    @field_validator("voice")
    @classmethod
    def _voice_tag(cls, value: str) -> str:
        if not _VOICE_RE.match(value):
            raise _invalid(m.BAD_VOICE, value=value)
        return value


class Kiosk(_Model):
    """A self-service kiosk where citizens take tickets."""

    code: Code
    """Unique code, uppercase; the kiosk app is paired with this code."""
    name: Text
    """Descriptive name for the supervisor, e.g. "Quiosco ingreso principal"."""
    zone: Code | None = None
    """Zone whose services it offers; null means all zones."""
    languages: Annotated[
        tuple[Annotated[str, AfterValidator(_language)], ...],
        Field(min_length=1),
        AfterValidator(_unique_items),
    ] = ("es", "qu", "en")
    """ISO 639 codes of the screen languages offered, the first being the default."""
    printer: PrinterSettings = PrinterSettings()
    """Ticket printer of the kiosk (simulated by default)."""


class PreferentialCategory(_Model):
    """A group entitled to preferential attention (Ley 28683)."""

    code: Code
    """Unique code, uppercase, e.g. GESTANTE."""
    name: Text
    """Name shown on the kiosk, e.g. "Mujer gestante"."""
    icon: Annotated[str, AfterValidator(_icon)]
    """Short icon name the kiosk maps to a picture, e.g. gestante."""


class AssistanceKind(_Model):
    """An assistance a citizen may need at the counter (sign-language interpretation, ...)."""

    code: Code
    """Unique code, uppercase, e.g. LSP."""
    name: Text
    """Name shown on the kiosk, at reception and to the advisor who calls."""


DEFAULT_ASSISTANCE: tuple[AssistanceKind, ...] = (
    AssistanceKind(code="LSP", name="Intérprete de lengua de señas peruana"),
)
"""Sign-language interpretation (the PCM trains advisors in it), when the file declares none."""


DEFAULT_PREFERENTIAL_CATEGORIES: tuple[PreferentialCategory, ...] = (
    PreferentialCategory(code="GESTANTE", name="Mujer gestante", icon="gestante"),
    PreferentialCategory(
        code="ADULTO_MAYOR", name="Adulto mayor (60 años o más)", icon="adulto_mayor"
    ),
    PreferentialCategory(code="DISCAPACIDAD", name="Persona con discapacidad", icon="discapacidad"),
    PreferentialCategory(
        code="NINO_EN_BRAZOS", name="Persona con niño en brazos", icon="nino_en_brazos"
    ),
)
"""The four groups of Ley 28683, used when the file declares none."""


# --- Opening checklist ---------------------------------------------------------------------

ChecklistProbe = Literal[
    "internet",
    "power",
    "kiosk_printers",
    "call_screens",
    "led_displays",
    "turn_system",
    "appointments",
    "replication",
]
"""Automatic checks the server runs to pre-fill a checklist item (see docs/configuration.md)."""


class ChecklistItem(_Model):
    """One point the supervisor verifies before opening."""

    code: Code
    """Unique code across the whole checklist, uppercase, e.g. INTERNET."""
    label: Text
    """What is verified, as the supervisor reads it, e.g. "Conexión a internet"."""
    blocking: bool = False
    """True when the centre does not open while this point fails or is unverified."""
    probe: ChecklistProbe | None = None
    """Automatic check that pre-fills the result; null means the supervisor checks by hand."""


class ChecklistZone(_Model):
    """A zone of the operating manual's opening check, with its items."""

    code: Code
    """Unique code of the zone in the checklist, e.g. RECEPCION."""
    name: Text
    """Name shown to the supervisor, e.g. "Zona de recepción"."""
    items: Annotated[tuple[ChecklistItem, ...], Field(min_length=1)]
    """Points verified in this zone."""


def _zone(code: str, name: str, *items: ChecklistItem) -> ChecklistZone:
    return ChecklistZone(code=code, name=name, items=items)


def _item(
    code: str, label: str, *, blocking: bool = False, probe: ChecklistProbe | None = None
) -> ChecklistItem:
    return ChecklistItem(code=code, label=label, blocking=blocking, probe=probe)


DEFAULT_CHECKLIST: tuple[ChecklistZone, ...] = (
    _zone(
        "RECEPCION",
        "Zona de recepción",
        _item("REC-MODULO", "Módulo de recepción"),
        _item("REC-SILLAS", "Sillas de orientadores"),
        _item("REC-TELEFONO", "Teléfono"),
        _item("REC-UTILES", "Útiles de recepción"),
    ),
    _zone(
        "ATENCION",
        "Zona de atención",
        _item("ATE-PANTALLAS", "Televisores y pantallas de llamado", probe="call_screens"),
        _item("ATE-LED", "Displays LED de los módulos", probe="led_displays"),
        _item("ATE-SILLAS-ESPERA", "Sillas de espera"),
        _item("ATE-SILLAS-ASESORES", "Sillas de asesores"),
        _item("ATE-MODULOS", "Módulos de atención"),
        _item("ATE-COMPUTADORAS", "Computadoras"),
        _item("ATE-IMPRESORAS", "Impresoras de tickets de los quioscos", probe="kiosk_printers"),
        _item("ATE-UTILES", "Útiles de atención"),
    ),
    _zone(
        "ADMINISTRATIVA",
        "Zona administrativa",
        _item("ADM-MODULOS", "Módulos de oficina"),
        _item("ADM-SILLAS", "Sillas"),
        _item("ADM-UTILES", "Útiles de oficina"),
    ),
    _zone(
        "TOPICO",
        "Tópico",
        _item("TOP-BOTIQUIN", "Botiquín de primeros auxilios"),
        _item("TOP-SILLAS-RUEDAS", "Sillas de ruedas"),
    ),
    _zone(
        "GENERAL",
        "General",
        _item("GEN-VIGILANCIA", "Personal de vigilancia en el centro", blocking=True),
        _item("GEN-ILUMINACION", "Iluminación"),
        _item("GEN-LIMPIEZA", "Orden y limpieza"),
        _item("GEN-SENALETICA", "Señalética"),
        _item("GEN-AIRE", "Aire acondicionado"),
        _item("GEN-SSHH", "Servicios higiénicos"),
        _item("GEN-COMEDOR", "Comedor"),
        _item("GEN-AGUA", "Agua potable"),
    ),
    _zone(
        "TIC",
        "Servicios TIC",
        _item("TIC-INTERNET", "Conexión a internet", blocking=True, probe="internet"),
        _item("TIC-ENERGIA", "Energía eléctrica", blocking=True, probe="power"),
        _item("TIC-CITAS", "Sistema de citas: citas del día cargadas", probe="appointments"),
        _item("TIC-TURNOS", "Sistema de turnos", probe="turn_system"),
        _item("TIC-REPLICA", "Replicación entre los dos servidores", probe="replication"),
        _item("TIC-AUDIO", "Audio"),
        _item("TIC-VIDEOVIGILANCIA", "Videovigilancia"),
    ),
)
"""The zones of the Manual de Funcionamiento; internet, power and security guards block."""


class PcmSettings(_Model):
    """Synchronisation of attentions with the PCM's central platform."""

    endpoint: str
    """Base https URL of the PCM API, e.g. https://pcm.example.gob.pe/api/mac/v1
    (plain http only for a receiver on this same machine: a lab or the demo)."""
    credentials_file: Path | None = None
    """File holding the centre's API credentials; relative to the configuration file."""
    ca_file: Path | None = None
    """CA bundle that signs the PCM's certificate, when it is a private authority."""
    interval_s: int = Field(60, ge=10, le=3600)
    """Seconds between synchronisation rounds."""

    @field_validator("endpoint")
    @classmethod
    def _https(cls, value: str) -> str:
        parts = urlsplit(value)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not parts.hostname or not (
            parts.scheme == "https" or (local and parts.scheme == "http")
        ):
            raise _invalid(m.BAD_URL, value=value)
        return value

    @field_validator("credentials_file", "ca_file")
    @classmethod
    def _credentials_path(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        return _resolve_path(value, info)


class PowerSettings(_Model):
    """How the centre knows it has electric power (part of the opening check)."""

    ups: UpsSettings | None = None
    """UPS watched through NUT; null means the supervisor confirms power by hand."""


class CentreConfig(_Model):
    """The whole declared configuration of one Centro MAC."""

    schema_version: Literal[1]
    """Version of this file's layout; must be 1."""
    centre: CentreInfo
    """Identity of the centre."""
    hours: Hours = Hours()
    """Weekly opening hours."""
    holidays: tuple[Holiday, ...] = ()
    """Holidays (unique dates) on which holiday hours apply."""
    rules: Rules = Rules()
    """Attention rules."""
    zones: Annotated[tuple[Zone, ...], Field(min_length=1)]
    """Zones of the centre."""
    entities: Annotated[tuple[Entity, ...], Field(min_length=1)]
    """Participating entities."""
    services: Annotated[tuple[Service, ...], Field(min_length=1)]
    """Services offered, each belonging to one entity."""
    modules: Annotated[tuple[Module, ...], Field(min_length=1)]
    """Attention modules."""
    displays: tuple[Display, ...] = ()
    """Call displays."""
    kiosks: tuple[Kiosk, ...] = ()
    """Ticket kiosks."""
    preferential_categories: tuple[PreferentialCategory, ...] = DEFAULT_PREFERENTIAL_CATEGORIES
    """Groups entitled to preferential attention."""
    assistance: tuple[AssistanceKind, ...] = DEFAULT_ASSISTANCE
    """Assistance a citizen may ask for; the modules that offer each list its code."""
    pcm: PcmSettings | None = None
    """Synchronisation with the PCM; null means none (a lab or training installation)."""
    power: PowerSettings = PowerSettings()
    """Power supervision."""
    checklist: Annotated[tuple[ChecklistZone, ...], Field(min_length=1)] = DEFAULT_CHECKLIST
    """The morning opening checklist by zone; by default the operating manual's."""

    _entities: dict[str, Entity] = PrivateAttr(default_factory=dict)
    _services: dict[str, Service] = PrivateAttr(default_factory=dict)
    _modules: dict[int, Module] = PrivateAttr(default_factory=dict)
    _holidays: dict[dt.date, Holiday] = PrivateAttr(default_factory=dict)
    _entity_services: dict[str, list[str]] = PrivateAttr(default_factory=dict)
    _zone_names: dict[str, str] = PrivateAttr(default_factory=dict)
    _service_locations: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _cross_references(self, info: ValidationInfo) -> CentreConfig:
        # The loader runs the same checks on the raw file to report each with its line;
        # code that builds a CentreConfig directly still gets them here.
        if (info.context or {}).get(CONTEXT_CROSS_CHECKED):
            return self
        issues = cross_check(self.model_dump())
        if issues:
            raise PydanticCustomError(
                "macturnos_config",
                "; ".join(f"{field_path(loc)}: {reason}" for loc, reason in issues),
            )
        return self

    @model_validator(mode="after")
    def _known_assistance(self) -> CentreConfig:
        # Checked here rather than in `cross_check`: a module offering an undeclared
        # assistance would silently never call the tickets that need it.
        declared = {a.code for a in self.assistance}
        if len(declared) != len(self.assistance):
            raise PydanticCustomError("macturnos_config", "assistance: códigos repetidos")
        for index, module in enumerate(self.modules):
            for code in module.assistance:
                if code not in declared:
                    raise PydanticCustomError(
                        "macturnos_config",
                        "{loc}: la asistencia «{code}» no figura en «assistance»",
                        {"loc": f"modules[{index}].assistance", "code": code},
                    )
        return self

    def model_post_init(self, context: Any, /) -> None:
        """Index the collections for the accessors."""
        self._entities = {entity.code: entity for entity in self.entities}
        self._services = {service.code: service for service in self.services}
        self._modules = {module.number: module for module in self.modules}
        self._holidays = {holiday.date: holiday for holiday in self.holidays}
        by_entity: dict[str, list[str]] = {entity.code: [] for entity in self.entities}
        for service in self.services:
            by_entity.setdefault(service.entity, []).append(service.code)
        self._entity_services = by_entity
        self._zone_names = {zone.code: zone.name for zone in self.zones}
        # Every ticket's JSON names its place: computed once, not per ticket.
        self._service_locations = {}
        for service in self.services:
            zones = {self._modules[n].zone for n in self.modules_serving(service.code)}
            names = [zone.name for zone in self.zones if zone.code in zones]
            if names:
                self._service_locations[service.code] = " / ".join(names)

    # --- Accessors ---------------------------------------------------------------------

    def entity(self, code: str) -> Entity:
        """The entity with this code; KeyError if there is none."""
        return self._entities[code]

    def service(self, code: str) -> Service:
        """The service with this code; KeyError if there is none."""
        return self._services[code]

    def module(self, number: int) -> Module:
        """The module with this number; KeyError if there is none."""
        return self._modules[number]

    def services_of_entity(self, entity_code: str) -> list[str]:
        """Codes of an entity's services in file order; KeyError for an unknown entity."""
        return list(self._entity_services[entity_code])

    def services_of_module(self, number: int) -> list[str]:
        """Codes of the services a module serves, resolving the "all of its entity" default."""
        module = self.module(number)
        if module.services is None:
            return self.services_of_entity(module.entity)
        return list(module.services)

    def modules_serving(self, service_code: str) -> list[int]:
        """Numbers of the modules that serve a service, in file order."""
        service = self.service(service_code)
        return [
            module.number
            for module in self.modules
            if module.entity == service.entity
            and (module.services is None or service_code in module.services)
        ]

    def assistance_kind(self, code: str) -> AssistanceKind:
        """The declared assistance with this code; KeyError if there is none."""
        for kind in self.assistance:
            if kind.code == code:
                return kind
        raise KeyError(code)

    def modules_offering(self, assistance: str, service_code: str) -> list[int]:
        """Numbers of the modules that serve a service and offer an assistance."""
        return [
            n for n in self.modules_serving(service_code) if assistance in self.module(n).assistance
        ]

    def module_location(self, number: int) -> str | None:
        """Where citizens find a module: its zone's name ("Planta 1 - Ala A"); None if unknown."""
        module = self._modules.get(number)
        return self._zone_names.get(module.zone) if module is not None else None

    def service_location(self, service_code: str) -> str | None:
        """Where a service is attended: the zones of the modules serving it, in file order.

        One zone gives its name; modules spread over several zones give every name
        ("Planta 1 - Ala A / Planta 2"), so the citizen knows each place the call may
        send them to (the call itself names the one module). None when no module
        serves it or the service is unknown.
        """
        return self._service_locations.get(service_code)

    def service_prefix(self, code: str) -> str:
        """Ticket prefix of a service: its own override or its entity's."""
        service = self.service(code)
        return service.prefix or self.entity(service.entity).prefix

    def service_target_wait(self, code: str) -> int:
        """Target waiting time of a service in minutes: its own or its entity's."""
        service = self.service(code)
        if service.target_wait_min is not None:
            return service.target_wait_min
        return self.entity(service.entity).target_wait_min

    def checklist_items(self) -> list[tuple[ChecklistZone, ChecklistItem]]:
        """Every checklist item with its zone, in file order."""
        return [(zone, item) for zone in self.checklist for item in zone.items]

    def holiday(self, day: dt.date) -> Holiday | None:
        """The declared holiday on that date, if any."""
        return self._holidays.get(day)

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        """Opening and closing time on a date, applying holidays; None when closed."""
        holiday = self._holidays.get(day)
        if holiday is not None:
            hours = None if holiday.closed else self.hours.holidays
        else:
            hours = self.hours.for_weekday(day.weekday())
        return None if hours is None else (hours.opens, hours.closes)
