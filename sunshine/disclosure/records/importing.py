"""Import of existing government information (存量政府信息导入) as published records.

Sources: a folder of TXT / PDF / DOCX documents (metadata read by docparse: title, 发文机关,
文号, 成文日期, body), or a CSV of metadata in the format of policy-docs/metadata.csv
(government, url, title, doc_number, issued, published, listed_date, ...).

Each row becomes a 主动公开 record published on its original date through
`import_published_record`, which checks every field like drafting does (文号 format and
uniqueness, required fields), runs the publish guards of the records workflow, numbers the
record (索引号), saves version 1 and writes the audit event "record.import". Rows are
written in batches (one transaction each, a savepoint per row); a refused row is reported
with its reason and never half-written. Re-running skips what is already there: the same
source (CSV url / file digest), the same 文号 and title, or the same title and 成文日期.
Search indexing happens once at the end, in bulk.
"""

import csv
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.docparse.docnumber import normalize_doc_number
from sunshine.disclosure.docparse.parse import parse_document
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.extract import ExtractionError, read_document
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.workflow.definitions import TransitionContext

from .choices import DisclosureMode, DocKind, Topic
from .indexing import index_records, record_changed
from .models import DisclosureRecord
from .numbering import next_index_number
from .validation import clean_record_fields
from .versions import add_version
from .workflow import RECORD_WORKFLOW, RecordState

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.date(1949, 10, 1)
IMPORT_ACTION = "record.import"
FILE_SUFFIXES = {".txt", ".pdf", ".docx"}
# policy-docs names governments in English; the agencies of the platform are Chinese.
GOVERNMENTS = {
    "Guangdong Provincial Government": "广东省人民政府",
    "State Council": "国务院",
    "Hainan Provincial Government": "海南省人民政府",
    "Chongqing Municipal Government": "重庆市人民政府",
    "Henan Provincial Government": "河南省人民政府",
    "Hubei Provincial Government": "湖北省人民政府",
    "Liaoning Provincial Government": "辽宁省人民政府",
    "Ningxia Provincial Government": "宁夏回族自治区人民政府",
    "Shanxi Provincial Government": "山西省人民政府",
    "Sichuan Provincial Government": "四川省人民政府",
    "Yunnan Provincial Government": "云南省人民政府",
    "Shanghai Municipal Government": "上海市人民政府",
}
# 公文种类 from the end of the title (GB/T 9704 titles end with the kind).
_KINDS = [
    ("批复", DocKind.REPLY), ("通知", DocKind.NOTICE), ("意见", DocKind.OPINION),
    ("决定", DocKind.DECISION), ("办法", DocKind.MEASURES), ("细则", DocKind.MEASURES),
    ("规定", DocKind.PROVISIONS), ("公告", DocKind.ANNOUNCEMENT), ("通告", DocKind.CIRCULAR),
    ("报告", DocKind.REPORT), ("函", DocKind.LETTER),
]  # fmt: skip
# 主题分类 from words of the title, first match wins (specific words before general ones).
_TOPICS = [
    (("食品", "药品", "安全生产", "市场监管", "质量", "标准化"), Topic.MARKET),
    (("港澳", "台湾", "华侨", "侨务"), Topic.HMT),
    (("自由贸易", "跨境", "口岸", "海关", "旅游", "商务", "外贸", "贸易"), Topic.COMMERCE),
    (("交通", "公路", "铁路", "港口", "航道", "机场", "运输", "工业", "制造"), Topic.INDUSTRY),
    (("教育", "学校", "高校", "科技", "科学", "创新", "人才"), Topic.SCIENCE),
    (("财政", "金融", "审计", "税", "预算", "债"), Topic.FINANCE),
    (("农业", "农村", "林业", "水利", "渔业", "粮食", "耕地", "农田", "水量"), Topic.AGRICULTURE),
    (("卫生", "医疗", "医药", "体育", "健康", "疾病", "疫"), Topic.HEALTH),
    (("环境", "生态", "污染", "城乡", "住房", "城市", "景观", "工程建设"), Topic.CONSTRUCTION),
    (("国土", "土地", "矿产", "能源", "电力", "节能"), Topic.LAND_ENERGY),
    (("文化", "广播", "电视", "新闻", "出版", "文物"), Topic.CULTURE),
    (("人口", "计划生育", "妇女", "儿童"), Topic.POPULATION),
    (("劳动", "就业", "人事", "社会保险", "工资", "监察", "公务员"), Topic.LABOUR),
    (("公安", "警", "消防", "司法", "国家安全"), Topic.SECURITY),
    (("民政", "扶贫", "救灾", "救助", "养老", "慈善", "殡葬"), Topic.CIVIL),
    (("民族", "宗教"), Topic.ETHNIC),
    (("外事", "对外", "涉外"), Topic.FOREIGN),
    (("国防", "兵役", "人民防空", "民兵"), Topic.DEFENCE),
    (("经济", "国有资产", "发展改革", "产业", "投资"), Topic.ECONOMY),
]


_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]$")  # 办法（试行）


def kind_of_title(title: str) -> str:
    text = _TRAILING_NOTE.sub("", title.strip())
    for ending, kind in _KINDS:
        if text.endswith(ending):
            return kind
    return DocKind.OTHER


def topic_of_title(title: str) -> str:
    title = title.replace("人民政府", "")  # or 民政 would match every government's title
    for words, topic in _TOPICS:
        if any(word in title for word in words):
            return topic
    return Topic.GENERAL


# --- The service -----------------------------------------------------------------------


def _check_dates(date_written, date_published) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = clock.today()
    if isinstance(date_written, dt.date) and not FIRST_DAY <= date_written <= today:
        errors["date_written"] = [
            _("成文日期 %(day)s 超出合理范围（%(first)s 至今天）。")
            % {"day": date_written, "first": FIRST_DAY}
        ]
    if date_published is not None:
        if not isinstance(date_published, dt.date):
            errors["date_published"] = [_("请填写有效的发布日期。")]
        elif date_published > today:
            errors["date_published"] = [_("发布日期 %(day)s 晚于今天。") % {"day": date_published}]
        elif isinstance(date_written, dt.date) and date_published < date_written:
            errors["date_published"] = [
                _("发布日期 %(published)s 早于成文日期 %(written)s。")
                % {"published": date_published, "written": date_written}
            ]
    return errors


def _published_at(day: dt.date, now: dt.datetime) -> dt.datetime:
    return min(now, dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI))


@transaction.atomic
def import_published_record(
    *,
    actor,
    agency,
    title: str,
    date_written: dt.date | None,
    date_published: dt.date | None = None,
    issuer=None,
    doc_number: str = "",
    recipients: str = "",
    topic: str = Topic.GENERAL,
    kind: str = DocKind.OTHER,
    normative: bool = False,
    keywords: str = "",
    body: str = "",
    source: str = "",
    index: bool = True,
) -> DisclosureRecord:
    """Record an existing, already published 主动公开 document: published on
    `date_published` (its original date; today when None), version 1, audited as
    "record.import" with its `source` (url, file digest). `actor` None is the system (a
    management command run on the server); a person needs "record.publish" on the agency.
    Every field is validated as when drafting; ValidationError({field: [...]}) otherwise.
    `index=False` leaves search indexing to the caller (bulk, after many imports)."""
    if actor is not None:
        require(actor, "record.publish", agency)
    values = {
        "title": title, "date_written": date_written, "topic": topic, "kind": kind,
        "disclosure_mode": DisclosureMode.PROACTIVE, "issuer": issuer or agency,
        "doc_number": doc_number, "recipients": recipients, "normative": normative,
        "keywords": keywords, "body": body, "needs_interpretation": False,
    }  # fmt: skip
    errors = _check_dates(date_written, date_published)
    try:
        cleaned = clean_record_fields(values)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    cleaned.pop("related", None)
    now = clock.now()
    published_on = date_published or timezone.localdate(now)
    record = DisclosureRecord(
        agency=agency,
        state=RecordState.PUBLISHED,
        date_published=published_on,
        published_at=_published_at(published_on, now),
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
        **cleaned,
    )
    record.index_number = next_index_number(agency=agency, year=record.date_written.year)
    record.save()
    publish = RECORD_WORKFLOW.get("publish")
    context = TransitionContext(
        workflow=RECORD_WORKFLOW,
        transition=publish,
        actor=actor,
        from_state=RecordState.SIGNED_OFF,
        data={"import": True},
    )
    for guard in RECORD_WORKFLOW.guards_for(publish):  # e.g. 主动公开 only, 解读 ready
        guard(record, context)
    note = _("导入（原发布日期 %(day)s）") % {"day": published_on}
    version = add_version(record, number=1, actor=actor, change_note=note)
    record_event(
        action=IMPORT_ACTION,
        actor=actor,
        obj=record,
        summary=record.title,
        data={
            "index_number": record.index_number,
            "date_published": published_on.isoformat(),
            "source": source,
        },
        after={**version.snapshot, "state": str(record.state)},
    )
    if index:
        record_changed(record)
    return record


# --- Rows ------------------------------------------------------------------------------


@dataclass
class Row:
    """One document to import, as read from a CSV line or a file."""

    label: str  # "第 12 行" or the file's name, for the report
    title: str = ""
    source: str = ""
    doc_number: str = ""
    date_written: dt.date | None = None
    date_published: dt.date | None = None
    issuer_name: str = ""  # as printed on the document (folder import)
    agency: Agency | None = None  # the 公开主体 the source names (CSV government)
    recipients: str = ""
    body: str = ""
    refusal: str = ""  # already known to be unusable (unreadable file, bad date)


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)
    duplicates: int = 0
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # label, title, reason
    ignored: Counter = field(default_factory=Counter)  # CSV rows of governments not here


def _day(value: str, label: str) -> dt.date | None:
    value = (value or "").strip().replace("/", "-")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("%(label)s“%(value)s”不是有效日期。") % {"label": label, "value": value}
        ) from None


def _reason(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, messages in exc.message_dict.items():
        try:
            label = str(DisclosureRecord._meta.get_field(name).verbose_name)
        except Exception:
            label = name
        text = " ".join(messages)
        parts.append(text if text.startswith(label) else f"{label}：{text}")
    return "；".join(parts)


def _norm_title(title: str) -> str:
    return "".join((title or "").split())


class Importer:
    """Runs rows through `import_published_record`. `agency` forces the 公开主体 of every row;
    otherwise the CSV's government (or the document's 发文机关) decides, and the 发文机关 is
    read from the start of the title (广东省人民政府办公厅关于……) or the 机关代字 of the 文号."""

    def __init__(self, *, actor=None, agency: Agency | None = None, index: bool = True,
                 batch: int = 200, progress: Callable[[int, int | None], None] | None = None):  # fmt: skip
        self.actor, self.forced, self.index, self.batch = actor, agency, index, batch
        self.progress = progress or (lambda done, total: None)
        agencies = list(Agency.objects.filter(is_active=True))
        self.by_name = {a.name: a for a in agencies}
        self.by_short = {a.short_name: a for a in agencies if a.short_name}
        self.by_prefix = {a.doc_prefix: a for a in agencies if a.doc_prefix}
        self.name_lengths = sorted({len(n) for n in self.by_name}, reverse=True)
        self.keys: set[tuple] = set()
        for number, title, written in DisclosureRecord.objects.values_list(
            "doc_number", "title", "date_written"
        ):
            self.keys.update(self._keys(number, title, written))
        events = AuditEvent.objects.filter(action=IMPORT_ACTION)
        self.sources = {s for s in events.values_list("data__source", flat=True) if s}

    @staticmethod
    def _keys(doc_number: str, title: str, written) -> list[tuple]:
        title = _norm_title(title)
        keys = [("title", title, written)]
        number = normalize_doc_number(doc_number) if doc_number else None
        if number:
            keys.append(("number", number, title))
        return keys

    # Reading ---------------------------------------------------------------------------

    def csv_rows(self, path: Path, report: ImportReport) -> list[Row]:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if "title" not in (reader.fieldnames or []):
                raise ValueError(_("CSV 文件缺少 title 列。"))
            lines = list(reader)
        rows = []
        for n, line in enumerate(lines, start=2):  # line 1 is the header
            agency = self.forced
            if agency is None:
                government = (line.get("government") or "").strip()
                agency = self.by_name.get(GOVERNMENTS.get(government, government))
                if agency is None:
                    report.ignored[government or _("（未填写）")] += 1
                    continue
            row = Row(label=_("第 %(n)s 行") % {"n": n}, agency=agency,
                      title=(line.get("title") or "").strip(), source=(line.get("url") or "").strip(),
                      doc_number=(line.get("doc_number") or "").strip())  # fmt: skip
            try:
                listed = _day(line.get("listed_date", ""), _("列表日期"))
                written_label = (line.get("listed_date_label") or "").strip()
                row.date_written = _day(line.get("issued", ""), _("成文日期"))
                row.date_published = _day(line.get("published", ""), _("发布日期"))
                if written_label in ("成文日期", "发文日期"):
                    row.date_written = row.date_written or listed
                else:
                    row.date_published = row.date_published or listed
                # Without a 成文日期 the source lists only the publication date: the best
                # estimate of when the document was formed.
                row.date_written = row.date_written or row.date_published
            except ValueError as exc:
                row.refusal = str(exc)
            if row.source:
                row.body = _("本文件据原网站目录导入，原文链接：%(url)s") % {"url": row.source}
            rows.append(row)
        return rows

    def file_rows(self, folder: Path) -> tuple[int, Iterator[Row]]:
        files = sorted(
            p for p in folder.rglob("*")
            if p.is_file() and p.suffix.lower() in FILE_SUFFIXES and not p.name.startswith(".")
        )  # fmt: skip
        return len(files), (self._file_row(p, folder) for p in files)

    def _file_row(self, path: Path, folder: Path) -> Row:
        row = Row(label=str(path.relative_to(folder)))
        try:
            data = path.read_bytes()
            row.source = "sha256:" + hashlib.sha256(data).hexdigest()
            with path.open("rb") as fh:
                kind, text = read_document(fh)
            if kind not in ("txt", "pdf", "docx"):
                raise ExtractionError(_("只支持 TXT、PDF 和 DOCX 公文。"))
        except (OSError, ValidationError, ExtractionError) as exc:
            row.refusal = " ".join(getattr(exc, "messages", None) or [str(exc)])
            return row
        meta = parse_document(text)
        row.title = meta["title"] or ""
        row.doc_number = meta["doc_number"] or ""
        row.issuer_name = meta["issuer"] or ""
        row.recipients = meta["recipients"] or ""
        row.body = meta["body"] or ""
        row.date_written = (
            dt.date.fromisoformat(meta["date_written"]) if meta["date_written"] else None
        )
        return row

    # Deciding --------------------------------------------------------------------------

    def _issuer_of(self, row: Row) -> Agency | None:
        title = row.title
        for n in self.name_lengths:
            agency = self.by_name.get(title[:n])
            if agency is not None:
                return agency
        number = normalize_doc_number(row.doc_number) if row.doc_number else None
        if number:
            return self.by_prefix.get(number.split("〔", 1)[0])
        return None

    def _agencies(self, row: Row) -> tuple[Agency, Agency]:
        """(公开主体, 发文机关) of a row; ValueError(reason) when unknown."""
        default = self.forced or row.agency
        issuer = None
        if row.issuer_name:
            issuer = self.by_name.get(row.issuer_name) or self.by_short.get(row.issuer_name)
            if issuer is None and default is None:
                raise ValueError(_("未知的发文机关：%(name)s") % {"name": row.issuer_name})
        issuer = issuer or self._issuer_of(row)
        if default is None and issuer is None:
            raise ValueError(_("未能识别发文机关，请用 --agency 指定公开主体。"))
        default = default or issuer
        issuer = issuer or default
        if self.forced is None and issuer.path.startswith(default.path):
            return issuer, issuer  # e.g. 办公厅 documents on the provincial government's list
        return default, issuer

    def _import(self, row: Row, report: ImportReport) -> None:
        if row.refusal:
            report.refused.append((row.label, row.title, row.refusal))
            return
        if not row.title:
            report.refused.append((row.label, "", _("缺少标题。")))
            return
        if row.date_written is None:
            report.refused.append((row.label, row.title, _("缺少成文日期。")))
            return
        keys = self._keys(row.doc_number, row.title, row.date_written)
        if (row.source and row.source in self.sources) or any(k in self.keys for k in keys):
            report.duplicates += 1
            return
        try:
            agency, issuer = self._agencies(row)
            record = import_published_record(
                actor=self.actor, agency=agency, issuer=issuer, title=row.title,
                date_written=row.date_written, date_published=row.date_published,
                doc_number=row.doc_number, recipients=row.recipients, body=row.body,
                topic=topic_of_title(row.title), kind=kind_of_title(row.title),
                source=row.source, index=False,
            )  # fmt: skip
        except ValidationError as exc:
            report.refused.append((row.label, row.title, _reason(exc)))
        except (ValueError, PermissionDenied) as exc:
            report.refused.append((row.label, row.title, str(exc) or _("无权导入。")))
        else:
            report.created.append(record.pk)
            self.keys.update(self._keys(record.doc_number, record.title, record.date_written))
            if row.source:
                self.sources.add(row.source)

    def run(self, rows: Iterable[Row], *, total: int | None = None, report=None) -> ImportReport:
        report = report or ImportReport()
        pending: list[Row] = []

        def flush():
            with transaction.atomic():
                for row in pending:
                    self._import(row, report)
            pending.clear()

        done = 0
        for row in rows:
            pending.append(row)
            done += 1
            if len(pending) >= self.batch:
                flush()
            self.progress(done, total)
        flush()
        if self.index and report.created:
            index_records(report.created)
        return report


def import_csv(path, **options) -> ImportReport:
    importer = Importer(**options)
    report = ImportReport()
    rows = importer.csv_rows(Path(path), report)
    return importer.run(rows, total=len(rows), report=report)


def import_folder(path, **options) -> ImportReport:
    importer = Importer(**options)
    total, rows = importer.file_rows(Path(path))
    return importer.run(rows, total=total)
