import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.duban import selectors, services
from sunshine.kernel.notify.models import Delivery, Notification
from sunshine.testing.factories import TEST_KIND

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2026, 9, 29, 10, 0)  # Tuesday before National Day


def issue(supervised_item, actor, **kw):
    with clock.frozen(ISSUED):
        return services.issue_order(
            target=supervised_item, actor=actor, reason="留言逾期未答复", **kw
        )


def test_issue_starts_a_clock_and_notifies_the_agency(supervised_item, duban_people, supervisable):
    order = issue(supervised_item, duban_people["supervisor"])
    assert (order.kind, order.agency, order.state, order.response_days) == (
        TEST_KIND,
        supervisable,
        "open",
        3,
    )
    assert order.title == f"事项 {supervised_item.name}"
    assert order.clock.rule == "oversight.response"
    # 3 wd after 09-29: 09-30, (holiday 10-01..07), 10-08, 10-09 → due 2026-10-09
    assert order.clock.due_date == dt.date(2026, 10, 9)
    inbox = Notification.objects.filter(event="clock.oversight.issued")
    assert set(inbox.values_list("recipient_id", flat=True)) == {
        duban_people["drafter"].pk,
        duban_people["officer"].pk,
    }
    # staff get deadline events by e-mail: a delivery is queued for each
    assert Delivery.objects.filter(event="clock.oversight.issued").count() == 2
    assert AuditEvent.objects.filter(action="oversight.issue", object_id=str(order.pk)).exists()
    assert list(selectors.orders_for(supervised_item)) == [order]


def test_response_days_choose_the_length(supervised_item, duban_people):
    order = issue(supervised_item, duban_people["sysadmin"], response_days=5)
    assert order.response_days == 5 and order.clock.length == 5
    assert order.clock.rule == "oversight.response"
    assert str(order.clock.rule_label) == "督办反馈"
    with pytest.raises(ValidationError, match="1 至 15"):
        issue(supervised_item, duban_people["supervisor"], response_days=30)


def test_only_supervisors_issue(supervised_item, duban_people):
    for who in ("drafter", "officer", "other"):
        with pytest.raises(PermissionDenied):
            issue(supervised_item, duban_people[who])
    with pytest.raises(ValidationError, match="督办事由"):
        with clock.frozen(ISSUED):
            services.issue_order(
                target=supervised_item, actor=duban_people["supervisor"], reason=" "
            )


def test_respond_and_close(supervised_item, duban_people):
    order = issue(supervised_item, duban_people["supervisor"])
    with pytest.raises(PermissionDenied):
        services.respond_to_order(order=order, actor=duban_people["other"], text="x")
    with pytest.raises(PermissionDenied):
        services.close_order(order=order, actor=duban_people["drafter"], verdict="x")
    with clock.frozen(dt.datetime(2026, 10, 8, 15, 0)):
        services.respond_to_order(
            order=order, actor=duban_people["drafter"], text="已于今日答复留言人"
        )
    order.clock.refresh_from_db()
    assert order.state == "responded" and order.responded_by == duban_people["drafter"]
    assert order.clock.state == Clock.State.STOPPED and order.clock.met_deadline is True
    assert Notification.objects.filter(
        event="clock.oversight.responded", recipient=duban_people["supervisor"]
    ).exists()
    with pytest.raises(ValidationError, match="已反馈"):
        services.respond_to_order(order=order, actor=duban_people["drafter"], text="再次")
    services.close_order(order=order, actor=duban_people["supervisor"])
    assert order.state == "closed" and order.closed_by == duban_people["supervisor"]
    with pytest.raises(ValidationError, match="已办结"):
        services.close_order(order=order, actor=duban_people["supervisor"], verdict="x")
    actions = set(
        AuditEvent.objects.filter(
            object_id=str(order.pk), action__startswith="oversight."
        ).values_list("action", flat=True)
    )
    assert actions == {"oversight.issue", "oversight.respond", "oversight.close"}


def test_closing_unanswered_needs_a_verdict(supervised_item, duban_people):
    order = issue(supervised_item, duban_people["supervisor"])
    with pytest.raises(ValidationError, match="办结意见"):
        services.close_order(order=order, actor=duban_people["supervisor"])
    services.close_order(order=order, actor=duban_people["supervisor"], verdict="已另行处理")
    order.clock.refresh_from_db()
    assert order.clock.state == Clock.State.STOPPED


def test_overdue_response_alerts_through_the_sweep(supervised_item, duban_people):
    from sunshine.kernel.deadlines.sweep import sweep_open_clocks

    order = issue(supervised_item, duban_people["supervisor"])
    with clock.frozen(dt.datetime(2026, 10, 12, 9, 0)):
        sweep_open_clocks()
    order.clock.refresh_from_db()
    assert order.clock.urgency == "overdue"
    assert Notification.objects.filter(
        event="clock.overdue", recipient=duban_people["drafter"]
    ).exists()


def test_selectors_scope(supervised_item, duban_people):
    order = issue(supervised_item, duban_people["supervisor"])
    assert selectors.order_for_staff(duban_people["other"], order.pk) is None
    assert selectors.order_for_staff(duban_people["drafter"], order.pk) == order
    assert list(selectors.open_orders_for_user(duban_people["drafter"])) == [order]
    assert list(selectors.open_orders_for_user(duban_people["other"])) == []
    assert list(selectors.open_orders_for_user(duban_people["supervisor"])) == []
    services.respond_to_order(order=order, actor=duban_people["officer"], text="已办理")
    assert list(selectors.open_orders_for_user(duban_people["supervisor"])) == [order]
    assert list(selectors.open_orders_for_user(duban_people["drafter"])) == []
    assert list(
        selectors.orders(duban_people["supervisor"], issued_by=duban_people["supervisor"])
    ) == [order]
    assert list(selectors.orders(duban_people["other"])) == []


def test_issued_email_reaches_the_agency_staff(supervised_item, duban_people, settings):
    """The e-mail leaves through the delivery task after commit (locmem backend here; the
    SMTP path is the notify kernel's own test)."""
    from sunshine.kernel.notify.tasks import send_delivery

    order = issue(supervised_item, duban_people["supervisor"])
    for delivery in Delivery.objects.filter(event="clock.oversight.issued"):
        send_delivery.call(delivery.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [duban_people["drafter"].email, duban_people["officer"].email]
    )
    assert order.title in mail.outbox[0].subject
