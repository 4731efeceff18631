"""Who hears what about meetings: applicants get the result of the draw (inbox and, by their
preferences, e-mail)."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel.notify.services import notify

from .models import AttendanceApplication, Meeting

EVENT_DRAW = "meeting.draw_result"


def public_url(meeting: Meeting) -> str:
    """The meeting's public page ("" while the portal page is not mounted)."""
    try:
        return reverse("portal:meetings_draw", args=[meeting.pk])
    except NoReverseMatch:
        return ""


def tell_applicants_of_draw(meeting: Meeting) -> None:
    applications = list(meeting.applications.select_related("applicant"))
    url = public_url(meeting)
    when = timezone.localtime(meeting.starts_at)
    selected = [
        a.applicant for a in applications if a.status == AttendanceApplication.Status.SELECTED
    ]
    others = [
        a.applicant for a in applications if a.status != AttendanceApplication.Status.SELECTED
    ]
    params = {"title": meeting.title, "place": meeting.place or "—"}
    if selected:
        notify(
            event=EVENT_DRAW,
            recipients=selected,
            subject=_("列席抽签结果：您已抽中《%(title)s》") % params,
            body=_(
                "您报名列席的会议《%(title)s》已完成抽签，您已抽中。会议时间：%(when)s，"
                "地点：%(place)s。抽签方法、输入和结果已公开，可在会议页面复核。"
            )
            % {**params, "when": f"{when:%Y-%m-%d %H:%M}"},
            obj=meeting,
            url=url,
        )
    if others:
        notify(
            event=EVENT_DRAW,
            recipients=others,
            subject=_("列席抽签结果：《%(title)s》") % params,
            body=_(
                "您报名列席的会议《%(title)s》报名人数超过名额，已公开抽签，您本次未抽中。"
                "抽签方法、输入和结果已公开，可在会议页面复核；会议结束后将公开会议纪要和决定。"
            )
            % params,
            obj=meeting,
            url=url,
        )
