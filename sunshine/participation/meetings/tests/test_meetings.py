from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sunshine.kernel.audit.models import AuditEvent
from sunshine.participation.meetings import draw as draw_algo
from sunshine.participation.meetings import services
from sunshine.participation.meetings.models import AttendanceApplication, DrawResult, Meeting
from sunshine.testing.factories import CitizenFactory, staff_with

WHEN = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def open_meeting(officer, agency, seats, number="20261130"):
    meeting = services.create_meeting(
        actor=officer,
        agency=agency,
        title="道路规划听证会",
        starts_at=WHEN,
        place="会议室",
        publish_modes=["live", "minutes"],
    )
    services.set_seats(actor=officer, meeting=meeting, seats=seats)
    return services.open_applications(actor=officer, meeting=meeting, announced_number=number)


def apply_many(meeting, category, n):
    return [
        services.apply(
            actor=CitizenFactory(), meeting=meeting, category=category, name="张三", contact="138"
        )
        for _ in range(n)
    ]


def test_seats_respected_per_category(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2, "expert": 3, "media": 1})
    apply_many(meeting, "public", 5)
    experts = apply_many(meeting, "expert", 2)
    result = services.close_and_draw(meeting=meeting, actor=officer)
    assert len(result.selected["public"]) == 2
    assert result.selected["expert"] == sorted(a.id for a in experts)
    assert result.selected["media"] == [] and result.selected["stakeholder"] == []
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.DRAWN
    statuses = AttendanceApplication.objects.filter(meeting=meeting)
    assert statuses.filter(status="selected").count() == 4
    assert statuses.filter(status="not_selected").count() == 3
    assert result.method and result.python_version
    assert AuditEvent.objects.filter(action="meeting.draw").exists()


def test_same_inputs_same_result_and_changed_list_changes_seed():
    apps = {"public": [(i, f"user:{i + 100}") for i in range(1, 11)]}
    a = draw_algo.compute(apps, {"public": 3}, "42")
    b = draw_algo.compute(apps, {"public": 3}, "42")
    assert a == b
    changed = {"public": apps["public"][:-1]}
    c = draw_algo.compute(changed, {"public": 3}, "42")
    assert c["seed_hex"] != a["seed_hex"] and c["inputs_digest"] != a["inputs_digest"]
    d = draw_algo.compute(apps, {"public": 3}, "43")
    assert d["seed_hex"] != a["seed_hex"] and d["inputs_digest"] == a["inputs_digest"]


def test_verify_ok_then_detects_tampering(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    apps = apply_many(meeting, "public", 6)
    result = services.close_and_draw(meeting=meeting, actor=officer)
    assert services.verify_draw(meeting)["ok"]
    losers = [a.id for a in apps if a.id not in result.selected["public"]]
    DrawResult.objects.filter(pk=result.pk).update(selected={"public": losers[:2]})
    assert not services.verify_draw(meeting)["ok"]


def test_verify_detects_raw_sql_tampering_of_applications(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 1})
    apps = apply_many(meeting, "public", 3)
    services.close_and_draw(meeting=meeting, actor=officer)
    table = AttendanceApplication._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [apps[0].id])
    assert not services.verify_draw(meeting)["ok"]


def test_apply_refusals(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    with pytest.raises(PermissionDenied):
        services.apply(actor=officer, meeting=meeting, category="public", name="李四", contact="1")
    citizen = CitizenFactory()
    services.apply(actor=citizen, meeting=meeting, category="public", name="王五", contact="1")
    with pytest.raises(ValidationError, match="只能报名一次"):
        services.apply(actor=citizen, meeting=meeting, category="public", name="王五", contact="1")
    with pytest.raises(ValidationError, match="没有此类别"):
        services.apply(
            actor=CitizenFactory(), meeting=meeting, category="media", name="赵六", contact="1"
        )
    services.close_and_draw(meeting=meeting, actor=officer)
    with pytest.raises(ValidationError, match="不接受列席报名"):
        services.apply(
            actor=CitizenFactory(), meeting=meeting, category="public", name="钱七", contact="1"
        )


def test_permission_refused_for_other_agency_staff(officer, province):
    other = staff_with("agency_admin", province["county"])
    with pytest.raises(PermissionDenied):
        services.create_meeting(
            actor=other, agency=province["transport"], title="会", starts_at=WHEN
        )
    meeting = open_meeting(officer, province["transport"], {"public": 1})
    with pytest.raises(PermissionDenied):
        services.close_and_draw(meeting=meeting, actor=other)
    drafter = staff_with("drafter", province["transport"])
    with pytest.raises(PermissionDenied):
        services.set_seats(actor=drafter, meeting=meeting, seats={"public": 3})


def test_cli_draw_and_verify(officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2, "expert": 1})
    apply_many(meeting, "public", 4)
    apply_many(meeting, "expert", 1)
    out = StringIO()
    call_command("meeting_draw", str(meeting.pk), stdout=out)
    result = DrawResult.objects.get(meeting=meeting)
    assert result.seed_hex in out.getvalue()
    assert AuditEvent.objects.filter(action="meeting.draw", actor=None).exists()
    out = StringIO()
    call_command("meeting_draw", str(meeting.pk), "--verify", stdout=out)
    assert out.getvalue().strip().endswith("OK") and result.seed_hex in out.getvalue()
    DrawResult.objects.filter(pk=result.pk).update(selected={"public": [], "expert": []})
    out = StringIO()
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("meeting_draw", str(meeting.pk), "--verify", stdout=out)
    assert "MISMATCH" in out.getvalue()


def test_held_publish_and_selectors(officer, province):
    from sunshine.participation.meetings import selectors

    meeting = open_meeting(officer, province["transport"], {"public": 1})
    (application,) = apply_many(meeting, "public", 1)
    with pytest.raises(ValidationError):
        services.publish_results(actor=officer, meeting=meeting, minutes="纪要")
    services.close_and_draw(meeting=meeting, actor=officer)
    services.mark_held(actor=officer, meeting=meeting)
    meeting = services.publish_results(
        actor=officer, meeting=meeting, minutes="会议纪要全文", decisions="同意方案"
    )
    assert meeting.state == Meeting.State.PUBLISHED and meeting.published_at
    assert list(selectors.public_meetings()) == [meeting]
    assert list(selectors.managed_meetings(officer)) == [meeting]
    assert not selectors.managed_meetings(staff_with("agency_admin", province["county"])).exists()
    assert list(selectors.applications_of(application.applicant)) == [application]
