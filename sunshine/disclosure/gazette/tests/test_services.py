import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.gazette import services
from sunshine.disclosure.gazette.models import GazetteArticle
from sunshine.disclosure.gazette.selectors import (
    issue_actions,
    issue_for_public,
    public_articles,
    records_to_add,
    staff_issues,
)
from sunshine.disclosure.records import services as record_services
from sunshine.disclosure.records.tests.factories import advance, draft
from sunshine.kernel.audit.models import AuditEvent

from .factories import ISSUE_DATE, make_issue


def actions(obj):
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="gazette.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_create_issue_checks_permission_and_uniqueness(people):
    issue = make_issue(people, number=5, total_number=1234, cover_note="本期要目")
    assert (issue.year, issue.number, issue.total_number, issue.state) == (2026, 5, 1234, "draft")
    assert actions(issue) == ["gazette.create"]
    with pytest.raises(ValidationError) as exc:
        make_issue(people, number=5)
    assert "2026年第5期已存在" in str(exc.value)
    for who in ("outsider", "office_drafter", "office_approver"):
        with pytest.raises(PermissionDenied):
            services.create_issue(
                actor=people[who],
                agency=people["province"]["office"],
                year=2026,
                number=6,
                publication_date=ISSUE_DATE,
            )
    with pytest.raises(ValidationError) as exc:
        make_issue(people, number=0, year=1800)
    assert set(exc.value.message_dict) == {"year", "number"}


def test_add_only_public_records_in_order(people, records, issue):
    first = services.add_record(issue=issue, record=records[0], actor=people["editor"])
    second = services.add_record(
        issue=issue, record=records[1], actor=people["editor"], section="部门文件"
    )
    assert (first.order, second.order) == (1, 2)
    assert first.section == "省政府办公厅文件"  # by the 发文机关 (the office)
    assert first.title == records[0].title and first.doc_number == "粤府办〔2026〕1号"
    with pytest.raises(ValidationError, match="已在本期"):
        services.add_record(issue=issue, record=records[0], actor=people["editor"])
    not_public = [
        draft(people, title="尚未发布的通知"),
        advance(draft(people, title="已撤回的通知"), people, "withdrawn"),
        advance(
            draft(
                people,
                title="依申请公开的报告",
                disclosure_mode="on_request",
                withheld_ground="privacy",
                withheld_reason="含个人信息",
            ),
            people,
            "signed_off",
        ),
    ]
    for record in not_public:
        with pytest.raises(ValidationError, match="主动公开"):
            services.add_record(issue=issue, record=record, actor=people["editor"])
    with pytest.raises(PermissionDenied):
        services.add_record(issue=issue, record=records[0], actor=people["outsider"])
    # The chooser offers public records not yet in the issue, by title words or 文号.
    assert records_to_add(issue, "阳光政务") == []
    services.remove_article(article=first, actor=people["editor"])
    assert [r.pk for r in records_to_add(issue, "粤府办[2026]1号")] == [records[0].pk]
    assert [r.pk for r in records_to_add(issue, "粤府办（2026）")] == [records[0].pk]
    assert [a.order for a in issue.articles.all()] == [1]


def test_reorder_move_and_section(people, records, issue):
    a = services.add_record(issue=issue, record=records[0], actor=people["editor"])
    b = services.add_record(issue=issue, record=records[1], actor=people["editor"])
    services.reorder_articles(issue=issue, actor=people["editor"], order=[b.pk, a.pk])
    assert list(issue.articles.values_list("pk", flat=True)) == [b.pk, a.pk]
    services.move_article(article=a, actor=people["editor"], offset=-1)
    assert list(issue.articles.values_list("pk", flat=True)) == [a.pk, b.pk]
    services.update_article(article=a, actor=people["editor"], section="省政府文件")
    a.refresh_from_db()
    assert a.section == "省政府文件"
    with pytest.raises(ValidationError, match="不能修改"):
        services.update_article(article=a, actor=people["editor"], title="改标题")
    assert actions(issue).count("gazette.reorder") == 2


def test_publish_rules_and_public_reads(people, records, issue):
    with pytest.raises(ValidationError, match="还没有任何文章"):
        services.publish_issue(issue=issue, actor=people["office_approver"])
    services.add_record(issue=issue, record=records[0], actor=people["editor"])
    services.add_record(issue=issue, record=records[1], actor=people["editor"])
    assert issue_for_public(2026, 1) is None
    with pytest.raises(PermissionDenied):
        services.publish_issue(issue=issue, actor=people["office_drafter"])
    # A record withdrawn after it was added blocks publication until it is taken out.
    record_services.withdraw(record=records[1], actor=people["approver"], comment="有误")
    with pytest.raises(ValidationError, match="已不是公开的政府信息"):
        services.publish_issue(issue=issue, actor=people["office_approver"])
    blocked = {a.name: a for a in issue_actions(issue, people["office_approver"])}["publish"]
    assert not blocked.allowed
    services.remove_article(
        article=GazetteArticle.objects.get(record=records[1]), actor=people["editor"]
    )
    services.publish_issue(issue=issue, actor=people["office_approver"], comment="按期出版")
    assert issue.state == "published" and issue.published_at is not None
    public = issue_for_public("2026", "1")
    assert [a.record_id for a in public_articles(public)] == [records[0].pk]
    with pytest.raises(ValidationError, match="已发布"):
        services.add_record(issue=issue, record=records[1], actor=people["editor"])
    # A record withdrawn after publication drops out of the public contents.
    record_services.withdraw(record=records[0], actor=people["approver"], comment="撤回")
    assert public_articles(public) == []
    with pytest.raises(ValidationError):
        services.unpublish_issue(issue=issue, actor=people["editor"], comment="")
    services.unpublish_issue(issue=issue, actor=people["editor"], comment="更正目录")
    assert issue_for_public(2026, 1) is None
    assert {"gazette.publish", "gazette.unpublish"} <= set(actions(issue))


def test_publishing_queues_the_pdf(people, records, issue, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    services.add_record(issue=issue, record=records[0], actor=people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_issue(issue=issue, actor=people["office_approver"])
    queued = DBTaskResult.objects.filter(task_path__endswith="generate_pdf_task")
    assert queued.count() == 1 and queued.get().args_kwargs["args"] == [issue.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.request_pdf(issue=issue, actor=people["editor"])
    assert queued.count() == 2


def test_staff_scope_and_delete(people, issue):
    assert list(staff_issues(people["office_drafter"])) == [issue]
    assert list(staff_issues(people["outsider"])) == []
    with pytest.raises(PermissionDenied):
        services.delete_issue(issue=issue, actor=people["outsider"])
    services.update_issue(issue=issue, actor=people["editor"], number=3, cover_note="说明")
    issue.refresh_from_db()
    assert issue.number == 3
    services.delete_issue(issue=issue, actor=people["editor"])
    assert not staff_issues(people["editor"]).exists()


def test_a_section_stays_together(people, records, issue):
    from .factories import public_record

    a = services.add_record(issue=issue, record=records[0], actor=people["editor"])
    b = services.add_record(
        issue=issue, record=public_record(people, "关于甲的通知"), actor=people["editor"],
        section="部门文件",
    )  # fmt: skip
    c = services.add_record(issue=issue, record=records[1], actor=people["editor"])
    assert list(issue.articles.values_list("pk", "order")) == [(a.pk, 1), (c.pk, 2), (b.pk, 3)]
    assert c.order == 2
