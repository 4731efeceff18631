"""征求意见 in a real browser (Chromium, headless), with axe on the list, the draft page, the
comment form, the results and the analytics pages: a refused comment (markup) keeps the text
and names the reason; an accepted comment appears on the page, also at 360 px and in the
elder mode."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.consultations import comment_services as cs
from sunshine.participation.consultations import services
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.consultations import comment, make_consultation

pytestmark = pytest.mark.browser


def assert_axe(axe, page):
    violations, text = axe(page)
    assert violations == [], text


def test_comment_on_a_clause(page, axe, shot, transport):
    c = make_consultation(transport)
    comment(c, body="建议第三条增加对新能源车辆的扶持。", clause=c.clauses.get(position=3))
    page.goto(page.base + "/zjyj/")
    expect(page.get_by_role("heading", level=1)).to_have_text("征求意见")
    assert_axe(axe, page)
    page.get_by_role("link", name=c.title).click()
    expect(page.locator("#clause-3")).to_contain_text("第三条的意见（1）")
    assert_axe(axe, page)

    citizen = CitizenFactory(display_name="赵敏")
    sign_in(page, citizen)
    page.goto(page.base + f"/zjyj/{c.pk}/")
    page.locator("#clause-4").get_by_role("link", name="对第四条提意见").click()
    expect(page.get_by_label("针对条款")).to_have_value("4")
    text = "<script>alert(1)</script>建议将二十日改为十五个工作日"
    page.get_by_label("意见内容").fill(text)
    assert_axe(axe, page)
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#id_body_error")).to_contain_text("HTML")
    expect(page.get_by_label("意见内容")).to_have_value(text)  # nothing lost
    expect(page.get_by_label("针对条款")).to_have_value("4")
    shot(page, "consultation-comment-refused")
    assert_axe(axe, page)

    page.get_by_label("意见内容").fill("建议将第四条的二十日改为十五个工作日，提高办事效率。")
    page.get_by_label("在公开页面匿名显示").check()
    page.get_by_role("button", name="提交意见").click()
    expect(page).to_have_url(re.compile(rf"/zjyj/{c.pk}/#mine$"))
    expect(page.get_by_role("status")).to_contain_text("意见已提交")
    expect(page.locator("#mine")).to_contain_text("十五个工作日")
    page.goto(page.base + f"/zjyj/{c.pk}/comments/?clause=4")
    expect(page.locator(".zjyj-comments")).to_contain_text("匿名")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base + f"/accessibility/elder/?on=1&next=/zjyj/{c.pk}/")
    expect(page.locator("body")).to_have_class(re.compile("elder"))
    shot(page, "consultation-detail-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_results_and_analytics_pages(page, axe, shot, transport):
    approver = staff_with("approver", transport)
    drafter = staff_with("drafter", transport)
    today = clock.today()
    with clock.frozen(today - dt.timedelta(days=40)):
        c = make_consultation(transport, actor=approver)
        a = comment(c, body="建议增加新能源汽车充电设施建设要求。")
        b = comment(c, body="收费标准太高，群众很不满意。", is_anonymous=True)
    with clock.frozen(today - dt.timedelta(days=5)):
        services.close_consultation(consultation=c, actor=approver)
        cs.mark_adoption(comment=a, actor=drafter, adoption="adopted")
        cs.mark_adoption(comment=b, actor=drafter, adoption="not_adopted", reason="收费另行规定。")
        services.publish_feedback_report(consultation=c, actor=approver, report="共收到2条意见。")
    page.goto(page.base + f"/zjyj/{c.pk}/results/")
    expect(page.get_by_role("heading", name="采纳情况说明")).to_be_visible()
    expect(page.locator(".zjyj-adoption")).to_contain_text("收费另行规定。")
    shot(page, "consultation-results")
    assert_axe(axe, page)
    page.goto(page.base + f"/zjyj/{c.pk}/analytics/")
    expect(page.get_by_role("heading", name="高频词")).to_be_visible()
    shot(page, "consultation-analytics")
    assert_axe(axe, page)
    page.goto(page.base + f"/accessibility/elder/?on=1&next=/zjyj/{c.pk}/analytics/")
    expect(page.locator("body")).to_have_class(re.compile("elder"))
    assert_axe(axe, page)
