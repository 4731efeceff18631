"""Test data for 依申请公开: applicant values and requests created through the services."""

import datetime as dt

import factory

from sunshine.disclosure.foi import services
from sunshine.disclosure.foi.choices import ApplicantType, Channel, DeliveryForm
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.testing.identity import make_credit_code, make_id_number

from .kernel import AgencyFactory, staff_with


def person(n: int = 1, **overrides) -> dict:
    values = {
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "applicant_name": f"张{'三四五六七八九'[n % 7]}",
        "id_number": make_id_number(n),
        "phone": "13800138000",
        "email": f"applicant{n}@example.com",
        "address": "广州市天河区体育东路1号",
        "description": "2025年广州至湛江高速公路改扩建工程的环境影响评价批复文件",
        "delivery_form": DeliveryForm.EMAIL,
    }
    values.update(overrides)
    return values


def organisation(n: int = 1, kind: str = ApplicantType.BUSINESS, **overrides) -> dict:
    values = person(n, applicant_type=kind, id_number="", applicant_name=f"广州某某{n}有限公司")
    values.update(credit_code=make_credit_code(5000 + n), contact_person="李经理")
    values.update(overrides)
    return values


def online_form(**overrides) -> dict:
    """The POST data of the portal's application form, as the citizen of the `citizen` fixture
    (赵一鸣, 身份证号 make_id_number(7)) fills it in."""
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "赵一鸣",
        "id_number": make_id_number(7),
        "phone": "13900139000",
        "email": "zhao@example.com",
        "address": "广州市天河区",
        "description": "2026年全省高速公路服务区充电桩建设计划",
        "delivery_form": "email",
    }
    data.update(overrides)
    return data


class InfoRequestFactory(factory.django.DjangoModelFactory):
    """A 政府信息公开申请 received by `actor` (default: a new disclosure officer of `agency`) on
    `channel` through `services.receive_request` (its 答复期限 clock starts there); the
    applicant's values are person(1)'s unless given."""

    class Meta:
        model = InfoRequest

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.agency))
    channel = Channel.POST
    received_on = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        values = {**person(), **kwargs}
        return services.receive_request(**values)


def received(agency, officer, day: dt.date, values: dict | None = None, channel=Channel.POST):
    """A request received by `officer` on `day` (the clock frozen at that day)."""
    with clock.frozen(day):
        return InfoRequestFactory(
            actor=officer, agency=agency, channel=channel, received_on=day, **(values or person())
        )
