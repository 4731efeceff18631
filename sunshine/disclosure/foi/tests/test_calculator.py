"""The public calculator and the real clocks are one code path: random applications are
carried through the services on their days, and the reply clock's due date must equal the
calculator's answer from the same days."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunshine.disclosure.foi import calculator, services
from sunshine.disclosure.foi.services import open_clock, reply_clock
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.foi import person

D = dt.date
pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    received=st.dates(D(2025, 1, 2), D(2026, 10, 31)),
    correction_after=st.one_of(st.none(), st.integers(1, 25)),
    third_party_after=st.one_of(st.none(), st.integers(0, 20)),
    answered_after=st.one_of(st.none(), st.integers(0, 40)),
    extension=st.integers(0, 20),
    n=st.integers(1, 10**6),
)
def test_calculator_agrees_with_the_real_clock(
    province, received, correction_after, third_party_after, answered_after, extension, n
):
    agency = province["transport"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, agency)
    approver = staff_with(Role.APPROVER, agency)
    with clock.frozen(_at(received)):
        request = services.receive_request(
            actor=officer,
            agency=agency,
            channel="post",
            received_on=received,
            **person(n % 97, description=f"第{n}号文件"),
        )
    start, params = received, {"received": received}
    if correction_after is not None:
        with clock.frozen(_at(received, 11)):
            services.send_correction_notice(request=request, actor=officer, items="请写明文号")
        start = received + dt.timedelta(days=correction_after)
        with clock.frozen(_at(start)):
            services.supply_correction(request=request, actor=officer, text="补正")
        params["correction_received"] = start
    last = start
    if third_party_after is not None:
        sent = start + dt.timedelta(days=third_party_after)
        with clock.frozen(_at(sent, 15)):
            consultation = services.consult_third_party(
                request=request, actor=officer, third_party="某公司"
            )
        params["third_party_sent"] = sent
        last = sent
        lapse_day = open_clock(consultation, "foi.third_party").due_date
        if answered_after is not None and sent + dt.timedelta(days=answered_after) <= lapse_day:
            answered = sent + dt.timedelta(days=answered_after)
            with clock.frozen(_at(answered, 16)):
                services.record_third_party_opinion(
                    consultation=consultation, actor=officer, opinion="agrees"
                )
            params["third_party_answered"] = answered
            last = answered
        else:
            with clock.frozen(_at(lapse_day + dt.timedelta(days=1))):
                assert services.lapse_silent_consultations(request=request) == 1
            last = lapse_day + dt.timedelta(days=1)
    if extension:
        with clock.frozen(_at(last, 17)):
            services.extend_request(
                request=request, actor=officer, approver=approver, days=extension, reason="协调"
            )
        params["extension"] = extension
    expected = calculator.compute(**params)
    real = reply_clock(request)
    assert real.due_date == expected.reply_due, params
    if real.provisional:
        assert expected.provisional
