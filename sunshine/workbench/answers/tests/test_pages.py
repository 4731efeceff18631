"""Staff pages: the panel on the request's detail page (consent, publish, withdraw, matching
answers with the Art. 36(一) wording, the Art. 44 prompt at the threshold and not below), the
publish page (masked preview, edit), the drafters' proposals page and queue."""

import datetime as dt

import pytest

from sunshine.disclosure.answers.models import ProactiveProposal, PublicAnswer
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import RoleGrantFactory, staff_with
from sunshine.testing.factories.answers import NAME, PHONE, released_file, replied
from sunshine.testing.factories.foi import person, received
from sunshine.workbench.queues import queue_for_user

D = dt.date
pytestmark = pytest.mark.django_db
PROMPT = "多个申请人申请相同政府信息（条例第四十四条），建议纳入主动公开"
SAME = [
    "2025年全省农村公路建设补助资金分配明细",
    "请提供2025年全省农村公路建设补助资金的分配明细表",
    "2025年度全省农村公路建设补助资金分配情况（各县区明细）",
]


def test_publish_from_the_detail_page_and_withdraw(client, transport, officer):
    request = replied(transport, officer)
    released_file(request, officer=officer)
    client.force_login(officer)
    page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "同意在去除个人信息后公开答复及提供的信息" in page and "预览并公开答复" in page
    preview = client.get(f"/workbench/answers/requests/{request.pk}/publish/").content.decode()
    assert "农村公路" in preview and "2025年补助资金分配表（已处理）" in preview
    form_part = preview.split("<form", 1)[1]
    assert NAME not in form_part and PHONE not in form_part
    bad = client.post(
        f"/workbench/answers/requests/{request.pk}/publish/",
        {"title": "<b>标题</b>", "question": "我们要保留的问题文字", "answer": "答复"},
    )
    assert bad.status_code == 422 and "我们要保留的问题文字" in bad.content.decode()
    assert not PublicAnswer.objects.exists()
    response = client.post(
        f"/workbench/answers/requests/{request.pk}/publish/",
        {"title": "农村公路补助资金分配", "question": f"{NAME}申请补助资金分配明细",
         "answer": "予以公开，详见附件。", "files": []},
    )  # fmt: skip
    assert response.status_code == 302
    answer = PublicAnswer.objects.get()
    assert answer.title == "农村公路补助资金分配" and NAME not in answer.question
    assert answer.answer_files.count() == 0  # the officer left the file out
    page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "已公开" in page and f"/ysqgk/gkdf/{answer.pk}/" in page
    response = client.post(f"/workbench/answers/{answer.pk}/withdraw/", {"reason": ""})
    assert PublicAnswer.objects.public().exists()  # a reason is needed
    client.post(f"/workbench/answers/{answer.pk}/withdraw/", {"reason": "申请人撤回同意"})
    assert not PublicAnswer.objects.public().exists()
    page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "撤回" in page and "申请人撤回同意" in page


def test_no_consent_no_publish_button(client, transport, officer):
    request = replied(transport, officer, values=person(5, publish_consent=False))
    client.force_login(officer)
    page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    assert "不同意公开（默认）" in page and "预览并公开答复" not in page
    response = client.post(f"/workbench/answers/requests/{request.pk}/publish/", {"title": "x"})
    assert response.status_code == 422 and not PublicAnswer.objects.exists()


def test_another_agency_cannot_publish(client, province, transport, officer):
    request = replied(transport, officer)
    stranger = staff_with(Role.DISCLOSURE_OFFICER, province["office"])
    client.force_login(stranger)
    assert client.get(f"/workbench/answers/requests/{request.pk}/publish/").status_code == 404
    assert client.post(f"/workbench/answers/requests/{request.pk}/publish/").status_code == 404


def test_staff_page_points_to_a_matching_public_answer(client, transport, officer):
    from sunshine.disclosure.answers import services

    answer = services.publish_answer(request=replied(transport, officer), actor=officer)
    newer = received(transport, officer, D(2026, 4, 1), person(6, description=SAME[1]))
    client.force_login(officer)
    page = client.get(f"/workbench/foi/{newer.pk}/").content.decode()
    assert "相同信息的公开答复" in page and f"/ysqgk/gkdf/{answer.pk}/" in page
    assert "第三十六条第（一）项" in page and "已经主动公开" in page


def test_art44_prompt_at_the_threshold_and_the_draft_once(client, transport, officer):
    RoleGrantFactory(user=officer, agency=transport, role=Role.DRAFTER)
    first = received(transport, officer, D(2026, 3, 2), person(1, description=SAME[0]))
    received(transport, officer, D(2026, 3, 3), person(2, description=SAME[1]))
    client.force_login(officer)
    assert PROMPT not in client.get(f"/workbench/foi/{first.pk}/").content.decode()
    received(transport, officer, D(2026, 3, 4), person(3, description=SAME[2]))
    page = client.get(f"/workbench/foi/{first.pk}/").content.decode()
    assert PROMPT in page and "共 3 个申请人" in page
    client.post(f"/workbench/answers/requests/{first.pk}/propose/")
    client.post(f"/workbench/answers/requests/{first.pk}/propose/")
    proposal = ProactiveProposal.objects.get()
    assert DisclosureRecord.objects.count() == 1 and proposal.requests.count() == 3
    page = client.get(f"/workbench/foi/{first.pk}/").content.decode()
    assert PROMPT not in page and f"/workbench/records/{proposal.record_id}/" in page


def test_drafters_get_the_waiting_proposal(client, transport, officer):
    for i, text in enumerate(SAME):
        request = received(transport, officer, D(2026, 3, 2), person(i + 1, description=text))
    client.force_login(officer)
    client.post(f"/workbench/answers/requests/{request.pk}/propose/")
    proposal = ProactiveProposal.objects.get()
    assert proposal.record_id is None
    drafter = staff_with(Role.DRAFTER, transport)
    assert [q.title for q in queue_for_user(drafter) if q.label == "纳入主动公开建议"] == [
        proposal.title
    ]
    client.force_login(drafter)
    assert proposal.title in client.get("/workbench/answers/proposals/").content.decode()
    response = client.post(f"/workbench/answers/proposals/{proposal.pk}/draft/")
    proposal.refresh_from_db()
    assert response.status_code == 302 and proposal.record.created_by == drafter
