"""What an applicant sees of a 依申请公开 request's state: the four public steps of
mine/tracker.py, with the reason when the reply period is paused (条例 Arts 30, 32: 补正 and
第三方意见 do not count towards the period; Art. 42: 缴费)."""

from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.choices import RequestState as S

from ..mine.tracker import CLOSED, HANDLING, REPLIED, PublicStatus, tracker_for

FOI_STATUS = {
    S.RECEIVED: PublicStatus(HANDLING),
    S.CORRECTION: PublicStatus(HANDLING, _("待您补正：请按补正告知补充申请内容")),
    S.THIRD_PARTY: PublicStatus(HANDLING, _("正在征求第三方意见，答复期限暂停计算")),
    S.PAYMENT: PublicStatus(HANDLING, _("待缴纳信息处理费")),
    S.REPLIED: PublicStatus(REPLIED),
    S.DELIVERED: PublicStatus(CLOSED),
}


def request_tracker(item):
    return tracker_for(item.state, FOI_STATUS)
