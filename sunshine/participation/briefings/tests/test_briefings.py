"""Briefings: the flow scheduled → held → published, validation, linked policies (public records
only), permissions, and the 主要负责人 yearly coverage across agencies and years."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.records import services as record_services
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.notify.models import Notification
from sunshine.participation.briefings import reminders, selectors, services
from sunshine.participation.briefings.coverage import coverage, coverage_for_user
from sunshine.participation.briefings.models import BriefingState
from sunshine.testing.factories import AgencyFactory, staff_with
from sunshine.testing.factories.briefings import HELD, briefing, public_record


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_flow_and_audit(officer, province):
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], principal=province["transport"])
    assert item.state == BriefingState.PUBLISHED and item.published_at
    assert item.media_links[0]["kind"] == "video"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "briefing.create",
        "briefing.held",
        "briefing.save_record",
        "briefing.publish",
    } <= actions
    with pytest.raises(ValidationError, match="只有已举行"):
        services.publish_briefing(actor=officer, briefing=item)


def test_validation_messages(officer, province):
    with pytest.raises(ValidationError) as exc:
        services.create_briefing(
            actor=officer,
            agency=province["transport"],
            kind="press_conference",
            title="<script>x</script>",
            scheduled_at=HELD,
            online_url="javascript:alert(1)",
        )
    assert set(exc.value.message_dict) == {"title", "online_url"}
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], state="held")
        with pytest.raises(ValidationError, match="媒体类型|http"):
            services.save_record(
                actor=officer,
                briefing=item,
                transcript="实录",
                media_links=[{"kind": "x", "url": "a"}],
            )
        with pytest.raises(ValidationError, match="网页代码"):
            services.save_record(
                actor=officer, briefing=item, transcript="<p>x</p>", media_links=[]
            )
        with pytest.raises(ValidationError, match="文字实录或音视频"):
            services.publish_briefing(actor=officer, briefing=item)
    with pytest.raises(ValidationError, match="第1位发布人"):
        services.set_speakers(actor=officer, briefing=item, speakers=[{"name": "张三", "post": ""}])


def test_policies_only_public_records(officer, province):
    record = public_record(province["transport"])
    item = briefing(officer, province["transport"], state="scheduled")
    services.link_policies(actor=officer, briefing=item, records=[record.index_number])
    assert list(selectors.public_policies(item)) == [record]
    assert list(selectors.public_briefings_for_record(record)) == [item]
    with pytest.raises(ValidationError, match="不存在或未主动公开"):
        services.link_policies(actor=officer, briefing=item, records=["999999", "X/2026-00001"])
    record_services.withdraw(
        record=record, actor=staff_with("approver", province["transport"]), comment="撤回"
    )
    assert list(selectors.public_policies(item)) == []


def test_other_agency_refused(officer, province):
    other = staff_with("disclosure_officer", province["county"])
    item = briefing(officer, province["transport"], state="scheduled")
    with pytest.raises(PermissionDenied):
        services.update_briefing(actor=other, briefing=item, title="改")
    with pytest.raises(PermissionDenied):
        services.create_briefing(
            actor=other,
            agency=province["transport"],
            kind="interview",
            title="访谈",
            scheduled_at=HELD,
        )
    assert selectors.briefing_for_staff(other, item.pk) is None
    assert selectors.briefing_for_staff(staff_with("supervisor", province["office"]), item.pk)


def test_leader_coverage_across_agencies_and_years(officer, province):
    transport, city, county = province["transport"], province["city"], province["county"]
    education = AgencyFactory(name="广东省教育厅", parent=province["root"], region=transport.region)
    with clock.frozen(datetime(2027, 3, 1, tzinfo=UTC)):
        # 2026: transport's leader twice (one published, one only held), city's once at a
        # briefing of the transport department; a briefing with no principal leader.
        briefing(officer, transport, principal=transport)
        briefing(officer, transport, principal=transport, state="held", title="第二场")
        briefing(officer, transport, principal=city, title="联合发布会")
        briefing(officer, transport, principal=None, title="无主要负责人")
        # Scheduled but not held yet: does not count.
        briefing(officer, transport, principal=education, state="scheduled", title="预告")
        # 2025 (Shanghai time: 2025-12-31 23:30) counts for 2025, not 2026.
        briefing(
            officer, transport, principal=county, title="跨年",
            when=datetime(2025, 12, 31, 15, 30, tzinfo=UTC),
        )  # fmt: skip
    rows = {r.agency.name: r for r in coverage(2026)}
    assert rows[transport.name].count == 2
    assert rows[city.name].count == 1
    assert rows[county.name].count == 0 and rows[county.name].flagged
    assert rows[education.name].flagged
    assert province["office"].name not in rows  # 办公厅 not covered by the rule
    assert rows[province["root"].name].flagged
    assert {r.agency.name: r.count for r in coverage(2025)}[county.name] == 1
    assert coverage(2025)[0].flagged  # flagged first
    # Scope: the transport officer sees the transport subtree; the supervisor every agency.
    assert [r.agency for r in coverage_for_user(officer, 2026)] == [transport]
    supervisor = staff_with("supervisor", province["office"])
    assert len(coverage_for_user(supervisor, 2026)) == len(rows)


def test_q4_reminder_tells_flagged_agencies(officer, province):
    county_officer = staff_with("disclosure_officer", province["county"])
    with clock.frozen(datetime(2026, 10, 1, 1, 0, tzinfo=UTC)):
        briefing(officer, province["transport"], principal=province["transport"])
        told = reminders.remind_uncovered()
    assert told >= 1
    notes = Notification.objects.filter(event="briefing.leader_reminder")
    assert notes.filter(recipient=county_officer).exists()
    assert not notes.filter(recipient=officer).exists()
