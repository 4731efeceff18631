"""The reply clock as the queue, the list and the API read it (kernel deadlines read side).

Received Wed 2026-09-30 by post: the 20-wd reply period counts 10-08, 10-09, 10-10 (Saturday
make-up), 10-12..10-16, 10-19..10-23, 10-26..10-30, 11-02, 11-03 → due 2026-11-03 23:59:59.
Working days left, counted after "today" up to 11-03 (due soon at ≤ 3, DEADLINE_DUE_SOON_WD):
Wed 10-28: 10-29, 10-30, 11-02, 11-03 = 4 → on time; Thu 10-29: 10-30, 11-02, 11-03 = 3 → due
soon; Wed 11-04: past the due time → overdue."""

import datetime as dt

import pytest
from django.utils import timezone

from sunshine.disclosure.foi import selectors
from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.deadlines.models import Clock
from sunshine.testing.factories.foi import person, received

D = dt.date
pytestmark = pytest.mark.django_db


def test_the_queue_reads_the_running_reply_clock(transport, officer):
    late = received(transport, officer, D(2026, 9, 30))
    later = received(transport, officer, D(2026, 10, 9), person(2))
    queued = list(selectors.queue(officer))
    assert queued == [late, later]  # the earlier due date first
    assert timezone.localdate(queued[0].reply_due_at) == D(2026, 11, 3)
    expected = {D(2026, 10, 28): "on_time", D(2026, 10, 29): "due_soon", D(2026, 11, 4): "overdue"}
    for day, urgency in expected.items():
        with clock.frozen(day):
            rows = selectors.with_reply_urgency(selectors.queue(officer))
            assert rows[0].reply_urgency == urgency, day
            assert selectors.request_for_staff(officer, late.pk).reply_urgency == urgency
    # the sweep never ran: what the clock stores is stale, what the pages show is not
    assert Clock.objects.get(object_id=late.pk, rule="foi.reply").urgency == "on_time"


def test_the_api_list_shows_the_urgency_as_of_now(client, transport, officer):
    late = received(transport, officer, D(2026, 9, 30))
    _token, key = issue_api_token(actor=officer, name="test")
    with clock.frozen(D(2026, 11, 4)):
        data = client.get(
            "/api/v1/foi/requests", {"state": "open"}, HTTP_AUTHORIZATION=f"Bearer {key}"
        ).json()
    (item,) = data["items"]
    assert item["id"] == late.pk and item["reply_urgency"] == "overdue"
    assert item["reply_due_at"].startswith("2026-11-03T23:59:59")
