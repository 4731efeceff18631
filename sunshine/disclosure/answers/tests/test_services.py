"""Publishing and withdrawing public answers: consent, reply, outcome, masking of the
applicant's data, the released copies of the files, permissions, audit, the search index."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.foi.choices import Outcome
from sunshine.disclosure.foi.forms import ApplicationForm
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.search.models import SearchDocument
from sunshine.kernel.search.query import search
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.answers import (
    ID_NUMBER,
    NAME,
    PHONE,
    TOPIC,
    applicant,
    released_file,
    replied,
)
from sunshine.testing.factories.foi import person, received

from .. import selectors, services
from ..models import PublicAnswer

D = dt.date
pytestmark = pytest.mark.django_db


def test_consent_is_no_by_default(transport, officer):
    assert ApplicationForm().fields["publish_consent"].initial is False
    assert received(transport, officer, D(2026, 3, 2), person()).publish_consent is False
    form = ApplicationForm(data={"publish_consent": ""})
    form.is_valid()
    assert form.cleaned_data["publish_consent"] is False
    yes = received(transport, officer, D(2026, 3, 2), person(2, publish_consent="on"))
    assert yes.publish_consent is True
    # Anything but an explicit yes is a no.
    odd = received(transport, officer, D(2026, 3, 2), person(3, publish_consent="maybe"))
    assert odd.publish_consent is False


def test_refused_without_consent(transport, officer):
    request = replied(transport, officer, values=applicant(publish_consent=False))
    with pytest.raises(ValidationError, match="未同意公开"):
        services.publish_answer(request=request, actor=officer)
    assert not PublicAnswer.objects.exists()


def test_refused_before_the_reply(transport, officer):
    request = received(transport, officer, D(2026, 3, 2), applicant())
    with pytest.raises(ValidationError, match="尚未答复"):
        services.publish_answer(request=request, actor=officer)


def test_refused_for_an_outcome_that_is_not_published(transport, officer):
    request = replied(
        transport, officer, outcome=Outcome.WITHHELD_PROCESS, reasons="会议记录属于过程性信息。"
    )
    with pytest.raises(ValidationError, match="不纳入公开答复库"):
        services.publish_answer(request=request, actor=officer)


def test_applicant_data_is_masked_even_after_edits(transport, officer):
    request = replied(transport, officer)
    assert NAME in request.description and NAME in request.reply_text
    preview = selectors.answer_preview(request)
    for text in (preview["title"], preview["question"], preview["answer"]):
        assert NAME not in text and PHONE not in text and ID_NUMBER not in text
    assert TOPIC in preview["question"]
    # The officer types the name back in: it is masked again.
    answer = services.publish_answer(
        request=request,
        actor=officer,
        title=f"{NAME}申请的{TOPIC}",
        answer=f"经核实，{NAME}（{PHONE}）所申请信息予以公开。",
    )
    stored = [answer.title, answer.question, answer.answer, answer.tokens]
    for text in stored:
        assert NAME not in text and PHONE not in text and ID_NUMBER not in text
        assert "体育东路88号" not in text
    assert answer.title.startswith("欧***")
    assert "138****5678" in answer.answer
    document = SearchDocument.objects.get(doc_type="foi_answer", object_id=str(answer.pk))
    assert NAME not in document.title and NAME not in document.text.body


def test_only_released_copies_are_published(transport, officer):
    request = replied(transport, officer)
    done = released_file(request, officer=officer)
    released_file(request, title="尚未处理的原件", released=False)
    answer = services.publish_answer(request=request, actor=officer)
    files = list(answer.answer_files.all())
    assert [f.released_file_id for f in files] == [done.pk]
    assert files[0].sha256 == done.sha256 and len(done.sha256) == 64
    with pytest.raises(ValidationError) as exc:
        services.publish_answer(request=request, actor=officer, file_ids=[done.pk + 1])
    assert "files" in exc.value.message_dict


def test_publish_and_withdraw_with_audit_and_index(transport, officer):
    request = replied(transport, officer)
    answer = services.publish_answer(request=request, actor=officer)
    assert search("农村公路", doc_types=["foi_answer"]).total == 1
    assert AuditEvent.objects.filter(action="foi_answers.publish").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.withdraw_answer(answer=answer, actor=officer, reason="")
    assert "reason" in exc.value.message_dict
    services.withdraw_answer(answer=answer, actor=officer, reason="申请人撤回同意")
    answer.refresh_from_db()
    assert answer.withdrawn_at is not None and answer.withdrawn_by == officer
    assert not PublicAnswer.objects.public().exists() and PublicAnswer.objects.count() == 1
    assert search("农村公路", doc_types=["foi_answer"]).total == 0
    assert AuditEvent.objects.filter(action="foi_answers.withdraw").count() == 1
    with pytest.raises(ValidationError, match="已撤回"):
        services.withdraw_answer(answer=answer, actor=officer, reason="再次")
    # Published again: the same row, public again.
    again = services.publish_answer(request=request, actor=officer)
    assert again.pk == answer.pk and again.is_public


def test_only_the_agency_disclosure_office_may_publish(province, transport, officer):
    request = replied(transport, officer)
    stranger = staff_with(Role.DISCLOSURE_OFFICER, province["office"])
    drafter = staff_with(Role.DRAFTER, transport)
    for user in (stranger, drafter):
        with pytest.raises(PermissionDenied):
            services.publish_answer(request=request, actor=user)
    answer = services.publish_answer(request=request, actor=officer)
    with pytest.raises(PermissionDenied):
        services.withdraw_answer(answer=answer, actor=stranger, reason="无权")


def test_matching_answers_find_the_same_information(transport, officer):
    request = replied(transport, officer)
    answer = services.publish_answer(request=request, actor=officer)
    found = selectors.matching_answers("请提供2025年全省农村公路建设补助资金的分配明细表",
                                       agency=transport)  # fmt: skip
    assert [a.pk for a in found] == [answer.pk] and found[0].score >= 0.4
    assert (
        selectors.matching_answers("2024年度全省高速公路收费公路统计公报", agency=transport) == []
    )
    services.withdraw_answer(answer=answer, actor=officer, reason="撤回")
    assert selectors.matching_answers(TOPIC, agency=transport) == []
