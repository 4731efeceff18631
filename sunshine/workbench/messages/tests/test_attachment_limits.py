"""A citizen attaches a decompression bomb (a DOCX under 1 MB whose text unpacks to 300 MB)
to a message: the message is saved, the real task worker's extraction stops at the limit in
bounded time, and the staff page shows the attachment with "文件过大，未提取文字"."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.kernel.files.testing import make_docx_bomb
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.participation.messages.models import Message
from sunshine.testing.factories import PASSWORD, CitizenFactory, staff_with

pytestmark = pytest.mark.django_db(transaction=True)


def test_bomb_attached_to_a_message_is_kept_with_a_clear_status(
    client, province, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    transport = province["transport"]
    citizen, officer = CitizenFactory(), staff_with("disclosure_officer", transport)
    bomb = make_docx_bomb(300 * 1024 * 1024)
    client.login(username=citizen.email, password=PASSWORD)
    response = client.post(
        reverse("portal:messages_write"),
        {
            "subject": "公交站台损坏",
            "body": "市区某公交站台顶棚损坏，雨天无法候车，请尽快维修。",
            "agency": transport.pk,
            "action": "submit",
            "is_public": "on",
            "attachments": SimpleUploadedFile("照片说明.docx", bomb),
        },
    )
    assert response.status_code == 302
    message = Message.objects.get()
    started = time.monotonic()
    assert run_worker_batch() >= 1
    assert time.monotonic() - started < 30
    client.login(username=officer.email, password=PASSWORD)
    html = client.get(reverse("workbench:messages_detail", args=[message.pk])).content.decode()
    assert "照片说明.docx" in html
    assert "文件过大，未提取文字：解压后共 300.0\xa0MB，超过上限 200.0\xa0MB。" in html
