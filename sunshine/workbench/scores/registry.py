"""What 政务公开考核 adds to the workbench at start-up: the indicator providers that read the
other modules (the domains do not import each other, so a provider that reads another domain
lives here, in a shell, and reads that domain's public selectors only — never its models).

Each provider measures one agency over one period and returns the value with its evidence:
every item behind the number, with the URL of its staff page and, when it counts against the
agency, why ("逾期办结", "未解读", …).

- 按时率 per module (`ontime.<module>`, one for every module that declares deadline rules,
  so a module added later appears by itself) and 征求意见采纳情况按时公布率
  (`feedback.consultation`): from the kernel clocks, with the kernel's definitions
  (kernel/deadlines/stats.py: 办结 = stopped on a day of the period, 按期 = met_deadline),
  plus the clocks due in the period and not finished by its end (逾期未办结), which count
  as late: 按时率 = 按期办结 / (期内办结 + 期末逾期未办结).
- 主动公开目录 coverage (`catalog.coverage`: active items with at least one published record)
  and freshness (`catalog.freshness`: active items not 过期未公开).
- 政策解读 coverage (`interpretation.coverage`): the agency's published 主动公开 records of
  the period marked "needs interpretation" that have a published interpretation; a record
  waived (免于解读, approved) counts as covered.
- 满意度 (`satisfaction`): share of 好差评 ratings of the period that are not 差评.
- 交叉互评 (`crossreview.total`): the mean total of the year's published rounds (0–100).
- 培训覆盖率 (`training.coverage`): the share of the agency's staff trained within the 3 years
  ending on the period's last day (assessment/training `coverage`; the untrained are the
  evidence that counts against it).
- 网站自查 (when the sitecheck module is installed): the number of findings of the latest
  finished crawl of each site the agency runs (`sitecheck.findings`, a count, scored by
  deduction) and the crawl's 国办 checklist score (`sitecheck.score`, 0 when vetoed); a crawl
  finished after the period is not used (the indicator does not apply)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.assessment.scores.choices import ValueKind
from sunshine.assessment.scores.providers import (
    Evidence,
    Measure,
    Period,
    Provider,
    rate,
    register_provider,
)
from sunshine.assessment.training.selectors import coverage as training_coverage
from sunshine.disclosure.catalog.selectors import catalog_of, public_items
from sunshine.disclosure.interpretations.workflow import InterpretationState
from sunshine.disclosure.records.selectors import public_records
from sunshine.governance.crossreview.selectors import published_results, yearly_totals
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.stats import clocks_behind, live_counts, rule_modules
from sunshine.kernel.ratings.choices import BAD_LEVELS
from sunshine.kernel.ratings.models import Rating

ONTIME_GROUP = gettext_lazy("办理时效")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


# --- Clocks ----------------------------------------------------------------------------------


def clock_numbers(agency, period: Period, *, rules=None, modules=None) -> tuple[int, int]:
    """(finished in the period, of which on time) from the kernel's clock statistics, counted
    from the clocks themselves (a run does not wait for the summaries) in one query."""
    return live_counts(
        agencies=[agency], rules=rules, modules=modules, start=period.start, end=period.end
    )


def _clock_label(clock: Clock) -> str:
    return f"{clock.rule_label} · {_('到期')} {timezone.localdate(clock.due_at):%Y-%m-%d}"


def clock_measure(agency, period: Period, *, rules=None, modules=None) -> Measure:
    finished, on_time = clock_numbers(agency, period, rules=rules, modules=modules)
    evidence = []
    done = clocks_behind(
        "finished",
        agencies=[agency],
        rules=rules,
        modules=modules,
        start=period.start,
        end=period.end,
    ).order_by("stopped_at", "pk")
    for clock in done.only("pk", "rule", "due_at", "met_deadline"):
        evidence.append(
            Evidence(
                id=f"clock:{clock.pk}",
                label=_clock_label(clock),
                url=clock.get_absolute_url(),
                flag="" if clock.met_deadline else _("逾期办结"),
            )
        )
    # Due in the period and not finished by its end: late, whatever happens afterwards.
    end = _day_start(period.end + dt.timedelta(days=1))
    wanted = set(rules or ())
    if modules:
        wanted |= {r for r, (m, _label) in rule_modules().items() if m in modules}
    pending = Clock.objects.filter(
        agency=agency, rule__in=wanted, due_at__gte=_day_start(period.start), due_at__lt=end
    ).filter(Q(stopped_at__isnull=True) | Q(stopped_at__gte=end))
    overdue = 0
    for clock in pending.only("pk", "rule", "due_at").order_by("due_at", "pk"):
        overdue += 1
        evidence.append(
            Evidence(
                id=f"clock:{clock.pk}",
                label=_clock_label(clock),
                url=clock.get_absolute_url(),
                flag=_("逾期未办结"),
            )
        )
    denominator = finished + overdue
    note = _("期内办结%(f)s件，按期%(o)s件，期末逾期未办结%(p)s件") % {
        "f": finished,
        "o": on_time,
        "p": overdue,
    }
    return Measure(rate(on_time, denominator), evidence, on_time, denominator, note)


def _ontime_provider(module: str, label: str) -> Provider:
    return Provider(
        key=f"ontime.{module}"[:40],
        label=format_lazy(gettext_lazy("{module}按时办结率"), module=label),
        value_kind=ValueKind.RATE,
        definition=gettext_lazy(
            "按期办结件数 ÷（统计期内办结件数 + 统计期内到期、期末仍未办结的件数），"
            "按系统期限（工作日按法定节假日安排计算）统计。"
        ),
        measure=lambda agency, period: clock_measure(agency, period, modules=[module]),
        group=ONTIME_GROUP,
    )


def consultation_feedback(agency, period: Period) -> Measure:
    return clock_measure(agency, period, rules=["consultation.feedback"])


# --- 主动公开目录 -------------------------------------------------------------------------------


def _catalog_items(agency):
    catalog = catalog_of(agency)
    return [] if catalog is None else public_items(catalog)


def catalog_coverage(agency, period: Period) -> Measure:
    items = _catalog_items(agency)
    if not items:
        return Measure(Decimal(0), [], 0, 0, _("未编制主动公开基本目录或目录无有效事项"))
    evidence, covered = [], 0
    for item in items:
        has = bool(item.public_records)
        covered += has
        evidence.append(
            Evidence(
                id=f"catalog_item:{item.pk}",
                label=" / ".join(x for x in (item.category, item.subcategory) if x),
                url=reverse("workbench:catalog_item", args=[item.pk]),
                flag="" if has else _("未关联已公开信息"),
            )
        )
    return Measure(rate(covered, len(items)), evidence, covered, len(items))


def catalog_freshness(agency, period: Period) -> Measure:
    items = _catalog_items(agency)
    if not items:
        return Measure(Decimal(0), [], 0, 0, _("未编制主动公开基本目录或目录无有效事项"))
    evidence, fresh = [], 0
    for item in items:
        fresh += not item.stale
        flag = ""
        if item.stale:
            flag = _("过期未公开")
            if item.stale_due:
                flag += _("（应于%(d)s公开）") % {"d": f"{item.stale_due:%Y-%m-%d}"}
        evidence.append(
            Evidence(
                id=f"catalog_item:{item.pk}",
                label=" / ".join(x for x in (item.category, item.subcategory) if x),
                url=reverse("workbench:catalog_item", args=[item.pk]),
                flag=flag,
            )
        )
    return Measure(rate(fresh, len(items)), evidence, fresh, len(items))


# --- 政策解读 ---------------------------------------------------------------------------------


def interpretation_coverage(agency, period: Period) -> Measure:
    records = (
        public_records(agency=agency)
        .filter(
            needs_interpretation=True,
            date_published__gte=period.start,
            date_published__lte=period.end,
        )
        .filter(
            Q(interpretations__state=InterpretationState.PUBLISHED)
            | Q(interpretation_waiver__isnull=False),
        )
        .values_list("pk", flat=True)
    )
    covered_ids = set(records)
    evidence = []
    qs = public_records(agency=agency).filter(
        needs_interpretation=True, date_published__gte=period.start, date_published__lte=period.end
    )
    for record in (
        qs.select_related(None).only("pk", "title", "doc_number").order_by("date_published", "pk")
    ):
        evidence.append(
            Evidence(
                id=f"record:{record.pk}",
                label=f"{record.title}（{record.doc_number}）"
                if record.doc_number
                else record.title,
                url=reverse("workbench:records_detail", args=[record.pk]),
                flag="" if record.pk in covered_ids else _("未解读"),
            )
        )
    return Measure(rate(len(covered_ids), len(evidence)), evidence, len(covered_ids), len(evidence))


# --- 好差评 -----------------------------------------------------------------------------------


def satisfaction(agency, period: Period) -> Measure:
    ratings = (
        Rating.objects.filter(
            agency=agency,
            created_at__gte=_day_start(period.start),
            created_at__lt=_day_start(period.end + dt.timedelta(days=1)),
        )
        .select_related("case")
        .order_by("created_at", "pk")
    )
    evidence, good = [], 0
    for rating in ratings:
        bad = rating.level in BAD_LEVELS
        good += not bad
        case = getattr(rating, "case", None)
        evidence.append(
            Evidence(
                id=f"rating:{rating.pk}",
                label=f"{rating.title or rating.kind} · {rating.get_level_display()}",
                url=case.get_absolute_url() if case is not None else "",
                flag=_("差评") if bad else "",
            )
        )
    return Measure(rate(good, len(evidence)), evidence, good, len(evidence))


# --- 交叉互评 ---------------------------------------------------------------------------------


def crossreview_total(agency, period: Period) -> Measure:
    mean = yearly_totals(period.year).get(agency.pk)
    evidence = [
        Evidence(
            id=f"crossreview_result:{r.pk}",
            label=_("%(round)s：%(total)s分，第%(rank)s名")
            % {"round": r.round.name, "total": r.total, "rank": r.rank},
            url=reverse("workbench:crossreview_result", args=[r.round_id, r.agency_id]),
        )
        for r in published_results(year=period.year, agency=agency)
    ]
    if mean is None:
        return Measure(None, [], note=_("本年度没有已公布的交叉互评结果"))
    return Measure(
        Decimal(mean), evidence, note=_("本年度%(n)s轮互评的平均分") % {"n": len(evidence)}
    )


# --- 网站自查 ---------------------------------------------------------------------------------


def _crawls(agency, period: Period) -> list:
    from sunshine.assessment.sitecheck.selectors import latest_done_run
    from sunshine.kernel.sites.models import Site

    end = _day_start(period.end + dt.timedelta(days=1))
    runs = []
    for host in Site.objects.filter(agency=agency).order_by("host").values_list("host", flat=True):
        run = latest_done_run(host)
        if run is not None and run.finished_at and run.finished_at < end:
            runs.append(run)
    return runs


def sitecheck_findings(agency, period: Period) -> Measure:
    from sunshine.assessment.sitecheck.choices import Severity
    from sunshine.assessment.sitecheck.selectors import run_findings

    runs = _crawls(agency, period)
    if not runs:
        return Measure(None, note=_("统计期内没有已完成的网站自查"))
    evidence = []
    for run in runs:
        url = reverse("workbench:sitecheck_run", args=[run.pk])
        for finding in run_findings(run):
            if finding.severity == Severity.NOTICE:
                continue  # a notice costs nothing in the checklist either
            evidence.append(
                Evidence(
                    id=f"sitecheck_finding:{finding.pk}",
                    label=f"{run.host} · {finding.get_item_display()}：{finding.message}",
                    url=url,
                    flag=finding.get_severity_display(),
                )
            )
    return Measure(
        Decimal(len(evidence)), evidence, note=_("%(n)s个网站的最近一次自查") % {"n": len(runs)}
    )


def sitecheck_score(agency, period: Period) -> Measure:
    runs = _crawls(agency, period)
    if not runs:
        return Measure(None, note=_("统计期内没有已完成的网站自查"))
    values = [Decimal(0) if run.vetoed else Decimal(run.score or 0) for run in runs]
    evidence = [
        Evidence(
            id=f"sitecheck_run:{run.pk}",
            label=f"{run.host}：{value}",
            url=reverse("workbench:sitecheck_run", args=[run.pk]),
            flag=_("单项否决") if run.vetoed else "",
        )
        for run, value in zip(runs, values, strict=True)
    ]
    mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
    return Measure(mean, evidence)


def _sitecheck_providers() -> list[Provider]:
    from django.apps import apps

    if not apps.is_installed("sunshine.assessment.sitecheck"):
        return []
    group = gettext_lazy("网站建设")
    return [
        Provider(
            "sitecheck.findings",
            gettext_lazy("网站自查发现问题数"),
            ValueKind.COUNT,
            gettext_lazy(
                "本单位网站在统计期内最近一次完成的自查中发现的单项否决和扣分问题数（提示类不计）。"
            ),
            sitecheck_findings,
            group,
        ),
        Provider(
            "sitecheck.score",
            gettext_lazy("网站自查得分"),
            ValueKind.SCORE,
            gettext_lazy("本单位网站最近一次自查的检查指标得分（百分制，有单项否决项的记0分）。"),
            sitecheck_score,
            group,
        ),
    ]


# --- 培训 -------------------------------------------------------------------------------------


def training(agency, period: Period) -> Measure:
    cover = training_coverage(agency, period.end)
    evidence = [
        Evidence(
            id=f"person:{person.id}",
            label=person.name,
            url=reverse("workbench:training_person", args=[person.id]),
            flag="" if person.covered else _("三年内未参加培训"),
        )
        for person in cover.people
    ]
    return Measure(cover.rate, evidence, cover.trained, cover.staff)


def _fixed_providers() -> list[Provider]:
    return [
        Provider(
            "training.coverage",
            gettext_lazy("政务公开培训覆盖率"),
            ValueKind.RATE,
            gettext_lazy("统计期末前三年内参加过培训的本单位工作人员 ÷ 本单位全部工作人员。"),
            training,
            gettext_lazy("培训"),
        ),
        Provider(
            "feedback.consultation",
            gettext_lazy("征求意见采纳情况按时公布率"),
            ValueKind.RATE,
            (
                gettext_lazy(
                    "征求意见结束后按期公布采纳情况的件数 ÷（期内公布件数 + 到期仍未公布件数）。"
                )
            ),
            consultation_feedback,
            ONTIME_GROUP,
        ),
        Provider(
            "catalog.coverage",
            gettext_lazy("主动公开目录覆盖率"),
            ValueKind.RATE,
            (gettext_lazy("主动公开基本目录中已关联已公开信息的有效事项 ÷ 全部有效事项。")),
            catalog_coverage,
            gettext_lazy("主动公开"),
        ),
        Provider(
            "catalog.freshness",
            gettext_lazy("主动公开目录更新及时率"),
            ValueKind.RATE,
            (gettext_lazy("主动公开基本目录中未“过期未公开”的有效事项 ÷ 全部有效事项。")),
            catalog_freshness,
            gettext_lazy("主动公开"),
        ),
        Provider(
            "interpretation.coverage",
            gettext_lazy("政策解读覆盖率"),
            ValueKind.RATE,
            (
                gettext_lazy(
                    "统计期内发布、标注“需要解读”的主动公开文件中，已发布解读或经批准免于解读的 ÷ 全部此类文件。"
                )
            ),
            interpretation_coverage,
            gettext_lazy("政策解读"),
        ),
        Provider(
            "satisfaction",
            gettext_lazy("好差评满意率"),
            ValueKind.RATE,
            (
                gettext_lazy(
                    "统计期内好差评中非差评（不满意、非常不满意以外）的件数 ÷ 全部评价件数。"
                )
            ),
            satisfaction,
            gettext_lazy("回应关切"),
        ),
        Provider(
            "crossreview.total",
            gettext_lazy("交叉互评得分"),
            ValueKind.SCORE,
            (gettext_lazy("本年度已公布的交叉互评各轮总分（百分制）的平均值。")),
            crossreview_total,
            gettext_lazy("交叉互评"),
        ),
    ]


def register() -> None:
    seen = set()
    for _rule, (module, label) in sorted(rule_modules().items()):
        if module not in seen:
            seen.add(module)
            register_provider(_ontime_provider(module, label))
    for p in _fixed_providers() + _sitecheck_providers():
        register_provider(p)
