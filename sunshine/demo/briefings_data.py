"""Demo data of 新闻发布会与访谈 (idempotent: a briefing whose title exists is left alone): a
published press conference where 省交通运输厅's principal leader spoke, linked to the demo
records; a joint online interview with 广州市交通运输局's principal leader; an open day without
a principal leader; an upcoming press conference; and last year's briefing of 广州市人民政府.
广东省教育厅, 广东省财政厅 and the 韶关/仁化 governments have none this year: the coverage page
flags them."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.briefings import services
from sunshine.participation.briefings.models import Briefing

AGENCY = "广东省交通运输厅"
OFFICER = "officer@demo.gd.gov.cn"
POLICIES = [
    "广东省交通运输厅关于做好全省普通公路养护管理工作的通知",
    "广东省交通运输厅关于进一步规范高速公路服务区管理的意见",
]
CONFERENCE = "广东省交通运输厅2026年交通运输经济运行和普通公路养护工作新闻发布会"
INTERVIEW = "“粤”来“粤”好——广州市公共交通发展在线访谈"
OPEN_DAY = "广东省交通运输厅“走进交通指挥中心”政府开放日"
UPCOMING = "高速公路服务区服务质量提升政策新闻发布会"
LAST_YEAR = "广州市交通强市建设情况新闻发布会"

TRANSCRIPT = """主持人：各位记者朋友，大家上午好！欢迎出席今天的新闻发布会。今天我们邀请到省交通运输厅李明厅长，介绍全省交通运输经济运行和普通公路养护工作情况，并回答大家关心的问题。
李明：各位记者朋友，大家好。今年以来，全省交通运输系统坚持稳中求进，交通运输经济运行总体平稳。前三季度完成交通固定资产投资同比增长。
李明：关于普通公路养护，我厅印发了《关于做好全省普通公路养护管理工作的通知》，明确了预防性养护、农村公路坑槽修补和汛期边坡巡查的要求。
南方日报记者：请问农村公路坑槽修补有什么新的要求？
李明：我们将建立坑槽48小时修补机制，处理情况在门户网站公开，接受群众监督。
羊城晚报记者：高速公路服务区管理有哪些新举措？
陈建华：省交通运输厅出台了《关于进一步规范高速公路服务区管理的意见》，重点解决充电难、如厕难和餐饮价格高等问题。
主持人：今天的发布会到此结束，谢谢大家。"""


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _make(officer, agency, *, title, kind, when, speakers, place="", online_url="", summary="",
          transcript="", media=(), policies=(), state="published", attachment=None) -> Briefing:  # fmt: skip
    with clock.frozen(min(when - dt.timedelta(days=5), clock.now())):
        item = services.create_briefing(
            actor=officer, agency=agency, kind=kind, title=title, scheduled_at=when, place=place,
            online_url=online_url, summary=summary,
        )  # fmt: skip
        services.set_speakers(actor=officer, briefing=item, speakers=speakers)
        if policies:
            services.link_policies(actor=officer, briefing=item, records=list(policies))
    if state == "scheduled":
        return item
    with clock.frozen(when + dt.timedelta(hours=2)):
        services.record_held(actor=officer, briefing=item, held_at=when)
    with clock.frozen(when + dt.timedelta(days=1)):
        services.save_record(
            actor=officer, briefing=item, transcript=transcript, media_links=list(media)
        )
        if attachment:
            name, text = attachment
            services.attach_file(
                actor=officer, briefing=item, uploaded_file=ContentFile(text.encode(), name=name)
            )
        services.publish_briefing(actor=officer, briefing=item)
    return item


def load(*, stdout=None) -> None:
    agencies = {a.name: a for a in Agency.objects.all()}
    transport = agencies[AGENCY]
    officer = User.objects.get(email=OFFICER)
    today = clock.today()
    # Briefings of this year fall in this year even early in January.
    this_year = max(today - dt.timedelta(days=30), dt.date(today.year, 1, 2))
    policies = list(public_records().filter(title__in=POLICIES).values_list("pk", flat=True))
    existing = set(Briefing.objects.values_list("title", flat=True))
    leader = {"name": "李明", "post": "厅长", "agency": transport, "is_principal_leader": True}
    spokesman = {"name": "陈建华", "post": "新闻发言人、办公室主任", "agency": transport}
    plans = [
        (CONFERENCE, lambda: _make(
            officer, transport, title=CONFERENCE, kind="press_conference", when=_at(this_year),
            place="省政府新闻办新闻发布厅", speakers=[leader, spokesman],
            summary="介绍全省交通运输经济运行和普通公路养护工作情况，并答记者问。",
            transcript=TRANSCRIPT, policies=policies,
            media=[{"kind": "video", "url": "https://video.example.gd.gov.cn/jtyst/fbh-2026.mp4"},
                   {"kind": "photo", "url": "https://img.example.gd.gov.cn/jtyst/fbh-2026-1.jpg"}],
            attachment=("发布稿.txt", TRANSCRIPT.split("\n")[2]),
        )),
        (INTERVIEW, lambda: _make(
            officer, transport, title=INTERVIEW, kind="interview",
            when=_at(max(this_year - dt.timedelta(days=20), dt.date(today.year, 1, 2)), 15),
            online_url="https://ft.example.gd.gov.cn/interview/gz-transit",
            speakers=[{"name": "王志刚", "post": "局长", "agency": agencies["广州市交通运输局"],
                       "is_principal_leader": True}],
            transcript="主持人：网友们好！今天我们邀请到广州市交通运输局王志刚局长，与大家在线交流公共交通发展。\n"
                       "王志刚：今年广州新开通地铁线路，公交线网进一步优化，欢迎网友提出意见建议。\n"
                       "网友“天河通勤族”：早高峰地铁太挤，有什么缓解措施？\n"
                       "王志刚：我们将在重点线路加开高峰列车，并优化接驳公交。",
            media=[{"kind": "audio", "url": "https://ft.example.gd.gov.cn/interview/gz-transit.mp3"}],
        )),
        (OPEN_DAY, lambda: _make(
            officer, transport, title=OPEN_DAY, kind="open_day", when=_at(this_year, 9),
            place="广东省交通运输综合指挥中心",
            speakers=[{"name": "赵海峰", "post": "副厅长", "agency": transport}],
            transcript="30名市民代表走进交通运输综合指挥中心，了解路网监测、应急调度和出行信息服务。",
        )),
        (UPCOMING, lambda: _make(
            officer, transport, title=UPCOMING, kind="press_conference",
            when=_at(today + dt.timedelta(days=10)), place="省政府新闻办新闻发布厅",
            speakers=[spokesman], state="scheduled", policies=policies[1:],
            online_url="https://live.example.gd.gov.cn/xwfb/fwq",
        )),
        (LAST_YEAR, lambda: _make(
            officer, transport, title=LAST_YEAR, kind="press_conference",
            when=_at(dt.date(today.year - 1, 9, 15)),
            speakers=[{"name": "刘建国", "post": "市长", "agency": agencies["广州市人民政府"],
                       "is_principal_leader": True}],
            transcript="广州市人民政府介绍交通强市建设情况。",
        )),
    ]  # fmt: skip
    made = [build() for title, build in plans if title not in existing]
    if stdout is not None:
        stdout.write(f"briefings: {len(made)} created")
