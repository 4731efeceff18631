"""Reads on meetings. Public selectors only return public meetings (公开属性 公开) once
applications have opened, and never an applicant's contact or reason: the published draw
names applicants by application number and a masked name."""

import json

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import scope

from . import draw as draw_algo
from .models import AttendanceApplication, AttendanceSeat, Category, DrawResult, Meeting

VERIFY_COMMAND = "python manage.py meeting_draw {pk} --verify"


def _with_seats(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.prefetch_related(
        Prefetch("seats", queryset=AttendanceSeat.objects.order_by("id"), to_attr="seat_plan")
    )


def public_meetings(*, state: str | None = None, agency=None) -> QuerySet[Meeting]:
    """Meetings the public sees: public ones, once applications open or later; with the seat
    plan (`seat_plan`) and the number of applications (`application_count`)."""
    qs = Meeting.objects.filter(openness=Meeting.Openness.PUBLIC).exclude(
        state=Meeting.State.PLANNED
    )
    if state:
        qs = qs.filter(state=state)
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    qs = qs.select_related("agency").annotate(application_count=Count("applications"))
    # Meta.ordering is not applied to GROUP BY queries: order explicitly.
    return _with_seats(qs.defer("minutes", "decisions").order_by("-starts_at", "-id"))


def meeting_for_public(pk) -> Meeting | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    qs = Meeting.objects.filter(openness=Meeting.Openness.PUBLIC, pk=pk).exclude(
        state=Meeting.State.PLANNED
    )
    return _with_seats(qs.select_related("agency")).first()


def seat_rows(meeting: Meeting) -> list[dict]:
    """Per category: label, seats, applications so far (one query for the counts)."""
    counts = dict(meeting.applications.values_list("category").annotate(n=Count("id")).order_by())
    seats = getattr(meeting, "seat_plan", None)
    if seats is None:
        seats = list(meeting.seats.order_by("id"))
    by_category = {s.category: s.seats for s in seats}
    return [
        {
            "category": c.value,
            "label": c.label,
            "seats": by_category[c.value],
            "applied": counts.get(c.value, 0),
        }
        for c in Category
        if by_category.get(c.value)
    ]


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧***: the published list must not name private persons."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name or "*"
    return name[0] + "*" * min(len(name) - 1, 3)


def public_draw(meeting: Meeting) -> dict | None:
    """Everything needed to re-run the draw by hand: the method, the announced number, the
    canonical input text (application numbers and applicant keys per category), its SHA-256,
    the seed, the seats and the result; None before the draw."""
    result = DrawResult.objects.filter(meeting=meeting).first()
    if result is None:
        return None
    from .drawing import draw_inputs

    applications, seats = draw_inputs(meeting)
    names = dict(meeting.applications.values_list("id", "name"))
    selected = {c: set(ids) for c, ids in (result.selected or {}).items()}
    categories = []
    for c in Category:
        ids = [i for i, _key in applications.get(c.value, [])]
        if not ids and not seats.get(c.value):
            continue
        categories.append(
            {
                "category": c.value,
                "label": c.label,
                "seats": seats.get(c.value, 0),
                "applicants": [
                    {
                        "id": i,
                        "key": key,
                        "name": mask_name(names.get(i, "")),
                        "selected": i in selected.get(c.value, set()),
                    }
                    for i, key in applications.get(c.value, [])
                ],
                "selected": sorted(selected.get(c.value, set())),
                "oversubscribed": len(ids) > seats.get(c.value, 0),
            }
        )
    return {
        "result": result,
        "method": result.method,
        "announced_number": meeting.announced_number,
        "canonical_inputs": draw_algo.canonical_inputs(applications),
        "inputs_digest": result.inputs_digest,
        "seed_hex": result.seed_hex,
        "seats": {c: n for c, n in seats.items() if n},
        "seats_json": json.dumps(
            {c: n for c, n in sorted(seats.items()) if n}, separators=(",", ":")
        ),
        "selected_json": json.dumps(
            {c: sorted(selected.get(c, set())) for c in draw_algo.CATEGORY_ORDER},
            separators=(",", ":"),
        ),
        "categories": categories,
        "python_version": result.python_version,
        "command": VERIFY_COMMAND.format(pk=meeting.pk),
    }


def application_of(user, meeting: Meeting) -> AttendanceApplication | None:
    if user is None or not user.is_authenticated:
        return None
    return meeting.applications.filter(applicant=user).first()


def managed_meetings(user) -> QuerySet[Meeting]:
    """Meetings the staff user may manage (their agencies' subtrees)."""
    return scope(user, "meeting.manage", Meeting.objects.select_related("agency"))


def staff_meetings(user, *, state: str | None = None, q: str | None = None) -> QuerySet[Meeting]:
    """Meetings the staff user may see (managers and supervisors), with application counts."""
    qs = scope(user, "meeting.view_staff", Meeting.objects.all())
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q))
    return (
        qs.select_related("agency")
        .annotate(application_count=Count("applications"))
        .defer("minutes", "decisions", "description")
        .order_by("-starts_at", "-id")
    )


def meeting_for_staff(user, pk) -> Meeting | None:
    return (
        scope(user, "meeting.view_staff", Meeting.objects.select_related("agency"))
        .filter(pk=pk)
        .first()
    )


def applications_for_staff(meeting: Meeting) -> QuerySet[AttendanceApplication]:
    return meeting.applications.select_related("applicant").order_by("category", "id")


def meetings_needing_action(user) -> QuerySet[Meeting]:
    """For the staff queue: meetings to draw (deadline passed), to mark held (time passed) or
    whose minutes wait for publication."""
    now = clock.now()
    due = (
        Q(state=Meeting.State.APPLICATIONS_OPEN, applications_close_at__lte=now)
        | Q(state__in=[Meeting.State.PLANNED, Meeting.State.DRAWN], starts_at__lte=now)
        | Q(state=Meeting.State.HELD)
    )
    return managed_meetings(user).filter(due).order_by("starts_at")


def next_step_label(meeting: Meeting) -> str:
    return {
        Meeting.State.APPLICATIONS_OPEN: _("待抽签"),
        Meeting.State.PLANNED: _("待标记召开"),
        Meeting.State.DRAWN: _("待标记召开"),
        Meeting.State.HELD: _("待公开纪要"),
    }.get(meeting.state, "")


def applications_of(user) -> QuerySet[AttendanceApplication]:
    """A citizen's or enterprise's own applications."""
    if user is None or not user.is_authenticated:
        return AttendanceApplication.objects.none()
    return AttendanceApplication.objects.filter(applicant=user).select_related("meeting")
