"""Deadlines of an application across the 2026 National Day and Spring Festival holidays and
their 调休 Saturdays (/work/shared/data/holidays-cn/2026.json: 09-20 Sun and 10-10 Sat are
working days; 09-25..27 中秋 and 10-01..07 国庆 are off; 02-14 Sat and 02-28 Sat are working
days, 02-15..23 春节 off). Every expected date below is counted by hand, day by day, counting
from the day after the start event (rules.md §1); a pause from day P to day R leaves out the
days after P up to R (the kernel engine's rule)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.disclosure.foi import services
from sunshine.disclosure.foi.services import open_clock, reply_clock
from sunshine.kernel import clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.testing.factories.foi import received

D = dt.date
pytestmark = pytest.mark.django_db


def due(c) -> dt.date:
    c.refresh_from_db()
    return c.due_date


def test_reply_across_national_day(transport, officer):
    # Mon 09-28. 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4), Sat 10-10 调休 (5),
    # 10-12..16 (6–10), 10-19..23 (11–15), 10-26..30 (16–20).
    request = received(transport, officer, D(2026, 9, 28))
    assert due(open_clock(request, "foi.reply")) == D(2026, 10, 30)
    # 补正 notice in 7 wd: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat 调休), 10-12, 10-13.
    assert due(open_clock(request, "foi.correction_notice")) == D(2026, 10, 13)


def test_correction_notice_uses_the_sunday_makeup_day(transport, officer):
    # Fri 09-18: Sat 09-19 off, Sun 09-20 调休 (1), 09-21..24 (2–5), 09-25..27 中秋 off,
    # 09-28 (6), 09-29 (7).
    request = received(transport, officer, D(2026, 9, 18))
    assert due(open_clock(request, "foi.correction_notice")) == D(2026, 9, 29)


def test_correction_pause_across_mid_autumn_and_national_day(transport, officer):
    # Received Mon 09-21; 补正 notice Thu 09-24; supplied Fri 10-09.
    request = received(transport, officer, D(2026, 9, 21))
    # Notice clock: 09-22, 09-23, 09-24, (09-25..27 off) 09-28, 09-29, 09-30, 10-08 → 7 wd.
    notice = open_clock(request, "foi.correction_notice")
    assert due(notice) == D(2026, 10, 8)
    with clock.frozen(D(2026, 9, 24)):
        services.send_correction_notice(
            request=request, actor=officer, items="请补充所需文件的文号或名称。"
        )
    notice.refresh_from_db()
    assert notice.state == "stopped" and notice.met_deadline is True
    reply = reply_clock(request)
    assert reply.state == "paused"
    with clock.frozen(D(2026, 10, 9)):
        services.supply_correction(request=request, actor=officer, text="文号为粤交规〔2025〕3号。")
    # 条例 Art. 30: the 20 wd start again from the corrected application (Fri 10-09):
    # Sat 10-10 调休 (1), 10-12..16 (2–6), 10-19..23 (7–11), 10-26..30 (12–16), 11-02..05 (17–20).
    assert due(reply) == D(2026, 11, 5)
    reply.refresh_from_db()
    assert reply.state == "running" and reply.pauses == [] and reply.paused_total == 0
    assert reply.events.filter(kind="restart").count() == 1


def test_third_party_pause_then_extension(transport, officer, approver):
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 9, 30)):
        consultation = services.consult_third_party(
            request=request, actor=officer, third_party="广东某某路桥建设有限公司"
        )
    # Third party: 15 wd from Wed 09-30: 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12..16 (4–8),
    # 10-19..23 (9–13), 10-26 (14), 10-27 (15).
    assert due(open_clock(consultation, "foi.third_party")) == D(2026, 10, 27)
    with clock.frozen(D(2026, 10, 20)):
        services.record_third_party_opinion(
            consultation=consultation, actor=officer, opinion="objects", note="涉及商业秘密"
        )
    # Reply: 09-29 (1), 09-30 (2); paused 10-01..10-20; 10-21..23 (3–5), 10-26..30 (6–10),
    # 11-02..06 (11–15), 11-09..13 (16–20).
    reply = reply_clock(request)
    assert due(reply) == D(2026, 11, 13)
    with clock.frozen(D(2026, 11, 10)):
        services.extend_request(
            request=request, actor=officer, approver=approver, days=20, reason="需协调多个处室"
        )
    # +20 wd: 11-16..20 (5), 11-23..27 (10), 11-30..12-04 (15), 12-07..11 (20).
    assert due(reply) == D(2026, 12, 11)
    request.refresh_from_db()
    assert request.extension_days == 20 and request.extension_approver == approver
    # One extension only (条例 Art. 33).
    with clock.frozen(D(2026, 11, 11)), pytest.raises(ValidationError):
        services.extend_request(
            request=request, actor=officer, approver=approver, days=5, reason="再延期"
        )


def test_reply_across_spring_festival(transport, officer):
    # Thu 02-05: 02-06 (1), 02-09..13 (2–6), Sat 02-14 调休 (7), 02-15..23 off, 02-24..27
    # (8–11), Sat 02-28 调休 (12), 03-02..06 (13–17), 03-09..11 (18–20).
    request = received(transport, officer, D(2026, 2, 5))
    assert due(open_clock(request, "foi.reply")) == D(2026, 3, 11)


def test_extension_across_spring_festival(transport, officer, approver):
    # Tue 01-20: 01-21..23 (1–3), 01-26..30 (4–8), 02-02..06 (9–13), 02-09..13 (14–18),
    # Sat 02-14 (19), 02-24 (20).
    request = received(transport, officer, D(2026, 1, 20))
    reply = open_clock(request, "foi.reply")
    assert due(reply) == D(2026, 2, 24)
    with pytest.raises(ValidationError):  # more than 20 wd
        with clock.frozen(D(2026, 2, 10)):
            services.extend_request(
                request=request, actor=officer, approver=approver, days=21, reason="材料较多"
            )
    with clock.frozen(D(2026, 2, 10)):
        services.extend_request(
            request=request, actor=officer, approver=approver, days=20, reason="材料较多"
        )
    # +20: 02-25..27 (21–23), Sat 02-28 (24), 03-02..06 (25–29), 03-09..13 (30–34),
    # 03-16..20 (35–39), 03-23 (40).
    assert due(reply) == D(2026, 3, 23)


def test_payment_pause_after_spring_festival(transport, officer):
    request = received(transport, officer, D(2026, 2, 5))
    request.items_this_month = 11  # the 11th application of the month: 100 元
    request.save(update_fields=["items_this_month"])
    with clock.frozen(D(2026, 3, 2)):  # handed to the applicant at the counter that day
        services.issue_fee_notice(
            request=request, actor=officer, method="by_count", notice_received_on=D(2026, 3, 2)
        )
    request.refresh_from_db()
    assert request.fee_amount == 100 and request.state == "payment"
    # Payment: 20 wd from Mon 03-02: 03-03..06 (1–4), 03-09..13 (5–9), 03-16..20 (10–14),
    # 03-23..27 (15–19), 03-30 (20).
    assert due(open_clock(request, "foi.payment")) == D(2026, 3, 30)
    with clock.frozen(D(2026, 3, 6)):
        services.record_payment(request=request, actor=officer)
    # Reply was due 03-11; paused 03-03..03-06 (4 wd) → 03-12, 03-13, 03-16, 03-17.
    assert due(reply_clock(request)) == D(2026, 3, 17)


def test_only_an_approver_approves_an_extension(transport, officer):
    request = received(transport, officer, D(2026, 9, 28))
    with clock.frozen(D(2026, 10, 9)), pytest.raises(ValidationError) as exc:
        services.extend_request(
            request=request, actor=officer, approver=officer, days=10, reason="材料较多"
        )
    assert "approver" in exc.value.message_dict
    assert clocks_for(request).get(rule="foi.reply").extension_count == 0
