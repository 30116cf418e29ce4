"""Catalogue updates from the PCM: kept as an offer, applied only when a supervisor accepts.

The PCM publishes the sections it owns (services, hours, holidays). They are
merged into the centre file, validated, and shown as a difference
(`macturnos.config.diff_configs`); accepting writes the new file atomically and
puts it in force with the existing reload.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from sqlalchemy import CursorResult, select, update

from macturnos.config import CentreConfig, ConfigError, diff_configs, load_centre
from macturnos.messages import message
from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.db.sync_models import CatalogueOffer, SyncState
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event
from macturnos.server.reload import put_in_force
from macturnos.server.sync.client import PcmError
from macturnos.server.sync.state import DOWNLOAD, state_row

log = logging.getLogger("macturnos.sync")

CATALOGUE_SECTIONS = ("services", "hours", "holidays")
"""The parts of the centre file the PCM owns; zones, modules and devices stay local."""


def merged_text(source: Path, sections: dict[str, Any]) -> str:
    """The centre file with the PCM's sections put in place (comments elsewhere kept)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of the shipped centre files
    data = yaml.load(source.read_text(encoding="utf-8"))
    for key in CATALOGUE_SECTIONS:
        if key in sections:
            data[key] = sections[key]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _validated(source: Path, text: str) -> tuple[CentreConfig, Path]:
    """Validate `text` as the centre file beside `source`; returns it and the temp file."""
    fd, tmp = tempfile.mkstemp(prefix=".pcm-offer-", suffix=".yaml", dir=source.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    try:
        return load_centre(tmp), Path(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


MAX_SHOWN_PROBLEMS = 3
"""Problems of an invalid offer shown by name; the follow-on ones are only counted."""


def problem_text(version: str, err: ConfigError) -> str:
    """Why an offer is invalid, naming the offer: its own problems, the follow-on ones counted.

    The file checked is a temporary copy, so its name and lines mean nothing to a
    supervisor (issue 16, item 13); the field paths do. A wrong section usually
    breaks the centre's own sections too (a module serving a removed service):
    the problems in the PCM's sections are the cause, shown first, the others follow.
    """
    issues = err.issues
    own = [i for i in issues if _section(i.field) in CATALOGUE_SECTIONS]
    shown = (own or issues)[:MAX_SHOWN_PROBLEMS]
    lines = [f"{i.field}: {i.reason}" if i.field else i.reason for i in shown]
    detail = "; ".join(lines)
    if len(issues) > len(shown):
        detail = f"{detail} {message('CATALOGUE_OFFER_MORE', cantidad=len(issues) - len(shown))}"
    return message("CATALOGUE_OFFER_PROBLEM", version=version, detalle=detail)


def _section(field: str) -> str:
    """The top-level key of a dotted field path ("services[3].entity" -> "services")."""
    return field.split(".", 1)[0].split("[", 1)[0]


def evaluate(
    ctx: ServerContext, sections: dict[str, Any], version: str
) -> tuple[list[str], str | None]:
    """The Spanish difference the sections would make, or the reason they are invalid."""
    source = ctx.runtime.source
    if source is None:
        return [], "sin archivo de configuración"
    try:
        new, tmp = _validated(Path(source), merged_text(Path(source), sections))
    except ConfigError as err:
        return [], problem_text(version, err)
    except OSError as err:
        return [], message("CATALOGUE_OFFER_PROBLEM", version=version, detalle=err.strerror)
    except ValueError as err:
        return [], message("CATALOGUE_OFFER_PROBLEM", version=version, detalle=str(err))
    tmp.unlink(missing_ok=True)
    return diff_configs(ctx.runtime.setup.config, new), None


def consider(ctx: ServerContext, doc: dict[str, Any]) -> CatalogueOffer | None:
    """Turn a downloaded catalogue into a pending offer when its version is new and changes something.

    No version (nothing published) is nothing to consider; a version that is not
    text (YAML's `version: 2026.10` is the number 2026.1) is refused with its
    reason rather than ignored (issue 16, item 13).
    """
    version = doc.get("version")
    if version is None:
        return None
    if not isinstance(version, str) or not version.strip():
        raise PcmError("SYNC_BAD_CATALOGUE_VERSION", version=repr(version)[:40])
    sections = {k: v for k, v in (doc.get("sections") or {}).items() if k in CATALOGUE_SECTIONS}
    with ctx.db.read() as s:
        row = s.get(SyncState, DOWNLOAD)
        if row is not None and row.version == version:
            return None
    lines, error = evaluate(ctx, sections, version)
    with ctx.db.write() as s:
        now = ctx.wall_now()
        state_row(s, DOWNLOAD).version = version
        if error is None and not lines:
            return None  # the centre already has this catalogue
        s.execute(
            update(CatalogueOffer)
            .where(CatalogueOffer.status == "pending")
            .values(status="superseded", decided_at=now, decided_by="system:pcm-sync")
        )
        offer = CatalogueOffer(
            version=version,
            received_at=now,
            sections=sections,
            changes={"lines": lines},
            status="invalid" if error else "pending",
            error=error,
        )
        s.add(offer)
        at = ctx.clock.now()
        append_event(
            s,
            kind="catalogue.offered",
            actor="system:pcm-sync",
            at=at,
            day=ctx.runtime.setup.day_of(at),
            data={"version": version, "changes": len(lines), "valid": error is None},
        )
    if error:
        log.warning("PCM catalogue %s is invalid for this centre", version)
    else:
        log.info("PCM catalogue %s offered: %d changes", version, len(lines))
    return offer


def offer_json(offer: CatalogueOffer) -> dict[str, Any]:
    """What the supervisor sees of an offer."""
    return {
        "id": offer.id,
        "version": offer.version,
        "received_at": offer.received_at.isoformat(),
        "status": offer.status,
        "changes": list(offer.changes.get("lines", [])),
        "error": offer.error,
    }


def current_offer(ctx: ServerContext) -> dict[str, Any] | None:
    """The newest pending or invalid offer, with its difference against the configuration now."""
    with ctx.db.read() as s:
        offer = s.scalar(
            select(CatalogueOffer)
            .where(CatalogueOffer.status.in_(("pending", "invalid")))
            .order_by(CatalogueOffer.id.desc())
            .limit(1)
        )
    if offer is None:
        return None
    answer = offer_json(offer)
    if offer.status == "pending":
        # The configuration may have changed since the offer came: show today's difference.
        lines, error = evaluate(ctx, offer.sections, offer.version)
        answer["changes"], answer["error"] = lines, error
    return answer


def _pending(ctx: ServerContext, offer_id: int) -> CatalogueOffer:
    with ctx.db.read() as s:
        offer = s.get(CatalogueOffer, offer_id)
    if offer is None or offer.status != "pending":
        raise ApiError("NO_PENDING_OFFER")
    return offer


def _write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text`: a reader finds the old file or the new one, never half."""
    fd, tmp = tempfile.mkstemp(prefix=".pcm-restore-", suffix=".yaml", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def accept(ctx: ServerContext, actor: Actor, offer_id: int) -> dict[str, Any]:
    """Write the offered sections into the centre file and put it in force.

    One transaction claims the offer and logs `config.reloaded` and
    `catalogue.accepted`; the running server takes the new configuration
    once it commits (`server.reload.put_in_force`).
    """
    offer = _pending(ctx, offer_id)
    source = ctx.runtime.source
    if source is None:
        raise ApiError("CATALOGUE_OFFER_INVALID", detalle="sin archivo de configuración")
    path = Path(source)
    old_text = path.read_text(encoding="utf-8")
    try:
        new, tmp = _validated(path, merged_text(path, offer.sections))
    except ConfigError as err:
        raise ApiError("CATALOGUE_OFFER_INVALID", detalle=problem_text(offer.version, err)) from err
    # The file is replaced last, just before the commit, and put back if the commit
    # fails, so the file and the log agree:
    # - a refusal or an error before it leaves the old file and the offer pending;
    # - a failed commit after it puts the old file back (atomically too);
    # - a crash between the rename and the commit leaves the new file with the offer
    #   still pending: the restarted server runs the file, the offer then shows no
    #   difference, and accepting it again logs the acceptance. The other order
    #   could lose an accepted catalogue (committed, then the rename never done).
    replaced = False
    try:
        with ctx.db.write() as s:
            # Claim the offer: two supervisors cannot both apply it.
            claim = s.execute(
                update(CatalogueOffer)
                .where(CatalogueOffer.id == offer_id, CatalogueOffer.status == "pending")
                .values(status="accepted", decided_at=ctx.wall_now(), decided_by=actor.label)
            )
            claimed = cast(CursorResult[Any], claim).rowcount
            if not claimed:
                raise ApiError("NO_PENDING_OFFER")
            changes = put_in_force(s, ctx, actor, new)
            now = ctx.clock.now()
            append_event(
                s,
                kind="catalogue.accepted",
                actor=actor.label,
                at=now,
                day=ctx.runtime.setup.day_of(now),
                data={"version": offer.version, "changes": changes},
            )
            s.flush()  # any database error shows here, before the file is touched
            os.replace(tmp, path)  # atomic: the file is the old one or the new one
            replaced = True
            _sync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if replaced:
            _write_atomically(path, old_text)
        raise
    log.info("PCM catalogue %s accepted: %d changes", offer.version, len(changes))
    return {"accepted": True, "version": offer.version, "changes": changes}


def reject(ctx: ServerContext, actor: Actor, offer_id: int) -> dict[str, Any]:
    """Decline an offer; the configuration stays as it is."""
    with ctx.db.write() as s:
        offer = s.get(CatalogueOffer, offer_id)
        if offer is None or offer.status not in ("pending", "invalid"):
            raise ApiError("NO_PENDING_OFFER")
        offer.status = "rejected"
        offer.decided_at = ctx.wall_now()
        offer.decided_by = actor.label
        now = ctx.clock.now()
        append_event(
            s,
            kind="catalogue.rejected",
            actor=actor.label,
            at=now,
            day=ctx.runtime.setup.day_of(now),
            data={"version": offer.version},
        )
    return {"rejected": True, "version": offer.version}
