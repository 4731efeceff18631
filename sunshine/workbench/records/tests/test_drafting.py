"""Drafting and editing a record through the workbench forms: the services' errors appear next
to the fields, the input is kept, the 文号 is normalised."""

import re

import pytest
from django.urls import reverse

from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.testing.factories.records import draft

pytestmark = pytest.mark.django_db
NEW = "/workbench/records/new/"

FIELDS = {
    "title": "广东省交通运输厅关于做好春运工作的通知",
    "doc_number": "粤府办[2016]1号",
    "recipients": "各地级以上市交通运输局",
    "date_written": "2026-09-30",
    "topic": "industry",
    "kind": "notice",
    "keywords": "春运",
    "disclosure_mode": "proactive",
    "body": "第一段。\r\n第二段。",
}


def field_error(html: str, name: str) -> str:
    found = re.search(rf'id="id_{name}_error">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_a_drafter_drafts_a_record(as_user, people):
    client = as_user(people["drafter"])
    form = client.get(NEW).content.decode()
    assert 'name="disclosure_mode"' in form and "公开主体" in form
    response = client.post(
        NEW, {**FIELDS, "agency": people["agency"].pk, "issuer": people["agency"].pk}
    )
    record = DisclosureRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:records_detail", args=[record.pk])
    assert record.doc_number == "粤府办〔2016〕1号"  # normalised
    assert record.body == "第一段。\n第二段。"
    assert record.state == "draft" and record.created_by == people["drafter"]
    assert re.fullmatch(r".+/2026-\d{5}", record.index_number)
    page = client.get(response["Location"]).content.decode()
    assert "草稿已保存，索引号" in page and record.index_number in page


def test_the_services_errors_are_shown_next_to_the_fields_and_input_is_kept(as_user, people):
    client = as_user(people["drafter"])
    data = {
        **FIELDS,
        "agency": people["agency"].pk,
        "issuer": people["agency"].pk,
        "doc_number": "粤府办2016年1号文",
        "disclosure_mode": "",
        "title": "",
    }
    response = client.post(NEW, data)
    html = response.content.decode()
    assert response.status_code == 200 and not DisclosureRecord.objects.exists()
    assert "请填写标题" in field_error(html, "title")
    assert "公开属性" in field_error(html, "disclosure_mode")
    assert field_error(html, "doc_number")  # the parser's message, with the expected form
    assert 'value="粤府办2016年1号文"' in html  # kept
    assert "春运" in html
    assert 'aria-invalid="true"' in html


def test_not_proactive_needs_a_reason_and_a_ground(as_user, people):
    client = as_user(people["drafter"])
    data = {**FIELDS, "agency": people["agency"].pk, "disclosure_mode": "withheld"}
    html = client.post(NEW, data).content.decode()
    assert "须填写理由" in field_error(html, "withheld_reason")
    assert "须选择法律依据" in field_error(html, "withheld_ground")
    data.update(withheld_reason="涉及商业秘密", withheld_ground="trade_secret")
    assert client.post(NEW, data).status_code == 302
    record = DisclosureRecord.objects.get()
    assert (record.disclosure_mode, record.withheld_ground) == ("withheld", "trade_secret")


def test_the_reason_fields_are_in_the_page_without_javascript(as_user, people):
    html = as_user(people["drafter"]).get(NEW).content.decode()
    # Rendered (not hidden) for browsers without JS; the script only hides them for 主动公开.
    assert 'id="field-withheld_reason"' in html and "rec-withheld" in html
    assert "hidden" not in re.search(r'<div class="[^"]*" id="field-withheld_reason">', html).group(
        0
    )


def test_related_records_by_index_or_doc_number(as_user, people):
    other = draft(people, title="另一份", doc_number="粤府办〔2016〕9号")
    client = as_user(people["drafter"])
    data = {**FIELDS, "agency": people["agency"].pk, "related": "粤府办〔2016〕9号\n"}
    assert client.post(NEW, data).status_code == 302
    record = DisclosureRecord.objects.exclude(pk=other.pk).get()
    assert list(record.related.all()) == [other]
    html = client.post(NEW, {**data, "related": "不存在的索引号"}).content.decode()
    assert "找不到以下索引号或文号的政府信息：不存在的索引号" in field_error(html, "related")


def test_editing_a_draft(as_user, people):
    record = draft(people, title="原标题")
    client = as_user(people["drafter"])
    url = reverse("workbench:records_edit", args=[record.pk])
    html = client.get(url).content.decode()
    assert 'value="原标题"' in html
    data = {**FIELDS, "issuer": people["agency"].pk, "title": "新标题"}
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.title == "新标题" and record.doc_number == "粤府办〔2016〕1号"
    html = client.post(url, {**data, "date_written": ""}).content.decode()
    assert "请填写成文日期" in field_error(html, "date_written")


def test_who_may_draft_and_edit(as_user, people, client):
    record = draft(people)
    edit = reverse("workbench:records_edit", args=[record.pk])
    assert as_user(people["reviewer"]).get(NEW).status_code == 403
    assert as_user(people["reviewer"]).get(edit).status_code == 403
    # Another agency's drafter does not even see it.
    assert as_user(people["other_drafter"]).get(edit).status_code == 404
    detail = reverse("workbench:records_detail", args=[record.pk])
    assert as_user(people["other_drafter"]).get(detail).status_code == 404
    client.logout()
    assert client.get(detail).status_code == 302  # to the login page
