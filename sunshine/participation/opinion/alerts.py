"""Overdue opinion clocks (and 会商 parts not answered in time) alert the general office
(rules.md §8; 国办发〔2016〕80号).

The kernel's sweep already alerts the staff of the clock's agency. The general office
(办公厅; the supervisor role) must hear of an overdue opinion clock too: this periodic job
(every 5 minutes, apps.py) sends each supervisor one inbox notification per overdue clock and
due time, and stores what it sent (`OverdueNotice`), so running it again sends nothing. Each
clock is handled in its own transaction: one failure leaves the others done."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock as time_source
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.notify.services import notify

from .clocks import COORDINATION_REPLY
from .models import CoordinationPart, OpinionEvent, OverdueNotice
from .selectors import (
    coordination_url,
    event_url,
    general_office_supervisors,
    overdue_opinion_clocks,
)

logger = logging.getLogger(__name__)


def _notify_one(clock, supervisors) -> bool:
    with transaction.atomic():
        if OverdueNotice.objects.filter(clock=clock, due_at=clock.due_at).exists():
            return False
        if clock.rule == COORDINATION_REPLY:
            return _notify_part(clock, supervisors)
        event = OpinionEvent.objects.select_related("responsible_agency").get(pk=clock.object_id)
        notice = OverdueNotice.objects.create(
            clock=clock,
            due_at=clock.due_at,
            event=event,
            notified_at=time_source.now(),
            recipients=len(supervisors),
        )
        due = timezone.localtime(clock.due_at)
        notify(
            event="opinion.overdue",
            recipients=supervisors,
            subject=_("舆情回应逾期：%(rule)s — %(title)s")
            % {"rule": clock.rule_label, "title": event.title},
            body=_(
                "%(agency)s 负责的舆情事件“%(title)s”（%(level)s）的%(rule)s已于 %(due)s "
                "到期，尚未回应。"
            )
            % {
                "agency": event.responsible_agency.name,
                "title": event.title,
                "level": event.get_level_display(),
                "rule": clock.rule_label,
                "due": f"{due:%Y-%m-%d %H:%M}",
            },
            obj=event,
            url=event_url(event),
        )
        record_event(
            action="opinion.overdue_notice",
            obj=event,
            summary=clock.rule_label,
            data={"clock": clock.pk, "rule": clock.rule, "recipients": notice.recipients},
        )
    return True


def _notify_part(clock, supervisors) -> bool:
    """A 会商 part is overdue: the kernel sweep told the invited agency; the general office
    (which 组织协调, 国办发〔2016〕61号 一) and the convenor who opened the 会商 hear it here."""
    part = CoordinationPart.objects.select_related(
        "agency", "coordination__event", "coordination__opened_by"
    ).get(pk=clock.object_id)
    coordination, event = part.coordination, part.coordination.event
    recipients = list({u.pk: u for u in [*supervisors, coordination.opened_by]}.values())
    notice = OverdueNotice.objects.create(
        clock=clock,
        due_at=clock.due_at,
        event=event,
        notified_at=time_source.now(),
        recipients=len(recipients),
    )
    due = timezone.localtime(clock.due_at)
    notify(
        event="opinion.coordination_overdue",
        recipients=recipients,
        subject=_("会商答复逾期：%(agency)s — %(topic)s")
        % {"agency": part.agency.name, "topic": coordination.topic},
        body=_("%(agency)s 应于 %(due)s 前答复舆情事件“%(title)s”的会商，尚未答复。")
        % {
            "agency": part.agency.name,
            "due": f"{due:%Y-%m-%d %H:%M}",
            "title": event.title,
        },
        obj=coordination,
        url=coordination_url(coordination),
    )
    record_event(
        action="opinion.overdue_notice",
        obj=event,
        summary=f"{clock.rule_label}：{part.agency.name}",
        data={
            "clock": clock.pk,
            "rule": clock.rule,
            "part": part.pk,
            "recipients": notice.recipients,
        },
    )
    return True


def notify_general_office(*, at=None) -> dict:
    """Tell the supervisors about every overdue opinion clock not told yet."""
    at = at or time_source.now()
    supervisors = general_office_supervisors()
    sent = errors = 0
    told = set(OverdueNotice.objects.values_list("clock_id", "due_at"))
    for clock in overdue_opinion_clocks(at):
        if (clock.pk, clock.due_at) in told:
            continue
        try:
            sent += _notify_one(clock, supervisors)
        except IntegrityError:  # another run told them at the same moment
            continue
        except Exception:  # retried by the next run
            logger.exception("opinion overdue notice failed for clock %s", clock.pk)
            errors += 1
    return {"sent": sent, "errors": errors}
