"""The portal and account pages in a real browser (Chromium, headless)."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.sites.resolver import STANDARD_COLUMNS
from sunshine.testing.factories import PASSWORD, AgencyFactory, staff_with

pytestmark = pytest.mark.browser

META = [
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle",
    "PubDate", "ContentSource", "Keywords", "Author", "Description", "Url",
]  # fmt: skip


def test_home_has_every_column_and_the_site_metadata(page, shot):
    page.goto(page.base + "/")
    expect(page).to_have_title(re.compile("广东省人民政府"))
    nav = page.get_by_role("navigation", name="栏目导航")
    for slug, name, _kind in STANDARD_COLUMNS:
        expect(nav.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "href", f"/column/{slug}/"
        )
    # An empty database: the home page leaves out empty blocks instead of saying so.
    expect(page.get_by_text("本栏目暂无内容")).to_have_count(0)
    for name in META:
        assert page.locator(f'meta[name="{name}"]').count() == 1, name
    assert page.locator('meta[name="SiteIDCode"]').get_attribute("content") == "4400000035"
    footer = page.locator("footer")
    for label in ["主办单位", "网站标识码", "ICP备案号", "公安备案号", "联系方式"]:
        expect(footer).to_contain_text(label)
    shot(page, "home-desktop")


def test_elder_mode_toggles_and_stays_on(page):
    page.goto(page.base + "/")
    body = page.locator("body")
    expect(body).not_to_have_class(re.compile(r"\belder\b"))
    size_before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="适老化模式", exact=True).click()
    expect(body).to_have_class(re.compile(r"\belder\b"))
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > size_before
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="政策文件").click()
    expect(page).to_have_url(re.compile("/column/zcwj/$"))
    expect(body).to_have_class(re.compile(r"\belder\b"))  # stays on across pages
    page.get_by_role("link", name="退出适老化模式").first.click()
    expect(page).to_have_url(re.compile("/column/zcwj/$"))  # back where we were
    expect(body).not_to_have_class(re.compile(r"\belder\b"))


def test_language_switch_to_english_and_back(page, shot):
    page.goto(page.base + "/column/zcjd/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile("/column/zcjd/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Policy Interpretation")
    expect(page.get_by_text("No content in this column yet")).to_be_visible()
    page.goto(page.base + "/")  # the choice sticks
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    shot(page, "home-en")
    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("link", name="跳到主要内容")).to_be_attached()


def test_staff_login_lands_on_the_dashboard(page, shot):
    agency = AgencyFactory(name="广东省交通运输厅")
    clerk = staff_with("agency_admin", agency, display_name="陈晓明", email="chen@gd.gov.cn")
    page.goto(page.base + "/")
    page.get_by_role("link", name="登录", exact=True).click()
    page.get_by_label("电子邮箱").fill(clerk.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile("/workbench/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("工作台首页")
    expect(page.locator(".wb-user")).to_contain_text("陈晓明")
    expect(page.locator(".wb-user")).to_contain_text("广东省交通运输厅")
    expect(page.get_by_text("暂无待办")).to_be_visible()
    shot(page, "dashboard-desktop")
    page.set_viewport_size({"width": 360, "height": 740})
    shot(page, "dashboard-360")
    page.get_by_role("link", name="用户与角色").click()
    expect(page.get_by_role("cell", name="chen@gd.gov.cn")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "users-list")
    page.get_by_role("link", name="陈晓明").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("陈晓明")
    shot(page, "user-detail")
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(page.base + "/")
    expect(page.get_by_text("您已安全退出")).to_be_visible()


def test_wrong_password_is_explained(page):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("电子邮箱").fill("nobody@example.com")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("电子邮箱或密码不正确")


def test_citizen_registration_with_a_wrong_id_number(page, shot):
    page.goto(page.base + "/accounts/register/")
    page.get_by_label("电子邮箱").fill("li@example.com")
    page.get_by_label("姓名", exact=True).fill("李明")
    page.get_by_label("居民身份证号码").fill("110105194912310021")
    page.locator("#id_password").fill("Guangdong#2026")
    page.locator("#id_password2").fill("Guangdong#2026")
    page.get_by_role("button", name="注册").click()
    field = page.get_by_label("居民身份证号码")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("110105194912310021")  # the input is kept
    error = page.locator("#id_id_number_error")
    expect(error).to_have_text(re.compile("居民身份证号码校验位错误"))
    expect(page.get_by_label("姓名", exact=True)).to_have_value("李明")
    shot(page, "register-error")


def test_no_horizontal_scroll_at_360px(page, shot):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in [
        "/",
        "/column/zcwj/",
        "/accounts/login/",
        "/accounts/register/",
        "/accessibility/",
    ]:
        page.goto(page.base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways: {width}px"
    page.goto(page.base + "/")
    shot(page, "home-360")
    page.get_by_role("link", name="适老化模式", exact=True).click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "elder mode scrolls"
    shot(page, "home-360-elder")


def test_axe_finds_no_violations(page, axe):
    for path in ["/", "/accounts/login/", "/accounts/register/", "/accessibility/"]:
        page.goto(page.base + path)
        violations, text = axe(page)
        assert violations == [], f"{path}:\n{text}"
    page.get_by_role("link", name="适老化模式", exact=True).click()
    violations, text = axe(page)
    assert violations == [], f"elder mode:\n{text}"


def test_axe_finds_no_violations_in_the_workbench(page, axe):
    agency = AgencyFactory(name="广东省财政厅")
    admin = staff_with("agency_admin", agency, email="admin@czt.gd.gov.cn")
    clerk = staff_with("drafter", agency, email="clerk@czt.gd.gov.cn")
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("电子邮箱").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile("/workbench/$"))
    for path in ["/workbench/", "/workbench/users/", f"/workbench/users/{clerk.pk}/"]:
        page.goto(page.base + path)
        violations, text = axe(page)
        assert violations == [], f"{path}:\n{text}"
