"""What an applicant sees of a 办件's state (rules.md §6: 申请 → 受理 → 审查 → 决定 → 办结 → 送达):
the four public steps of mine/tracker.py. An application just submitted is not yet 受理, so no
step is reached; 决定 is the agency's answer (已答复)."""

from django.utils.translation import gettext_lazy as _

from sunshine.servicehall.applications.choices import ApplicationState as S

from ..mine.tracker import CLOSED, HANDLING, REPLIED, PublicStatus, tracker_for

APPLICATION_STATUS = {
    S.SUBMITTED: PublicStatus(None, _("已提交，等待受理")),
    S.ACCEPTED: PublicStatus(HANDLING),
    S.REVIEWING: PublicStatus(HANDLING),
    S.CORRECTION: PublicStatus(None, _("待您补正材料（补正后受理）")),
    S.DECIDED: PublicStatus(REPLIED),
    S.COMPLETED: PublicStatus(CLOSED),
    S.DELIVERED: PublicStatus(CLOSED),
    S.REJECTED: PublicStatus(None, _("不予受理"), ends=True),
}


def application_tracker(application):
    return tracker_for(application.state, APPLICATION_STATUS)
