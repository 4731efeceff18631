"""The 重要职权事项 benchmark: the general office's overview (workbench dashboard: every item by
kind and agency with its supervision state, the cross-check statistics and the 双公示 row), the
public list, and the staff API's dashboard, with a register of `--items` items (default 5,000)
over 20 departments, measured with Django's test Client (the whole request): p50/p95 over
`--requests` requests each, and the number of SQL queries of one dashboard request (it must not
grow with the number of items).

    .venv/bin/python bench/keyitems.py                          # SQLite
    .venv/bin/python bench/keyitems.py --db sqlite,postgresql
    .venv/bin/python bench/keyitems.py --items 2000 --requests 50 -q

What is made by the services and what is bulk-made: `--real` items (default 200) go through the
services (register, the office's assignment, submission → a cross-check round on its running
clock; every fourth returned with reasons, every fourth signed off; a question on every fifth,
on its clock); the others are bulk_create'd in 实施中, published, with no supervision open.
Databases are the benchmark's own (as bench/opendata.py): SQLite in a temporary SUNSHINE_VAR_DIR,
PostgreSQL in postgres://postgres@127.0.0.1:5432/sunshine_bench_ki_<pid>, created and dropped."""

import argparse
import datetime as dt
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

from harness import for_each_database

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 300  # a staff overview page; the public list's goal is the same here


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def setup():
    from sunshine.kernel.accounts.roles import Role
    from sunshine.kernel.orgs.models import Agency
    from sunshine.testing.factories import AgencyFactory, RegionFactory
    from sunshine.testing.factories.kernel import CitizenFactory, staff_with

    root = Agency.objects.filter(name="基准省人民政府").first()
    if root is None:
        region = RegionFactory(code="449700", name="基准省")
        root = AgencyFactory(name="基准省人民政府", kind="government", region=region)
        AgencyFactory(name="基准省人民政府办公厅", parent=root, kind="office", region=region)
        for i in range(20):
            AgencyFactory(name=f"基准省第{i + 1}厅", parent=root, region=region)
    office = Agency.objects.get(name="基准省人民政府办公厅")
    departments = list(Agency.objects.filter(parent=root).exclude(pk=office.pk).order_by("pk"))
    editors = [
        staff_with(Role.AGENCY_ADMIN, d, email=f"bench-ki-{d.pk}@bench.gov.cn") for d in departments
    ]
    supervisor = staff_with(Role.SUPERVISOR, office, email="bench-ki-sup@bench.gov.cn")
    checker = staff_with(Role.REVIEWER, office, email="bench-ki-chk@bench.gov.cn")
    citizen = CitizenFactory(email="bench-ki-citizen@example.com")
    return {"office": office, "departments": departments, "editors": editors,
            "supervisor": supervisor, "checker": checker, "citizen": citizen}  # fmt: skip


def real_items(people, k: int) -> float:
    from sunshine.governance.keyitems import crosscheck, questions, services

    t0 = time.perf_counter()
    for i in range(k):
        n = i % len(people["departments"])
        agency, editor = people["departments"][n], people["editors"][n]
        item = services.register_item(
            actor=editor, agency=agency, kind="project", title=f"基准重大项目{i}",
            budget=Decimal(100_000_000 + i), is_public=True,
        )  # fmt: skip
        crosscheck.assign_crosscheck(actor=people["supervisor"], item=item, agency=people["office"])
        item = services.submit_item(actor=editor, item=item)
        check = item.crosschecks.get()
        if i % 4 == 1:
            crosscheck.return_check(actor=people["checker"], check=check, findings="",
                                    reasons="材料不全")  # fmt: skip
        elif i % 4 == 2:
            crosscheck.sign_off(actor=people["checker"], check=check, findings="同意")
            if i % 5 == 2:
                questions.ask_question(author=people["citizen"], item=item,
                                       text=f"请公开项目{i}的施工计划和资金使用情况。")  # fmt: skip
    return time.perf_counter() - t0


def bulk_items(people, n: int) -> float:
    from sunshine.governance.keyitems.models import KeyItem
    from sunshine.kernel import clock

    t0 = time.perf_counter()
    now = clock.now()
    kinds = ["project", "approval", "enforcement", "spending"]
    batch = []
    for i in range(n):
        kind = kinds[i % 4]
        agency = people["departments"][i % len(people["departments"])]
        when = now - dt.timedelta(minutes=i)
        batch.append(KeyItem(
            agency=agency, kind=kind, title=f"基准批量事项{i}", state="in_progress",
            budget=Decimal(50_000_000 + i) if kind == "project" else None,
            amount=Decimal(800_000 + i) if kind == "spending" else None,
            purpose="基准" if kind == "spending" else "", is_public=True, published_at=when,
            created_at=when, updated_at=when, submitted_at=when,
        ))  # fmt: skip
        if len(batch) >= 2000:
            KeyItem.objects.bulk_create(batch)
            batch = []
    if batch:
        KeyItem.objects.bulk_create(batch)
    return time.perf_counter() - t0


def timed(client, url: str, rounds: int, headers=None) -> dict:
    headers = headers or {}
    client.get(url, **headers)  # warm-up
    times, statuses = [], set()
    for _ in range(rounds):
        t0 = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - t0) * 1000)
        statuses.add(response.status_code)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
            "n": len(times), "status": sorted(statuses), "load": os.getloadavg()[0]}  # fmt: skip


def worker(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sunshine.governance.keyitems.models import KeyItem
    from sunshine.kernel.accounts.services import issue_api_token

    setup_test_environment()
    vendor = connection.vendor
    out = {"vendor": vendor}
    call_command("migrate", verbosity=0)
    call_command("import_calendar", bundled=True, verbosity=0)  # the clocks' working days
    people = setup()
    if not KeyItem.objects.filter(title__startswith="基准重大项目").exists():
        out["services_seconds"] = real_items(people, args.real)
        print(f"[{vendor}] {args.real} items through the services in "
              f"{out['services_seconds']:.0f} s", flush=True)  # fmt: skip
    have = KeyItem.objects.count()
    if have < args.items:
        out["insert_seconds"] = bulk_items(people, args.items - have)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    out["items"] = KeyItem.objects.count()
    print(f"[{vendor}] {out['items']} items", flush=True)
    client = Client()
    client.force_login(people["supervisor"])
    client.get("/workbench/keyitems/dashboard/")
    with CaptureQueriesContext(connection) as ctx:
        status = client.get("/workbench/keyitems/dashboard/").status_code
    out["dashboard_queries"] = len(ctx.captured_queries)
    print(f"[{vendor}] dashboard: {status}, {out['dashboard_queries']} queries", flush=True)
    key = issue_api_token(actor=people["supervisor"], name="bench")[1]
    anonymous = Client()
    calls = {
        "workbench dashboard (general office)": (client, "/workbench/keyitems/dashboard/", None),
        "workbench register list": (client, "/workbench/keyitems/", None),
        "API dashboard (staff token)": (anonymous, "/api/v1/keyitems/dashboard",
                                        {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
        "portal list /zyzq/ (page 1)": (anonymous, "/zyzq/", None),
        "portal list /zyzq/?page=50": (anonymous, "/zyzq/?page=50", None),
        "API public list": (anonymous, "/api/v1/keyitems?limit=20&offset=2000", None),
    }  # fmt: skip
    out["calls"] = {}
    for label, (c, url, headers) in calls.items():
        result = timed(c, url, args.requests, headers)
        out["calls"][label] = result
        print(f"[{vendor}] {label:40} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
              f"status {result['status']}  load {result['load']:.1f}", flush=True)  # fmt: skip
    return out


def child_args(args) -> list[str]:
    return ["--items", str(args.items), "--real", str(args.real),
               "--requests", str(args.requests)]  # fmt: skip


def report(results: list[dict]) -> None:
    print()
    for r in results:
        print(f"== {r['vendor']}: {r['items']} items; one dashboard request = "
              f"{r['dashboard_queries']} SQL queries")  # fmt: skip
        print(f"{'call':41} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req':>5} {'load':>5}  "
              f"goal p95 ≤ {GOAL_MS}")  # fmt: skip
        for label, p in r["calls"].items():
            verdict = "ok" if p["p95"] <= GOAL_MS else "ABOVE GOAL"
            print(f"{label:41} {p['p50']:8.1f} {p['p95']:8.1f} {p['max']:8.1f} {p['n']:5} "
                  f"{p['load']:5.1f}  {verdict}")  # fmt: skip
        print()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--real", type=int, default=200, help="items made by the services")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per call")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or both (comma)")
    parser.add_argument("--pg-name", default=f"sunshine_bench_ki_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("-q", dest="verbose", action="store_false", help="summary only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args), ensure_ascii=False, default=str), flush=True)
        return
    started = time.perf_counter()
    results = for_each_database(args, "ki", child_args(args))
    if results:
        report(results)
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")  # fmt: skip


if __name__ == "__main__":
    main()
