"""Demo data of 重大行政决策 (广东省交通运输厅's 2026 决策事项目录, published):
- 广州至湛江高速公路改扩建工程建设方案 (厅务会议 level: every statutory step): its 预公开 as
  a 30-day 重大决策 consultation with the 采纳情况 published, 专家论证, 风险评估, 合法性审查
  within its 7 working days, 集体讨论决定 with the head speaking last and one dissent; decided
  and published with its 解读; three execution tasks with progress; the 决策后评估 clock running;
- 广东省高速公路差异化收费实施方案 (分管领导 level): risk assessed, the 合法性审查 sent to the
  legal office and still running — deciding it is refused naming 合法性审查.
Everything goes through the services at past dates (clock.frozen), so clocks, workflow history
and the audit trail look as they would have. Idempotent: a decision already there (by title) is
left alone."""

import datetime as dt

from django.utils import timezone

from sunshine.governance.decisions import execution, services, steps
from sunshine.governance.decisions.models import Decision
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.consultations import services as consultations
from sunshine.participation.consultations.models import Consultation

AGENCY = "广东省交通运输厅"
HEAD, DRAFTER, LEGAL = (
    "approver@demo.gd.gov.cn",
    "drafter@demo.gd.gov.cn",
    "reviewer@demo.gd.gov.cn",
)
DONE_TITLE = "广州至湛江高速公路改扩建工程建设方案"
OPEN_TITLE = "广东省高速公路差异化收费实施方案"
CONSULTATION_TITLE = "广州至湛江高速公路改扩建工程建设方案（征求意见稿）"
DRAFT = """广州至湛江高速公路改扩建工程建设方案（征求意见稿）
第一条 为提升广湛通道通行能力，对广州至湛江高速公路实施改扩建，制定本方案。
第二条 改扩建采用双向八车道标准，分三期实施。
第三条 施工期间实行分段保通，重要节假日暂停占道施工。
第四条 沿线新增和改造出入口按照规划同步实施。"""


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _consultation(agency, head, today) -> Consultation:
    found = Consultation.objects.filter(title=CONSULTATION_TITLE).first()
    if found is not None:
        return found
    start = today - dt.timedelta(days=150)
    with clock.frozen(_at(start, 9)):
        c = consultations.create_consultation(
            agency=agency,
            actor=head,
            title=CONSULTATION_TITLE,
            draft_text=DRAFT,
            explanation="依据《重大行政决策程序暂行条例》公开征求社会公众意见。",
            start_date=start,
            end_date=start + dt.timedelta(days=30),  # Art. 15: not less than 30 days
            is_major_decision=True,
        )
        consultations.open_consultation(consultation=c, actor=head)
    with clock.frozen(_at(start + dt.timedelta(days=31), 9)):
        consultations.close_consultation(consultation=c, actor=head)
        consultations.publish_feedback_report(
            consultation=c,
            actor=head,
            report=(
                "征求意见期间共收到意见建议46条，采纳18条（主要涉及施工期交通组织和沿线出入口"
                "设置），部分采纳11条，未采纳17条（主要涉及超出本方案范围的收费政策），"
                "未采纳理由已逐条说明。"
            ),
        )
    return c


def _decided(agency, head, drafter, reviewer, today) -> None:
    c = _consultation(agency, head, today)
    day = today - dt.timedelta(days=115)
    with clock.frozen(_at(day)):
        d = services.create_decision(
            actor=drafter,
            agency=agency,
            lead_agency=agency,
            title=DONE_TITLE,
            level="executive",
            summary="对广州至湛江高速公路实施双向八车道改扩建，分三期建设，施工期分段保通。",
            planned_date=dt.date(today.year, 12, 31),
            year=today.year,
        )
        if d.catalog.published_at is None:
            services.publish_catalog(actor=head, catalog=d.catalog)
        steps.record_participation(actor=drafter, decision=d, consultation_id=c.pk)
    with clock.frozen(_at(day + dt.timedelta(days=3))):
        steps.record_expert_review(
            actor=drafter,
            decision=d,
            experts="王建华（华南理工大学，道路工程）\n刘敏（省交通规划设计研究院，交通规划）\n"
            "陈立（中山大学，环境影响评价）",
            report="专家组认为方案技术可行，建议优化第二期施工时序，加强沿线声环境保护。",
        )
        steps.record_risk_assessment(
            actor=drafter,
            decision=d,
            risk_level="medium",
            report="征地拆迁和施工期交通组织存在中等社会稳定风险，已制定化解预案。",
        )
    with clock.frozen(_at(day + dt.timedelta(days=7))):
        steps.request_legality_review(actor=drafter, decision=d, legal_office=agency)
    with clock.frozen(_at(day + dt.timedelta(days=11))):
        steps.record_legality_opinion(
            actor=reviewer,
            decision=d,
            conclusion="lawful",
            report="方案符合《公路法》《收费公路管理条例》等规定，决策程序完备。",
        )
    with clock.frozen(_at(day + dt.timedelta(days=15))):
        steps.record_collective_discussion(
            actor=drafter,
            decision=d,
            meeting_name="2026年第9次厅务会议",
            meeting_date=day + dt.timedelta(days=15),
            attendees="厅长、副厅长、总工程师，法规处、规划处、建设管理处负责人",
            report="会议听取了方案汇报，与会人员充分发表意见，厅长最后发言，会议原则通过。",
            head_spoke_last=True,
            dissent="一名副厅长建议第三期工程视交通量增长情况再行决定。",
        )
        services.decide(
            actor=head,
            decision=d,
            decision_text="原则同意广州至湛江高速公路改扩建工程建设方案，按三期组织实施。",
        )
    with clock.frozen(_at(day + dt.timedelta(days=20))):
        services.publish_decision(
            actor=head,
            decision=d,
            interpretation=(
                "一、为什么改扩建：广湛高速日均车流量已超设计能力。二、怎么建：双向八车道，"
                "分三期。三、施工期间怎么走：分段保通，节假日暂停占道施工。"
            ),
        )
        tasks = [
            execution.add_task(
                actor=drafter,
                decision=d,
                title=title,
                agency=agency,
                due_date=dt.date(today.year + offset, 12, 31),
            )
            for title, offset in (
                ("完成第一期工程初步设计批复", 0),
                ("启动第一期工程征地拆迁", 0),
                ("第二期工程可行性研究", 1),
            )
        ]
    for task, reports in zip(
        tasks,
        (
            [(30, "in_progress", "初步设计已报审"), (100, "done", "初步设计已批复")],
            [(20, "in_progress", "完成实物调查"), (60, "in_progress", "已签订补偿协议七成")],
            [(10, "in_progress", "已完成招标")],
        ),
        strict=True,
    ):
        for n, (percent, status, note) in enumerate(reports, start=1):
            with clock.frozen(_at(day + dt.timedelta(days=20 + 30 * n))):
                execution.report_progress(
                    actor=drafter, task=task, percent=percent, status=status, note=note
                )


def _missing_legality(agency, drafter, today) -> None:
    day = today - dt.timedelta(days=5)
    with clock.frozen(_at(day)):
        d = services.create_decision(
            actor=drafter,
            agency=agency,
            lead_agency=agency,
            title=OPEN_TITLE,
            level="leader",
            summary="对货车和新能源车辆实行分时段、分路段差异化收费。",
            planned_date=dt.date(today.year, 12, 31),
            year=today.year,
            reason="根据省政府工作部署新增",  # the catalog is already public
        )
        steps.record_risk_assessment(
            actor=drafter,
            decision=d,
            risk_level="low",
            report="对收费公路经营企业收益影响有限，社会稳定风险低。",
        )
    with clock.frozen(_at(today - dt.timedelta(days=2))):
        steps.request_legality_review(actor=drafter, decision=d, legal_office=agency)


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    head, drafter, reviewer = (User.objects.get(email=e) for e in (HEAD, DRAFTER, LEGAL))
    today = clock.today()
    created = []
    if not Decision.objects.filter(title=DONE_TITLE).exists():
        _decided(agency, head, drafter, reviewer, today)
        created.append(DONE_TITLE)
    if not Decision.objects.filter(title=OPEN_TITLE).exists():
        _missing_legality(agency, drafter, today)
        created.append(OPEN_TITLE)
    if stdout is not None:
        stdout.write(f"重大行政决策：新建 {len(created)} 项")
