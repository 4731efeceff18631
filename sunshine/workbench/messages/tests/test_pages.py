import datetime as dt

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.duban.services import issue_order
from sunshine.participation.messages import services
from sunshine.participation.messages.models import Message
from sunshine.testing.factories import PASSWORD
from sunshine.testing.factories.messages import submit
from sunshine.workbench.queues import queue_for_user

D = dt.date
pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.email, password=PASSWORD)


def test_queue_colours_and_scope(client, messages_people, django_assert_max_num_queries):
    with clock.frozen(D(2026, 9, 1)):
        late = submit(
            messages_people["citizen"], agency=messages_people["transport"], subject="逾期的留言"
        )
    for i in range(20):
        submit(messages_people["citizen"], agency=messages_people["transport"], subject=f"留言{i}")
    submit(messages_people["citizen"], agency=messages_people["other"], subject="教育厅的留言")
    login(client, messages_people["drafter"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("workbench:messages_queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "逾期的留言" in html and "badge-overdue" in html
    assert "教育厅的留言" not in html
    response = client.get(reverse("workbench:messages_queue") + "?urgency=overdue")
    assert "留言1<" not in response.content.decode() and late.subject in response.content.decode()
    # the other agency's staff cannot open it
    login(client, messages_people["other_drafter"])
    assert client.get(reverse("workbench:messages_detail", args=[late.pk])).status_code == 404


def test_dispatch_transfer_reply_publish_through_the_pages(client, messages_people):
    m = submit(
        messages_people["citizen"], subject="学校乱收补课费", body="A市某中学暑假组织补课并收费。"
    )
    login(client, messages_people["supervisor"])
    html = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
    assert "派单" in html and "广东省教育厅" in html  # suggestion preselected
    url = reverse("workbench:messages_act", args=[m.pk, "assign"])
    response = client.post(
        url, {"assign-agency": messages_people["transport"].pk, "assign-category": "交通运输"}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.state == Message.State.ASSIGNED and m.agency == messages_people["transport"]
    login(client, messages_people["officer"])
    url = reverse("workbench:messages_act", args=[m.pk, "transfer"])
    response = client.post(
        url, {"transfer-agency": messages_people["other"].pk, "transfer-reason": ""}
    )
    assert response.status_code == 400 and "请填写转办理由" in response.content.decode()
    response = client.post(
        url, {"transfer-agency": messages_people["other"].pk, "transfer-reason": "属教育部门"}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.agency == messages_people["other"]
    login(client, messages_people["other_drafter"])
    url = reverse("workbench:messages_act", args=[m.pk, "reply"])
    response = client.post(url, {"reply-body": "经核查，已责令学校退费。", "reply-publish": "on"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.state == Message.State.REPLIED
    html = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
    assert "流转记录" in html and "转办" in html and "留言答复" in html


def test_extend_refused_keeps_input(client, messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"])
    login(client, messages_people["officer"])
    url = reverse("workbench:messages_act", args=[m.pk, "extend"])
    response = client.post(url, {"extend-length": "12", "extend-reason": "需要调查"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "延期不得超过 10 个工作日" in html and "需要调查" in html
    response = client.post(url, {"extend-length": "10", "extend-reason": "需要调查"})
    assert response.status_code == 302
    response = client.post(url, {"extend-length": "1", "extend-reason": "再延"})
    assert response.status_code == 400 and "最多可延期 1 次" in response.content.decode()


def test_return_button_disabled_after_two_working_days(client, messages_people):
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    login(client, messages_people["drafter"])
    with clock.frozen(D(2026, 10, 12)):
        html = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
        assert "2个工作日内" in html and "disabled" in html
        response = client.post(
            reverse("workbench:messages_act", args=[m.pk, "return"]),
            {"return-reason": "不属本单位"},
        )
        assert response.status_code == 400


def test_supervisor_overdue_list_and_supervision_order(client, messages_people):
    with clock.frozen(D(2026, 9, 1)):
        m = submit(
            messages_people["citizen"], agency=messages_people["transport"], subject="逾期的留言"
        )
    login(client, messages_people["drafter"])
    assert client.get(reverse("workbench:messages_overdue")).status_code == 403
    login(client, messages_people["supervisor"])
    response = client.get(reverse("workbench:messages_overdue"))
    html = response.content.decode()
    assert "逾期的留言" in html and f"/workbench/oversight/new/?kind=message&amp;id={m.pk}" in html
    order = issue_order(target=m, actor=messages_people["supervisor"], reason="请尽快答复")
    assert order.agency == messages_people["transport"] and order.kind == "message"
    assert SupervisionOrder.objects.filter(object_id=m.pk).count() == 1
    login(client, messages_people["drafter"])
    html = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
    assert "请尽快答复" in html


def test_dashboard_queue_provider(messages_people):
    with clock.frozen(D(2026, 5, 1)):
        stale = submit(
            messages_people["citizen"],
            agency=messages_people["transport"],
            subject="很久以前的留言",
        )
    unrouted = submit(messages_people["citizen"], subject="不知道找谁")
    fresh = submit(
        messages_people["citizen"], agency=messages_people["transport"], subject="新留言"
    )
    labels = {i.title: i.label for i in queue_for_user(messages_people["drafter"])}
    assert labels[stale.subject] == "留言超3个月未答复" and labels[fresh.subject] == "网民留言"
    assert unrouted.subject not in labels
    labels = {i.title: i.label for i in queue_for_user(messages_people["supervisor"])}
    assert labels[unrouted.subject] == "留言待分派"


def test_publish_toggle_and_corrected_text(client, messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"])
    services.reply_to_message(message=m, actor=messages_people["drafter"], body="已处理。")
    login(client, messages_people["officer"])
    url = reverse("workbench:messages_act", args=[m.pk, "publish"])
    response = client.post(
        url, {"publish-published": "on", "publish-public_body": "出租车拒载，联系13812345678。"}
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.is_published and m.public_body == "出租车拒载，联系138****5678。"
    client.post(url, {"publish-published": ""})
    m.refresh_from_db()
    assert not m.is_published


def test_bulk_assign(client, messages_people):
    a = submit(messages_people["citizen"], subject="不知道找谁一")
    b = submit(messages_people["citizen"], subject="不知道找谁二")
    login(client, messages_people["supervisor"])
    html = client.get(reverse("workbench:messages_queue") + "?state=unrouted").content.decode()
    assert "批量派单" in html
    response = client.post(
        reverse("workbench:messages_bulk_assign"),
        {"ids": [a.pk, b.pk], "agency": messages_people["transport"].pk},
    )
    assert response.status_code == 302
    assert set(Message.objects.values_list("state", flat=True)) == {"assigned"}
    login(client, messages_people["drafter"])
    response = client.post(
        reverse("workbench:messages_bulk_assign"),
        {"ids": [a.pk], "agency": messages_people["other"].pk},
    )
    a.refresh_from_db()
    assert a.agency == messages_people["transport"]  # refused: not a dispatcher, nothing changed


def test_dashboard_shows_the_queue_and_menu(client, messages_people):
    m = submit(
        messages_people["citizen"], agency=messages_people["transport"], subject="仪表盘上的留言"
    )
    login(client, messages_people["drafter"])
    html = client.get(reverse("workbench:dashboard")).content.decode()
    assert m.subject in html and reverse("workbench:messages_queue") in html


def test_pages_show_overdue_when_the_sweep_has_not_run(client, messages_people):
    """Submitted Wed 09-30: reply due 10-13 (10-08, 10-09, 10-10 make-up Saturday, 10-12,
    10-13). No sweep runs in this test, so the clock's stored urgency stays "on_time"; the
    queue, the detail page and the supervisors' overdue list compute it when they are read."""
    from sunshine.kernel.deadlines.models import Clock

    with clock.frozen(D(2026, 9, 30)):
        m = submit(
            messages_people["citizen"],
            agency=messages_people["transport"],
            subject="答复期限已过的留言",
        )
    login(client, messages_people["drafter"])
    with clock.frozen(D(2026, 10, 9)):  # 10-10, 10-12, 10-13 left: 3 wd, due soon
        html = client.get(reverse("workbench:messages_queue")).content.decode()
        assert "badge-due_soon" in html and "2026-10-13" in html
    with clock.frozen(D(2026, 10, 14)):
        assert Clock.objects.get(object_id=m.pk, rule="message.reply").urgency == "on_time"
        html = client.get(reverse("workbench:messages_queue") + "?urgency=overdue").content
        assert m.subject in html.decode() and "badge-overdue" in html.decode()
        detail = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
        assert "badge-overdue" in detail and "2026-10-13 23:59" in detail
        login(client, messages_people["supervisor"])
        overdue = client.get(reverse("workbench:messages_overdue")).content.decode()
        assert m.subject in overdue
