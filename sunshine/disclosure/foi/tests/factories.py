"""Test data for 依申请公开: applicant values and requests created through the services."""

import datetime as dt

from sunshine.disclosure.foi import services
from sunshine.disclosure.foi.choices import ApplicantType, Channel, DeliveryForm
from sunshine.kernel import clock
from sunshine.testing.factories import make_credit_code, make_id_number


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


def received(agency, officer, day: dt.date, values: dict | None = None, channel=Channel.POST):
    with clock.frozen(day):
        return services.receive_request(
            actor=officer,
            agency=agency,
            channel=channel,
            received_on=day,
            **(values or person()),
        )
