"""The online service hall in a real browser: browse, read a guide, apply with a refused file
(the typed text stays), then with a good one; the timeline of the application; axe on every
page; 360 px wide."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.files.testing import make_pdf
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import PASSWORD, CitizenFactory
from sunshine.testing.factories.applications import advance_application

pytestmark = pytest.mark.browser


def check_axe(page, axe):
    violations, text = axe(page)
    assert violations == [], text


def test_a_citizen_applies_online_and_follows_the_timeline(page, axe, shot, themed_hall):
    item = themed_hall["items"][0]
    citizen = CitizenFactory(display_name="王小明", mobile="13912345678")
    page.goto(page.base + "/bsfw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("网上办事大厅")
    check_axe(page, axe)
    page.get_by_role("link", name=re.compile("交通出行")).first.click()
    page.get_by_role("link", name=item.name).click()
    expect(page.get_by_role("heading", name="办理材料")).to_be_visible()
    check_axe(page, axe)
    shot(page, "services-item")

    page.get_by_role("link", name="在线申请").click()
    page.get_by_label("电子邮箱").fill(citizen.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(rf"/bsfw/sx/{item.code}/apply/$"))
    expect(page.get_by_label("申请人名称（姓名或单位名称）")).to_have_value("王小明")
    check_axe(page, axe)

    page.get_by_label("申请事项说明").fill("本人已通过从业资格考试，申请核发从业资格证。")
    material = item.materials.get(required=True)
    field = page.locator(f"#id_material_{material.pk}")
    field.set_input_files(
        {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64}
    )
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.get_by_text(re.compile("申请表.pdf："))).to_be_visible()
    expect(page.get_by_label("申请事项说明")).to_have_value(re.compile("申请核发从业资格证"))
    assert ServiceApplication.objects.count() == 0
    shot(page, "services-apply-refused")

    page.set_viewport_size({"width": 360, "height": 800})
    field.set_input_files(
        {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": make_pdf([["申请表"]])}
    )
    page.get_by_role("button", name="提交申请").click()
    app = ServiceApplication.objects.get()
    expect(page).to_have_url(re.compile(rf"/bsfw/wdbj/{app.number}/$"))
    timeline = page.locator(".svc-timeline")
    expect(timeline).to_contain_text("申请")
    expect(page.get_by_role("heading", name="办理进度")).to_be_visible()
    shot(page, "services-my-application")
    page.reload()
    check_axe(page, axe)

    page.get_by_role("link", name="我的办件").first.click()
    expect(page.get_by_role("link", name=app.number)).to_be_visible()
    check_axe(page, axe)


def test_correction_and_rating_forms_in_the_browser(page, axe, shot, themed_hall):
    from sunshine.servicehall.applications import services
    from sunshine.testing.factories.applications import apply

    app = apply(themed_hall["items"][0])
    services.request_correction(
        application=app, actor=themed_hall["drafter"], missing=["机动车驾驶证副页"]
    )
    sign_in(page, app.applicant, next_url=f"/bsfw/wdbj/{app.number}/")
    expect(page.get_by_role("heading", name="请补正以下材料或内容")).to_be_visible()
    expect(page.locator(".svc-correction li")).to_have_text("机动车驾驶证副页")
    check_axe(page, axe)
    page.get_by_label("补正说明").fill("已补充驾驶证副页扫描件")
    page.get_by_label("补正材料", exact=True).set_input_files(
        {"name": "副页.docx", "mimeType": "application/pdf", "buffer": make_pdf([["副页"]])}
    )
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator(".form-errors")).to_contain_text("副页.docx")
    expect(page.get_by_label("补正说明")).to_have_value("已补充驾驶证副页扫描件")
    page.get_by_label("补正材料", exact=True).set_input_files(
        {"name": "副页.pdf", "mimeType": "application/pdf", "buffer": make_pdf([["副页"]])}
    )
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator(".svc-timeline")).to_contain_text("补正提交")
    app.refresh_from_db()
    assert app.state == "submitted" and app.correction_count == 1

    advance_application(app, themed_hall, "completed")
    page.reload()
    expect(page.locator(".svc-timeline li")).to_have_count(7)
    check_axe(page, axe)
    page.get_by_label("评价意见").fill("<b>很好</b>")
    page.get_by_role("radio", name="满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_label("评价意见")).to_have_value("<b>很好</b>")
    page.get_by_label("评价意见").fill("一次性告知补正，办理很快")
    page.get_by_role("radio", name="满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("一次性告知补正，办理很快")).to_be_visible()
    shot(page, "services-rated")
