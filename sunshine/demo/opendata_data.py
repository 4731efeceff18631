"""Demo 数据开放: 22 entries of the 政府数据资源目录 in two agencies, built from real data
the repository already holds — the official holiday notices 2007–2026 (kernel working
calendar), the Guangdong policy-document index (demo/data/gd_policy_docs.csv, from
shared/data/policy-docs), citizen messages with replies and votes (demo/data/taidi2020, the
TipDM 2020 contest data), the published service items and the 权力清单 (their demo modules
run first), the agencies and 行政区划 — with one 有条件开放 entry (message details, a pending
application and an approved grant), one 不予开放 entry (reason and legal ground), and the
交通运输厅's 双公示 decisions (行政执法公示) as a generated entry that refreshes itself. Made
through the services; idempotent (an entry whose name exists is left as it is)."""

import collections
import csv
import datetime as dt
import json
import re
import statistics
from pathlib import Path

from sunshine.demo.kernel_data import ensure_staff
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.orgs.models import Agency, Region
from sunshine.kernel.workcalendar.calendar import is_workday
from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.models import AccessApplication, Dataset
from sunshine.opendata.datasets.tables import csv_bytes, json_bytes, xlsx_bytes

DATA = Path(__file__).parent / "data"
CALENDAR = Path(__file__).parents[1] / "kernel" / "workcalendar" / "data"
OFFICE = "广东省人民政府办公厅"
TRANSPORT = "广东省交通运输厅"
OFFICE_EDITOR = ("data@demo.gd.gov.cn", "何数据")  # the 办公厅's 公开办 officer for its data
EDITOR = "admin@demo.gd.gov.cn"  # 单位管理员 of 交通运输厅


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _time(text: str) -> dt.datetime | None:
    for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    return None


def F(name, title, type_="string", unit="", description=""):
    return {
        "name": name,
        "title": title,
        "type": type_,
        "unit": unit,
        "description": description or title,
    }


# --- The tables ----------------------------------------------------------------------------


def holidays():
    fields = [
        F("date", "日期", "date"),
        F("name", "节日", description="节假日名称（调休上班日为所调节日）"),
        F("is_off_day", "是否放假", "boolean", description="true 放假，false 调休上班"),
        F("year", "年份", "integer", "年"),
    ]
    rows = []
    for path in sorted(CALENDAR.glob("20*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for day in data["days"]:
            rows.append([day["date"], day["name"], day["isOffDay"], data["year"]])
    return fields, rows


def workdays_2026():
    fields = [
        F("date", "日期", "date"),
        F("weekday", "星期", "integer", description="1 为星期一，7 为星期日"),
        F("is_workday", "是否工作日", "boolean", description="按国务院办公厅通知含调休"),
    ]
    day, rows = dt.date(2026, 1, 1), []
    while day.year == 2026:
        rows.append([day.isoformat(), day.isoweekday(), is_workday(day)])
        day += dt.timedelta(days=1)
    return fields, rows


def makeup_days():
    fields, rows = holidays()
    return fields, [r for r in rows if r[2] is False]


def policy_index():
    fields = [
        F("title", "标题"),
        F("doc_number", "文号", description="发文字号（无文号的为空）"),
        F("published", "发布日期", "date"),
        F("url", "原文地址", description="广东省人民政府门户网站的原文链接"),
    ]
    rows = [
        [r["title"], r["doc_number"], r["published"] or r["listed_date"], r["url"]]
        for r in _rows(DATA / "gd_policy_docs.csv")
        if r["title"]
    ]
    return fields, rows


def policy_by_year():
    counts = collections.Counter()
    for _title, _number, published, _url in policy_index()[1]:
        if published:
            counts[int(published[:4])] += 1
    fields = [F("year", "年份", "integer", "年"), F("documents", "文件数", "integer", "件")]
    return fields, [[y, counts[y]] for y in sorted(counts)]


def policy_by_prefix():
    counts = collections.Counter()
    for _title, number, _published, _url in policy_index()[1]:
        match = re.match(r"^(.+?)〔", number or "")
        if match:
            counts[match.group(1)] += 1
    fields = [F("prefix", "发文字号代字"), F("documents", "文件数", "integer", "件")]
    return fields, [[p, n] for p, n in counts.most_common()]


def _replies():
    out = []
    for r in _rows(DATA / "taidi2020" / "replies_dev.csv"):
        asked, answered = _time(r["留言时间"]), _time(r["答复时间"])
        if asked and answered:
            out.append((r, asked, answered, max(0.0, (answered - asked).total_seconds() / 86400)))
    return out


def reply_monthly():
    groups = collections.defaultdict(list)
    for _r, asked, _answered, days in _replies():
        groups[asked.strftime("%Y-%m")].append(days)
    fields = [
        F("month", "月份", description="留言月份 YYYY-MM"),
        F("messages", "留言数", "integer", "件"),
        F("mean_reply_days", "平均答复用时", "number", "天"),
        F("median_reply_days", "答复用时中位数", "number", "天"),
    ]
    rows = [
        [m, len(v), round(statistics.mean(v), 2), round(statistics.median(v), 2)]
        for m, v in sorted(groups.items())
    ]
    return fields, rows


def reply_histogram():
    bins = [(0, 1), (1, 3), (3, 7), (7, 15), (15, 30), (30, 90), (90, 100_000)]
    counts = collections.Counter()
    for _r, _a, _b, days in _replies():
        for low, high in bins:
            if low <= days < high:
                counts[(low, high)] += 1
                break
    fields = [
        F("from_days", "起（含）", "integer", "天"),
        F("to_days", "止（不含）", "integer", "天"),
        F("messages", "留言数", "integer", "件"),
    ]
    return fields, [[lo, hi if hi < 100_000 else None, counts[(lo, hi)]] for lo, hi in bins]


def by_district():
    counts = collections.Counter()
    for r, *_rest in _replies():
        match = re.search(r"([A-Z]\d+区|[A-Z]市)", r["留言主题"])
        counts[match.group(1) if match else "未注明"] += 1
    fields = [
        F("district", "区县", description="留言主题中的地名（竞赛数据已匿名）"),
        F("messages", "留言数", "integer", "件"),
    ]
    return fields, [[d, n] for d, n in counts.most_common()]


def message_details():
    fields = [
        F("id", "留言编号", "integer"),
        F("subject", "留言主题"),
        F("asked_at", "留言时间", "datetime"),
        F("body", "留言详情"),
        F("reply", "答复意见"),
        F("replied_at", "答复时间", "datetime"),
    ]
    rows = [
        [
            int(r["留言编号"]),
            r["留言主题"],
            asked.isoformat(),
            r["留言详情"].strip(),
            r["答复意见"].strip(),
            answered.isoformat(),
        ]
        for r, asked, answered, _days in _replies()[:400]
    ]
    return fields, rows


def _votes():
    return _rows(DATA / "taidi2020" / "votes_top500.csv")


def votes_top():
    fields = [
        F("id", "留言编号", "integer"),
        F("subject", "留言主题"),
        F("asked_at", "留言时间", "datetime"),
        F("likes", "点赞数", "integer", "次"),
        F("dislikes", "反对数", "integer", "次"),
    ]
    rows = []
    for r in _votes():
        asked = _time(r["留言时间"])
        rows.append(
            [
                int(r["留言编号"]),
                r["留言主题"],
                asked.isoformat() if asked else None,
                int(r["点赞数"]),
                int(r["反对数"]),
            ]
        )
    rows.sort(key=lambda row: -row[3])
    return fields, rows


def votes_monthly():
    likes, dislikes, counts = collections.Counter(), collections.Counter(), collections.Counter()
    for _id, _s, asked, up, down in votes_top()[1]:
        if asked:
            month = asked[:7]
            counts[month] += 1
            likes[month] += up
            dislikes[month] += down
    fields = [
        F("month", "月份"),
        F("messages", "留言数", "integer", "件"),
        F("likes", "点赞数", "integer", "次"),
        F("dislikes", "反对数", "integer", "次"),
    ]
    return fields, [[m, counts[m], likes[m], dislikes[m]] for m in sorted(counts)]


def service_items():
    from sunshine.servicehall.catalog.selectors import public_items

    fields = [
        F("code", "事项编码"),
        F("name", "事项名称"),
        F("agency", "实施机关"),
        F("promised_days", "承诺时限", "integer", "工作日"),
        F("statutory_days", "法定时限", "integer", "工作日"),
        F("online", "网上办理", "boolean"),
        F("is_free", "不收费", "boolean"),
    ]
    rows = [
        [i.code, i.name, i.agency.name, i.promised_days, i.statutory_days, i.online, i.is_free]
        for i in public_items().order_by("code")
    ]
    return fields, rows


def power_list():
    from sunshine.governance.powers.selectors import versions_in_force

    fields = [
        F("code", "事项编码"),
        F("name", "事项名称"),
        F("kind", "事项类型"),
        F("basis", "设定依据"),
        F("agency", "实施机关"),
        F("effective_from", "生效日期", "date"),
    ]
    rows = [
        [
            v.item.code,
            v.name,
            str(v.item.get_kind_display()),
            v.basis,
            v.item.agency.name,
            v.effective_from.isoformat(),
        ]
        for v in versions_in_force()
    ]
    return fields, rows


def agencies():
    fields = [
        F("name", "机关名称"),
        F("short_name", "简称"),
        F("org_code", "机构代码"),
        F("credit_code", "统一社会信用代码"),
        F("parent", "上级机关"),
        F("region", "行政区划代码"),
    ]
    rows = [
        [
            a.name,
            a.short_name,
            a.org_code,
            a.credit_code,
            a.parent.name if a.parent else "",
            a.region.code if a.region else "",
        ]
        for a in Agency.objects.select_related("parent", "region").order_by("path")
    ]
    return fields, rows


def regions():
    fields = [F("code", "行政区划代码"), F("name", "名称"), F("parent", "上级区划代码")]
    rows = [
        [r.code, r.name, r.parent.code if r.parent else ""]
        for r in Region.objects.select_related("parent").order_by("code")
    ]
    return fields, rows


def holidays_2026():
    fields, rows = holidays()
    return fields, [r for r in rows if r[3] == 2026]


def time_limits():
    fields, rows = service_items()
    out = [
        F("code", "事项编码"),
        F("name", "事项名称"),
        F("promised_days", "承诺时限", "integer", "工作日"),
        F("statutory_days", "法定时限", "integer", "工作日"),
        F("compression", "时限压缩比例", "number", "%", "（法定时限 − 承诺时限）÷ 法定时限"),
    ]
    table = []
    for code, name, _agency, promised, statutory, _online, _free in rows:
        ratio = (
            round(100 * (statutory - promised) / statutory, 1)
            if statutory and promised is not None
            else None
        )
        table.append([code, name, promised, statutory, ratio])
    return out, table


def policy_2016():
    fields, rows = policy_index()
    return fields, [r for r in rows if (r[2] or "").startswith("2016")]


# --- The catalog ---------------------------------------------------------------------------

# name, agency, table, formats, metadata
ENTRIES = [
    (
        "holidays-2007-2026",
        OFFICE,
        holidays,
        ("CSV", "JSON"),
        {
            "title": "法定节假日和调休安排（2007—2026年）",
            "notes": "国务院办公厅历年部分节假日安排通知中的放假日期和调休上班日期，每年一份通知。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["节假日", "调休", "工作日"],
        },
    ),
    (
        "workdays-2026",
        OFFICE,
        workdays_2026,
        ("CSV",),
        {
            "title": "2026年工作日历",
            "notes": "2026年每一天是否为工作日，按国务院办公厅2026年部分节假日安排通知（含调休）计算。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["工作日", "日历"],
        },
    ),
    (
        "makeup-workdays",
        OFFICE,
        makeup_days,
        ("CSV",),
        {
            "title": "调休上班日（2007—2026年）",
            "notes": "历年因节假日调休而上班的周六、周日，便于计算办理时限。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["调休", "工作日"],
        },
    ),
    (
        "gd-policy-documents",
        OFFICE,
        policy_index,
        ("CSV", "XLSX"),
        {
            "title": "广东省人民政府政策文件索引",
            "notes": "广东省人民政府及其办公厅公开的政策文件目录：标题、文号、发布日期和原文地址（抽样）。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["政策文件", "文号", "政府信息公开"],
        },
    ),
    (
        "gd-policy-by-year",
        OFFICE,
        policy_by_year,
        ("CSV",),
        {
            "title": "政策文件年度发布数量",
            "notes": "按发布年份统计的广东省人民政府政策文件数量（依据政策文件索引）。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["政策文件", "统计"],
        },
    ),
    (
        "gd-policy-by-prefix",
        OFFICE,
        policy_by_prefix,
        ("JSON",),
        {
            "title": "政策文件发文字号代字统计",
            "notes": "按发文字号代字（粤府、粤府办、粤府函等）统计的政策文件数量。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["政策文件", "文号"],
        },
    ),
    (
        "message-reply-monthly",
        OFFICE,
        reply_monthly,
        ("CSV",),
        {
            "title": "网民留言答复时效月度统计",
            "notes": "按留言月份统计的网民留言数量、平均答复用时和答复用时中位数（天）。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["网民留言", "答复时效", "统计"],
        },
    ),
    (
        "message-reply-histogram",
        OFFICE,
        reply_histogram,
        ("CSV",),
        {
            "title": "网民留言答复用时分布",
            "notes": "网民留言从提交到答复所用天数的分布：1天内、1—3天、3—7天、7—15天等。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["网民留言", "答复时效"],
        },
    ),
    (
        "message-by-district",
        OFFICE,
        by_district,
        ("CSV",),
        {
            "title": "网民留言按地区统计",
            "notes": "按留言主题中的区县统计的网民留言数量（竞赛数据的地名已匿名为A市、A1区等）。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["网民留言", "地区"],
        },
    ),
    (
        "message-votes-top",
        OFFICE,
        votes_top,
        ("CSV",),
        {
            "title": "网民留言点赞排行",
            "notes": "点赞数最多的500条网民留言的主题、时间、点赞数和反对数。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "weekly",
            "tags": ["网民留言", "热点"],
        },
    ),
    (
        "message-votes-monthly",
        OFFICE,
        votes_monthly,
        ("JSON",),
        {
            "title": "网民留言点赞反对月度统计",
            "notes": "按月统计热点留言的数量、点赞数和反对数。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["网民留言", "统计"],
        },
    ),
    (
        "message-details",
        OFFICE,
        message_details,
        ("CSV",),
        {
            "title": "网民留言及答复明细",
            "notes": "网民留言的主题、详情和政府部门的答复意见、答复时间（留言用户已匿名）。含群众反映的具体事项，有条件开放。",
            "topic": "society",
            "industry": "S",
            "update_frequency": "daily",
            "open_class": "conditional",
            "open_conditions": "仅用于科学研究和公益性分析；不得再向第三方提供；不得尝试识别留言人。",
            "tags": ["网民留言", "答复"],
        },
    ),
    (
        "service-items",
        TRANSPORT,
        service_items,
        ("CSV", "XLSX"),
        {
            "title": "政务服务事项清单",
            "notes": "网上办事大厅公布的政务服务事项：事项编码、名称、实施机关、承诺时限、法定时限、是否网上办理、是否收费。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["政务服务", "办事指南"],
        },
    ),
    (
        "power-list",
        TRANSPORT,
        power_list,
        ("CSV",),
        {
            "title": "交通运输厅权力清单",
            "notes": "现行有效的行政权力事项：事项编码、名称、类型、设定依据、实施机关和生效日期。",
            "topic": "transport",
            "industry": "G",
            "update_frequency": "irregular",
            "tags": ["权力清单", "交通运输"],
        },
    ),
    (
        "agencies",
        OFFICE,
        agencies,
        ("CSV", "JSON"),
        {
            "title": "行政机关名录",
            "notes": "本平台各行政机关的名称、简称、机构代码、统一社会信用代码、上级机关和行政区划。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "irregular",
            "tags": ["机关", "统一社会信用代码"],
        },
    ),
    (
        "regions",
        OFFICE,
        regions,
        ("CSV",),
        {
            "title": "行政区划代码",
            "notes": "本平台使用的行政区划名称和代码（GB/T 2260）。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["行政区划"],
        },
    ),
    (
        "holidays-2026",
        OFFICE,
        holidays_2026,
        ("CSV", "XLSX"),
        {
            "title": "2026年部分节假日安排",
            "notes": "国务院办公厅关于2026年部分节假日安排的通知：元旦、春节、清明节、劳动节、端午节、中秋节、国庆节的放假和调休日期。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "yearly",
            "tags": ["节假日", "调休", "2026"],
        },
    ),
    (
        "service-time-limits",
        TRANSPORT,
        time_limits,
        ("CSV",),
        {
            "title": "政务服务事项办理时限压缩情况",
            "notes": "各政务服务事项的法定时限、承诺时限和时限压缩比例（（法定时限 − 承诺时限）÷ 法定时限）。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "monthly",
            "tags": ["政务服务", "办理时限"],
        },
    ),
    (
        "gd-policy-documents-2016",
        OFFICE,
        policy_2016,
        ("JSON",),
        {
            "title": "2016年广东省人民政府政策文件",
            "notes": "2016年发布的广东省人民政府及其办公厅政策文件：标题、文号、发布日期和原文地址。",
            "topic": "government",
            "industry": "S",
            "update_frequency": "never",
            "tags": ["政策文件", "2016"],
        },
    ),
]

CLOSED = (
    "driver-licences",
    TRANSPORT,
    {
        "title": "机动车驾驶人信息",
        "notes": "机动车驾驶人的姓名、身份证号码、准驾车型和记分情况。",
        "topic": "transport",
        "industry": "G",
        "update_frequency": "realtime",
        "open_class": "closed",
        "closed_reason": "涉及个人信息，数据主体未同意公开。",
        "closed_basis": "《中华人民共和国个人信息保护法》第十三条、第二十五条",
        "tags": ["驾驶人"],
    },
)

API_ENTRY = (
    "records-api",
    OFFICE,
    {
        "title": "政府信息检索接口",
        "notes": "按关键词、文号、机关和日期检索本平台主动公开的政府信息和政策文件的接口（JSON）。",
        "topic": "government",
        "industry": "S",
        "update_frequency": "realtime",
        "tags": ["接口", "政策文件"],
    },
)

COMMON = {
    "open_class": "unconditional",
    "license_id": "CC-BY-4.0",
    "contact_name": "数据资源管理处",
    "contact_email": "opendata@demo.gd.gov.cn",
    "spatial": "广东省",
}


def _content(fmt, fields, rows) -> bytes:
    header = [f["name"] for f in fields]
    return {"CSV": csv_bytes, "JSON": json_bytes, "XLSX": xlsx_bytes}[fmt](header, rows)


def _entry(name, agency, editor, meta, table=None, formats=(), url=""):
    if Dataset.objects.filter(name=name).exists():
        return Dataset.objects.get(name=name), False
    dataset = services.create_dataset(agency=agency, actor=editor, name=name, **(COMMON | meta))
    if table is not None:
        fields, rows = table()
        services.set_schema(dataset=dataset, actor=editor, fields=fields)
        for fmt in formats:
            services.add_resource(
                dataset=dataset,
                actor=editor,
                name=f"{meta['title']}（{fmt}）",
                format=fmt,
                content=_content(fmt, fields, rows),
                filename=f"{name}.{fmt.lower()}",
            )
    if url:
        services.set_schema(
            dataset=dataset,
            actor=editor,
            fields=[
                F("title", "标题"),
                F("doc_number", "文号"),
                F("published", "发布日期", "date"),
            ],
        )
        services.add_resource(
            dataset=dataset,
            actor=editor,
            name="检索接口",
            format="API",
            url=url,
            description="GET，参数 q（关键词）、page；返回 JSON。",
        )
    services.publish_dataset(dataset=dataset, actor=editor, note="首次发布")
    return dataset, True


def load(*, stdout=None) -> None:
    from django.conf import settings

    agencies_by_name = {a.name: a for a in Agency.objects.filter(name__in=[OFFICE, TRANSPORT])}
    office_editor = ensure_staff(
        *OFFICE_EDITOR, agencies_by_name[OFFICE], [Role.DISCLOSURE_OFFICER]
    )
    editors = {OFFICE: office_editor, TRANSPORT: User.objects.get(email=EDITOR)}
    created = 0
    for name, agency, table, formats, meta in ENTRIES:
        _ds, new = _entry(name, agencies_by_name[agency], editors[agency], meta, table, formats)
        created += new
    name, agency, meta = CLOSED
    created += _entry(name, agencies_by_name[agency], editors[agency], meta)[1]
    name, agency, meta = API_ENTRY
    domain = getattr(settings, "SITE_DOMAIN", "") or "www.gd.gov.cn"
    created += _entry(
        name,
        agencies_by_name[agency],
        editors[agency],
        meta,
        url=f"https://{domain}/api/v1/records",
    )[1]
    created += _generated(agencies_by_name[TRANSPORT], editors[TRANSPORT])
    _applications()
    _harvest_source(agencies_by_name[TRANSPORT], editors[TRANSPORT])
    if stdout is not None:
        total = Dataset.objects.filter(harvest__isnull=True).count()
        stdout.write(f"数据开放：{total} 个数据资源（本次新建 {created} 个）")


ENFORCEMENT_NAME = "transport-enforcement-decisions"


def _generated(agency, editor) -> int:
    """The 交通运输厅's 双公示 decisions (行政执法公示 demo) as a generated, published entry."""
    from sunshine.opendata.datasets.sources import SOURCES

    if Dataset.objects.filter(name=ENFORCEMENT_NAME).exists() or "enforcement-decisions" not in (
        SOURCES
    ):
        return 0
    dataset = services.create_generated_dataset(
        agency=agency,
        actor=editor,
        source="enforcement-decisions",
        name=ENFORCEMENT_NAME,
        title="交通运输行政许可和行政处罚决定（双公示）",
        contact_name="政策法规处",
        contact_email=COMMON["contact_email"],
        spatial="广东省",
    )
    services.publish_dataset(dataset=dataset, actor=editor, note="首次发布")
    return 1


def _applications() -> None:
    """A pending application by the demo citizen and an approved grant for the company."""
    dataset = Dataset.objects.get(name="message-details")
    if AccessApplication.objects.filter(dataset=dataset).exists():
        return
    citizen = User.objects.get(email="citizen@demo.example.com")
    company = User.objects.get(email="company@demo.example.com")
    services.submit_application(
        dataset=dataset,
        applicant=citizen,
        organization="某大学公共管理学院",
        purpose="研究网民留言的答复时效与满意度，撰写学术论文。",
        use_scenario="在学院服务器上做统计分析，只发表汇总结果，不公开单条留言。",
        security_measures="数据存放在内网服务器，专人管理、访问留痕，研究结束后销毁。",
    )
    application = services.submit_application(
        dataset=dataset,
        applicant=company,
        organization="广州某数据科技有限公司",
        purpose="为政务热线知识库建设做留言分类模型的训练和评测。",
        use_scenario="模型训练在企业私有环境中进行，产出的模型不含原始文本。",
        security_measures="通过等保三级的机房存放；仅两名工程师可访问；合同约定保密责任。",
    )
    services.approve_application(
        application=application,
        actor=User.objects.get(email=OFFICE_EDITOR[0]),
        terms="仅限政务热线知识库建设项目使用；不得向第三方提供；项目结束后三十日内销毁并书面报告。",
        expires_on=clock.today() + dt.timedelta(days=365),
    )


HARVEST_SOURCE = "示例：市级数据开放目录（DCAT 文件）"
HARVEST_FILE = Path(__file__).resolve().parent / "data" / "harvest-catalog.ttl"


def _harvest_source(agency, editor) -> None:
    """采集: an uploaded DCAT file (no network: links only), run once so that the workbench
    shows a report — 5 new drafts (links, no 字段说明), 1 failed (no identifier). Its entries
    stay drafts, outside the 22 published ones."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sunshine.opendata.datasets import harvest
    from sunshine.opendata.datasets.harvest_models import HarvestSource

    if HarvestSource.objects.filter(name=HARVEST_SOURCE).exists():
        return
    source = harvest.create_source(
        agency=agency,
        actor=editor,
        upload=SimpleUploadedFile(HARVEST_FILE.name, HARVEST_FILE.read_bytes()),
        name=HARVEST_SOURCE,
        kind="dcat",
        schedule="manual",
        resource_mode="link",
        publish=True,
        topic="transport",
        industry="G",
        license_id="CC-BY-4.0",
        active=True,
    )
    harvest.run_now(source, actor=editor, trigger="manual")
