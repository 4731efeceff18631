"""政务公开培训: the rolling 3-year coverage (dates worked out by hand, the boundary day
excluded), attendance with hours, the CSV import (errors reported per line, all or nothing,
idempotent), scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.assessment.training import imports, selectors, services
from sunshine.assessment.training.models import Attendance
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.files.models import FileJob
from sunshine.testing.factories.kernel import UserFactory, staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def t(gov):
    market, env = gov["market"], gov["env"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, market, display_name="公开办李")
    with frozen(dt.datetime(2023, 1, 3, 9, 0)):
        course = services.create_course(
            actor=gov["supervisor"],
            agency=gov["root"],
            title="政府信息公开条例解读",
            provider="省委党校",
            topic="依申请公开",
            hours="6",
        )
    return gov | {
        "officer": officer,
        "course": course,
        "a": UserFactory(agency=market, display_name="甲", email="jia@market.gov.cn"),
        "b": UserFactory(agency=market, display_name="乙", email="yi@market.gov.cn"),
        "c": UserFactory(agency=env, display_name="丙", email="bing@env.gov.cn"),
    }


def _session(t, date, agency="market", **kw):
    return services.create_session(
        actor=t["supervisor"],
        course=t["course"],
        organizer=t["root"],
        agency=t[agency] if agency else None,
        date=date,
        place="省政府礼堂",
        **kw,
    )


def test_coverage_counts_the_3_years_before_the_day_with_the_boundary_day_excluded(t):
    # On 2026-12-07 the window is 2023-12-08 .. 2026-12-07 (both counted): a session of
    # 2023-12-07 (exactly three years before) no longer counts, 2023-12-08 does, and one of
    # 2026-12-08 (tomorrow) does not yet.
    old = _session(t, dt.date(2023, 12, 7))
    edge = _session(t, dt.date(2023, 12, 8))
    future = _session(t, dt.date(2026, 12, 8))
    services.record_attendance(actor=t["officer"], session=old, person=t["a"])
    services.record_attendance(actor=t["officer"], session=future, person=t["a"])
    services.record_attendance(actor=t["officer"], session=edge, person=t["b"])
    # The market regulator's staff: 陈法规, 王起草 (the gov fixture), 李, 甲, 乙; only 乙 is
    # covered (甲's sessions are one day too old and one day too new).
    cov = selectors.coverage(t["market"], dt.date(2026, 12, 7))
    assert (cov.start, cov.end) == (dt.date(2023, 12, 8), dt.date(2026, 12, 7))
    assert (cov.staff, cov.trained) == (5, 1)
    assert {p.name for p in cov.untrained} == {"陈法规", "王起草", "公开办李", "甲"}
    assert cov.rate == Decimal("0.2000") and cov.percent == Decimal("20.0")
    # One day later 乙's 2023-12-08 session drops out and 甲's 2026-12-08 one counts.
    cov = selectors.coverage(t["market"], dt.date(2026, 12, 8))
    assert {p.name for p in cov.people if p.covered} == {"甲"}


def test_a_29_february_window_and_the_person_record(t):
    leap = _session(t, dt.date(2024, 2, 29), hours="3.5")
    services.record_attendance(
        actor=t["officer"], session=leap, person=t["a"], hours="3", certificate="GD-2024-001"
    )
    # Three years before 2027-02-28 is 2024-02-28, so that day's window starts 2024-02-29 and
    # the session counts; on 2027-03-01 the window starts 2024-03-02 and it does not.
    assert selectors.window(dt.date(2027, 2, 28))[0] == dt.date(2024, 2, 29)
    assert selectors.coverage(t["market"], dt.date(2027, 2, 28)).trained == 1
    assert selectors.coverage(t["market"], dt.date(2027, 3, 1)).trained == 0
    # On 2028-02-29 (leap) the day three years before is 2025-02-28: window from 2025-03-01.
    assert selectors.window(dt.date(2028, 2, 29))[0] == dt.date(2025, 3, 1)
    record = selectors.person_record(t["a"], dt.date(2026, 12, 7))
    assert record.covered and record.last_trained == dt.date(2024, 2, 29)
    assert record.covered_until == dt.date(2027, 2, 28)
    assert record.total_hours == Decimal("3.0")
    assert record.attendances[0].certificate == "GD-2024-001"


def test_attendance_rules_hours_absent_and_scope(t):
    session = _session(t, dt.date(2026, 5, 20), hours="4")
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(actor=t["officer"], session=session, person=t["a"], hours="5")
    assert "hours" in exc.value.message_dict  # more than the session's 4 hours
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(actor=t["officer"], session=session, person=t["c"])
    assert "此人不属于" in exc.value.messages[0]  # an env officer at the market's session
    absent = services.record_attendance(
        actor=t["officer"], session=session, person=t["a"], status="absent"
    )
    assert absent.hours == Decimal("0.0")
    assert selectors.coverage(t["market"], dt.date(2026, 12, 7)).trained == 0
    # A province-wide session takes anyone, but the market's officer may not record env staff.
    wide = _session(t, dt.date(2026, 6, 1), agency=None, online=True)
    with pytest.raises(PermissionDenied):
        services.record_attendance(actor=t["officer"], session=wide, person=t["c"])
    # Only the general office sets up a province-wide session.
    with pytest.raises(PermissionDenied):
        services.create_session(
            actor=t["officer"],
            course=t["course"],
            organizer=t["market"],
            date="2026-06-02",
            online=True,
        )
    with pytest.raises(ValidationError) as exc:
        services.create_session(
            actor=t["officer"],
            course=t["course"],
            organizer=t["market"],
            agency=t["market"],
            date="2026-06-02",
        )
    assert "place" in exc.value.message_dict
    # The env editor sees neither the market's session nor its people.
    assert selectors.session_for_staff(t["env_editor"], session.pk) is None
    assert selectors.session_for_staff(t["env_editor"], wide.pk) is not None
    assert selectors.person_for_staff(t["env_editor"], t["a"].pk) is None
    assert AuditEvent.objects.filter(action="training.attendance.record").count() == 1


CSV_GOOD = (
    "邮箱,姓名,状态,学时,证书编号\njia@market.gov.cn,甲,参训,2,GD-1\nYI@market.gov.cn,乙,,,\n"
)
CSV_BAD = (
    "姓名,邮箱,学时\n"  # columns in another order
    "甲,jia@market.gov.cn,2\n"
    "丁,nobody@market.gov.cn,2\n"  # line 3: no such account
    "丙,bing@env.gov.cn,2\n"  # line 4: not the market's staff
    "乙,yi@market.gov.cn,abc\n"  # line 5: hours not a number
    "\n"
    "甲,jia@market.gov.cn,1\n"  # line 7: duplicate of line 2
    "王五,yi@market.gov.cn,\n"  # line 8: duplicate e-mail (of line 5) — reported as such
)


def _upload(text, name="签到表.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_csv_import_reports_every_bad_line_and_saves_nothing(t, media):
    session = _session(t, dt.date(2026, 5, 20), hours="4")
    job = imports.start_import(actor=t["officer"], session=session, uploaded_file=_upload(CSV_BAD))
    assert job.state == FileJob.State.FAILED and job.kind == "training.import"
    errors = [(e["row"], e["column"], e["message"]) for e in job.report["row_errors"]]
    assert [(row, column) for row, column, _m in errors] == [
        (3, "邮箱"),
        (4, ""),
        (5, "学时"),
        (7, "邮箱"),
        (8, "邮箱"),
    ]
    assert "没有使用该邮箱" in errors[0][2]
    assert "此人不属于" in errors[1][2]
    assert "与第 2 行重复" in errors[3][2] and "与第 5 行重复" in errors[4][2]
    assert Attendance.objects.count() == 0


def test_csv_import_saves_all_and_is_idempotent_also_in_gbk(t, media):
    session = _session(t, dt.date(2026, 5, 20), hours="4")
    job = imports.start_import(
        actor=t["officer"], session=session, uploaded_file=_upload(CSV_GOOD, encoding="gb18030")
    )
    assert job.state == FileJob.State.DONE, job.error
    assert job.report == {"created": 2, "updated": 0, "unchanged": 0, "session": session.pk}
    rows = {a.person.display_name: a for a in Attendance.objects.select_related("person")}
    assert rows["甲"].hours == Decimal("2.0") and rows["甲"].certificate == "GD-1"
    assert rows["乙"].hours == Decimal("4.0")  # empty 学时: the session's
    again = imports.start_import(
        actor=t["officer"], session=session, uploaded_file=_upload(CSV_GOOD)
    )
    assert again.report["unchanged"] == 2
    assert AuditEvent.objects.filter(action="training.attendance.record").count() == 2


def test_csv_import_refuses_a_file_that_is_not_a_table(t, media):
    session = _session(t, dt.date(2026, 5, 20))
    with pytest.raises(ValidationError):
        imports.start_import(
            actor=t["officer"],
            session=session,
            uploaded_file=SimpleUploadedFile("x.csv", b"\x00\x01\x02binary", "text/csv"),
        )
    job = imports.start_import(
        actor=t["officer"], session=session, uploaded_file=_upload("姓名,学时\n甲,2\n")
    )
    assert job.state == FileJob.State.FAILED
    assert (
        job.report["row_errors"][0]["row"] == 1 and "邮箱" in job.report["row_errors"][0]["message"]
    )
    with pytest.raises(PermissionDenied):
        imports.start_import(actor=t["a"], session=session, uploaded_file=_upload(CSV_GOOD))
