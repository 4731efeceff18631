"""Reads of applications, with their rules: staff see the applications of the agencies (and
subtrees) on which they hold a role with "foi.view_staff"; an applicant sees their own."""

from django.db.models import F, Prefetch, QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.selectors import live_urgency, with_open_clock
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.orgs.selectors import public_agencies

from .choices import OPEN_STATES
from .models import Correction, InfoRequest, Lawsuit, ReviewCase, ThirdPartyConsultation

REPLY_RULE = "foi.reply"


def with_reply_clock(qs: QuerySet) -> QuerySet:
    """Annotate the open reply clock (kernel deadlines): `reply_due_at`, `reply_state`,
    `reply_unit`, `reply_rule`, `reply_urgency_stored`; None once replied (the clock stopped).
    One query for a page."""
    return with_open_clock(qs, REPLY_RULE, prefix="reply")


def with_reply_urgency(items) -> list[InfoRequest]:
    """Set `reply_urgency` on each request: its reply clock's urgency as of now (not the last
    sweep's); a paused clock keeps its own; None without a running reply clock."""
    return live_urgency(items, prefix="reply")


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
    return with_reply_clock(qs).defer("description", "reply_text")


def queue(user, *, limit: int | None = None):
    """Open applications, the most urgent reply first."""
    qs = staff_requests(user, state="open").order_by(F("reply_due_at").asc(nulls_last=True), "pk")
    return qs[:limit] if limit else qs


def request_for_staff(user, pk: int) -> InfoRequest | None:
    """One request the user may see, with its open reply clock (`with_reply_clock`) and
    `reply_urgency` as of now."""
    found = (
        with_reply_clock(scope(user, "foi.view_staff", InfoRequest.objects.all()))
        .select_related("agency", "agency__parent", "replied_by", "extension_approver")
        .prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.order_by("pk")),
            Prefetch("consultations", queryset=ThirdPartyConsultation.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )
    return with_reply_urgency([found])[0] if found is not None else None


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


def case_of(request: InfoRequest, pk, *, review: bool) -> ReviewCase | Lawsuit | None:
    """The request's 行政复议 case `pk` (`review`) or its 行政诉讼 case `pk`."""
    model = ReviewCase if review else Lawsuit
    return model.objects.filter(request=request, pk=pk).first()


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


def applicant_deadlines(request: InfoRequest) -> dict:
    """What the applicant is told about time: the reply's due date and whether it is waiting
    (补正, third party, payment), and the day payment is due. Read from the kernel's clocks."""
    from sunshine.kernel.deadlines.selectors import open_clock

    reply = open_clock(request, REPLY_RULE) if request.is_open else None
    payment = open_clock(request, "foi.payment") if request.state == "payment" else None
    return {
        "reply_due": reply.due_date if reply is not None else None,
        "reply_waiting": reply is not None and reply.state == "paused",
        "payment_due": payment.due_date if payment is not None else None,
    }
