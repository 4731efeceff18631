"""While the database is down, the API answers 503 in its JSON error shape with Retry-After,
quickly, and works again as soon as the database is back: a real app server (gunicorn) on a
PostgreSQL server of the test's own, stopped and started by the test. No mock: the requests
reach the real views, which fail to reach the real database."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from sunshine.testing.pgserver import PostgresServer, find_pg_bin, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_pg_bin() is None,
        reason="PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
FAST = 5.0  # seconds


def call(url: str, *, method="GET", headers=None, data=None):
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # nosec B310: our server
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, error.headers, error.read()
    return status, head, body, time.monotonic() - started


@pytest.fixture
def api_on_own_postgres(tmp_path):
    with PostgresServer() as pg:
        pg.create_database("sunshine")
        env = pg.django_env("sunshine", tmp_path / "var")
        # The accounts and audit tables (and what they need: agencies, regions): enough for the
        # agency list and a staff token; a staff account and its token are made here.
        setup = subprocess.run(
            [sys.executable, "-c",
             "import django; django.setup(); from django.core.management import call_command; "
             "call_command('migrate', 'accounts', verbosity=0); "
             "call_command('migrate', 'audit', verbosity=0); "
             "from sunshine.testing.factories import AgencyFactory, staff_with; "
             "from sunshine.kernel.accounts.services import issue_api_token; "
             "user = staff_with('agency_admin', AgencyFactory(name='广东省交通运输厅')); "
             "print(issue_api_token(actor=user, name='outage')[1])"],
            env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert setup.returncode == 0, setup.stderr[-3000:]
        key = setup.stdout.strip().splitlines()[-1]
        port = free_port()
        log = tmp_path / "gunicorn.log"
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application",
             "--workers=1", f"--bind=127.0.0.1:{port}", "--no-control-socket",
             "--timeout=60", f"--error-logfile={log}"],
            env=env, cwd=BASE_DIR,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(base + "/api/v1/", timeout=5)  # nosec B310
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                    time.sleep(0.2)
            yield {"pg": pg, "base": base, "key": key, "server": server}
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_api_answers_503_json_with_retry_after_while_the_database_is_down(api_on_own_postgres):
    pg, base, key = (api_on_own_postgres[k] for k in ("pg", "base", "key"))
    token = {"Authorization": f"Bearer {key}"}

    status, _, body, _ = call(base + "/api/v1/agencies")
    assert status == 200 and json.loads(body)[0]["name"] == "广东省交通运输厅"
    assert call(base + "/api/v1/me", headers=token)[0] == 200

    pg.stop()
    for url, method, headers, data in [
        ("/api/v1/agencies", "GET", {}, None),  # a public list
        ("/api/v1/me", "GET", token, None),  # the token is looked up in the database
        (
            "/api/v1/briefings",
            "POST",
            {**token, "Content-Type": "application/json"},
            json.dumps(
                {
                    "agency_id": 1,
                    "kind": "interview",
                    "title": "访谈",
                    "scheduled_at": "2026-12-08T10:00:00+08:00",
                }
            ).encode(),
        ),  # fmt: skip
    ]:
        status, head, body, seconds = call(base + url, method=method, headers=headers, data=data)
        assert status == 503, (url, body[:300])
        assert head["Content-Type"].startswith("application/json")
        assert head["Retry-After"] == "30"
        assert "数据库" in json.loads(body)["detail"]
        assert seconds < FAST
    # What needs no database still answers.
    status, _, body, _ = call(base + "/api/v1/nothing")
    assert status == 404 and json.loads(body)["detail"]
    assert api_on_own_postgres["server"].poll() is None

    pg.start()
    status, _, body, _ = call(base + "/api/v1/agencies")
    assert status == 200 and json.loads(body)[0]["name"] == "广东省交通运输厅"
