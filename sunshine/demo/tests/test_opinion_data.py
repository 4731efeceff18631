"""The 政务舆情 demo: a major emergency with its 5 h release on time and the press conference
overdue (the general office told), a hot issue answered in time and closed; idempotent."""

import io

import pytest

from sunshine.demo import kernel_data, opinion_data
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.notify.models import Notification
from sunshine.participation.opinion.models import (
    OpinionEvent,
    OpinionItem,
    OpinionResponse,
    OverdueNotice,
)

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        m.objects.count()
        for m in (OpinionEvent, OpinionItem, OpinionResponse, OverdueNotice, Notification)
    )


def test_opinion_demo_is_idempotent_and_tells_the_story():
    kernel_data.load()
    opinion_data.load(stdout=io.StringIO())
    first = counts()
    opinion_data.load(stdout=io.StringIO())
    assert counts() == first
    major = OpinionEvent.objects.get(title=opinion_data.MAJOR_TITLE)
    assert major.level == "major_emergency" and major.responsible_agency.name == "广州市交通运输局"
    clocks = {
        c.rule: c for c in Clock.objects.filter(object_id=major.pk, rule__startswith="opinion.")
    }
    assert clocks["opinion.major_first_response"].met_deadline is True
    assert clocks["opinion.press_conference"].urgency == "overdue"
    assert major.responses.get().on_time is True
    assert major.item_count == 12 and major.negative_count > 0 and major.positive_count > 0
    notice = OverdueNotice.objects.get()
    assert notice.clock == clocks["opinion.press_conference"]
    assert (
        Notification.objects.filter(
            event="opinion.overdue", recipient__email="supervisor@demo.gd.gov.cn"
        ).count()
        == 1
    )
    hot = OpinionEvent.objects.get(title=opinion_data.HOT_TITLE)
    assert hot.state == "closed" and hot.evaluation_score == 4
    assert hot.responses.get().on_time is True
    assert verify_chain().ok
