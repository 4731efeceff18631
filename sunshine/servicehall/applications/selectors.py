"""Reads of applications: the applicant's own, the staff queue (scoped by agency), the
timeline of one application."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from sunshine.kernel.access.policy import can, scope
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import (
    URGENCIES,
    filter_urgency,
    live_urgency,
    with_open_clock,
)
from sunshine.kernel.workflow.selectors import history

from .choices import ApplicationState as S
from .models import ServiceApplication, SubmittedMaterial
from .rules import STEP_CLOCKS, TOTAL

STEP_RULES = sorted(set(STEP_CLOCKS.values()))


def my_applications(user) -> QuerySet[ServiceApplication]:
    if user is None or not user.is_authenticated:
        return ServiceApplication.objects.none()
    return (
        ServiceApplication.objects.filter(applicant=user)
        .select_related("item", "agency")
        .order_by("-submitted_at", "-id")
    )


def my_application(user, number: str) -> ServiceApplication | None:
    """Only the applicant's own (another account gets None, i.e. 404)."""
    return (
        my_applications(user)
        .prefetch_related(
            Prefetch(
                "submitted_materials",
                queryset=SubmittedMaterial.objects.select_related("attachment", "material"),
            )
        )
        .filter(number=number)
        .first()
    )


def staff_queue(
    user,
    *,
    state: str | list[str] | None = None,
    item_id: int | None = None,
    agency_id: int | None = None,
    assignee_id: int | str | None = None,
    urgency: str | None = None,
    q: str = "",
) -> QuerySet[ServiceApplication]:
    """The applications the user may see, newest first, each annotated with its current step
    clock (`step_due_at`, `step_state`, `step_rule`, …) and the due time of its 承诺时限 clock
    (`total_due_at`) by kernel deadlines; `with_step_urgency` on the page sets `step_urgency`
    as of now. `urgency` (overdue / due_soon / on_time) keeps the applications whose step
    clock has it now, whatever the last sweep stored."""
    qs = scope(
        user,
        "service_application.view_staff",
        ServiceApplication.objects.select_related("item", "agency", "assignee").defer(
            *(
                f"item__{f}"
                for f in ("basis", "conditions", "location", "procedure", "fee_standard")
            ),
            "assignee__password",
        ),
    )
    if state:
        qs = qs.filter(state__in=[state] if isinstance(state, str) else state)
    if item_id:
        qs = qs.filter(item_id=item_id)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if assignee_id == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee_id:
        qs = qs.filter(assignee_id=assignee_id)
    if q:
        qs = qs.filter(
            Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(item__name__icontains=q)
        )
    qs = with_open_clock(qs, STEP_RULES, prefix="step")
    qs = with_open_clock(qs, TOTAL, prefix="total", fields=["due_at"])  # a date column only
    if urgency:
        # The kernel narrows first by the clocks' own index, then checks the annotation
        # (filtering on the annotation alone ran its subquery for every application in scope:
        # 50,000 applications, 765 → 42 ms).
        if urgency not in URGENCIES:
            return qs.none()
        qs = filter_urgency(qs, urgency, STEP_RULES, prefix="step")
    return qs.order_by("-submitted_at", "-id")


def with_step_urgency(applications) -> list[ServiceApplication]:
    """`step_urgency` (overdue / due_soon / on_time / None) as of now on each application."""
    return live_urgency(applications, prefix="step")


def staff_application(user, pk: int) -> ServiceApplication | None:
    """One application the user may see, with its clocks and `step_urgency` as of now."""
    application = (
        staff_queue(user)
        .prefetch_related(
            Prefetch(
                "submitted_materials",
                queryset=SubmittedMaterial.objects.select_related("attachment", "material"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    return with_step_urgency([application])[0] if application is not None else None


def handlers_for(application) -> list:
    """Staff who may be assigned (handlers of the agency and the agencies above it)."""
    from django.contrib.auth import get_user_model

    from sunshine.kernel.accounts.roles import Role

    from .permissions import HANDLERS

    path = application.agency.path
    prefixes = [path[:i] for i in range(1, len(path) + 1)]
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            grants__role__in=[str(r) for r in HANDLERS],
            grants__agency__path__in=prefixes,
        )
        .exclude(grants__role=Role.SYSADMIN)
        .distinct()
        .order_by("display_name", "email")
    )
    return [u for u in users if can(u, "service_application.accept", application)]


@dataclass(frozen=True)
class TimelineStep:
    key: str
    label: str
    at: object  # aware datetime or None (not reached)
    actor: str
    comment: str
    due_at: object = None
    met_deadline: bool | None = None
    current: bool = False


def timeline(application) -> list[TimelineStep]:
    """The application's history (every transition, oldest first) preceded by 申请."""
    from .models import ServiceApplication as A

    steps = [
        TimelineStep(
            key="submitted",
            label=str(S.SUBMITTED.label),
            at=application.submitted_at,
            actor=application.applicant_name,
            comment="",
        )
    ]
    wf = A.workflow
    for log in history(application):
        label = wf.state_label(log.to_state)
        if log.transition == "resubmit":
            label = str(wf.get("resubmit").label)
        if log.transition == "request_correction":
            comment = "；".join(log.data.get("missing", [])) or log.comment
        else:
            comment = log.comment
        steps.append(
            TimelineStep(
                key=log.to_state,
                label=label,
                at=log.at,
                actor=(log.actor.display_name or "") if log.actor_id else "",
                comment=comment,
            )
        )
    return steps


def step_clocks(application) -> list[Clock]:
    from sunshine.kernel.deadlines.selectors import clocks_for

    return list(clocks_for(application).order_by("started_at", "id"))


def is_visible_to(user, application) -> bool:
    return can(user, "service_application.view", application)


def assignable_staff(user) -> QuerySet:
    """Handlers (staff who may accept applications) in the agencies where `user` may assign;
    for the bulk-assign chooser. The service checks each application again."""
    from django.contrib.auth import get_user_model

    from sunshine.kernel.access.policy import agencies_for

    from .permissions import HANDLERS

    agencies = agencies_for(user, "service_application.assign")
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            grants__role__in=[str(r) for r in HANDLERS],
            grants__agency__in=agencies,
        )
        .distinct()
        .order_by("display_name", "email")
    )
