"""The city's site on a 360 px phone, in Chromium: the browser resolves www.gz.gov.cn to the
live server (--host-resolver-rules), so the page is asked for by its own host name as a
visitor's browser would. Only the city's content, its own identity in the footer, no sideways
scrolling, axe finds nothing."""

import shutil
from pathlib import Path

import pytest

from sunshine.testing.browser import CHROMIUM, LAUNCH_ARGS
from sunshine.testing.fixtures import CLUSTER_HOSTS

GZ = CLUSTER_HOSTS["gz"]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SCREENSHOT = Path(__file__).resolve().parents[4] / "docs" / "screenshots" / "sites-gz-phone.png"


@pytest.fixture
def gz_browser(chromium):
    """A second Chromium of the same Playwright, with www.gz.gov.cn mapped to 127.0.0.1."""
    browser = chromium.browser_type.launch(
        executable_path=shutil.which(CHROMIUM) or CHROMIUM,
        headless=True,
        args=[*LAUNCH_ARGS, f"--host-resolver-rules=MAP {GZ} 127.0.0.1"],
    )
    yield browser
    browser.close()


def test_city_site_home_on_a_phone(gz_browser, live_server, cluster, axe):
    port = live_server.url.rsplit(":", 1)[1]
    context = gz_browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"http://{GZ}:{port}/")
    assert page.locator("h1").first.inner_text() == "广州市人民政府"
    text = page.locator("main").inner_text()
    records = cluster["records"]
    assert records["city"].title in text and records["county"].title in text
    assert records["province"].title not in text
    assert "来源：广州市人民政府" in text
    assert "4401000001" in page.locator("footer").inner_text()  # the city's 网站标识码
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    violations, description = axe(page)
    assert not violations, description
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    context.close()
