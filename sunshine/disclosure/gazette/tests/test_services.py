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
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories.gazette import ISSUE_DATE, make_issue
from sunshine.testing.factories.records import draft, record_in

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT


def actions(obj):
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="gazette.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_create_issue_checks_permission_and_uniqueness(gazette_people):
    gazette_issue = make_issue(gazette_people, number=5, total_number=1234, cover_note="本期要目")
    assert (
        gazette_issue.year,
        gazette_issue.number,
        gazette_issue.total_number,
        gazette_issue.state,
    ) == (2026, 5, 1234, "draft")
    assert actions(gazette_issue) == ["gazette.create"]
    with pytest.raises(ValidationError) as exc:
        make_issue(gazette_people, number=5)
    assert "2026年第5期已存在" in str(exc.value)
    for who in ("outsider", "office_drafter", "office_approver"):
        with pytest.raises(PermissionDenied):
            services.create_issue(
                actor=gazette_people[who],
                agency=gazette_people["province"]["office"],
                year=2026,
                number=6,
                publication_date=ISSUE_DATE,
            )
    with pytest.raises(ValidationError) as exc:
        make_issue(gazette_people, number=0, year=1800)
    assert set(exc.value.message_dict) == {"year", "number"}


def test_add_only_public_records_in_order(gazette_people, gazette_records, gazette_issue):
    first = services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    second = services.add_record(
        issue=gazette_issue,
        record=gazette_records[1],
        actor=gazette_people["editor"],
        section="部门文件",
    )
    assert (first.order, second.order) == (1, 2)
    assert first.section == "省政府办公厅文件"  # by the 发文机关 (the office)
    assert first.title == gazette_records[0].title and first.doc_number == "粤府办〔2026〕1号"
    with pytest.raises(ValidationError, match="已在本期"):
        services.add_record(
            issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
        )
    not_public = [
        draft(gazette_people, title="尚未发布的通知"),
        record_in("withdrawn", gazette_people, title="已撤回的通知"),
        record_in(
            "signed_off",
            gazette_people,
            title="依申请公开的报告",
            disclosure_mode="on_request",
            withheld_ground="privacy",
            withheld_reason="含个人信息",
        ),
    ]
    for record in not_public:
        with pytest.raises(ValidationError, match="主动公开"):
            services.add_record(issue=gazette_issue, record=record, actor=gazette_people["editor"])
    with pytest.raises(PermissionDenied):
        services.add_record(
            issue=gazette_issue, record=gazette_records[0], actor=gazette_people["outsider"]
        )
    # The chooser offers public records not yet in the issue, by title words or 文号.
    assert records_to_add(gazette_issue, "阳光政务") == []
    services.remove_article(article=first, actor=gazette_people["editor"])
    assert [r.pk for r in records_to_add(gazette_issue, "粤府办[2026]1号")] == [
        gazette_records[0].pk
    ]
    assert [r.pk for r in records_to_add(gazette_issue, "粤府办（2026）")] == [
        gazette_records[0].pk
    ]
    assert [a.order for a in gazette_issue.articles.all()] == [1]


def test_reorder_move_and_section(gazette_people, gazette_records, gazette_issue):
    a = services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    b = services.add_record(
        issue=gazette_issue, record=gazette_records[1], actor=gazette_people["editor"]
    )
    services.reorder_articles(
        issue=gazette_issue, actor=gazette_people["editor"], order=[b.pk, a.pk]
    )
    assert list(gazette_issue.articles.values_list("pk", flat=True)) == [b.pk, a.pk]
    services.move_article(article=a, actor=gazette_people["editor"], offset=-1)
    assert list(gazette_issue.articles.values_list("pk", flat=True)) == [a.pk, b.pk]
    services.update_article(article=a, actor=gazette_people["editor"], section="省政府文件")
    a.refresh_from_db()
    assert a.section == "省政府文件"
    with pytest.raises(ValidationError, match="不能修改"):
        services.update_article(article=a, actor=gazette_people["editor"], title="改标题")
    assert actions(gazette_issue).count("gazette.reorder") == 2


def test_publish_rules_and_public_reads(gazette_people, gazette_records, gazette_issue):
    with pytest.raises(ValidationError, match="还没有任何文章"):
        services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    services.add_record(
        issue=gazette_issue, record=gazette_records[1], actor=gazette_people["editor"]
    )
    assert issue_for_public(2026, 1) is None
    with pytest.raises(PermissionDenied):
        services.publish_issue(issue=gazette_issue, actor=gazette_people["office_drafter"])
    # A record withdrawn after it was added blocks publication until it is taken out.
    record_services.withdraw(
        record=gazette_records[1], actor=gazette_people["approver"], comment="有误"
    )
    with pytest.raises(ValidationError, match="已不是公开的政府信息"):
        services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    blocked = {a.name: a for a in issue_actions(gazette_issue, gazette_people["office_approver"])}[
        "publish"
    ]
    assert not blocked.allowed
    services.remove_article(
        article=GazetteArticle.objects.get(record=gazette_records[1]),
        actor=gazette_people["editor"],
    )
    services.publish_issue(
        issue=gazette_issue, actor=gazette_people["office_approver"], comment="按期出版"
    )
    assert gazette_issue.state == "published" and gazette_issue.published_at is not None
    public = issue_for_public("2026", "1")
    assert [a.record_id for a in public_articles(public)] == [gazette_records[0].pk]
    with pytest.raises(ValidationError, match="已发布"):
        services.add_record(
            issue=gazette_issue, record=gazette_records[1], actor=gazette_people["editor"]
        )
    # A record withdrawn after publication drops out of the public contents.
    record_services.withdraw(
        record=gazette_records[0], actor=gazette_people["approver"], comment="撤回"
    )
    assert public_articles(public) == []
    with pytest.raises(ValidationError):
        services.unpublish_issue(issue=gazette_issue, actor=gazette_people["editor"], comment="")
    services.unpublish_issue(
        issue=gazette_issue, actor=gazette_people["editor"], comment="更正目录"
    )
    assert issue_for_public(2026, 1) is None
    assert {"gazette.publish", "gazette.unpublish"} <= set(actions(gazette_issue))


def test_publishing_queues_the_pdf(
    gazette_people, gazette_records, gazette_issue, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    queued = DBTaskResult.objects.filter(task_path__endswith="generate_pdf_task")
    assert queued.count() == 1 and queued.get().args_kwargs["args"] == [gazette_issue.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.request_pdf(issue=gazette_issue, actor=gazette_people["editor"])
    assert queued.count() == 2


def test_staff_scope_and_delete(gazette_people, gazette_issue):
    assert list(staff_issues(gazette_people["office_drafter"])) == [gazette_issue]
    assert list(staff_issues(gazette_people["outsider"])) == []
    with pytest.raises(PermissionDenied):
        services.delete_issue(issue=gazette_issue, actor=gazette_people["outsider"])
    services.update_issue(
        issue=gazette_issue, actor=gazette_people["editor"], number=3, cover_note="说明"
    )
    gazette_issue.refresh_from_db()
    assert gazette_issue.number == 3
    services.delete_issue(issue=gazette_issue, actor=gazette_people["editor"])
    assert not staff_issues(gazette_people["editor"]).exists()


def test_a_section_stays_together(gazette_people, gazette_records, gazette_issue):
    from sunshine.testing.factories.gazette import public_record

    a = services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    b = services.add_record(
        issue=gazette_issue, record=public_record(gazette_people, "关于甲的通知"), actor=gazette_people["editor"],
        section="部门文件",
    )  # fmt: skip
    c = services.add_record(
        issue=gazette_issue, record=gazette_records[1], actor=gazette_people["editor"]
    )
    assert list(gazette_issue.articles.values_list("pk", "order")) == [
        (a.pk, 1),
        (c.pk, 2),
        (b.pk, 3),
    ]
    assert c.order == 2
