"""Drafting: required fields with clear per-field errors, 公开属性 with reasons, 文号
normalised, 索引号 per agency and year."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from sunshine.disclosure.records import services
from sunshine.disclosure.records.docnumbers import clean_doc_number
from sunshine.disclosure.records.models import IndexCounter
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories.records import advance, draft, record_in

pytestmark = pytest.mark.django_db


def test_draft_gets_fields_index_number_and_audit(people):
    record = draft(people, doc_number="粤府办〔2016〕1号", recipients="各地级以上市人民政府")
    office = people["agency"]
    assert record.index_number == f"{office.org_code}/2026-00001"
    assert (record.state, record.agency, record.issuer) == ("draft", office, office)
    assert record.doc_number == "粤府办〔2016〕1号"
    assert (record.validity, record.current_version, record.date_published) == ("valid", None, None)
    event = AuditEvent.objects.get(action="record.create")
    assert event.actor == people["drafter"] and event.data["index_number"] == record.index_number


def test_index_numbers_are_sequential_per_agency_and_year(people):
    office, other = people["agency"], people["other_agency"]
    numbers = [draft(people).index_number for _ in range(3)]
    assert numbers == [f"{office.org_code}/2026-0000{n}" for n in (1, 2, 3)]
    older = draft(people, date_written=dt.date(2025, 12, 31))
    assert older.index_number == f"{office.org_code}/2025-00001"
    theirs = draft(people, agency=other, actor=people["other_drafter"])
    assert theirs.index_number == f"{other.org_code}/2026-00001"
    assert draft(people).index_number == f"{office.org_code}/2026-00004"
    assert set(IndexCounter.objects.values_list("agency_id", "year", "last_serial")) == {
        (office.pk, 2026, 4),
        (office.pk, 2025, 1),
        (other.pk, 2026, 1),
    }


def test_a_refused_draft_uses_no_number(people):
    with pytest.raises(ValidationError):
        draft(people, title="")
    assert draft(people).index_number.endswith("/2026-00001")


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_drafts_never_share_a_number(people):  # pragma: no cover - PostgreSQL CI
    results, errors = [], []

    def work():
        try:
            results.append(draft(people).index_number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(results)) == 6


@pytest.mark.parametrize(
    "raw",
    [
        "粤府办〔2016〕1号",
        "粤府办[2016]1号",
        "粤府办(2016)1号",
        "粤府办（2016）1号",
        "粤府办［2016］1号",
        "粤府办【2016】01号",
        " 粤府办 〔２０１６〕 1 号 ",
    ],
)
def test_doc_number_variants_are_normalised(raw):
    assert clean_doc_number(raw) == "粤府办〔2016〕1号"


@pytest.mark.parametrize(
    "raw", ["粤府办2016年1号", "〔2016〕1号", "粤府办〔16〕1号", "粤府办〔2016〕0号"]
)
def test_bad_doc_numbers_are_field_errors(people, raw):
    with pytest.raises(ValidationError) as exc:
        draft(people, doc_number=raw)
    assert list(exc.value.message_dict) == ["doc_number"]
    assert "文号" in exc.value.message_dict["doc_number"][0]


def test_doc_number_is_unique(people):
    first = draft(people, doc_number="粤府办[2016]1号")
    with pytest.raises(ValidationError) as exc:
        draft(people, doc_number="粤府办（2016）1号")
    assert first.index_number in exc.value.message_dict["doc_number"][0]


def test_missing_fields_are_all_reported_at_once(people):
    with pytest.raises(ValidationError) as exc:
        services.create_draft(actor=people["drafter"], agency=people["agency"])
    errors = exc.value.message_dict
    assert set(errors) == {"title", "date_written", "topic", "kind", "disclosure_mode"}
    assert "公开属性" in errors["disclosure_mode"][0]


@pytest.mark.parametrize("mode, label", [("withheld", "不予公开"), ("on_request", "依申请公开")])
def test_non_proactive_needs_reason_and_ground(people, mode, label):
    with pytest.raises(ValidationError) as exc:
        draft(people, disclosure_mode=mode)
    errors = exc.value.message_dict
    assert set(errors) == {"withheld_reason", "withheld_ground"}
    assert errors["withheld_reason"] == [f"{label}的信息须填写理由。"]
    assert errors["withheld_ground"] == [f"{label}的信息须选择法律依据。"]
    with pytest.raises(ValidationError) as exc:
        draft(people, disclosure_mode=mode, withheld_reason="涉及个人信息", withheld_ground="nope")
    assert list(exc.value.message_dict) == ["withheld_ground"]
    record = draft(
        people, disclosure_mode=mode, withheld_reason="涉及个人信息", withheld_ground="privacy"
    )
    assert (record.withheld_reason, record.withheld_ground) == ("涉及个人信息", "privacy")


def test_proactive_drops_a_stray_reason(people):
    record = draft(people, withheld_reason="无", withheld_ground="privacy")
    assert (record.withheld_reason, record.withheld_ground) == ("", "")


def test_only_drafters_of_the_agency_draft(people):
    for actor in (people["reviewer"], people["approver"], people["other_drafter"]):
        with pytest.raises(PermissionDenied):
            draft(people, actor=actor)


def test_update_draft_changes_fields_and_is_audited(people):
    record = draft(people)
    other = draft(people, title="相关文件")
    services.update_draft(
        record=record,
        actor=people["drafter"],
        title="  新标题 ",
        doc_number="粤府办(2016)2号",
        related=[other],
        issuer=people["other_agency"],
    )
    record.refresh_from_db()
    assert (record.title, record.doc_number, record.issuer) == (
        "新标题",
        "粤府办〔2016〕2号",
        people["other_agency"],
    )
    assert list(other.related.all()) == [record]  # related works both ways
    event = AuditEvent.objects.get(action="record.update")
    assert event.data["fields"] == ["doc_number", "issuer", "related", "title"]
    with pytest.raises(ValidationError) as exc:
        services.update_draft(record=record, actor=people["drafter"], related=[record])
    assert list(exc.value.message_dict) == ["related"]
    with pytest.raises(TypeError):
        services.update_draft(record=record, actor=people["drafter"], state="published")
    with pytest.raises(PermissionDenied):
        services.update_draft(record=record, actor=people["reviewer"], title="x")


def test_only_drafts_are_edited(people):
    record = record_in("submitted", people)
    with pytest.raises(ValidationError, match="只有草稿可以修改"):
        services.update_draft(record=record, actor=people["drafter"], title="改")


def test_rejection_needs_reasons_and_returns_to_the_drafter(people):
    record = record_in("reviewed", people)
    with pytest.raises(ValidationError) as exc:
        services.reject(record=record, actor=people["approver"], comment="  ")
    assert "comment" in exc.value.message_dict
    assert record.state == "reviewed"
    services.reject(record=record, actor=people["approver"], comment="文号有误，请核对")
    assert record.state == "draft"
    services.update_draft(record=record, actor=people["drafter"], doc_number="粤府办〔2016〕3号")
    advance(record, people, "signed_off")
    assert record.state == "signed_off"
    rejection = record_log(record, "reject")
    assert (rejection.from_state, rejection.comment) == ("reviewed", "文号有误，请核对")
    with pytest.raises(PermissionDenied):
        services.reject(record=record, actor=people["drafter"], comment="撤回")


def record_log(record, name):
    from sunshine.disclosure.records.selectors import record_history

    return record_history(record).get(transition=name)
