"""Step notices reach the applicant's inbox and, through the real task queue, a real SMTP
server (aiosmtpd)."""

import pytest

from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.kernel.notify.models import Notification
from sunshine.kernel.notify.tests.conftest import smtp_server  # noqa: F401  (fixture)
from sunshine.servicehall.applications import services
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.applications import apply
from sunshine.testing.factories.servicehall import make_item

pytestmark = pytest.mark.django_db(transaction=True)


def test_correction_notice_is_emailed_in_chinese(smtp_server, province):  # noqa: F811
    agency = province["transport"]
    item = make_item(agency)
    applicant = CitizenFactory(email="wang@example.com", display_name="王五")
    app = apply(item, applicant=applicant)
    services.request_correction(
        application=app, actor=staff_with("drafter", agency), missing=["营业执照副本"]
    )
    assert Notification.objects.filter(recipient=applicant).count() == 2
    while run_worker_batch():
        pass
    assert [r for r in smtp_server.recipients] == [["wang@example.com"]] * 2
    last = smtp_server.messages[-1]
    assert app.number in last["Subject"]
    text = last.get_content()
    assert "营业执照副本" in text and "暂停" in text
    assert f"/bsfw/wdbj/{app.number}/" in text
