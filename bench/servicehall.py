"""The service-hall benchmark of issues 6 and 12: 100,000 applications (办件) with their
histories in a throwaway database; measures the staff application queue (/workbench/services/,
helper S1's page) and the 电子监察 pages (/workbench/supervision/) with Django's test Client:
p50/p95 over ≥ 200 requests each (goal p95 ≤ 200 ms) and the number of queries of each page
(bounded: the same with 5 or 100,000 applications). The 电子监察 daily summary is built once
after the data (as the periodic job does; its time is reported) and the pages read it plus the
live rows of today.

    .venv/bin/python bench/servicehall.py                       # SQLite, 100,000 applications
    .venv/bin/python bench/servicehall.py --db sqlite,postgresql
    .venv/bin/python bench/servicehall.py --n 10000 --requests 200 -q
    options: --keep (keep the databases), --var DIR (SQLite: reuse a kept SUNSHINE_VAR_DIR),
             --pg-name NAME --pg-reuse (PostgreSQL: reuse a kept database), --only LABEL

Databases are the benchmark's own (as bench/search.py and bench/messages.py): SQLite in a
temporary SUNSHINE_VAR_DIR, PostgreSQL in postgres://postgres@127.0.0.1:5432/
sunshine_bench_hall_<pid>, created and dropped; each in a child process.

What is bulk-made and what is made by the services:
- bulk_create (fast, consistent with what the services write): users (applicants, unusable
  passwords), service items (published, 承诺时限 5–20 wd), applications with every step time,
  their step clocks and 承诺时限 clock (kernel/deadlines Clock rows: due times from the official
  work calendar, 补正 pauses in `pauses`/`paused_total`, stopped clocks with `met_deadline`),
  the workflow history (TransitionLog, one row per step), ratings (kernel/ratings Rating, with
  default 基本满意 ones), a few 督办 (SupervisionOrder) and 差评 cases (RectificationCase).
- Not bulk-made: audit events (the audit chain is hash-chained: rows must be written one by one
  by record_event) and clock events (append-only history of a clock; no page here reads them).
- Made by the real services: agencies and staff (test factories), and `--real` applications
  (default 20) submitted, accepted, corrected, resubmitted and completed through
  services.applications (files, clocks, audit, notices), so the pages also read rows the
  services wrote.
Times: submitted uniformly over the 365 days before now; an application finishes in a
number of working days drawn around its item's 承诺时限 (8 % late); 10 % had a 补正 (1–4 wd
paused); 4 % 不予受理; those submitted in the last ~3 weeks are still open (some overdue)."""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

from harness import for_each_database

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = ["发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
               "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局",
               "商务局", "文化广电旅游体育局", "卫生健康委员会", "应急管理局", "市场监督管理局",
               "医疗保障局", "城市管理和综合执法局"]  # fmt: skip
ITEM_NAMES = ["许可", "备案", "登记", "核准", "证明办理", "资格认定"]
GOAL_MS = 200


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- people and catalog ----------------------------------------------------------------------


def setup_people():
    from sunshine.kernel.accounts.roles import Role
    from sunshine.kernel.orgs.models import Agency
    from sunshine.testing.factories import AgencyFactory, RegionFactory, staff_with

    root = Agency.objects.filter(name="基准市人民政府").first()
    if root is None:
        region = RegionFactory(code="449800", name="基准市")
        root = AgencyFactory(name="基准市人民政府", kind="government", region=region)
        AgencyFactory(name="基准市人民政府办公室", parent=root, kind="office", region=region)
        for name in DEPARTMENTS:
            AgencyFactory(name="基准市" + name, parent=root, region=region)
    office = Agency.objects.get(name="基准市人民政府办公室")
    departments = list(Agency.objects.filter(parent=root).exclude(pk=office.pk).order_by("pk"))
    from django.contrib.auth import get_user_model

    def staff(key, role, agency):
        email = f"bench-{key}@bench.gov.cn"
        found = get_user_model().objects.filter(email=email).first()
        return found or staff_with(role, agency, email=email)

    people = {
        "handler": staff("handler", Role.DRAFTER, departments[10]),  # 交通运输局
        "dept_admin": staff("admin", Role.AGENCY_ADMIN, departments[10]),
        "supervisor": staff("supervisor", Role.SUPERVISOR, office),
    }
    return departments, office, people


def setup_catalog(departments, rng) -> list:
    from sunshine.kernel import clock
    from sunshine.servicehall.catalog.models import ServiceItem

    if ServiceItem.objects.filter(code__startswith="BENCH").exists():
        return list(ServiceItem.objects.filter(code__startswith="BENCH").order_by("pk"))
    now, items = clock.now(), []
    for a_i, agency in enumerate(departments):
        for k in range(3):
            promised = rng.choice([5, 7, 10, 15, 20])
            items.append(ServiceItem(
                agency=agency, code=f"BENCH{a_i:02d}{k}", state="published", published_at=now,
                name=f"{agency.name.removeprefix('基准市')}{rng.choice(ITEM_NAMES)}（{k + 1}）",
                summary="基准测试事项", basis="《中华人民共和国行政许可法》", conditions="符合条件",
                location="基准市政务服务中心", handling_unit=agency.name, fee_standard="不收费",
                office_hours="工作日 9:00-17:00", phone="0755-12345", procedure="申请→受理→审查→决定→办结→送达",
                promised_days=promised, statutory_days=promised * 2, for_persons=True,
                for_enterprises=True, created_at=now,
            ))  # fmt: skip
    return ServiceItem.objects.bulk_create(items)


def applicants(n: int) -> list:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    existing = list(User.objects.filter(email__endswith="@bench.example.com").order_by("pk"))
    if existing:
        return existing
    users = [User(email=f"c{i:05d}@bench.example.com", kind="citizen", display_name=f"申请人{i}",
                  password="!") for i in range(n)]  # fmt: skip
    return User.objects.bulk_create(users, batch_size=2000)


# --- applications with histories -------------------------------------------------------------


class Hall:
    """Builds one application's rows (application, clocks, history, rating) in memory."""

    def __init__(self, rng, cal, now, ct, handlers):
        from django.utils import timezone

        self.rng, self.cal, self.now, self.ct, self.handlers = rng, cal, now, ct, handlers
        self.local = timezone.localdate
        self.tz = timezone.get_current_timezone()

    def moment(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        hour = self.rng.randint(9, 17) if hour is None else hour
        return dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)), tzinfo=self.tz)

    def after(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_workdays(day, n)[0]

    def due(self, start: dt.datetime, n: int, paused: int = 0) -> dt.datetime:
        from sunshine.kernel.workcalendar.calendar import end_of_day

        return end_of_day(self.after(self.local(start), n + paused))


def build_one(h: Hall, i: int, item, applicant, submitted: dt.datetime):
    """Returns (application fields, [clock dicts], [history dicts], rating dict | None)."""
    from sunshine.servicehall.applications.rules import ACCEPT, DECIDE, DELIVER, REVIEW, TOTAL

    rng, now = h.rng, h.now
    promised = item.promised_days
    clocks, history = [], []
    app = {"number": f"BJ{submitted:%Y%m%d}{9000000 + i:07d}", "item": item, "agency_id": item.agency_id,
           "applicant": applicant, "applicant_kind": "person", "applicant_name": applicant.display_name,
           "contact_phone": "13800138000", "form_data": {"description": "基准测试申请"},
           "submitted_at": submitted, "state": "submitted", "correction_count": 0}  # fmt: skip
    sub_day = h.local(submitted)
    paused = 0
    pauses = []
    step_day = sub_day
    t = submitted

    def log(transition, frm, to, at, comment=""):
        history.append({"transition": transition, "from_state": frm, "to_state": to, "at": at,
                        "comment": comment})  # fmt: skip

    def clock(rule, length, started, stopped=None, pauses_=(), paused_total=0, outcome=""):
        due = h.due(started, length, paused_total)
        c = {"rule": rule, "length": length, "started_at": started, "due_at": due,
             "pauses": list(pauses_), "paused_total": paused_total}  # fmt: skip
        if stopped is not None and stopped <= now:
            c.update(state="stopped", stopped_at=stopped, outcome=outcome,
                     met_deadline=stopped <= due, urgency="on_time")  # fmt: skip
        else:
            c.update(state="running", urgency="overdue" if now > due else
                     ("due_soon" if (due - now).days <= 1 else "on_time"))  # fmt: skip
        clocks.append(c)
        return c

    # 补正 (10 %): asked 0–1 wd after 申请, handed in 1–4 wd later.
    if rng.random() < 0.10:
        asked_day = h.after(sub_day, rng.randint(0, 1))
        back_day = h.after(asked_day, rng.randint(1, 4))
        asked, back = h.moment(asked_day), h.moment(back_day)
        if back > now:  # still waiting for the applicant
            app.update(state="correction", correction_count=1, correction_items=["营业执照副本"])
            log("request_correction", "submitted", "correction", asked)
            pause = [{"from": asked.isoformat(), "to": None, "reason": "补正"}]
            for rule, length in ((ACCEPT, 2), (TOTAL, promised)):
                c = clock(rule, length, submitted, pauses_=pause)
                c.update(state="paused", paused_at=asked, pause_reason="补正")
            return app, clocks, history, None
        paused = h.cal.workdays_between(asked_day, back_day)[0]
        pauses = [{"from": asked.isoformat(), "to": back.isoformat(), "reason": "补正"}]
        app["correction_count"] = 1
        log("request_correction", "submitted", "correction", asked)
        log("resubmit", "correction", "submitted", back)
        step_day, t = back_day, back

    # How long the whole thing takes: around the 承诺时限, 8 % late.
    late = rng.random() < 0.08
    total_wd = promised + rng.randint(1, 5) if late else rng.randint(1, max(1, promised - 1))
    accept_wd = min(total_wd, rng.randint(0, 2))
    review_wd = max(0, (total_wd - accept_wd) * 6 // 10)
    decide_wd = max(0, total_wd - accept_wd - review_wd - 1)
    days = [h.after(step_day, accept_wd)]
    days.append(h.after(days[0], review_wd))
    days.append(h.after(days[1], decide_wd))
    days.append(h.after(sub_day, total_wd + paused))
    days.append(h.after(days[3], rng.randint(0, 3)))
    accepted, reviewed, decided, completed, delivered = (max(h.moment(d), t) for d in days)
    reviewed, decided = max(reviewed, accepted), max(decided, reviewed)
    completed = max(completed, decided)
    delivered = max(delivered, completed)

    total = clock(TOTAL, promised, submitted, completed, pauses, paused, "completed")
    if rng.random() < 0.04:  # 不予受理
        if accepted > now:
            clock(ACCEPT, 2, submitted, pauses_=pauses, paused_total=paused)
            return app, clocks, history, None
        app.update(state="rejected", rejected_at=accepted, reject_reason="不属于本机关职权范围")
        clock(ACCEPT, 2, submitted, accepted, pauses, paused, "rejected")
        total.update(state="stopped", stopped_at=accepted, outcome="rejected",
                     met_deadline=True)  # fmt: skip
        log("reject", "submitted", "rejected", accepted, "不属于本机关职权范围")
        return app, clocks, history, _rating(h, accepted, rejected=True)

    steps = [
        ("accept", "submitted", "accepted", accepted, "accepted_at", ACCEPT, 2, submitted),
        ("review", "accepted", "reviewing", reviewed, "reviewed_at", REVIEW, 5, accepted),
        ("decide", "reviewing", "decided", decided, "decided_at", DECIDE, 3, reviewed),
        ("complete", "decided", "completed", completed, "completed_at", None, 0, decided),
        ("deliver", "completed", "delivered", delivered, "delivered_at", DELIVER, 3, completed),
    ]
    for name, frm, to, at, field, rule, length, started in steps:
        if rule is not None and started <= now:
            if name == "accept":
                clock(rule, length, started, at, pauses, paused, "accepted")
            else:
                clock(rule, length, started, at, outcome=name)
        if at > now:
            break
        app[field] = at
        app["state"] = to
        log(name, frm, to, at, "审查通过" if name == "review" else "")
        if name == "decide":
            app["decision"] = "approved"
        if name == "complete":
            app["delivery_method"] = "online"
    if app["state"] not in ("completed", "delivered"):
        total.update(state="running", stopped_at=None, outcome="", met_deadline=None,
                     urgency="overdue" if now > total["due_at"] else "on_time")  # fmt: skip
    rating = _rating(h, app["completed_at"]) if app.get("completed_at") else None
    return app, clocks, history, rating


def _rating(h: Hall, finished: dt.datetime, rejected: bool = False):
    rng = h.rng
    at = finished + dt.timedelta(days=rng.randint(0, 9))
    if at > h.now:
        return None
    if at > finished + dt.timedelta(days=7):  # nobody rated: the default 基本满意
        return {"level": "basic", "is_default": True, "created_at": finished + dt.timedelta(days=7)}
    roll = rng.random() + (0.1 if rejected else 0)
    level = ("very_satisfied" if roll < 0.6 else "satisfied" if roll < 0.85 else "basic"
             if roll < 0.96 else "dissatisfied" if roll < 0.985 else "very_dissatisfied")  # fmt: skip
    return {"level": level, "is_default": False, "created_at": at}


def insert(n: int, items, users, people) -> float:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from sunshine.kernel import clock as time_source
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.ratings.models import Rating, RectificationCase
    from sunshine.kernel.workcalendar.calendar import current_calendar
    from sunshine.kernel.workflow.models import TransitionLog
    from sunshine.servicehall.applications.models import ServiceApplication

    rng = random.Random(20261125)
    now = time_source.now()
    ct = ContentType.objects.get_for_model(ServiceApplication)
    h = Hall(rng, current_calendar(), now, ct, [people["handler"]])
    t0 = time.perf_counter()
    batch = []

    def flush():
        with transaction.atomic():
            made = ServiceApplication.objects.bulk_create(
                [ServiceApplication(**a) for a, _c, _h, _r in batch], batch_size=1000
            )
            clocks, logs, ratings = [], [], []
            for obj, (_a, cs, hs, r) in zip(made, batch, strict=True):
                for c in cs:
                    clocks.append(Clock(content_type=ct, object_id=obj.pk, agency_id=obj.agency_id,
                                        unit="wd", **c))  # fmt: skip
                for x in hs:
                    logs.append(TransitionLog(content_type=ct, object_id=obj.pk, agency_id=obj.agency_id,
                                              workflow="service_application",
                                              actor=None if x["transition"] == "resubmit" else people["handler"],
                                              **x))  # fmt: skip
                if r is not None:
                    ratings.append(Rating(content_type=ct, object_id=obj.pk, kind="service_application",
                                          title=f"{obj.item.name}（{obj.number}）", agency_id=obj.agency_id,
                                          rater=None if r["is_default"] else obj.applicant,
                                          is_real_name=not r["is_default"], **r))  # fmt: skip
            Clock.objects.bulk_create(clocks, batch_size=2000)
            TransitionLog.objects.bulk_create(logs, batch_size=2000)
            made_ratings = Rating.objects.bulk_create(ratings, batch_size=2000)
            RectificationCase.objects.bulk_create([
                RectificationCase(rating=r, agency_id=r.agency_id, kind=r.kind, title=r.title,
                                  opened_at=r.created_at, state="open")
                for r in made_ratings if r.level == "very_dissatisfied" and r.rater_id
            ])  # fmt: skip
        batch.clear()

    span = 365 * 24 * 3600
    for i in range(n):
        submitted = now - dt.timedelta(seconds=rng.random() * span)
        # Office hours on a working day (a submission at night counts from that day anyway).
        item = items[rng.randrange(len(items))]
        batch.append(build_one(h, i, item, users[rng.randrange(len(users))], submitted))
        if len(batch) >= 2000:
            flush()
    if batch:
        flush()
    return time.perf_counter() - t0


def supervision_orders(people, k: int = 30) -> None:
    """A few 督办 on overdue applications, through the oversight service (clock, audit)."""
    from sunshine.kernel.duban.services import issue_order
    from sunshine.servicehall.supervision import selectors
    from sunshine.servicehall.supervision.scope import scope_for

    clocks = list(selectors.overdue_clocks(scope_for(people["supervisor"]))[:k])
    rows = selectors.overdue_rows(clocks)
    for r in rows:
        if r.application is not None and not r.has_open_order:
            issue_order(target=r.application, agency=r.application.agency,
                        actor=people["supervisor"], reason="办件已超期，请说明原因并尽快办结")  # fmt: skip


def real_applications(k: int, people) -> int:
    """k applications through the real services (files, clocks, audit, notices)."""
    from sunshine.servicehall.applications import services as S

    try:
        from sunshine.testing.factories.applications import apply
        from sunshine.testing.factories.servicehall import make_item
    except ImportError:  # before the shared test factories
        from sunshine.servicehall.applications.tests.factories import apply
        from sunshine.servicehall.catalog.tests.factories import make_item

    if k <= 0:
        return 0
    agency = people["handler"].grants.first().agency
    item = make_item(
        agency, actor=people["dept_admin"], name="基准道路运输经营许可", promised_days=10
    )
    for j in range(k):
        app = apply(item)
        if j % 4 == 0:
            S.request_correction(application=app, actor=people["handler"], missing=["营业执照"])
            S.resubmit_application(application=app, actor=app.applicant, note="已补充")
        if j % 2 == 0:
            S.accept_application(application=app, actor=people["dept_admin"])
    return k


# --- measuring -------------------------------------------------------------------------------


def timed(client, urls: list[str], rounds: int) -> dict:
    for url in urls:
        client.get(url)  # warm-up
    times, statuses = [], set()
    for k in range(rounds):
        url = urls[k % len(urls)]
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        statuses.add(response.status_code)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
            "n": len(times), "status": sorted(statuses), "load": os.getloadavg()[0]}  # fmt: skip


def queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def explain_queue(user) -> list[str]:
    """The query plan of the queue's page query (for the report)."""
    from django.db import connection

    from sunshine.servicehall.applications.selectors import staff_queue

    qs = staff_queue(user)[:30]
    sql, params = qs.query.sql_with_params()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def worker(args) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sunshine.servicehall.applications.models import ServiceApplication

    setup_test_environment()
    vendor = connection.vendor
    out = {"vendor": vendor, "n": args.n}
    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    departments, office, people = setup_people()
    items = setup_catalog(departments, rng)
    users = applicants(2000)
    existing = ServiceApplication.objects.count()
    if existing < args.n:
        out["insert_seconds"] = insert(args.n - existing, items, users, people)
        print(f"[{vendor}] bulk-made {args.n - existing} applications in "
              f"{out['insert_seconds']:.0f} s", flush=True)  # fmt: skip
        t0 = time.perf_counter()
        real_applications(args.real, people)
        supervision_orders(people)
        out["services_seconds"] = time.perf_counter() - t0
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.ratings.models import Rating
    from sunshine.kernel.workflow.models import TransitionLog

    # The daily summary, as the periodic job builds it (the first run counts the whole history).
    from sunshine.servicehall.supervision import summary

    t0 = time.perf_counter()
    built = summary.refresh()
    out["summary_seconds"] = time.perf_counter() - t0
    print(f"[{vendor}] daily summary: {built['rows']} rows in {out['summary_seconds']:.1f} s",
          flush=True)  # fmt: skip
    out["rows"] = {"applications": ServiceApplication.objects.count(), "clocks": Clock.objects.count(),
                   "history": TransitionLog.objects.count(), "ratings": Rating.objects.count()}  # fmt: skip
    print(f"[{vendor}] rows {out['rows']}", flush=True)

    handler, supervisor = Client(), Client()
    handler.force_login(people["handler"])
    supervisor.force_login(people["supervisor"])
    dept = departments[10].pk
    sv = "/workbench/supervision/"
    pages = {
        "queue (department handler)": (handler, ["/workbench/services/", "/workbench/services/?page=2"]),
        "queue (supervisor, all agencies)": (supervisor, ["/workbench/services/", "/workbench/services/?page=2"]),
        "queue overdue filter (supervisor)": (supervisor, ["/workbench/services/?urgency=overdue"]),
        "supervision dashboard (supervisor, 本月)": (supervisor, [sv]),
        "supervision dashboard (supervisor, 近12个月)": (supervisor, [sv + "?preset=12m"]),
        "supervision dashboard (department staff, 本月)": (handler, [sv]),
        "supervision agency page (本月)": (supervisor, [f"{sv}agency/{dept}/"]),
        "supervision overdue list": (supervisor, [sv + "overdue/", sv + "overdue/?page=2"]),
        "supervision XLSX export (本月)": (supervisor, [sv + "export.xlsx"]),
    }  # fmt: skip
    out["pages"] = {}
    for label, (client, urls) in pages.items():
        if args.only and args.only not in label:
            continue
        rounds = (
            args.requests
            if "XLSX" not in label and "12" not in label
            else max(20, args.requests // 4)
        )
        result = timed(client, urls, rounds)
        result["queries"] = queries_of(client, urls[-1])
        result["url"] = urls[0]
        out["pages"][label] = result
        print(f"[{vendor}] {label:48} p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms  "
              f"queries {result['queries']}  status {result['status']}  load {result['load']:.1f}",
              flush=True)  # fmt: skip
    out["queue_plan"] = explain_queue(people["supervisor"])
    return out


# --- parent ----------------------------------------------------------------------------------


def child_args(args) -> list[str]:
    return ["--n", str(args.n), "--requests",
               str(args.requests), "--real", str(args.real), "--only", args.only]  # fmt: skip


def report(results: list[dict]) -> None:
    print()
    for r in results:
        made = f" (bulk-made in {r['insert_seconds']:.0f} s)" if "insert_seconds" in r else ""
        if "summary_seconds" in r:
            made += f"; daily summary built in {r['summary_seconds']:.1f} s"
        print(f"== {r['vendor']}: {r['n']} applications{made}; rows {r['rows']}")
        print(
            f"{'page':50} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req':>5} {'queries':>8} {'load':>5}  goal p95 ≤ {GOAL_MS}"
        )
        for label, p in r["pages"].items():
            verdict = "ok" if p["p95"] <= GOAL_MS else "ABOVE GOAL"
            status = "" if p["status"] == [200] else f"  status {p['status']}"
            print(f"{label:50} {p['p50']:8.1f} {p['p95']:8.1f} {p['max']:8.1f} {p['n']:5} "
                  f"{p['queries']:8} {p.get('load', 0):5.1f}  {verdict}{status}")  # fmt: skip
        print("queue query plan: " + " | ".join(r["queue_plan"])[:600])
        print()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--real", type=int, default=20, help="applications made by the services")
    parser.add_argument("--only", default="", help="measure only the pages whose label has this")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or both (comma)")
    parser.add_argument(
        "--var", help="SQLite: this SUNSHINE_VAR_DIR (kept; reused when it holds N)"
    )
    parser.add_argument("--pg-name", default=f"sunshine_bench_hall_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--pg-reuse", action="store_true", help="use the kept --pg-name database")
    parser.add_argument("-q", dest="verbose", action="store_false", help="summary only")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args), ensure_ascii=False, default=str), flush=True)
        return
    started = time.perf_counter()
    results = for_each_database(args, "hall", child_args(args))
    if results:
        report(results)
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")  # fmt: skip


if __name__ == "__main__":
    main()
