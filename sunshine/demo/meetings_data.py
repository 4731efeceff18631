"""Demo data of 会议公开 and 列席 (idempotent: a meeting whose title exists is left alone):
- a public hearing of 省交通运输厅 whose 列席 applications exceeded the seats, drawn by the
  system at the deadline (published method, inputs and result);
- a past meeting with its minutes and decisions published;
- a meeting open for applications now (with live streaming), so a visitor can apply."""

import datetime as dt

from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.meetings import services
from sunshine.participation.meetings.models import Meeting
from sunshine.testing.factories.meetings import open_meeting

from .kernel_data import ensure_citizen

AGENCY = "广东省交通运输厅"
OFFICER = "officer@demo.gd.gov.cn"

# 列席 applicants (demo citizens): e-mail, name, category, reason
APPLICANTS = [
    ("lx.huang@demo.example.com", "黄志强", "public", "家住广湛高速沿线，关心施工期间出行安排。"),
    (
        "lx.chen@demo.example.com",
        "陈晓燕",
        "public",
        "每天通勤经过该路段，希望了解改扩建后的收费安排。",
    ),
    ("lx.li@demo.example.com", "李国华", "public", "作为货车司机，关注施工期间货车绕行方案。"),
    ("lx.zhang@demo.example.com", "张丽娟", "public", "社区居民代表，关注噪声和环境影响。"),
    ("lx.wu@demo.example.com", "吴建平", "public", "希望了解服务区改造计划。"),
    ("lx.zhou@demo.example.com", "周美玲", "public", "关心沿线村庄出入口设置。"),
    ("lx.lin@demo.example.com", "林永健", "stakeholder", "沿线物流企业负责人，施工影响企业运输。"),
    ("lx.he@demo.example.com", "何秀英", "stakeholder", "沿线村民小组长，涉及征地拆迁。"),
    ("lx.luo@demo.example.com", "罗文博", "stakeholder", "沿线加油站经营者。"),
    ("lx.liang@demo.example.com", "梁思远", "expert", "从事道路工程研究多年。"),
    ("lx.guo@demo.example.com", "郭振华", "media", "地方电视台交通栏目记者。"),
]
DRAWN = "广州至湛江高速公路改扩建工程方案听证会"
PAST = "2026年全省普通公路养护工作座谈会"
OPEN = "广东省高速公路服务区服务质量提升方案公众座谈会"


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _applicants() -> list[tuple[User, str, str, str]]:
    rows = []
    for email, name, category, reason in APPLICANTS:
        rows.append((ensure_citizen(email, name), name, category, reason))
    return rows


def _drawn(agency, officer, today: dt.date) -> Meeting:
    opened, close_at = today - dt.timedelta(days=15), _at(today - dt.timedelta(days=3), 17)
    with clock.frozen(_at(opened, 10)):
        # Announced with the opening: the closing value of the 深证成指 that day, for example.
        meeting = open_meeting(
            officer,
            agency,
            {"stakeholder": 2, "public": 3, "expert": 1, "media": 1},
            number="10862.47",
            title=DRAWN,
            description=(
                "听取广州至湛江高速公路改扩建工程方案说明，就施工期交通组织、收费安排、"
                "沿线出入口设置和环境保护措施听取利益相关方、公众代表、专家和媒体意见。"
            ),
            starts_at=_at(today + dt.timedelta(days=7), 9, 30),
            place="广东省交通运输厅三楼第一会议室（广州市白云路27号）",
            publish_modes=["live", "minutes"],
            applications_close_at=close_at,
            live_url="https://live.example.gd.gov.cn/jtyst/gzzj-hearing",
        )
    for i, (user, name, category, reason) in enumerate(_applicants()):
        with clock.frozen(_at(opened + dt.timedelta(days=1 + i % 10), 11)):
            services.apply(
                actor=user,
                meeting=meeting,
                category=category,
                name=name,
                contact=f"1390200{i:04d}",
                reason=reason,
            )
    with clock.frozen(close_at + dt.timedelta(minutes=5)):
        services.draw_due_meetings()  # the periodic job at the deadline
    return meeting


def _past(agency, officer, today: dt.date) -> Meeting:
    held = today - dt.timedelta(days=40)
    with clock.frozen(_at(held - dt.timedelta(days=20), 10)):
        meeting = open_meeting(
            officer,
            agency,
            {"public": 2, "expert": 2},
            number="3071.88",
            title=PAST,
            description="总结上半年普通公路养护工作，部署下半年重点任务。",
            starts_at=_at(held, 14, 30),
            place="广东省交通运输厅五楼会议室",
            publish_modes=["minutes"],
        )
    users = _applicants()
    with clock.frozen(_at(held - dt.timedelta(days=10), 10)):
        for user, name, category, _reason in (users[0], users[9]):
            services.apply(
                actor=user,
                meeting=meeting,
                category="public" if category == "public" else "expert",
                name=name,
                contact="13902000000",
                reason="关心普通公路养护。",
            )
        services.close_and_draw(meeting=meeting, actor=officer)
    with clock.frozen(_at(held, 17)):
        services.mark_held(actor=officer, meeting=meeting)
    with clock.frozen(_at(held + dt.timedelta(days=2), 10)):
        services.publish_results(
            actor=officer,
            meeting=meeting,
            minutes=(
                "会议由厅分管负责同志主持，公路事务中心汇报了上半年全省普通公路养护工作情况。\n"
                "列席的公众代表就农村公路坑槽修补不及时、雨季边坡巡查等问题发表了意见；"
                "专家代表建议推广预防性养护，加强路况自动检测数据的应用。\n"
                "会议认为，上半年全省普通公路养护总体平稳，优良路率稳步提升。"
            ),
            decisions=(
                "一、下半年完成国省道预防性养护1200公里。\n"
                "二、建立农村公路坑槽48小时修补机制，在门户网站公开处理情况。\n"
                "三、汛期前完成高边坡隐患排查并公开整改清单。"
            ),
        )
    return meeting


def _open(agency, officer, today: dt.date) -> Meeting:
    with clock.frozen(_at(today - dt.timedelta(days=2), 10)):
        meeting = open_meeting(
            officer,
            agency,
            {"public": 5, "media": 2},
            number="3392.15",
            title=OPEN,
            description="就高速公路服务区充电设施、餐饮价格和卫生间配置的提升方案听取意见。",
            starts_at=_at(today + dt.timedelta(days=14), 9, 30),
            place="广东省交通运输厅三楼第二会议室",
            publish_modes=["live", "summary"],
            applications_close_at=_at(today + dt.timedelta(days=7), 17),
            live_url="https://live.example.gd.gov.cn/jtyst/fwq",
        )
        user, name, _c, _r = _applicants()[1]
        services.apply(
            actor=user,
            meeting=meeting,
            category="public",
            name=name,
            contact="13902000001",
            reason="常跑长途，希望服务区增加充电桩。",
        )
    return meeting


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    officer = User.objects.get(email=OFFICER)
    today = clock.today()
    existing = set(Meeting.objects.filter(agency=agency).values_list("title", flat=True))
    made = []
    for title, build in ((DRAWN, _drawn), (PAST, _past), (OPEN, _open)):
        if title not in existing:
            made.append(build(agency, officer, today))
    if stdout is not None:
        stdout.write(f"meetings: {len(made)} created")
