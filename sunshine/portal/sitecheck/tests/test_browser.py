"""我为政府网站找错 in a real browser (Chromium, headless), with axe: on a 360 px phone a visitor
opens a published article, follows the footer link (the page's address comes along), reports a
typo without signing in; the officer of the agency confirms and corrects it on the workbench."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sunshine.assessment.errorreports.models import ErrorReport
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.records import make_people, record_in

pytestmark = pytest.mark.browser


def test_citizen_reports_an_error_officer_handles_it(page, axe, shot, gov):
    record = record_in("published", make_people(gov["root"]))
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["root"], display_name="韩纠错")

    page.set_viewport_size({"width": 360, "height": 800})
    article = page.base + reverse("portal:records_detail", args=[record.pk])
    page.goto(article)
    link = page.get_by_role("link", name="我为政府网站找错")
    expect(link).to_have_attribute("href", re.compile(r"/jiucuo/\?url=http"))
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我为政府网站找错")
    expect(page.get_by_label("出错页面网址")).to_have_value(article)
    page.get_by_label("错误类型").select_option(label="错别字")
    page.get_by_role("button", name="提交纠错").click()
    # Nothing typed is lost when the description is missing.
    expect(page.locator(".field-invalid")).to_contain_text("请描述错误的内容")
    expect(page.get_by_label("出错页面网址")).to_have_value(article)
    page.get_by_label("错误描述").fill("正文第一段“推近”应为“推进”。")
    violations, text = axe(page)
    assert violations == [], text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "errorreport-form-360")
    page.get_by_role("button", name="提交纠错").click()
    expect(page.get_by_role("status")).to_contain_text("感谢您的纠错")
    report = ErrorReport.objects.get()
    assert report.page_url == article and report.reporter is None
    expect(page.get_by_role("link", name="返回原页面")).to_have_attribute("href", article)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    sign_in(page, officer)
    page.goto(page.base + "/workbench/sitecheck/errors/")
    page.get_by_role("link", name=str(report.pk), exact=True).click()
    expect(page.locator("#error-state")).to_have_text("待确认")
    page.get_by_role("button", name="确认收到").click()
    expect(page.locator("#error-state")).to_have_text("处理中")
    page.get_by_label("处理说明").fill("已改正错别字。")
    page.get_by_role("button", name="已改正").click()
    expect(page.locator("#error-state")).to_have_text("已改正")
    violations, text = axe(page)
    assert violations == [], text
    assert all(c.met_deadline for c in clocks_for(report))
