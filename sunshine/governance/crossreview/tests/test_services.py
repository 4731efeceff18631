"""交叉互评 services: scheme, assignments, clocks, sheets, publication and the hand-worked
results; permissions and audit on every step."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sunshine.governance.crossreview import scheme, selectors, services
from sunshine.governance.crossreview.choices import DEFAULT_SCHEME, RoundState, SheetState
from sunshine.governance.crossreview.models import ReviewAssignment
from sunshine.governance.crossreview.rules import SUBMIT
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories.crossreview import (
    WORKED_TOTALS,
    assign_pairs,
    at,
    fill,
    make_people,
    make_round,
    sheet_of,
    staff_with,
    use_scheme,
    worked_round,
)


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def monday_21_september_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def actions():
    return list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))


# --- Scheme ----------------------------------------------------------------------------------


def test_default_scheme_covers_the_five_areas_and_weighs_100():
    groups = {row[1] for row in DEFAULT_SCHEME}
    assert {str(g) for g in groups} == {
        "主动公开",
        "依申请公开",
        "政策解读与回应关切",
        "平台建设",
        "监督保障",
    }
    assert sum(D(row[5]) for row in DEFAULT_SCHEME) == D("100")


def test_first_round_gets_the_default_scheme_the_next_copies_the_previous(people):
    first = make_round(people)
    assert [i.code for i in first.indicators.all()] == [row[2] for row in DEFAULT_SCHEME]
    rows = scheme.rows_of(first)
    rows[0]["weight"], rows[1]["weight"] = "15", "7"  # still 100 in all
    rows[0]["id"], rows[1]["id"] = first.indicators.all()[0].pk, first.indicators.all()[1].pk
    scheme.replace_indicators(actor=people.supervisor, round_=first, rows=rows[:2])
    second = make_round(people, name="2027年度政务公开交叉互评", year=2027)
    assert second.copied_from_id == first.pk
    assert [(i.code, i.weight) for i in second.indicators.all()] == [
        ("proactive.catalog", D("15")),
        ("proactive.key_areas", D("7")),
    ]
    assert "crossreview.create" in actions() and "crossreview.indicators" in actions()


def test_scheme_refusals_name_the_row(people):
    round_ = make_round(people)
    rows = [
        {"group": "主动公开", "name": "目录", "code": "x", "weight": "0", "max_score": "10"},
        {"group": "", "name": "答复", "code": "x", "weight": "abc", "max_score": "10.005"},
    ]
    with pytest.raises(ValidationError) as caught:
        scheme.replace_indicators(actor=people.supervisor, round_=round_, rows=rows)
    errors = caught.value.message_dict
    assert set(errors) == {"weight_0", "group_1", "code_1", "weight_1", "max_score_1"}
    assert round_.indicators.count() == len(DEFAULT_SCHEME)  # nothing saved


def test_only_the_general_office_edits_and_never_after_the_start(people):
    round_ = make_round(people)
    with pytest.raises(PermissionDenied):
        scheme.replace_indicators(actor=people.officers["transport"], round_=round_, rows=[])
    use_scheme(people, round_)
    assign_pairs(people, round_, [("education", "transport")])
    services.start_round(actor=people.supervisor, round_=round_)
    with pytest.raises(ValidationError, match="评审开始后"):
        use_scheme(people, round_)


# --- Assignments -----------------------------------------------------------------------------


def test_an_agency_never_reviews_itself(people):
    round_ = make_round(people)
    with pytest.raises(ValidationError) as caught:
        assign_pairs(people, round_, [("transport", "transport")])
    assert "reviewer_agency" in caught.value.message_dict
    # The database refuses it too.
    transport = people.agencies["transport"]
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.create(
            round=round_,
            reviewed_agency=transport,
            reviewer_agency=transport,
            created_at=at(2026, 9, 21),
        )


def test_assignment_refusals(people, province):
    round_ = make_round(people)
    assign_pairs(people, round_, [("education", "transport")])
    with pytest.raises(ValidationError, match="已分配"):
        assign_pairs(people, round_, [("education", "transport")])
    other_round = services.create_round(
        actor=people.supervisor, agency=province["city"], year=2026, name="广州市互评"
    )
    with pytest.raises(ValidationError) as caught:
        services.assign(
            actor=people.supervisor,
            round_=other_round,
            reviewed_agency=people.agencies["transport"],  # not under 广州市
            reviewer_agency=province["county"],
        )
    assert "reviewed_agency" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # a drafter may not score for finance
        services.assign(
            actor=people.supervisor,
            round_=round_,
            reviewed_agency=people.agencies["transport"],
            reviewer_agency=people.agencies["finance"],
            reviewer=people.drafters["finance"],
        )
    assert "reviewer" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.assign(
            actor=people.officers["transport"],
            round_=round_,
            reviewed_agency=people.agencies["education"],
            reviewer_agency=people.agencies["finance"],
        )


def test_rotating_assignment_is_balanced_never_self_and_reproducible(people):
    round_ = make_round(people)
    services.set_participants(
        actor=people.supervisor, round_=round_, agencies=people.agencies.values()
    )
    made = services.auto_assign(
        actor=people.supervisor, round_=round_, per_agency=2, announced_number="123456"
    )
    pairs = sorted((a.reviewer_agency_id, a.reviewed_agency_id) for a in made)
    assert len(pairs) == 8
    ids = [a.pk for a in people.agencies.values()]
    for agency_id in ids:
        assert sum(1 for r, _d in pairs if r == agency_id) == 2  # reviews two
        assert sum(1 for _r, d in pairs if d == agency_id) == 2  # reviewed by two
    assert all(r != d for r, d in pairs)
    seed = round_.__class__.objects.get(pk=round_.pk).assignment_seed
    again = services.auto_assign(
        actor=people.supervisor, round_=round_, per_agency=2, announced_number="123456"
    )
    assert sorted((a.reviewer_agency_id, a.reviewed_agency_id) for a in again) == pairs
    assert round_.__class__.objects.get(pk=round_.pk).assignment_seed == seed
    assert round_.assignments.count() == 8  # replaced, not added
    event = AuditEvent.objects.filter(action="crossreview.auto_assign").last()
    assert event.data["seed"] == seed and len(event.data["pairs"]) == 8
    with pytest.raises(ValidationError):
        services.auto_assign(actor=people.supervisor, round_=round_, per_agency=4)


def test_participants_must_be_in_the_organisers_subtree(people, province):
    round_ = services.create_round(
        actor=people.supervisor, agency=province["city"], year=2026, name="广州市互评"
    )
    with pytest.raises(ValidationError, match="广东省交通运输厅"):
        services.set_participants(
            actor=people.supervisor, round_=round_, agencies=[people.agencies["transport"]]
        )


# --- Start: clocks ---------------------------------------------------------------------------


def test_start_needs_weights_of_100_and_assignments(people):
    round_ = make_round(people)
    with pytest.raises(ValidationError, match="还没有分配"):
        services.start_round(actor=people.supervisor, round_=round_)
    rows = [dict(r) for r in scheme.rows_of(round_)]
    rows[0]["weight"] = "11"  # 99 in all
    scheme.replace_indicators(actor=people.supervisor, round_=round_, rows=rows)
    assign_pairs(people, round_, [("education", "transport")])
    with pytest.raises(ValidationError, match="权重之和须为100，现为99"):
        services.start_round(actor=people.supervisor, round_=round_)
    round_.refresh_from_db()
    assert round_.state == RoundState.DRAFT


def test_start_runs_a_clock_per_sheet_and_tells_the_reviewers(people):
    round_ = make_round(people)
    assign_pairs(people, round_, [("education", "transport"), ("transport", "education")])
    services.start_round(actor=people.supervisor, round_=round_)
    round_.refresh_from_db()
    assert round_.state == RoundState.REVIEWING and round_.started_at == at(2026, 9, 21, 10)
    sheet = sheet_of(round_, "education", "transport", people)
    running = open_clock(sheet, SUBMIT)
    # Started Monday 21 September 2026, 10 working days from the next day: 22, 23, 24 Sep;
    # 中秋 25–27 Sep off; 28, 29, 30 Sep; 国庆 1–7 Oct off; 8, 9 Oct; Saturday 10 Oct is a
    # working day (调休); Monday 12 Oct is the tenth.
    assert running.due_date.isoformat() == "2026-10-12"
    assert running.agency == people.agencies["education"]
    note = Notification.objects.get(recipient=people.officers["education"])
    assert "广东省交通运输厅" in note.subject and note.url.endswith(f"/sheets/{sheet.pk}/")
    assert not Notification.objects.filter(recipient=people.drafters["education"]).exists()


def test_a_round_may_set_its_own_time(people):
    round_ = make_round(people, submit_days=5)
    assign_pairs(people, round_, [("education", "transport")])
    services.start_round(actor=people.supervisor, round_=round_)
    # 22, 23, 24 Sep, (25–27 off), 28, 29 Sep.
    clock_ = open_clock(sheet_of(round_, "education", "transport", people), SUBMIT)
    assert clock_.due_date.isoformat() == "2026-09-29"


# --- Sheets ----------------------------------------------------------------------------------


@pytest.fixture
def started(people):
    round_ = make_round(people)
    use_scheme(people, round_)
    assign_pairs(people, round_, [("education", "transport"), ("finance", "transport")])
    services.start_round(actor=people.supervisor, round_=round_)
    return round_


def test_draft_keeps_blanks_submit_needs_every_score_within_its_max(people, started):
    sheet = sheet_of(started, "education", "transport", people)
    officer = people.officers["education"]
    fill(sheet, officer, ["8", "", ""], submit=False)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT and sheet.total is None
    ids = [i.pk for i in started.indicators.all()]
    with pytest.raises(ValidationError) as caught:
        fill(sheet, officer, ["8", "", "101"])
    assert set(caught.value.message_dict) == {f"score_{ids[1]}", f"score_{ids[2]}"}
    with pytest.raises(ValidationError) as caught:
        fill(sheet, officer, ["8.125", "-1", "x"])
    assert set(caught.value.message_dict) == {f"score_{i}" for i in ids}
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT  # nothing of the refused submissions was kept
    assert [s.value for s in sheet.scores.all()] == [D("8"), None, None]
    fill(sheet, officer, ["8", "4", "90"])
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED and sheet.total == D("82.00")
    assert sheet.submitted_by == officer
    stopped = Clock.objects.get(object_id=sheet.pk, rule=SUBMIT)
    assert stopped.state == Clock.State.STOPPED and stopped.met_deadline is True
    with pytest.raises(ValidationError, match="已提交"):
        fill(sheet, officer, ["9", "4", "90"])
    assert actions().count("crossreview.save") == 1 and actions().count("crossreview.submit") == 1


def test_only_the_reviewing_agency_and_the_named_reviewer_score(people, started):
    sheet = sheet_of(started, "education", "transport", people)
    for outsider in (people.officers["transport"], people.drafters["education"], people.supervisor):
        with pytest.raises(PermissionDenied):
            fill(sheet, outsider, ["8", "4", "90"])
    named = services.assign(
        actor=people.supervisor,
        round_=started,
        reviewed_agency=people.agencies["education"],
        reviewer_agency=people.agencies["finance"],
        reviewer=people.officers["finance"],
    )
    colleague = staff_with("disclosure_officer", people.agencies["finance"])
    with pytest.raises(PermissionDenied):
        fill(named, colleague, ["8", "4", "90"])
    fill(named, people.officers["finance"], ["8", "4", "90"])
    # Assigned while the round runs: its clock started at once.
    assert Clock.objects.filter(object_id=named.pk, rule=SUBMIT).exists()


def test_a_reviewer_sees_only_their_own_sheets(people, started):
    edu = people.officers["education"]
    mine = list(selectors.sheets_for_reviewer(edu))
    assert [(a.reviewer_agency, a.reviewed_agency) for a in mine] == [
        (people.agencies["education"], people.agencies["transport"])
    ]
    finance_sheet = sheet_of(started, "finance", "transport", people)
    assert selectors.sheet_for_reviewer(edu, finance_sheet.pk) is None
    assert selectors.sheet_for_reviewer(people.officers["transport"], finance_sheet.pk) is None
    # A draft round's assignments are not shown to reviewers yet.
    draft = make_round(people, name="下一轮")
    assign_pairs(people, draft, [("education", "finance")])
    assert len(selectors.sheets_for_reviewer(edu)) == 1
    assert selectors.round_for_staff(edu, draft.pk) is None
    assert selectors.round_for_staff(edu, started.pk) is not None


def test_withdrawn_assignment_stops_its_clock_and_lets_the_round_publish(people, started):
    fill(
        sheet_of(started, "education", "transport", people),
        people.officers["education"],
        [8, 4, 90],
    )
    with pytest.raises(ValidationError, match="1份评分表未提交"):
        services.publish_round(actor=people.supervisor, round_=started)
    late = sheet_of(started, "finance", "transport", people)
    with pytest.raises(ValidationError) as caught:
        services.remove_assignment(actor=people.supervisor, assignment=late)
    assert "reason" in caught.value.message_dict
    services.remove_assignment(actor=people.supervisor, assignment=late, reason="评审单位回避")
    late.refresh_from_db()
    assert late.state == SheetState.WITHDRAWN
    assert Clock.objects.get(object_id=late.pk, rule=SUBMIT).state == Clock.State.STOPPED
    services.publish_round(actor=people.supervisor, round_=started)
    result = selectors.published_results(round_=started).get()
    assert result.reviewer_count == 1 and result.total == D("82.00")


# --- Publication: the hand-worked results ----------------------------------------------------


def test_published_results_are_the_hand_worked_totals_and_ranks(people):
    round_ = worked_round(people)
    assert round_.state == RoundState.PUBLISHED
    got = {r.agency_id: (r.total, r.rank) for r in selectors.published_results(round_=round_)}
    assert got == {people.agencies[k].pk: v for k, v in WORKED_TOTALS.items()}
    transport = selectors.published_results(agency=people.agencies["transport"]).get()
    assert transport.reviewer_count == 2
    lines = {
        r.indicator.code: (r.average, r.points)
        for r in selectors.indicator_results(round_=round_, agency=people.agencies["transport"])
    }
    # a: (8 + 7) / 2 = 7.5 of 10 → 37.5 of 50; b: (4 + 3.5) / 2 = 3.75 of 5 → 22.5 of 30;
    # c: (90 + 75) / 2 = 82.5 of 100 → 16.5 of 20.
    assert lines == {
        "a": (D("7.50"), D("37.50")),
        "b": (D("3.75"), D("22.50")),
        "c": (D("82.50"), D("16.50")),
    }
    finance_c = selectors.indicator_results(
        year=2026, agency=people.agencies["finance"], code="c"
    ).get()
    assert (finance_c.average, finance_c.points) == (D("58.00"), D("11.60"))  # (32.5+83.5)/2
    assert selectors.yearly_totals(2026)[people.agencies["finance"].pk] == D("75.60")
    assert selectors.yearly_totals(2025) == {}
    assert "crossreview.results" in actions() and "crossreview.publish" in actions()
    assert verify_chain().ok


def test_publication_tells_each_reviewed_agency(people):
    worked_round(people)
    note = Notification.objects.get(
        recipient=people.officers["transport"], event="crossreview.published"
    )
    assert "76.50" in note.body and "第 1 名" in note.body
    assert not Notification.objects.filter(
        recipient=people.officers["city"], event="crossreview.published"
    ).exists()  # 广州 only reviewed


def test_an_agency_sees_only_its_own_result_the_office_sees_all(people):
    round_ = worked_round(people)
    transport = people.officers["transport"]
    assert [r.agency_id for r in selectors.results_for_staff(transport, round_)] == [
        people.agencies["transport"].pk
    ]
    assert selectors.result_for_staff(transport, round_, people.agencies["education"].pk) is None
    assert selectors.results_for_staff(people.supervisor, round_).count() == 3
    assert not selectors.results_for_staff(people.officers["city"], round_).exists()
    # The reviewed agency reads the comments without learning who wrote them; the office does.
    own = selectors.result_for_staff(transport, round_, people.agencies["transport"].pk)
    view = selectors.result_view(own, named=False)
    assert [who for who, _t in view.overall] == ["评审单位一", "评审单位二"]
    assert view.lines[0].comments == [
        ("评审单位一", "目录更新及时。"),
        ("评审单位二", "目录更新及时。"),
    ]
    named = selectors.result_view(own, named=True)
    assert [who for who, _t in named.overall] == ["广东省教育厅", "广东省财政厅"]


def test_results_are_hidden_until_published(people):
    round_ = worked_round(people, publish=False)
    assert round_.state == RoundState.REVIEWING
    assert not selectors.results_for_staff(people.supervisor, round_).exists()
    assert not selectors.published_results().exists()


def test_the_office_returns_a_submitted_sheet_for_correction(people, started):
    sheet = sheet_of(started, "education", "transport", people)
    officer = people.officers["education"]
    with pytest.raises(ValidationError, match="已提交的评分表"):
        services.return_sheet(actor=people.supervisor, assignment=sheet, reason="请核对")
    fill(sheet, officer, ["8", "4", "90"])
    with pytest.raises(PermissionDenied):
        services.return_sheet(actor=officer, assignment=sheet, reason="自行退回")
    with pytest.raises(ValidationError) as caught:
        services.return_sheet(actor=people.supervisor, assignment=sheet, reason=" ")
    assert "reason" in caught.value.message_dict
    services.return_sheet(actor=people.supervisor, assignment=sheet, reason="第三项请说明依据。")
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT and sheet.total is None
    assert sheet.returned_reason == "第三项请说明依据。" and sheet.returned_at == clock.now()
    assert [s.value for s in sheet.scores.all()] == [D("8"), D("4"), D("90")]  # kept
    assert open_clock(sheet, SUBMIT).due_date.isoformat() == "2026-10-12"  # a new clock
    note = Notification.objects.get(recipient=officer, event="crossreview.returned")
    assert note.body == "第三项请说明依据。"
    fill(sheet, officer, ["8", "4", "85"])
    sheet.refresh_from_db()
    assert sheet.total == D("81.00")
    assert "crossreview.return" in actions()
