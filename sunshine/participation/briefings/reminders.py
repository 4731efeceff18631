"""The Q4 reminder of the 主要负责人 rule: each flagged agency's officers (公开办, else the
agency administrators) get one inbox notice per run. Runs on 1 Oct, 1 Nov and 1 Dec."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.notify.services import notify

from .coverage import uncovered_agencies

EVENT = "briefing.leader_reminder"


def _officers(agency) -> list:
    staff = User.objects.filter(
        grants__agency_id=agency.pk, is_active=True, kind=User.Kind.STAFF
    ).distinct()
    return list(staff.filter(grants__role=Role.DISCLOSURE_OFFICER)) or list(
        staff.filter(grants__role=Role.AGENCY_ADMIN)
    )


def remind_uncovered(*, year: int | None = None) -> int:
    year = year or clock.today().year
    try:
        url = reverse("workbench:briefings_coverage") + f"?year={year}"
    except NoReverseMatch:
        url = ""
    told = 0
    for agency in uncovered_agencies(year):
        recipients = _officers(agency)
        if not recipients:
            continue
        notify(
            event=EVENT,
            recipients=recipients,
            subject=_("%(year)d年主要负责人尚未宣讲政策") % {"year": year},
            body=_(
                "按照省政府办公厅关于全面推进政务公开工作的要求，主要负责人要带头宣讲政策，"
                "每年不少于1次。%(agency)s %(year)d年尚无主要负责人出席的新闻发布会、访谈或"
                "政策宣讲记录，请及时安排。"
            )
            % {"agency": agency.name, "year": year},
            obj=agency,
            url=url,
        )
        told += 1
    return told
