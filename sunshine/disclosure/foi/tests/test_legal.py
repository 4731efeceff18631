"""The legal corrections of issue 10, each against dates counted by hand on the 2026 calendar
(/work/shared/data/holidays-cn/2026.json: 清明 04-04..06 off; 端午 06-19..21 off; 中秋 09-25..27
and 国庆 10-01..07 off, Sun 09-20 and Sat 10-10 working days). Counting starts the day after
each start day (rules.md §1)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.disclosure.foi import annual, calculator, letters, replies, services
from sunshine.disclosure.foi.choices import ConsultationOpinion, Outcome
from sunshine.disclosure.foi.services import open_clock, reply_clock
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.foi import person, received

D = dt.date
pytestmark = pytest.mark.django_db


def due(c) -> dt.date:
    c.refresh_from_db()
    return c.due_date


def notice(request, officer, day, within=15):
    with clock.frozen(day):
        return services.send_correction_notice(
            request=request, actor=officer, items="请写明所需文件的文号。", answer_within=within
        )


# --- 1. 补正 restarts the reply period (条例 Art. 30) ----------------------------------------


def test_correction_restarts_the_reply_period(transport, officer):
    # Received Mon 03-02, notice 03-09, corrected application received Mon 03-16. The 20 wd
    # run from 03-16: 03-17..20 (1–4), 03-23..27 (5–9), 03-30..04-03 (10–14), 04-04..06 清明,
    # 04-07..10 (15–18), 04-13 (19), 04-14 (20). (A pause would have given 04-07.)
    request = received(transport, officer, D(2026, 3, 2))
    notice(request, officer, D(2026, 3, 9))
    assert reply_clock(request).state == "paused"  # waiting for the applicant
    with clock.frozen(D(2026, 3, 18)):  # a letter, registered two days after it arrived
        services.supply_correction(
            request=request,
            actor=officer,
            text="文号为粤交规〔2025〕3号。",
            received_on=D(2026, 3, 16),
        )
    assert due(reply_clock(request)) == D(2026, 4, 14)
    request.refresh_from_db()
    assert request.state == "received"
    assert request.corrections.get().supplied_on == D(2026, 3, 16)
    assert calculator.compute(received=D(2026, 3, 2), correction_received=D(2026, 3, 16)) == (
        calculator.Deadlines(
            reply_due=D(2026, 4, 14),
            # 7 wd from 03-02: 03-03..06 (1–4), 03-09..11 (5–7).
            correction_notice_due=D(2026, 3, 11),
            third_party_due=None,
            provisional=False,
        )
    )


def test_online_supplement_counts_from_the_day_it_arrives(transport, officer):
    citizen = CitizenFactory()
    with clock.frozen(D(2026, 3, 2)):
        request = services.submit_online_request(applicant=citizen, agency=transport, **person())
    notice(request, officer, D(2026, 3, 9))
    with clock.frozen(D(2026, 3, 16)):
        services.supply_correction(
            request=request, actor=citizen, text="补正内容", received_on=D(2026, 3, 10)
        )
    # The applicant cannot backdate: the day the system received it counts (03-16 → 04-14).
    assert due(reply_clock(request)) == D(2026, 4, 14)


def test_supplement_date_must_be_between_notice_and_today(transport, officer):
    request = received(transport, officer, D(2026, 3, 2))
    notice(request, officer, D(2026, 3, 9))
    with clock.frozen(D(2026, 3, 16)), pytest.raises(ValidationError) as refused:
        services.supply_correction(
            request=request, actor=officer, text="补正", received_on=D(2026, 3, 6)
        )
    assert "received_on" in refused.value.message_dict


# --- 2. A silent third party (条例 Art. 32) --------------------------------------------------


def test_silent_third_party_pause_ends_by_itself(transport, officer):
    # Received Mon 09-28; third party asked Wed 09-30. Its 15 wd: 10-08 (1), 10-09 (2),
    # Sat 10-10 (3), 10-12..16 (4–8), 10-19..23 (9–13), 10-26 (14), 10-27 (15).
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 30)):
        consultation = services.consult_third_party(
            request=request, actor=officer, third_party="广东某某路桥建设有限公司"
        )
    with clock.frozen(dt.datetime(2026, 10, 27, 18, 0)):
        assert services.lapse_silent_consultations() == 0  # the 15th day is not over
    with clock.frozen(dt.datetime(2026, 10, 28, 9, 0)):
        assert services.lapse_silent_consultations() == 1
        assert services.lapse_silent_consultations() == 0  # idempotent
    consultation.refresh_from_db()
    request.refresh_from_db()
    assert consultation.opinion == ConsultationOpinion.NO_REPLY and consultation.lapsed
    assert request.state == "received"
    reply = reply_clock(request)
    assert reply.state == "running"
    # Reply: 09-29 (1), 09-30 (2); not counted 10-01..10-27; 10-28..30 (3–5),
    # 11-02..06 (6–10), 11-09..13 (11–15), 11-16..20 (16–20).
    assert due(reply) == D(2026, 11, 20)
    assert AuditEvent.objects.filter(action="foi.third_party_lapsed").count() == 1
    assert calculator.compute(
        received=D(2026, 9, 28), third_party_sent=D(2026, 9, 30)
    ) == calculator.Deadlines(D(2026, 11, 20), D(2026, 10, 13), D(2026, 10, 27), False)
    # A late answer is recorded for the decision but moves no clock.
    with clock.frozen(D(2026, 11, 2)):
        services.record_third_party_opinion(
            consultation=consultation, actor=officer, opinion="objects", note="迟到的意见"
        )
    consultation.refresh_from_db()
    assert consultation.opinion == "objects" and due(reply) == D(2026, 11, 20)


def test_reply_after_a_silent_third_party_needs_no_job(transport, officer):
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 30)):
        services.consult_third_party(request=request, actor=officer, third_party="某公司")
    with clock.frozen(D(2026, 10, 20)), pytest.raises(ValidationError):
        replies.reply_to_request(request=request, actor=officer, outcome=Outcome.DISCLOSED)
    with clock.frozen(D(2026, 10, 29)):  # the job has not run: the reply ends the pause itself
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.DISCLOSED, generate_letters=False
        )
    reply = reply_clock(request)
    assert reply.state == "stopped" and reply.met_deadline is True
    assert due(reply) == D(2026, 11, 20)


def test_third_party_answer_date_ends_the_pause(transport, officer):
    # Asked Wed 09-30, answer received Fri 10-09 (registered on Tue 10-13): not counted
    # 10-01..10-09. Reply: 09-29 (1), 09-30 (2), Sat 10-10 (3), 10-12..16 (4–8),
    # 10-19..23 (9–13), 10-26..30 (14–18), 11-02 (19), 11-03 (20).
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 30)):
        consultation = services.consult_third_party(
            request=request, actor=officer, third_party="某公司"
        )
    with clock.frozen(D(2026, 10, 13)):
        services.record_third_party_opinion(
            consultation=consultation,
            actor=officer,
            opinion="agrees",
            answered_on=D(2026, 10, 9),
        )
    assert due(reply_clock(request)) == D(2026, 11, 3)
    assert calculator.compute(
        received=D(2026, 9, 28),
        third_party_sent=D(2026, 9, 30),
        third_party_answered=D(2026, 10, 9),
    ).reply_due == D(2026, 11, 3)


# --- 3. No early closing ---------------------------------------------------------------------


def test_no_correction_closing_before_the_time_given_runs_out(transport, officer):
    # Notice Mon 03-09 with 15 wd to supply: 03-10..13 (1–4), 03-16..20 (5–9), 03-23..27
    # (10–14), 03-30 (15). Closing as 逾期不补正 is refused up to 03-30, allowed on 03-31.
    request = received(transport, officer, D(2026, 3, 2))
    correction = notice(request, officer, D(2026, 3, 9))
    assert correction.answer_by == D(2026, 3, 30)
    with clock.frozen(D(2026, 3, 30)), pytest.raises(ValidationError) as refused:
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.OTHER_NO_CORRECTION
        )
    assert "2026-03-30" in refused.value.message_dict["outcome"][0]
    with clock.frozen(D(2026, 3, 31)):
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=Outcome.OTHER_NO_CORRECTION,
            generate_letters=False,
        )
    request.refresh_from_db()
    assert request.outcome == Outcome.OTHER_NO_CORRECTION


def test_unclear_after_correction_only_once_a_correction_arrived(transport, officer):
    request = received(transport, officer, D(2026, 3, 2))
    with clock.frozen(D(2026, 3, 3)), pytest.raises(ValidationError):  # no 补正 at all
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.UNAVAILABLE_UNCLEAR
        )
    notice(request, officer, D(2026, 3, 4))
    with clock.frozen(D(2026, 3, 5)), pytest.raises(ValidationError):  # still waiting
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.UNAVAILABLE_UNCLEAR
        )
    with clock.frozen(D(2026, 3, 6)):
        services.supply_correction(request=request, actor=officer, text="某文件")
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=Outcome.UNAVAILABLE_UNCLEAR,
            generate_letters=False,
        )


def test_no_payment_closing_before_twenty_wd_from_the_day_received(transport, officer):
    # Online: the notice reaches the account on Wed 06-03. 20 wd: 06-04, 06-05 (1–2),
    # 06-08..12 (3–7), 06-15..18 (8–11), 06-19 端午 off, 06-22..26 (12–16), 06-29, 06-30
    # (17–18), 07-01, 07-02 (19–20).
    citizen = CitizenFactory()
    with clock.frozen(D(2026, 6, 1)):
        request = services.submit_online_request(
            applicant=citizen, agency=transport, **person(items_this_month=1)
        )
    request.items_this_month = 11
    request.save(update_fields=["items_this_month"])
    with clock.frozen(D(2026, 6, 3)):
        services.issue_fee_notice(request=request, actor=officer, method="by_count")
    request.refresh_from_db()
    assert request.fee_notice_received_on == D(2026, 6, 3)
    assert due(open_clock(request, "foi.payment")) == D(2026, 7, 2)
    with clock.frozen(D(2026, 7, 2)), pytest.raises(ValidationError) as refused:
        replies.reply_to_request(request=request, actor=officer, outcome=Outcome.OTHER_NO_PAYMENT)
    assert "2026-07-02" in refused.value.message_dict["outcome"][0]
    with clock.frozen(D(2026, 7, 3)):
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.OTHER_NO_PAYMENT, generate_letters=False
        )


def test_posted_fee_notice_counts_from_the_signed_receipt(transport, officer):
    # Fee notice posted Wed 06-03, signed for Fri 06-05. 20 wd: 06-08..12 (1–5), 06-15..18
    # (6–9), 06-22..26 (10–14), 06-29, 06-30 (15–16), 07-01..03 (17–19), 07-06 (20).
    request = received(transport, officer, D(2026, 6, 1))
    request.items_this_month = 11
    request.save(update_fields=["items_this_month"])
    with clock.frozen(D(2026, 6, 3)):
        services.issue_fee_notice(request=request, actor=officer, method="by_count")
    assert open_clock(request, "foi.payment") is None
    with clock.frozen(D(2026, 8, 3)), pytest.raises(ValidationError) as refused:
        replies.reply_to_request(request=request, actor=officer, outcome=Outcome.OTHER_NO_PAYMENT)
    assert "收到收费通知" in refused.value.message_dict["outcome"][0]
    with clock.frozen(D(2026, 6, 8)):
        services.record_fee_notice_received(
            request=request, actor=officer, received_on=D(2026, 6, 5)
        )
    assert due(open_clock(request, "foi.payment")) == D(2026, 7, 6)
    with clock.frozen(D(2026, 7, 6)), pytest.raises(ValidationError):
        replies.reply_to_request(request=request, actor=officer, outcome=Outcome.OTHER_NO_PAYMENT)
    with clock.frozen(D(2026, 7, 7)):
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.OTHER_NO_PAYMENT, generate_letters=False
        )


# --- 4. Art. 36(五) ---------------------------------------------------------------------------


def test_held_by_another_agency_names_it_in_the_letter(transport, officer, province):
    request = received(transport, officer, D(2026, 3, 2))
    with clock.frozen(D(2026, 3, 5)), pytest.raises(ValidationError) as refused:
        replies.reply_to_request(
            request=request, actor=officer, outcome=Outcome.UNAVAILABLE_OTHER_AGENCY
        )
    assert {"referred_agency_name", "referred_agency_contact"} <= set(refused.value.message_dict)
    with clock.frozen(D(2026, 3, 5)):
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=Outcome.UNAVAILABLE_OTHER_AGENCY,
            referred_agency=province["city"],
            referred_agency_contact="020-12345678，广州市越秀区府前路1号",
            generate_letters=False,
        )
    request.refresh_from_db()
    text = letters.letter_content(request).text()
    assert "不属于本机关负责公开" in text
    assert "广州市人民政府" in text and "020-12345678" in text
    assert "第三十六条第（五）项" in letters.letter_content(request).basis
    # Table three has no row of its own for 36(五): counted with 不掌握.
    table = annual.table_three(transport, 2026)  # checks 一+二=三+四 itself
    assert annual.row(table, "unavailable_not_held")["total"] == 1
    assert "unavailable_other_agency" not in {r["key"] for r in table["rows"]}


def test_not_held_letter_does_not_cite_36_5(transport, officer):
    request = received(transport, officer, D(2026, 3, 2))
    with clock.frozen(D(2026, 3, 5)):
        replies.reply_to_request(
            request=request,
            actor=officer,
            outcome=Outcome.UNAVAILABLE_NOT_HELD,
            generate_letters=False,
        )
    request.refresh_from_db()
    basis = letters.letter_content(request).basis
    assert "第（四）项" in basis and "第（五）项" not in basis


def test_answer_in_time_registered_after_the_lapse_shortens_the_pause(transport, officer):
    # Asked Wed 09-30; the answer arrived Tue 10-20 (within the 15 wd ending 10-27) but was
    # registered on 10-29, after the job had ended the pause on 10-28. The pause ends on 10-20:
    # reply 09-29 (1), 09-30 (2), 10-21..23 (3–5), 10-26..30 (6–10), 11-02..06 (11–15),
    # 11-09..13 (16–20) → 11-13 (not 11-20).
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 30)):
        consultation = services.consult_third_party(
            request=request, actor=officer, third_party="某公司"
        )
    with clock.frozen(dt.datetime(2026, 10, 28, 9, 0)):
        assert services.lapse_silent_consultations() == 1
    assert due(reply_clock(request)) == D(2026, 11, 20)
    with clock.frozen(D(2026, 10, 29)):
        services.record_third_party_opinion(
            consultation=consultation, actor=officer, opinion="objects", answered_on=D(2026, 10, 20)
        )
    consultation.refresh_from_db()
    assert consultation.opinion == "objects" and not consultation.lapsed
    assert due(reply_clock(request)) == D(2026, 11, 13)
    assert reply_clock(request).events.filter(kind="recompute").count() == 1
    assert calculator.compute(
        received=D(2026, 9, 28),
        third_party_sent=D(2026, 9, 30),
        third_party_answered=D(2026, 10, 20),
    ).reply_due == D(2026, 11, 13)
