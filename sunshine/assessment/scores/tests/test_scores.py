"""政务公开考核: a scheme worked out by hand gives the expected scores; a share under 4 % and
other bad schemes are refused naming the field; a run is reproducible (version, snapshot)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sunshine.assessment.scores import scoring, selectors, services
from sunshine.assessment.scores.choices import RunState, ValueKind
from sunshine.assessment.scores.models import ScoreRun
from sunshine.assessment.scores.providers import (
    PROVIDERS,
    Evidence,
    Measure,
    Provider,
    register_provider,
)
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.testing.factories import AgencyFactory, at, staff_with

pytestmark = pytest.mark.django_db

# Values of the two test sources per agency name (a score 0..100, a count of findings).
SCORE = {"广东省交通运输厅": Decimal(85), "广东省人民政府办公厅": Decimal(70)}
FINDINGS = {"广东省交通运输厅": 3}


@pytest.fixture
def sources():
    def score(agency, period):
        value = SCORE.get(agency.name)
        return Measure(value, [Evidence(f"t:{agency.pk}", "测试评分")] if value else [])

    def findings(agency, period):
        n = FINDINGS.get(agency.name, 0)
        return Measure(Decimal(n), [Evidence(f"f:{i}", f"问题{i}", flag="问题") for i in range(n)])

    register_provider(Provider("test.score", "测试评分", ValueKind.SCORE, "—", score))
    register_provider(Provider("test.findings", "测试问题数", ValueKind.COUNT, "—", findings))
    yield
    PROVIDERS.remove("test.score")
    PROVIDERS.remove("test.findings")


@pytest.fixture
def supervisor(province):
    return staff_with(Role.SUPERVISOR, province["office"])


ROWS = [
    {
        "code": "ontime",
        "name": "留言按时办结率",
        "provider": "ontime.messages",
        "weight": "40",
        "kind": "proportional",
    },
    {
        "code": "review",
        "name": "测试评分",
        "provider": "test.score",
        "weight": "35",
        "kind": "target",
        "target": "90",
    },
    {
        "code": "findings",
        "name": "问题扣分",
        "provider": "test.findings",
        "weight": "25",
        "kind": "deduction",
        "per_item": "2",
    },
]


def _messages_clocks(transport, province):
    """4 留言 reply clocks of the transport department in 2025: 3 answered the next day, 1 a
    month late; and one due in December still open at the end of the year."""
    objects = [AgencyFactory() for _ in range(5)]  # outside the assessed tree
    for n, obj in enumerate(objects[:4]):
        with frozen(at(2025, 3, 3 + n)):
            clock = start_clock(obj=obj, rule="message.reply", agency=transport)
        when = at(2025, 3, 4 + n) if n < 3 else at(2025, 4, 15)
        with frozen(when):
            stop_clock(clock=clock, actor=None)
    with frozen(at(2025, 12, 1)):
        start_clock(obj=objects[4], rule="message.reply", agency=transport)


def _scheme(supervisor, province, share="5", rows=ROWS):
    return services.save_scheme(
        supervisor,
        agency=province["root"],
        year=2025,
        title="2025年度政务公开考核",
        disclosure_share=share,
        rows=rows,
    )


def test_hand_worked_scheme(sources, supervisor, province):
    transport, office = province["transport"], province["office"]
    _messages_clocks(transport, province)
    scheme = _scheme(supervisor, province)
    with frozen(at(2026, 1, 10)):
        run = services.request_run(supervisor, scheme, period_end=dt.date(2025, 12, 31))
        run = services.compute_run(run.pk)
    assert run.state == RunState.DONE and run.scheme_version == 1
    scores = {s.agency_id: s for s in run.scores.all()}
    # 交通运输厅: on time 3 of (4 finished + 1 overdue at year end) = 0.6 → 40 × 0.6 = 24.00;
    # 85 below the target 90 → 35 × 85 / 90 = 33.06; 3 findings × 2 → 25 − 6 = 19.00.
    t = scores[transport.pk]
    lines = {line.code: line for line in t.lines.all()}
    assert lines["ontime"].value == Decimal("0.6000")
    assert (lines["ontime"].numerator, lines["ontime"].denominator) == (3, 5)
    assert [lines[c].points for c in ("ontime", "review", "findings")] == [
        Decimal("24.00"),
        Decimal("33.06"),
        Decimal("19.00"),
    ]
    assert t.total == Decimal("76.06")
    assert t.weighted == Decimal("3.80")  # 76.06 × 5 % = 3.803
    assert sum(1 for e in lines["ontime"].evidence if e["flag"]) == 2  # late + still open
    # 办公厅: no clock → not applicable; 35 × 70 / 90 = 27.22 and 25 (no finding) over the
    # 60 applicable points: 52.22 / 60 × 100 = 87.03.
    o = scores[office.pk]
    assert o.lines.get(code="ontime").points is None
    assert (o.total, o.applicable_weight) == (Decimal("87.03"), Decimal("60.00"))
    # 广州市 and 天河区 have nothing but the findings indicator (25/25): 100, both first.
    city, county = scores[province["city"].pk], scores[province["county"].pk]
    assert city.total == county.total == Decimal("100.00")
    assert (city.rank, county.rank, o.rank, t.rank) == (1, 1, 3, 4)
    assert province["root"].pk not in scores  # the organiser assesses, it is not assessed


def test_share_under_four_percent_refused(sources, supervisor, province):
    with pytest.raises(ValidationError) as refused:
        _scheme(supervisor, province, share="3.5")
    message = refused.value.message_dict["disclosure_share"][0]
    assert "不得低于4%" in message and "3.5%" in message
    _scheme(supervisor, province, share="4")  # exactly 4 % is allowed


def test_bad_schemes_name_the_field(sources, supervisor, province):
    rows = [dict(r) for r in ROWS]
    rows[0]["weight"] = "30"  # sum 90
    rows[1]["kind"] = "deduction"  # not for a score
    rows[2]["per_item"] = ""
    rows.append({"code": "x", "name": "未知", "provider": "nope", "weight": "10", "kind": "target"})
    with pytest.raises(ValidationError) as refused:
        _scheme(supervisor, province, rows=rows)
    errors = refused.value.message_dict
    assert set(errors) >= {"kind_1", "per_item_2", "provider_3", "target_3"}
    rows = [dict(r) for r in ROWS]
    rows[0]["weight"] = "30"
    with pytest.raises(ValidationError) as refused:
        _scheme(supervisor, province, rows=rows)
    assert "合计应为100，现为90" in refused.value.message_dict["__all__"][0]


def test_only_the_general_office_sets_a_scheme(sources, province):
    officer = staff_with(Role.DISCLOSURE_OFFICER, province["transport"])
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _scheme(officer, province)


def test_runs_keep_their_version_and_staff_see_their_own(sources, supervisor, province):
    scheme = _scheme(supervisor, province)
    with frozen(at(2026, 1, 10)):
        first = services.compute_run(services.request_run(supervisor, scheme).pk)
    assert first.period_end == dt.date(2025, 12, 31)
    rows = [dict(r) for r in ROWS]
    rows[1]["weight"], rows[2]["weight"] = "45", "15"
    scheme = services.save_scheme(
        supervisor,
        agency=province["root"],
        year=2025,
        title=scheme.title,
        disclosure_share="6",
        rows=rows,
        scheme=scheme,
    )
    assert scheme.version == 2
    with frozen(at(2026, 1, 11)):
        second = services.compute_run(services.request_run(supervisor, scheme).pk)
    first.refresh_from_db()
    assert first.snapshot["indicators"][1]["weight"] == "35.00" and first.scheme_version == 1
    assert second.snapshot["share"] == "6.00" and second.scheme_version == 2
    assert selectors.latest_run(scheme) == second
    # Agency staff see only their own agency's score.
    drafter = staff_with(Role.DRAFTER, province["transport"])
    assert [r.score.agency for r in selectors.ranking(drafter, second)] == [province["transport"]]
    assert len(selectors.ranking(supervisor, second)) == 4
    assert ScoreRun.objects.count() == 2


def test_scoring_arithmetic():
    assert scoring.points(
        kind="proportional", weight=Decimal(20), value=Decimal("0.875"), value_kind="rate"
    ) == Decimal("17.50")
    assert scoring.points(
        kind="target",
        weight=Decimal(10),
        value=Decimal("0.97"),
        value_kind="rate",
        target=Decimal("0.95"),
    ) == Decimal("10.00")
    assert scoring.points(
        kind="deduction",
        weight=Decimal(5),
        value=Decimal(4),
        value_kind="count",
        per_item=Decimal(2),
    ) == Decimal("0.00")
    assert scoring.ranks([(1, Decimal(90)), (2, Decimal(95)), (3, Decimal(90))]) == {
        2: 1,
        1: 2,
        3: 2,
    }
