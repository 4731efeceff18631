"""期限计算器: the dates of an application computed from the days the applicant knows, with the
same engine and rules as the real clocks (kernel/deadlines/engine.py; rules foi.reply,
foi.correction_notice, foi.third_party). Public: the guide page and GET /api/v1/foi/deadline.

- The reply period (条例 Art. 33: 20 wd, one extension ≤ 20 wd) runs from the day the
  application is received (Art. 31) or, after 补正, from the day the corrected application is
  received (Art. 30) — a new start, not a pause.
- The 补正 notice is due 7 wd after receipt (Art. 30).
- Third-party consultation (Art. 32/33): the days after the request was sent up to and
  including the answer are not counted; without an answer the pause ends by itself when the
  third party's 15 wd run out.
Every count starts the day after its start day (rules.md §1)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.deadlines import engine
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.workcalendar.calendar import (
    FIRST_DAY,
    WorkCalendar,
    current_calendar,
    end_of_day,
)

REPLY, CORRECTION_NOTICE, THIRD_PARTY = "foi.reply", "foi.correction_notice", "foi.third_party"
LAST_DAY = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Deadlines:
    reply_due: dt.date
    correction_notice_due: dt.date
    third_party_due: dt.date | None
    provisional: bool

    def as_dict(self) -> dict:
        return {
            "reply_due": self.reply_due.isoformat(),
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "third_party_due": self.third_party_due.isoformat() if self.third_party_due else None,
            "provisional": self.provisional,
        }


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def due(cal: WorkCalendar, rule: str, start: dt.date, *, extra: int = 0, pauses=()) -> engine.Due:
    """One clock of `rule` started on `start`, as the kernel computes it; `pauses` are
    (from day, to day) pairs whose days after `from` up to and including `to` are not counted."""
    definition = get_rule(rule)
    return engine.compute_due(
        cal,
        unit=definition.unit,
        started_at=_moment(start),
        length=definition.length + extra,
        pauses=[
            {"from": _moment(a).isoformat(), "to": end_of_day(b).isoformat()} for a, b in pauses
        ],
    )


def third_party_pause_end(cal: WorkCalendar, sent: dt.date, answered: dt.date | None):
    """The last day of a third-party pause: the answer, or the end of the 15 wd without one
    (an answer after that does not stop the clock any longer). Also returns the 15-wd due."""
    lapse = due(cal, THIRD_PARTY, sent)
    lapse_day = timezone.localdate(lapse.due_at)
    end = lapse_day if answered is None else min(answered, lapse_day)
    return end, lapse


def compute(
    *,
    received: dt.date,
    correction_received: dt.date | None = None,
    third_party_sent: dt.date | None = None,
    third_party_answered: dt.date | None = None,
    extension: int = 0,
) -> Deadlines:
    cal = current_calendar()
    notice = due(cal, CORRECTION_NOTICE, received)
    start = correction_received or received
    pauses, third_due, provisional = [], None, notice.provisional
    if third_party_sent is not None:
        end, lapse = third_party_pause_end(cal, third_party_sent, third_party_answered)
        pauses.append((third_party_sent, end))
        third_due, provisional = timezone.localdate(lapse.due_at), provisional or lapse.provisional
    reply = due(cal, REPLY, start, extra=extension, pauses=pauses)
    return Deadlines(
        reply_due=timezone.localdate(reply.due_at),
        correction_notice_due=timezone.localdate(notice.due_at),
        third_party_due=third_due,
        provisional=provisional or reply.provisional,
    )


LABELS = {
    "received": gettext_lazy("收到申请日期"),
    "correction_received": gettext_lazy("收到补正申请日期"),
    "third_party_sent": gettext_lazy("征求第三方意见日期"),
    "third_party_answered": gettext_lazy("第三方答复日期"),
    "extension": gettext_lazy("延长答复期限"),
}


def _label(name: str) -> str:
    return str(LABELS[name])


def _date(params: dict, name: str, errors: dict, *, required=False) -> dt.date | None:
    raw = str(params.get(name) or "").strip()
    if not raw:
        if required:
            errors[name] = [_("请填写%(label)s。") % {"label": _label(name)}]
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        errors[name] = [_("%(label)s应为 YYYY-MM-DD 格式的日期。") % {"label": _label(name)}]
        return None
    if not FIRST_DAY <= value <= LAST_DAY:
        errors[name] = [
            _("%(label)s应在 %(first)s 到 %(last)s 之间。")
            % {"label": _label(name), "first": FIRST_DAY.isoformat(), "last": LAST_DAY}
        ]
        return None
    return value


def _not_before(errors, name, value, other_name, other):
    if value is not None and other is not None and value < other and name not in errors:
        errors[name] = [
            _("%(label)s不能早于%(other)s。") % {"label": _label(name), "other": _label(other_name)}
        ]


def check_input(params: dict) -> dict:
    """Validate the calculator's parameters (strings, as typed); ValidationError by field in
    the active language."""
    errors: dict[str, list[str]] = {}
    received = _date(params, "received", errors, required=True)
    correction = _date(params, "correction_received", errors)
    sent = _date(params, "third_party_sent", errors)
    answered = _date(params, "third_party_answered", errors)
    raw_extension = str(params.get("extension") or "0").strip()
    max_extension = get_rule(REPLY).max_extension_length or 0
    try:
        extension = int(raw_extension)
        if not 0 <= extension <= max_extension:
            raise ValueError
    except ValueError:
        extension = 0
        errors["extension"] = [
            _("%(label)s应为 0 到 %(n)s 之间的整数（工作日）。")
            % {"label": _label("extension"), "n": max_extension}
        ]
    _not_before(errors, "correction_received", correction, "received", received)
    _not_before(errors, "third_party_sent", sent, "received", received)
    _not_before(errors, "third_party_sent", sent, "correction_received", correction)
    _not_before(errors, "third_party_answered", answered, "third_party_sent", sent)
    if answered is not None and sent is None and "third_party_answered" not in errors:
        errors["third_party_answered"] = [
            _("填写%(label)s时须同时填写%(other)s。")
            % {"label": _label("third_party_answered"), "other": _label("third_party_sent")}
        ]
    if errors:
        raise ValidationError(errors)
    return {
        "received": received,
        "correction_received": correction,
        "third_party_sent": sent,
        "third_party_answered": answered,
        "extension": extension,
    }


def calculate(params: dict) -> Deadlines:
    return compute(**check_input(params))
