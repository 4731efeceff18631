"""The 政务舆情 demo's 会商 and 研判: every event answered so far had its 研判 first; the
校车 event has a 研判 recommending a joint response and a 会商 with two invited departments,
the education department answered in time, the finance department still to answer on its
running 6-hour clock; its staff see that part in their queue."""

import datetime as dt
import io

import pytest

from sunshine.demo import kernel_data, opinion_data
from sunshine.kernel.accounts.models import User
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.participation.opinion.models import OpinionAnalysis, OpinionEvent
from sunshine.participation.opinion.selectors import parts_for_user

pytestmark = pytest.mark.django_db


def test_demo_coordination_one_answered_one_pending():
    kernel_data.load()
    opinion_data.load(stdout=io.StringIO())
    opinion_data.load(stdout=io.StringIO())  # idempotent
    for e in OpinionEvent.objects.filter(responses__isnull=False).distinct():
        first_response = e.responses.order_by("created_at").first()
        assert e.analyses.filter(analysed_at__lte=first_response.created_at).exists(), e.title
    e = OpinionEvent.objects.get(title=opinion_data.COORDINATION_TITLE)
    (analysis,) = OpinionAnalysis.objects.filter(event=e)
    assert analysis.method == "joint_response" and analysis.level == "hot_issue"
    (c,) = e.coordinations.all()
    assert c.state == "open" and c.hours == 6
    parts = {p.agency.name: p for p in c.parts.all()}
    assert set(parts) == {"广东省教育厅", "广东省财政厅"}
    answered, pending = parts["广东省教育厅"], parts["广东省财政厅"]
    assert answered.state == "answered" and clocks_for(answered).get().met_deadline is True
    assert pending.state == "pending"
    running = clocks_for(pending).get()
    assert running.state == "running"
    assert running.due_at == pending.invited_at + dt.timedelta(hours=6)
    finance = User.objects.get(email="finance.reviewer@demo.gd.gov.cn")
    assert [p.pk for p in parts_for_user(finance)] == [pending.pk]
    assert verify_chain().ok
