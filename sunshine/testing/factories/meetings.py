"""Meetings in each state, for the tests of the domain, portal, workbench and API."""

from datetime import UTC, datetime, timedelta

import factory

from sunshine.participation.meetings import services
from sunshine.participation.meetings.models import Meeting

from .kernel import AgencyFactory, CitizenFactory, staff_with

WHEN = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞"]


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned 听证会 of `agency` by `actor` (default: a new disclosure officer there)
    through `services.create_meeting`; `open_meeting` sets its seats and opens it."""

    class Meta:
        model = Meeting

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.agency))
    title = "广州至湛江高速公路改扩建方案听证会"
    starts_at = WHEN
    place = "省交通运输厅三楼会议室"
    publish_modes = factory.LazyFunction(lambda: ["live", "minutes"])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_meeting(**kwargs)


def open_meeting(officer, agency, seats, number="20261130", **fields):
    meeting = MeetingFactory(actor=officer, agency=agency, **fields)
    services.set_seats(actor=officer, meeting=meeting, seats=seats)
    return services.open_applications(actor=officer, meeting=meeting, announced_number=number)


def apply_many(meeting, category, n, offset=0):
    return [
        services.apply(
            actor=CitizenFactory(),
            meeting=meeting,
            category=category,
            name=NAMES[(i + offset) % len(NAMES)],
            contact=f"1380000{i:04d}",
            reason="关心本地交通建设",
        )
        for i in range(n)
    ]


def drawn_meeting(officer, agency):
    meeting = open_meeting(officer, agency, {"public": 2, "expert": 1, "media": 1})
    apply_many(meeting, "public", 5)
    apply_many(meeting, "expert", 2, offset=5)
    apply_many(meeting, "media", 1, offset=7)
    services.close_and_draw(meeting=meeting, actor=officer)
    meeting.refresh_from_db()
    return meeting


def published_meeting(officer, agency):
    meeting = drawn_meeting(officer, agency)
    services.mark_held(actor=officer, meeting=meeting)
    return services.publish_results(
        actor=officer,
        meeting=meeting,
        minutes="会议听取了改扩建方案说明。\n列席代表发表了意见。",
        decisions="原则同意改扩建方案，按意见修改后报省政府。",
    )


def later(days=1):
    return WHEN + timedelta(days=days)
