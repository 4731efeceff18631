"""Demo data of 政务舆情: a major emergency (暴雨致道路塌陷, 广州市交通运输局) whose authoritative
information came within 5 hours but whose press conference is missing (overdue), and a hot
issue of the provincial transport department answered in time and closed with its evaluation;
both with captured posts whose sentiment the shipped model computes, and each with the 研判
that preceded its first response. A third event (校车线路调整) is in 会商: the transport
department invited the education department (answered) and the finance department (pending,
its 6-hour answer clock still running), after a 研判 that recommends a joint response.

The events are replayed at their own times (kernel clock frozen while each act is recorded),
so the clocks stop on time or late as they would have. Idempotent: an event already there (by
title) is left alone."""

import datetime as dt

from django.db import transaction

from sunshine.demo.kernel_data import ensure_staff
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.deadlines.sweep import sweep_open_clocks
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.opinion import services
from sunshine.participation.opinion.alerts import notify_general_office
from sunshine.participation.opinion.models import OpinionEvent

H = dt.timedelta(hours=1)
MAJOR_TITLE = "暴雨致广州市天河区广园快速路辅道路面塌陷"
HOT_TITLE = "网民反映省内高速公路服务区充电桩排队时间过长"
COORDINATION_TITLE = "网民反映新学期校车线路调整致部分学生绕行上学"

MAJOR_ITEMS = [
    (
        "weibo",
        "路面塌了一个大坑，两辆车掉进去了，太吓人了，到现在也没看到有人来处理",
        "网友@天河小陈",
    ),
    ("weibo", "暴雨下了一夜，广园路那边塌陷，绕路堵了一个多小时，出行太难了", "网友@广州打工人"),
    ("wechat", "交通部门这么久都不发个通知，市民根本不知道哪条路能走，很失望", "公众号读者留言"),
    (
        "forum",
        "听说塌陷是因为地下管道老化，这种隐患早该排查了，相关部门太不负责",
        "论坛用户 gz2026",
    ),
    ("online_media", "记者现场看到，塌陷路段已拉起警戒线，抢修人员正在作业", "某新闻网"),
    ("weibo", "官方通报出来了，没有人员伤亡就好，抢修的工人辛苦了，点赞", "网友@珠江夜跑"),
    ("weibo", "通报很及时，绕行方案也写得清楚，给交通局点个赞", "网友@天河街坊"),
    (
        "hotline_12345",
        "市民来电反映塌陷路段附近公交改线，希望尽快公布恢复通行时间",
        "12345热线工单",
    ),
    ("wechat", "希望开个发布会说清楚原因和责任，别每次都不了了之，太让人失望了", "公众号读者留言"),
    ("traditional_media", "广州日报：天河区一路段因强降雨发生塌陷，有关部门正组织抢修", "广州日报"),
    (
        "forum",
        "都过了一天了还没有新闻发布会，原因到底是什么，没人出来说明，很差劲",
        "论坛用户 rain88",
    ),
    ("weibo", "抢修速度很快，晚上已经开始回填了，服务很到位，感谢", "网友@小北路人"),
]

HOT_ITEMS = [
    ("weibo", "国庆回老家，服务区充电排了两个小时队，电车出行太难受了", "网友@电车车主"),
    ("forum", "充电桩一半是坏的，也没人维修，体验很差，太失望了", "论坛用户 ev2026"),
    (
        "wechat",
        "交通厅回应说节前新增一批充电桩，还有移动充电车，这个回应很及时，点赞",
        "公众号读者留言",
    ),
    ("weibo", "看到回应了，还公布了各服务区充电桩实时查询方式，很实用，好评", "网友@粤东自驾"),
    (
        "online_media",
        "记者实地探访多个服务区，新增充电桩已陆续投入使用，排队情况有所缓解",
        "某新闻网",
    ),
    (
        "hotline_12345",
        "市民建议在导航软件中显示服务区充电桩空闲数量，方便错峰充电",
        "12345热线工单",
    ),
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _items(rows, moment) -> list[dict]:
    return [
        {"source": source, "text": text, "author_label": author, "captured_at": moment}
        for source, text, author in rows
    ]


def _major(now: dt.datetime) -> None:
    agency = Agency.objects.get(name="广州市交通运输局")
    gz = _user("gz.drafter@demo.gd.gov.cn")  # 起草 + 审核 at 广州市交通运输局
    seen = (now - 30 * H).replace(minute=10, second=0, microsecond=0)
    with clock.frozen(seen + 0.5 * H):
        event = services.create_event(
            actor=gz,
            involved_agency=agency,
            title=MAJOR_TITLE,
            summary=(
                "凌晨强降雨后，广园快速路辅道一处路面塌陷，约 20 平方米，两辆小汽车受损。"
                "现场视频在微博、微信群广泛传播，网民关注塌陷原因、人员伤亡和绕行安排。"
            ),
            source="weibo",
            source_url="https://weibo.example.com/status/2026-gy-collapse",
            first_seen_at=seen,
            level="major_emergency",
        )
    with clock.frozen(seen + 2 * H):
        services.capture_items(event=event, actor=gz, items=_items(MAJOR_ITEMS[:6], seen + H))
    with clock.frozen(seen + 2.5 * H):  # 研判 before the first response
        services.record_analysis(
            event=event,
            actor=gz,
            level="major_emergency",
            trend="rising",
            concerns="有无人员伤亡、塌陷原因、绕行安排和恢复通行时间。",
            method="authoritative_information",
            talking_points="快报事实、慎报原因：无人员伤亡，路段已封闭抢修，公布绕行线路；"
            "原因调查结果另行公布。",
        )
    with clock.frozen(seen + 3 * H):  # within the 5 hours
        services.record_response(
            event=event,
            actor=gz,
            kind="authoritative_information",
            channel="gov_weibo",
            text=(
                "【情况通报】今日凌晨受强降雨影响，天河区广园快速路辅道一处路面发生塌陷，"
                "经核查无人员伤亡，两辆受损车辆已拖离。塌陷路段已封闭，抢修单位正在排水、回填，"
                "请市民经黄埔大道、中山大道绕行。塌陷原因正在调查，结果将及时向社会公布。"
            ),
            url="https://jtj.gz.example.gov.cn/tzgg/2026-gy.html",
        )
    with clock.frozen(seen + 12 * H):
        services.capture_items(event=event, actor=gz, items=_items(MAJOR_ITEMS[6:], seen + 11 * H))
    # No press conference within 24 hours: the clock is overdue.


def _hot(now: dt.datetime) -> None:
    agency = Agency.objects.get(name="广东省交通运输厅")
    drafter = _user("drafter@demo.gd.gov.cn")
    reviewer = _user("reviewer@demo.gd.gov.cn")
    supervisor = _user("supervisor@demo.gd.gov.cn")
    seen = (now - 4 * 24 * H).replace(minute=30, second=0, microsecond=0)
    with clock.frozen(seen + H):
        event = services.create_event(
            actor=drafter,
            involved_agency=agency,
            title=HOT_TITLE,
            summary="节假日期间多名网民反映高速公路服务区充电桩排队两小时以上、部分设备故障。",
            source="online_media",
            source_url="https://news.example.com/2026/ev-queue",
            first_seen_at=seen,
            level="hot_issue",
        )
        services.capture_items(event=event, actor=drafter, items=_items(HOT_ITEMS[:2], seen))
    with clock.frozen(seen + 18 * H):
        services.record_analysis(
            event=event,
            actor=reviewer,
            level="hot_issue",
            trend="rising",
            concerns="节假日充电排队时间长、部分充电桩故障无人维修。",
            method="response",
            talking_points="说明新增充电桩和移动充电车安排，公布实时查询方式和故障修复时限。",
        )
    with clock.frozen(seen + 20 * H):  # within the 48 hours
        services.record_response(
            event=event,
            actor=reviewer,
            kind="response",
            channel="website",
            text=(
                "针对网民反映的服务区充电排队问题，省交通运输厅已会同省交通集团在主要服务区"
                "新增充电桩 120 个，节假日高峰期调派移动充电车，并在“粤高速”平台提供充电桩"
                "实时空闲查询。故障设备将于 3 日内修复。欢迎继续监督。"
            ),
            url="https://td.gd.example.gov.cn/hygz/2026-ev.html",
        )
        services.capture_items(
            event=event, actor=drafter, items=_items(HOT_ITEMS[2:], seen + 19 * H)
        )
    with clock.frozen(seen + 72 * H):
        services.close_event(
            event=event,
            actor=supervisor,
            evaluation_score=4,
            evaluation_text="回应及时，措施具体，网民负面情绪明显回落；建议持续公布设备修复进度。",
        )


def _coordination(now: dt.datetime) -> None:
    """研判, then a 会商 with two invited departments: one answered, one still to answer."""
    transport = Agency.objects.get(name="广东省交通运输厅")
    education = Agency.objects.get(name="广东省教育厅")
    finance = Agency.objects.get(name="广东省财政厅")
    drafter = _user("drafter@demo.gd.gov.cn")
    reviewer = _user("reviewer@demo.gd.gov.cn")
    edu = ensure_staff("edu.reviewer@demo.gd.gov.cn", "何审核", education, ["reviewer"])
    ensure_staff("finance.reviewer@demo.gd.gov.cn", "郑审核", finance, ["reviewer"])
    seen = (now - 3 * H).replace(second=0, microsecond=0)
    with clock.frozen(seen + 0.25 * H):
        event = services.create_event(
            actor=drafter,
            involved_agency=transport,
            title=COORDINATION_TITLE,
            summary=(
                "开学后部分县区校车线路调整，家长在微博、论坛反映学生需步行绕行两公里以上，"
                "质疑线路调整未征求意见、校车补贴是否削减。"
            ),
            source="weibo",
            source_url="https://weibo.example.com/status/2026-school-bus",
            first_seen_at=seen,
            level="hot_issue",
        )
    with clock.frozen(seen + 0.5 * H):
        services.record_analysis(
            event=event,
            actor=reviewer,
            level="hot_issue",
            trend="rising",
            concerns="线路调整是否征求家长意见；学生绕行的安全；校车补贴是否削减。",
            method="joint_response",
            talking_points="涉及交通、教育、财政三部门职责，会商后统一口径联合回应。",
        )
    with clock.frozen(seen + H):
        coordination = services.open_coordination(
            event=event,
            actor=reviewer,
            topic="校车线路调整的原因、安全保障和补贴政策",
            brief="网民集中关注线路调整程序、学生安全和补贴三方面，请按职责答复，统一口径后联合回应。",
            hours=6,
            invitations=[
                {
                    "agency": education,
                    "question": "请说明线路调整前是否征求学校和家长意见，以及绕行学生的安全保障措施。",
                },
                {
                    "agency": finance,
                    "question": "请说明今年校车运营补贴的安排，是否存在削减。",
                },
            ],
        )
    with clock.frozen(seen + 2 * H):
        part = coordination.parts.get(agency=education)
        services.answer_part(
            part=part,
            actor=edu,
            answer=(
                "线路调整前已由各县区教育局组织学校征求家长意见，共收回问卷 1,200 余份；"
                "对需绕行的学生，学校安排教师在路口值守护送，并将增设两个临时停靠点。"
            ),
        )
    # 广东省财政厅 has not answered: its clock (6 h from the invitation) is still running.


def load(*, stdout=None) -> None:
    now = clock.now()
    made = []
    with transaction.atomic():
        if not OpinionEvent.objects.filter(title=MAJOR_TITLE).exists():
            _major(now)
            made.append(MAJOR_TITLE)
        if not OpinionEvent.objects.filter(title=HOT_TITLE).exists():
            _hot(now)
            made.append(HOT_TITLE)
        if not OpinionEvent.objects.filter(title=COORDINATION_TITLE).exists():
            _coordination(now)
            made.append(COORDINATION_TITLE)
    if made:
        # Bring the clocks' colours up to date and tell the general office of what is overdue,
        # as the periodic jobs would within five minutes.
        sweep_open_clocks()
        notify_general_office()
    if stdout is not None:
        stdout.write(f"opinion: {len(made)} event(s) added")
