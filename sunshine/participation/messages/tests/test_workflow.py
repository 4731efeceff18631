"""The message workflow on the real 2026 calendar (National Day 10-01..10-07, Saturday 10-10
a working day). Assigned on Wed 2026-09-30: the working days after it are 10-08, 10-09,
10-10, 10-12, 10-13 → reply due 10-13; misrouted return due 10-09; one extension of 10 wd →
10-27."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.notify.models import Notification
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.participation.messages import selectors, services
from sunshine.participation.messages.models import Message
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.messages import submit

D = dt.date
pytestmark = pytest.mark.django_db


def local_date(value):
    return timezone.localtime(value).date()


def reply_due(m):
    """The reply due day as queues read it: the open message.reply clock's."""
    row = selectors.with_reply_clock(Message.objects.filter(pk=m.pk)).get()
    return local_date(row.reply_due_at) if row.reply_due_at else None


def test_submit_to_an_agency_assigns_and_starts_both_clocks(messages_people):
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    m.refresh_from_db()
    assert m.state == Message.State.ASSIGNED and m.agency == messages_people["transport"]
    assert m.suggested_category == "交通运输"
    clocks = {c.rule: c for c in clocks_for(m)}
    assert local_date(clocks["message.reply"].due_at) == D(2026, 10, 13)
    assert local_date(clocks["message.return_misrouted"].due_at) == D(2026, 10, 9)
    assert reply_due(m) == D(2026, 10, 13)
    assert Notification.objects.filter(
        event="message.assigned", recipient=messages_people["drafter"]
    ).exists()
    assert not Notification.objects.filter(recipient=messages_people["other_drafter"]).exists()
    assert AuditEvent.objects.filter(action="message.submit", object_id=str(m.pk)).exists()


def test_not_sure_is_routed_by_the_general_office_with_the_suggestion(messages_people):
    m = submit(
        messages_people["citizen"],
        subject="学校乱收补课费",
        body="A市某中学暑假组织学生补课并收取费用，家长负担很重。",
    )
    assert m.state == Message.State.SUBMITTED and m.agency is None
    assert m.suggested_category == "教育文体"
    assert m.suggested_agency == messages_people["other"]  # 教育局 → 广东省教育厅
    assert Notification.objects.filter(
        event="message.submitted", recipient=messages_people["supervisor"]
    ).exists()
    # only the dispatchers see it; an agency's drafter may not assign it
    assert m in selectors.staff_queue(messages_people["supervisor"])
    assert m not in selectors.staff_queue(messages_people["drafter"])
    with pytest.raises(PermissionDenied):
        services.assign_message(
            message=m, agency=messages_people["other"], actor=messages_people["drafter"]
        )
    services.assign_message(
        message=m, agency=messages_people["other"], actor=messages_people["supervisor"]
    )
    m.refresh_from_db()
    assert m.state == Message.State.ASSIGNED and m.agency == messages_people["other"]
    assert m in selectors.staff_queue(messages_people["other_drafter"])


def test_other_agency_cannot_reply_or_transfer(messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"])
    with pytest.raises(PermissionDenied):
        services.reply_to_message(message=m, actor=messages_people["other_drafter"], body="答复")
    with pytest.raises(PermissionDenied):
        services.transfer_message(
            message=m,
            agency=messages_people["other"],
            actor=messages_people["other_officer"],
            reason="x",
        )
    assert selectors.staff_message(messages_people["other_drafter"], m.pk) is None


def test_transfer_restarts_the_clocks_at_the_new_agency_and_is_audited(messages_people):
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(D(2026, 10, 8)):
        with pytest.raises(ValidationError):
            services.transfer_message(
                message=m,
                agency=messages_people["other"],
                actor=messages_people["officer"],
                reason="",
            )
        services.transfer_message(
            message=m,
            agency=messages_people["other"],
            actor=messages_people["officer"],
            reason="属教育部门职责",
        )
    m.refresh_from_db()
    assert m.agency == messages_people["other"] and m.state == Message.State.ASSIGNED
    running = clocks_for(m).exclude(state=Clock.State.STOPPED)
    assert {c.agency_id for c in running} == {messages_people["other"].pk}
    # 10-08 + 5 wd: 10-09, 10-10, 10-12, 10-13, 10-14
    assert reply_due(m) == D(2026, 10, 14)
    log = TransitionLog.objects.get(object_id=m.pk, transition="transfer")
    assert log.data["from_agency"] == messages_people["transport"].pk
    assert log.data["to_agency"] == messages_people["other"].pk and log.comment == "属教育部门职责"


def test_misrouted_return_within_two_working_days_only(messages_people):
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
        late = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(dt.datetime(2026, 10, 9, 18, 0)):  # last day of the 2 wd (holidays skipped)
        services.return_misrouted(
            message=m, actor=messages_people["drafter"], reason="不属本单位职责"
        )
    m.refresh_from_db()
    assert m.state == Message.State.RETURNED and m.agency is None and reply_due(m) is None
    assert not clocks_for(m).exclude(state=Clock.State.STOPPED).exists()
    assert Notification.objects.filter(
        event="message.returned", recipient=messages_people["supervisor"]
    ).exists()
    with clock.frozen(D(2026, 10, 10)):
        with pytest.raises(ValidationError, match="2个工作日"):
            services.return_misrouted(
                message=late, actor=messages_people["drafter"], reason="不属本单位"
            )
    # the general office dispatches the returned one again
    services.assign_message(
        message=m, agency=messages_people["other"], actor=messages_people["supervisor"]
    )
    m.refresh_from_db()
    assert m.state == Message.State.ASSIGNED


def test_one_extension_of_at_most_ten_working_days(messages_people):
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(D(2026, 10, 12)):
        with pytest.raises(PermissionDenied):  # a drafter may not extend
            services.extend_message(
                message=m, actor=messages_people["drafter"], length=5, reason="调查"
            )
        with pytest.raises(ValidationError, match="10"):
            services.extend_message(
                message=m, actor=messages_people["officer"], length=11, reason="调查"
            )
        with pytest.raises(ValidationError):
            services.extend_message(
                message=m, actor=messages_people["officer"], length=5, reason=" "
            )
        services.extend_message(
            message=m,
            actor=messages_people["officer"],
            length=10,
            reason="需现场核查，涉及多个部门",
        )
        m.refresh_from_db()
        assert reply_due(m) == D(2026, 10, 27)
        with pytest.raises(ValidationError, match="1 次"):
            services.extend_message(
                message=m, actor=messages_people["officer"], length=1, reason="再延"
            )


def test_reply_stops_clocks_notifies_author_and_publishes_masked(messages_people, mailoutbox):
    citizen = messages_people["citizen"]
    m = submit(
        citizen,
        agency=messages_people["transport"],
        body="我叫张三丰，电话13812345678，家住幸福小区3栋2单元501室，门口道路破损。",
    )
    services.reply_to_message(
        message=m,
        actor=messages_people["drafter"],
        body="张三丰先生：您好！已安排养护单位修复，联系电话13912345678。",
        publish=True,
    )
    m.refresh_from_db()
    assert m.state == Message.State.REPLIED and m.replied_at is not None
    clocks = {c.rule: c for c in clocks_for(m)}
    assert clocks["message.reply"].state == Clock.State.STOPPED
    assert clocks["message.reply"].met_deadline is True
    assert m.is_published
    assert "张三丰" not in m.public_body and "13812345678" not in m.public_body
    reply = m.replies.get()
    assert reply.is_published and "张**" in reply.published_body
    assert "13912345678" not in reply.published_body
    assert Notification.objects.filter(event="message.replied", recipient=citizen).exists()


def test_publication_needs_the_authors_consent(messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"], is_public=False)
    services.reply_to_message(
        message=m, actor=messages_people["drafter"], body="已处理。", publish=True
    )
    m.refresh_from_db()
    assert not m.is_published
    with pytest.raises(ValidationError, match="不同意公开"):
        services.publish_message(message=m, actor=messages_people["officer"])
    assert selectors.public_message(m.pk) is None


def test_public_selectors_show_only_published(messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"])
    assert selectors.public_message(m.pk) is None
    services.reply_to_message(message=m, actor=messages_people["drafter"], body="已修复。")
    services.publish_message(message=m, actor=messages_people["officer"])
    assert selectors.public_message(m.pk) == m
    services.publish_message(message=m, actor=messages_people["officer"], published=False)
    assert selectors.public_message(m.pk) is None
    assert AuditEvent.objects.filter(action="message.unpublish").exists()


def test_reject_tells_the_author(messages_people):
    m = submit(messages_people["citizen"])
    with pytest.raises(ValidationError):
        services.reject_message(message=m, actor=messages_people["supervisor"], reason="")
    services.reject_message(message=m, actor=messages_people["supervisor"], reason="非政务事项")
    m.refresh_from_db()
    assert m.state == Message.State.REJECTED
    assert Notification.objects.filter(event="message.rejected").exists()


def test_refused_text(messages_people):
    with pytest.raises(ValidationError) as exc:
        submit(messages_people["citizen"], subject="x" * 101, body="<script>alert(1)</script>")
    assert "subject" in exc.value.message_dict and "body" in exc.value.message_dict
    assert Message.objects.count() == 0


def test_anonymous_cannot_submit(messages_people):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.submit_message(author=AnonymousUser(), subject="a", body="b")


def test_long_unanswered_flags_the_national_veto(messages_people):
    with clock.frozen(D(2026, 6, 1)):
        old = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(D(2026, 8, 20)):
        recent = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(D(2026, 9, 2)):
        flagged = list(selectors.long_unanswered(messages_people["supervisor"]))
        assert old in flagged and recent not in flagged
        assert list(selectors.long_unanswered(messages_people["other_drafter"])) == []


def test_auto_close_after_n_days(messages_people):
    with clock.frozen(D(2026, 9, 1)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
        services.reply_to_message(message=m, actor=messages_people["drafter"], body="已处理。")
    with clock.frozen(D(2026, 9, 5)):
        assert services.close_stale_replied() == 0
    with clock.frozen(D(2026, 9, 9)):
        assert services.close_stale_replied() == 1
    m.refresh_from_db()
    assert m.state == Message.State.CLOSED and m.closed_at is not None


def test_sensitive_words_and_spam_are_refused(messages_people):
    with pytest.raises(ValidationError) as exc:
        submit(messages_people["citizen"], body="办事的人都是傻逼，太气人了")
    assert exc.value.message_dict["body"]
    with pytest.raises(ValidationError):
        submit(messages_people["citizen"], body="哈" * 30)
    assert Message.objects.count() == 0


def test_queue_reads_the_live_clock_after_a_calendar_edit(messages_people, province):
    from sunshine.kernel.workcalendar import services as calendar_services

    admin = staff_with("sysadmin", province["root"])
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    with clock.frozen(D(2026, 10, 9)):
        calendar_services.set_calendar_day(
            actor=admin, date=D(2026, 10, 12), is_off_day=True, name="临时假日"
        )
    queued = selectors.staff_queue(messages_people["drafter"]).get(pk=m.pk)
    assert local_date(queued.reply_due_at) == D(2026, 10, 14)  # one working day later than 10-13
    with clock.frozen(dt.datetime(2026, 10, 14, 12, 0)):
        assert selectors.with_reply_urgency([queued])[0].reply_urgency == "due_soon"


def test_due_soon_is_three_working_days_not_48_hours(messages_people):
    """Reply due 10-13 (see the top). On Thu 10-08 09:00 the working days left are 10-09,
    10-10, 10-12, 10-13 = 4: on time; on Fri 10-09 09:00 they are 10-10, 10-12, 10-13 = 3: due
    soon (settings.DEADLINE_DUE_SOON_WD), although 10-13 23:59 is still 110 hours away."""
    with clock.frozen(D(2026, 9, 30)):
        m = submit(messages_people["citizen"], agency=messages_people["transport"])
    due_soon = selectors.QueueFilters(urgency="due_soon")
    with clock.frozen(D(2026, 10, 8)):
        assert selectors.staff_message(messages_people["drafter"], m.pk).reply_urgency == "on_time"
        assert m not in selectors.staff_queue(messages_people["drafter"], due_soon)
    with clock.frozen(D(2026, 10, 9)):
        assert selectors.staff_message(messages_people["drafter"], m.pk).reply_urgency == "due_soon"
        assert m in selectors.staff_queue(messages_people["drafter"], due_soon)
    with clock.frozen(D(2026, 10, 14)):  # the sweep never ran: the stored urgency is stale
        assert Clock.objects.get(object_id=m.pk, rule="message.reply").urgency == "on_time"
        assert selectors.staff_message(messages_people["drafter"], m.pk).reply_urgency == "overdue"
        assert list(selectors.overdue_messages(messages_people["supervisor"])) == [m]
