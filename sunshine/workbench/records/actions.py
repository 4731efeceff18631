"""The workflow buttons of the record page: one POST per transition, dispatched to the records
service of the same name with the comment and, for some, a time or a date."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from sunshine.disclosure.records import services
from sunshine.disclosure.records.models import DisclosureRecord

from .forms import parse_date, parse_local_datetime

SIMPLE = {
    "submit": services.submit,
    "review": services.review,
    "sign_off": services.sign_off,
    "reject": services.reject,
    "publish": services.publish,
    "unschedule": services.unschedule,
    "file": services.file_record,
    "withdraw": services.withdraw,
}
VALIDITY = {"repeal": services.repeal, "expire": services.expire}
# Transitions with their own page rather than a button.
ON_OWN_PAGE = frozenset({"revise"})
NAMES = frozenset(SIMPLE) | frozenset(VALIDITY) | {"schedule"}


class ActionError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


def perform(record: DisclosureRecord, name: str, *, actor, data) -> str:
    """Apply transition `name`; returns its label. ActionError with the service's messages."""
    if name not in NAMES:
        raise Http404
    comment = (data.get("comment") or "").strip()
    try:
        if name == "schedule":
            at = parse_local_datetime(data.get("scheduled_at", ""))
            if at is None:
                raise ValidationError({"scheduled_at": _("请填写定时发布的日期和时间。")})
            services.schedule(record=record, actor=actor, at=at, comment=comment)
        elif name in VALIDITY:
            raw = (data.get("on") or "").strip()
            on = parse_date(raw) if raw else None
            if raw and on is None:
                raise ValidationError({"on": _("请填写有效的日期。")})
            VALIDITY[name](record=record, actor=actor, comment=comment, on=on)
        else:
            SIMPLE[name](record=record, actor=actor, comment=comment)
    except ValidationError as exc:
        raise ActionError(_messages(exc)) from None
    return str(record.workflow.get(name).label)
