"""Opinion events for tests, made through the services (clocks, audit trail are real)."""

import datetime as dt

import factory
from django.utils import timezone

from sunshine.participation.opinion import services
from sunshine.participation.opinion.models import OpinionEvent, OpinionResponse

from .kernel import AgencyFactory, staff_with

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


class OpinionEventFactory(factory.django.DjangoModelFactory):
    """A 舆情事件 of `involved_agency`, registered by `actor` (default: a new drafter there)
    through `services.create_event` (its response clocks start there)."""

    class Meta:
        model = OpinionEvent

    involved_agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("drafter", o.involved_agency))
    title = "暴雨致广园路段道路塌陷"
    summary = "网民发布视频称广园路一处路面塌陷，车辆受损。"
    source = "weibo"
    source_url = "https://weibo.example.com/1"
    first_seen_at = T0
    level = "major_emergency"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_event(**kwargs)


class OpinionResponseFactory(factory.django.DjangoModelFactory):
    """A response to `event` by `actor` (default: a new reviewer of the involved agency)
    through `services.record_response` (stops the matching clock)."""

    class Meta:
        model = OpinionResponse

    event = factory.SubFactory(OpinionEventFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("reviewer", o.event.involved_agency))
    kind = "authoritative_information"
    channel = "gov_weibo"
    text = "经初步核查，塌陷路段已封闭，无人员伤亡，抢修工作正在进行。"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.record_response(**kwargs)


def event(people, **fields):
    """An event of people["agency"] registered by people["drafter"]."""
    fields.setdefault("actor", people["drafter"])
    fields.setdefault("involved_agency", people["agency"])
    return OpinionEventFactory(**fields)


def respond(people, event, kind="authoritative_information", **fields):
    """A response to `event` by people["reviewer"]."""
    fields.setdefault("actor", people["reviewer"])
    return OpinionResponseFactory(event=event, kind=kind, **fields)
