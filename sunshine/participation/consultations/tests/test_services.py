import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.testing.factories import CitizenFactory, UserFactory, staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

from .. import comment_services as cs
from .. import services
from ..choices import CommentState
from ..models import ConsultationComment
from ..selectors import comments_of_author, public_comments, public_consultations

TODAY = dt.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def test_create_splits_clauses_and_audits(transport, drafter):
    c = services.create_consultation(
        agency=transport,
        actor=drafter,
        title="办法",
        draft_text="第一条 甲\n第二条 乙",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=30),
        is_major_decision=True,
    )
    assert list(c.clauses.values_list("label", flat=True)) == ["第一条", "第二条"]
    assert c.period_days == 30
    assert AuditEvent.objects.filter(action="consultation.create").count() == 1


def test_permission_by_agency(province, transport):
    other = staff_with("drafter", province["city"])
    with pytest.raises(PermissionDenied):
        services.create_consultation(
            agency=transport,
            actor=other,
            title="办法",
            draft_text="第一条 甲",
            start_date=TODAY,
            end_date=TODAY + dt.timedelta(days=40),
        )
    c = make_consultation(transport, state="draft")
    with pytest.raises(PermissionDenied):
        services.open_consultation(consultation=c, actor=other)
    drafter = staff_with("drafter", transport)
    with pytest.raises(PermissionDenied):  # drafters do not publish
        services.open_consultation(consultation=c, actor=drafter)


def test_major_decision_needs_30_days(transport, drafter, approver):
    kwargs = dict(
        agency=transport,
        title="办法",
        draft_text="第一条 甲",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=20),  # 20 days after the publication day
        is_major_decision=True,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_consultation(actor=drafter, **kwargs)
    assert "不少于30日" in str(exc.value) and "当前20日" in str(exc.value)
    with pytest.raises(ValidationError) as exc:  # a drafter cannot give the reason
        services.create_consultation(actor=drafter, short_period_reason="时间紧", **kwargs)
    assert "签发人" in str(exc.value)
    c = services.create_consultation(
        actor=approver, short_period_reason="国务院要求年底前出台", **kwargs
    )
    assert c.short_period_days == 20 and c.short_period_by == approver
    event = AuditEvent.objects.get(action="consultation.short_period")
    assert event.data["reason"] == "国务院要求年底前出台"
    # The approval holds for 20 days only: a changed short period needs a new reason.
    with pytest.raises(ValidationError):
        services.update_consultation(
            consultation=c, actor=drafter, end_date=TODAY + dt.timedelta(days=14)
        )
    services.update_consultation(consultation=c, actor=drafter, title="新标题")
    services.open_consultation(consultation=c, actor=approver)
    assert c.state == "open"
    # Not a major decision: any period.
    short = services.create_consultation(actor=drafter, **{**kwargs, "is_major_decision": False})
    assert short.short_period_days is None


def test_approve_short_period_later(transport, drafter, approver):
    c = services.create_consultation(
        agency=transport,
        actor=drafter,
        title="办法",
        draft_text="第一条 甲",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=9),
    )
    services.update_consultation(consultation=c, actor=drafter, is_major_decision=False)
    with pytest.raises(ValidationError):
        services.update_consultation(consultation=c, actor=drafter, is_major_decision=True)
    with pytest.raises(PermissionDenied):
        services.approve_short_period(consultation=c, actor=drafter, reason="急")


def test_open_schedule_and_periodic_sync(transport, approver):
    later = make_consultation(transport, state="scheduled", start=TODAY + dt.timedelta(days=3))
    assert later.state == "scheduled"
    now_open = make_consultation(transport, state="open")
    assert now_open.state == "open" and now_open.opened_at
    assert services.sync_consultation_states() == {"opened": 0, "closed": 0}
    with clock.frozen(TODAY + dt.timedelta(days=3)):
        assert services.sync_consultation_states() == {"opened": 1, "closed": 0}
    later.refresh_from_db()
    assert later.state == "open"
    with clock.frozen(TODAY + dt.timedelta(days=30)):  # the last day of the 30 is still open
        assert services.sync_consultation_states() == {"opened": 0, "closed": 0}
    with clock.frozen(TODAY + dt.timedelta(days=31)):
        assert services.sync_consultation_states() == {"opened": 0, "closed": 1}
        assert services.sync_consultation_states() == {"opened": 0, "closed": 0}  # idempotent
    now_open.refresh_from_db()
    assert now_open.state == "closed" and now_open.closed_at
    clock_ = services.feedback_clock(now_open)
    assert clock_.rule == "consultation.feedback" and clock_.length == 20 and clock_.is_open


def test_open_with_start_in_past_moves_start_and_rechecks(transport, approver):
    c = make_consultation(transport, state="draft", start=TODAY - dt.timedelta(days=5))
    with pytest.raises(ValidationError) as exc:  # 30 days would become 25
        services.open_consultation(consultation=c, actor=approver)
    assert "不少于30日" in str(exc.value)
    c.refresh_from_db()
    assert c.state == "draft" and c.start_date == TODAY - dt.timedelta(days=5)


def test_comment_post_moderation_visible_and_anonymous(transport):
    c = make_consultation(transport, mode="post")
    citizen = CitizenFactory(display_name="张三丰")
    clause = c.clauses.get(position=4)
    x = comment(c, author=citizen, clause=clause, is_anonymous=True)
    assert x.state == CommentState.VISIBLE and x.public_name == "匿名"
    y = comment(c, author=CitizenFactory(display_name="李四"), body="建议增加网约车条款。")
    assert y.public_name == "李*"
    assert list(public_comments(c)) == [x, y]
    assert list(public_comments(c, clause=clause)) == [x]
    assert public_consultations(status="open").get().visible_comments == 2


def test_comment_refusals(transport):
    c = make_consultation(transport)
    citizen = CitizenFactory()
    for body, words in [
        ("", "请填写"),
        ("字" * 2001, "最多2000个字"),
        ("<script>alert(1)</script>建议", "HTML"),
        ("这个办法简直是傻逼", "傻逼"),
    ]:
        with pytest.raises(ValidationError) as exc:
            comment(c, author=citizen, body=body)
        assert words in str(exc.value)
    with pytest.raises(PermissionDenied):
        comment(c, author=staff_with("drafter", transport))
    with pytest.raises(ValidationError):  # a clause of another consultation
        other = make_consultation(transport)
        comment(c, author=citizen, clause=other.clauses.first())
    assert ConsultationComment.objects.count() == 0


def test_comment_only_while_open(transport):
    c = make_consultation(transport, state="scheduled", start=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        comment(c)
    assert "不在征求期内" in str(exc.value)


def test_pre_moderation_and_hidden_reason_for_author_only(transport, approver):
    c = make_consultation(transport, mode="pre")
    author = CitizenFactory()
    x = comment(c, author=author)
    assert x.state == CommentState.PENDING
    assert list(public_comments(c)) == []
    assert list(comments_of_author(c, author)) == [x]
    assert list(comments_of_author(c, CitizenFactory())) == []
    with pytest.raises(PermissionDenied):
        cs.approve_comment(comment=x, actor=author)
    with pytest.raises(ValidationError):
        cs.hide_comment(comment=x, actor=approver, reason="")
    cs.hide_comment(comment=x, actor=approver, reason="与本次征求意见内容无关")
    mine = comments_of_author(c, author).get()
    assert mine.state == "hidden" and mine.hide_reason == "与本次征求意见内容无关"
    assert list(public_comments(c)) == []
    cs.approve_comment(comment=x, actor=approver)
    x.refresh_from_db()
    assert x.state == "visible" and x.hide_reason == ""
    assert list(public_comments(c)) == [x]


def _closed(transport, approver, n=3):
    c = make_consultation(transport)
    comments = [comment(c, body=f"第{i}条意见：建议完善许可条件。") for i in range(n)]
    with clock.frozen(TODAY + dt.timedelta(days=31)):
        services.close_consultation(consultation=c, actor=approver)
    return c, comments


def test_close_refused_before_end(transport, approver):
    c = make_consultation(transport)
    with pytest.raises(ValidationError):
        services.close_consultation(consultation=c, actor=approver)


def test_adoption_grouping_and_feedback_clock(transport, approver, drafter):
    c, (a, b, d) = _closed(transport, approver)
    with pytest.raises(ValidationError):  # reason required unless adopted
        cs.mark_adoption(comment=a, actor=drafter, adoption="not_adopted")
    cs.mark_adoption(comment=a, actor=drafter, adoption="adopted")
    assert (
        cs.group_comments(consultation=c, actor=drafter, comment_ids=[b.pk, d.pk], label="许可条件")
        == 2
    )
    assert (
        cs.mark_group_adoption(
            consultation=c,
            actor=drafter,
            group_label="许可条件",
            adoption="partly_adopted",
            reason="已在第三条中补充。",
        )
        == 2
    )
    d.refresh_from_db()
    assert d.adoption == "partly_adopted" and d.adoption_reason == "已在第三条中补充。"
    clock_ = services.feedback_clock(c)
    assert clock_.state == Clock.State.RUNNING
    with pytest.raises(ValidationError):
        services.publish_feedback_report(consultation=c, actor=approver, report="")
    with clock.frozen(TODAY + dt.timedelta(days=35)):
        services.publish_feedback_report(
            consultation=c, actor=approver, report="共收到意见3条，采纳1条，部分采纳2条。"
        )
    c.refresh_from_db()
    assert c.state == "feedback_published" and c.feedback_published_at
    clock_.refresh_from_db()
    assert clock_.state == Clock.State.STOPPED and clock_.met_deadline is True
    with pytest.raises(ValidationError):  # no more changes after publication
        cs.mark_adoption(comment=a, actor=drafter, adoption="not_adopted", reason="x")
    from sunshine.kernel.notify.models import Notification

    assert Notification.objects.filter(event="consultation.feedback_published").count() == 3


def test_feedback_refused_with_unmarked_or_pending(transport, approver, drafter):
    c, (a, b, d) = _closed(transport, approver)
    cs.mark_adoption(comment=a, actor=drafter, adoption="adopted")
    with pytest.raises(ValidationError) as exc:
        services.publish_feedback_report(consultation=c, actor=approver, report="说明")
    assert "2条公开的意见未标注" in str(exc.value)
    cs.hide_comment(comment=b, actor=drafter, reason="重复提交")
    cs.mark_adoption(comment=d, actor=drafter, adoption="not_adopted", reason="与上位法不符")
    with pytest.raises(PermissionDenied):
        services.publish_feedback_report(consultation=c, actor=drafter, report="说明")
    services.publish_feedback_report(consultation=c, actor=approver, report="说明")


def test_adoption_only_after_close(transport, drafter):
    c = make_consultation(transport)
    x = comment(c)
    with pytest.raises(ValidationError):
        cs.mark_adoption(comment=x, actor=drafter, adoption="adopted")
    with pytest.raises(PermissionDenied):
        cs.mark_adoption(comment=x, actor=UserFactory(), adoption="adopted")


def test_periodic_job_and_rule_registered():
    from sunshine.kernel.deadlines.rules import get_rule
    from sunshine.kernel.jobs.schedule import periodic_jobs

    job = next(j for j in periodic_jobs() if j.name == "consultations.sync_states")
    assert job.task_path.endswith("tasks.sync_states")
    from django.utils.module_loading import import_string

    assert import_string(job.task_path) is not None
    rule = get_rule("consultation.feedback")
    assert (rule.unit, rule.length) == ("wd", 20)


def test_search_index_follows_publication(transport, approver):
    from sunshine.kernel.search.query import search

    draft = make_consultation(transport, state="draft", title="网约车内部草稿办法")
    assert search("网约车", doc_types=["consultation"]).total == 0
    c = make_consultation(
        transport, state="scheduled", start=TODAY + dt.timedelta(days=2), title="网约车管理办法"
    )
    hits = search("网约车", doc_types=["consultation"]).hits
    assert [h.url for h in hits] == [f"/zjyj/{c.pk}/"]
    services.unschedule_consultation(consultation=c, actor=approver, reason="重新修改")
    assert search("网约车", doc_types=["consultation"]).total == 0
    assert draft.state == "draft"


def test_major_period_counts_from_the_day_after_publication(transport, drafter):
    # rules.md §5 (期间开始的日不计算在内): published 2026-11-01, the 30 days are 11-02 … 12-01,
    # so the earliest close is the end of 2026-12-01; closing at the end of 11-30 is 29 days.
    with clock.frozen(dt.date(2026, 10, 30)):
        with pytest.raises(ValidationError) as refused:
            services.create_consultation(
                agency=transport,
                actor=drafter,
                title="办法",
                draft_text="第一条 甲",
                start_date=dt.date(2026, 11, 1),
                end_date=dt.date(2026, 11, 30),
                is_major_decision=True,
            )
        assert "end_date" in refused.value.message_dict
        assert "29" in refused.value.message_dict["end_date"][0]
        c = services.create_consultation(
            agency=transport,
            actor=drafter,
            title="办法",
            draft_text="第一条 甲",
            start_date=dt.date(2026, 11, 1),
            end_date=dt.date(2026, 12, 1),
            is_major_decision=True,
        )
    assert c.period_days == 30
