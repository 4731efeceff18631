"""/api/v1/records: the public list and detail never show a non-public record; staff create,
update, revise and move records through the workflow with a token, all through the services,
errors as JSON with field messages."""

import datetime as dt

import pytest

from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import make_pdf, upload
from sunshine.testing.factories.records import (
    advance,
    draft,
    make_people,
    one_of_each,
    record_in,
    revise,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
RECORDS_API = "/api/v1/records"


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="测试系统")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_public_list_has_public_records_only(client, people):
    records = one_of_each(people)
    body = client.get(RECORDS_API).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == records["public"].pk and item["title"] == "公开的政策文件"
    assert item["url"] == f"/zcwj/{records['public'].pk}/"
    assert item["issuer_name"] == "广东省人民政府办公厅" and item["topic_label"] == "综合政务"
    for key, record in records.items():
        status = client.get(f"{RECORDS_API}/{record.pk}").status_code
        assert status == (200 if key == "public" else 404), key


def test_the_public_list_filters_and_pages(client, people, province):
    record_in(
        "published",
        people,
        title="交通规划",
        topic="industry",
        normative=True,
        doc_number="粤府办〔2026〕5号",
    )
    b = record_in("published", people, title="财政意见", topic="finance", kind="opinion")
    record_in("published", make_people(province["transport"]), title="交通厅文件")

    def titles(**params):
        return {i["title"] for i in client.get(RECORDS_API, params).json()["items"]}

    assert titles() == {"交通规划", "财政意见", "交通厅文件"}
    assert titles(topic="industry") == {"交通规划"}
    assert titles(kind="opinion") == {"财政意见"}
    assert titles(normative="true") == {"交通规划"}
    assert titles(agency=province["transport"].pk) == {"交通厅文件"}
    assert titles(year=2026, q="财政") == {"财政意见"}
    assert titles(q="粤府办〔2026〕5号") == {"交通规划"}
    assert titles(q=b.index_number) == {"财政意见"}
    page = client.get(RECORDS_API, {"limit": 2, "offset": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    wrong = client.get(RECORDS_API, {"topic": "nonsense"})
    assert wrong.status_code == 422 and "topic" in wrong.json()["errors"]
    assert client.get(RECORDS_API, {"agency": 999999}).status_code == 404


def test_the_list_query_count_does_not_grow(client, people, django_assert_max_num_queries):
    record_in("published", people)
    client.get(RECORDS_API)
    with django_assert_max_num_queries(4) as few:
        client.get(RECORDS_API)
    for n in range(5):
        record_in("published", people, title=f"文件{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(RECORDS_API)


def test_the_public_detail(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    other = record_in("published", people, title="相关的公开文件")
    hidden = draft(people, title="相关的草稿")
    record = record_in(
        "published", people, normative=True, related=[other, hidden], keywords="阳光"
    )
    attachment = store_attachment(
        owner=record,
        uploaded_file=upload("附件.pdf", make_pdf([["附"]])),
        actor=people["drafter"],
        extract="no",
    )
    revise(record, people, body="新正文", change_note="修订第二条")
    body = client.get(f"{RECORDS_API}/{record.pk}").json()
    assert body["body"] == "新正文" and body["version"] == 2 and body["keywords"] == "阳光"
    assert body["related_ids"] == [other.pk]
    assert body["attachments"] == [
        {
            "id": attachment.pk,
            "name": "附件.pdf",
            "kind": "pdf",
            "mime_type": "application/pdf",
            "size": attachment.size,
            "url": f"/zcwj/{record.pk}/files/{attachment.pk}/",
        }
    ]
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert body["versions"][0]["change_note"] == "修订第二条"
    assert body["published_at"].endswith("+08:00")
    assert "withheld_reason" not in body


# --- Staff ---------------------------------------------------------------------------------


NEW = {
    "title": "关于做好春运工作的通知",
    "doc_number": "粤府办[2026]7号",
    "date_written": "2026-09-30",
    "topic": "industry",
    "kind": "notice",
    "disclosure_mode": "proactive",
    "body": "正文",
}


def test_staff_create_and_walk_the_workflow(client, people):
    drafter, reviewer, approver = (bearer(people[r]) for r in ("drafter", "reviewer", "approver"))
    response = client.post(
        RECORDS_API,
        {**NEW, "agency_id": people["agency"].pk},
        content_type="application/json",
        **drafter,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["doc_number"] == "粤府办〔2026〕7号" and body["state"] == "draft"
    assert body["issuer_id"] == people["agency"].pk
    assert [t["name"] for t in body["transitions"]] == ["submit"]
    pk = body["id"]

    def step(name, headers, **data):
        return client.post(
            f"{RECORDS_API}/{pk}/transitions/{name}",
            data,
            content_type="application/json",
            **headers,
        )

    assert step("submit", drafter).json()["state"] == "submitted"
    assert step("review", drafter).status_code == 403
    assert step("review", reviewer, comment="通过").json()["state"] == "reviewed"
    assert step("sign_off", approver).json()["state"] == "signed_off"
    assert step("publish", approver).json()["state"] == "published"
    assert client.get(f"{RECORDS_API}/{pk}").status_code == 200
    assert step("nonsense", approver).status_code == 404


def test_staff_errors_are_json_with_field_messages(client, people):
    response = client.post(
        RECORDS_API,
        {
            "agency_id": people["agency"].pk,
            "doc_number": "粤府办2016年1号",
            "disclosure_mode": "withheld",
        },
        content_type="application/json",
        **bearer(people["drafter"]),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    for field in (
        "title",
        "date_written",
        "topic",
        "kind",
        "doc_number",
        "withheld_reason",
        "withheld_ground",
    ):
        assert errors[field], field
    assert not DisclosureRecord.objects.exists()
    assert (
        client.post(
            RECORDS_API, {**NEW, "agency_id": people["agency"].pk}, content_type="application/json"
        ).status_code
        == 401
    )
    other = client.post(
        RECORDS_API,
        {**NEW, "agency_id": people["agency"].pk},
        content_type="application/json",
        **bearer(people["other_drafter"]),
    )
    assert other.status_code == 403


def test_staff_patch_a_draft_and_revise_a_published_record(client, people):
    record = draft(people, title="旧标题")
    url = f"{RECORDS_API}/{record.pk}"
    drafter = bearer(people["drafter"])
    body = client.patch(
        url,
        {"title": "新标题", "related_ids": [999999]},
        content_type="application/json",
        **drafter,
    )
    assert body.status_code == 422 and "related" in body.json()["errors"]
    body = client.patch(url, {"title": "新标题"}, content_type="application/json", **drafter).json()
    assert body["title"] == "新标题" and body["topic"] == "general"
    advance(record, people, "published")
    approver = bearer(people["approver"])
    missing_note = client.patch(url, {"body": "修订"}, content_type="application/json", **approver)
    assert missing_note.status_code == 422 and "comment" in missing_note.json()["errors"]
    mode = client.patch(
        url,
        {"disclosure_mode": "withheld", "change_note": "x"},
        content_type="application/json",
        **approver,
    )
    assert mode.status_code == 422 and "disclosure_mode" in mode.json()["errors"]
    body = client.patch(
        url, {"body": "修订后", "change_note": "更新"}, content_type="application/json", **approver
    ).json()
    assert body["version"] == 2 and body["body"] == "修订后"
    assert (
        client.patch(
            url, {"title": "x"}, content_type="application/json", **bearer(people["other_drafter"])
        ).status_code
        == 404
    )


def test_staff_schedule_and_repeal(client, people):
    from sunshine.kernel import clock

    record = record_in("signed_off", people)
    url = f"{RECORDS_API}/{record.pk}/transitions"
    approver = bearer(people["approver"])
    with clock.frozen(dt.datetime(2026, 10, 9, 9, 0, tzinfo=dt.UTC)):
        missing = client.post(f"{url}/schedule", {}, content_type="application/json", **approver)
        assert missing.status_code == 422 and "scheduled_at" in missing.json()["errors"]
        body = client.post(
            f"{url}/schedule",
            {"scheduled_at": "2026-10-10T09:30:00"},
            content_type="application/json",
            **approver,
        ).json()
        assert body["state"] == "scheduled" and body["scheduled_at"] == "2026-10-10T09:30:00+08:00"
    record.refresh_from_db()
    client.post(f"{url}/unschedule", {}, content_type="application/json", **approver)
    client.post(f"{url}/publish", {}, content_type="application/json", **approver)
    body = client.post(
        f"{url}/repeal",
        {"comment": "废止", "on": "2026-11-02"},
        content_type="application/json",
        **approver,
    ).json()
    assert body["validity"] == "repealed" and body["validity_date"] == "2026-11-02"
    assert (
        client.post(f"{url}/revise", {}, content_type="application/json", **approver).status_code
        == 422
    )
