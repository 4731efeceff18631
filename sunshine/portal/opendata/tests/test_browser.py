"""A citizen on a 360 px phone (Chromium, headless, axe): searches the open-data catalog, opens a
dataset (schema and the first rows shown), downloads its CSV (counted); then applies for a
有条件开放 dataset — asked to sign in, a too-short purpose is refused with the text kept — and
finds the application waiting for review, on the agency's 10-working-day clock."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.opendata.datasets.models import AccessApplication, Dataset
from sunshine.opendata.datasets.rules import ACCESS_REVIEW
from sunshine.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px screen"


def _clean(page, axe):
    violations, text = axe(page)
    assert violations == [], text


def test_citizen_finds_downloads_and_applies_on_a_phone(page, axe, shot, datasets, citizen):
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/sjkf/")
    expect(page.get_by_role("heading", level=1)).to_have_text("数据开放")
    expect(page.locator("#od-count")).to_contain_text("共 3 个数据资源")
    _no_sideways_scroll(page)
    _clean(page, axe)

    page.get_by_label("搜索", exact=True).fill("法定")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"/sjkf/\?q="))
    expect(page.locator("#od-count")).to_contain_text("共 1 个数据资源")
    shot(page, "opendata-search-360")
    page.get_by_role("link", name="法定节假日安排").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("法定节假日安排")
    preview = page.locator("#preview")
    expect(preview.locator("thead")).to_contain_text("是否放假")
    expect(preview.locator("tbody tr")).to_have_count(6)
    expect(preview.locator("tbody tr").first).to_contain_text("元旦")
    _no_sideways_scroll(page)
    _clean(page, axe)
    shot(page, "opendata-detail-360")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载").click()
    download = info.value
    assert download.suggested_filename == "holidays.csv"
    with open(download.path(), encoding="utf-8") as f:
        assert f.readline().strip() == "date,name,is_off_day,year"
    assert Dataset.objects.get(name="holidays").download_count == 1

    # A 有条件开放 dataset: no preview, no download; apply after signing in.
    page.goto(page.base + "/sjkf/messages-detail/")
    expect(page.locator("#preview")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("申请获批后可下载")
    page.get_by_role("link", name="申请使用").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("电子邮箱").fill(citizen.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/sjkf/messages-detail/apply/$"))
    _no_sideways_scroll(page)
    _clean(page, axe)

    page.get_by_label("申请单位").fill("某大学公共管理学院")
    page.get_by_label("申请用途").fill("写论文")  # too short
    page.get_by_label("使用场景").fill("校内统计分析，只发表汇总结果，不公开单条留言。")
    page.get_by_label("安全保障措施").fill("内网服务器存放，专人管理，用后销毁。")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("main")).to_contain_text("请至少写 10 个字")
    expect(page.get_by_label("使用场景")).to_have_value(
        "校内统计分析，只发表汇总结果，不公开单条留言。"
    )
    _clean(page, axe)
    page.get_by_label("申请用途").fill("研究网民留言的答复时效与满意度，撰写学术论文。")
    page.get_by_role("button", name="提交申请").click()
    expect(page).to_have_url(re.compile(r"/sjkf/my/$"))
    expect(page.locator("main")).to_contain_text("待审核")
    _no_sideways_scroll(page)
    _clean(page, axe)
    shot(page, "opendata-my-360")

    application = AccessApplication.objects.get(owner=citizen)
    clock = open_clock(application, ACCESS_REVIEW)
    assert clock is not None and clock.agency_id == datasets["conditional"].agency_id
