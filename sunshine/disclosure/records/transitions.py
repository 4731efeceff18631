"""The workflow acts of a record by name — the one table both shells use (the workbench's
buttons, the API's POST /records/{id}/transitions/{name}).

`apply_transition(record, name, actor=..., data=...)` runs the records service of that name
with `data["comment"]`, and for some a time (`scheduled_at`) or a date (`on`). Values may be
typed (the API) or the strings a form posts (the workbench); a value that cannot be read is a
ValidationError naming its field. An unknown name is `UnknownTransition` (a ValidationError
with a user-facing message; shells show it as "not found"), never KeyError or TypeError."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import services

# name -> service(record=, actor=, comment=)
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
# name -> service(record=, actor=, comment=, on=) (on: the date it takes effect, default today)
DATED = {"repeal": services.repeal, "expire": services.expire}
# Acts with a page of their own (they change fields, see services.revise), not a button.
ON_OWN_PAGE = frozenset({"revise"})
NAMES = frozenset(SIMPLE) | frozenset(DATED) | {"schedule"}


class UnknownTransition(ValidationError):
    def __init__(self, name: str):
        super().__init__(
            _("没有这个办理环节：%(name)s。") % {"name": name}, code="unknown_transition"
        )


def _moment(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime) or value is None:
        return value
    try:
        return dt.datetime.fromisoformat(str(value).strip())  # naive: Beijing wall time
    except ValueError:
        return None


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date) or value is None:
        return value
    raw = str(value).strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({"on": _("请填写有效的日期。")}) from None


def apply_transition(record, name: str, *, actor, data) -> str:
    """Apply transition `name` to `record` as `actor`; returns its label. `data` is a mapping
    (a dict or a QueryDict) with `comment`, and `scheduled_at` (schedule) or `on`
    (repeal / expire). Refusals are the services' ValidationError / PermissionDenied."""
    if name not in NAMES:
        raise UnknownTransition(name)
    comment = (data.get("comment") or "").strip()
    if name == "schedule":
        at = _moment(data.get("scheduled_at"))
        if at is None:
            raise ValidationError({"scheduled_at": _("请填写定时发布的日期和时间。")})
        services.schedule(record=record, actor=actor, at=at, comment=comment)
    elif name in DATED:
        DATED[name](record=record, actor=actor, comment=comment, on=_day(data.get("on")))
    else:
        SIMPLE[name](record=record, actor=actor, comment=comment)
    return str(record.workflow.get(name).label)
