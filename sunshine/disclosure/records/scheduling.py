"""Scheduled publication (定时发布), run every minute by the task worker (tasks.py).

Each due record is published in its own transaction by the system. A record published more
than `RECORDS_SCHEDULE_LATE_MINUTES` (default 5) after its time — the worker or the scheduler
was down — is still published at the next sweep, and the delay is reported: an audit event
"record.schedule_missed" and a notice to the agency's 公开办 (disclosure officers) and to
the person who scheduled it. Idempotent: a record already published is skipped."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.workflow.selectors import history

from .models import DisclosureRecord
from .services import SHANGHAI, publish_by_schedule
from .workflow import RecordState

logger = logging.getLogger(__name__)


def late_after() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "RECORDS_SCHEDULE_LATE_MINUTES", 5))


def disclosure_officers(agency) -> list:
    """The 公开办 staff of the agency, or of its nearest ancestor that has some."""
    from sunshine.kernel.accounts.models import RoleGrant

    ancestors = agency.ancestors_ids()
    grants = RoleGrant.objects.filter(
        role=Role.DISCLOSURE_OFFICER,
        agency_id__in=ancestors,
        user__is_active=True,
    ).select_related("user")
    by_agency: dict[int, list] = {}
    for grant in grants:
        by_agency.setdefault(grant.agency_id, []).append(grant.user)
    for agency_id in reversed(ancestors):  # the agency itself first, then upwards
        if agency_id in by_agency:
            return by_agency[agency_id]
    return []


def _scheduler_of(record: DisclosureRecord):
    log = history(record).filter(transition="schedule").order_by("-at", "-id").first()
    return log.actor if log is not None else None


def _report_missed(record: DisclosureRecord, *, scheduled_at: dt.datetime, now: dt.datetime):
    from sunshine.kernel.notify.services import notify

    planned = timezone.localtime(scheduled_at, SHANGHAI)
    done = timezone.localtime(now, SHANGHAI)
    minutes = int((now - scheduled_at).total_seconds() // 60)
    record_event(
        action="record.schedule_missed",
        obj=record,
        summary=_("定时发布延误 %(minutes)s 分钟") % {"minutes": minutes},
        data={
            "scheduled_at": planned.isoformat(),
            "published_at": done.isoformat(),
            "late_minutes": minutes,
        },
    )
    notify(
        event="record.schedule_missed",
        recipients=[*disclosure_officers(record.agency), _scheduler_of(record)],
        subject=_("定时发布延误：%(title)s") % {"title": record.title},
        body=_(
            "《%(title)s》（索引号 %(index)s）原定于 %(planned)s 发布，"
            "因后台任务未按时运行，已于 %(done)s 补发。请核实发布情况。"
        )
        % {
            "title": record.title,
            "index": record.index_number,
            "planned": f"{planned:%Y-%m-%d %H:%M}",
            "done": f"{done:%Y-%m-%d %H:%M}",
        },
        obj=record,
    )


@transaction.atomic
def publish_if_due(record_id: int) -> str:
    """Publish one scheduled record if its time has come: "published", "late" or "skipped"."""
    now = clock.now()
    record = (
        DisclosureRecord.objects.select_for_update()
        .filter(pk=record_id, state=RecordState.SCHEDULED, scheduled_at__lte=now)
        .first()
    )
    if record is None:
        return "skipped"
    scheduled_at = record.scheduled_at
    late = now - scheduled_at > late_after()
    publish_by_schedule(record=record, late=late)
    if late:
        _report_missed(record, scheduled_at=scheduled_at, now=now)
    return "late" if late else "published"


def publish_due_records() -> dict:
    """The sweep: every scheduled record whose time has come, oldest first."""
    ids = list(
        DisclosureRecord.objects.filter(state=RecordState.SCHEDULED, scheduled_at__lte=clock.now())
        .order_by("scheduled_at", "pk")
        .values_list("pk", flat=True)
    )
    counts = {"published": 0, "late": 0, "errors": 0}
    for record_id in ids:
        try:
            outcome = publish_if_due(record_id)
        except Exception:  # one record's failure must not stop the others; retried next minute
            logger.exception("scheduled publication failed for record %s", record_id)
            counts["errors"] += 1
            continue
        if outcome != "skipped":
            counts["published"] += 1
            counts["late"] += outcome == "late"
    return counts
