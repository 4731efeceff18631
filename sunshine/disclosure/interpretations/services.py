"""Every write to policy interpretations (政策解读). Each act is one transaction that checks
the permission (on the record's drafting agency: 谁起草、谁解读), changes the interpretation
(state changes through the kernel workflow, which logs and audits them) and writes the audit
event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.services import delete_attachment, store_attachment
from sunshine.kernel.notify.publish import announce
from sunshine.kernel.workflow.services import transition

from .models import Interpretation, InterpretationWaiver
from .publication import record_is_closed
from .validation import check_field_names, clean_fields
from .workflow import InterpretationState as S


def _snapshot(interpretation: Interpretation) -> dict:
    return {
        "record": interpretation.record_id,
        "kind": interpretation.kind,
        "title": interpretation.title,
        "body_chars": len(interpretation.body),
        "media_url": interpretation.media_url,
        "state": str(interpretation.state),
    }


def _lock(interpretation: Interpretation) -> None:
    interpretation.refresh_from_db(from_queryset=Interpretation.objects.select_for_update())


def _must_be_draft(interpretation: Interpretation) -> None:
    if interpretation.state != S.DRAFT:
        raise ValidationError(_("只有草稿状态的解读可以修改；待发布的解读请先退回修改。"))


# --- Drafting ----------------------------------------------------------------------------


@transaction.atomic
def create_interpretation(
    *, record, actor, kind: str, title: str, body: str = "", media_url: str = ""
) -> Interpretation:
    """Draft an interpretation of `record` for the record's drafting agency. Only staff who
    may draft for that agency (its subtree) may write it (谁起草、谁解读)."""
    require(actor, "interpretation.draft", record)
    if record_is_closed(record):
        raise ValidationError(
            _("只有主动公开且未撤回的文件才能添加解读（依申请公开、不予公开的文件不公开）。")
        )
    cleaned = clean_fields({"kind": kind, "title": title, "body": body, "media_url": media_url})
    interpretation = Interpretation.objects.create(
        record=record,
        agency=record.agency,
        state=S.DRAFT,
        author=actor,
        created_at=clock.now(),
        **cleaned,
    )
    record_event(
        action="interpretation.create",
        actor=actor,
        obj=interpretation,
        summary=interpretation.title,
        data={"record": record.pk, "kind": interpretation.kind},
        after=_snapshot(interpretation),
    )
    return interpretation


@transaction.atomic
def update_interpretation(*, interpretation: Interpretation, actor, **changes) -> Interpretation:
    """Edit a draft: kind, title, body, media_url."""
    require(actor, "interpretation.draft", interpretation)
    check_field_names(changes)
    _lock(interpretation)
    _must_be_draft(interpretation)
    before = _snapshot(interpretation)
    current = {name: getattr(interpretation, name) for name in ("kind", "title", "body")}
    current["media_url"] = interpretation.media_url
    cleaned = clean_fields({**current, **changes})
    for name, value in cleaned.items():
        setattr(interpretation, name, value)
    interpretation.save()
    record_event(
        action="interpretation.update",
        actor=actor,
        obj=interpretation,
        summary=interpretation.title,
        data={"fields": sorted(changes)},
        before=before,
        after=_snapshot(interpretation),
    )
    return interpretation


@transaction.atomic
def attach_file(*, interpretation: Interpretation, actor, uploaded_file) -> Attachment:
    """Add an image (of a 图解) or a file to a draft; the type is checked by content."""
    require(actor, "interpretation.draft", interpretation)
    _lock(interpretation)
    _must_be_draft(interpretation)
    return store_attachment(owner=interpretation, uploaded_file=uploaded_file, actor=actor)


@transaction.atomic
def remove_file(*, interpretation: Interpretation, actor, attachment: Attachment) -> None:
    require(actor, "interpretation.draft", interpretation)
    _lock(interpretation)
    _must_be_draft(interpretation)
    if not attachments_for(interpretation).filter(pk=attachment.pk).exists():
        raise ValidationError(_("该附件不属于这篇解读。"))
    delete_attachment(attachment=attachment, actor=actor)


# --- Workflow ----------------------------------------------------------------------------


@transaction.atomic
def mark_ready(*, interpretation: Interpretation, actor, comment: str = "") -> Interpretation:
    """Reviewed and ready: it will be published together with its record (or, when the
    record is already public, by `publish_interpretation`)."""
    transition(obj=interpretation, name="mark_ready", actor=actor, comment=comment)
    return interpretation


@transaction.atomic
def send_back(*, interpretation: Interpretation, actor, comment: str) -> Interpretation:
    """Return a ready interpretation to its drafter; the reasons are required."""
    transition(obj=interpretation, name="send_back", actor=actor, comment=comment)
    return interpretation


@transaction.atomic
def publish_interpretation(
    *, interpretation: Interpretation, actor, comment: str = ""
) -> Interpretation:
    """Publish a ready interpretation of a record that is already public (补充解读)."""
    transition(
        obj=interpretation,
        name="publish",
        actor=actor,
        comment=comment,
        set_fields={"published_at": clock.now()},
    )
    _announce(interpretation)
    return interpretation


@transaction.atomic
def withdraw_interpretation(
    *, interpretation: Interpretation, actor, comment: str
) -> Interpretation:
    """Take an interpretation off the public site (or abandon a draft); reason required."""
    transition(obj=interpretation, name="withdraw", actor=actor, comment=comment)
    return interpretation


@transaction.atomic
def publish_ready_interpretations(
    *, record, actor=None, at: dt.datetime | None = None
) -> list[Interpretation]:
    """Publish the record's ready interpretations at `at` (the record's publication time):
    the follow-up of publishing the record (publication.py), by whoever published it (None:
    the system, for a scheduled publication). No permission of its own: publishing the record
    was the act. Idempotent; does nothing while the record is not public."""
    if not record.is_public:
        return []
    moment = at or record.published_at or clock.now()
    ready = list(
        Interpretation.objects.select_for_update()
        .filter(record=record, state=S.READY)
        .order_by("created_at", "pk")
    )
    for interpretation in ready:
        interpretation.record = record  # as just published, in this transaction
        transition(
            obj=interpretation,
            name="publish",
            actor=actor,
            authorize=False,
            comment=_("随文件同步发布"),
            data={"record": record.pk, "with_record": True},
            set_fields={"published_at": moment},
        )
        _announce(interpretation)
    return ready


def _announce(i: Interpretation) -> None:
    """Tell the followers of the column, the agency and the record itself (kernel/notify)."""
    announce(
        item=f"interpretation.{i.pk}",
        title=i.title,
        url=f"/zcjd/{i.pk}/",
        topics=["column.zcjd", f"agency.{i.agency_id}", f"record.{i.record_id}"],
        facets={"column": "zcjd", "agency": i.agency_id},
    )


# --- The approver's waiver ---------------------------------------------------------------


@transaction.atomic
def override_interpretation_requirement(*, record, actor, reason: str) -> InterpretationWaiver:
    """免于解读: the approver decides, with a reason, that a record marked "needs
    interpretation" may be published (or scheduled) without one. Audited; one per record."""
    require(actor, "interpretation.override", record)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写免于解读的理由。")})
    if not record.needs_interpretation:
        raise ValidationError(_("该文件未标记为需要解读，无需免于解读。"))
    if record.is_public or record_is_closed(record):
        raise ValidationError(_("只有尚未发布的文件可以免于解读。"))
    if InterpretationWaiver.objects.select_for_update().filter(record=record).exists():
        raise ValidationError(_("该文件已免于解读。"))
    waiver = InterpretationWaiver.objects.create(
        record=record,
        agency=record.agency,
        reason=reason,
        approved_by=actor,
        created_at=clock.now(),
    )
    record_event(
        action="interpretation.override",
        actor=actor,
        obj=record,
        summary=_("免于解读：%(reason)s") % {"reason": reason[:100]},
        data={"record": record.pk, "reason": reason, "waiver": waiver.pk},
    )
    return waiver
