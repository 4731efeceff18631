"""What a citizen sees of a 留言's workflow state (workflow.py): the four public steps of
mine/tracker.py. 派单, 错派退回 and 重新办理 are the offices' business: to the author the message
is simply being handled."""

from django.utils.translation import gettext_lazy as _

from sunshine.participation.messages.workflow import MessageState as S

from ..mine.tracker import CLOSED, HANDLING, RECEIVED, REPLIED, PublicStatus, tracker_for

MESSAGE_STATUS = {
    S.SUBMITTED: PublicStatus(RECEIVED),
    S.ASSIGNED: PublicStatus(HANDLING),
    S.RETURNED: PublicStatus(HANDLING),
    S.REPLIED: PublicStatus(REPLIED),
    S.CLOSED: PublicStatus(CLOSED),
    S.REJECTED: PublicStatus(None, _("不予受理"), ends=True),
    S.ARCHIVED: PublicStatus(CLOSED),
}


def message_tracker(message):
    return tracker_for(message.state, MESSAGE_STATUS)
