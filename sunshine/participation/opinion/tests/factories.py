"""Opinion events for tests, made through the services (clocks, audit trail are real)."""

import datetime as dt

from django.utils import timezone

from sunshine.participation.opinion import services
from sunshine.testing.factories import staff_with

T0 = timezone.make_aware(dt.datetime(2026, 7, 1, 8, 0))  # a Wednesday, 08:00 Asia/Shanghai


def make_people(province) -> dict:
    transport, office = province["transport"], province["office"]
    return {
        "agency": transport,
        "other_agency": province["city"],
        "drafter": staff_with("drafter", transport),
        "reviewer": staff_with("reviewer", transport),
        "approver": staff_with("approver", transport),
        "officer": staff_with("disclosure_officer", transport),
        "supervisor": staff_with("supervisor", office),
        "other_reviewer": staff_with("reviewer", province["city"]),
    }


def event(people, **fields):
    values = {
        "title": "暴雨致广园路段道路塌陷",
        "summary": "网民发布视频称广园路一处路面塌陷，车辆受损。",
        "source": "weibo",
        "source_url": "https://weibo.example.com/1",
        "first_seen_at": T0,
        "level": "major_emergency",
        "involved_agency": people["agency"],
    }
    values.update(fields)
    actor = values.pop("actor", people["drafter"])
    return services.create_event(actor=actor, **values)


def respond(people, event, kind="authoritative_information", **fields):
    values = {
        "kind": kind,
        "channel": "gov_weibo",
        "text": "经初步核查，塌陷路段已封闭，无人员伤亡，抢修工作正在进行。",
    }
    values.update(fields)
    actor = values.pop("actor", people["reviewer"])
    return services.record_response(event=event, actor=actor, **values)
