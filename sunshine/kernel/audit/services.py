"""Writing to and verifying the audit chain. Every service that changes state calls
`record_event` inside its own transaction, so the change and its event commit together."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from sunshine.kernel import clock

from .models import AuditEvent, AuditHead

GENESIS = "0" * 64
_PG_LOCK_KEY = 72_616_001  # advisory lock id serialising appends on PostgreSQL


def digest(value: Any) -> str:
    """A stable SHA-256 of any JSON-able value (used for before/after snapshots)."""
    if value is None:
        return ""
    raw = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _row_material(event: AuditEvent) -> str:
    return json.dumps(
        [
            event.seq,
            # UTC: the database may hand the time back in another zone than it was written in.
            event.at.astimezone(dt.UTC).isoformat(),
            event.actor_id,
            event.actor_label,
            event.agency_id,
            event.action,
            event.object_type,
            str(event.object_id),
            event.summary,
            event.data,
            event.before_digest,
            event.after_digest,
            event.prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_row_material(event).encode()).hexdigest()


def _lock_head() -> AuditHead:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    return head


def record_event(
    *,
    action: str,
    actor=None,
    obj: Model | None = None,
    agency=None,
    summary: str = "",
    data: dict | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Append one event to the chain. Call it inside the service's transaction."""
    with transaction.atomic():
        head = _lock_head()
        if agency is None and obj is not None:
            agency = getattr(obj, "agency", None)
        actor_obj = actor if getattr(actor, "pk", None) else None
        event = AuditEvent(
            seq=head.seq + 1,
            at=clock.now(),
            actor=actor_obj,
            actor_label=(
                getattr(actor_obj, "audit_label", None) or str(actor_obj) if actor_obj else "system"
            )[:150],
            agency=agency,
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            summary=summary[:300],
            data=json.loads(json.dumps(data or {}, ensure_ascii=False, default=str)),
            before_digest=digest(before),
            after_digest=digest(after),
            prev_hash=head.hash,
        )
        event.hash = compute_hash(event)
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
        return event


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(batch: int = 2000) -> VerifyResult:
    """Recompute every hash in order; report the first row that does not fit."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, f"row seq={expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return VerifyResult(False, checked, event.seq, "prev_hash does not match")
        if compute_hash(event) != event.hash:
            return VerifyResult(False, checked, event.seq, "content does not match its hash")
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != checked or head_hash != expected_prev:
        return VerifyResult(False, checked, checked + 1, "newest rows were removed")
    return VerifyResult(True, checked)
