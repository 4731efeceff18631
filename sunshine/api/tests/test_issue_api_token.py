import io

import pytest
from django.core.management import CommandError, call_command

from sunshine.kernel.accounts.services import user_for_token
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import CitizenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_prints_a_working_key_once():
    staff = UserFactory(email="zhang@example.gov.cn")
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_api_token", "Zhang@example.gov.cn", "报表系统", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert key.startswith("ss_") and "\n" not in key
    assert user_for_token(key) == staff
    assert "只显示这一次" in err.getvalue()
    token = staff.api_tokens.get()
    assert token.name == "报表系统" and key not in token.key_hash
    assert AuditEvent.objects.filter(action="api_token.issue").exists()


def test_unknown_email_fails():
    with pytest.raises(CommandError, match="没有该电子邮箱"):
        call_command("issue_api_token", "nobody@example.gov.cn", "x", stdout=io.StringIO())


def test_citizen_gets_no_token():
    citizen = CitizenFactory()
    with pytest.raises(CommandError, match="只有工作人员"):
        call_command("issue_api_token", citizen.email, "x", stdout=io.StringIO())
    assert not citizen.api_tokens.exists()
