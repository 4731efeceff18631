"""The event page of the workbench in a real browser: axe, a refused response keeps its
text, then the response is recorded and the 5 h clock stops."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.opinion import services
from sunshine.participation.opinion.models import OpinionResponse
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.opinion import T0, analyse, event

pytestmark = pytest.mark.browser
H = dt.timedelta(hours=1)


def test_event_page_respond(page, axe, shot, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        services.capture_items(
            event=e,
            actor=opinion_people["drafter"],
            items=[
                {"text": "塌了好几天也没人管，太失望了", "source": "weibo", "captured_at": T0},
                {"text": "抢修很及时，点赞，辛苦了", "source": "wechat", "captured_at": T0},
            ],
        )
        analyse(e, actor=opinion_people["reviewer"])  # the 研判 a first response needs
    sign_in(page, opinion_people["reviewer"])
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="政务舆情").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政务舆情")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("link", name=e.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(e.title)
    expect(page.get_by_role("img", name=re.compile("负面 1"))).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "opinion-workbench-detail")

    page.get_by_label("回应类型").select_option(label="权威信息")
    page.get_by_label("回应渠道").select_option(label="政务微博")
    page.get_by_label("回应内容").fill("经核查无人员伤亡<script>alert(1)</script>")
    page.get_by_role("button", name="登记并公开").click()
    expect(page.locator("#id_resp-text_error")).to_contain_text("网页代码")
    expect(page.get_by_label("回应内容")).to_have_value(re.compile("经核查无人员伤亡"))
    page.get_by_label("回应内容").fill("经核查无人员伤亡，塌陷路段已封闭抢修。")
    page.get_by_role("button", name="登记并公开").click()
    expect(page.get_by_role("status")).to_contain_text("已登记回应")
    response = OpinionResponse.objects.get()
    assert response.kind == "authoritative_information" and response.is_published
    expect(page.locator(f"#r{response.pk}")).to_contain_text("经核查无人员伤亡")
    page.reload()
    violations, text = axe(page)
    assert violations == [], text
