import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.workcalendar import calendar as wc
from sunshine.kernel.workcalendar import services
from sunshine.kernel.workcalendar.models import CalendarDay, CalendarYear
from sunshine.testing.factories import staff_with

D = dt.date
pytestmark = pytest.mark.django_db


def notice_2027(**changes) -> dict:
    data = {
        "year": 2027,
        "papers": ["https://www.gov.cn/example-2027.htm"],
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
            {"name": "春节", "date": "2027-02-06", "isOffDay": True},
            {"name": "春节", "date": "2027-02-07", "isOffDay": False},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def admin(province):
    return staff_with("sysadmin", province["root"])


def test_import_a_year_loads_it_and_is_audited(admin):
    year = services.import_calendar(actor=admin, raw=json.dumps(notice_2027()).encode())
    assert (year.year, year.loaded, year.source) == (2027, True, "import")
    assert year.papers == ["https://www.gov.cn/example-2027.htm"]
    assert year.days.count() == 3
    assert wc.is_workday(D(2027, 1, 1)) is False
    assert wc.is_workday(D(2027, 2, 7)) is True  # a Sunday made a working day
    assert wc.is_provisional(D(2027, 6, 1)) is False
    event = AuditEvent.objects.filter(action="calendar.import").get()
    assert event.actor == admin and event.data["year"] == 2027


def test_reimport_replaces_the_notice(admin):
    services.import_calendar(actor=admin, raw=notice_2027())
    services.import_calendar(
        actor=admin,
        raw=notice_2027(days=[{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]),
    )
    assert list(CalendarDay.objects.filter(notice__year=2027).values_list("date", flat=True)) == [
        D(2027, 1, 1)
    ]
    assert wc.is_workday(D(2027, 2, 7)) is False  # back to an ordinary Sunday


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"{not json", "JSON"),
        (json.dumps([1, 2]), "JSON 对象"),
        (json.dumps({"papers": [], "days": []}), "年份"),
        (json.dumps(notice_2027(year=1999)), "超出范围"),
        (json.dumps(notice_2027(days="x")), "days"),
        (json.dumps(notice_2027(days=[])), "没有任何日期"),
        (
            json.dumps(notice_2027(days=[{"name": "x", "date": "2029-01-01", "isOffDay": True}])),
            "不在 2027 年通知的范围内",
        ),
        (
            json.dumps(notice_2027(days=[{"name": "x", "date": "2027-02-30", "isOffDay": True}])),
            "日期无效",
        ),
        (
            json.dumps(notice_2027(days=[{"name": "x", "date": "2027-01-01", "isOffDay": "yes"}])),
            "isOffDay",
        ),
        (
            json.dumps(
                notice_2027(
                    days=[
                        {"name": "x", "date": "2027-01-01", "isOffDay": True},
                        {"name": "x", "date": "2027-01-01", "isOffDay": True},
                    ]
                )
            ),
            "重复",
        ),
        (
            # 2026-10-01 is already set by the 2026 notice
            json.dumps(notice_2027(days=[{"name": "x", "date": "2026-10-01", "isOffDay": True}])),
            "已由 2026 年的通知设定",
        ),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_nothing_is_saved(admin, raw, message):
    days_before, events_before = CalendarDay.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.import_calendar(actor=admin, raw=raw)
    assert message in " ".join(exc.value.messages)
    assert CalendarDay.objects.count() == days_before
    assert AuditEvent.objects.count() == events_before
    assert CalendarYear.objects.get(year=2027).loaded is False


def test_only_calendar_editors_may_change_the_calendar(province):
    officer = staff_with("disclosure_officer", province["root"])
    with pytest.raises(PermissionDenied):
        services.import_calendar(actor=officer, raw=notice_2027())
    with pytest.raises(PermissionDenied):
        services.set_calendar_day(actor=officer, date=D(2026, 9, 29), is_off_day=True)
    assert wc.is_workday(D(2026, 9, 29)) is True


def test_add_edit_and_delete_a_single_day(admin):
    day = services.set_calendar_day(
        actor=admin, date=D(2026, 9, 29), is_off_day=True, name="临时休假"
    )
    assert (day.notice.year, day.name) == (2026, "临时休假")
    assert wc.is_workday(D(2026, 9, 29)) is False
    services.set_calendar_day(actor=admin, date=D(2026, 9, 29), is_off_day=False, name="改")
    assert wc.is_workday(D(2026, 9, 29)) is True
    services.delete_calendar_day(actor=admin, date=D(2026, 10, 1))
    assert wc.is_workday(D(2026, 10, 1)) is True  # an ordinary Thursday now
    actions = list(
        AuditEvent.objects.filter(action__startswith="calendar.").values_list("action", flat=True)
    )
    assert actions == ["calendar.day_set", "calendar.day_set", "calendar.day_delete"]
    with pytest.raises(ValidationError):
        services.delete_calendar_day(actor=admin, date=D(2026, 10, 1))
    with pytest.raises(ValidationError):
        services.set_calendar_day(actor=admin, date=D(2006, 5, 1), is_off_day=True)


def test_mark_a_year_loaded(admin):
    services.set_calendar_day(actor=admin, date=D(2027, 1, 1), is_off_day=True, name="元旦")
    assert wc.is_provisional(D(2027, 1, 1)) is True
    services.set_year_loaded(actor=admin, year=2027, loaded=True)
    assert wc.is_provisional(D(2027, 1, 1)) is False
    assert AuditEvent.objects.filter(action="calendar.year_loaded").count() == 1


def test_load_bundled_calendar_is_idempotent():
    assert services.load_bundled_calendar() == []  # the migration loaded everything
    CalendarYear.objects.filter(year=2026).delete()
    assert services.load_bundled_calendar() == [2026]
    assert services.load_bundled_calendar() == []
    assert CalendarDay.objects.count() == 678
    assert wc.is_workday(D(2026, 10, 10)) is True
