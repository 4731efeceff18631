"""Import of historical messages (e.g. the taidi2020 message board export): idempotent by
(source, external_id), no clocks (the deadlines of 2019 are long gone), published with the
personal data masked. One audit event per import batch is the caller's job (the import
command), not one per row."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sunshine.kernel.accounts.masking import mask_personal_data

from .models import BODY_MAX, SUBJECT_MAX, Message, MessageReply, MessageSource
from .workflow import MessageState


def _clean(text: str) -> str:
    """The scraper's leading tabs/newlines and full-width spaces go; inner line breaks stay."""
    lines = [line.replace("\u3000", " ").strip() for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def import_historical_message(
    *,
    source: str,
    external_id: str,
    subject: str,
    body: str,
    submitted_at: dt.datetime,
    author_label: str,
    category: str = "",
    agency=None,
    reply_body: str = "",
    replied_at: dt.datetime | None = None,
    votes_up: int = 0,
    votes_down: int = 0,
) -> tuple[Message, bool]:
    """Create the message (and its reply) unless (source, external_id) exists already; returns
    (message, created). With a reply the message is closed (办结) at the reply's time; without
    one it is archived (历史留言: no clock, not in any queue, not an "unanswered" message).
    Both are published, masked."""
    external_id = str(external_id or "").strip()
    if not external_id:
        raise ValidationError(_("历史留言需要外部编号。"))
    if source not in MessageSource.values:
        raise ValidationError(_("未知的留言来源：%(source)s") % {"source": source})
    existing = Message.objects.filter(source=source, external_id=external_id).first()
    if existing is not None:
        return existing, False
    if submitted_at is None or submitted_at.tzinfo is None:
        raise ValidationError(_("留言时间须为带时区的时间。"))
    subject = _clean(subject).replace("\n", " ")[:SUBJECT_MAX] or _("（无主题）")
    body = _clean(body)[: BODY_MAX * 4]
    reply_body = _clean(reply_body)
    replied = bool(reply_body)
    reply_at = replied_at or submitted_at if replied else None
    message = Message(
        agency=agency,
        category=category or "",
        subject=subject,
        body=body,
        author=None,
        author_label=(author_label or "")[:60],
        is_public=True,
        state=MessageState.CLOSED if replied else MessageState.ARCHIVED,
        submitted_at=submitted_at,
        assigned_at=submitted_at if agency is not None else None,
        replied_at=reply_at,
        closed_at=reply_at,
        votes_up=max(int(votes_up or 0), 0),
        votes_down=max(int(votes_down or 0), 0),
        source=source,
        external_id=external_id,
        is_published=True,
        published_at=reply_at or submitted_at,
        public_subject=mask_personal_data(subject)[:SUBJECT_MAX],
        public_body=mask_personal_data(body),
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # imported by a concurrent run between the check and the insert
        return Message.objects.get(source=source, external_id=external_id), False
    if replied:
        MessageReply.objects.create(
            message=message,
            agency=agency,
            body=reply_body,
            replied_at=reply_at,
            author=None,
            is_published=True,
            published_body=mask_personal_data(reply_body),
        )
    return message, True
