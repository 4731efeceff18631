"""Staff pages: statistics scoped to the user's agencies (all for the general office), CSV/XLSX
export, the group list and review (merge, split) by the general office only; staff API."""

import io

import pytest
from openpyxl import load_workbook

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.audit.models import AuditEvent
from sunshine.participation.messagetopics import grouping
from sunshine.participation.messagetopics.factories import MessageGroupFactory
from sunshine.participation.messagetopics.models import MessageGroup, MessageGroupMember
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.messagetopics import at, make_message

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def data(province):
    transport, city = province["transport"], province["city"]
    t = [make_message(subject=f"交通留言{i}", agency=transport, category="交通运输",
                      submitted_at=at(2026, 3, 2), replied_at=at(2026, 3, 4), state="closed",
                      source="import", external_id=f"t{i}") for i in range(3)]  # fmt: skip
    c = [make_message(subject=f"城市留言{i}", agency=city, category="城乡建设",
                      submitted_at=at(2026, 3, 2)) for i in range(2)]  # fmt: skip
    g1, g2 = (
        MessageGroupFactory(messages=t[:2], label="交通 · 路灯"),
        MessageGroupFactory(messages=[t[2], *c], label="城市 · 噪音"),
    )
    grouping.refresh_hot_scores()
    return {"t": t, "c": c, "g1": g1, "g2": g2}


def test_department_staff_see_their_agency_only(client, province, data):
    client.force_login(staff_with(Role.DRAFTER, province["transport"]))
    response = client.get("/workbench/messagetopics/?since=2026-01-01&until=2026-12-31")
    text = response.content.decode()
    assert response.status_code == 200
    assert "广东省交通运输厅" in text and "广州市人民政府" not in text
    assert "交通运输" in text and "城乡建设" not in text


def test_supervisor_sees_all_agencies_and_exports(
    client, province, data, django_assert_max_num_queries
):
    client.force_login(staff_with(Role.SUPERVISOR, province["office"]))
    with django_assert_max_num_queries(25):
        response = client.get("/workbench/messagetopics/?since=2026-01-01&until=2026-12-31")
    text = response.content.decode()
    assert "广东省交通运输厅" in text and "广州市人民政府" in text
    csv_response = client.get(
        "/workbench/messagetopics/export.csv?since=2026-01-01&until=2026-12-31"
    )
    body = csv_response.content.decode("utf-8-sig")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "承办单位" in body and "广东省交通运输厅,3,3,3,0,100.0%" in body
    xlsx = client.get("/workbench/messagetopics/export.xlsx?since=2026-01-01&until=2026-12-31")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "承办单位" and len(rows) == 3
    assert client.get("/workbench/messagetopics/export.pdf").status_code == 404


def test_citizens_cannot_open_the_workbench_pages(client, province, data):
    from sunshine.testing.factories import CitizenFactory

    client.force_login(CitizenFactory())
    assert client.get("/workbench/messagetopics/").status_code == 403


def test_group_list_scoped_and_review_by_general_office(client, province, data):
    drafter = staff_with(Role.DRAFTER, province["city"])
    client.force_login(drafter)
    text = client.get("/workbench/messagetopics/groups/").content.decode()
    assert "城市 · 噪音" in text and "交通 · 路灯" not in text
    response = client.post("/workbench/messagetopics/groups/merge/",
                           {"group": [data["g1"].pk, data["g2"].pk]}, follow=True)  # fmt: skip
    assert MessageGroup.objects.count() == 2  # refused: not the general office

    client.force_login(staff_with(Role.SUPERVISOR, province["office"]))
    response = client.post("/workbench/messagetopics/groups/merge/",
                           {"group": [data["g1"].pk, data["g2"].pk]}, follow=True)  # fmt: skip
    assert response.status_code == 200
    merged = MessageGroup.objects.get()
    assert merged.is_reviewed and merged.message_count == 5
    assert AuditEvent.objects.filter(action="message_topics.merge").exists()

    chosen = [m.pk for m in data["c"]]
    response = client.post(f"/workbench/messagetopics/groups/{merged.pk}/split/",
                           {"message": chosen}, follow=True)  # fmt: skip
    assert response.status_code == 200
    new = MessageGroup.objects.exclude(pk=merged.pk).get()
    assert set(
        MessageGroupMember.objects.filter(group=new).values_list("message_id", flat=True)
    ) == set(chosen)
    assert MessageGroupMember.objects.filter(group=merged).count() == 3
    # The nightly regroup keeps reviewed groups as they are.
    grouping.regroup_messages()
    assert MessageGroupMember.objects.filter(group=new).count() == 2


def test_group_detail_and_refresh(client, province, data):
    client.force_login(staff_with(Role.SUPERVISOR, province["office"]))
    text = client.get(f"/workbench/messagetopics/groups/{data['g1'].pk}/").content.decode()
    assert "交通留言0" in text
    response = client.post("/workbench/messagetopics/groups/refresh/", follow=True)
    assert "已更新" in response.content.decode()


def test_staff_api(client, province, data):
    supervisor = staff_with(Role.SUPERVISOR, province["office"])
    _token, key = issue_api_token(actor=supervisor, name="bench")
    stats = client.get("/api/v1/messagetopics/staff/stats", **bearer(key)).json()
    assert stats["totals"]["total"] == 5
    assert {a["agency_name"] for a in stats["agencies"]} >= {"广东省交通运输厅", "广州市人民政府"}
    groups = client.get("/api/v1/messagetopics/staff/groups", **bearer(key)).json()
    assert {g["label"] for g in groups} == {"交通 · 路灯", "城市 · 噪音"}
