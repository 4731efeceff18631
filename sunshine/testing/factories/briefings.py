"""Briefings for tests, made through the services."""

from datetime import UTC, datetime

import factory

from sunshine.participation.briefings import services
from sunshine.participation.briefings.models import Briefing

from .kernel import AgencyFactory, staff_with
from .records import make_people, record_in

HELD = datetime(2026, 6, 18, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def public_record(agency, title="广东省交通运输厅关于做好全省普通公路养护管理工作的通知"):
    return record_in("published", make_people(agency), title=title)


class BriefingFactory(factory.django.DjangoModelFactory):
    """A 新闻发布会 of `agency` planned by `actor` (default: a new disclosure officer there)
    through `services.create_briefing` (no speakers yet: see `briefing`)."""

    class Meta:
        model = Briefing

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.agency))
    kind = "press_conference"
    title = "广东省交通运输厅2026年上半年交通运输经济运行新闻发布会"
    scheduled_at = HELD
    place = "省政府新闻办发布厅"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_briefing(**kwargs)


def briefing(officer, agency, *, principal=None, when=HELD, state="published", **fields):
    """A briefing of `agency` walked to `state` (planned, held, published) by `officer`;
    `principal` = the agency whose 主要负责人 spoke (None: nobody)."""
    item = BriefingFactory(actor=officer, agency=agency, scheduled_at=when, **fields)
    speakers = [{"name": "陈建华", "post": "新闻发言人", "agency": agency}]
    if principal is not None:
        speakers.insert(
            0, {"name": "李明", "post": "厅长", "agency": principal, "is_principal_leader": True}
        )
    services.set_speakers(actor=officer, briefing=item, speakers=speakers)
    if state in ("held", "published"):
        services.record_held(actor=officer, briefing=item, held_at=when)
    if state == "published":
        services.save_record(
            actor=officer,
            briefing=item,
            transcript="主持人：各位记者朋友，上午好。\n李明：上半年全省交通运输经济运行稳中有进。",
            media_links=[{"kind": "video", "url": "https://video.example.gov.cn/fb/2026-06.mp4"}],
        )
        services.publish_briefing(actor=officer, briefing=item)
    item.refresh_from_db()
    return item
