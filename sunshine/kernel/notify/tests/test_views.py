"""The public subscription links from e-mails (the inbox page's tests are in
sunshine/workbench/inbox/tests)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_bad_confirmation_link_says_so(client):
    response = client.post(reverse("notify:subscription_confirm", args=["nonsense"]))
    assert response.status_code == 400
    assert "确认链接无效" in response.content.decode()
