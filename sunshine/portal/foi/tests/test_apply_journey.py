"""The 依申请公开 journey on a 360 px phone (Chromium, with axe): the citizen fills the form,
presses 估算费用 — in place with the script, and as a form submit without it — and nothing typed
is lost; submits; sees the receipt with the legal reply date worked out by hand; downloads the
PDF receipt. Then the officer sees verb buttons and the state in Chinese."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.kernel.workcalendar.services import load_bundled_calendar
from sunshine.testing.browser import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESCRIPTION = "2026年全省高速公路服务区充电桩建设计划及资金安排"
# Received online on Wed 2026-09-30 (条例 Art. 31: the day the system confirms). Art. 33: 20
# working days from the next day; 国庆 10-01..07 are off and Sat 10-10 is worked (调休):
# 10-08, 10-09, 10-10 = 3; 10-12..16 = 8; 10-19..23 = 13; 10-26..30 = 18; 11-02, 11-03 = 20.
RECEIVED = dt.datetime(2026, 9, 30, 10, 0)
REPLY_DUE = "2026年11月3日"
PAGES = "所需信息约多少页"


def _fill(page):
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(DESCRIPTION)
    page.get_by_label("通信地址").fill("广州市越秀区东风中路305号")
    page.get_by_role("radio", name="电子邮件").check()
    page.get_by_label(PAGES).fill("101")


def _kept(page):
    expect(page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述")).to_have_value(
        DESCRIPTION
    )
    expect(page.get_by_label("通信地址")).to_have_value("广州市越秀区东风中路305号")
    expect(page.get_by_role("radio", name="电子邮件")).to_be_checked()
    expect(page.get_by_label(PAGES)).to_have_value("101")


def test_apply_estimate_receipt_pdf_then_officer(chromium, page, axe, shot, transport, citizen):
    from sunshine.testing.factories import staff_with

    officer = staff_with("disclosure_officer", transport)
    load_bundled_calendar()  # an earlier live-server test may have flushed the migration's copy
    apply_url = f"/ysqgk/{transport.pk}/apply/"
    with clock.frozen(RECEIVED):
        # Without JavaScript: 估算费用 posts the form; the page comes back with all kept.
        bare = chromium.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=False)
        plain = bare.new_page()
        plain.base = page.base
        sign_in(plain, citizen)
        plain.goto(plain.base + apply_url)
        _fill(plain)
        plain.get_by_role("button", name="估算费用").click()
        expect(plain).to_have_url(re.compile(r"/apply/#estimate$"))
        _kept(plain)
        # 1st application of the month: free; 101 pages: 70 × 10 + 1 × 20 = 720 元 (Art. 5).
        expect(plain.locator("[data-out=by_count]")).to_have_text("0")
        expect(plain.locator("[data-out=by_volume]")).to_have_text("720")
        assert not InfoRequest.objects.exists()
        bare.close()

        # With the script, on a phone: the estimate is computed in place (no page load).
        page.set_viewport_size(PHONE)
        sign_in(page, citizen)
        page.goto(page.base + apply_url)
        expect(page.locator(".foi-nth")).to_contain_text("第 1 件")
        _fill(page)
        page.evaluate("window.stillHere = true")
        page.get_by_label(PAGES).fill("31")
        page.get_by_role("button", name="估算费用").click()
        expect(page.locator("[data-out=by_volume]")).to_have_text("10")
        assert page.evaluate("window.stillHere") is True and page.url.endswith("/apply/")
        page.get_by_label(PAGES).fill("-5")
        page.get_by_role("button", name="估算费用").click()
        expect(page.locator("[data-out=error]")).to_contain_text("页数应在 0 到")
        page.get_by_label(PAGES).fill("101")
        page.get_by_role("button", name="估算费用").click()
        expect(page.locator("[data-out=by_volume]")).to_have_text("720")
        _kept(page)
        violations, text = axe(page)
        assert violations == [], text
        shot(page, "foi-apply-estimate-360")

        page.get_by_role("button", name="提交申请").click()
        expect(page).to_have_url(re.compile(r"/ysqgk/my/\d+/receipt/$"))
        request = InfoRequest.objects.get()
        expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
        expect(page.locator(".foi-receipt-confirm")).to_contain_text(request.number)
        expect(page.locator("[data-out=reply_due]")).to_have_text(REPLY_DUE)
        expect(page.locator("[aria-current=step]")).to_contain_text("办理中")
        violations, text = axe(page)
        assert violations == [], text
        shot(page, "foi-receipt-360")
        with page.expect_download() as info:
            page.get_by_role("link", name="下载回执（PDF）").click()
        pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert request.number in text and REPLY_DUE in text

    staff = chromium.new_context(viewport=PHONE, locale="zh-CN")
    desk = staff.new_page()
    desk.base = page.base
    sign_in(desk, officer)
    desk.goto(desk.base + f"/workbench/foi/{request.pk}/")
    expect(desk.locator("dd strong", has_text="办理中")).to_be_visible()
    desk.locator("summary", has_text="延期").click()
    expect(desk.get_by_role("button", name="延长答复期限")).to_be_visible()
    expect(desk.get_by_label("批准人")).to_contain_text("请选择")
    expect(desk.get_by_role("button", name="提交", exact=True)).to_have_count(0)
    violations, text = axe(desk)
    assert violations == [], text
    staff.close()
