"""The home page as a visitor uses it, in Chromium: 1280 px (carousel by keyboard, pause),
360 px (menu, no sideways scrolling) and 适老化 on a 360×740 phone (real content on the first
screen); axe finds nothing."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from sunshine.portal.columns import ColumnItem, register_column_provider, unregister_column_provider

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _items(prefix):
    def provider(request, limit):
        return [ColumnItem(f"{prefix}第{n}条", f"/column/zcwj/?n={n}", None) for n in range(3)]

    return provider


@pytest.fixture
def news():
    providers = {slug: _items(slug) for slug in ("zcwj", "zcjd", "xwfb")}
    for slug, p in providers.items():
        register_column_provider(slug, p)
    cache.clear()
    yield
    for slug, p in providers.items():
        unregister_column_provider(slug, p)
    cache.clear()


def _no_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_desktop_carousel_keyboard_and_pause(page, news, axe, shot):
    page.goto(page.base + "/")
    carousel = page.locator("[data-carousel]")
    pause = carousel.locator("[data-carousel-pause]")
    assert pause.is_visible()  # the script ran: prev/next/pause shown
    assert carousel.locator(".carousel-slide").count() == 2
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true" and pause.inner_text() == "继续轮播"
    page.locator("[data-carousel-track]").focus()
    page.keyboard.press("ArrowRight")
    expect(carousel.locator('[data-carousel-dot="1"]')).to_have_attribute("aria-current", "true")
    _no_overflow(page)
    violations, text = axe(page)
    assert not violations, text
    shot(page, "home-1280")


def test_phone_menu_opens_without_script(chromium, live_server, news, axe):
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    nav_link = page.locator(".column-nav ul a", has_text="政策解读")
    assert not nav_link.is_visible()
    page.locator(".nav-toggle-label").click()
    assert nav_link.is_visible()
    _no_overflow(page)
    assert page.locator("#yw-slide-1").is_visible()  # the slides are there without JS
    context.close()


def test_elder_mode_first_screen_on_a_phone(chromium, live_server, news, axe, shot):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    context.add_cookies([{"name": "elder", "value": "1", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert "elder" in page.locator("body").get_attribute("class")
    top = page.evaluate("document.querySelector('.home-news').getBoundingClientRect().top")
    assert top < 740 - 120, top  # the 要闻 heading and the start of its picture
    _no_overflow(page)
    violations, text = axe(page)
    assert not violations, text
    shot(page, "home-360-elder")
    context.close()
