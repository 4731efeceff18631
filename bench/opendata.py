"""The 数据开放 benchmark of issue 14: the CKAN-compatible API at /api/3/action/ with 10,000
published datasets and one 1,000,000-row tabular resource, measured with Django's test Client
(the whole request: URL routing, the action, JSON): p50/p95 over --requests (default 200,
at least 30) requests per call (goal p95 ≤ 100 ms).

    .venv/bin/python bench/opendata.py                          # SQLite
    .venv/bin/python bench/opendata.py --db sqlite,postgresql
    .venv/bin/python bench/opendata.py --datasets 2000 --rows 100000 --requests 100 -q
    .venv/bin/python bench/opendata.py --datasets 100 --calls datastore --requests 30
    options: --keep (keep the databases), --var DIR (SQLite: reuse a kept SUNSHINE_VAR_DIR),
             --pg-name NAME --pg-reuse (PostgreSQL: reuse a kept database),
             --calls TEXT (only the calls whose label contains TEXT)

datastore_search is measured for plain paging (random and deep offsets), one filter (also
at offsets 20,000–40,000 inside it), two filters, list filters, an `id` filter, q (one word,
two words, with a filter), all with the exact total, and two filters with CKAN's
total_estimation_threshold.

Databases are the benchmark's own (as bench/servicehall.py): SQLite in a temporary
SUNSHINE_VAR_DIR, PostgreSQL in postgres://postgres@127.0.0.1:5432/sunshine_bench_od_<pid>.

What is bulk-made and what is made by the services: 20 datasets (two agencies) are made by
the real services (schema, CSV resource loaded into the datastore, publication, versions,
audit); the other datasets are bulk_create'd with what the services would have written
(formats, search text, tags and their DatasetTag rows, quality score), 12 topics, 20 agencies,
4 formats, 300 tags. The 1,000,000 rows (as text, as a CSV file gives them) are loaded into
one resource of a service-made dataset by the datastore's loader (`datastore.load_rows`:
the typed rows and their index in one transaction); its time is reported as the load."""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from harness import for_each_database

ROOT = Path(__file__).resolve().parent.parent
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
    """A service-made dataset with a schema and a small CSV, then `rows` rows loaded through
    the datastore's own loader (`datastore.load_rows`: typed rows and their index, one
    transaction), as a file of that size would be; returns (resource, seconds of the load)."""
    from sunshine.opendata.datasets import datastore, services
    from sunshine.opendata.datasets.models import Dataset
    from sunshine.opendata.datasets.selectors import schema_types
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
    start = dt.date(2020, 1, 1)
    # The cells as parse_table gives them from a CSV file: text.
    raw = [
        [str(i), CITIES[i % len(CITIES)], WORDS[(i * 7) % len(WORDS)],
         f"{rng.random() * 10000:.2f}", (start + dt.timedelta(days=i % 2400)).isoformat()]
        for i in range(1, rows + 1)
    ]  # fmt: skip
    t0 = time.perf_counter()
    resource.row_count = datastore.load_rows(
        resource, [f["name"] for f in fields], raw, schema_types(dataset)
    )
    seconds = time.perf_counter() - t0
    resource.save(update_fields=["row_count"])
    return resource, seconds


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

    from sunshine.opendata.datasets.models import Dataset, ResourceCell, ResourceRow
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
        "index entries": ResourceCell.objects.filter(resource=resource).count(),
    }
    print(f"[{vendor}] {out['counts']}", flush=True)
    client = Client()
    api = "/api/3/action/"
    org = org_slug(agencies[3])
    facets = json.dumps(["organization", "groups", "tags", "res_format"])
    rid = str(resource.uuid)
    n = args.rows
    offsets = [rng.randrange(0, max(1, n - 100)) for _ in range(50)]

    def ds(params: dict) -> str:
        if "filters" in params:
            params = dict(params, filters=json.dumps(params["filters"], ensure_ascii=False))
        return api + "datastore_search?" + urlencode({"resource_id": rid, **params})

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
        "datastore plain, limit 100, random offset": [
            ds({"offset": o}) for o in offsets
        ],
        "datastore plain, deep offset (> 90 %)": [
            ds({"offset": n - 1 - rng.randrange(max(1, n // 10))}) for _ in range(50)
        ],
        "datastore filters city (1 field)": [ds({"filters": {"city": c}}) for c in CITIES],
        "datastore filters city, offset 20,000-40,000": [
            ds({"filters": {"city": c}, "offset": rng.randrange(20_000, 40_000)}) for c in CITIES
        ],
        "datastore filters city + category (2 fields)": [
            ds({"filters": {"city": c, "category": WORDS[k % len(WORDS)]}})
            for k, c in enumerate(CITIES)
        ],
        "datastore filters city list of 3": [
            ds({"filters": {"city": [c, CITIES[k - 1], CITIES[k - 2]]}})
            for k, c in enumerate(CITIES)
        ],
        "datastore filters 3 cities + 2 categories": [
            ds({"filters": {"city": [c, CITIES[k - 1], CITIES[k - 2]],
                            "category": [WORDS[k], WORDS[k + 1]]}})
            for k, c in enumerate(CITIES)
        ],
        "datastore filters id (one row)": [
            ds({"filters": {"id": o + 1}}) for o in offsets[:20]
        ],
        "datastore q=word (exact total)": [ds({"q": w}) for w in WORDS],
        "datastore q=city word (exact total)": [ds({"q": c[:2]}) for c in CITIES],
        "datastore q=two words": [
            ds({"q": f"{c} {WORDS[k]}"}) for k, c in enumerate(CITIES)
        ],
        "datastore q + filter": [
            ds({"q": WORDS[k], "filters": {"city": c}}) for k, c in enumerate(CITIES)
        ],
        "datastore 2 fields, total_estimation_threshold": [
            ds({"filters": {"city": c, "category": WORDS[k]}, "total_estimation_threshold": 1000})
            for k, c in enumerate(CITIES)
        ],
    }  # fmt: skip
    out["calls"] = {}
    for label, urls in calls.items():
        if args.calls and args.calls not in label:
            continue
        result = timed(client, urls, max(30, args.requests))
        out["calls"][label] = result
        print(f"[{vendor}] {label:45} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
              f"status {result['status']}  load {result['load']:.1f}", flush=True)  # fmt: skip
    return out


def child_args(args) -> list[str]:
    return ["--datasets", str(args.datasets), "--rows", str(args.rows),
            "--requests", str(args.requests), "--calls", args.calls]  # fmt: skip


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
    parser.add_argument("--requests", type=int, default=200, help="timed requests per call (≥ 30)")
    parser.add_argument("--calls", default="", help="only the calls whose label contains this")
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
    results = for_each_database(args, "od", child_args(args))
    if results:
        report(results)
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")  # fmt: skip


if __name__ == "__main__":
    main()
