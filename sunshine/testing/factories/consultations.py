"""Test data of 征求意见 (one factory per model, built through the services)."""

import datetime as dt

import factory

from sunshine.kernel import clock
from sunshine.participation.consultations import comment_services, services
from sunshine.participation.consultations.models import Consultation, ConsultationComment

from .kernel import AgencyFactory, CitizenFactory, staff_with

DRAFT = """广东省道路运输管理办法（征求意见稿）
第一章 总则
第一条 为了规范道路运输市场秩序，保障道路运输安全，制定本办法。
第二条 本办法适用于本省行政区域内的道路运输经营活动。
第二章 经营许可
第三条 申请从事道路客运经营的，应当具备下列条件：
（一）有与其经营业务相适应并经检测合格的车辆；
（二）有符合规定条件的驾驶人员。
第四条 县级以上交通运输主管部门应当自受理申请之日起二十日内作出决定。
第三章 附则
第五条 本办法自2027年1月1日起施行。"""


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A draft consultation of `agency` by `actor` (default: a new approver there) through
    `services.create_consultation` (clauses parsed there), running `days` days from `start`
    (default today). `make_consultation` opens it."""

    class Meta:
        model = Consultation

    class Params:
        start = None
        days = 30

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("approver", o.agency))
    title = "广东省道路运输管理办法（征求意见稿）"
    draft_text = DRAFT
    explanation = "为规范道路运输，起草本办法。"
    start_date = factory.LazyAttribute(lambda o: o.start or clock.today())
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=o.days))
    is_major_decision = True
    moderation_mode = "post"
    short_period_reason = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_consultation(**kwargs)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on `consultation` by `author` (default: a new citizen) through
    `comment_services.submit_comment` (moderation and the open period are checked there)."""

    class Meta:
        model = ConsultationComment

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(CitizenFactory)
    body = "建议明确第四条的受理期限起算方式。"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return comment_services.submit_comment(**kwargs)


def make_consultation(
    agency,
    *,
    actor=None,
    state="open",
    start=None,
    days=30,
    major=True,
    mode="post",
    draft=DRAFT,
    title="广东省道路运输管理办法（征求意见稿）",
    reason="",
):
    """A consultation of `agency` opened by its approver (state "open" needs the clock's today
    within the period: start defaults to today)."""
    approver = actor or staff_with("approver", agency)
    c = ConsultationFactory(
        agency=agency,
        actor=approver,
        title=title,
        draft_text=draft,
        start=start,
        days=days,
        is_major_decision=major,
        moderation_mode=mode,
        short_period_reason=reason,
    )
    if state in ("open", "scheduled"):
        services.open_consultation(consultation=c, actor=approver)
    return c


def comment(consultation, *, author=None, body="建议明确第四条的受理期限起算方式。", **kw):
    if author is not None:
        kw["author"] = author
    return CommentFactory(consultation=consultation, body=body, **kw)
