"""Bounces (退信): the mail system's delivery status notifications (DSN, RFC 3464: a
multipart/report; report-type=delivery-status message whose message/delivery-status part
has one block of fields per recipient). A recipient with `Action: failed` and a permanent
status (5.x.x, RFC 3463) is a hard bounce; after settings.NOTIFY_HARD_BOUNCE_LIMIT (default 3)
of them the address is disabled: nothing more is sent to it (fan-out skips it, queued mail
fails with the reason). Soft bounces (4.x.x, delayed) are only counted by the mail server."""

import email
from dataclasses import dataclass
from email import policy

from django.conf import settings
from django.db import transaction

from sunshine.kernel import clock
from sunshine.kernel.audit.services import record_event

from .models import MailAddress

DEFAULT_LIMIT = 3


@dataclass(frozen=True)
class Bounce:
    address: str
    status: str
    hard: bool


def hard_bounce_limit() -> int:
    return int(getattr(settings, "NOTIFY_HARD_BOUNCE_LIMIT", DEFAULT_LIMIT))


def _field_blocks(part) -> list:
    """The per-message and per-recipient field blocks of a message/delivery-status part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package parses each block as a Message
        return payload
    blocks = []
    for chunk in str(payload).replace("\r\n", "\n").split("\n\n"):
        if chunk.strip():
            blocks.append(email.message_from_string(chunk.strip() + "\n"))
    return blocks


def parse_dsn(raw: bytes) -> list[Bounce]:
    message = email.message_from_bytes(raw, policy=policy.compat32)
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _field_blocks(part)[1:]:  # the first block is per-message
            recipient = block.get("Final-Recipient") or block.get("Original-Recipient") or ""
            address = recipient.split(";", 1)[-1].strip().strip("<>").lower()
            action = (block.get("Action") or "").strip().lower()
            status = (block.get("Status") or "").strip().split(" ")[0]
            if not address or "@" not in address:
                continue
            found.append(Bounce(address, status, action == "failed" and status.startswith("5")))
    return found


@transaction.atomic
def record_dsn(raw: bytes) -> list[Bounce]:
    """Count the report's hard bounces; disable addresses that reached the limit."""
    bounces = parse_dsn(raw)
    now, limit = clock.now(), hard_bounce_limit()
    for bounce in bounces:
        if not bounce.hard:
            continue
        state, _created = MailAddress.objects.select_for_update().get_or_create(
            address=bounce.address
        )
        state.hard_bounces += 1
        state.last_status, state.last_bounce_at = bounce.status, now
        if state.hard_bounces >= limit and state.disabled_at is None:
            state.disabled_at = now
            record_event(action="notify.address_disabled", obj=state, data={"n": limit})
        state.save()
    return bounces


@transaction.atomic
def enable_address(*, address: str) -> None:
    """The address works again (the person asked, or the staff checked): start counting anew."""
    MailAddress.objects.filter(address=address.lower()).update(hard_bounces=0, disabled_at=None)
