"""Reads on briefings. Public: every briefing's announcement (预告) and, once published, its
transcript and media; linked policies only when they are public records themselves."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.access.policy import scope

from .models import Briefing, BriefingSpeaker, BriefingState


def _with_speakers(qs: QuerySet[Briefing]) -> QuerySet[Briefing]:
    return qs.prefetch_related(
        Prefetch(
            "speakers",
            queryset=BriefingSpeaker.objects.select_related("agency").order_by("position", "id"),
            to_attr="speaker_list",
        )
    )


def public_briefings(*, kind: str | None = None, year: int | None = None) -> QuerySet[Briefing]:
    qs = Briefing.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(scheduled_at__year=year)
    return _with_speakers(qs.select_related("agency").defer("transcript"))


def briefing_for_public(pk) -> Briefing | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return _with_speakers(Briefing.objects.select_related("agency").filter(pk=pk)).first()


def is_published(briefing: Briefing) -> bool:
    return briefing.state == BriefingState.PUBLISHED


def public_policies(briefing: Briefing):
    """The linked policies that are public records (a withdrawn one drops out)."""
    ids = Briefing.policies.through.objects.filter(briefing_id=briefing.pk).values(
        "disclosurerecord_id"
    )
    return public_records().filter(pk__in=ids)


def public_briefings_for_record(record) -> QuerySet[Briefing]:
    """Briefings that discussed this (public) record, for the panel on its page."""
    ids = Briefing.policies.through.objects.filter(disclosurerecord_id=record.pk).values(
        "briefing_id"
    )
    return Briefing.objects.filter(pk__in=ids).select_related("agency").defer("transcript")


def public_attachment(briefing: Briefing, attachment_pk: int):
    if not is_published(briefing):
        return None
    return briefing.attachments.filter(pk=attachment_pk).first()


def staff_briefings(
    user, *, state: str | None = None, kind: str | None = None, q: str | None = None
) -> QuerySet[Briefing]:
    qs = scope(user, "briefing.view_staff", Briefing.objects.all())
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(speakers__name__icontains=q)).distinct()
    return _with_speakers(qs.select_related("agency").defer("transcript"))


def briefing_for_staff(user, pk) -> Briefing | None:
    qs = scope(user, "briefing.view_staff", Briefing.objects.select_related("agency"))
    return _with_speakers(qs.filter(pk=pk)).first()


def briefings_needing_action(user) -> QuerySet[Briefing]:
    """Held but not recorded as such, or held and waiting for the transcript."""
    now = clock.now()
    qs = scope(user, "briefing.manage", Briefing.objects.all())
    return qs.filter(
        Q(state=BriefingState.SCHEDULED, scheduled_at__lte=now) | Q(state=BriefingState.HELD)
    ).order_by("scheduled_at")


def next_step_label(briefing: Briefing) -> str:
    if briefing.state == BriefingState.SCHEDULED:
        return _("待登记举行")
    if briefing.state == BriefingState.HELD:
        return _("待发布实录")
    return ""
