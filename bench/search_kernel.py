"""Micro-benchmark of the search kernel (sunshine.kernel.search), without HTTP.

Builds N synthetic documents from real data (titles and 文号 of ../shared/data/policy-docs,
bodies made of sentences from its full-text sample, the seed notice and the regulations),
indexes them with bulk_index and times ~20 varied queries (words, phrases, 文号 exact and
prefix, filters, date sort, deep pages, a miss).

    .venv/bin/python bench/search_kernel.py              # SQLite, a fresh file in /tmp
    .venv/bin/python bench/search_kernel.py --pg URL     # PostgreSQL at URL (a scratch db!)
    options: --n 100000  --rounds 5  --reuse (keep an index already built)

The database is the script's own: SQLite under a temporary SUNSHINE_VAR_DIR (WAL, as in the
embedded default), or the PostgreSQL database given, which is migrated and whose search
table is emptied first.
"""

import argparse
import csv
import datetime as dt
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
DATA = (ROOT / ".." / "shared").resolve()
if not DATA.exists():
    DATA = Path("/work/shared")

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--n", type=int, default=100_000)
parser.add_argument("--rounds", type=int, default=5, help="timed runs of each query")
parser.add_argument("--pg", metavar="DATABASE_URL", help="benchmark PostgreSQL instead")
parser.add_argument("--var", default=str(Path(tempfile.gettempdir()) / "sunshine-search-bench"))
parser.add_argument("--reuse", action="store_true", help="skip indexing if N documents exist")
parser.add_argument(
    "--pg-set", action="append", default=[], metavar="NAME=VALUE",
    help="a PostgreSQL setting for this session, e.g. random_page_cost=1.1",
)  # fmt: skip
args = parser.parse_args()

sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
if args.pg:
    os.environ["DATABASE_URL"] = args.pg
else:
    os.environ.pop("DATABASE_URL", None)
    os.environ["SUNSHINE_VAR_DIR"] = args.var

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from sunshine.kernel.search import segment  # noqa: E402
from sunshine.kernel.search.models import SearchDocument  # noqa: E402
from sunshine.kernel.search.query import search  # noqa: E402
from sunshine.kernel.search.registry import register_doc_type  # noqa: E402
from sunshine.kernel.search.services import bulk_index  # noqa: E402

TOPICS = ["综合政务", "交通运输", "教育", "卫生健康", "财政金融", "城乡建设", "农业农村",
          "科技", "生态环境", "劳动就业", "市场监管", "公安安全"]  # fmt: skip
KINDS = ["通知", "意见", "办法", "决定", "批复", "规定"]


def sentences() -> list[str]:
    texts = [(DATA / "seed" / "notice-2016-12-12.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (DATA / "data" / "regulations").glob("*.md")]
    texts += [
        p.read_text(encoding="utf-8")
        for p in (DATA / "data" / "policy-docs" / "fulltext").glob("*.txt")
    ]
    found = []
    for text in texts:
        text = re.sub(r"\s+", "", text)
        found += [s + "。" for s in re.split(r"[。！？]", text) if 12 <= len(s) <= 160]
    return found


def metadata() -> list[dict]:
    with open(DATA / "data" / "policy-docs" / "metadata.csv", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["title"]]


def shifted(iso: str, year: int) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return None
    return day.replace(year=year, day=28 if (day.month, day.day) == (2, 29) else day.day)


def documents(n: int):
    rng = random.Random(20161212)
    rows, pool = metadata(), sentences()
    agencies = {}
    for i, name in enumerate(sorted({r["government"] for r in rows}), start=1):
        agencies[name] = SimpleNamespace(pk=i, path=f"/1/{i}/", name=name)
    for i in range(n):
        row = rows[i % len(rows)]
        copy = i // len(rows)  # later copies of a title get a different year and number
        date = row["published"] or row["issued"] or row["listed_date"] or "2015-06-01"
        year = int(date[:4]) - copy if date[:4].isdigit() else 2015
        doc_number = row["doc_number"]
        if doc_number and copy:
            doc_number = re.sub(r"(\d{4})", str(year), doc_number, count=1)
            doc_number = re.sub(r"(\d+)号$", lambda m, c=copy: f"{int(m.group(1)) + 1000 * c}号",
                                doc_number)  # fmt: skip
        title = row["title"] if not copy else f"{row['title']}（{year}年修订）"
        body = "".join(rng.sample(pool, rng.randint(2, 4)))
        yield {
            "doc_type": "bench",
            "object_id": i,
            "title": title,
            "body": body,
            "url": f"/bench/{i}/",
            "is_public": rng.random() < 0.9,
            "visible_from": None,
            "agency": agencies[row["government"]],
            "doc_number": doc_number,
            "index_number": f"{agencies[row['government']].pk:09d}/{year}-{i % 99999 + 1:05d}",
            "year": year,
            "topic": rng.choice(TOPICS),
            "kind": rng.choice(KINDS),
            "validity": rng.choice(["valid", "valid", "valid", "expired", "repealed"]),
            "date": shifted(date, year),
        }


def db_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return pages * cursor.fetchone()[0]
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchdocument')"
            " + pg_total_relation_size('search_searchtext')"
        )
        return cursor.fetchone()[0]


def index_parts_size() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_relation_size('search_text_vector')")
            return f"GIN index {cursor.fetchone()[0] / 2**20:.0f} MB"
        cursor.execute("SELECT COUNT(*) FROM search_fts_data")
        return f"FTS5 segments: {cursor.fetchone()[0]} blocks"


QUERIES = [
    ("word 阳光政务", "阳光政务", {}),
    ("word 交通 (2 chars)", "交通", {}),
    ("word 教育", "教育", {}),
    ("word 营商环境", "营商环境", {}),
    ("word 疫情防控", "疫情防控", {}),
    ("word 政务公开", "政务公开", {}),
    ("agency 国务院办公厅", "国务院办公厅", {}),
    ("phrase 关于印发 实施方案", "关于印发实施方案的通知", {}),
    ("phrase 推进政务公开工作", "推进政务公开工作", {}),
    ("phrase 高速公路 收费", "高速公路车辆通行费收费", {}),
    ("文号 exact", "{doc_number}", {}),
    ("文号 exact [ ] variant", "{doc_number_variant}", {}),
    ("文号 prefix", "粤府办〔2016〕", {}),
    ("索引号 prefix", "000000003/2016", {}),
    ("filter year", "通知", {"filters": {"year": 2019}}),
    ("filter agency+topic", "管理", {"filters": {"agency_id": 3, "topic": "教育"}}),
    ("sort date", "安全生产", {"sort": "date"}),
    ("deep page 50", "工作", {"page": 50}),
    ("empty q + filter", "", {"filters": {"kind": "意见"}}),
    ("miss + suggestion", "阳光政务 火星探测器", {}),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    call_command("migrate", verbosity=0)
    for setting in args.pg_set:
        name, value = setting.split("=", 1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])
    register_doc_type("bench", "基准文档")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    t0 = time.perf_counter()
    segment.warm_up()
    print(f"jieba + dictionary load: {time.perf_counter() - t0:.2f} s")

    existing = SearchDocument.objects.filter(doc_type="bench").count()
    if not (args.reuse and existing == args.n):
        SearchDocument.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        size_before = db_size()
        sample = list(documents(2000))
        t0 = time.perf_counter()
        for doc in sample:
            segment.index_tokens(doc["title"])
            segment.index_tokens(doc["body"])
        seg_rate = len(sample) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = bulk_index(documents(args.n), batch=1000)
        elapsed = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchdocument")
                cursor.execute("ANALYZE search_searchtext")
        else:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        print(f"indexed {result.written} documents in {elapsed:.1f} s: "
              f"{result.written / elapsed:.0f} docs/s (segmentation alone: {seg_rate:.0f} docs/s)")  # fmt: skip
        print(f"size: {(db_size() - size_before) / 2**20:.0f} MB for the search tables and "
              f"their indexes ({index_parts_size()})")  # fmt: skip
    else:
        print(f"reusing {existing} indexed documents")

    # 文号 that exist in this index (the first Guangdong one), and its [ ] spelling.
    doc_number = (
        SearchDocument.objects.filter(doc_key__startswith="粤府办〔20", is_public=True)
        .values_list("doc_number", flat=True)
        .first()
    ) or "粤府办〔2016〕1号"
    variant = doc_number.replace("〔", "[").replace("〕", "]")
    latencies: list[float] = []
    print(f"\n{'query':34} {'hits':>7} {'median ms':>10} {'max ms':>8}")
    for label, q, options in QUERIES:
        q = q.format(doc_number=doc_number, doc_number_variant=variant)
        search(q, **options)  # warm-up
        times = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            results = search(q, **options)
            times.append((time.perf_counter() - t0) * 1000)
        latencies += times
        first = results.hits[0] if results.hits else None
        note = f"  first: {first.title[:24]}" if first else f"  suggestion: {results.suggestion}"
        print(f"{label:34} {results.total:>7} {statistics.median(times):>10.1f} "
              f"{max(times):>8.1f}{note}")  # fmt: skip
    print(f"\nall queries x{args.rounds}: p50 {percentile(latencies, 50):.1f} ms, "
          f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
