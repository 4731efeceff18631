"""Workbench pages of 公共资源交易: upload → FileJob with its report, feed sources, the
complaints queue with the clocks and the acts, the blacklist, agency scope."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.kernel.clock import frozen
from sunshine.kernel.files.models import FileJob
from sunshine.opendata.trading import harvest, services
from sunshine.opendata.trading.models import BlacklistEntry, Complaint, FeedSource
from sunshine.opendata.trading.tests.factories import (
    BIDDER_CODE,
    csv_bytes,
    feed_row,
    imported_project,
    result_row,
)
from sunshine.testing.factories.kernel import CitizenFactory

pytestmark = pytest.mark.django_db


def test_upload_runs_as_a_file_job_and_sources_are_checked(client, gov):
    client.force_login(gov["editor"])
    url = reverse("workbench:trading_import")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"agency": gov["market"].pk, "platform": "gdggzy", "fmt": "csv"})
    assert refused.status_code == 400 and "请选择要上传的文件" in refused.content.decode()
    upload = SimpleUploadedFile("feed.csv", csv_bytes([feed_row(gov["market"]), result_row(gov["market"])]))  # fmt: skip
    response = client.post(url, {"agency": gov["market"].pk, "platform": "gdggzy", "fmt": "csv", "file": upload})  # fmt: skip
    job = FileJob.objects.get(kind="trading.import")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    harvest.run_upload_job(job.pk)
    page = client.get(reverse("workbench:filejob", args=[job.pk])).content.decode()
    assert "新增 2 项" in page
    html = client.get(reverse("workbench:trading_list")).content.decode()
    assert "医疗设备采购项目" in html
    bad = client.post(
        reverse("workbench:trading_source_create"),
        {
            "agency": gov["market"].pk,
            "name": "平台",
            "platform": "gdggzy",
            "url": "file:///etc/passwd",
            "fmt": "json",
            "cron": "0 * * * *",
        },  # fmt: skip
    )
    assert bad.status_code == 400 and "file:///etc/passwd" in bad.content.decode()
    assert not FeedSource.objects.exists()
    client.post(
        reverse("workbench:trading_source_create"),
        {
            "agency": gov["market"].pk,
            "name": "广东省平台",
            "platform": "gdggzy",
            "url": "http://127.0.0.1:18202/feed.json",
            "fmt": "json",
            "cron": "0 * * * *",
        },  # fmt: skip
    )
    source = FeedSource.objects.get()
    response = client.post(reverse("workbench:trading_source_pull", args=[source.pk]), follow=True)
    assert "采集失败" in response.content.decode()  # nothing listens on that port


def test_complaint_queue_clock_and_acts(client, gov):
    project = imported_project(gov["market"], gov["editor"])
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = services.file_complaint(
            complainant=CitizenFactory(), project=project, complainant_name="广州安信医疗科技有限公司",
            credit_code=BIDDER_CODE, contact="020-1", matters="参数不符", facts="排数不足",
            request_text="重新采购", challenge="已质疑",
        )  # fmt: skip
    client.force_login(gov["editor"])
    with frozen(dt.datetime(2026, 10, 9, 9, 0)):
        html = client.get(reverse("workbench:trading_complaints")).content.decode()
        assert "广州安信医疗科技有限公司" in html and "2026-10-10" in html and "即将到期" in html
        act = lambda name, **data: client.post(  # noqa: E731
            reverse("workbench:trading_complaint_act", args=[complaint.pk, name]), data
        )
        assert act("decide", outcome="upheld", decision="x").status_code == 400  # not accepted
        assert act("accept").status_code == 302
        refused = act("decide", outcome="", decision="我们认为……")
        assert refused.status_code == 400 and "我们认为……" in refused.content.decode()
        assert act("decide", outcome="upheld", decision="投诉事项成立。").status_code == 302
    assert Complaint.objects.get().state == "decided"
    client.force_login(gov["env_editor"])
    assert (
        client.get(reverse("workbench:trading_complaint", args=[complaint.pk])).status_code == 404
    )


def test_blacklist_register_publish_revoke(client, gov):
    client.force_login(gov["editor"])
    url = reverse("workbench:trading_blacklist")
    data = {
        "agency": gov["market"].pk, "entity_name": "广东某某建设工程有限公司", "credit_code": BIDDER_CODE,
        "reason": "提供虚假材料", "basis": "招标投标法实施条例第六十八条",
        "valid_from": "2026-01-01", "valid_to": "2026-01-31",
    }  # fmt: skip
    refused = client.post(url, data | {"valid_from": "2026-02-30"})
    assert refused.status_code == 400 and "提供虚假材料" in refused.content.decode()
    assert client.post(url, data | {"valid_to": "2099-01-31"}).status_code == 302
    entry = BlacklistEntry.objects.get()
    client.post(reverse("workbench:trading_blacklist_act", args=[entry.pk, "publish"]))
    response = client.post(reverse("workbench:trading_blacklist_act", args=[entry.pk, "revoke"]), {"reason": ""}, follow=True)  # fmt: skip
    assert "此项必填" in response.content.decode()
    client.post(reverse("workbench:trading_blacklist_act", args=[entry.pk, "revoke"]), {"reason": "信用修复"})  # fmt: skip
    entry.refresh_from_db()
    assert entry.state == "revoked"


def test_correction_request_pauses_the_review_and_blocks_acceptance(client, gov):
    """要求补正 on the complaint page: refused input kept; the paused clock shown; no 受理 while
    waiting; the file sent with the 补正 downloadable; accepted afterwards with the 补正 days
    added to the 30 wd. By hand (2026: 1–7 Oct off, Sat 10 Oct worked), 工程建设: received Mon
    28 Sep → review 3 wd due Thu 8 Oct. 补正 asked Tue 29 Sep, sent Fri 9 Oct: 30 Sep, 8, 9 Oct
    not counted (3 wd) → review due Mon 12 Oct. Decision 30 wd from 28 Sep → Fri 13 Nov (the
    domain test); + 3 wd → Mon 16, Tue 17, Wed 18 Nov."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sunshine.kernel.files.models import Attachment
    from sunshine.opendata.trading.tests.factories import works_project

    project = works_project(gov["market"], gov["editor"])
    bidder = CitizenFactory()
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        complaint = services.file_complaint(
            complainant=bidder, project=project, complainant_name="广州市某建筑工程有限公司",
            credit_code=BIDDER_CODE, contact="020-1", matters="资格审查不公", facts="业绩认定错误",
            request_text="重新评审", challenge="已异议",
        )  # fmt: skip
    client.force_login(gov["editor"])
    page_url = reverse("workbench:trading_complaint", args=[complaint.pk])
    act = lambda name, **data: client.post(  # noqa: E731
        reverse("workbench:trading_complaint_act", args=[complaint.pk, name]), data
    )
    with frozen(dt.datetime(2026, 9, 29, 15, 0)):
        html = client.get(page_url).content.decode()
        assert "要求补正" in html and "工程建设投诉受理审查（3个工作日）：到期 2026-10-08" in html
        refused = act("correct", items="", due="2026-10-12")
        body = refused.content.decode()
        assert refused.status_code == 400 and "此项必填" in body and 'value="2026-10-12"' in body
        refused = act("correct", items="补充异议答复复印件", due="2026-09-29")
        body = refused.content.decode()
        assert refused.status_code == 400 and "补正期限应当晚于今天" in body
        assert "补充异议答复复印件" in body
        assert act("correct", items="补充异议答复复印件", due="2026-10-12").status_code == 302
        html = client.get(page_url).content.decode()
        assert "计时暂停" in html and 'id="awaiting-correction"' in html
        assert "通知补正</button>" not in html and ">受理</button>" not in html
        response = client.post(
            reverse("workbench:trading_complaint_act", args=[complaint.pk, "accept"]), follow=True
        )
        assert "投诉人尚未补正" in response.content.decode()
    with frozen(dt.datetime(2026, 10, 9, 10, 0)):
        services.submit_correction(actor=bidder, complaint=complaint, text="已补充。",
                                   upload=SimpleUploadedFile("答复.txt", "异议答复".encode()))  # fmt: skip
    attachment = Attachment.objects.get()
    with frozen(dt.datetime(2026, 10, 12, 9, 0)):
        html = client.get(page_url).content.decode()
        assert "到期 2026-10-12" in html and "已补充。" in html
        file_url = reverse("workbench:trading_complaint_file", args=[complaint.pk, attachment.pk])
        assert file_url in html and client.get(file_url).status_code == 200
        assert act("accept").status_code == 302
        html = client.get(page_url).content.decode()
    assert "工程建设投诉处理决定（33个工作日）：到期 2026-11-18" in html
    client.force_login(gov["env_editor"])
    assert client.get(file_url).status_code == 404
