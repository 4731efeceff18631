"""The workbench's picker for a decision's 公众参与 step (issue 13): the agency's 重大决策
consultations and its 听证会/座谈会/咨询协商 are offered by title, each that does not count
disabled with the reason (period under 30 days without a reason, 采纳情况 not published, the
hearing not yet held); picking one that counts completes the step. Real consultations and
meetings, made through their services."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from sunshine.governance.decisions import services, steps
from sunshine.kernel import clock
from sunshine.participation.consultations.models import Consultation
from sunshine.testing.factories.decisions import at, make_decision, make_people

from .participation import public_meeting, published_consultation


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def _option(html: str, title: str) -> str:
    """The <label> of the radio button whose label names `title`."""
    found = re.search(
        r"<label[^>]*>(?:(?!</label>).)*" + re.escape(title) + r".*?</label>", html, re.S
    )
    assert found, title
    return found.group(0)


def _step(decision):
    return next(s for s in decision.steps.all() if s.kind == "public_participation")


def step_url(decision):
    return reverse("workbench:decisions_step", args=[decision.pk, "public_participation"])


def test_the_picker_names_why_a_candidate_does_not_count(client, people):
    # 2026-08-01 → 08-31 is 30 days counted from the day after (Art. 15), 采纳情况 out 09-01.
    good = published_consultation(people)
    # 20 days and no reason for the short period: the consultations module refuses that
    # today, so the row stands for one kept from before (its end date changed in the table).
    short = published_consultation(people, title="短期征求意见")
    Consultation.objects.filter(pk=short.pk).update(end_date=dt.date(2026, 8, 21))
    published_consultation(people, title="尚未公布采纳情况的征求意见", feedback=False)
    public_meeting(people, held=False, title="高速公路建设规划听证会")
    decision = make_decision(people)
    client.force_login(people.drafter)
    html = client.get(reverse("workbench:decisions_detail", args=[decision.pk])).content.decode()
    ok = _option(html, "广州至湛江高速公路建设规划（征求意见稿）")
    assert "disabled" not in ok and "不计入" not in ok
    assert "征求意见期为20日，少于30日且未说明缩短理由" in _option(html, "短期征求意见")
    assert "disabled" in _option(html, "短期征求意见")
    pending = _option(html, "尚未公布采纳情况的征求意见")
    assert "该征求意见尚未公布采纳情况" in pending and "disabled" in pending
    hearing = _option(html, "高速公路建设规划听证会")
    assert "该会议尚未召开" in hearing and "disabled" in hearing
    # A disabled one posted anyway: the service's reason beside the picker, nothing done.
    refused = client.post(step_url(decision), {"source": f"consultation:{short.pk}"})
    assert refused.status_code == 400
    assert "少于30日且未说明缩短理由" in refused.content.decode()
    assert not _step(decision).is_done
    nothing = client.post(step_url(decision), {})
    assert nothing.status_code == 400
    assert "请选择一个征求意见或听证会" in nothing.content.decode()
    done = client.post(step_url(decision), {"source": f"consultation:{good.pk}"})
    assert done.status_code == 302
    step = _step(decision)
    assert step.is_done and step.consultation_id == good.pk
    # Done: the page names what it links and offers no picker any more.
    html = client.get(reverse("workbench:decisions_detail", args=[decision.pk])).content.decode()
    assert "征求意见：广州至湛江高速公路建设规划（征求意见稿）" in html
    assert 'name="source"' not in html


def test_a_held_hearing_is_picked_by_its_title(client, people):
    hearing = public_meeting(people, kind="symposium", title="规划座谈会")
    decision = make_decision(people)
    candidates = steps.participation_candidates(decision)
    assert [(c.kind, c.title, c.counts) for c in candidates] == [("hearing", "规划座谈会", True)]
    assert candidates[0].when == "座谈会 2026-09-10"
    client.force_login(people.drafter)
    assert client.post(step_url(decision), {"source": f"hearing:{hearing.pk}"}).status_code == 302
    step = _step(decision)
    assert step.is_done and step.hearing_id == hearing.pk


def test_a_general_meeting_and_other_agencies_are_not_offered(client, people, province):
    public_meeting(people, kind="meeting", title="一般工作会议")
    published_consultation(people, title="广州市规划（征求意见稿）", agency=province["city"])
    published_consultation(people, title="非重大决策征求意见", major=False)
    # A department's decision (Art. 42): only its own subtree's consultations and meetings.
    decision = services.create_decision(
        actor=people.drafter,
        agency=people.lead,
        lead_agency=people.lead,
        title="交通运输厅决策事项",
        level="executive",
    )
    assert steps.participation_candidates(decision) == []
    client.force_login(people.drafter)
    html = client.get(reverse("workbench:decisions_detail", args=[decision.pk])).content.decode()
    assert "本机关还没有向社会公开的重大决策预公开征求意见" in html
    for title in ("一般工作会议", "广州市规划", "非重大决策征求意见"):
        assert title not in html
    # On the government's decision the city's consultation (its subtree) is offered, the
    # general meeting and the non-major consultation are not.
    titles = [c.title for c in steps.participation_candidates(make_decision(people))]
    assert titles == ["广州市规划（征求意见稿）"]


def test_only_who_manages_the_decision_sees_the_picker(client, people):
    published_consultation(people)
    decision = make_decision(people)
    client.force_login(people.reviewer)  # the legal office: no review asked of it → 404
    assert client.get(reverse("workbench:decisions_detail", args=[decision.pk])).status_code == 404
    client.force_login(people.head)
    html = client.get(reverse("workbench:decisions_detail", args=[decision.pk])).content.decode()
    assert 'name="source"' in html  # 签发 holds decision.manage too
