"""The search index follows the records: publish, scheduled publication, revision, repeal and
withdrawal; attachments' text; bulk indexing and `search_reindex`; agency words."""

import datetime as dt

import pytest
from django.core.management import call_command

from sunshine.disclosure.records import indexing, services
from sunshine.disclosure.records.tasks import publish_scheduled_records
from sunshine.kernel import clock
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.testing import make_docx, upload
from sunshine.kernel.search import segment
from sunshine.kernel.search.models import SearchDocument
from sunshine.kernel.search.services import index_document
from sunshine.testing.factories.records import draft, record_in

pytestmark = pytest.mark.django_db


def found(q: str = "", **filters) -> list[str]:
    return [hit.object_id for hit in indexing.search_public(q, **filters).hits]


def indexed_ids() -> set[str]:
    return set(SearchDocument.objects.filter(doc_type="record").values_list("object_id", flat=True))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): ...` runs what the block registered with on_commit, as a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publish_indexes_the_record_after_commit(people, django_capture_on_commit_callbacks):
    record = record_in("signed_off", people, doc_number="粤府办〔2016〕1号")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publish(record=record, actor=people["approver"])
    assert indexed_ids() == set()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert found("阳光政务") == [str(record.pk)]
    hit = indexing.search_public("粤府办[2016]1号").hits[0]
    assert hit.exact and hit.url == f"/zcwj/{record.pk}/"
    assert (hit.doc_number, hit.index_number) == ("粤府办〔2016〕1号", record.index_number)
    assert hit.agency_name == "广东省人民政府办公厅" and hit.doc_type_label == "政府信息"
    assert "<mark>阳光政务</mark>" in indexing.search_public("阳光政务").hits[0].title


def test_revise_repeal_and_withdraw_follow(people, commit):
    with commit():
        record = record_in("published", people)
    with commit():
        services.revise(
            record=record,
            actor=people["approver"],
            change_note="更正标题",
            title="广东省人民政府办公厅关于深化营商环境改革的通知",
            body="优化营商环境。",
        )
    assert found("阳光政务") == [] and found("营商环境") == [str(record.pk)]
    assert found("营商环境", validity="valid") == [str(record.pk)]
    with commit():
        services.repeal(record=record, actor=people["approver"], comment="已被新文件取代")
    assert found("营商环境", validity="valid") == []
    assert found("营商环境", validity="repealed") == [str(record.pk)]
    with commit():
        services.withdraw(record=record, actor=people["approver"], comment="撤回")
    assert found("营商环境") == [] and indexed_ids() == set()


def test_scheduled_publication_is_indexed_by_the_sweep(people, commit):
    with clock.frozen(dt.datetime(2026, 10, 12, 9, 0)):
        record = record_in("signed_off", people)
        services.schedule(
            record=record,
            actor=people["approver"],
            at=dt.datetime(2026, 10, 12, 9, 30),
        )
    assert found("阳光政务") == []
    with clock.frozen(dt.datetime(2026, 10, 12, 9, 31)), commit():
        assert publish_scheduled_records.call()["published"] == 1
    assert found("阳光政务") == [str(record.pk)]


def test_non_public_records_are_never_indexed(people, commit):
    with commit():
        waiting = record_in("filed", people, title="依申请公开的阳光政务材料", disclosure_mode="on_request", withheld_reason="含个人信息", withheld_ground="privacy")  # fmt: skip
        record_in("reviewed", people, title="尚在审核的阳光政务草稿")
        services.expire(record=waiting, actor=people["approver"])
    assert indexed_ids() == set() and found("阳光政务") == []


def test_attachment_text_is_searchable(people, commit):
    with commit():
        record = record_in("published", people)
    data = make_docx(["附件：珠江口航道疏浚工程实施方案"])
    with commit():
        store_attachment(owner=record, uploaded_file=upload("方案.docx", data),
                         actor=people["approver"], extract="now")  # fmt: skip
        indexing.record_changed(record)  # what the records page does after an upload
    assert found("航道疏浚") == [str(record.pk)]


def test_pending_attachment_text_queues_a_later_indexing(people, commit):
    from django_tasks_db.models import DBTaskResult

    with commit():
        record = record_in("published", people)
        store_attachment(owner=record, uploaded_file=upload("方案.docx", make_docx(["航道"])),
                         actor=people["approver"], extract="no")  # fmt: skip
        indexing.record_changed(record)
    assert found("阳光政务") == [str(record.pk)]
    names = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "sunshine.disclosure.records.indexing.index_record_task" in names


def test_sync_is_idempotent_and_removes_what_is_no_longer_public(people, commit):
    with commit():
        record = record_in("published", people)
    assert indexing.sync_record(record.pk) == "unchanged"
    services.withdraw(record=record, actor=people["approver"], comment="撤回")
    assert indexing.sync_record(record.pk) == "removed"
    assert indexing.sync_record(record.pk) == "absent"


def test_bulk_indexing_and_search_reindex(people):
    public = record_in("published", people)
    hidden = record_in("submitted", people, title="待审核的文件")
    # A stale document of a record that is not public (say, from before a crash).
    index_document(doc_type="record", object_id=hidden.pk, title="旧文档", body="", url="/x/",
                   is_public=True)  # fmt: skip
    SearchDocument.objects.filter(object_id=str(public.pk)).delete()
    result = indexing.index_records([public.pk, hidden.pk])
    assert result.written == 1 and indexed_ids() == {str(public.pk)}
    assert indexing.index_records().written == 0  # idempotent
    index_document(doc_type="record", object_id=hidden.pk, title="旧文档", body="", url="/x/",
                   is_public=True)  # fmt: skip
    call_command("search_reindex", "--type", "record", stdout=open("/dev/null", "w"))
    assert indexed_ids() == {str(public.pk)}
    assert indexing.index_records_task.call([public.pk]) == {"written": 0, "unchanged": 1}


def test_agency_names_and_doc_prefixes_stay_whole(province):
    indexing.ensure_segment_terms(force=True)
    words = segment.words("广东省交通运输厅印发测试办法")
    assert "广东省交通运输厅" in words
    prefix = province["transport"].doc_prefix
    assert prefix in segment.words(f"{prefix}文件")


def test_search_public_filters(people, province, commit):
    with commit():
        mine = record_in("published", people, topic="industry", kind="opinion")
        draft(people, agency=province["transport"], actor=people["other_drafter"])
    assert found(agency=people["agency"].pk) == [str(mine.pk)]
    assert found(within=province["root"].pk) == [str(mine.pk)]
    assert found(within=province["city"].pk) == [] and found(within=999999) == []
    assert found(topic="industry", kind="opinion", year=2026) == [str(mine.pk)]
    assert found(topic="general") == [] and found(year=2015) == []
    facets = indexing.search_public("阳光政务").facets
    assert [(v.label, v.count) for v in facets["topic"]] == [("工业、交通", 1)]
    assert [(v.label, v.count) for v in facets["kind"]] == [("意见", 1)]
