"""Demo data for 信息公开 (government information records), after the kernel's demo data.

- The seed notice (data/notice-2016-12-12.txt) as a published record of 广东省人民政府办公厅,
  its metadata read by docparse (title, 发文机关, 主送机关, 成文日期, body) and its 文号 and
  publication date from the gd.gov.cn listing of the same title, and its 解读 by the same
  office (interpretations_data.py).
- 395 real documents of the Guangdong Provincial Government (data/gd_policy_docs.csv, a fixed
  subset of policy-docs/metadata.csv) through the bulk importer.
- Records of 广东省交通运输厅 walked through the workflow by the demo staff: published ones,
  主动公开 drafts waiting for review and sign-off (two of them more than 20 wd after their
  成文日期, overdue on the deadline dashboard), and 依申请公开 / 不予公开 ones with their
  reasons and legal grounds in several states.
- Finally every public record is (re)indexed for search, in bulk.

Idempotent: a record whose title already exists is left alone, the importer skips duplicates,
and indexing skips unchanged documents."""

import csv
import datetime as dt
from pathlib import Path

from sunshine.disclosure.docparse.parse import parse_document
from sunshine.disclosure.records.importing import import_csv, import_published_record
from sunshine.disclosure.records.indexing import index_records
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories.records import RecordFactory, advance

from .interpretations_data import load_seed_interpretation

DATA = Path(__file__).resolve().parent / "data"
SEED_FILE = DATA / "notice-2016-12-12.txt"
GD_CSV = DATA / "gd_policy_docs.csv"
SEED_AGENCY = "广东省人民政府办公厅"
DEPARTMENT = "广东省交通运输厅"
STAFF = {
    "drafter": "drafter@demo.gd.gov.cn",
    "reviewer": "reviewer@demo.gd.gov.cn",
    "approver": "approver@demo.gd.gov.cn",
}

# title, 公开属性, (ground, reason), state, days before today it was written, kind, topic,
# serial of its 文号 (粤交〔year〕n号) or None
DEPARTMENT_RECORDS = [
    ("广东省交通运输厅关于做好全省普通公路养护管理工作的通知", "proactive", None,
     "published", 12, "notice", "industry", 31),
    ("广东省交通运输厅关于进一步规范高速公路服务区管理的意见", "proactive", None,
     "published", 25, "opinion", "industry", 28),
    ("广东省交通运输厅关于开展道路运输安全生产专项整治的通知", "proactive", None,
     "reviewed", 4, "notice", "market", 35),
    ("广东省交通运输厅关于印发农村公路建设资金管理办法的通知", "proactive", None,
     "submitted", 3, "notice", "finance", 36),
    ("广东省交通运输厅关于公布第一批交通建设重点项目计划的通知", "proactive", None,
     "draft", 60, "notice", "industry", None),
    ("广东省交通运输厅关于调整部分普通公路收费站收费标准的公告", "proactive", None,
     "submitted", 45, "announcement", "industry", 22),
    ("广东省交通运输厅关于某高速公路项目征地拆迁补偿情况的报告", "on_request",
     ("privacy", "含被征收人姓名、身份证号码和补偿金额等个人信息，申请人身份核实后依申请公开。"),
     "draft", 8, "report", "industry", None),
    ("广东省交通运输厅机关内部公文处理工作规程", "withheld",
     ("internal", "属于机关内部管理信息（条例第十六条第一款），不予公开。"),
     "submitted", 6, "provisions", "general", None),
    ("关于广州至湛江高速公路项目招标投诉调查处理意见（讨论稿）", "withheld",
     ("process", "属于研究讨论中的过程性信息（条例第十六条第二款），定稿前不予公开。"),
     "reviewed", 5, "opinion", "industry", None),
    ("广东省交通运输厅道路运输行政处罚案卷汇编", "on_request",
     ("enforcement_file", "属于行政执法案卷信息，当事人及利害关系人可依申请查阅。"),
     "filed", 30, "other", "security", None),
]  # fmt: skip


def _listing_row(title: str) -> dict:
    with open(GD_CSV, encoding="utf-8", newline="") as fh:
        return next((row for row in csv.DictReader(fh) if row["title"] == title), {})


def load_seed_notice(office: Agency) -> DisclosureRecord:
    meta = parse_document(SEED_FILE.read_text(encoding="utf-8"))
    existing = DisclosureRecord.objects.filter(title=meta["title"]).first()
    if existing is not None:
        return existing
    listing = _listing_row(meta["title"])
    issuer = Agency.objects.filter(name=meta["issuer"]).first() or office
    published = listing.get("published")
    return import_published_record(
        actor=None,
        agency=office,
        issuer=issuer,
        title=meta["title"],
        doc_number=listing.get("doc_number", ""),
        recipients=meta["recipients"] or "",
        date_written=dt.date.fromisoformat(meta["date_written"]),
        date_published=dt.date.fromisoformat(published) if published else None,
        topic="general",
        kind="notice",
        keywords="阳光政务 政务公开",
        body=meta["body"],
        source="seed:notice-2016-12-12.txt",
        index=False,
    )


def load_department_records(agency: Agency) -> int:
    people = {role: User.objects.get(email=email) for role, email in STAFF.items()}
    today = clock.today()
    existing = set(DisclosureRecord.objects.filter(agency=agency).values_list("title", flat=True))
    created = 0
    for title, mode, withheld, state, age, kind, topic, serial in DEPARTMENT_RECORDS:
        if title in existing:
            continue
        written = today - dt.timedelta(days=age)
        ground, reason = withheld or ("", "")
        record = RecordFactory(
            actor=people["drafter"],
            agency=agency,
            title=title,
            date_written=written,
            topic=topic,
            kind=kind,
            disclosure_mode=mode,
            withheld_ground=ground,
            withheld_reason=reason,
            doc_number=f"{agency.doc_prefix}〔{written.year}〕{serial}号" if serial else "",
            recipients="各地级以上市交通运输局，厅直属各单位" if mode == "proactive" else "",
            body=f"{title}。\n（演示数据）",
        )
        advance(record, people, state)  # each step by the demo staff member whose role does it
        created += 1
    return created


def load(stdout=None) -> dict:
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[SEED_AGENCY, DEPARTMENT])}
    seed = load_seed_notice(agencies[SEED_AGENCY])
    load_seed_interpretation(seed)  # 谁起草、谁解读: the office's 解读, linked both ways
    report = import_csv(GD_CSV, index=False)
    department = load_department_records(agencies[DEPARTMENT])
    indexed = index_records()
    if stdout is not None:
        stdout.write(
            f"records: seed #{seed.pk}; imported {len(report.created)}, "
            f"duplicates {report.duplicates}, refused {len(report.refused)}; "
            f"department {department}; search written {indexed.written}"
        )
    return {"seed": seed, "import": report, "department": department}
