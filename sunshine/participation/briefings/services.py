"""Every write on briefings (新闻发布会与访谈): `briefing.manage` on the briefing's agency,
audited in the same transaction. Flow: scheduled (预告) → held (已举行) → published (实录发布)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.services import delete_attachment, store_attachment

from .models import Briefing, BriefingSpeaker, BriefingState
from .validation import check_briefing, check_transcript, clean_media, clean_speakers

EDITABLE = ("kind", "title", "summary", "scheduled_at", "place", "online_url")


def _snapshot(b: Briefing) -> dict:
    return {
        "kind": b.kind,
        "title": b.title,
        "scheduled_at": b.scheduled_at.isoformat(),
        "place": b.place,
        "online_url": b.online_url,
        "state": b.state,
        "media_links": list(b.media_links or []),
        "transcript_length": len(b.transcript or ""),
    }


def _lock(briefing: Briefing) -> Briefing:
    return Briefing.objects.select_for_update().get(pk=briefing.pk)


@transaction.atomic
def create_briefing(
    *,
    actor,
    agency,
    kind: str,
    title: str,
    scheduled_at: datetime,
    place: str = "",
    online_url: str = "",
    summary: str = "",
) -> Briefing:
    now = clock.now()
    briefing = Briefing(
        agency=agency,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        scheduled_at=scheduled_at,
        place=place.strip(),
        online_url=online_url.strip(),
        created_at=now,
        updated_at=now,
    )
    require(actor, "briefing.manage", briefing)
    check_briefing(briefing)
    briefing.save()
    record_event(action="briefing.create", actor=actor, obj=briefing, after=_snapshot(briefing))
    return briefing


@transaction.atomic
def update_briefing(*, actor, briefing: Briefing, **changes) -> Briefing:
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = _snapshot(briefing)
    for name, value in changes.items():
        setattr(briefing, name, value.strip() if isinstance(value, str) else value)
    check_briefing(briefing)
    briefing.updated_at = clock.now()
    briefing.save()
    record_event(
        action="briefing.update",
        actor=actor,
        obj=briefing,
        before=before,
        after=_snapshot(briefing),
    )
    return briefing


@transaction.atomic
def set_speakers(*, actor, briefing: Briefing, speakers: list[dict]) -> list[BriefingSpeaker]:
    """Replace the speakers: [{"name", "post", "agency", "is_principal_leader"}], in order."""
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    cleaned = clean_speakers(speakers)
    before = [
        {"name": s.name, "agency": s.agency_id, "principal": s.is_principal_leader}
        for s in briefing.speakers.all()
    ]
    briefing.speakers.all().delete()
    created = BriefingSpeaker.objects.bulk_create(
        BriefingSpeaker(briefing=briefing, position=i, **s) for i, s in enumerate(cleaned)
    )
    after = [
        {"name": s.name, "agency": s.agency_id, "principal": s.is_principal_leader} for s in created
    ]
    briefing.updated_at = clock.now()
    briefing.save(update_fields=["updated_at"])
    record_event(
        action="briefing.set_speakers", actor=actor, obj=briefing, before={"speakers": before},
        after={"speakers": after},
    )  # fmt: skip
    return created


def _resolve_records(refs) -> list:
    """Published 主动公开 records named by id or 索引号; unknown or non-public ones refused."""
    ids, numbers = set(), set()
    for ref in refs:
        ref = str(ref).strip()
        if not ref:
            continue
        (ids if ref.isdigit() else numbers).add(int(ref) if ref.isdigit() else ref)
    found = list(public_records().filter(pk__in=ids)) + list(
        public_records().filter(index_number__in=numbers)
    )
    known = {r.pk for r in found} | {r.index_number for r in found}
    missing = [str(r) for r in sorted(ids, key=str) if r not in known] + [
        n for n in sorted(numbers) if n not in known
    ]
    if missing:
        raise ValidationError(
            {
                "policies": _("以下文件不存在或未主动公开，不能关联：%(refs)s")
                % {"refs": "、".join(missing)}
            }
        )
    return list({r.pk: r for r in found}.values())


@transaction.atomic
def link_policies(*, actor, briefing: Briefing, records) -> list:
    """Set the policies discussed: published disclosure records (objects, ids or 索引号)."""
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    refs = [getattr(r, "pk", r) for r in records]
    resolved = _resolve_records(refs)
    before = sorted(briefing.policies.values_list("pk", flat=True))
    briefing.policies.set(resolved)
    briefing.updated_at = clock.now()
    briefing.save(update_fields=["updated_at"])
    record_event(
        action="briefing.link_policies",
        actor=actor,
        obj=briefing,
        before={"policies": before},
        after={"policies": sorted(r.pk for r in resolved)},
    )
    return resolved


@transaction.atomic
def record_held(*, actor, briefing: Briefing, held_at: datetime | None = None) -> Briefing:
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    if briefing.state != BriefingState.SCHEDULED:
        raise ValidationError(_("只有已预告的发布会或访谈可以登记为已举行。"))
    held_at = held_at or clock.now()
    if held_at > clock.now():
        raise ValidationError({"held_at": _("举行时间不能晚于现在。")})
    before = _snapshot(briefing)
    briefing.state = BriefingState.HELD
    briefing.held_at = held_at
    briefing.updated_at = clock.now()
    briefing.save(update_fields=["state", "held_at", "updated_at"])
    record_event(
        action="briefing.held", actor=actor, obj=briefing, before=before, after=_snapshot(briefing)
    )
    return briefing


@transaction.atomic
def save_record(*, actor, briefing: Briefing, transcript: str, media_links) -> Briefing:
    """Save the transcript (文字实录) and media links of a held briefing; on a published one
    this is a correction, audited like any change."""
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    if briefing.state == BriefingState.SCHEDULED:
        raise ValidationError(_("发布会或访谈举行后才能填写实录。"))
    transcript = transcript.strip()
    check_transcript(transcript)
    media = clean_media(media_links)
    before = _snapshot(briefing)
    briefing.transcript = transcript
    briefing.media_links = media
    briefing.updated_at = clock.now()
    briefing.save(update_fields=["transcript", "media_links", "updated_at"])
    record_event(
        action="briefing.save_record",
        actor=actor,
        obj=briefing,
        before=before,
        after=_snapshot(briefing),
    )
    return briefing


@transaction.atomic
def publish_briefing(*, actor, briefing: Briefing) -> Briefing:
    require(actor, "briefing.manage", briefing)
    briefing = _lock(briefing)
    if briefing.state != BriefingState.HELD:
        raise ValidationError(_("只有已举行的发布会或访谈可以发布实录。"))
    if not briefing.transcript and not briefing.media_links:
        raise ValidationError(_("请先填写文字实录或音视频链接。"))
    before = _snapshot(briefing)
    briefing.state = BriefingState.PUBLISHED
    briefing.published_at = clock.now()
    briefing.updated_at = briefing.published_at
    briefing.save(update_fields=["state", "published_at", "updated_at"])
    record_event(
        action="briefing.publish",
        actor=actor,
        obj=briefing,
        before=before,
        after=_snapshot(briefing),
    )
    return briefing


@transaction.atomic
def attach_file(*, actor, briefing: Briefing, uploaded_file) -> Attachment:
    """A file (e.g. the 发布稿 PDF or a photo); type and size checked by the kernel."""
    require(actor, "briefing.manage", briefing)
    _lock(briefing)
    return store_attachment(owner=briefing, uploaded_file=uploaded_file, actor=actor)


@transaction.atomic
def remove_file(*, actor, briefing: Briefing, attachment: Attachment) -> None:
    require(actor, "briefing.manage", briefing)
    _lock(briefing)
    if not attachments_for(briefing).filter(pk=attachment.pk).exists():
        raise ValidationError(_("该附件不属于这场发布会。"))
    delete_attachment(attachment=attachment, actor=actor)
