"""The workbench's 研判 and 会商 pages: the convenor opens a 会商 from the event page, the
invited agency finds it in its queue and inbox and answers its own part (and sees no other),
the convenor writes the joint response and publishes it, refused without the 研判 first; the
portal then shows only that published response."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.notify.models import Notification
from sunshine.participation.opinion.models import (
    CoordinationPart,
    OpinionAnalysis,
    OpinionCoordination,
    OpinionResponse,
)
from sunshine.testing.factories.opinion import T0, coordination, event, make_coordination_people
from sunshine.workbench.opinion.registry import parts_to_answer
from sunshine.workbench.queues import queue_for_user

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


@pytest.fixture
def people(province):
    return make_coordination_people(province)


def test_convenor_invited_agency_and_portal_journey(client, people):
    with clock.frozen(T0 + H):
        e = event(people)
    client.force_login(people["reviewer"])
    page = client.get(f"/workbench/opinion/{e.pk}/").content.decode()
    assert "须先研判" in page and "发起会商" in page
    with clock.frozen(T0 + 1.5 * H):
        refused = client.post(
            f"/workbench/opinion/{e.pk}/coordinations/new/",
            {
                "topic": "塌陷原因",
                "hours": "3",
                "agency": people["agency"].pk,  # the convenor itself
                "question": "请说明<script>x</script>",
            },
        )
        assert refused.status_code == 400
        html = refused.content.decode()
        assert "网页代码" in html or "牵头单位不必邀请自己" in html
        assert not OpinionCoordination.objects.exists()
        opened = client.post(
            f"/workbench/opinion/{e.pk}/coordinations/new/",
            {
                "topic": "塌陷原因",
                "brief": "请按职责答复",
                "hours": "3",
                "agency": people["housing"].pk,
                "question": "请说明塌陷路段地下管线的排查情况。",
            },
        )
    c = OpinionCoordination.objects.get()
    assert opened.status_code == 302 and opened["Location"] == (
        f"/workbench/opinion/coordinations/{c.pk}/"
    )
    with clock.frozen(T0 + 1.6 * H):
        invited = client.post(
            f"/workbench/opinion/coordinations/{c.pk}/invite/",
            {"inv-agency": people["water"].pk, "inv-question": "请说明当日降雨量。"},
        )
    assert invited.status_code == 302
    housing = CoordinationPart.objects.get(agency=people["housing"])
    water = CoordinationPart.objects.get(agency=people["water"])

    # The housing department: its queue and inbox lead to its part, and only to it.
    them = people["housing_reviewer"]
    with clock.frozen(T0 + 2 * H):
        queued = [i for i in queue_for_user(them) if "/parts/" in i.url]
        assert [i.url for i in queued] == [f"/workbench/opinion/parts/{housing.pk}/"]
        assert queued[0].due == T0 + 4.5 * H  # invited at 09:30, 3 hours → 12:30
    assert Notification.objects.filter(
        recipient=them, event="opinion.coordination_invited", url__endswith=f"/{housing.pk}/"
    ).exists()
    client.force_login(them)
    with clock.frozen(T0 + 2 * H):
        part_page = client.get(f"/workbench/opinion/parts/{housing.pk}/").content.decode()
        assert "请说明塌陷路段地下管线的排查情况" in part_page
        assert "请说明当日降雨量" not in part_page  # another agency's question
        assert "2026-07-01 12:30" in part_page
        assert client.get(f"/workbench/opinion/parts/{water.pk}/").status_code == 404
        assert client.get(f"/workbench/opinion/coordinations/{c.pk}/").status_code == 404
        assert client.get(f"/workbench/opinion/{e.pk}/").status_code == 404
        listing = client.get("/workbench/opinion/parts/").content.decode()
        assert "塌陷原因" in listing
        empty = client.post(f"/workbench/opinion/parts/{housing.pk}/", {"ans-answer": ""})
        assert empty.status_code == 400
        answered = client.post(
            f"/workbench/opinion/parts/{housing.pk}/", {"ans-answer": "管线上月已排查，无隐患。"}
        )
    assert answered.status_code == 302
    housing.refresh_from_db()
    assert housing.state == "answered" and housing.answered_by == them
    assert not parts_to_answer(them, 10)
    # The city (neither convenor nor invited) sees nothing.
    client.force_login(people["other_reviewer"])
    assert client.get(f"/workbench/opinion/parts/{housing.pk}/").status_code == 404
    assert client.get(f"/workbench/opinion/coordinations/{c.pk}/").status_code == 404
    assert "塌陷原因" not in client.get("/workbench/opinion/parts/").content.decode()

    # The convenor sees both parts, writes the joint response and publishes it.
    client.force_login(people["reviewer"])
    with clock.frozen(T0 + 3 * H):
        page = client.get(f"/workbench/opinion/coordinations/{c.pk}/").content.decode()
        assert "管线上月已排查" in page and "请说明当日降雨量" in page and "待答复" in page
        client.post(
            f"/workbench/opinion/coordinations/{c.pk}/conclude/",
            {"jr-joint_response": "经会商：无人员伤亡，管线无隐患，塌陷系强降雨所致。"},
        )
        c.refresh_from_db()
        assert c.state == "concluded"
        refused = client.post(
            f"/workbench/opinion/coordinations/{c.pk}/publish/",
            {"pub-kind": "authoritative_information", "pub-channel": "website"},
        )
        assert refused.status_code == 400 and "尚无研判记录" in refused.content.decode()
        assert not OpinionResponse.objects.exists()
        analysed = client.post(
            f"/workbench/opinion/{e.pk}/analyses/",
            {
                "an-level": "major_emergency",
                "an-trend": "rising",
                "an-concerns": "塌陷原因、人员伤亡",
                "an-method": "joint_response",
                "an-talking_points": "以会商口径联合回应",
                "an-coordination": c.pk,
            },
        )
        assert analysed.status_code == 302
        assert OpinionAnalysis.objects.get().coordination == c
        published = client.post(
            f"/workbench/opinion/coordinations/{c.pk}/publish/",
            {"pub-kind": "authoritative_information", "pub-channel": "website"},
        )
    assert published.status_code == 302
    response = OpinionResponse.objects.get()
    assert response.text == "经会商：无人员伤亡，管线无隐患，塌陷系强降雨所致。"
    page = client.get(f"/workbench/opinion/{e.pk}/").content.decode()
    assert "当前研判" in page and "已发布联合回应" in page

    # The portal shows the published joint response, never the parts or the 研判.
    client.logout()
    public = client.get(f"/hygz/{e.pk}/").content.decode()
    assert "管线无隐患" in public
    assert "管线上月已排查" not in public and "以会商口径联合回应" not in public
    # ...with the agencies that answered their part (water never answered: not named).
    assert f"会商联合回应，会同：{people['housing'].name}</span>" in public
    assert people["water"].name not in public


def test_level_change_in_an_analysis_needs_a_reason_and_the_right(client, people):
    with clock.frozen(T0 + H):
        e = event(people, level="hot_issue")
    client.force_login(people["officer"])  # 公开办: may record a 研判, not change the level
    data = {
        "an-level": "major_emergency",
        "an-level_reason": "升级",
        "an-trend": "rising",
        "an-concerns": "关注度上升",
        "an-method": "press_conference",
    }
    with clock.frozen(T0 + 2 * H):
        refused = client.post(f"/workbench/opinion/{e.pk}/analyses/", data)
        assert refused.status_code == 400 and "关注度上升" in refused.content.decode()
        client.force_login(people["approver"])
        no_reason = client.post(
            f"/workbench/opinion/{e.pk}/analyses/", {**data, "an-level_reason": ""}
        )
        assert no_reason.status_code == 400 and "请填写调整理由" in no_reason.content.decode()
        done = client.post(f"/workbench/opinion/{e.pk}/analyses/", data)
    assert done.status_code == 302
    e.refresh_from_db()
    assert e.level == "major_emergency"


def test_pages_stay_within_their_query_budget(client, people, django_assert_max_num_queries):
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e)
    client.force_login(people["reviewer"])
    with clock.frozen(T0 + 2 * H):
        with django_assert_max_num_queries(25):
            assert client.get(f"/workbench/opinion/coordinations/{c.pk}/").status_code == 200
        client.force_login(people["housing_reviewer"])
        with django_assert_max_num_queries(15):
            assert client.get("/workbench/opinion/parts/").status_code == 200
    with django_assert_max_num_queries(3):
        parts_to_answer(people["housing_reviewer"], 10)
