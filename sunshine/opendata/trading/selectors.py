"""Reads of 公共资源交易 with their rules. Public selectors return only public data: harvested
projects and announcements (they are public on the platform already), complaints once handled
(rejected with the reason, or decided), 黑名单 records while in force."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from sunshine.kernel import clock
from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.rules import Rule, get_rule
from sunshine.kernel.deadlines.selectors import clocks_for, live_urgency, with_open_clock
from sunshine.kernel.files.models import Attachment, FileJob
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.orgs.models import Agency

from .choices import BlacklistState, ComplaintState, ProjectStage, TradeCategory
from .models import Announcement, BlacklistEntry, Complaint, FeedSource, HarvestRun, TradingProject
from .rules import ALL as COMPLAINT_RULES
from .rules import accept_rule, decide_rule

PUBLIC_COMPLAINT_STATES = (ComplaintState.REJECTED, ComplaintState.DECIDED)


def mask_person(name: str) -> str:
    """A natural person's name on a public page: the surname and 某."""
    return f"{name[:1]}某" if name else ""


def public_complainant(complaint: Complaint) -> str:
    # A supplier without a 统一社会信用代码 is a natural person: masked.
    return complaint.complainant_name if complaint.credit_code else mask_person(complaint.complainant_name)  # fmt: skip


def public_projects(
    *,
    q: str = "",
    category: str = "",
    stage: str = "",
    agency_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[TradingProject]:
    rows = TradingProject.objects.select_related("agency")
    if q:
        winners = Announcement.objects.filter(winner__icontains=q).values("project_id")
        rows = rows.filter(
            Q(title__icontains=q)
            | Q(code__icontains=q)
            | Q(tenderer__icontains=q)
            | Q(agent__icontains=q)
            | Q(pk__in=winners)
        )
    if category in TradeCategory.values:
        rows = rows.filter(category=category)
    if stage in ProjectStage.values:
        rows = rows.filter(stage=stage)
    if agency_id:
        agency = Agency.objects.filter(pk=agency_id).only("path").first()
        rows = rows.filter(agency__path__startswith=agency.path) if agency else rows.none()
    if date_from:
        rows = rows.filter(last_published_on__gte=date_from)
    if date_to:
        rows = rows.filter(first_published_on__lte=date_to)
    return rows.order_by("-last_published_on", "-pk")


def public_project(pk: int) -> TradingProject | None:
    return TradingProject.objects.select_related("agency").filter(pk=pk).first()


def timeline(project: TradingProject) -> list[Announcement]:
    return list(project.announcements.order_by("published_on", "pk"))


def public_complaints(project: TradingProject) -> list[Complaint]:
    return list(
        project.complaints.filter(state__in=PUBLIC_COMPLAINT_STATES).order_by("decided_at", "pk")
    )


def public_agencies():
    ids = TradingProject.objects.values("agency_id").distinct()
    return Agency.objects.filter(pk__in=ids).order_by("path")


def latest_announcements(limit: int = 50) -> list[Announcement]:
    return list(
        Announcement.objects.select_related("project__agency").order_by("-published_on", "-pk")[
            :limit
        ]
    )


def results(agency=None) -> QuerySet[Announcement]:
    """中标/成交结果 announcements (the dataset's rows), oldest first."""
    rows = Announcement.objects.filter(kind="result").select_related("project__agency")
    if agency is not None:
        rows = rows.filter(project__agency__path__startswith=agency.path)
    return rows.order_by("published_on", "pk")


def in_force_blacklist(*, q: str = "", agency_id: int | None = None, today=None):
    today = today or clock.today()
    rows = BlacklistEntry.objects.filter(
        state=BlacklistState.PUBLISHED, valid_from__lte=today, valid_to__gte=today
    ).select_related("agency")
    if q:
        rows = rows.filter(Q(entity_name__icontains=q) | Q(credit_code__iexact=q))
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.order_by("-valid_from", "-pk")


def my_complaints(user) -> QuerySet[Complaint]:
    if not getattr(user, "is_authenticated", False):
        return Complaint.objects.none()
    return Complaint.objects.filter(complainant=user).select_related("project")


def my_complaint(user, pk: int) -> Complaint | None:
    return my_complaints(user).filter(pk=pk).first()


@dataclass(frozen=True)
class ComplaintTerms:
    """The periods of a complaint's kind (from the kernel rules, so a province's override in
    settings.DEADLINE_RULES shows too) and its clocks: what the screens tell both sides."""

    review: Rule  # 审查 (5 wd; 工程建设 3 wd)
    decide: Rule  # 处理决定 (30 wd)
    review_clock: object | None  # the review clock (open or stopped), newest
    decide_clock: object | None

    @property
    def review_paused(self) -> bool:
        return self.review_clock is not None and self.review_clock.state == "paused"


def complaint_terms(complaint: Complaint) -> ComplaintTerms:
    review, decide = (
        accept_rule(complaint.project.category),
        decide_rule(complaint.project.category),
    )
    newest = {}
    for k in clocks_for(complaint).filter(rule__in=(review, decide)):
        newest[k.rule] = k  # oldest first: the last one wins
    return ComplaintTerms(
        get_rule(review), get_rule(decide), newest.get(review), newest.get(decide)
    )


def correction_files(complaint: Complaint) -> list[Attachment]:
    """证明材料 the complainant attached to the 补正."""
    return list(attachments_for(complaint))


def correction_file(complaint: Complaint, pk: int) -> Attachment | None:
    return attachments_for(complaint).filter(pk=pk).first()


# Staff reads, agency-scoped (kernel access policy).


def projects_for_staff(user, *, q: str = "", category: str = "") -> QuerySet[TradingProject]:
    rows = scope(user, "trading.view_staff", TradingProject.objects.all()).select_related("agency")
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(code__icontains=q) | Q(tenderer__icontains=q))
    if category in TradeCategory.values:
        rows = rows.filter(category=category)
    return rows.order_by("-last_published_on", "-pk")


def project_for_staff(user, pk: int) -> TradingProject | None:
    return (
        scope(user, "trading.view_staff", TradingProject.objects.all())
        .select_related("agency")
        .prefetch_related(Prefetch("announcements", Announcement.objects.order_by("published_on")))
        .filter(pk=pk)
        .first()
    )


def complaint_queue(user, *, state: str = "") -> list[Complaint]:
    """Complaints of the agencies the user handles, with their open clock (review or decision)
    and its live urgency; open ones first, by due date."""
    rows = scope(
        user, "trading.view_staff", Complaint.objects.all(), agency_field="project__agency"
    ).select_related("project__agency")
    if state in ComplaintState.values:
        rows = rows.filter(state=state)
    rows = with_open_clock(rows, COMPLAINT_RULES)
    return live_urgency(list(rows.order_by("-received_at", "-pk")))


def open_complaints(user, limit: int) -> list[Complaint]:
    rows = scope(
        user, "trading.complaint", Complaint.objects.all(), agency_field="project__agency"
    ).filter(state__in=(ComplaintState.RECEIVED, ComplaintState.ACCEPTED))
    rows = with_open_clock(rows.select_related("project"), COMPLAINT_RULES)
    return live_urgency(list(rows.order_by("clock_due_at")[:limit]))


def complaint_for_staff(user, pk: int) -> Complaint | None:
    rows = scope(
        user, "trading.view_staff", Complaint.objects.all(), agency_field="project__agency"
    )
    return rows.select_related("project__agency", "announcement").filter(pk=pk).first()


def blacklist_for_staff(user) -> QuerySet[BlacklistEntry]:
    rows = scope(user, "trading.view_staff", BlacklistEntry.objects.all())
    return rows.select_related("agency").order_by("-created_at", "-pk")


def blacklist_entry_for_staff(user, pk: int) -> BlacklistEntry | None:
    return blacklist_for_staff(user).filter(pk=pk).first()


def feeds_for_staff(user) -> QuerySet[FeedSource]:
    return scope(user, "trading.view_staff", FeedSource.objects.all()).select_related("agency")


def feed_for_staff(user, pk: int) -> FeedSource | None:
    return feeds_for_staff(user).filter(pk=pk).first()


def runs_for_staff(user, limit: int = 20) -> list[HarvestRun]:
    rows = scope(user, "trading.view_staff", HarvestRun.objects.all())
    return list(rows.select_related("source", "actor").order_by("-started_at", "-pk")[:limit])


def import_job_kind() -> str:
    from .harvest import JOB_KIND

    return JOB_KIND


def staff_agencies(user, action: str = "trading.import") -> QuerySet[Agency]:
    from sunshine.kernel.access.policy import agencies_for

    return agencies_for(user, action)


def last_job(user) -> FileJob | None:
    return FileJob.objects.filter(created_by=user, kind=import_job_kind()).first()
