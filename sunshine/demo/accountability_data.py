"""Demo data of 问责 (two cases, opened by the general office's supervisor through the
services at past times, so clocks, steps, workflow history and audit look as they would have):

- 超期办理: the demo message 高速公路服务区充电桩长期故障 is past its reply clock (messages demo);
  a case against 广东省交通运输厅 opened from that overdue clock, with the department's
  情况说明, 调查核实 recorded — still in progress, on its own 问责办理 clock;
- 差评整改: a 差评 of the department (its 差评整改 case, from the messages or services demo);
  a case investigated, decided with 约谈 and closed.

Idempotent: a case already there (by title) is left alone; a source that the other scenarios
did not create is skipped with a note."""

import datetime as dt

from django.utils import timezone

from sunshine.governance.accountability import services
from sunshine.governance.accountability.models import AccountabilityCase
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.ratings.models import RectificationCase

AGENCY = "广东省交通运输厅"
SUPERVISOR, LEADER = "supervisor@demo.gd.gov.cn", "approver@demo.gd.gov.cn"
OVERDUE_SUBJECT = "高速公路服务区充电桩长期故障"
OVERDUE_TITLE = "网民留言“高速公路服务区充电桩长期故障”超期未答复问责"
BAD_RATING_TITLE = "群众差评反映办事拖沓问责"


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _overdue_clock():
    from sunshine.participation.messages.models import Message

    message = Message.objects.filter(subject=OVERDUE_SUBJECT).first()
    return open_clock(message, "message.reply") if message is not None else None


def _in_progress(supervisor, leader, today, out) -> None:
    running = _overdue_clock()
    if running is None:
        out("accountability: no overdue message clock (messages demo not loaded), case skipped")
        return
    with clock.frozen(_at(today - dt.timedelta(days=1), 9)):
        case = services.open_case(
            actor=supervisor,
            source_kind="overdue_clock",
            source_id=running.pk,
            title=OVERDUE_TITLE,
            facts=(
                "网民反映高速公路服务区充电桩长期故障，该留言已超过5个工作日答复期限，"
                "经督办仍未答复。"
            ),
        )
    with clock.frozen(_at(today - dt.timedelta(days=1), 15)):
        if leader is not None:
            services.add_statement(
                actor=leader,
                case=case,
                text="因服务区经营单位调整，核实维修进度耗时较长，导致未能按期答复。已督促维修。",
            )
    with clock.frozen(_at(today, 9)):
        services.investigate(
            actor=supervisor,
            case=case,
            findings="经核实，该留言超过答复期限3个工作日，承办处室未申请延期，情况属实。",
        )


def _closed(supervisor, agency, today, out) -> None:
    source = (
        RectificationCase.objects.filter(agency=agency).order_by("opened_at", "pk").first()
        or RectificationCase.objects.order_by("opened_at", "pk").first()
    )
    if source is None:
        out("accountability: no 差评整改 case (services/messages demo not loaded), case skipped")
        return
    start = today - dt.timedelta(days=20)
    with clock.frozen(_at(start)):
        case = services.open_case(
            actor=supervisor,
            source_kind="rectification",
            source_id=source.pk,
            title=BAD_RATING_TITLE,
            facts="群众实名差评反映办事拖沓、电话无人接听，回访核实属实。",
        )
    with clock.frozen(_at(start + dt.timedelta(days=6))):
        services.investigate(
            actor=supervisor,
            case=case,
            findings="经调查，窗口工作人员未按规定一次性告知所需材料，咨询电话无人值守。",
        )
    with clock.frozen(_at(start + dt.timedelta(days=9))):
        services.decide(
            actor=supervisor,
            case=case,
            outcomes=["interview"],
            text="对该单位分管负责人进行约谈，责成其落实一次性告知和咨询电话值守制度。",
            responsible_persons="窗口服务分管负责人",
        )
    with clock.frozen(_at(start + dt.timedelta(days=14))):
        services.close(
            actor=supervisor,
            case=case,
            text="已完成约谈，该单位已建立一次性告知清单和咨询电话轮值表，整改到位。",
        )


def load(*, stdout=None) -> None:
    def out(line: str) -> None:
        if stdout is not None:
            stdout.write(line)

    agency = Agency.objects.filter(name=AGENCY).first()
    supervisor = User.objects.filter(email=SUPERVISOR).first()
    if agency is None or supervisor is None:
        out("accountability: demo agency or supervisor missing, skipped")
        return
    leader = User.objects.filter(email=LEADER).first()
    today = clock.today()
    made = 0
    if not AccountabilityCase.objects.filter(title=OVERDUE_TITLE).exists():
        _in_progress(supervisor, leader, today, out)
        made += 1
    if not AccountabilityCase.objects.filter(title=BAD_RATING_TITLE).exists():
        _closed(supervisor, agency, today, out)
        made += 1
    out(f"accountability: {AccountabilityCase.objects.count()} cases ({made} scenario(s) run)")
