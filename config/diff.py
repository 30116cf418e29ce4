"""Human-readable list of what changed between two configurations of a centre."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from macturnos.config import messages as m
from macturnos.config.models import (
    CentreConfig,
    DayHours,
    Display,
    Entity,
    Holiday,
    Kiosk,
    Module,
    PreferentialCategory,
    Service,
    Zone,
)
from macturnos.messages import t

_Item = TypeVar("_Item", bound=BaseModel)


def diff_configs(old: CentreConfig, new: CentreConfig) -> list[str]:
    """Spanish lines describing every change from `old` to `new`; empty when equal."""
    lines: list[str] = []
    for section in ("centre", "hours", "rules"):
        changes = _model_changes(getattr(old, section), getattr(new, section))
        if changes:
            lines.append(t(m.CHANGED[section], changes="; ".join(changes)))
    lines += _collection("holidays", old.holidays, new.holidays, _holiday_key, _holiday_label)
    lines += _collection("zones", old.zones, new.zones, _code_key, _code_label)
    lines += _collection("entities", old.entities, new.entities, _code_key, _code_label)
    lines += _collection(
        "services", old.services, new.services, _code_key, _service_label(new, old)
    )
    lines += _collection("modules", old.modules, new.modules, _module_key, _module_label)
    lines += _collection("displays", old.displays, new.displays, _code_key, _code_label)
    lines += _collection("kiosks", old.kiosks, new.kiosks, _code_key, _code_label)
    lines += _collection(
        "preferential_categories",
        old.preferential_categories,
        new.preferential_categories,
        _code_key,
        _code_label,
    )
    lines += _pcm_changes(old, new)
    changes = _model_changes(old.power, new.power)
    if changes:
        lines.append(t(m.CHANGED["power"], changes="; ".join(changes)))
    if old.checklist != new.checklist:
        lines.append(t(m.CHECKLIST_CHANGED))
    return lines


# --- Keyed collections ---------------------------------------------------------------------


def _code_key(item: Any) -> Hashable:
    return item.code


def _module_key(item: Module) -> Hashable:
    return item.number


def _holiday_key(item: Holiday) -> Hashable:
    return item.date


def _code_label(item: Zone | Entity | Display | Kiosk | PreferentialCategory) -> str:
    return t(m.CODE_NAME_LABEL, code=item.code, name=item.name)


def _holiday_label(item: Holiday) -> str:
    return t(m.CODE_NAME_LABEL, code=item.date.isoformat(), name=item.name)


def _module_label(item: Module) -> str:
    return t(m.MODULE_LABEL, number=item.number, entity=item.entity, zone=item.zone)


def _service_label(new: CentreConfig, old: CentreConfig) -> Callable[[Service], str]:
    """Label a service with its entity's short name, from whichever config declares it."""

    def label(item: Service) -> str:
        entity = item.entity
        for config in (new, old):
            try:
                entity = config.entity(item.entity).short_name
                break
            except KeyError:
                continue
        return t(m.SERVICE_LABEL, code=item.code, name=item.name, entity=entity)

    return label


def _collection(
    kind: str,
    old: Sequence[_Item],
    new: Sequence[_Item],
    key: Callable[[_Item], Hashable],
    label: Callable[[_Item], str],
) -> list[str]:
    """Added, removed and changed items of one list section, matched by their key."""
    old_by_key = {key(item): item for item in old}
    new_by_key = {key(item): item for item in new}
    lines: list[str] = []
    for item in new:
        if key(item) not in old_by_key:
            lines.append(t(m.ADDED[kind], label=label(item)))
    for item in old:
        if key(item) not in new_by_key:
            lines.append(t(m.REMOVED[kind], label=label(item)))
    for item in new:
        before = old_by_key.get(key(item))
        if before is not None and before != item:
            changes = _model_changes(before, item)
            lines.append(t(m.CHANGED[kind], key=key(item), changes="; ".join(changes)))
    return lines


def _pcm_changes(old: CentreConfig, new: CentreConfig) -> list[str]:
    if old.pcm == new.pcm:
        return []
    if old.pcm is None and new.pcm is not None:
        return [t(m.PCM_ENABLED, endpoint=new.pcm.endpoint)]
    if new.pcm is None:
        return [t(m.PCM_DISABLED)]
    assert old.pcm is not None
    return [t(m.CHANGED["pcm"], changes="; ".join(_model_changes(old.pcm, new.pcm)))]


# --- Field-level changes -------------------------------------------------------------------


def _model_changes(old: BaseModel, new: BaseModel, prefix: str = "") -> list[str]:
    """ "field: old → new" for every differing field, descending into nested settings."""
    changes: list[str] = []
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        label = prefix + _field_label(name)
        nested = (BaseModel,)
        if (
            isinstance(before, nested)
            and isinstance(after, nested)
            and not isinstance(after, DayHours)
            and type(before) is type(after)
        ):
            changes += _model_changes(before, after, prefix=label + " › ")
        elif isinstance(before, tuple) and isinstance(after, tuple):
            changes.append(f"{label}: {_list_change(before, after)}")
        else:
            changes.append(
                t(m.CHANGE, field=label, old=_value(name, before), new=_value(name, after))
            )
    return changes


def _field_label(name: str) -> str:
    label = m.FIELD_LABELS.get(name)
    return t(label) if label is not None else name


def _list_change(before: tuple[Any, ...], after: tuple[Any, ...]) -> str:
    added = [str(item) for item in after if item not in before]
    removed = [str(item) for item in before if item not in after]
    parts = []
    if added:
        parts.append(t(m.LIST_ADDED, items=", ".join(added)))
    if removed:
        parts.append(t(m.LIST_REMOVED, items=", ".join(removed)))
    if not parts:  # the same items in another order
        return f"{', '.join(map(str, before))} → {', '.join(map(str, after))}"
    return ", ".join(parts)


def _value(name: str, value: Any) -> str:
    """Readable form of a field value for the change list."""
    if value is None:
        label = m.NONE_LABELS.get(name, m.NONE_DEFAULT)
        return t(label)
    if isinstance(value, bool):
        return t(m.YES if value else m.NO)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DayHours | Path):
        return str(value)
    if name == "mode" and value in m.MODE_LABELS:
        return t(m.MODE_LABELS[value])
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, BaseModel):
        return _settings_summary(value)
    return str(value)


def _settings_summary(value: BaseModel) -> str:
    """Device settings as "key=value" for the fields that differ from the defaults."""
    defaults = type(value).model_fields
    parts = [
        f"{name}={getattr(value, name)}"
        for name, info in defaults.items()
        if not info.is_required() and getattr(value, name) != info.default
    ]
    return ", ".join(parts) if parts else t(m.DEFAULT_SETTINGS)
