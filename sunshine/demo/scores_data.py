"""Demo 政务公开考核: the general office of 广东省人民政府 (周督查, supervisor@demo) sets the
2025 and 2026 schemes (政务公开 5 % of the performance assessment, nine indicators computed from
the platform's records: 按时率 of 依申请公开, 留言, 办件 and 征求意见 feedback, catalog
coverage and freshness, interpretation coverage, 好差评 satisfaction, 交叉互评) and computes
them: every agency under the provincial government gets a stored score with its evidence, and
the 2026 ranking compares with 2025. The runs are computed at once (the task does the same
work in the background). Idempotent: a scheme is found by organiser and year, and a year that
already has a finished run is not computed again."""

import datetime as dt

from sunshine.assessment.scores import selectors, services
from sunshine.assessment.scores.providers import provider
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

ORGANISER = "广东省人民政府"
SUPERVISOR = "supervisor@demo.gd.gov.cn"
SHARE = "5"
# code, name, source, weight, formula, target, per item
INDICATORS = [
    ("foi", "依申请公开按时答复率", "ontime.foi", "15", "proportional", "", ""),
    ("messages", "网民留言按时答复率", "ontime.messages", "10", "proportional", "", ""),
    ("services", "政务服务按时办结率", "ontime.service_applications", "10", "target", "0.95", ""),
    (
        "feedback",
        "征求意见采纳情况按时公布率",
        "feedback.consultation",
        "10",
        "proportional",
        "",
        "",
    ),
    ("catalog", "主动公开目录覆盖率", "catalog.coverage", "15", "proportional", "", ""),
    ("freshness", "主动公开目录更新及时率", "catalog.freshness", "10", "proportional", "", ""),
    ("interpretation", "政策解读覆盖率", "interpretation.coverage", "10", "proportional", "", ""),
    ("satisfaction", "好差评满意率", "satisfaction", "10", "target", "0.9", ""),
    ("crossreview", "交叉互评得分", "crossreview.total", "10", "proportional", "", ""),
]
# Added (taking 5 points from the catalog) when the website self-check has registered its source.
SITECHECK = ("sitecheck", "网站自查问题扣分", "sitecheck.findings", "5", "deduction", "", "1")


def rows() -> list[dict]:
    chosen = list(INDICATORS)
    if provider(SITECHECK[2]) is not None:
        chosen[4] = (*chosen[4][:3], "10", *chosen[4][4:])
        chosen.append(SITECHECK)
    keys = ("code", "name", "provider", "weight", "kind", "target", "per_item")
    return [dict(zip(keys, row, strict=True)) for row in chosen]


def _scheme(organiser, supervisor, year):
    existing = selectors.schemes().filter(agency=organiser, year=year).first()
    if existing is not None:
        return existing
    return services.save_scheme(
        supervisor,
        agency=organiser,
        year=year,
        title=f"{year}年度政务公开工作考核",
        disclosure_share=SHARE,
        rows=rows(),
    )


def load(stdout=None) -> dict:
    organiser = Agency.objects.get(name=ORGANISER)
    supervisor = User.objects.get(email=SUPERVISOR)
    runs = {}
    for year in (2025, 2026):
        scheme = _scheme(organiser, supervisor, year)
        run = selectors.latest_run(scheme)
        if run is None:
            end = dt.date(2025, 12, 31) if year == 2025 else None
            run = services.compute_run(services.request_run(supervisor, scheme, period_end=end).pk)
        runs[year] = run
        if stdout is not None:
            stdout.write(
                f"考核 {year}: {run.agency_count} 个单位，方案第 {run.scheme_version} 版，"
                f"状态 {run.state}\n"
            )
    return runs
