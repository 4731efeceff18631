"""Opinion events for tests, made through the services (clocks, audit trail are real): events,
responses, 研判 and 会商."""

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


def make_coordination_people(province) -> dict:
    """make_people plus two agencies a 会商 invites (住建厅, 水利厅, under the provincial
    government, so neither is above the other or the city) with a drafter and a reviewer
    each."""
    people = make_people(province)
    root = province["root"]
    housing = AgencyFactory(name="广东省住房和城乡建设厅", parent=root, region=root.region)
    water = AgencyFactory(name="广东省水利厅", parent=root, region=root.region)
    people.update(
        housing=housing,
        water=water,
        housing_drafter=staff_with("drafter", housing),
        housing_reviewer=staff_with("reviewer", housing),
        water_reviewer=staff_with("reviewer", water),
    )
    return people


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
    through `services.record_response` (stops the matching clock). A first response the rules
    refuse without a 研判 gets one first, by a new reviewer of the responsible agency, so the
    response's own permission is still what is tested."""

    class Meta:
        model = OpinionResponse

    event = factory.SubFactory(OpinionEventFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("reviewer", o.event.involved_agency))
    kind = "authoritative_information"
    channel = "gov_weibo"
    text = "经初步核查，塌陷路段已封闭，无人员伤亡，抢修工作正在进行。"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        event = kwargs["event"]
        if services.analysis_missing(event) and services.analysis_required(event):
            # the 研判 production requires before a first response, by a reviewer there
            analyse(event, actor=staff_with("reviewer", event.responsible_agency))
        return services.record_response(**kwargs)


def event(people, **fields):
    """An event of people["agency"] registered by people["drafter"]."""
    fields.setdefault("actor", people["drafter"])
    fields.setdefault("involved_agency", people["agency"])
    return OpinionEventFactory(**fields)


def respond(people, event, kind="authoritative_information", **fields):
    """A response to `event` by people["reviewer"] (after the 研判 the rules require, see
    OpinionResponseFactory)."""
    fields.setdefault("actor", people["reviewer"])
    return OpinionResponseFactory(event=event, kind=kind, **fields)


def analyse(event, *, actor, **fields):
    """A 研判 of `event` confirming its level (services.record_analysis)."""
    fields.setdefault("level", event.level)
    fields.setdefault("trend", "rising")
    fields.setdefault("concerns", "网民关注塌陷原因、有无人员伤亡和绕行安排。")
    fields.setdefault("method", "authoritative_information")
    fields.setdefault("talking_points", "快报事实、慎报原因：无人员伤亡，已封闭抢修，原因调查中。")
    return services.record_analysis(event=event, actor=actor, **fields)


def coordination(people, event, *, actor=None, hours=None, agencies=("housing", "water")):
    """A 会商 on `event` opened by people["reviewer"] inviting the named agencies of
    make_coordination_people, each with its question."""
    questions = {
        "housing": "请说明塌陷路段地下管线的权属和近期排查情况。",
        "water": "请说明当日降雨量和周边排水设施运行情况。",
    }
    return services.open_coordination(
        event=event,
        actor=actor or people["reviewer"],
        topic="广园路塌陷原因及回应口径",
        brief="网民关注塌陷原因，请各单位按职责答复。",
        hours=hours,
        invitations=[
            {"agency": people[name], "question": questions.get(name, "请按职责答复。")}
            for name in agencies
        ],
    )
