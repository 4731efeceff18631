"""Staff words on a message: a verb on every button (转办, 答复, 延长答复期限 — never 提交),
请选择 in the agency select, and success messages that name what was done (已转办至 X)."""

import re

import pytest
from django.urls import reverse

from sunshine.testing.factories import PASSWORD
from sunshine.testing.factories.messages import submit

pytestmark = pytest.mark.django_db


def _flash(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_verbs_and_specific_messages(client, messages_people):
    m = submit(messages_people["citizen"], agency=messages_people["transport"], subject="路灯不亮")
    client.login(username=messages_people["officer"].email, password=PASSWORD)
    page = client.get(reverse("workbench:messages_detail", args=[m.pk])).content.decode()
    buttons = re.findall(r"<button[^>]*>([^<]*)</button>", page)
    assert "提交" not in buttons
    assert {"转办", "答复", "延长答复期限"} <= set(buttons)
    assert '<option value="" selected>请选择</option>' in page and "---------" not in page
    assert "已派单" in page  # the state, in Chinese
    response = client.post(
        reverse("workbench:messages_act", args=[m.pk, "extend"]),
        {"extend-length": "5", "extend-reason": "需要现场核查"},
        follow=True,
    )
    assert _flash(response) == "答复期限已延长 5 个工作日。"
    response = client.post(
        reverse("workbench:messages_act", args=[m.pk, "transfer"]),
        {"transfer-agency": messages_people["other"].pk, "transfer-reason": "属教育部门"},
        follow=True,
    )
    assert _flash(response) == "已转办至广东省教育厅。"
