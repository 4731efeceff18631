import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sunshine.kernel.audit.models import AppendOnlyError, AuditEvent
from sunshine.kernel.audit.services import record_event, verify_chain
from sunshine.testing.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _events(n=5):
    agency = AgencyFactory()  # writes agency.create itself
    for i in range(n):
        record_event(action="test.step", obj=agency, data={"i": i, "text": "阳光政务"})
    return agency


def test_chain_links_each_row_to_the_previous():
    _events()
    rows = list(AuditEvent.objects.order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    for prev, row in zip(rows, rows[1:], strict=False):
        assert row.prev_hash == prev.hash
    assert verify_chain().ok
    call_command("audit_verify")


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    _events(1)
    event = AuditEvent.objects.last()
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def _raw(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_raw_sql_edit_is_detected_and_named():
    _events()
    target = AuditEvent.objects.order_by("seq")[2]
    _raw("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["篡改", target.pk])
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == target.seq
    with pytest.raises(CommandError, match=f"seq={target.seq}"):
        call_command("audit_verify")


def test_raw_sql_delete_in_the_middle_is_detected():
    _events()
    target = AuditEvent.objects.order_by("seq")[3]
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [target.pk])
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == target.seq


def test_deleting_the_newest_row_is_detected_by_the_head():
    _events()
    last = AuditEvent.objects.order_by("seq").last()
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == last.seq


def test_rehashing_a_forged_row_still_breaks_the_next_link():
    from sunshine.kernel.audit.services import compute_hash

    _events()
    target = AuditEvent.objects.order_by("seq")[1]
    target.summary = "forged"
    new_hash = compute_hash(target)
    _raw(
        "UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s",
        ["forged", new_hash, target.pk],
    )
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == target.seq + 1


def test_event_is_rolled_back_with_the_failed_change():
    from django.db import transaction

    agency = AgencyFactory()
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(action="test.doomed", obj=agency)
        raise RuntimeError
    assert AuditEvent.objects.count() == before
    assert verify_chain().ok


def test_events_written_under_a_frozen_local_clock_verify():
    import datetime as dt

    from sunshine.kernel import clock

    agency = AgencyFactory()
    with clock.frozen(dt.date(2026, 9, 30)):
        record_event(action="test.frozen", obj=agency)
    assert verify_chain().ok
