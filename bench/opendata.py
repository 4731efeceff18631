"""The 数据开放 benchmark of issue 14: the CKAN-compatible API at /api/3/action/ with 10,000
published datasets and one 1,000,000-row tabular resource, measured with Django's test Client
(the whole request: URL routing, the action, JSON): p50/p95 over ≥ 200 requests per call
(goal p95 ≤ 100 ms).

    .venv/bin/python bench/opendata.py                          # SQLite
    .venv/bin/python bench/opendata.py --db sqlite,postgresql
    .venv/bin/python bench/opendata.py --datasets 2000 --rows 100000 --requests 100 -q
    options: --keep (keep the databases), --var DIR (SQLite: reuse a kept SUNSHINE_VAR_DIR),
             --pg-name NAME --pg-reuse (PostgreSQL: reuse a kept database)

Databases are the benchmark's own (as bench/servicehall.py): SQLite in a temporary
SUNSHINE_VAR_DIR, PostgreSQL in postgres://postgres@127.0.0.1:5432/sunshine_bench_od_<pid>.

What is bulk-made and what is made by the services: 20 datasets (two agencies) are made by
the real services (schema, CSV resource loaded into the datastore, publication, versions,
audit); the other datasets are bulk_create'd with what the services would have written
(formats, search text, tags and their DatasetTag rows, quality score), 12 topics, 20 agencies,
4 formats, 300 tags. The 1,000,000 rows are bulk_create'd into one resource of a
service-made dataset (values typed by its schema, the lower-cased row text for `q`)."""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from harness import pg_admin, run_worker

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
GOAL_MS = 100
CITIES = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "河源市", "梅州市", "惠州市",
          "汕尾市", "东莞市", "中山市", "江门市", "阳江市", "湛江市", "茂名市", "肇庆市", "清远市",
          "潮州市", "揭阳市", "云浮市"]  # fmt: skip
WORDS = ["交通", "公路", "教育", "医疗", "卫生", "就业", "社保", "住房", "环境", "空气", "水质",
         "企业", "信用", "财政", "预算", "统计", "人口", "农业", "旅游", "文化", "气象", "安全"]  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def setup_agencies():
    from sunshine.kernel.accounts.roles import Role
    from sunshine.kernel.orgs.models import Agency
    from sunshine.testing.factories import AgencyFactory, RegionFactory, staff_with

    root = Agency.objects.filter(name="基准省人民政府").first()
    if root is None:
        region = RegionFactory(code="449700", name="基准省")
        root = AgencyFactory(name="基准省人民政府", kind="government", region=region)
        for i in range(20):
            AgencyFactory(name=f"基准省第{i + 1}厅", parent=root, region=region)
    agencies = list(Agency.objects.filter(parent=root).order_by("pk"))
    from django.contrib.auth import get_user_model

    email = "bench-od@bench.gov.cn"
    admin = get_user_model().objects.filter(email=email).first() or staff_with(
        Role.AGENCY_ADMIN, root, email=email
    )
    return agencies, admin


def real_datasets(agencies, admin, k: int = 20):
    from sunshine.testing.factories.opendata import make_dataset

    made = []
    for i in range(k):
        made.append(
            make_dataset(
                admin,
                agencies[i % 2],
                name=f"real-{i}",
                title=f"{WORDS[i % len(WORDS)]}数据（服务创建）{i}",
                tags=[WORDS[i % len(WORDS)], "服务创建"],
            )
        )
    return made


def bulk_datasets(n: int, agencies, rng) -> float:
    from sunshine.kernel import clock
    from sunshine.opendata.datasets.choices import Topic
    from sunshine.opendata.datasets.models import Dataset, DatasetTag

    t0 = time.perf_counter()
    now = clock.now()
    tags = [f"{WORDS[i % len(WORDS)]}{i // len(WORDS)}" for i in range(300)]
    topics = Topic.values[:12]
    formats = [" CSV ", " CSV JSON ", " XLSX ", " API CSV "]
    batch, tag_rows = [], []
    for i in range(n):
        agency = agencies[i % len(agencies)]
        word = rng.choice(WORDS)
        chosen = rng.sample(tags, 3)
        title = f"{rng.choice(CITIES)}{word}数据集{i}"
        notes = f"{agency.name}提供的{word}领域数据，按月更新，含{rng.choice(WORDS)}指标。"
        when = now - dt.timedelta(minutes=i)
        batch.append(
            Dataset(
                uuid=uuid.uuid4(),
                name=f"bulk-{i}",
                agency=agency,
                title=title,
                notes=notes,
                topic=topics[i % len(topics)],
                industry="S",
                open_class="unconditional" if i % 10 else "conditional",
                open_conditions="" if i % 10 else "仅限科研",
                update_frequency="monthly",
                license_id="CC-BY-4.0",
                tags=chosen,
                state="published",
                version=1,
                published_at=when,
                data_updated_at=when,
                created_at=when,
                modified_at=when,
                quality_score=rng.randint(40, 100),
                formats=formats[i % len(formats)],
                search_text=" ".join([title, notes, " ".join(chosen), agency.name]).lower(),
            )
        )
        if len(batch) >= 2000:
            made = Dataset.objects.bulk_create(batch)
            tag_rows = [DatasetTag(dataset=d, name=t) for d in made for t in d.tags]
            DatasetTag.objects.bulk_create(tag_rows)
            batch = []
    if batch:
        made = Dataset.objects.bulk_create(batch)
        DatasetTag.objects.bulk_create(
            [DatasetTag(dataset=d, name=t) for d in made for t in d.tags]
        )
    return time.perf_counter() - t0


def big_resource(rows: int, agencies, admin, rng):
    """A service-made dataset with a schema and a small CSV, then `rows` datastore rows."""
    from sunshine.opendata.datasets import services
    from sunshine.opendata.datasets.datastore import row_text
    from sunshine.opendata.datasets.models import Dataset, ResourceRow
    from sunshine.testing.factories.opendata import csv_bytes

    dataset = Dataset.objects.filter(name="big-table").first()
    if dataset is not None:
        return dataset.resources.get(), 0.0
    fields = [
        {"name": "id", "title": "编号", "type": "integer"},
        {"name": "city", "title": "城市", "type": "string"},
        {"name": "category", "title": "类别", "type": "string"},
        {"name": "amount", "title": "金额", "type": "number", "unit": "元"},
        {"name": "date", "title": "日期", "type": "date"},
    ]
    dataset = services.create_dataset(
        agency=agencies[0],
        actor=admin,
        name="big-table",
        title="百万行基准数据",
        notes="基准测试用的一百万行表格数据，城市、类别、金额、日期。",
        topic="economy",
        industry="S",
        open_class="unconditional",
        update_frequency="daily",
        license_id="CC-BY-4.0",
        tags=["基准"],
    )
    services.set_schema(dataset=dataset, actor=admin, fields=fields)
    resource = services.add_resource(
        dataset=dataset,
        actor=admin,
        name="百万行",
        format="CSV",
        content=csv_bytes([f["name"] for f in fields], [[0, "广州市", "交通", 1.5, "2026-01-01"]]),
        filename="big.csv",
    )
    services.publish_dataset(dataset=dataset, actor=admin)
    ResourceRow.objects.filter(resource=resource).delete()
    t0 = time.perf_counter()
    start = dt.date(2020, 1, 1)
    batch = []
    for i in range(1, rows + 1):
        data = {
            "id": i,
            "city": CITIES[i % len(CITIES)],
            "category": WORDS[(i * 7) % len(WORDS)],
            "amount": round(rng.random() * 10000, 2),
            "date": (start + dt.timedelta(days=i % 2400)).isoformat(),
        }
        batch.append(ResourceRow(resource=resource, rownum=i, data=data, text=row_text(data)))
        if len(batch) >= 10_000:
            ResourceRow.objects.bulk_create(batch)
            batch = []
    if batch:
        ResourceRow.objects.bulk_create(batch)
    resource.row_count = rows
    resource.save(update_fields=["row_count"])
    return resource, time.perf_counter() - t0


def timed(client, urls: list[str], rounds: int) -> dict:
    for url in urls[:3]:
        client.get(url)  # warm-up
    times, statuses = [], set()
    for k in range(rounds):
        url = urls[k % len(urls)]
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        statuses.add(response.status_code)
        if response.status_code != 200:
            print("unexpected", response.status_code, url, response.content[:300], flush=True)
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
    from django.test.utils import setup_test_environment

    from sunshine.opendata.datasets.models import Dataset, ResourceRow
    from sunshine.opendata.datasets.selectors import org_slug

    setup_test_environment()
    vendor = connection.vendor
    out = {"vendor": vendor, "datasets": args.datasets, "rows": args.rows}
    call_command("migrate", verbosity=0)
    rng = random.Random(14)
    agencies, admin = setup_agencies()
    if not Dataset.objects.filter(name__startswith="real-").exists():
        t0 = time.perf_counter()
        real_datasets(agencies, admin)
        out["services_seconds"] = time.perf_counter() - t0
    existing = Dataset.objects.filter(name__startswith="bulk-").count()
    if existing < args.datasets - 20:
        out["insert_seconds"] = bulk_datasets(args.datasets - 20, agencies, rng)
        print(f"[{vendor}] bulk-made {args.datasets - 20} datasets in {out['insert_seconds']:.0f} s",
              flush=True)  # fmt: skip
    resource, seconds = big_resource(args.rows, agencies, admin, rng)
    if seconds:
        out["rows_seconds"] = seconds
        print(f"[{vendor}] bulk-made {args.rows} datastore rows in {seconds:.0f} s", flush=True)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    out["counts"] = {
        "datasets": Dataset.objects.filter(state="published").count(),
        "rows": ResourceRow.objects.filter(resource=resource).count(),
    }
    print(f"[{vendor}] {out['counts']}", flush=True)
    client = Client()
    api = "/api/3/action/"
    org = org_slug(agencies[3])
    facets = json.dumps(["organization", "groups", "tags", "res_format"])
    rid = str(resource.uuid)
    n = args.rows
    offsets = [rng.randrange(0, max(1, n - 100)) for _ in range(50)]
    calls = {
        "package_search (no query, 10 rows)": [api + "package_search"],
        "package_search q=word (20 rows)": [
            api + "package_search?" + urlencode({"q": w, "rows": 20}) for w in WORDS[:10]
        ],
        "package_search fq organization + tags": [
            api + "package_search?" + urlencode({"fq": f"organization:{org} tags:{WORDS[i]}0"})
            for i in range(10)
        ],
        "package_search 4 facets": [
            api + "package_search?" + urlencode({"q": w, "facet.field": facets}) for w in WORDS[:10]
        ],
        "package_search sort name, start 5000": [
            api + "package_search?" + urlencode({"sort": "name asc", "start": 5000 + i, "rows": 10})
            for i in range(10)
        ],
        "package_show": [api + f"package_show?id=bulk-{rng.randrange(args.datasets - 20)}" for _ in range(20)],
        "datastore_search limit 100, random offset": [
            api + "datastore_search?" + urlencode({"resource_id": rid, "offset": o}) for o in offsets
        ],
        "datastore_search filters city (limit 100)": [
            api + "datastore_search?" + urlencode({"resource_id": rid, "filters": json.dumps({"city": c})})
            for c in CITIES[:10]
        ],
        "datastore_search filters id (one row)": [
            api + "datastore_search?" + urlencode({"resource_id": rid, "filters": json.dumps({"id": o + 1})})
            for o in offsets[:20]
        ],
        "datastore_search q=word, no total": [
            api + "datastore_search?" + urlencode({"resource_id": rid, "q": c, "include_total": "false"})
            for c in CITIES[:10]
        ],
    }  # fmt: skip
    out["calls"] = {}
    for label, urls in calls.items():
        rounds = args.requests if "filters city" not in label else max(20, args.requests // 4)
        result = timed(client, urls, rounds)
        out["calls"][label] = result
        print(f"[{vendor}] {label:45} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
              f"status {result['status']}  load {result['load']:.1f}", flush=True)  # fmt: skip
    return out


def run_child(vendor: str, args, env: dict) -> dict:
    command = ["--datasets", str(args.datasets), "--rows", str(args.rows),
               "--requests", str(args.requests)]  # fmt: skip
    return run_worker(__file__, command, vendor=vendor, env=env, verbose=args.verbose)


def report(results: list[dict]) -> None:
    print()
    for r in results:
        print(f"== {r['vendor']}: {r['counts']['datasets']} published datasets, "
              f"{r['counts']['rows']} datastore rows")  # fmt: skip
        print(
            f"{'call':46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req':>5} {'load':>5}  goal p95 ≤ {GOAL_MS}"
        )
        for label, p in r["calls"].items():
            verdict = "ok" if p["p95"] <= GOAL_MS else "ABOVE GOAL"
            print(f"{label:46} {p['p50']:8.1f} {p['p95']:8.1f} {p['max']:8.1f} {p['n']:5} "
                  f"{p['load']:5.1f}  {verdict}")  # fmt: skip
        print()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per call")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or both (comma)")
    parser.add_argument("--var", help="SQLite: this SUNSHINE_VAR_DIR (kept; reused)")
    parser.add_argument("--pg-name", default=f"sunshine_bench_od_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--pg-reuse", action="store_true", help="use the kept --pg-name database")
    parser.add_argument("-q", dest="verbose", action="store_false", help="summary only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args), ensure_ascii=False, default=str), flush=True)
        return
    started = time.perf_counter()
    results = []
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for vendor in [v.strip() for v in args.db.split(",") if v.strip()]:
        var = Path(args.var) if args.var else Path(tempfile.mkdtemp(prefix="sunshine-bench-od-"))
        env = dict(base_env, SUNSHINE_VAR_DIR=str(var))
        created = False
        try:
            if vendor == "postgresql":
                if not args.pg_reuse:
                    pg_admin(f'CREATE DATABASE "{args.pg_name}"')
                    created = True
                env["DATABASE_URL"] = f"{PG_SERVER}/{args.pg_name}"
            elif vendor != "sqlite":
                raise SystemExit(f"unknown database {vendor}")
            results.append(run_child(vendor, args, env))
        finally:
            if args.keep:
                print(f"[{vendor}] kept: {args.pg_name if vendor == 'postgresql' else var}")
            elif vendor == "postgresql" and created:
                pg_admin(f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)')
            if not args.var and not (args.keep and vendor == "sqlite"):
                shutil.rmtree(var, ignore_errors=True)
    if results:
        report(results)
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")  # fmt: skip


if __name__ == "__main__":
    main()
