"""Permissions, the change of responsible agency, overdue notices to the general office,
captured items with their sentiment."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.sweep import sweep_open_clocks
from sunshine.kernel.notify.models import Notification
from sunshine.participation.opinion import selectors, services
from sunshine.participation.opinion.alerts import notify_general_office
from sunshine.participation.opinion.models import OpinionItem, OverdueNotice
from sunshine.participation.opinion.tasks import notify_overdue
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opinion import T0, event, respond

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


# --- Permissions -------------------------------------------------------------------------


def test_other_agency_may_neither_see_nor_respond(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        with pytest.raises(PermissionDenied):
            respond(opinion_people, e, actor=opinion_people["other_reviewer"])
        with pytest.raises(PermissionDenied):
            respond(opinion_people, e, actor=opinion_people["drafter"])  # drafters do not publish
        with pytest.raises(PermissionDenied):
            services.change_responsible_agency(
                event=e,
                actor=opinion_people["approver"],
                agency=opinion_people["other_agency"],
                reason="x",
            )
    assert selectors.event_for_staff(opinion_people["other_reviewer"], e.pk) is None
    assert list(selectors.staff_events(opinion_people["other_reviewer"])) == []
    assert selectors.event_for_staff(opinion_people["supervisor"], e.pk) == e  # general office: all


def test_creating_for_another_agency_is_refused(opinion_people):
    with clock.frozen(T0 + H), pytest.raises(PermissionDenied):
        event(opinion_people, involved_agency=opinion_people["other_agency"])


def test_invalid_fields_are_refused_by_field(opinion_people):
    with clock.frozen(T0 + H), pytest.raises(ValidationError) as exc:
        event(
            opinion_people,
            title="<script>alert(1)</script>",
            source="tv",
            source_url="javascript:alert(1)",
            first_seen_at=T0 + 5 * H,
        )
    errors = exc.value.message_dict
    assert set(errors) == {"title", "source", "source_url", "first_seen_at"}
    assert "网页代码" in errors["title"][0]


def test_response_before_first_seen_is_refused(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        with pytest.raises(ValidationError) as exc:
            respond(opinion_people, e, responded_at=T0 - H)
    assert "早于" in exc.value.message_dict["responded_at"][0]


# --- Responsible agency ------------------------------------------------------------------


def test_change_of_responsible_agency_is_audited_and_moves_the_clocks(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        assert e.responsible_agency == e.involved_agency == opinion_people["agency"]
        with pytest.raises(ValidationError):
            services.change_responsible_agency(
                event=e,
                actor=opinion_people["supervisor"],
                agency=opinion_people["other_agency"],
                reason=" ",
            )
        services.change_responsible_agency(
            event=e,
            actor=opinion_people["supervisor"],
            agency=opinion_people["other_agency"],
            reason="塌陷路段属市政道路，由广州市负责",
        )
    e.refresh_from_db()
    assert e.responsible_agency == opinion_people["other_agency"]
    assert e.involved_agency == opinion_people["agency"]
    audit = AuditEvent.objects.get(action="opinion.reassign")
    assert audit.data["reason"] == "塌陷路段属市政道路，由广州市负责"
    assert (audit.data["from"], audit.data["to"]) == (
        opinion_people["agency"].pk,
        e.responsible_agency_id,
    )
    assert audit.actor == opinion_people["supervisor"]
    open_clocks = [c for c in clocks_for(e) if c.state != "stopped"]
    assert {c.agency for c in open_clocks} == {opinion_people["other_agency"]}
    assert {c.due_at for c in open_clocks} == {T0 + 5 * H, T0 + 24 * H}
    # The new agency answers now; the involved agency still sees the event.
    with clock.frozen(T0 + 2 * H):
        respond(opinion_people, e, actor=opinion_people["other_reviewer"])
        with pytest.raises(PermissionDenied):
            respond(opinion_people, e)
    assert selectors.event_for_staff(opinion_people["reviewer"], e.pk) == e
    assert e.responsibility_changes.get().to_agency == opinion_people["other_agency"]


# --- Overdue: the general office is told once ---------------------------------------------


def test_overdue_clock_notifies_supervisors_once(
    opinion_people, django_capture_on_commit_callbacks
):
    second_supervisor = staff_with("supervisor", opinion_people["supervisor"].agency)
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        respond(opinion_people, e)  # the 5 h clock is met
    with clock.frozen(T0 + 10 * H):
        assert notify_general_office() == {"sent": 0, "errors": 0}
    with clock.frozen(T0 + 25 * H):  # no press conference within 24 h
        sweep_open_clocks()  # the kernel tells the agency's staff
        assert notify_general_office() == {"sent": 1, "errors": 0}
        assert notify_general_office() == {"sent": 0, "errors": 0}
        notify_overdue.call()  # the periodic task: still nothing new
    notices = Notification.objects.filter(event="opinion.overdue")
    assert {n.recipient for n in notices} == {opinion_people["supervisor"], second_supervisor}
    assert "新闻发布会" in notices[0].subject and e.title in notices[0].subject
    assert notices[0].url == f"/workbench/opinion/{e.pk}/"
    notice = OverdueNotice.objects.get()
    assert notice.clock.rule == "opinion.press_conference" and notice.recipients == 2
    # The agency's own staff got the kernel's alert, not the general office's notice.
    agency_alerts = Notification.objects.filter(event="clock.overdue")
    assert opinion_people["reviewer"] in {n.recipient for n in agency_alerts}
    assert not Notification.objects.filter(
        event="opinion.overdue", recipient=opinion_people["reviewer"]
    )


def test_stopped_clocks_are_not_reported(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people, level="hot_issue")
        respond(opinion_people, e, kind="response")
    with clock.frozen(T0 + 100 * H):
        assert notify_general_office()["sent"] == 0


# --- Captured items and their sentiment ---------------------------------------------------


def test_captured_items_get_their_sentiment(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        result = services.capture_items(
            event=e,
            actor=opinion_people["drafter"],
            items=[
                {
                    "text": "路面塌了好几天也没人管，太让人失望了，投诉也没用",
                    "source": "weibo",
                    "captured_at": T0,
                },
                {
                    "text": "抢修队伍来得很快，处理及时，点赞，辛苦了",
                    "source": "微信",
                    "url": "https://mp.example.com/2",
                    "captured_at": T0,
                },
            ],
        )
    assert result == {"created": 2, "skipped": 0}
    bad, good = OpinionItem.objects.order_by("pk")
    assert bad.sentiment_label == "negative" and bad.sentiment_score < 0.4
    assert good.sentiment_label == "positive" and good.sentiment_score > 0.6
    assert good.source == "wechat"
    e.refresh_from_db()
    assert (e.item_count, e.negative_count, e.positive_count) == (2, 1, 1)
    summary = {row["label"]: row for row in selectors.sentiment_summary(e)}
    assert summary["negative"]["share"] == 0.5


def test_import_command_computes_sentiment_and_is_idempotent(opinion_people, tmp_path):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    path = tmp_path / "items.csv"
    path.write_text(
        "text,source,url,captured_at,author\n"
        "道路塌陷这么久还没修好，太差了，没人管,微博,https://weibo.example.com/9,"
        "2026-07-01 09:10,网友甲\n"
        "<b>抢修很及时</b>，工作人员辛苦了，点赞,wechat,,2026-07-01T09:30:00+08:00,\n",
        encoding="utf-8-sig",
    )
    with clock.frozen(T0 + 2 * H):
        call_command("import_opinion_items", str(path), event=e.pk)
        call_command("import_opinion_items", str(path), event=e.pk)
    assert OpinionItem.objects.count() == 2
    first, second = OpinionItem.objects.order_by("captured_at")
    assert first.author_label == "网友甲" and first.source == "weibo"
    assert first.sentiment_label == "negative"
    assert second.text == "抢修很及时，工作人员辛苦了，点赞"  # stored as plain text
    assert second.sentiment_label == "positive"
    assert AuditEvent.objects.filter(action="opinion.capture").count() == 2


def test_import_refuses_bad_rows_with_line_numbers(opinion_people, tmp_path):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    path = tmp_path / "bad.csv"
    path.write_text(
        "text,source,url,captured_at\n好,weibo,,2026-07-01 09:00\n,weibo,,not a date\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_opinion_items", str(path), event=e.pk)
    assert "第 3 条" in str(exc.value)
    assert OpinionItem.objects.count() == 0
    missing = tmp_path / "cols.csv"
    missing.write_text("text\nx\n", encoding="utf-8")
    with pytest.raises(CommandError, match="缺少列"):
        call_command("import_opinion_items", str(missing), event=e.pk)
