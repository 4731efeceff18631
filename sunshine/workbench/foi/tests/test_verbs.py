"""Staff words on the FOI workbench: Chinese state names, a verb on every button, 请选择 for
a blank choice (the form renderer), and success messages that say what was done with the date
the reply clock now gives."""

import datetime as dt
import re

import pytest
from django import forms

from sunshine.disclosure.foi import services
from sunshine.disclosure.foi.choices import ApplicantType, DeliveryForm
from sunshine.kernel import clock
from sunshine.kernel.workcalendar.services import load_bundled_calendar
from sunshine.testing.factories import make_id_number
from sunshine.workbench.forms import PLEASE_CHOOSE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    """The 2026 holiday notice. The data migration loads it, but a live-server (browser) test
    run earlier in the same process flushes every table at its end."""
    load_bundled_calendar()


def _received(transport, officer, day):
    with clock.frozen(day):
        return services.receive_request(
            actor=officer,
            agency=transport,
            channel="post",
            received_on=day,
            applicant_type=ApplicantType.NATURAL_PERSON,
            applicant_name="申请人甲",
            id_number=make_id_number(3),
            phone="13800138000",
            email="jia@example.com",
            description="全省公路养护资金安排情况",
            delivery_form=DeliveryForm.EMAIL,
        )


def _flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_detail_has_verbs_chinese_states_and_please_choose(client, transport, officer, approver):
    request = _received(transport, officer, dt.date(2026, 9, 30))
    client.force_login(officer)
    with clock.frozen(dt.date(2026, 10, 9)):
        page = client.get(f"/workbench/foi/{request.pk}/").content.decode()
    buttons = re.findall(r"<button[^>]*>([^<]*)</button>", page)
    assert "提交" not in buttons
    for verb in ("发出补正告知", "征求第三方意见", "延长答复期限", "发出收费通知", "答复"):
        assert verb in buttons, verb
    assert "<strong>办理中</strong>" in page and ">received<" not in page
    assert f'<option value="" selected>{PLEASE_CHOOSE}</option>' in page
    assert "---------" not in page


def test_extension_message_names_the_days_and_the_new_date(client, transport, officer, approver):
    # Received by post Wed 2026-09-30: 20 wd from 10-01 (国庆 10-01..07 off, Sat 10-10 worked)
    # end on 11-03; 10 more working days (11-04..06, 11-09..13, 11-16..17) → 2026-11-17.
    request = _received(transport, officer, dt.date(2026, 9, 30))
    client.force_login(officer)
    with clock.frozen(dt.date(2026, 10, 9)):
        response = client.post(
            f"/workbench/foi/{request.pk}/do/extend/",
            {"approver": approver.pk, "days": 10, "reason": "需协调多个处室"},
            follow=True,
        )
    assert _flash(response) == "已延期 10 个工作日，答复期限至 2026-11-17。"
    with clock.frozen(dt.date(2026, 10, 12)):
        response = client.post(
            f"/workbench/foi/{request.pk}/do/correction/", {"items": "请写明文号"}, follow=True
        )
    assert _flash(response) == "已发出补正告知，答复期限暂停计算。"


def test_the_renderer_says_please_choose_only_for_djangos_dashes():
    class Pick(forms.Form):
        dashed = forms.ChoiceField(choices=[("", "---------"), ("a", "甲")])
        own = forms.ChoiceField(choices=[("", "全省范围"), ("a", "甲")])
        radio = forms.ChoiceField(choices=[("a", "甲")], widget=forms.RadioSelect)

    html = Pick().as_div()
    assert f'<option value="" selected>{PLEASE_CHOOSE}</option>' in html
    assert '<option value="" selected>全省范围</option>' in html
    assert "---------" not in html
