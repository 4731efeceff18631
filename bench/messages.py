"""The citizen-message benchmark of issue 5: 100,000 messages built from the real taidi2020
texts (varied), bulk-inserted into a throwaway database; measures the classifier's throughput,
the latency of the staff message queue and of the public message list (Django test Client,
p50/p95 over ≥ 200 requests each; goal p95 ≤ 150 ms), the hot-topic and statistics pages, the
grouping of all messages (near-duplicates + topics), and the classifier's macro-F1 on the held
split (retrained exactly as `train_message_classifier` does).

    .venv/bin/python bench/messages.py                      # SQLite, 100,000 messages
    .venv/bin/python bench/messages.py --db sqlite,postgresql
    .venv/bin/python bench/messages.py --n 20000 --requests 200 -q
    options: --keep (keep the databases), --queue-url (the staff queue's path),
             --skip-grouping, --pages-only (no classifier, grouping or training: the pages),
             --var DIR (SQLite) / --pg-name NAME --pg-reuse (PostgreSQL): reuse kept databases

The statistics (留言统计, issue 12) read a summary built by a periodic job; the benchmark builds
it once after the data, as the job's first run does (its time is reported), then saves
`--touch` messages (default 50: replies, transfers … of the last minutes, which the pages
correct live until the next run) and times the job's next run; the statistics pages are
measured with the cache cleared before every request (cold).

Databases are the benchmark's own (as bench/search.py): SQLite in a temporary SUNSHINE_VAR_DIR,
PostgreSQL in postgres://postgres@127.0.0.1:5432/sunshine_bench_msg_<pid>, created and dropped.
Each database runs in a child process.

Messages: the 8,535 messages of votes.csv, replies_dev.csv and messages_test_unlabelled.csv.
Message i takes the subject of one real message and a body made of the first half of that
message's sentences and the second half of another message's; place codes (A市, A3区, K3县 …)
are renamed and numbers changed, so the 100,000 are not copies of 8,535. Times spread over
2017–2026; 6 % are open (assigned, with a running message.reply clock due in the next days or
overdue: the queues read the due time from the clock) and form the queues, the
rest replied or closed; 70 % published (the public list); agencies: the seven departments of
the classifier's categories under one government, and the general office.
"""

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from harness import for_each_database

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("SUNSHINE_SHARED", ROOT.parent / "shared"))
if not (DATA / "data").exists():
    DATA = Path("/work/shared")
TAIDI = DATA / "data" / "taidi2020"
FILES = ("votes.csv", "replies_dev.csv", "messages_test_unlabelled.csv")
PLACE_RE = re.compile(r"([A-Z])(\d{0,2})(市|区|县|镇)")
NUMBER_RE = re.compile(r"\d+")
SENTENCE_RE = re.compile(r"(?<=[。！？!?])")


def clean(text: str) -> str:
    lines = [ln.replace("\u3000", " ").strip() for ln in (text or "").splitlines()]
    return "\n".join(ln for ln in lines if ln)


def source_rows() -> list[dict]:
    rows = []
    for name in FILES:
        with open(TAIDI / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                subject, body = clean(row["留言主题"]), clean(row["留言详情"])
                if subject and body:
                    rows.append({"subject": subject, "body": body, "reply": clean(row.get("答复意见") or ""),
                                 "up": int(row.get("点赞数") or 0), "down": int(row.get("反对数") or 0)})  # fmt: skip
    return rows


def vary(text: str, rng: random.Random, letter: str, shift: int) -> str:
    text = PLACE_RE.sub(
        lambda m: f"{letter}{(int(m.group(2) or 0) + shift) % 12 or ''}{m.group(3)}", text
    )
    return NUMBER_RE.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 6 else m.group(), text)  # fmt: skip


def messages(n: int, agencies: list, office):
    """Yield field dicts for n varied messages (fixed seed)."""
    from sunshine.participation.messages.classifier import AGENCY_BY_CATEGORY

    rng = random.Random(20200101)
    rows = source_rows()
    categories = sorted(AGENCY_BY_CATEGORY)
    start = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)
    span = (dt.datetime(2026, 11, 20, tzinfo=dt.UTC) - start).total_seconds()
    for i in range(n):
        a, b = rows[i % len(rows)], rows[rng.randrange(len(rows))]
        copy = i // len(rows)
        letter, shift = "ABCDEFGHJK"[copy % 10], copy
        first = [s for s in SENTENCE_RE.split(a["body"]) if s]
        second = [s for s in SENTENCE_RE.split(b["body"]) if s]
        body = "".join(first[: max(1, len(first) // 2)] + second[len(second) // 2 :])
        subject = a["subject"] if not copy else vary(a["subject"], rng, letter, shift)
        body = body if not copy else vary(body, rng, letter, shift)
        submitted = start + dt.timedelta(seconds=rng.random() * span)
        category = rng.choice(categories)
        agency = agencies[categories.index(category)] if rng.random() > 0.05 else office
        roll = rng.random()
        if roll < 0.06:
            state, replied = "assigned", None
            due = dt.datetime(2026, 11, 20, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(-5, 7))
            submitted = due - dt.timedelta(days=7)
        else:
            state = "closed" if roll < 0.8 else "replied"
            replied = submitted + dt.timedelta(hours=rng.randint(4, 24 * 30))
            due = None
        published = state != "assigned" and rng.random() < 0.75
        yield {
            "subject": subject[:100], "body": body[:5000], "category": category,
            "suggested_category": category, "agency": agency, "author_label": f"B{i:07d}",
            "state": state, "submitted_at": submitted, "assigned_at": submitted,
            "replied_at": replied, "closed_at": replied if state == "closed" else None,
            "votes_up": a["up"], "votes_down": a["down"],
            "source": "web", "external_id": "", "is_published": published,
            "published_at": replied if published else None,
            "public_subject": subject[:100] if published else "",
            "public_body": body[:5000] if published else "",
            "reply": (a["reply"] or "您好，您反映的问题已转有关部门办理。") if replied else "",
            "due": due,
        }  # fmt: skip


# --- child process ---------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def setup_people():
    from sunshine.kernel.accounts.roles import Role
    from sunshine.kernel.orgs.models import Agency
    from sunshine.participation.messages.classifier import AGENCY_BY_CATEGORY
    from sunshine.testing.factories import AgencyFactory, RegionFactory, staff_with

    if Agency.objects.filter(name="基准市人民政府").exists():
        root = Agency.objects.get(name="基准市人民政府")
    else:
        region = RegionFactory(code="449900", name="基准市")
        root = AgencyFactory(name="基准市人民政府", kind="government", region=region)
        AgencyFactory(name="基准市人民政府办公室", parent=root, kind="office", region=region)
        for category in sorted(AGENCY_BY_CATEGORY):
            AgencyFactory(name="基准市" + AGENCY_BY_CATEGORY[category], parent=root, region=region)
    office = Agency.objects.get(name="基准市人民政府办公室")
    agencies = [
        Agency.objects.get(name="基准市" + AGENCY_BY_CATEGORY[c])
        for c in sorted(AGENCY_BY_CATEGORY)
    ]
    from django.contrib.auth import get_user_model

    def person(email, role, agency):  # fixed addresses: a kept database is reused
        found = get_user_model().objects.filter(email=email).first()
        return found or staff_with(role, agency, email=email)

    staff = person("bench-staff@bench.gov.cn", Role.DRAFTER, agencies[0])  # a department
    supervisor = person("bench-supervisor@bench.gov.cn", Role.SUPERVISOR, office)
    return agencies, office, staff, supervisor


def insert(n: int, agencies, office) -> float:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from sunshine.kernel.deadlines.models import Clock
    from sunshine.participation.messages.models import Message, MessageReply

    t0 = time.perf_counter()
    batch, replies, dues = [], [], []
    ct = ContentType.objects.get_for_model(Message)
    now = dt.datetime.now(dt.UTC)

    def flush():
        with transaction.atomic():
            created = Message.objects.bulk_create(batch)
            # the open ones' reply clocks (kernel deadlines), as the services start them; the
            # stored urgency as a sweep left it (the queue computes its own when it is read)
            Clock.objects.bulk_create(
                [
                    Clock(
                        content_type=ct,
                        object_id=m.pk,
                        agency=m.agency,
                        rule="message.reply",
                        unit="wd",
                        length=5,
                        started_at=m.assigned_at,
                        due_at=due,
                        urgency="overdue" if due < now else "on_time",
                        pauses=[],
                    )
                    for m, due in zip(created, dues, strict=True)
                    if due is not None
                ]  # fmt: skip
            )
            MessageReply.objects.bulk_create(
                [
                    MessageReply(
                        message=m,
                        agency=m.agency,
                        body=r,
                        replied_at=m.replied_at,
                        is_published=m.is_published,
                        published_body=r if m.is_published else "",
                    )
                    for m, r in zip(created, replies, strict=True)
                    if r
                ]  # fmt: skip
            )
        batch.clear()
        replies.clear()
        dues.clear()

    for fields in messages(n, agencies, office):
        replies.append(fields.pop("reply"))
        dues.append(fields.pop("due"))
        batch.append(Message(**fields))
        if len(batch) >= 2000:
            flush()
    if batch:
        flush()
    # A message was last saved when it was last handled (bulk_create stamps now).
    from django.db.models.functions import Coalesce

    Message.objects.update(
        updated_at=Coalesce("closed_at", "replied_at", "assigned_at", "submitted_at")
    )
    return time.perf_counter() - t0


def timed_requests(client, urls: list[str], rounds: int, *, uncached: bool = False) -> dict:
    from django.core.cache import cache

    for url in urls[:3]:
        client.get(url)  # warm-up
    times, statuses = [], set()
    for k in range(rounds):
        url = urls[k % len(urls)]
        if uncached:
            cache.clear()  # the statistics keep their numbers 5 minutes: measure the work
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        statuses.add(response.status_code)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
            "n": len(times), "status": sorted(statuses), "url": urls[0]}  # fmt: skip


def queries_of(client, url: str, cold: bool = False) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def worker(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from sunshine.kernel.search import segment
    from sunshine.participation.messages import classifier
    from sunshine.participation.messages.models import Message

    setup_test_environment()  # ALLOWED_HOSTS for the test client, in-memory e-mail
    vendor = connection.vendor
    out = {"vendor": vendor, "n": args.n}
    call_command("migrate", verbosity=0)
    segment.warm_up()
    agencies, office, staff, supervisor = setup_people()
    existing = Message.objects.count()
    if existing < args.n:
        out["insert_seconds"] = insert(args.n - existing, agencies, office)
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"[{vendor}] inserted {args.n} messages in {out['insert_seconds']:.0f} s", flush=True)

    # The statistics' summary, as the periodic job builds it (first run: everything).
    from django.utils import timezone

    from sunshine.participation.messagetopics import summary
    from sunshine.participation.messagetopics.models import MessageStatsState

    MessageStatsState.objects.update(built_at=None, built_through=None)  # count it all again
    t0 = time.perf_counter()
    built = summary.refresh()
    out["summary_seconds"] = time.perf_counter() - t0
    print(f"[{vendor}] statistics summary: {built['rows']} rows in {out['summary_seconds']:.1f} s",
          flush=True)  # fmt: skip
    # Activity since the build: messages saved in the last minutes (the pages count them again).
    touched = list(
        Message.objects.order_by("-submitted_at").values_list("pk", flat=True)[: args.touch]
    )
    Message.objects.filter(pk__in=touched).update(updated_at=timezone.now())
    t0 = time.perf_counter()
    again = summary.refresh()
    out["refresh_seconds"] = time.perf_counter() - t0
    Message.objects.filter(pk__in=touched).update(updated_at=timezone.now())  # saved after the run
    print(f"[{vendor}] next run ({again.get('messages')} messages saved since): "
          f"{out['refresh_seconds']:.2f} s; {len(touched)} saved since", flush=True)  # fmt: skip
    if args.pages_only:
        out["classifier_rate"] = None
        return _pages(args, out, vendor, staff, supervisor)

    # Classifier throughput: predict_categories in batches of 500 over 5,000 messages.
    pairs = list(Message.objects.order_by("?").values_list("subject", "body")[:5_000]) \
        if vendor == "postgresql" else list(Message.objects.values_list("subject", "body")[:5_000])  # fmt: skip
    classifier.predict_categories(pairs[:10])  # load the model
    t0 = time.perf_counter()
    for k in range(0, len(pairs), 500):
        classifier.predict_categories(pairs[k : k + 500])
    out["classifier_rate"] = len(pairs) / (time.perf_counter() - t0)
    print(f"[{vendor}] classifier {out['classifier_rate']:.0f} messages/s", flush=True)

    out = _pages(args, out, vendor, staff, supervisor)

    # Macro-F1 on the held split, retrained as train_message_classifier does (temporary dir).
    with tempfile.TemporaryDirectory() as tmp:
        trained = classifier.train(TAIDI, out_dir=Path(tmp))
    out["macro_f1"] = trained.macro_f1
    out["n_held"] = trained.n_held
    return out


def _pages(args, out, vendor, staff, supervisor) -> dict:
    from django.test import Client

    anonymous, staff_client, super_client = (
        Client(raise_request_exception=False) for _ in range(3)
    )
    staff_client.force_login(staff)
    super_client.force_login(supervisor)
    pages = {
        "public list /hdjl/ly/ (uncached pages)": (anonymous, [f"/hdjl/ly/?page={p}" for p in range(1, 21)]),
        "public list /hdjl/ly/ (cached)": (anonymous, ["/hdjl/ly/"]),
        "staff queue (department)": (staff_client, [args.queue_url, args.queue_url + "?page=2"]),
        "staff queue (general office)": (super_client, [args.queue_url, args.queue_url + "?page=2"]),
    }  # fmt: skip
    if not args.skip_grouping and not args.pages_only:
        from sunshine.participation.messagetopics.grouping import regroup_messages

        t0 = time.perf_counter()
        result = regroup_messages(progress=lambda s: print(f"[{vendor}] {s}", flush=True))
        out["grouping_seconds"] = time.perf_counter() - t0
        out["grouping"] = {"groups": result.groups, "seconds": result.seconds}
        print(
            f"[{vendor}] " + ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items()),
            flush=True,
        )
        # A second run reuses the stored fingerprints (the nightly job).
        t0 = time.perf_counter()
        again = regroup_messages()
        out["regroup_breakdown"] = again.seconds
        print(
            f"[{vendor}] again: " + ", ".join(f"{k} {v:.1f} s" for k, v in again.seconds.items()),
            flush=True,
        )
        out["regroup_seconds"] = time.perf_counter() - t0
        print(f"[{vendor}] grouping {out['grouping_seconds']:.0f} s, again {out['regroup_seconds']:.0f} s",
              flush=True)  # fmt: skip
        pages["hot topics /hdjl/rd/ (uncached)"] = (
            anonymous,
            ["/hdjl/rd/?kind=topic", "/hdjl/rd/?kind=dup"],
        )
    pages["statistics /hdjl/tj/ (uncached, one year)"] = (anonymous, ["/hdjl/tj/?year=2019", "/hdjl/tj/?year=2020"])  # fmt: skip
    pages["statistics /hdjl/tj/ (uncached, all years)"] = (anonymous, ["/hdjl/tj/?all=1"])
    pages["statistics /hdjl/tj/ (uncached, all years, no query string)"] = (
        anonymous,
        ["/hdjl/tj/"],
    )
    pages["workbench statistics (uncached, all agencies, all time)"] = (
        super_client, ["/workbench/messagetopics/"])  # fmt: skip
    pages["workbench statistics (uncached, one agency, one year)"] = (
        staff_client, ["/workbench/messagetopics/?since=2025-01-01&until=2025-12-31"])  # fmt: skip
    out["pages"] = {}
    for label, (client, urls) in pages.items():
        rounds = args.requests if "statistics" not in label else max(20, args.requests // 10)
        result = timed_requests(client, urls, rounds, uncached="statistics" in label)
        result["queries"] = queries_of(client, urls[-1], cold="statistics" in label)
        result["load"] = os.getloadavg()[0]
        out["pages"][label] = result
        print(f"[{vendor}] {label:45} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
              f"status {result['status']}  queries {result['queries']}  load {result['load']:.1f}",
              flush=True)  # fmt: skip
    return out


# --- parent ----------------------------------------------------------------------------------


def child_args(args) -> list[str]:
    return ["--n", str(args.n), "--requests",
               str(args.requests), "--queue-url", args.queue_url, "--touch", str(args.touch)] + \
        (["--skip-grouping"] if args.skip_grouping else []) + \
        (["--pages-only"] if args.pages_only else [])  # fmt: skip


def report(results: list[dict]) -> None:
    print()
    for r in results:
        print(f"== {r['vendor']}: {r['n']} messages" +
              (f" (inserted in {r['insert_seconds']:.0f} s)" if "insert_seconds" in r else ""))  # fmt: skip
        if "summary_seconds" in r:
            print(f"statistics summary built in {r['summary_seconds']:.1f} s; the job's next run "
                  f"{r.get('refresh_seconds', 0):.2f} s")  # fmt: skip
        if r.get("classifier_rate"):
            print(
                f"classifier throughput      {r['classifier_rate']:8.0f} messages/s (batches of 500)"
            )
        if "macro_f1" in r:
            print(
                f"classifier macro-F1        {r['macro_f1']:8.4f} (held split, {r['n_held']} messages)"
            )
        if "grouping_seconds" in r:
            g = r["grouping"]
            print(f"grouping (first run)       {r['grouping_seconds']:8.1f} s  "
                  f"near-duplicate groups {g['groups'].get('near_duplicate', 0)}, "
                  f"topics {g['groups'].get('same_topic', 0)}")  # fmt: skip
            print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in g["seconds"].items()))
            print(f"grouping (again, stored fingerprints) {r['regroup_seconds']:.1f} s")
        print(
            f"\n{'page':60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req':>5} {'queries':>8} {'load':>5}  goal p95 ≤ 150 (statistics ≤ 200)"
        )
        for label, p in r["pages"].items():
            goal = 200 if "statistics" in label else 150
            verdict = "ok" if p["p95"] <= goal else "ABOVE GOAL"
            status = "" if p["status"] == [200] else f"  status {p['status']}"
            print(f"{label:60} {p['p50']:8.1f} {p['p95']:8.1f} {p['max']:8.1f} {p['n']:5} "
                  f"{p['queries']:8} {p.get('load', 0):5.1f}  {verdict}{status}")  # fmt: skip
        print()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or both (comma)")
    parser.add_argument("--queue-url", default="/workbench/messages/")
    parser.add_argument("--skip-grouping", action="store_true")
    parser.add_argument("--touch", type=int, default=50,
                        help="messages saved after the summary's build (counted again live)")  # fmt: skip
    parser.add_argument("--pages-only", action="store_true",
                        help="no classifier, grouping or training: only the pages")  # fmt: skip
    parser.add_argument("--pg-reuse", action="store_true", help="use the kept --pg-name database")
    parser.add_argument(
        "--var", help="SQLite: this SUNSHINE_VAR_DIR (kept; reused when it holds N)"
    )
    parser.add_argument("--pg-name", default=f"sunshine_bench_msg_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("-q", dest="verbose", action="store_false", help="summary only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args), ensure_ascii=False, default=str), flush=True)
        return
    started = time.perf_counter()
    results = for_each_database(args, "msg", child_args(args))
    if results:
        report(results)
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")  # fmt: skip


if __name__ == "__main__":
    main()
