"""In a real browser: the officer uploads a PDF, adds a text redaction with its ground, draws a
box with the pointer, previews and releases; the applicant downloads the released file from
"my request" and the secret is not in it. Also on a 360 px phone (the text path)."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.disclosure.releases.models import ReleasedFile
from sunshine.testing.browser import sign_in

from .leaks import pdf_leaks
from .samples import SECRET

pytestmark = pytest.mark.browser


def test_officer_redacts_and_applicant_downloads(
    page, axe, shot, officer, applicant, foi_request, pdf_bytes, tmp_path
):
    source = tmp_path / "会议纪要.pdf"
    source.write_bytes(pdf_bytes)
    sign_in(page, officer)
    page.goto(page.base + f"/workbench/foi/{foi_request.pk}/")
    page.get_by_role("link", name="上传文件、标出不予公开的内容").click()
    page.get_by_label("文件").set_input_files(str(source))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("会议纪要")
    # A text redaction with its ground.
    page.get_by_label("要删除的文字").fill(SECRET)
    page.locator("form[action$='/text/'] [name=ground]").select_option(label="保护第三方合法权益")
    page.locator("form[action$='/text/'] [name=note]").fill("第三方姓名")
    page.locator("form[action$='/text/']").get_by_role("button", name="添加").click()
    expect(page.get_by_role("status")).to_contain_text("共 6 处将被删除")
    # Draw a box on page 1 with the mouse: the form is filled in points.
    image = page.locator(".rel-page[data-page='1'] img")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    box = image.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6, steps=5)
    page.mouse.up()
    form = page.locator("#rel-box-form")
    expect(form.locator("[name=page]")).to_have_value("1")
    x0 = float(form.locator("[name=x0]").input_value())
    assert 50 < x0 < 70  # 10% of 595 points
    form.locator("[name=ground]").select_option(label="属于四类过程性信息")
    form.get_by_role("button", name="添加框选区域").click()
    expect(page.locator("#redactions ~ .table-wrap")).to_contain_text("属于四类过程性信息")
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "foi-redact")
    # Preview opens the flattened PDF.
    with page.context.expect_page() as preview_info:
        page.get_by_role("link", name="预览提供的文件（PDF）").click()
    preview = preview_info.value
    preview.close()
    page.get_by_label("已预览，确认提供给申请人（提供后不能修改）").check()
    page.get_by_role("button", name="提供给申请人").click()
    expect(page.get_by_role("cell", name="已提供")).to_be_visible()
    item = ReleasedFile.objects.get()
    assert item.state == "released" and item.redactions.count() == 2

    # The applicant, on a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, applicant)
    page.goto(page.base + f"/ysqgk/my/{foi_request.pk}/")
    link = page.get_by_role("link", name="会议纪要")
    expect(link).to_be_visible()
    shot(page, "foi-my-files-360")
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    data = open(path, "rb").read()
    assert data.startswith(b"%PDF") and pdf_leaks(data, SECRET) == []
    assert re.search(r"会议纪要\.pdf$", download_info.value.suggested_filename)


def test_text_redaction_on_a_phone(page, officer, foi_request, pdf_bytes):
    from sunshine.disclosure.releases import services

    item = services.upload_source(
        request=foi_request, actor=officer, uploaded_file=services.uploaded("a.pdf", pdf_bytes)
    )
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, officer)
    page.goto(page.base + f"/workbench/foi/{foi_request.pk}/files/{item.pk}/")
    page.get_by_label("要删除的文字").fill("没有这句话")
    page.locator("form[action$='/text/'] [name=ground]").select_option(label="属于国家秘密")
    page.locator("form[action$='/text/']").get_by_role("button", name="添加").click()
    expect(page.locator("#id_text_error")).to_contain_text("找不到这段文字")
    expect(page.get_by_label("要删除的文字")).to_have_value("没有这句话")
    # Nothing wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
