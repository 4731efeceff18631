"""Import of message-board exports in the taidi2020 format (留言编号, 留言用户, 留言主题, 留言时间,
留言详情, and optionally 点赞数/反对数, 答复意见/答复时间, 一级分类): text stripped, Beijing
times parsed, the category predicted where missing (the shipped classifier, in batches), the
handling agency suggested from the category, then `import_historical_message` row by row
(idempotent by 留言编号). Rows that cannot be imported are reported with their reason; the
others are imported anyway. One audit event per file."""

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel.audit.services import record_event

from .classifier import ModelError, predict_categories, suggest_agency
from .historical import import_historical_message
from .models import MessageSource
from .suggestions import agency_for_department, receiving_office

ID, USER, SUBJECT, TIME, BODY = "留言编号", "留言用户", "留言主题", "留言时间", "留言详情"
UP, DOWN, REPLY, REPLY_TIME, CATEGORY = "点赞数", "反对数", "答复意见", "答复时间", "一级分类"
REQUIRED = (ID, SUBJECT, TIME, BODY)
BEIJING = ZoneInfo("Asia/Shanghai")
_TIME_RE = re.compile(
    r"^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)
BATCH = 500


class ImportFileError(Exception):
    """The file cannot be read at all (missing, not UTF-8, a required column missing)."""


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    existing: int = 0
    predicted: int = 0
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # (line, 留言编号, why)

    def add(self, other: "ImportSummary") -> None:
        self.rows += other.rows
        self.created += other.created
        self.existing += other.existing
        self.predicted += other.predicted
        self.refused += other.refused


def clean_text(text: str) -> str:
    """Leading/trailing whitespace and full-width spaces of every line go; empty lines go."""
    lines = [line.replace("\u3000", " ").strip() for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line)


def parse_time(value: str) -> dt.datetime | None:
    """'YYYY/M/D H:MM:SS' (or date only, or ISO) in Beijing time → aware datetime."""
    match = _TIME_RE.match(value or "")
    if not match:
        return None
    y, m, d, hh, mm, ss = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(y, m, d, hh, mm, ss, tzinfo=BEIJING)
    except ValueError:
        return None


def _int(value: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return 0
    try:
        number = int(float(value))
    except ValueError:
        return None
    return number if number >= 0 else None


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportFileError(
            _("无法读取文件 %(path)s：%(error)s") % {"path": path, "error": exc}
        ) from exc
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            _("文件 %(path)s 缺少列：%(columns)s") % {"path": path, "columns": "、".join(missing)}
        )
    return header, rows


@dataclass
class _Prepared:
    line: int
    external_id: str
    fields: dict


def _prepare(rows: list[dict], summary: ImportSummary) -> list[_Prepared]:
    prepared = []
    for line, row in enumerate(rows, start=2):
        external_id = (row.get(ID) or "").strip()
        subject, body = clean_text(row.get(SUBJECT)), clean_text(row.get(BODY))
        submitted = parse_time(row.get(TIME))
        reply = clean_text(row.get(REPLY) or "")
        replied = parse_time(row.get(REPLY_TIME) or "") if row.get(REPLY_TIME) else None
        up, down = _int(row.get(UP)), _int(row.get(DOWN))
        problem = ""
        if not external_id:
            problem = _("缺少留言编号")
        elif not subject and not body:
            problem = _("留言主题和留言详情均为空")
        elif submitted is None:
            problem = _("留言时间无法识别：%(value)s") % {"value": row.get(TIME) or ""}
        elif reply and row.get(REPLY_TIME) and replied is None:
            problem = _("答复时间无法识别：%(value)s") % {"value": row.get(REPLY_TIME)}
        elif replied is not None and replied.date() < submitted.date():
            problem = _("答复时间早于留言时间")
        elif up is None or down is None:
            problem = _("点赞数或反对数不是非负整数")
        if problem:
            summary.refused.append((line, external_id, problem))
            continue
        prepared.append(
            _Prepared(
                line,
                external_id,
                {
                    "external_id": external_id,
                    "subject": subject,
                    "body": body,
                    "submitted_at": submitted,
                    "author_label": (row.get(USER) or "").strip(),
                    "category": (row.get(CATEGORY) or "").strip(),
                    "reply_body": reply,
                    "replied_at": replied if reply else None,
                    "votes_up": up,
                    "votes_down": down,
                },
            )
        )
    return prepared


class _Router:
    """Category → agency, looked up once per category."""

    def __init__(self):
        self.office = receiving_office()
        self._cache: dict[str, object] = {}

    def agency(self, category: str):
        if category not in self._cache:
            self._cache[category] = agency_for_department(
                suggest_agency(category) if category else "", office=self.office
            )
        return self._cache[category]


def import_rows(
    rows: list[dict],
    *,
    source: str = MessageSource.IMPORT,
    predict: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import parsed CSV rows (dicts keyed by the Chinese headers)."""
    summary = ImportSummary(rows=len(rows))
    prepared = _prepare(rows, summary)
    router = _Router()
    for start in range(0, len(prepared), BATCH):
        batch = prepared[start : start + BATCH]
        missing = [p for p in batch if not p.fields["category"]]
        if predict and missing:
            try:
                labels = predict_categories(
                    [(p.fields["subject"], p.fields["body"]) for p in missing]
                )
            except ModelError:
                labels = [("", 0.0)] * len(missing)
            for p, (label, _probability) in zip(missing, labels, strict=True):
                if label:
                    p.fields["category"] = label
                    summary.predicted += 1
        with transaction.atomic():  # one commit per batch; each row is a savepoint
            _import_batch(batch, source, router, summary)
        if progress:
            progress(min(start + BATCH, len(prepared)), len(prepared))
    return summary


def _import_batch(batch, source, router, summary) -> None:
    for p in batch:
        agency = router.agency(p.fields["category"])
        if p.fields["reply_body"] and agency is None:
            summary.refused.append((p.line, p.external_id, _("没有可答复的承办单位")))
            continue
        try:
            _message, created = import_historical_message(source=source, agency=agency, **p.fields)
        except ValidationError as exc:
            summary.refused.append((p.line, p.external_id, "；".join(exc.messages)))
            continue
        if created:
            summary.created += 1
        else:
            summary.existing += 1


def import_files(
    paths: Iterable[Path],
    *,
    actor=None,
    predict: bool = True,
    progress: Callable[[Path, int, int], None] | None = None,
) -> dict[Path, ImportSummary]:
    """Import each file; one audit event per file with its summary."""
    results = {}
    for path in paths:
        _header, rows = read_rows(Path(path))
        summary = import_rows(
            rows,
            predict=predict,
            progress=(lambda done, total, p=path: progress(p, done, total)) if progress else None,
        )
        record_event(
            action="message.import",
            actor=actor,
            obj=None,
            summary=_("导入历史留言 %(name)s") % {"name": Path(path).name},
            data={
                "file": Path(path).name,
                "rows": summary.rows,
                "created": summary.created,
                "existing": summary.existing,
                "refused": len(summary.refused),
            },
        )
        results[Path(path)] = summary
    return results
