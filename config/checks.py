"""Cross-reference checks of a centre's configuration (codes, references, coverage).

They run on the raw mapping read from the file, before and independently of field
validation, so that every problem is reported at once; malformed items are skipped here
because field validation already reports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from macturnos.config import messages as m
from macturnos.messages import t

Loc = tuple[str | int, ...]
"""A location in the file: keys and list indexes, e.g. ("services", 12, "entity")."""

Problem = tuple[Loc, str]
"""A location and the Spanish reason of the problem found there."""


def field_path(loc: Sequence[str | int]) -> str:
    """Render a location as a dotted path with indexes, e.g. services[12].entity."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _items(data: Mapping[str, Any], section: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """The mapping items of a list section with their indexes, skipping malformed ones."""
    value = data.get(section)
    if not isinstance(value, list | tuple):
        return
    for index, item in enumerate(value):
        if isinstance(item, Mapping):
            yield index, item


def _code_of(item: Mapping[str, Any], key: str = "code") -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) else None


def _module_number(item: Mapping[str, Any]) -> int | None:
    value = item.get("number")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value)
    return None


def _holiday_date(item: Mapping[str, Any]) -> dt.date | None:
    value = item.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _unique(
    data: Mapping[str, Any], section: str, key: str, message: str, problems: list[Problem]
) -> None:
    """Report every repeated value of `key` within a list section."""
    first: dict[object, Loc] = {}
    for index, item in _items(data, section):
        if section == "modules":
            value: object = _module_number(item)
        elif section == "holidays":
            value = _holiday_date(item)
        else:
            value = _code_of(item, key)
        if value is None:
            continue
        loc: Loc = (section, index, key)
        if value in first:
            problems.append((loc, t(message, value=value, first=field_path(first[value][:2]))))
        else:
            first[value] = loc


def cross_check(data: Mapping[str, Any]) -> list[Problem]:
    """All cross-reference problems of a configuration mapping, in file order."""
    problems: list[Problem] = []
    for section in (
        "zones",
        "entities",
        "services",
        "displays",
        "kiosks",
        "preferential_categories",
    ):
        _unique(data, section, "code", m.DUPLICATE_CODE, problems)
    _unique(data, "modules", "number", m.DUPLICATE_MODULE, problems)
    _unique(data, "holidays", "date", m.DUPLICATE_DATE, problems)

    zones = {code for _, item in _items(data, "zones") if (code := _code_of(item))}
    entities = {code for _, item in _items(data, "entities") if (code := _code_of(item))}
    _check_prefixes(data, problems)

    service_entity: dict[str, str] = {}
    for index, item in _items(data, "services"):
        code, entity = _code_of(item), _code_of(item, "entity")
        if entity is not None and entity not in entities:
            problems.append((("services", index, "entity"), t(m.UNKNOWN_ENTITY, value=entity)))
        if code is not None and entity is not None:
            service_entity.setdefault(code, entity)

    served = _check_modules(data, zones, entities, service_entity, problems)
    _check_checklist(data, problems)

    for section in ("displays", "kiosks"):
        for index, item in _items(data, section):
            zone = _code_of(item, "zone")
            if zone is not None and zone not in zones:
                problems.append(((section, index, "zone"), t(m.UNKNOWN_ZONE, value=zone)))

    for index, item in _items(data, "services"):
        code, entity = _code_of(item), _code_of(item, "entity")
        walk_in = item.get("mode", "walk_in") == "walk_in"
        if walk_in and code and entity in entities and code not in served:
            problems.append((("services", index), t(m.UNSERVED_SERVICE, value=code)))

    problems.sort(key=lambda problem: _order(problem[0]))
    return problems


def _check_prefixes(data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Entity prefixes are unique; a service's own prefix clashes with no other prefix."""
    first: dict[str, Loc] = {}
    for section in ("entities", "services"):
        for index, item in _items(data, section):
            prefix = _code_of(item, "prefix")
            if prefix is None:
                continue
            loc: Loc = (section, index, "prefix")
            if prefix in first:
                reason = t(m.DUPLICATE_PREFIX, value=prefix, first=field_path(first[prefix][:2]))
                problems.append((loc, reason))
            else:
                first[prefix] = loc


def _check_modules(
    data: Mapping[str, Any],
    zones: set[str],
    entities: set[str],
    service_entity: Mapping[str, str],
    problems: list[Problem],
) -> set[str]:
    """Check each module's references; return the codes of the services some module serves."""
    services_by_entity: dict[str, list[str]] = {}
    for code, its_entity in service_entity.items():
        services_by_entity.setdefault(its_entity, []).append(code)

    served: set[str] = set()
    for index, item in _items(data, "modules"):
        entity, zone = _code_of(item, "entity"), _code_of(item, "zone")
        if zone is not None and zone not in zones:
            problems.append((("modules", index, "zone"), t(m.UNKNOWN_ZONE, value=zone)))
        if entity is not None and entity not in entities:
            problems.append((("modules", index, "entity"), t(m.UNKNOWN_ENTITY, value=entity)))
            continue
        listed = item.get("services")
        if listed is None:
            if entity is not None:
                own = services_by_entity.get(entity, [])
                if not own:
                    reason = t(m.MODULE_WITHOUT_SERVICES, value=entity)
                    problems.append((("modules", index, "entity"), reason))
                served.update(own)
            continue
        if not isinstance(listed, list | tuple):
            continue
        for position, code in enumerate(listed):
            if not isinstance(code, str):
                continue
            loc: Loc = ("modules", index, "services", position)
            owner = service_entity.get(code)
            if owner is None:
                problems.append((loc, t(m.UNKNOWN_SERVICE, value=code)))
            elif owner not in entities:
                continue  # the service's own entity reference is already reported
            elif entity is not None and owner != entity:
                reason = t(m.SERVICE_OF_OTHER_ENTITY, value=code, owner=owner, entity=entity)
                problems.append((loc, reason))
            else:
                served.add(code)
    return served


# Probes whose item the opening protocol makes blocking: without internet or
# electric power the centre does not open.
_BLOCKING_PROBES = frozenset({"internet", "power"})


def _check_checklist(data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Zone and item codes are unique, each probe feeds one item, internet and power block."""
    _unique(data, "checklist", "code", m.DUPLICATE_CODE, problems)
    first_code: dict[str, Loc] = {}
    first_probe: dict[str, Loc] = {}
    for zone_index, zone in _items(data, "checklist"):
        for index, item in _items(zone, "items"):
            loc: Loc = ("checklist", zone_index, "items", index)
            code, probe = _code_of(item), _code_of(item, "probe")
            if code is not None:
                if code in first_code:
                    reason = t(m.DUPLICATE_CODE, value=code, first=field_path(first_code[code]))
                    problems.append(((*loc, "code"), reason))
                else:
                    first_code[code] = loc
            if probe is None:
                continue
            if probe in first_probe:
                reason = t(m.DUPLICATE_PROBE, value=probe, first=field_path(first_probe[probe]))
                problems.append(((*loc, "probe"), reason))
            else:
                first_probe[probe] = loc
            if probe in _BLOCKING_PROBES and item.get("blocking", False) is not True:
                problems.append(((*loc, "blocking"), t(m.PROBE_MUST_BLOCK, value=probe)))


_SECTION_ORDER = (
    "schema_version",
    "centre",
    "hours",
    "holidays",
    "rules",
    "zones",
    "entities",
    "services",
    "modules",
    "displays",
    "kiosks",
    "preferential_categories",
    "pcm",
    "power",
    "checklist",
)


def _order(loc: Loc) -> tuple[int, tuple[str, ...]]:
    """Sort key that keeps problems in section order, then by position."""
    head = loc[0] if loc else ""
    rank = _SECTION_ORDER.index(head) if head in _SECTION_ORDER else len(_SECTION_ORDER)
    return rank, tuple(f"{part:08d}" if isinstance(part, int) else part for part in loc[1:])
