"""Demo of 政务公开工作计划: the general office's 2026 round (opened 2026-01-05, due Sat
2026-01-31, so the clocks end on Mon 02-02), 广东省交通运输厅 submitting on time with three
tasks (one done, one overdue with a 督办 from the general office, one running) and
广东省教育厅 submitting late. A second run adds nothing."""

import datetime as dt

from django.core.files.base import ContentFile

from sunshine.kernel.clock import frozen

YEAR = 2026
TRANSPORT, EDUCATION = "广东省交通运输厅", "广东省教育厅"
PLAN_TEXT = "{agency}{year}年政务公开工作计划\n一、工作目标\n二、重点任务\n三、保障措施\n"


def load(*, stdout=None) -> None:
    from sunshine.assessment.workplans.models import PlanRound
    from sunshine.kernel.accounts.models import User
    from sunshine.kernel.orgs.models import Agency

    from .kernel_data import ensure_staff
    from .training_data import EDU_STAFF

    supervisor = User.objects.filter(email="supervisor@demo.gd.gov.cn").first()
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[TRANSPORT, EDUCATION])}
    if supervisor is None or len(agencies) < 2:
        return
    email, name, roles = EDU_STAFF[0]
    ensure_staff(email, name, agencies[EDUCATION], roles)
    if not PlanRound.objects.filter(year=YEAR).exists():
        _build(supervisor, agencies)
    if stdout is not None:
        stdout.write(f"政务公开工作计划：{PlanRound.objects.count()} 个年度")


def _doc(agency) -> ContentFile:
    text = PLAN_TEXT.format(agency=agency.name, year=YEAR)
    return ContentFile(
        text.encode(), name=f"{agency.short_name or agency.name}{YEAR}年工作计划.txt"
    )


def _build(supervisor, agencies) -> None:
    from sunshine.assessment.workplans import services
    from sunshine.kernel.accounts.models import User

    transport, education = agencies[TRANSPORT], agencies[EDUCATION]
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.gd.gov.cn")}
    officer, drafter = users["officer@demo.gd.gov.cn"], users["drafter@demo.gd.gov.cn"]
    edu_officer = users["edu.officer@demo.gd.gov.cn"]
    with frozen(dt.datetime(YEAR, 1, 5, 9, 0)):
        round_ = services.open_round(
            actor=supervisor,
            year=YEAR,
            due_date=dt.date(YEAR, 1, 31),
            note="计划应包括目标任务、责任分工、具体措施和时间表。",
            agencies=[transport, education],
        )
    plan = round_.plans.get(agency=transport)
    with frozen(dt.datetime(YEAR, 1, 20, 10, 0)):
        done = services.add_task(actor=officer, plan=plan, title="完成主动公开基本目录年度审查",
                                 owner=officer, due_date=dt.date(YEAR, 3, 31))  # fmt: skip
        late = services.add_task(actor=officer, plan=plan, title="建立政策解读与回应关切工作机制",
                                 owner=drafter, due_date=dt.date(YEAR, 6, 30))  # fmt: skip
        services.add_task(actor=officer, plan=plan, title="政府网站与政务新媒体年度检查",
                          owner=officer, due_date=dt.date(YEAR, 12, 31))  # fmt: skip
        services.submit_plan(
            actor=officer, plan=plan, summary="五公开、重点领域信息公开、解读回应。",
            uploaded_file=_doc(transport),
        )  # fmt: skip
    with frozen(dt.datetime(YEAR, 3, 30, 15, 0)):
        services.complete_task(actor=officer, task=done, result="目录已审查并更新 126 项。")
    with frozen(dt.datetime(YEAR, 7, 2, 9, 0)):
        services.follow_up(actor=supervisor, target=late, reason="任务已逾期，请说明进展和原因。")
    edu_plan = round_.plans.get(agency=education)
    with frozen(dt.datetime(YEAR, 2, 10, 16, 0)):
        services.add_task(actor=edu_officer, plan=edu_plan, title="教育收费信息专栏更新",
                          owner=edu_officer, due_date=dt.date(YEAR, 9, 1))  # fmt: skip
        services.submit_plan(actor=edu_officer, plan=edu_plan, uploaded_file=_doc(education))
