"""Every write on meetings: permissioned with `meeting.manage` (staff) or limited to citizens and
enterprises (apply), and audited in the same transaction."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import draw as draw_algo
from .models import AttendanceApplication, AttendanceSeat, Category, DrawResult, Meeting

PUBLISH_MODE_KEYS = {key for key, _label in Meeting.PUBLISH_MODES}


def _snapshot(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "openness": meeting.openness,
        "publish_modes": list(meeting.publish_modes),
        "state": meeting.state,
        "announced_number": meeting.announced_number,
    }


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
) -> Meeting:
    meeting = Meeting(
        agency=agency,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        openness=openness,
        publish_modes=sorted(set(publish_modes)),
        announced_number=str(announced_number).strip(),
        created_at=clock.now(),
    )
    require(actor, "meeting.manage", meeting)
    if not meeting.title:
        raise ValidationError(_("请填写会议名称。"))
    if openness not in Meeting.Openness.values:
        raise ValidationError(_("公开属性无效。"))
    if not set(meeting.publish_modes) <= PUBLISH_MODE_KEYS:
        raise ValidationError(_("公开方式只能是直播、会议纪要或会议摘要。"))
    meeting.save()
    record_event(action="meeting.create", actor=actor, obj=meeting, after=_snapshot(meeting))
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
def apply(
    *, actor, meeting: Meeting, category: str, name: str, contact: str, reason: str = ""
) -> AttendanceApplication:
    """A citizen or enterprise applies to attend (列席). One application per user per meeting."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("请先登录后再报名。"))
    if actor.is_government_staff:
        raise PermissionDenied(_("工作人员不能以公众身份报名列席。"))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.APPLICATIONS_OPEN:
        raise ValidationError(_("该会议当前不接受列席报名。"))
    if category not in Category.values:
        raise ValidationError(_("请选择列席类别。"))
    if not meeting.seats.filter(category=category, seats__gt=0).exists():
        raise ValidationError(_("该会议没有此类别的列席名额。"))
    name, contact = name.strip(), contact.strip()
    if not name or len(name) > 60:
        raise ValidationError(_("请填写姓名（不超过60个字）。"))
    if not contact or len(contact) > 100:
        raise ValidationError(_("请填写联系方式（不超过100个字）。"))
    if len(reason) > 2000:
        raise ValidationError(_("申请理由不能超过2000个字。"))
    if meeting.applications.filter(applicant=actor).exists():
        raise ValidationError(_("您已报名该会议，每人只能报名一次。"))
    application = AttendanceApplication.objects.create(
        meeting=meeting,
        category=category,
        applicant=actor,
        name=name,
        contact=contact,
        reason=reason.strip(),
        created_at=clock.now(),
    )
    record_event(
        action="meeting.apply",
        actor=actor,
        obj=application,
        agency=meeting.agency,
        data={"meeting": meeting.pk, "category": category},
    )
    return application


def draw_inputs(meeting: Meeting) -> tuple[dict[str, list[tuple[int, str]]], dict[str, int]]:
    """The published inputs of the draw, read from the stored applications and seats."""
    applications: dict[str, list[tuple[int, str]]] = {c: [] for c in draw_algo.CATEGORY_ORDER}
    for app_id, category, user_id in meeting.applications.order_by("id").values_list(
        "id", "category", "applicant_id"
    ):
        applications.setdefault(category, []).append((app_id, f"user:{user_id}"))
    seats = dict(meeting.seats.values_list("category", "seats"))
    return applications, seats


@transaction.atomic
def close_and_draw(*, meeting: Meeting, actor=None) -> DrawResult:
    """Close applications and draw. `actor=None` means the system (the CLI)."""
    if actor is not None:
        require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.APPLICATIONS_OPEN:
        raise ValidationError(_("只有正在报名的会议可以截止报名并抽签。"))
    applications, seats = draw_inputs(meeting)
    outcome = draw_algo.compute(applications, seats, meeting.announced_number)
    result = DrawResult.objects.create(
        meeting=meeting,
        seed_hex=outcome["seed_hex"],
        method=str(draw_algo.METHOD),
        inputs_digest=outcome["inputs_digest"],
        python_version=draw_algo.python_version(),
        selected=outcome["selected"],
        created_at=clock.now(),
    )
    chosen = [i for ids in outcome["selected"].values() for i in ids]
    meeting.applications.filter(pk__in=chosen).update(status=AttendanceApplication.Status.SELECTED)
    meeting.applications.exclude(pk__in=chosen).update(
        status=AttendanceApplication.Status.NOT_SELECTED
    )
    meeting.state = Meeting.State.DRAWN
    meeting.save(update_fields=["state"])
    record_event(
        action="meeting.draw",
        actor=actor,
        obj=meeting,
        data={
            "seed": result.seed_hex,
            "inputs_digest": result.inputs_digest,
            "announced_number": meeting.announced_number,
            "selected": result.selected,
        },
    )
    return result


def verify_draw(meeting: Meeting) -> dict:
    """Re-run the draw from the stored applications; read only.

    Returns {"ok", "seed_hex", "stored_seed_hex", "selected", "stored_selected", "inputs_digest"}."""
    result = DrawResult.objects.get(meeting=meeting)
    applications, seats = draw_inputs(meeting)
    outcome = draw_algo.compute(applications, seats, meeting.announced_number)
    stored = {c: sorted(int(i) for i in ids) for c, ids in (result.selected or {}).items()}
    recomputed = outcome["selected"]
    stored_full = {c: stored.get(c, []) for c in draw_algo.CATEGORY_ORDER}
    ok = (
        outcome["seed_hex"] == result.seed_hex
        and outcome["inputs_digest"] == result.inputs_digest
        and recomputed == stored_full
        and set(stored) <= set(draw_algo.CATEGORY_ORDER)
    )
    return {
        "ok": ok,
        "seed_hex": outcome["seed_hex"],
        "stored_seed_hex": result.seed_hex,
        "inputs_digest": outcome["inputs_digest"],
        "selected": recomputed,
        "stored_selected": stored_full,
    }


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
        raise ValidationError(_("请填写会议纪要或摘要。"))
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
