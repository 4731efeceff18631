"""The flow of an application: receiving (identity checks), 补正, replies with each outcome
leaf, letters (PDF and DOCX read back), delivery, cases, permissions and audit."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.foi import remedies, replies, services
from sunshine.disclosure.foi.choices import OUTCOME_GROUP, Outcome
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.foi import organisation, person, received

D = dt.date
pytestmark = pytest.mark.django_db


def test_identity_numbers_are_checked(transport, officer):
    bad = person(id_number="440106198001010001")
    with clock.frozen(D(2026, 9, 28)), pytest.raises(ValidationError) as exc:
        services.receive_request(actor=officer, agency=transport, channel="post", **bad)
    assert "校验位" in exc.value.message_dict["id_number"][0]
    org = organisation(credit_code="91440000MA5XXXXXX1")
    with clock.frozen(D(2026, 9, 28)), pytest.raises(ValidationError) as exc:
        services.receive_request(actor=officer, agency=transport, channel="post", **org)
    assert "credit_code" in exc.value.message_dict


def test_markup_is_refused(transport, officer):
    with clock.frozen(D(2026, 9, 28)), pytest.raises(ValidationError) as exc:
        services.receive_request(
            actor=officer,
            agency=transport,
            channel="post",
            **person(description="<script>alert(1)</script>所需文件"),
        )
    assert "description" in exc.value.message_dict


def test_items_this_month_counts_the_same_applicant(transport, officer):
    first = received(transport, officer, D(2026, 9, 28))
    second = received(transport, officer, D(2026, 9, 29))
    other_month = received(transport, officer, D(2026, 10, 8))
    assert (first.items_this_month, second.items_this_month, other_month.items_this_month) == (
        1,
        2,
        1,
    )


def test_online_request_by_citizen_and_owner_view(transport):
    citizen = CitizenFactory()
    with clock.frozen(D(2026, 9, 28)):
        request = services.submit_online_request(applicant=citizen, agency=transport, **person())
    assert request.channel == "online" and request.received_on == D(2026, 9, 28)
    from sunshine.kernel.access.policy import can

    assert can(citizen, "foi.view_own", request)
    assert not can(CitizenFactory(), "foi.view_own", request)


def test_staff_only_of_the_agency_handle(transport, officer, province):
    request = received(transport, officer, D(2026, 9, 28))
    outsider = staff_with(Role.DISCLOSURE_OFFICER, province["city"])
    drafter = staff_with(Role.DRAFTER, transport)
    for user in (outsider, drafter, CitizenFactory()):
        with clock.frozen(D(2026, 9, 29)), pytest.raises(PermissionDenied):
            services.send_correction_notice(request=request, actor=user, items="缺少文号")


def test_one_correction_notice_only(transport, officer):
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 29)):
        services.send_correction_notice(request=request, actor=officer, items="缺少文号")
        services.supply_correction(request=request, actor=officer, text="文号为某某")
        with pytest.raises(ValidationError):
            services.send_correction_notice(request=request, actor=officer, items="还缺")


def test_every_outcome_leaf_replies_and_groups(transport, officer):
    for i, code in enumerate(Outcome.values):
        request = received(transport, officer, D(2026, 9, 28), person(i + 1))
        reply_day, extra = D(2026, 10, 12), {}
        if code == Outcome.OTHER_NO_CORRECTION or code == Outcome.UNAVAILABLE_UNCLEAR:
            # 5 wd to supply from Tue 09-29: 09-30, 10-08, 10-09, Sat 10-10, 10-12.
            with clock.frozen(D(2026, 9, 29)):
                services.send_correction_notice(
                    request=request, actor=officer, items="缺少文号", answer_within=5
                )
            reply_day = D(2026, 10, 13)
            if code == Outcome.UNAVAILABLE_UNCLEAR:
                with clock.frozen(D(2026, 10, 9)):
                    services.supply_correction(request=request, actor=officer, text="仍不明确")
        if code == Outcome.OTHER_NO_PAYMENT:
            request.items_this_month = 12
            request.save(update_fields=["items_this_month"])
            with clock.frozen(D(2026, 9, 29)):
                services.issue_fee_notice(
                    request=request,
                    actor=officer,
                    method="by_count",
                    notice_received_on=D(2026, 9, 29),
                )
            # 20 wd from 09-29: 09-30, 10-08, 10-09, 10-10 (4), 10-12..16 (9), 10-19..23 (14),
            # 10-26..30 (19), 11-02 (20): closing allowed from 11-03.
            reply_day = D(2026, 11, 3)
        if code == Outcome.UNAVAILABLE_OTHER_AGENCY:
            extra = {"referred_agency_name": "广州市交通运输局", "referred_agency_contact": "12345"}
        with clock.frozen(reply_day):
            replies.reply_to_request(
                request=request,
                actor=officer,
                outcome=code,
                reasons="详见说明。",
                generate_letters=False,
                **extra,
            )
        request.refresh_from_db()
        assert request.state == "replied" and request.outcome == code
        assert OUTCOME_GROUP[code] in {
            "disclosed",
            "partial",
            "withheld",
            "unavailable",
            "not_processed",
            "other",
        }
        assert not request.clocks.exclude(state="stopped").exists()


def test_no_correction_outcome_needs_a_correction(transport, officer):
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 10, 9)), pytest.raises(ValidationError):
        replies.reply_to_request(request=request, actor=officer, outcome="other_no_correction")


def test_letters_pdf_and_docx_and_delivery(transport, officer, province):
    from docx import Document
    from pypdf import PdfReader

    request = received(transport, officer, D(2026, 9, 28), person(applicant_name="欧阳明"))
    with clock.frozen(D(2026, 10, 12)):
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=Outcome.WITHHELD_PROCESS,
            reasons="所申请信息为内部讨论稿。",
        )
    request.refresh_from_db()
    text = "".join(p.extract_text() for p in PdfReader(request.letter_pdf.open("rb")).pages)
    flat = "".join(text.split())
    assert "欧阳明" in flat
    assert "第十六条第二款" in flat and "政府信息公开条例" in flat
    assert "六十日内" in flat and "六个月内" in flat and "广东省人民政府" in flat
    document = Document(io.BytesIO(request.letter_docx.open("rb").read()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "欧阳明：" in body and "第十六条第二款" in body
    run = document.paragraphs[0].runs[0]
    from docx.oxml.ns import qn

    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    with clock.frozen(D(2026, 10, 14)):
        replies.record_delivery(
            request=request,
            actor=officer,
            method="post",
            delivered_on=D(2026, 10, 14),
            proof="EMS 1234567890",
        )
    request.refresh_from_db()
    assert request.state == "delivered"
    with clock.frozen(D(2026, 11, 2)):
        case = remedies.record_review_case(
            request=request, actor=officer, review_body="广东省人民政府", filed_on=D(2026, 11, 2)
        )
    with clock.frozen(D(2026, 12, 20)):
        remedies.decide_case(case=case, actor=officer, result="upheld", decided_on=D(2026, 12, 18))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "foi.receive",
        "foi.reply",
        "foi.deliver",
        "foi.review_case",
        "foi.case_result",
    } <= actions
