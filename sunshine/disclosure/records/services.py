"""Every write to government-information records (政府信息). Each act is one transaction that
checks the permission, changes the record (state changes through the kernel workflow, which
logs the transition and writes the audit event), keeps the disclosure clock in step and
tells the search index (see `_public_changed`)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.notify.publish import announce
from sunshine.kernel.workflow.services import transition

from .choices import Validity
from .clocks import sync_disclosure_clock
from .indexing import record_changed
from .models import DisclosureRecord
from .numbering import next_index_number
from .validation import (
    EDITABLE_FIELDS,
    FIXED_ONCE_PUBLISHED,
    REVISABLE_FIELDS,
    check_field_names,
    clean_record_fields,
)
from .versions import add_version, next_version_number, snapshot
from .workflow import RecordState

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _lock(record: DisclosureRecord) -> None:
    record.refresh_from_db(from_queryset=DisclosureRecord.objects.select_for_update())


def _audit_snapshot(record: DisclosureRecord) -> dict:
    return {**snapshot(record), "state": str(record.state), "withheld": record.withheld_ground}


def _current_values(record: DisclosureRecord) -> dict:
    return {name: getattr(record, name) for name in EDITABLE_FIELDS - {"related"}}


def _public_changed(record: DisclosureRecord) -> None:
    """The record entered the public site, changed on it or left it: once the transaction
    commits, the search index is brought in line (indexed when public, removed otherwise; see
    indexing.py). Feeds and sitemaps read the selectors and need nothing here."""
    record_changed(record)


# --- Drafting --------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *,
    actor,
    agency,
    title: str = "",
    date_written: dt.date | None = None,
    topic: str = "",
    kind: str = "",
    disclosure_mode: str = "",
    issuer=None,
    doc_number: str = "",
    recipients: str = "",
    normative: bool = False,
    keywords: str = "",
    withheld_reason: str = "",
    withheld_ground: str = "",
    body: str = "",
    needs_interpretation: bool = False,
    related=(),
) -> DisclosureRecord:
    """Draft a record for `agency` (the 公开主体); the 发文机关 defaults to it. The 公开属性
    is required now (国办发〔2016〕80号), with a reason and legal ground unless 主动公开.
    The record gets its 索引号 at once; a 主动公开 one starts its disclosure clock."""
    require(actor, "record.draft", agency)
    values = {
        "title": title,
        "date_written": date_written,
        "topic": topic,
        "kind": kind,
        "disclosure_mode": disclosure_mode,
        "issuer": issuer or agency,
        "doc_number": doc_number,
        "recipients": recipients,
        "normative": normative,
        "keywords": keywords,
        "withheld_reason": withheld_reason,
        "withheld_ground": withheld_ground,
        "body": body,
        "needs_interpretation": needs_interpretation,
        "related": related,
    }
    cleaned = clean_record_fields(values)
    related_records = cleaned.pop("related", [])
    record = DisclosureRecord(
        agency=agency,
        state=RecordState.DRAFT,
        created_by=actor,
        created_at=clock.now(),
        **cleaned,
    )
    record.index_number = next_index_number(agency=agency, year=record.date_written.year)
    record.save()
    if related_records:
        record.related.set(related_records)
    record_event(
        action="record.create",
        actor=actor,
        obj=record,
        summary=record.title,
        data={"index_number": record.index_number, "disclosure_mode": record.disclosure_mode},
        after=_audit_snapshot(record),
    )
    sync_disclosure_clock(record, actor=actor)
    return record


@transaction.atomic
def update_draft(*, record: DisclosureRecord, actor, **changes) -> DisclosureRecord:
    """Edit a draft (also one sent back by a rejection). Fields: validation.EDITABLE_FIELDS."""
    require(actor, "record.draft", record)
    check_field_names(changes, EDITABLE_FIELDS)
    _lock(record)
    if record.state != RecordState.DRAFT:
        raise ValidationError(
            _("只有草稿可以修改；已发布的政府信息请使用“修订”，流程中的请先退回。")
        )
    before = _audit_snapshot(record)
    cleaned = clean_record_fields({**_current_values(record), **changes}, record=record)
    related_records = cleaned.pop("related", None)
    for name, value in cleaned.items():
        setattr(record, name, value)
    record.save()
    if related_records is not None:
        record.related.set(related_records)
    record_event(
        action="record.update",
        actor=actor,
        obj=record,
        summary=record.title,
        data={"fields": sorted(changes)},
        before=before,
        after=_audit_snapshot(record),
    )
    sync_disclosure_clock(record, actor=actor)
    return record


# --- Review ----------------------------------------------------------------------------


@transaction.atomic
def submit(*, record: DisclosureRecord, actor, comment: str = "") -> DisclosureRecord:
    transition(obj=record, name="submit", actor=actor, comment=comment)
    return record


@transaction.atomic
def review(*, record: DisclosureRecord, actor, comment: str = "") -> DisclosureRecord:
    transition(obj=record, name="review", actor=actor, comment=comment)
    return record


@transaction.atomic
def sign_off(*, record: DisclosureRecord, actor, comment: str = "") -> DisclosureRecord:
    transition(obj=record, name="sign_off", actor=actor, comment=comment)
    return record


@transaction.atomic
def reject(*, record: DisclosureRecord, actor, comment: str) -> DisclosureRecord:
    """Send a record in review back to its drafter; the reasons (comment) are required."""
    transition(obj=record, name="reject", actor=actor, comment=comment)
    return record


# --- Publication -----------------------------------------------------------------------


def _publish(
    record: DisclosureRecord, *, actor, comment: str = "", authorize: bool = True, data=None
) -> DisclosureRecord:
    if authorize:
        require(actor, "record.publish", record)
    _lock(record)
    number = next_version_number(record)
    now = clock.now()
    transition(
        obj=record,
        name="publish",
        actor=actor,
        comment=comment,
        authorize=authorize,
        data={"version": number, **(data or {})},
        set_fields={
            # An imported record keeps the date it was published on the agency's old site.
            "date_published": record.date_published or timezone.localdate(now),
            "published_at": now,
        },
    )
    add_version(record, number=number, actor=actor, change_note=comment or _("首次发布"))
    sync_disclosure_clock(record, actor=actor)
    _public_changed(record)
    announce(
        item=f"record.{record.pk}",
        version=str(number),
        title=record.title,
        url=f"/zcwj/{record.pk}/",
        topics=["column.zcwj", f"agency.{record.agency_id}", f"topic.{record.topic}"],
        facets={"column": "zcwj", "agency": record.agency_id},
    )
    return record


@transaction.atomic
def publish(
    *, record: DisclosureRecord, actor, comment: str = "", data: dict | None = None
) -> DisclosureRecord:
    """Publish a signed-off (or scheduled) 主动公开 record now: version 1 goes public, the
    disclosure clock stops. `data` reaches the workflow guards and the audit event (e.g. a
    signer's {"interpretation_override": reason})."""
    return _publish(record, actor=actor, comment=comment, data=data)


@transaction.atomic
def publish_by_schedule(*, record: DisclosureRecord, late: bool) -> DisclosureRecord:
    """The task worker publishes a scheduled record (actor: the system). No permission is
    checked here: the person who scheduled it held "record.publish" (see scheduling.py)."""
    planned = timezone.localtime(record.scheduled_at, SHANGHAI).isoformat()
    return _publish(
        record,
        actor=None,
        authorize=False,
        comment=_("定时发布"),
        data={"scheduled_at": planned, "late": late},
    )


def as_shanghai(moment: dt.datetime) -> dt.datetime:
    """An aware datetime; a naive one is read as Asia/Shanghai wall time."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=SHANGHAI)
    return moment


@transaction.atomic
def schedule(
    *,
    record: DisclosureRecord,
    actor,
    at: dt.datetime,
    comment: str = "",
    data: dict | None = None,
) -> DisclosureRecord:
    """Publish at `at` (Asia/Shanghai when naive); the task worker does it (tasks.py)."""
    require(actor, "record.publish", record)
    if not isinstance(at, dt.datetime):
        raise ValidationError({"scheduled_at": _("请填写定时发布的日期和时间。")})
    at = as_shanghai(at)
    if at <= clock.now():
        raise ValidationError({"scheduled_at": _("定时发布时间应晚于当前时间。")})
    local = timezone.localtime(at, SHANGHAI)
    transition(
        obj=record,
        name="schedule",
        actor=actor,
        comment=comment,
        data={"scheduled_at": local.isoformat(), **(data or {})},
        set_fields={"scheduled_at": at},
    )
    return record


@transaction.atomic
def unschedule(*, record: DisclosureRecord, actor, comment: str = "") -> DisclosureRecord:
    transition(
        obj=record,
        name="unschedule",
        actor=actor,
        comment=comment,
        set_fields={"scheduled_at": None},
    )
    return record


@transaction.atomic
def file_record(*, record: DisclosureRecord, actor, comment: str = "") -> DisclosureRecord:
    """End a signed-off 依申请公开 / 不予公开 record internally (存档); never public."""
    transition(obj=record, name="file", actor=actor, comment=comment)
    sync_disclosure_clock(record, actor=actor)
    return record


# --- After publication -----------------------------------------------------------------


@transaction.atomic
def revise(*, record: DisclosureRecord, actor, change_note: str, **changes) -> DisclosureRecord:
    """Edit a published record: the change is published at once as a new version (条例第二十六条:
    changed information is disclosed too); the note says what changed and why. The 公开属性
    (FIXED_ONCE_PUBLISHED) cannot be revised: a ValidationError on each field sent."""
    fixed = sorted(set(changes) & FIXED_ONCE_PUBLISHED)
    if fixed:
        message = _("已发布的政府信息不能更改公开属性；如需撤下请办理撤回。")
        raise ValidationError({name: [message] for name in fixed})
    require(actor, "record.revise", record)
    check_field_names(changes, REVISABLE_FIELDS)
    if not changes:
        raise ValidationError(_("没有需要修订的内容。"))
    _lock(record)
    cleaned = clean_record_fields({**_current_values(record), **changes}, record=record)
    related_records = cleaned.pop("related", None)
    number = next_version_number(record)
    transition(
        obj=record,
        name="revise",
        actor=actor,
        comment=change_note,
        data={"version": number, "fields": sorted(changes)},
        set_fields={name: cleaned[name] for name in changes if name != "related"},
    )
    if related_records is not None:
        record.related.set(related_records)
    add_version(record, number=number, actor=actor, change_note=change_note.strip())
    _public_changed(record)
    # Only those who follow this record hear of a revision (修订), not the whole column.
    announce(item=f"record.{record.pk}", version=str(number), title=record.title, summary=change_note.strip(), url=f"/zcwj/{record.pk}/")  # fmt: skip
    return record


@transaction.atomic
def withdraw(*, record: DisclosureRecord, actor, comment: str) -> DisclosureRecord:
    """Take a published record off the public site (the reason is required and kept)."""
    transition(obj=record, name="withdraw", actor=actor, comment=comment)
    _public_changed(record)
    return record


def _end_validity(record, *, name: str, validity: str, actor, comment: str, on) -> None:
    if on is not None and not isinstance(on, dt.date):
        raise ValidationError({"validity_date": _("请填写有效的日期。")})
    day = on or clock.today()
    transition(
        obj=record,
        name=name,
        actor=actor,
        comment=comment,
        data={"validity_date": day.isoformat()},
        set_fields={"validity": validity, "validity_date": day},
    )
    _public_changed(record)


@transaction.atomic
def repeal(
    *, record: DisclosureRecord, actor, comment: str, on: dt.date | None = None
) -> DisclosureRecord:
    """废止: the document stops having effect from `on` (default today); it stays published
    with 有效性 废止. The reason (e.g. the repealing document) is required."""
    _end_validity(
        record, name="repeal", validity=Validity.REPEALED, actor=actor, comment=comment, on=on
    )
    return record


@transaction.atomic
def expire(
    *, record: DisclosureRecord, actor, comment: str = "", on: dt.date | None = None
) -> DisclosureRecord:
    """失效: the document's term ended on `on` (default today); it stays published."""
    _end_validity(
        record, name="expire", validity=Validity.EXPIRED, actor=actor, comment=comment, on=on
    )
    return record
