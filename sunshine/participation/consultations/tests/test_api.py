"""/api/v1/consultations: public list/detail/clauses/visible comments; staff (token): all
comments incl. hidden, adoption marking, feedback publication, exports."""

import csv
import datetime as dt
import io

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

from .. import comment_services as cs
from .. import services

pytestmark = pytest.mark.django_db
API = "/api/v1/consultations"
TODAY = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=user, name='测试')[1]}"}


def test_public_list_detail_clauses_comments(
    client, transport, approver, django_assert_max_num_queries
):
    c = make_consultation(transport, mode="pre")
    make_consultation(transport, state="draft", title="草稿不公开")
    x = comment(c, clause=c.clauses.get(position=4), is_anonymous=True)
    y = comment(c, body="另一条待审核意见")
    cs.approve_comment(comment=x, actor=approver)
    with django_assert_max_num_queries(4):
        data = client.get(API).json()
    assert data["count"] == 1 and data["items"][0]["visible_comments"] == 1
    assert data["items"][0]["url"] == f"/zjyj/{c.pk}/"
    detail = client.get(f"{API}/{c.pk}").json()
    assert detail["is_major_decision"] is True and detail["period_days"] == 30
    assert detail["feedback_report"] == ""
    clauses = client.get(f"{API}/{c.pk}/clauses").json()
    assert [k["label"] for k in clauses][:2] == ["第一条", "第二条"]
    comments = client.get(f"{API}/{c.pk}/comments").json()
    assert comments["count"] == 1 and comments["items"][0]["author"] == "匿名"
    assert comments["items"][0]["clause"] == 4 and y.body not in str(comments)
    assert client.get(f"{API}/{c.pk}/comments?clause=4").json()["count"] == 1
    assert client.get(f"{API}/{c.pk}/comments?clause=99").status_code == 404
    assert client.get(f"{API}/999999").status_code == 404


def test_staff_endpoints(client, province, transport, approver, drafter):
    c = make_consultation(transport)
    a = comment(c, body="建议一")
    b = comment(c, body="建议二")
    cs.hide_comment(comment=b, actor=drafter, reason="重复")
    assert client.get(f"{API}/{c.pk}/staff/comments").status_code == 401
    data = client.get(f"{API}/{c.pk}/staff/comments", **auth(drafter)).json()
    assert data["count"] == 2 and {i["state"] for i in data["items"]} == {"visible", "hidden"}
    outsider = staff_with("drafter", province["city"])
    assert client.get(f"{API}/{c.pk}/staff/comments", **auth(outsider)).status_code == 404
    body = {"adoption": "adopted", "reason": ""}
    response = client.post(
        f"{API}/comments/{a.pk}/adoption", body, content_type="application/json", **auth(drafter)
    )
    assert response.status_code == 422 and "结束后" in str(response.json()["errors"])
    with clock.frozen(TODAY + dt.timedelta(days=31)):
        services.close_consultation(consultation=c, actor=approver)
        response = client.post(
            f"{API}/comments/{a.pk}/adoption",
            body,
            content_type="application/json",
            **auth(drafter),
        )
        assert response.status_code == 200 and response.json()["adoption"] == "adopted"
        response = client.post(
            f"{API}/{c.pk}/feedback",
            {"report": "采纳1条。"},
            content_type="application/json",
            **auth(drafter),
        )
        assert response.status_code == 403
        response = client.post(
            f"{API}/{c.pk}/feedback",
            {"report": "采纳1条。"},
            content_type="application/json",
            **auth(approver),
        )
        assert response.status_code == 200 and response.json()["state"] == "feedback_published"
    public = client.get(f"{API}/{c.pk}/comments").json()
    assert public["items"][0]["adoption"] == "adopted"
    assert client.get(f"{API}/{c.pk}").json()["feedback_report"] == "采纳1条。"
    response = client.get(f"{API}/{c.pk}/export.csv", **auth(drafter))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert len(rows) == 3 and rows[0][3] == "意见内容"
    assert client.get(f"{API}/{c.pk}/export.xlsx", **auth(drafter)).status_code == 200
    assert client.get(f"{API}/{c.pk}/export.pdf", **auth(drafter)).status_code == 404
    wrong = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}
    assert client.get(f"{API}/{c.pk}/staff/comments", **wrong).status_code == 401
