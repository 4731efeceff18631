"""Reads of consultations (征求意见).

Public reads (`public_*`, `*_for_public`) only return published consultations (not drafts) and
only visible comments; a comment's author also sees their own pending and hidden comments with
the reason (`comments_of_author`). Staff reads are scoped by "consultation.view_staff"."""

from django.db.models import Count, Prefetch, Q, QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.files.models import Attachment

from .choices import PUBLIC_STATES, CommentState
from .choices import ConsultationState as S
from .models import Consultation, ConsultationClause, ConsultationComment
from .services import FEEDBACK_RULE

STATUS_FILTERS = {
    "open": (S.OPEN,),
    "upcoming": (S.SCHEDULED,),
    "closed": (S.CLOSED, S.FEEDBACK_PUBLISHED),
    "feedback": (S.FEEDBACK_PUBLISHED,),
}


def _attachments_prefetch() -> Prefetch:
    return Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk"))


def _visible_count():
    return Count("comments", filter=Q(comments__state=CommentState.VISIBLE))


# --- Public ------------------------------------------------------------------------------


def public_consultations(
    *, status: str | None = None, within=None, q: str | None = None
) -> QuerySet[Consultation]:
    """Published consultations, newest period first, each with `visible_comments` counted.
    `status`: open, upcoming, closed, feedback; `within`: an agency and its subtree."""
    states = STATUS_FILTERS.get(status or "", PUBLIC_STATES)
    qs = Consultation.objects.filter(state__in=states)
    if within is not None:
        qs = qs.filter(agency__path__startswith=within.path)
    if q:
        qs = qs.filter(title__icontains=q.strip())
    return (
        qs.select_related("agency")
        .defer("draft_text", "explanation", "feedback_report", "short_period_reason")
        .annotate(visible_comments=_visible_count())
        .order_by("-start_date", "-pk")
    )


def consultation_for_public(pk, *, full: bool = True) -> Consultation | None:
    """One published consultation, or None; `full`: with its clauses, basis links and files."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    qs = Consultation.objects.filter(pk=pk, state__in=PUBLIC_STATES).select_related("agency")
    if not full:
        return qs.first()
    return qs.prefetch_related(
        Prefetch("clauses", queryset=ConsultationClause.objects.order_by("position")),
        "basis_links",
        _attachments_prefetch(),
    ).first()


def clause_at(consultation: Consultation, position) -> ConsultationClause | None:
    try:
        position = int(position)
    except (TypeError, ValueError):
        return None
    return consultation.clauses.filter(position=position).first()


def public_comments(consultation: Consultation, *, clause=None) -> QuerySet[ConsultationComment]:
    """The visible comments, oldest first (clause None: all of them; pass `clause` for one)."""
    qs = ConsultationComment.objects.filter(consultation=consultation, state=CommentState.VISIBLE)
    if clause is not None:
        qs = qs.filter(clause=clause)
    return qs.select_related("clause").order_by("submitted_at", "pk")


def visible_counts_by_clause(consultation: Consultation) -> dict[int | None, int]:
    """{clause id (None: the whole draft): visible comments}, one query."""
    rows = (
        ConsultationComment.objects.filter(consultation=consultation, state=CommentState.VISIBLE)
        .values("clause_id")
        .annotate(n=Count("pk"))
    )
    return {r["clause_id"]: r["n"] for r in rows}


def comments_of_author(consultation: Consultation, user) -> QuerySet[ConsultationComment]:
    """The user's own comments on a consultation, whatever their state (with hide reasons)."""
    if user is None or not user.is_authenticated:
        return ConsultationComment.objects.none()
    return (
        ConsultationComment.objects.filter(consultation=consultation, author=user)
        .select_related("clause")
        .order_by("-submitted_at", "-pk")
    )


def comments_by_author(user) -> QuerySet[ConsultationComment]:
    """All of the user's own comments, on every consultation, newest first (我的 in the
    portal); whatever their state, like `comments_of_author`."""
    if user is None or not user.is_authenticated:
        return ConsultationComment.objects.none()
    return (
        ConsultationComment.objects.filter(author=user)
        .select_related("consultation")
        .order_by("-submitted_at", "-pk")
    )


def attachment_of(consultation: Consultation, attachment_pk) -> Attachment | None:
    try:
        attachment_pk = int(attachment_pk)
    except (TypeError, ValueError):
        return None
    return next((a for a in consultation.attachments.all() if a.pk == attachment_pk), None)


# --- Staff -------------------------------------------------------------------------------


def staff_consultations(
    user, *, state: str | None = None, q: str | None = None
) -> QuerySet[Consultation]:
    qs = scope(user, "consultation.view_staff", Consultation.objects.all())
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(title__icontains=q.strip())
    return (
        qs.select_related("agency")
        .defer("draft_text", "explanation", "feedback_report")
        .annotate(
            all_comments=Count("comments"),
            pending_comments=Count("comments", filter=Q(comments__state=CommentState.PENDING)),
        )
        .order_by("-updated_at", "-pk")
    )


def consultation_for_staff(user, pk) -> Consultation | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(user, "consultation.view_staff", Consultation.objects.all())
        .select_related("agency", "created_by", "short_period_by")
        .prefetch_related(
            Prefetch("clauses", queryset=ConsultationClause.objects.order_by("position")),
            "basis_links",
            _attachments_prefetch(),
        )
        .filter(pk=pk)
        .first()
    )


def staff_comments(
    consultation: Consultation,
    *,
    state: str | None = None,
    clause=None,
    group: str | None = None,
    adoption: str | None = None,
) -> QuerySet[ConsultationComment]:
    """All comments of a consultation (hidden ones too) for staff who may see it."""
    qs = ConsultationComment.objects.filter(consultation=consultation)
    if state:
        qs = qs.filter(state=state)
    if clause is not None:
        qs = qs.filter(clause=clause)
    if group is not None:
        qs = qs.filter(group_label=group)
    if adoption is not None:
        qs = qs.filter(adoption=adoption)
    return qs.select_related("clause", "author", "adoption_by").order_by("submitted_at", "pk")


def comment_for_staff(user, pk) -> ConsultationComment | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    visible = scope(user, "consultation.view_staff", Consultation.objects.all())
    return (
        ConsultationComment.objects.filter(pk=pk, consultation__in=visible.values("pk"))
        .select_related("consultation", "consultation__agency", "clause", "author")
        .first()
    )


def group_labels(consultation: Consultation) -> list[tuple[str, int]]:
    rows = (
        ConsultationComment.objects.filter(consultation=consultation)
        .exclude(group_label="")
        .values("group_label")
        .annotate(n=Count("pk"))
        .order_by("group_label")
    )
    return [(r["group_label"], r["n"]) for r in rows]


def feedback_clocks(user, *, action: str = "consultation.adopt") -> QuerySet[Clock]:
    """Running feedback clocks (采纳情况说明) of consultations the user may work on."""
    from django.contrib.contenttypes.models import ContentType

    ids = scope(user, action, Consultation.objects.filter(state=S.CLOSED)).values("pk")
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Consultation),
        object_id__in=ids,
        rule=FEEDBACK_RULE,
    ).exclude(state=Clock.State.STOPPED)


def consultations_to_moderate(user) -> QuerySet[Consultation]:
    """Consultations with comments waiting for pre-moderation, for moderators."""
    qs = scope(user, "consultation.moderate", Consultation.objects.all())
    return (
        qs.filter(comments__state=CommentState.PENDING)
        .annotate(pending_comments=Count("comments"))
        .only("pk", "title")
        .order_by("pk")
    )
