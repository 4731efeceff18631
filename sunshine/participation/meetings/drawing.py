"""Closing the applications and drawing (抽签), by staff or by the system at the deadline; the
verification anyone can run (`manage.py meeting_draw <id> --verify`). The algorithm itself is
draw.py (pure functions)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from . import draw as draw_algo
from . import notices
from .models import AttendanceApplication, DrawResult, Meeting


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
    """Close applications and draw. `actor=None` means the system (the CLI or the periodic job
    at the deadline). Staff may not draw before a set deadline: people could still apply."""
    if actor is not None:
        require(actor, "meeting.manage", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.APPLICATIONS_OPEN:
        raise ValidationError(_("只有正在报名的会议可以截止报名并抽签。"))
    close_at = meeting.applications_close_at
    if actor is not None and close_at is not None and clock.now() < close_at:
        raise ValidationError(_("报名截止时间未到，不能提前抽签。"))
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
    notices.tell_applicants_of_draw(meeting)
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


def draw_due_meetings(*, at=None) -> list[int]:
    """The periodic job: close and draw every meeting whose application deadline has passed.
    Idempotent (a drawn meeting is no longer open); one transaction per meeting."""
    now = at or clock.now()
    due = Meeting.objects.filter(
        state=Meeting.State.APPLICATIONS_OPEN, applications_close_at__lte=now
    ).values_list("pk", flat=True)
    done = []
    for pk in list(due):
        try:
            close_and_draw(meeting=Meeting(pk=pk), actor=None)
        except ValidationError:
            continue  # drawn meanwhile by staff or another run
        done.append(pk)
    return done
