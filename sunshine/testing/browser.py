"""Browser-test fixtures, one plugin for the whole suite (root conftest: pytest_plugins), so that
every browser test shares one Playwright session: two sync_playwright() sessions in one process
fail with "Sync API inside the asyncio loop".

Browser tests: Playwright (sync API) driving Debian's Chromium. Playwright cannot download
its own browser here, so the executable is /usr/bin/chromium or $CHROMIUM_PATH.

Without that browser the tests are skipped with a visible warning, except under CI=true where
a missing browser fails the run (a skipped suite must not look like a green one)."""

import functools
import os
import shutil
import warnings
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VENDOR = Path(__file__).resolve().parents[2] / "tests" / "browser" / "vendor"
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
_missing_reason: list[str] = []


def _browser_problem() -> str | None:
    path = shutil.which(CHROMIUM) or CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    return None


@pytest.fixture(scope="session")
def chromium():
    problem = _browser_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run under CI: {problem}", pytrace=False)
        _missing_reason.append(problem)
        warnings.warn(f"browser tests SKIPPED: {problem}", pytest.PytestWarning, stacklevel=1)
        pytest.skip(f"browser tests skipped: {problem}")

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM (factories in the tests)
    # then refuses to run unless told that this is fine (the live server has its own thread).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(
            executable_path=shutil.which(CHROMIUM) or CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
    except Exception as exc:
        manager.stop()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium did not start: {exc}", pytrace=False)
        _missing_reason.append(f"Chromium did not start: {exc}")
        pytest.skip(f"Chromium did not start: {exc}")
    yield browser
    browser.close()
    manager.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, live_server):
    page = context.new_page()
    page.base = live_server.url
    yield page
    page.close()


@functools.cache
def _axe_source() -> str:
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8") + "\n;typeof axe"


def _run_axe(page) -> list[dict]:
    """axe-core's violations on the current page (WCAG 2.0/2.1 A and AA, and best practices)."""
    # Evaluated through the DevTools protocol, not as a <script> tag: the pages' CSP (script-src
    # 'self', no inline script) blocks an injected inline script, but not the test harness.
    page.evaluate(_axe_source())
    result = page.evaluate("async () => await axe.run()")
    return result["violations"]


def _describe(violations) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def _screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def axe():
    """axe(page) -> (violations, readable description)."""

    def check(page):
        violations = _run_axe(page)
        return violations, _describe(violations)

    return check


@pytest.fixture
def shot():
    """shot(page, name): a full-page screenshot to /tmp/shots/<name>.png (or $SHOTS_DIR)."""
    return _screenshot


def pytest_terminal_summary(terminalreporter):
    if _missing_reason:
        terminalreporter.write_sep(
            "!", f"BROWSER TESTS SKIPPED: {_missing_reason[0]}", yellow=True, bold=True
        )


def sign_in(page, user, *, next_url: str = "", password: str | None = None) -> None:
    """Sign `user` in through the login form (the demo/test password unless given) and wait
    until the browser has left the login page (a refused login times out here, failing the
    test). `next_url`: where to land afterwards, checked."""
    import re

    from playwright.sync_api import expect

    from sunshine.testing.factories import PASSWORD

    page.goto(page.base + "/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("电子邮箱").fill(user.email)
    page.locator("#id_password").fill(password or PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if next_url:
        expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))
