"""Demo citizen messages. First the live workflow examples: messages in every state of the
workflow for the demo agencies and users of sunshine/demo/kernel_data.py; each carries a fixed
external id (source "web", "demo-…") and is created only once; dates are set back with the
kernel clock, so the reply clocks are real: one message is overdue, one due soon, one unanswered
for more than 3 months. Then the shipped taidi2020 subset (1,408 messages with official replies,
the 500 most-voted messages) imported as historical messages, grouped (重复留言, 同一话题) and
ranked (热点). Idempotent: imports are keyed by 留言编号 and the grouping is recomputed."""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.workcalendar.calendar import add_workdays
from sunshine.participation.messages import services
from sunshine.participation.messages.models import Message, MessageSource

DATA_DIR = Path(__file__).resolve().parent / "data" / "taidi2020"
FILES = ("replies_dev.csv", "votes_top500.csv")


def load(*, stdout) -> None:
    from sunshine.participation.messages.importing import import_files
    from sunshine.participation.messagetopics.grouping import regroup_messages

    load_workflow_examples(stdout=stdout)
    results = import_files([DATA_DIR / name for name in FILES])
    for path, summary in results.items():
        stdout.write(
            f"messages: {path.name}: {summary.created} new, {summary.existing} existing, "
            f"{len(summary.refused)} refused"
        )
    result = regroup_messages()
    stdout.write(
        f"messages: grouped {result.messages} messages: "
        f"{result.groups.get('near_duplicate', 0)} near-duplicate groups, "
        f"{result.groups.get('same_topic', 0)} topics ({result.seconds.get('total', 0):.1f} s)"
    )


DEMO_PREFIX = "demo-"


def _users():
    from sunshine.kernel.accounts.models import User

    emails = {
        "citizen": "citizen@demo.example.com",
        "company": "company@demo.example.com",
        "drafter": "drafter@demo.gd.gov.cn",
        "officer": "officer@demo.gd.gov.cn",
        "supervisor": "supervisor@demo.gd.gov.cn",
        "gz": "gz.drafter@demo.gd.gov.cn",
    }
    found = {u.email: u for u in User.objects.filter(email__in=emails.values())}
    return {key: found.get(email) for key, email in emails.items()}


def _agencies():
    from sunshine.kernel.orgs.models import Agency

    names = {"transport": "广东省交通运输厅", "gz": "广州市交通运输局", "edu": "广东省教育厅"}
    found = {a.name: a for a in Agency.objects.filter(name__in=names.values())}
    return {key: found.get(name) for key, name in names.items()}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _start_for_due(today: dt.date, due: dt.date) -> dt.date:
    """A working-day start whose 5-wd reply deadline falls on `due`."""
    day = due
    for _ in range(30):
        day -= dt.timedelta(days=1)
        if add_workdays(day, 5)[0] == due:
            return day
    return due - dt.timedelta(days=7)


def _submit(key, author, *, at, subject, body, agency=None):
    with clock.frozen(at):
        message = services.submit_message(author=author, subject=subject, body=body, agency=agency)
    Message.objects.filter(pk=message.pk).update(external_id=DEMO_PREFIX + key)
    message.refresh_from_db()
    return message


EXAMPLES = [
    # key, author, agency key, subject, body
    (
        "unrouted",
        "citizen",
        None,
        "地铁站出口共享单车乱停放，影响通行",
        "天河区体育西路地铁站B出口每天早晚高峰共享单车堆放在盲道和出入口，行人特别是"
        "老人和推婴儿车的家长通行困难。不清楚该向哪个部门反映，希望有关部门规范停放管理。",
    ),
    (
        "on-time",
        "citizen",
        "transport",
        "建议增开机场至火车站的夜间巴士",
        "每天晚上十一点以后航班到达的旅客较多，机场到火车站只有出租车，价格较高。"
        "建议增开夜间巴士线路，方便旅客换乘。",
    ),
    (
        "due-soon",
        "company",
        "transport",
        "道路运输经营许可证年审材料咨询",
        "我公司从事普通货物道路运输，想咨询今年道路运输经营许可证年审需要提交哪些材料，"
        "是否可以全程网上办理？",
    ),
    (
        "overdue",
        "citizen",
        "transport",
        "高速公路服务区充电桩长期故障",
        "近一个月多次经过广河高速某服务区，四个充电桩中有三个显示故障，电动车排队充电"
        "超过一个小时，请督促管理单位尽快维修。",
    ),
    (
        "veto",
        "citizen",
        "transport",
        "乡村公路路灯不亮存在安全隐患",
        "县道沿线两公里路灯自今年春节后一直不亮，夜间行车和行人都很危险，"
        "多次向村委会反映未果，请交通部门协调处理。",
    ),
    (
        "extended",
        "company",
        "transport",
        "货车通行证办理时间过长",
        "我公司在网上申请货车市区通行证已超过二十天仍未审核，影响正常配送，请协调加快办理。",
    ),
    (
        "misrouted",
        "citizen",
        "gz",
        "小学周边学生托管机构收费不规范",
        "学校附近多家托管机构收费标准不公开、随意涨价，希望主管部门加强监管。",
    ),
    (
        "transferred",
        "citizen",
        "transport",
        "广州市内公交站台候车亭破损",
        "广州市天河区天河路某公交站候车亭顶棚破损漏雨，下雨天乘客无处避雨，请尽快维修。",
    ),
    (
        "replied-good",
        "citizen",
        "transport",
        "出租车拒载、绕路问题",
        "我叫王小明，电话13800138000，上周在火车站乘坐车牌粤A12345的出租车，司机拒载短途乘客"
        "并绕路收费，希望交通部门加强出租车行业管理。",
    ),
    (
        "reopened",
        "citizen",
        "transport",
        "公交线路调整后换乘不便",
        "某公交线路调整后不再经过我们小区，老人出行需要多走一公里，请恢复原线路或增设接驳线路。",
    ),
    (
        "rejected",
        "citizen",
        None,
        "咨询某商场打折活动时间",
        "请问某商场的周年庆打折活动从哪天开始？",
    ),
]


def load_workflow_examples(*, stdout) -> None:
    users, agencies = _users(), _agencies()
    if not users["citizen"] or not agencies["transport"]:
        stdout.write("messages: demo users/agencies missing, workflow examples skipped")
        return
    existing = set(
        Message.objects.filter(
            source=MessageSource.WEB, external_id__startswith=DEMO_PREFIX
        ).values_list("external_id", flat=True)
    )
    today = clock.today()
    created = 0
    for key, author_key, agency_key, subject, body in EXAMPLES:
        if DEMO_PREFIX + key in existing:
            continue
        agency = agencies.get(agency_key) if agency_key else None
        if agency_key and agency is None:
            continue
        with transaction.atomic():
            _example(
                key,
                users,
                agencies,
                today,
                users[author_key] or users["citizen"],
                agency,
                subject,
                body,
            )
        created += 1
    stdout.write(f"messages: {created} workflow examples created ({len(existing)} existing)")


def _example(key, users, agencies, today, author, agency, subject, body):
    staff = users["drafter"]
    officer = users["officer"] or staff
    supervisor = users["supervisor"]
    if key == "unrouted":
        _submit(key, author, at=_at(today, 9), subject=subject, body=body)
    elif key == "on-time":
        _submit(key, author, at=_at(today, 8), subject=subject, body=body, agency=agency)
    elif key == "due-soon":
        start = _start_for_due(today, today + dt.timedelta(days=1))
        _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
    elif key == "overdue":
        start = _start_for_due(today, today - dt.timedelta(days=3))
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        if supervisor is not None:
            from sunshine.kernel.duban.services import issue_order

            issue_order(
                target=m, actor=supervisor, reason="留言已超过答复期限，请于3个工作日内答复并反馈。"
            )
    elif key == "veto":
        start = today - dt.timedelta(days=120)
        _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
    elif key == "extended":
        start = _start_for_due(today, today + dt.timedelta(days=2))
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        with clock.frozen(_at(start + dt.timedelta(days=1), 15)):
            services.extend_message(
                message=m, actor=officer, length=10, reason="需会同市交通运输局核实审批记录"
            )
    elif key == "misrouted":
        start = today - dt.timedelta(days=1)
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        if users["gz"] is not None:
            with clock.frozen(_at(today, 8)):
                services.return_misrouted(
                    message=m,
                    actor=users["gz"],
                    reason="属教育部门职责，非本局职责范围，请重新分派。",
                )
    elif key == "transferred":
        start = today - dt.timedelta(days=2)
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        if agencies["gz"] is not None:
            with clock.frozen(_at(start, 15)):
                services.transfer_message(
                    message=m,
                    agency=agencies["gz"],
                    actor=officer,
                    reason="属广州市公交站台设施，转广州市交通运输局办理",
                )
    elif key == "replied-good":
        start = today - dt.timedelta(days=12)
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        with clock.frozen(_at(start + dt.timedelta(days=3), 16)):
            services.reply_to_message(
                message=m,
                actor=staff,
                body="王小明您好！您反映的粤A12345出租车拒载、绕路问题，经调取车载记录核实属实，"
                "已依法对驾驶员作出处罚，并约谈所属公司。感谢您对交通运输工作的监督。",
                publish=True,
            )
        with clock.frozen(_at(start + dt.timedelta(days=4), 10)):
            m.refresh_from_db()
            services.rate_reply(message=m, rater=author, level="very_satisfied", comment="处理及时")
    elif key == "reopened":
        start = today - dt.timedelta(days=8)
        m = _submit(key, author, at=_at(start), subject=subject, body=body, agency=agency)
        with clock.frozen(_at(start + dt.timedelta(days=2), 11)):
            services.reply_to_message(
                message=m,
                actor=staff,
                body="您好！线路调整是根据客流情况作出的，暂不恢复。",
                publish=True,
            )
        with clock.frozen(_at(start + dt.timedelta(days=3), 9)):
            m.refresh_from_db()
            services.rate_reply(
                message=m, rater=author, level="dissatisfied", comment="没有回应增设接驳线路的建议"
            )
    elif key == "rejected":
        m = _submit(key, author, at=_at(today - dt.timedelta(days=1)), subject=subject, body=body)
        if supervisor is not None:
            services.reject_message(
                message=m,
                actor=supervisor,
                reason="商场促销活动属企业经营信息，不属于政务留言受理范围。",
            )
