"""Test data of 交叉互评: the people of a round (the general office's supervisor, four
participating agencies each with a 公开办 reviewer) and rounds made through the services, up
to published results. The demo uses the same helpers."""

from dataclasses import dataclass, field
from decimal import Decimal

from sunshine.governance.crossreview import scheme, services, sheets
from sunshine.governance.crossreview.models import ReviewAssignment, ReviewRound

from .kernel import AgencyFactory, at, staff_with  # noqa: F401  (at: for the tests)


@dataclass
class People:
    government: object  # 组织机关: 广东省人民政府
    supervisor: object  # 督查 of the general office: runs the round
    agencies: dict  # short key → participating agency
    officers: dict  # short key → its 公开办 (may score, sees its results)
    drafters: dict = field(default_factory=dict)  # short key → a drafter (no scoring)


def make_people(province) -> People:
    """`province` (the shared fixture) + 教育厅 and 财政厅: four participants (transport,
    education, finance, city), a 公开办 officer and a drafter for each."""
    root = province["root"]
    agencies = {
        "transport": province["transport"],
        "education": AgencyFactory(name="广东省教育厅", parent=root),
        "finance": AgencyFactory(name="广东省财政厅", parent=root),
        "city": province["city"],
    }
    names = {"transport": "交通", "education": "教育", "finance": "财政", "city": "广州"}
    return People(
        government=root,
        supervisor=staff_with("supervisor", province["office"], display_name="周督查"),
        agencies=agencies,
        officers={
            k: staff_with("disclosure_officer", a, display_name=f"{names[k]}公开办")
            for k, a in agencies.items()
        },
        drafters={k: staff_with("drafter", a) for k, a in agencies.items()},
    )


def make_round(people: People, *, name="2026年度政务公开交叉互评", year=2026, **kw) -> ReviewRound:
    return services.create_round(
        actor=people.supervisor, agency=people.government, year=year, name=name, **kw
    )


SMALL_SCHEME = [
    # Three indicators whose weighted totals are easy to work out by hand.
    {"group": "主动公开", "name": "基本目录", "code": "a", "weight": "50", "max_score": "10"},
    {"group": "依申请公开", "name": "答复时限", "code": "b", "weight": "30", "max_score": "5"},
    {"group": "监督保障", "name": "年度报告", "code": "c", "weight": "20", "max_score": "100"},
]


def use_scheme(people: People, round_: ReviewRound, rows=SMALL_SCHEME) -> list:
    return scheme.replace_indicators(actor=people.supervisor, round_=round_, rows=list(rows))


def assign_pairs(people: People, round_: ReviewRound, pairs) -> list[ReviewAssignment]:
    """`pairs` of (reviewer key, reviewed key) by the People's agency keys."""
    return [
        services.assign(
            actor=people.supervisor,
            round_=round_,
            reviewed_agency=people.agencies[reviewed],
            reviewer_agency=people.agencies[reviewer],
        )
        for reviewer, reviewed in pairs
    ]


def fill(assignment, user, values, *, comments=None, comment="", submit=True):
    """Fill a sheet with `values` in the round's indicator order (strings or numbers)."""
    indicators = list(assignment.round.indicators.all())
    return sheets.save_sheet(
        actor=user,
        assignment=assignment,
        scores={i.pk: str(v) for i, v in zip(indicators, values, strict=True)},
        comments={i.pk: c for i, c in zip(indicators, comments or [], strict=False)},
        comment=comment,
        submit=submit,
    )


def sheet_of(round_, reviewer_key, reviewed_key, people) -> ReviewAssignment:
    return ReviewAssignment.objects.get(
        round=round_,
        reviewer_agency=people.agencies[reviewer_key],
        reviewed_agency=people.agencies[reviewed_key],
    )


# The hand-worked example of the tests and docs (SMALL_SCHEME: a = 50% of 10, b = 30% of 5,
# c = 20% of 100): (reviewer, reviewed, scores a, b, c).
WORKED_SHEETS = [
    ("education", "transport", ("8", "4", "90")),  # 40 + 24 + 18 = 82.00
    ("finance", "transport", ("7", "3.5", "75")),  # 35 + 21 + 15 = 71.00 → mean 76.50
    ("transport", "education", ("9", "3", "67.5")),  # 45 + 18 + 13.5 = 76.50 (tie)
    ("city", "finance", ("10", "5", "32.5")),  # 50 + 30 + 6.5 = 86.50
    ("transport", "finance", ("6", "3", "83.5")),  # 30 + 18 + 16.7 = 64.70 → mean 75.60
]
WORKED_TOTALS = {
    "transport": (Decimal("76.50"), 1),
    "education": (Decimal("76.50"), 1),
    "finance": (Decimal("75.60"), 3),
}


def worked_round(people: People, *, publish=True) -> ReviewRound:
    """A round on SMALL_SCHEME with WORKED_SHEETS submitted and (by default) published."""
    round_ = make_round(people)
    use_scheme(people, round_)
    assign_pairs(people, round_, [(r, d) for r, d, _v in WORKED_SHEETS])
    services.start_round(actor=people.supervisor, round_=round_)
    for reviewer, reviewed, values in WORKED_SHEETS:
        fill(
            sheet_of(round_, reviewer, reviewed, people),
            people.officers[reviewer],
            values,
            comments=["目录更新及时。", "", "年报按时发布。"],
            comment=f"{reviewer}的总体评价",
        )
    if publish:
        services.publish_round(actor=people.supervisor, round_=round_)
    round_.refresh_from_db()
    return round_
