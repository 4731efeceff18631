"""The 我为政府网站找错 form without a browser: anonymous submission, a page of another site
refused with what was typed kept, the honeypot and the hourly limit per visitor."""

import pytest
from django.core.cache import cache

from sunshine.assessment.errorreports.models import ErrorReport

pytestmark = pytest.mark.django_db


def _post(client, **fields):
    data = {
        "page_url": "http://testserver/zcwj/1/",
        "kind": "typo",
        "description": "标题中“工做”应为“工作”。",
        **fields,
    }
    return client.post("/jiucuo/", data)


def test_anonymous_report_refusals_and_limit(client, gov):
    cache.clear()
    page = client.get("/jiucuo/?url=http%3A//testserver/zcwj/1/")
    assert 'value="http://testserver/zcwj/1/"' in page.content.decode()

    wrong = _post(client, page_url="https://example.com/zcwj/1/")
    html = wrong.content.decode()
    assert wrong.status_code == 200 and "只能报告本网站的页面" in html
    assert "标题中“工做”应为“工作”。" in html  # nothing typed is lost
    assert _post(client, website="http://spam").status_code == 200
    assert ErrorReport.objects.count() == 0

    done = _post(client)
    assert done.status_code == 302 and done.url == "/jiucuo/thanks/"
    report = ErrorReport.objects.get()
    assert report.reporter is None and report.agency == gov["root"]
    assert "感谢您的纠错" in client.get("/jiucuo/thanks/").content.decode()
    for _ in range(8):
        _post(client)
    assert "提交过于频繁" in _post(client).content.decode()  # the 11th within the hour
    assert ErrorReport.objects.count() == 9
    cache.clear()
