"""GET /api/v1/foi/answers (anonymous; search, agency, paging; withdrawn never returned) and the
staff POSTs (token; another agency refused; bad input → 422 by field)."""

import pytest

from sunshine.disclosure.answers import services
from sunshine.disclosure.answers.models import PublicAnswer
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.answers import NAME, applicant, released_file, replied

from .utils import bearer

pytestmark = pytest.mark.django_db
BASE = "/api/v1/foi/answers"


def test_anonymous_read_and_withdrawn_gone(
    client, transport, officer, django_assert_max_num_queries
):
    request = replied(transport, officer)
    released_file(request, officer=officer)
    answer = services.publish_answer(request=request, actor=officer)
    with django_assert_max_num_queries(4):  # the same for any number of answers
        body = client.get(BASE).json()
    assert body["count"] == 1 and body["items"][0]["title"] == answer.title
    assert body["items"][0]["agency_name"] == "广东省交通运输厅"
    assert client.get(BASE, {"q": "农村公路"}).json()["count"] == 1
    assert client.get(BASE, {"q": "高速公路统计公报"}).json()["count"] == 0
    assert client.get(BASE, {"agency": transport.pk + 100}).json()["count"] == 0
    detail = client.get(f"{BASE}/{answer.pk}").json()
    assert NAME not in detail["question"] + detail["answer"]
    assert len(detail["files"]) == 1 and len(detail["files"][0]["sha256"]) == 64
    assert client.get(BASE, {"limit": 0}).status_code == 422
    services.withdraw_answer(answer=answer, actor=officer, reason="撤回")
    assert client.get(BASE).json()["count"] == 0
    assert client.get(BASE, {"q": "农村公路"}).json()["count"] == 0
    response = client.get(f"{BASE}/{answer.pk}")
    assert response.status_code == 404 and response.json()["detail"]


def test_staff_writes_need_a_token_and_the_agency(
    client, province, transport, officer, officer_key
):
    request = replied(transport, officer)
    url = f"{BASE}/requests/{request.pk}/publish"
    assert client.post(url, {}, content_type="application/json").status_code == 401
    stranger = staff_with(Role.DISCLOSURE_OFFICER, province["office"])
    _t, stranger_key = issue_api_token(actor=stranger, name="他厅")
    response = client.post(url, {}, content_type="application/json", **bearer(stranger_key))
    assert response.status_code == 404 and not PublicAnswer.objects.exists()
    bad = client.post(url, {"title": "<script>x</script>"}, content_type="application/json",
                      **bearer(officer_key))  # fmt: skip
    assert bad.status_code == 422 and "title" in bad.json()["errors"]
    response = client.post(url, {"title": "补助资金分配明细"}, content_type="application/json",
                           **bearer(officer_key))  # fmt: skip
    assert response.status_code == 200, response.content
    answer_id = response.json()["id"]
    assert response.json()["title"] == "补助资金分配明细"
    withdraw = f"{BASE}/{answer_id}/withdraw"
    response = client.post(withdraw, {"reason": "x"}, content_type="application/json",
                           **bearer(stranger_key))  # fmt: skip
    assert response.status_code == 404
    response = client.post(withdraw, {"reason": ""}, content_type="application/json",
                           **bearer(officer_key))  # fmt: skip
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    response = client.post(withdraw, {"reason": "申请人撤回同意"}, content_type="application/json",
                           **bearer(officer_key))  # fmt: skip
    assert response.status_code == 204
    assert not PublicAnswer.objects.public().exists()


def test_no_consent_is_refused_by_field_less_error(client, transport, officer, officer_key):
    request = replied(transport, officer, values=applicant(publish_consent=False))
    response = client.post(f"{BASE}/requests/{request.pk}/publish", {},
                           content_type="application/json", **bearer(officer_key))  # fmt: skip
    assert response.status_code == 422
    assert "未同意公开" in response.json()["errors"]["__all__"][0]
