"""Reads of applications, with their rules: staff see the applications of the agencies (and
subtrees) on which they hold a role with "foi.view_staff"; an applicant sees their own."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.orgs.selectors import public_agencies

from .choices import OPEN_STATES
from .models import Correction, InfoRequest, Lawsuit, ReviewCase, ThirdPartyConsultation


def _with_reply_clock(qs: QuerySet) -> QuerySet:
    """Annotate the open reply clock's due time, urgency and state (one query for a page)."""
    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(InfoRequest),
        object_id=OuterRef("pk"),
        rule="foi.reply",
    ).order_by("-pk")
    return qs.annotate(
        reply_due_at=Subquery(clocks.values("due_at")[:1]),
        reply_urgency=Subquery(clocks.values("urgency")[:1]),
        reply_clock_state=Subquery(clocks.values("state")[:1]),
    )


def staff_requests(user, *, state: str | None = None, q: str | None = None, agency=None):
    qs = scope(user, "foi.view_staff", InfoRequest.objects.all()).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if q:
        from django.db.models import Q

        qs = qs.filter(
            Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(description__icontains=q)
        )
    return _with_reply_clock(qs).defer("description", "reply_text")


def with_urgency(items) -> list[InfoRequest]:
    """Set `urgency` on each request from its reply clock as of now (the stored urgency is
    refreshed by the periodic sweep; a page shows the live one). Paused clocks keep theirs;
    replied requests have none. One calendar read for the page."""
    from sunshine.kernel import clock
    from sunshine.kernel.deadlines import engine
    from sunshine.kernel.deadlines.rules import get_rule
    from sunshine.kernel.workcalendar.calendar import current_calendar

    cal, now = current_calendar(), clock.now()
    threshold = get_rule("foi.reply").due_soon_threshold
    result = list(items)
    for item in result:
        due_at, state = (
            getattr(item, "reply_due_at", None),
            getattr(item, "reply_clock_state", None),
        )
        if due_at is None or state == Clock.State.STOPPED:
            item.urgency = None
        elif state == Clock.State.PAUSED:
            item.urgency = item.reply_urgency
        else:
            item.urgency = engine.urgency_at(
                cal, unit="wd", due_at=due_at, at=now, threshold=threshold
            )
    return result


def queue(user, *, limit: int | None = None):
    """Open applications, the most urgent reply first."""
    qs = staff_requests(user, state="open").order_by("reply_due_at", "pk")
    return qs[:limit] if limit else qs


def request_for_staff(user, pk: int) -> InfoRequest | None:
    return (
        scope(user, "foi.view_staff", InfoRequest.objects.all())
        .select_related("agency", "agency__parent", "replied_by", "extension_approver")
        .prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.order_by("pk")),
            Prefetch("consultations", queryset=ThirdPartyConsultation.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )


def requests_of_applicant(user) -> QuerySet[InfoRequest]:
    if user is None or not user.is_authenticated:
        return InfoRequest.objects.none()
    return (
        InfoRequest.objects.filter(applicant=user)
        .select_related("agency")
        .order_by("-received_on", "-pk")
    )


def request_for_applicant(user, pk: int) -> InfoRequest | None:
    return requests_of_applicant(user).prefetch_related("corrections").filter(pk=pk).first()


def cases_for(request: InfoRequest) -> dict:
    return {
        "reviews": list(ReviewCase.objects.filter(request=request).order_by("filed_on", "pk")),
        "lawsuits": list(Lawsuit.objects.filter(request=request).order_by("filed_on", "pk")),
    }


def guide_agency(pk: int) -> Agency | None:
    return public_agencies().filter(pk=pk).first()


def find_agency(reference: str) -> Agency | None:
    """An agency by id, 统一社会信用代码 or exact name (for commands)."""
    reference = (reference or "").strip()
    qs = Agency.objects.all()
    if reference.isdigit():
        found = qs.filter(pk=int(reference)).first()
        if found:
            return found
    return (
        qs.filter(credit_code=reference.upper()).first()
        or qs.filter(name=reference).first()
        or qs.filter(short_name=reference).first()
    )


def annual_agencies(user) -> QuerySet[Agency]:
    return scope(user, "foi.annual_tables", Agency.objects.all(), agency_field="").order_by("path")
