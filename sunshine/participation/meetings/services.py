"""Every write on meetings: permissioned with `meeting.manage` (staff) or limited to citizens and
enterprises (apply), and audited in the same transaction. Applications live in
applications.py and the draw in drawing.py; both are re-exported here."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.moderation.checks import contains_markup

from .models import AttendanceSeat, Category, Meeting

PUBLISH_MODE_KEYS = {key for key, _label in Meeting.PUBLISH_MODES}


def _snapshot(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "openness": meeting.openness,
        "publish_modes": list(meeting.publish_modes),
        "state": meeting.state,
        "announced_number": meeting.announced_number,
        "applications_close_at": (
            meeting.applications_close_at.isoformat() if meeting.applications_close_at else None
        ),
        "live_url": meeting.live_url,
    }


def _check_meeting_fields(meeting: Meeting) -> None:
    errors = {}
    if not meeting.title:
        errors["title"] = _("请填写会议名称。")
    elif len(meeting.title) > 200:
        errors["title"] = _("会议名称不能超过200个字。")
    elif contains_markup(meeting.title):
        errors["title"] = _("会议名称不能包含网页代码（HTML）。")
    if len(meeting.place) > 200:
        errors["place"] = _("地点不能超过200个字。")
    if contains_markup(meeting.description):
        errors["description"] = _("会议议题不能包含网页代码（HTML）。")
    if meeting.kind not in Meeting.Kind.values:
        errors["kind"] = _("会议类型无效。")
    if meeting.openness not in Meeting.Openness.values:
        errors["openness"] = _("公开属性无效。")
    if not set(meeting.publish_modes) <= PUBLISH_MODE_KEYS:
        errors["publish_modes"] = _("公开方式只能是直播、会议纪要或会议摘要。")
    if meeting.openness == Meeting.Openness.NOT_PUBLIC and meeting.publish_modes:
        errors["publish_modes"] = _("不公开的会议不能选择公开方式。")
    if meeting.live_url and not meeting.live_url.startswith(("https://", "http://")):
        errors["live_url"] = _("直播地址须以 http:// 或 https:// 开头。")
    if meeting.live_url and "live" not in meeting.publish_modes:
        errors["live_url"] = _("填写直播地址时，公开方式须包含直播。")
    close_at = meeting.applications_close_at
    if close_at is not None and close_at >= meeting.starts_at:
        errors["applications_close_at"] = _("报名截止时间须早于会议召开时间。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_meeting(
    *,
    actor,
    agency,
    title: str,
    starts_at: datetime,
    place: str = "",
    openness: str = Meeting.Openness.PUBLIC,
    publish_modes: list[str] | tuple[str, ...] = (),
    announced_number: str = "",
    description: str = "",
    applications_close_at: datetime | None = None,
    live_url: str = "",
    kind: str = Meeting.Kind.MEETING,
) -> Meeting:
    meeting = Meeting(
        agency=agency,
        title=title.strip(),
        kind=kind,
        description=description.strip(),
        starts_at=starts_at,
        place=place.strip(),
        openness=openness,
        publish_modes=sorted(set(publish_modes)),
        announced_number=str(announced_number).strip(),
        applications_close_at=applications_close_at,
        live_url=live_url.strip(),
        created_at=clock.now(),
    )
    require(actor, "meeting.manage", meeting)
    _check_meeting_fields(meeting)
    meeting.save()
    record_event(action="meeting.create", actor=actor, obj=meeting, after=_snapshot(meeting))
    return meeting


EDITABLE = (
    "title",
    "kind",
    "description",
    "starts_at",
    "place",
    "openness",
    "publish_modes",
    "applications_close_at",
    "live_url",
)


@transaction.atomic
def update_meeting(*, actor, meeting: Meeting, **changes) -> Meeting:
    """Edit a meeting. Before applications open everything may change; once they are open the
    公开属性 is fixed (people applied under it); the time, place, live link and 议题 may still
    be corrected until the meeting is held."""
    require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if meeting.state in (Meeting.State.HELD, Meeting.State.PUBLISHED):
        raise ValidationError(_("会议已召开，不能再修改会议信息。"))
    if meeting.state != Meeting.State.PLANNED:
        for name in ("openness", "applications_close_at"):
            if name in changes and changes[name] != getattr(meeting, name):
                raise ValidationError({name: _("列席报名开始后不能修改公开属性和报名截止时间。")})
    before = _snapshot(meeting)
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "publish_modes":
            value = sorted(set(value))
        setattr(meeting, name, value)
    _check_meeting_fields(meeting)
    meeting.save()
    record_event(
        action="meeting.update", actor=actor, obj=meeting, before=before, after=_snapshot(meeting)
    )
    return meeting


@transaction.atomic
def set_seats(*, actor, meeting: Meeting, seats: dict[str, int]) -> list[AttendanceSeat]:
    require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state not in (Meeting.State.PLANNED, Meeting.State.APPLICATIONS_OPEN):
        raise ValidationError(_("抽签后不能再修改列席名额。"))
    for category, n in seats.items():
        if category not in Category.values:
            raise ValidationError(_("列席类别无效：%(c)s") % {"c": category})
        if int(n) < 0:
            raise ValidationError(_("名额不能为负数。"))
    before = {s.category: s.seats for s in meeting.seats.all()}
    for category, n in seats.items():
        AttendanceSeat.objects.update_or_create(
            meeting=meeting, category=category, defaults={"seats": int(n)}
        )
    after = {s.category: s.seats for s in meeting.seats.all()}
    record_event(action="meeting.set_seats", actor=actor, obj=meeting, before=before, after=after)
    return list(meeting.seats.order_by("id"))


@transaction.atomic
def open_applications(*, actor, meeting: Meeting, announced_number: str | None = None) -> Meeting:
    require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.PLANNED:
        raise ValidationError(_("只有已计划的会议可以开放列席报名。"))
    if meeting.openness != Meeting.Openness.PUBLIC:
        raise ValidationError(_("不公开的会议不接受列席报名。"))
    if not meeting.seats.filter(seats__gt=0).exists():
        raise ValidationError(_("请先设置列席名额。"))
    before = _snapshot(meeting)
    if announced_number is not None:
        meeting.announced_number = str(announced_number).strip()
    if not meeting.announced_number:
        raise ValidationError(_("请先公布用于抽签的数字。"))
    meeting.state = Meeting.State.APPLICATIONS_OPEN
    meeting.save(update_fields=["state", "announced_number"])
    record_event(
        action="meeting.open_applications",
        actor=actor,
        obj=meeting,
        before=before,
        after=_snapshot(meeting),
    )
    return meeting


@transaction.atomic
def mark_held(*, actor, meeting: Meeting) -> Meeting:
    require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state not in (Meeting.State.PLANNED, Meeting.State.DRAWN):
        raise ValidationError(_("只有已计划或已抽签的会议可以标记为已召开。"))
    before = _snapshot(meeting)
    meeting.state = Meeting.State.HELD
    meeting.save(update_fields=["state"])
    record_event(
        action="meeting.held", actor=actor, obj=meeting, before=before, after=_snapshot(meeting)
    )
    return meeting


@transaction.atomic
def publish_results(*, actor, meeting: Meeting, minutes: str, decisions: str = "") -> Meeting:
    """Publish the minutes (or summary) and decisions of a held meeting."""
    require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.HELD:
        raise ValidationError(_("会议召开后才能公开结果。"))
    if not minutes.strip():
        raise ValidationError({"minutes": _("请填写会议纪要或摘要。")})
    for field, text in (("minutes", minutes), ("decisions", decisions)):
        if len(text) > 50_000:
            raise ValidationError({field: _("内容不能超过5万字。")})
        if contains_markup(text):
            raise ValidationError({field: _("请只填写文字，不能包含网页代码（HTML）。")})
    before = _snapshot(meeting)
    meeting.minutes = minutes.strip()
    meeting.decisions = decisions.strip()
    meeting.published_at = clock.now()
    meeting.state = Meeting.State.PUBLISHED
    meeting.save(update_fields=["minutes", "decisions", "published_at", "state"])
    record_event(
        action="meeting.publish", actor=actor, obj=meeting, before=before, after=_snapshot(meeting)
    )
    return meeting


from .applications import apply  # noqa: E402
from .drawing import close_and_draw, draw_due_meetings, draw_inputs, verify_draw  # noqa: E402

__all__ = [
    "apply",
    "close_and_draw",
    "create_meeting",
    "draw_due_meetings",
    "draw_inputs",
    "mark_held",
    "open_applications",
    "publish_results",
    "set_seats",
    "update_meeting",
    "verify_draw",
]
