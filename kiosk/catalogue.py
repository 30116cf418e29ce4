"""What the kiosk offers, from the centre's configuration (GET /config): no Qt, no I/O."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from macturnos.hardware.settings import PrinterSettings


@dataclass(frozen=True)
class EntityItem:
    """An entity as a kiosk tile."""

    code: str
    name: str
    short_name: str
    colour: str
    logo: str | None = None


@dataclass(frozen=True)
class ServiceItem:
    """A service a citizen can pick."""

    code: str
    entity: str
    name: str
    mode: str = "walk_in"


@dataclass(frozen=True)
class CategoryItem:
    """A preferential category (Ley 28683) with its pictogram name."""

    code: str
    name: str
    icon: str


def fold(text: str) -> str:
    """Lower case without accents, so "renovacion" finds "Renovación"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Catalogue:
    """Entities, services and categories this kiosk offers, in the centre file's order."""

    centre_code: str
    centre_name: str
    timezone: ZoneInfo
    entities: list[EntityItem]
    services: list[ServiceItem]
    categories: list[CategoryItem]
    kiosk_name: str = ""
    languages: tuple[str, ...] = ("es", "qu", "en")
    public_url: str | None = None
    """Where phones open a ticket's page (the server's citizen's listener), for the QR."""
    assistance: dict[str, list[CategoryItem]] = field(default_factory=dict)
    """Service -> the assistance some module serving it offers (sign language, ...)."""
    printer: PrinterSettings = field(default_factory=PrinterSettings)

    @classmethod
    def from_config(cls, config: dict[str, Any], kiosk_code: str | None) -> Catalogue:
        """Build the offer of kiosk `kiosk_code` (its zone's services; all if unknown)."""
        kiosk = next((k for k in config.get("kiosks") or [] if k.get("code") == kiosk_code), None)
        zone = kiosk.get("zone") if kiosk else None
        offered = _services_in_zone(config, zone)
        services = [
            ServiceItem(
                code=s["code"],
                entity=s["entity"],
                name=s["name"],
                mode=s.get("mode") or "walk_in",
            )
            for s in config.get("services") or []
            if offered is None or s["code"] in offered
        ]
        with_services = {s.entity for s in services}
        entities = [
            EntityItem(
                code=e["code"],
                name=e["name"],
                short_name=e.get("short_name") or e["name"],
                colour=e.get("colour") or "#444444",
                logo=e.get("logo"),
            )
            for e in config.get("entities") or []
            if e["code"] in with_services
        ]
        categories = [
            CategoryItem(code=c["code"], name=c["name"], icon=c.get("icon") or "")
            for c in config.get("preferential_categories") or []
        ]
        centre = config.get("centre") or {}
        printer = PrinterSettings.model_validate((kiosk or {}).get("printer") or {})
        return cls(
            centre_code=str(centre.get("code", "")),
            centre_name=str(centre.get("name", "")),
            timezone=ZoneInfo(centre.get("timezone") or "America/Lima"),
            entities=entities,
            services=services,
            categories=categories,
            kiosk_name=(kiosk or {}).get("name", ""),
            public_url=config.get("public_url") or None,
            assistance=_assistance_by_service(config),
            languages=tuple((kiosk or {}).get("languages") or ("es", "qu", "en")),
            printer=printer,
        )

    def entity(self, code: str) -> EntityItem | None:
        """An entity by code."""
        return next((e for e in self.entities if e.code == code), None)

    def service(self, code: str) -> ServiceItem | None:
        """A service by code."""
        return next((s for s in self.services if s.code == code), None)

    def category(self, code: str | None) -> CategoryItem | None:
        """A preferential category by code."""
        return next((c for c in self.categories if c.code == code), None)

    def assistance_for(self, service: str) -> list[CategoryItem]:
        """The assistance a citizen of `service` may ask for (offered by one of its modules)."""
        return self.assistance.get(service, [])

    def services_of(self, entity: str) -> list[ServiceItem]:
        """An entity's services, in the file's order."""
        return [s for s in self.services if s.entity == entity]

    def search(self, text: str, limit: int = 50) -> list[ServiceItem]:
        """Services whose name or entity holds every word typed (accents and case ignored)."""
        words = fold(text).split()
        if not words:
            return []
        found = []
        for s in self.services:
            ent = self.entity(s.entity)
            haystack = fold(f"{s.name} {ent.short_name} {ent.name}" if ent else s.name)
            if all(w in haystack for w in words):
                found.append(s)
                if len(found) >= limit:
                    break
        # Matches in the service's own name first: "dni" should list RENIEC's DNI services.
        return sorted(found, key=lambda s: 0 if words[0] in fold(s.name) else 1)


def _assistance_by_service(config: dict[str, Any]) -> dict[str, list[CategoryItem]]:
    """Service -> the assistance kinds its modules offer, in the centre file's order."""
    kinds = [
        CategoryItem(code=a["code"], name=a["name"], icon=a.get("icon") or "")
        for a in config.get("assistance") or []
    ]
    by_entity: dict[str, list[str]] = {}
    for s in config.get("services") or []:
        by_entity.setdefault(s["entity"], []).append(s["code"])
    offered: dict[str, set[str]] = {}
    for m in config.get("modules") or []:
        for code in m.get("services") or by_entity.get(m["entity"], []):
            offered.setdefault(code, set()).update(m.get("assistance") or [])
    return {
        svc: [k for k in kinds if k.code in codes] for svc, codes in offered.items() if codes
    }


def _services_in_zone(config: dict[str, Any], zone: str | None) -> set[str] | None:
    """Codes of the services served by a module of `zone` (None: every service)."""
    if zone is None:
        return None
    by_entity: dict[str, list[str]] = {}
    for s in config.get("services") or []:
        by_entity.setdefault(s["entity"], []).append(s["code"])
    codes: set[str] = set()
    for m in config.get("modules") or []:
        if m.get("zone") == zone:
            codes.update(m.get("services") or by_entity.get(m["entity"], []))
    return codes
