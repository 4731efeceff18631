"""Complaint clocks per kind, 补正 and the notices to the complainant. Dates worked out by hand on
the official 2026 calendar: Fri 25 Sep (中秋) and 1–7 Oct off; Sat 10 Oct a working day.

工程建设: 招标投标法实施条例 Art. 61 / 七部委令第11号 Art. 11 — 3 wd to decide on acceptance,
30 wd to decide. 政府采购: 财政部令第94号 Art. 21 (5 wd, 补正), Art. 26 (30 wd), Art. 27 (补正
time not counted)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock
from sunshine.kernel.notify.models import Notification
from sunshine.opendata.trading import services
from sunshine.opendata.trading.harvest import import_feed
from sunshine.opendata.trading.models import TradingProject
from sunshine.testing.factories.kernel import CitizenFactory

from .factories import feed_row, imported_project, json_bytes
from .test_complaints_blacklist import COMPLAINT

pytestmark = pytest.mark.django_db


def _works_project(agency, actor):
    row = feed_row(
        agency,
        project="GD-W-1",
        notice="GD-W-N-1",
        category="工程建设",
        project_title="广州市白云区某道路改造工程施工",
        notice_title="广州市白云区某道路改造工程施工招标公告",
    )
    import_feed(data=json_bytes([row]), fmt="json", platform="gdggzy", actor=actor)
    project = TradingProject.objects.get(platform="gdggzy", source_id="GD-W-1")
    assert project.category == "engineering"
    return project


def _file(project, user=None):
    return services.file_complaint(
        complainant=user or CitizenFactory(), project=project, **COMPLAINT
    )


def _inbox(user):
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("event", flat=True)
    )


def test_works_complaint_3_wd_review_and_30_wd_decision_over_national_day(gov):
    project = _works_project(gov["market"], gov["editor"])
    # Received Mon 28 Sep 2026. Review, 3 wd: Tue 29 (1), Wed 30 (2), 1–7 Oct off, Thu 8 (3)
    # → due 8 Oct (the procurement rule would give Sat 10 Oct).
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = _file(project)
    review = open_clock(complaint, "trading.works_complaint_accept")
    assert review.due_date == dt.date(2026, 10, 8) and review.length == 3
    assert open_clock(complaint, "trading.complaint_accept") is None
    # Accepted Fri 9 Oct: one day late. Decision, 30 wd counted from receipt (11号令 Art. 11: an
    # accepted complaint counts as accepted on the day received): 29, 30 Sep (1–2), 8, 9, 10 Oct
    # (3–5), 12–16 (6–10), 19–23 (11–15), 26–30 (16–20), 2–6 Nov (21–25), 9–13 Nov (26–30).
    with frozen(dt.datetime(2026, 10, 9, 9, 0)):
        complaint = services.accept_complaint(actor=gov["editor"], complaint=complaint)
    decide = open_clock(complaint, "trading.works_complaint_decide")
    assert decide.due_date == dt.date(2026, 11, 13) and decide.length == 30
    stopped = [c for c in clocks_for(complaint) if c.rule == "trading.works_complaint_accept"]
    assert [c.met_deadline for c in stopped] == [False]
    # Expert review (条例 Art. 61: not counted) Mon 12 → Mon 19 Oct: 5 wd → due Fri 20 Nov.
    with frozen(dt.datetime(2026, 10, 12, 9, 0)):
        services.pause_decision(actor=gov["editor"], complaint=complaint, reason="组织专家评审")
    with frozen(dt.datetime(2026, 10, 19, 9, 0)):
        services.resume_decision(actor=gov["editor"], complaint=complaint)
    assert open_clock(complaint, "trading.works_complaint_decide").due_date == dt.date(2026, 11, 20)
    with frozen(dt.datetime(2026, 11, 20, 16, 0)):
        complaint = services.decide_complaint(
            actor=gov["editor"], complaint=complaint, outcome="upheld",
            decision="经调查，投诉事项成立，责令招标人重新评标。",
        )  # fmt: skip
    assert complaint.decided_late is False
    assert _inbox(complaint.complainant) == [
        "trading.complaint_accepted",
        "trading.complaint_decided",
    ]
    note = Notification.objects.filter(recipient=complaint.complainant).order_by("pk").last()
    assert "投诉事项成立" in note.body and note.url.endswith(f"/ggzy/my/{complaint.pk}/")


def test_correction_pauses_the_review_and_is_not_counted_in_the_decision(gov):
    project = imported_project(gov["market"], gov["editor"])
    # Received Wed 23 Sep 2026 (procurement, 5 wd): Thu 24 (1), Fri 25 中秋, Mon 28 (2),
    # Tue 29 (3), Wed 30 (4), Thu 8 Oct (5) → due 8 Oct.
    with frozen(dt.datetime(2026, 9, 23, 10, 0)):
        complaint = _file(project)
    assert open_clock(complaint, "trading.complaint_accept").due_date == dt.date(2026, 10, 8)
    with frozen(dt.datetime(2026, 9, 24, 15, 0)):
        with pytest.raises(ValidationError) as refused:
            services.request_correction(
                actor=gov["editor"], complaint=complaint, items="", due="2026-09-20"
            )
        assert set(refused.value.message_dict) == {"items"}
        with pytest.raises(ValidationError) as refused:
            services.request_correction(
                actor=gov["editor"], complaint=complaint, items="补充质疑答复", due="2026-09-24"
            )
        assert set(refused.value.message_dict) == {"due"}
        complaint = services.request_correction(
            actor=gov["editor"], complaint=complaint,
            items="补充质疑函及质疑答复复印件", due=dt.date(2026, 10, 16),
        )  # fmt: skip
        with pytest.raises(ValidationError):  # 一次性 notice: once only
            services.request_correction(
                actor=gov["editor"], complaint=complaint, items="再补充", due="2026-10-20"
            )
        with pytest.raises(ValidationError):  # nothing to accept yet
            services.accept_complaint(actor=gov["editor"], complaint=complaint)
    with pytest.raises(PermissionDenied):
        services.submit_correction(actor=CitizenFactory(), complaint=complaint, text="x")
    # Corrected Mon 12 Oct. The pause covers 25 Sep – 12 Oct: 28, 29, 30 Sep, 8, 9, 10, 12 Oct
    # = 7 wd. Review: Thu 24 (1), Tue 13 (2), Wed 14 (3), Thu 15 (4), Fri 16 (5) → due 16 Oct.
    with frozen(dt.datetime(2026, 10, 12, 10, 0)):
        complaint = services.submit_correction(
            actor=complaint.complainant, complaint=complaint, text="质疑函及答复已补充上传。"
        )
    review = open_clock(complaint, "trading.complaint_accept")
    assert review.due_date == dt.date(2026, 10, 16) and review.paused_total == 7
    # Accepted Wed 14 Oct. Decision: 30 wd from receipt without the 7 wd of 补正 (Art. 27):
    # Thu 24 Sep (1), 13–16 Oct (2–5), 19–23 (6–10), 26–30 (11–15), 2–6 Nov (16–20),
    # 9–13 (21–25), 16–20 Nov (26–30) → due Fri 20 Nov.
    with frozen(dt.datetime(2026, 10, 14, 9, 0)):
        complaint = services.accept_complaint(actor=gov["editor"], complaint=complaint)
    decide = open_clock(complaint, "trading.complaint_decide")
    assert decide.due_date == dt.date(2026, 11, 20) and decide.length == 37
    assert [c.met_deadline for c in clocks_for(complaint) if c.rule.endswith("accept")] == [True]
    assert _inbox(complaint.complainant) == [
        "trading.complaint_correction",
        "trading.complaint_accepted",
    ]


def test_no_correction_in_time_ends_in_rejection_with_a_notice(gov):
    project = imported_project(gov["market"], gov["editor"])
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = _file(project)
        services.request_correction(
            actor=gov["editor"], complaint=complaint, items="补充投诉人签章", due="2026-10-09"
        )
    with frozen(dt.datetime(2026, 10, 12, 10, 0)):  # 补正期限 passed, nothing came
        complaint = services.reject_complaint(
            actor=gov["editor"], complaint=complaint, reason="未按照补正期限进行补正。"
        )
        with pytest.raises(ValidationError):
            services.submit_correction(
                actor=complaint.complainant, complaint=complaint, text="迟到"
            )
    assert complaint.state == "rejected" and complaint.decided_late is False  # clock was paused
    assert open_clock(complaint, "trading.complaint_accept") is None
    assert _inbox(complaint.complainant) == [
        "trading.complaint_correction",
        "trading.complaint_rejected",
    ]
    rejected = Notification.objects.filter(recipient=complaint.complainant).order_by("pk").last()
    assert "未按照补正期限进行补正" in rejected.body
