"""征求意见 public pages: list with filter, detail clause by clause, comment form (login,
refusals keep the text, anonymity), public comments, results and analytics; query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.participation.consultations import comment_services as cs
from sunshine.participation.consultations import services
from sunshine.participation.consultations.models import ConsultationComment
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def test_list_filters_and_hides_drafts(client, transport, django_assert_max_num_queries):
    open_one = make_consultation(transport, title="道路运输管理办法（征求意见稿）")
    make_consultation(transport, state="draft", title="内部草稿办法")
    upcoming = make_consultation(
        transport, state="scheduled", start=TODAY + dt.timedelta(days=5), title="港口管理办法"
    )
    for i in range(3):
        make_consultation(transport, title=f"其他办法{i}")
    with django_assert_max_num_queries(6):
        html = client.get("/zjyj/").content.decode()
    assert open_one.title in html and upcoming.title in html and "内部草稿办法" not in html
    html = client.get("/zjyj/?status=upcoming").content.decode()
    assert upcoming.title in html and open_one.title not in html
    html = client.get("/zjyj/?status=closed").content.decode()
    assert "暂无征求意见" in html


def test_detail_shows_clauses_with_links_and_counts(
    client, transport, django_assert_max_num_queries
):
    c = make_consultation(transport)
    services.add_basis_link(
        consultation=c,
        actor=staff_with("drafter", transport),
        title="中华人民共和国道路运输条例",
        url="https://www.gov.cn/zhengce/2023-01/01/content_1.htm",
    )
    clause = c.clauses.get(position=3)
    comment(c, clause=clause)
    comment(c, clause=clause, body="第三条的驾驶人员条件应细化。")
    with django_assert_max_num_queries(8):
        response = client.get(f"/zjyj/{c.pk}/")
    html = response.content.decode()
    assert "第一章 总则" in html and 'id="clause-3"' in html
    assert "第三条的意见（2）" in html
    assert f"/zjyj/{c.pk}/comment/?clause=3" in html
    assert "中华人民共和国道路运输条例" in html and "为规范道路运输" in html
    assert client.get("/zjyj/999999/").status_code == 404
    draft = make_consultation(transport, state="draft")
    assert client.get(f"/zjyj/{draft.pk}/").status_code == 404


def test_comment_form_requires_login(client, transport):
    c = make_consultation(transport)
    response = client.get(f"/zjyj/{c.pk}/comment/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_refused_comment_keeps_text_and_names_the_reason(client, transport):
    c = make_consultation(transport)
    client.force_login(CitizenFactory())
    text = "<b>第三条</b>应当删除"
    response = client.post(f"/zjyj/{c.pk}/comment/", {"body": text, "clause": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "HTML" in html and "&lt;b&gt;第三条&lt;/b&gt;应当删除" in html
    assert '<option value="3" selected>' in html
    response = client.post(f"/zjyj/{c.pk}/comment/", {"body": "写这个办法的人是脑残"})
    assert "脑残" in response.content.decode() and "不文明用语" in response.content.decode()
    response = client.post(f"/zjyj/{c.pk}/comment/", {"body": "长" * 2001})
    assert "最多2000个字" in response.content.decode()
    response = client.post(f"/zjyj/{c.pk}/comment/", {"body": "  "})
    assert "请填写意见内容" in response.content.decode()
    assert ConsultationComment.objects.count() == 0


def test_accepted_comment_appears_anonymously(client, transport):
    c = make_consultation(transport)
    author = CitizenFactory(display_name="王小明")
    client.force_login(author)
    response = client.post(
        f"/zjyj/{c.pk}/comment/",
        {"body": "建议第四条把二十日改为十五个工作日。", "clause": "4", "is_anonymous": "on"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/zjyj/{c.pk}/#mine")
    mine = client.get(f"/zjyj/{c.pk}/").content.decode()
    assert "我的意见" in mine and "十五个工作日" in mine
    client.logout()
    html = client.get(f"/zjyj/{c.pk}/comments/?clause=4").content.decode()
    assert "十五个工作日" in html and "匿名" in html and "王" not in html.split("公众意见")[-1]


def test_staff_cannot_comment(client, transport):
    c = make_consultation(transport)
    client.force_login(staff_with("drafter", transport))
    response = client.post(f"/zjyj/{c.pk}/comment/", {"body": "工作人员的意见"})
    assert "只有公众和企业用户" in response.content.decode()


def test_hidden_reason_only_for_author(client, transport, approver):
    c = make_consultation(transport, mode="pre")
    author = CitizenFactory()
    x = comment(c, author=author, body="与本办法无关的求职信息")
    cs.hide_comment(comment=x, actor=approver, reason="与本次征求意见内容无关")
    assert "与本次征求意见内容无关" not in client.get(f"/zjyj/{c.pk}/comments/").content.decode()
    client.force_login(CitizenFactory())
    assert "与本次征求意见内容无关" not in client.get(f"/zjyj/{c.pk}/").content.decode()
    client.force_login(author)
    html = client.get(f"/zjyj/{c.pk}/").content.decode()
    assert "与本次征求意见内容无关" in html and "未公开" in html


def _published(transport, approver):
    c = make_consultation(transport)
    drafter = staff_with("drafter", transport)
    a = comment(c, body="建议增加对新能源车辆的扶持措施。")
    b = comment(c, body="收费标准太高，不合理。", is_anonymous=True)
    with clock.frozen(TODAY + dt.timedelta(days=31)):
        services.close_consultation(consultation=c, actor=approver)
        cs.mark_adoption(comment=a, actor=drafter, adoption="adopted")
        cs.mark_adoption(
            comment=b, actor=drafter, adoption="not_adopted", reason="收费标准另行制定。"
        )
        services.publish_feedback_report(consultation=c, actor=approver, report="共收到2条意见。")
    return c


def test_results_page(client, transport, approver, django_assert_max_num_queries):
    c = make_consultation(transport)
    assert client.get(f"/zjyj/{c.pk}/results/").status_code == 404
    c = _published(transport, approver)
    with django_assert_max_num_queries(6):
        html = client.get(f"/zjyj/{c.pk}/results/").content.decode()
    assert "共收到2条意见。" in html and "收费标准另行制定。" in html
    assert "不采纳" in html and "匿名" in html


def test_analytics_page(client, transport, approver):
    c = make_consultation(transport)
    comment(c, body="建议完善新能源汽车充电设施建设。", clause=c.clauses.get(position=2))
    comment(c, body="新能源汽车充电难，希望加快建设。")
    html = client.get(f"/zjyj/{c.pk}/analytics/").content.decode()
    assert "共有 2 条公开的意见" in html
    assert "新能源" in html and "充电" in html
    assert "正面" in html and "负面" in html


def test_column_and_sitemap(client, transport):
    c = make_consultation(transport)
    from django.test import RequestFactory

    from sunshine.portal.columns import has_provider
    from sunshine.portal.consultations.providers import latest_consultations

    assert has_provider("hdjl")
    items = latest_consultations(RequestFactory().get("/"), 8)
    assert any(c.title in i.title for i in items)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert reverse("portal:consultation_detail", args=[c.pk]) in sitemap


def test_comment_list_query_count_does_not_grow(client, transport, django_assert_max_num_queries):
    c = make_consultation(transport)
    clauses = list(c.clauses.all())
    for i in range(25):
        comment(c, body=f"第{i}条意见：建议完善相关规定。", clause=clauses[i % len(clauses)])
    with django_assert_max_num_queries(5):
        response = client.get(f"/zjyj/{c.pk}/comments/")
    assert response.content.decode().count('class="zjyj-comment-body"') == 20
    with django_assert_max_num_queries(8):
        assert client.get(f"/zjyj/{c.pk}/").status_code == 200
