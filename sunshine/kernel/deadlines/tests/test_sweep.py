import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.deadlines import services
from sunshine.kernel.deadlines.models import ClockAlert, ClockEvent
from sunshine.kernel.deadlines.tasks import sweep_clocks
from sunshine.kernel.jobs.schedule import periodic_jobs
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories import staff_with

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(province):
    agency = province["transport"]
    officer = staff_with("disclosure_officer", agency)
    other = staff_with("disclosure_officer", province["city"])
    with clock.frozen(D(2026, 9, 30)):
        c = services.start_clock(obj=agency, rule="foi.reply")  # due 2026-11-03
    return {"clock": c, "officer": officer, "other": other}


def test_sweep_is_registered_every_five_minutes():
    job = {j.name: j for j in periodic_jobs()}["deadlines.sweep"]
    assert (job.task_path, job.cron) == (
        "sunshine.kernel.deadlines.tasks.sweep_clocks",
        "*/5 * * * *",
    )


def test_sweep_raises_due_soon_then_overdue_once(setup):
    c, officer = setup["clock"], setup["officer"]
    with clock.frozen(D(2026, 10, 20)):
        assert sweep_clocks.call() == {"checked": 1, "changed": 0, "alerts": 0, "errors": 0}

    with clock.frozen(D(2026, 10, 29)):  # 3 wd left
        assert sweep_clocks.call()["alerts"] == 1
        assert sweep_clocks.call() == {"checked": 1, "changed": 0, "alerts": 0, "errors": 0}
    c.refresh_from_db()
    assert c.urgency == "due_soon"
    alert = ClockAlert.objects.get()
    assert (alert.kind, alert.acknowledged) == ("due_soon", False)
    note = Notification.objects.get(event="clock.due_soon")
    assert note.recipient == officer and note.url == c.get_absolute_url()
    assert not Notification.objects.filter(recipient=setup["other"]).exists()

    with clock.frozen(D(2026, 11, 4)):
        first, second = sweep_clocks.call(), sweep_clocks.call()
    assert (first["changed"], first["alerts"], second["alerts"]) == (1, 1, 0)
    assert list(ClockAlert.objects.order_by("raised_at").values_list("kind", flat=True)) == [
        "due_soon",
        "overdue",
    ]
    changes = [e.data for e in c.events.filter(kind=ClockEvent.Kind.STATE)]
    assert changes == [{"from": "on_time", "to": "due_soon"}, {"from": "due_soon", "to": "overdue"}]
    assert Notification.objects.filter(event="clock.overdue").count() == 1


def test_an_extension_can_warn_again_and_paused_clocks_are_left_alone(setup, province):
    c = setup["clock"]
    approver = staff_with("approver", c.agency)
    with clock.frozen(D(2026, 10, 29)):
        sweep_clocks.call()
        services.extend_clock(
            clock=c, actor=setup["officer"], approver=approver, length=10, reason="延期"
        )
    assert c.urgency == "on_time"  # the extension itself recorded the change back
    with clock.frozen(D(2026, 11, 12)):  # new due 11-17: 11-13, 16, 17 left
        assert sweep_clocks.call()["alerts"] == 1
    assert ClockAlert.objects.filter(kind="due_soon").count() == 2

    services.pause_clock(clock=c, actor=setup["officer"], reason="第三方意见")
    with clock.frozen(D(2026, 12, 30)):
        assert sweep_clocks.call()["checked"] == 0
    c.refresh_from_db()
    assert c.urgency == "due_soon"


def test_acknowledge_an_alert(setup):
    with clock.frozen(D(2026, 11, 4)):
        sweep_clocks.call()
    alert = ClockAlert.objects.get()
    services.acknowledge_alert(alert=alert, actor=setup["officer"])
    alert.refresh_from_db()
    assert alert.acknowledged and alert.acknowledged_by == setup["officer"]
