"""Demo 交叉互评 organised by 广东省人民政府 and run by the general office's 督查 (周督查,
supervisor@demo): four agencies review each other's 政务公开 work on the default indicator
scheme. The 2026 round is published (rotating assignment, two reviewers per agency, every
sheet submitted with comments, results and ranks stored); the 2027 first-quarter check is under
review, with the sheet of 广东省交通运输厅's 公开办 (officer@demo) still to fill.
Idempotent: rounds are found by name."""

from decimal import Decimal

from sunshine.demo import kernel_data
from sunshine.governance.crossreview import services, sheets
from sunshine.governance.crossreview.models import ReviewRound
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

ORGANISER = "广东省人民政府"
SUPERVISOR = "supervisor@demo.gd.gov.cn"
# agency, its 公开办 reviewer (e-mail, name; None: an existing demo account)
PARTICIPANTS = [
    ("广东省交通运输厅", None),
    ("广东省教育厅", ("edu.officer@demo.gd.gov.cn", "许公开")),
    ("广东省财政厅", ("finance.officer@demo.gd.gov.cn", "郭公开")),
    ("广州市人民政府", ("gz.officer@demo.gd.gov.cn", "何公开")),
]
OFFICER = "officer@demo.gd.gov.cn"  # 广东省交通运输厅 公开办
DONE = "2026年度政务公开工作交叉互评"
OPEN = "2027年第一季度政务公开交叉互评"
# How well each reviewed agency does (out of 10), and per indicator a small offset, so the
# scores differ the way real ones do; every reviewer shifts them a little.
LEVEL = {
    "广东省交通运输厅": Decimal("9.0"),
    "广东省教育厅": Decimal("8.5"),
    "广东省财政厅": Decimal("8.0"),
    "广州市人民政府": Decimal("8.5"),
}
OFFSETS = [Decimal(x) for x in "0.5 -1 0 -0.5 0.5 0 -1.5 -0.5 0 0.5 1 0 -0.5".split()]
COMMENTS = {
    "proactive.catalog": "基本目录已按年度更新，个别事项未标注公开时限。",
    "on_request.timeliness": "抽查申请件均在20个工作日内答复，1件延期已经批准并告知。",
    "interpretation.policies": "部分规范性文件的解读晚于文件发布1至3天，建议同步发布。",
    "oversight.annual_report": "年度报告按时发布，表格数据与统计口径一致。",
}
OVERALL = (
    "政务公开工作机制健全，重点领域公开较为全面；建议加强政策解读的同步性和政务新媒体的更新频率。"
)


def _reviewers(agencies) -> dict:
    officers = {"广东省交通运输厅": User.objects.get(email=OFFICER)}
    for name, account in PARTICIPANTS:
        if account:
            email, display = account
            officers[name] = kernel_data.ensure_staff(
                email, display, agencies[name], ["disclosure_officer"]
            )
    return officers


def _score(reviewed: str, n: int, shift: int) -> Decimal:
    value = LEVEL[reviewed] + OFFSETS[n % len(OFFSETS)] + Decimal(shift % 3 - 1) / 2
    return max(Decimal(0), min(Decimal(10), value))


def _fill(assignment, user, shift: int, *, submit=True) -> None:
    indicators = list(assignment.round.indicators.all())
    sheets.save_sheet(
        actor=user,
        assignment=assignment,
        scores={
            i.pk: _score(assignment.reviewed_agency.name, n, shift + n)
            for n, i in enumerate(indicators)
        },
        comments={i.pk: COMMENTS.get(i.code, "") for i in indicators},
        comment=OVERALL,
        submit=submit,
    )


def _round(organiser, supervisor, name, year, agencies, **kw) -> ReviewRound:
    round_ = ReviewRound.objects.filter(agency=organiser, name=name).first()
    if round_ is None:
        round_ = services.create_round(
            actor=supervisor, agency=organiser, year=year, name=name, **kw
        )
        services.set_participants(actor=supervisor, round_=round_, agencies=agencies)
    return round_


def load(*, stdout=None) -> None:
    organiser = Agency.objects.get(name=ORGANISER)
    supervisor = User.objects.get(email=SUPERVISOR)
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[p for p, _a in PARTICIPANTS])}
    participants = [agencies[name] for name, _a in PARTICIPANTS]
    officers = _reviewers(agencies)

    done = _round(
        organiser,
        supervisor,
        DONE,
        2026,
        participants,
        description="按年度对省直部门和广州市的政务公开工作开展交叉互评，结果纳入年度政务公开考核。",
    )
    if done.state == "draft":
        services.auto_assign(
            actor=supervisor, round_=done, per_agency=2, announced_number="20261015"
        )
        services.start_round(actor=supervisor, round_=done)
    if done.state == "reviewing":
        for shift, a in enumerate(done.assignments.select_related("reviewed_agency")):
            if a.state in ("pending", "draft"):
                _fill(a, officers[a.reviewer_agency.name], shift)
        services.publish_round(actor=supervisor, round_=done)

    running = _round(
        organiser, supervisor, OPEN, 2027, participants, submit_days=15,
        description="第一季度重点检查依申请公开答复和政策解读。",
    )  # fmt: skip
    if running.state == "draft":
        services.assign(
            actor=supervisor,
            round_=running,
            reviewed_agency=agencies["广东省教育厅"],
            reviewer_agency=agencies["广东省交通运输厅"],
            reviewer=officers["广东省交通运输厅"],
        )
        services.assign(
            actor=supervisor,
            round_=running,
            reviewed_agency=agencies["广东省交通运输厅"],
            reviewer_agency=agencies["广东省财政厅"],
        )
        services.start_round(actor=supervisor, round_=running)
        first = running.assignments.get(reviewer_agency=agencies["广东省财政厅"])
        _fill(first, officers["广东省财政厅"], 1)
    if stdout is not None:
        results = done.results.count()
        stdout.write(f"交叉互评：{DONE} 已发布 {results} 个单位的结果；{OPEN} 评审中")
