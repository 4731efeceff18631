"""The trading platform feed format (docs/trading.md): one row per announcement, the project's
fields repeated on each of its rows, as a CSV file (UTF-8, a BOM allowed, a header row) or JSON
(an array of objects, or an object with "items"). `read_feed` turns the bytes into raw rows;
`clean_row` checks one row and returns its values or the list of problems, each naming the
column."""

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.orgs.codes import validate_credit_code

from .choices import (
    CODE_MAX,
    SOURCE_ID_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AnnouncementKind,
    TradeCategory,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20000

# (column, required, max length) — the order of the documented CSV header.
COLUMNS = (
    ("project_id", True, SOURCE_ID_MAX),
    ("project_code", True, CODE_MAX),
    ("project_title", True, TITLE_MAX),
    ("category", True, 40),
    ("tenderer", True, 200),
    ("agent", False, 200),
    ("budget", False, 30),
    ("region", False, 100),
    ("supervisor_code", True, 40),
    ("notice_id", True, SOURCE_ID_MAX),
    ("version", False, 10),
    ("notice_type", True, 40),
    ("notice_title", True, TITLE_MAX),
    ("published_on", True, 10),
    ("amount", False, 30),
    ("winner", False, 200),
    ("winner_credit_code", False, 18),
    ("url", False, 500),
    ("body", False, TEXT_MAX),
)
COLUMN_NAMES = [c[0] for c in COLUMNS]

CATEGORY_ALIASES = {
    **{c.value: c.value for c in TradeCategory},
    **{str(c.label): c.value for c in TradeCategory},
    "工程建设项目": TradeCategory.ENGINEERING,
    "土地矿业权": TradeCategory.LAND_MINERAL,
    "土地使用权出让": TradeCategory.LAND_MINERAL,
    "矿业权出让": TradeCategory.LAND_MINERAL,
    "国有产权": TradeCategory.STATE_PROPERTY,
}
KIND_ALIASES = {
    **{k.value: k.value for k in AnnouncementKind},
    **{str(k.label): k.value for k in AnnouncementKind},
    "招标公告": AnnouncementKind.TENDER,
    "采购公告": AnnouncementKind.TENDER,
    "出让公告": AnnouncementKind.TENDER,
    "挂牌公告": AnnouncementKind.TENDER,
    "变更公告": AnnouncementKind.CHANGE,
    "更正公告": AnnouncementKind.CHANGE,
    "中标结果公示": AnnouncementKind.RESULT,
    "中标候选人公示": AnnouncementKind.RESULT,
    "成交结果公示": AnnouncementKind.RESULT,
    "中标公告": AnnouncementKind.RESULT,
    "成交公告": AnnouncementKind.RESULT,
    "结果公示": AnnouncementKind.RESULT,
    "合同公开": AnnouncementKind.CONTRACT,
    "合同公告": AnnouncementKind.CONTRACT,
}


@dataclass
class CleanRow:
    line: int
    project: dict  # platform's project id, code, title, ...
    notice: dict  # notice id, version, kind, ...
    supervisor_code: str

    @property
    def content_hash(self) -> str:
        payload = json.dumps(
            {"p": self.project, "n": self.notice, "s": self.supervisor_code},
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


class RowProblems(Exception):
    def __init__(self, line: int, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.line, self.problems = line, problems


def read_feed(data: bytes, fmt: str) -> list[dict]:
    """Raw rows (dicts of text) from a feed's bytes; ValidationError when the file as a whole
    cannot be read (encoding, syntax, no header, too large)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("文件超过 %(n)s MB。") % {"n": MAX_BYTES // (1024 * 1024)})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("文件不是 UTF-8 编码的文本。")) from None
    if fmt == "json":
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("JSON 格式错误（第 %(l)s 行第 %(c)s 列）。") % {"l": exc.lineno, "c": exc.colno}
            ) from None
        items = parsed.get("items") if isinstance(parsed, dict) else parsed
        if not isinstance(items, list):
            raise ValidationError(_("JSON 应为公告数组，或含 items 数组的对象。"))
        rows = [i if isinstance(i, dict) else {"__bad__": True} for i in items]
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c, required, _m in COLUMNS if required and c not in header]
        if missing:
            raise ValidationError(_("CSV 表头缺少列：%(cols)s。") % {"cols": "、".join(missing)})
        reader.fieldnames = header
        rows = list(reader)
    else:
        raise ValidationError(_("不支持的格式：%(f)s（应为 CSV 或 JSON）。") % {"f": fmt})
    if not rows:
        raise ValidationError(_("文件中没有公告。"))
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("一次最多导入 %(n)s 条公告。") % {"n": MAX_ROWS})
    return rows


def _money(value: str, column: str, problems: list) -> Decimal | None:
    text = value.replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        problems.append((column, _("金额应为数字（单位：元）。")))
        return None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e14"):
        problems.append((column, _("金额应为不小于 0 的数字（单位：元）。")))
        return None
    return amount.quantize(Decimal("0.01"))


def clean_row(raw: dict, line: int) -> CleanRow:
    """The row's values, or RowProblems listing every problem (column, message)."""
    if raw.get("__bad__"):
        raise RowProblems(line, [("", _("该条不是对象。"))])
    problems: list[tuple[str, str]] = []
    v: dict[str, str] = {}
    for name, required, max_length in COLUMNS:
        value = raw.get(name)
        text = "" if value is None else str(value).strip()
        if required and not text:
            problems.append((name, _("此项必填。")))
        elif len(text) > max_length:
            problems.append((name, _("不能超过%(n)s个字。") % {"n": max_length}))
        elif name != "url" and contains_markup(text):
            problems.append((name, _("不能包含网页代码（HTML）。")))
        v[name] = text
    category = CATEGORY_ALIASES.get(v["category"])
    if v["category"] and category is None:
        problems.append(("category", _("交易类别应为：工程建设、政府采购、土地使用权和矿业权出让、国有产权交易。")))  # fmt: skip
    kind = KIND_ALIASES.get(v["notice_type"])
    if v["notice_type"] and kind is None:
        problems.append(("notice_type", _("公告类型应为：招标/采购公告、变更公告、中标/成交结果公示、合同公开。")))  # fmt: skip
    published = None
    if v["published_on"]:
        try:
            published = dt.date.fromisoformat(v["published_on"])
        except ValueError:
            problems.append(("published_on", _("日期格式应为 YYYY-MM-DD。")))
    version = 1
    if v["version"]:
        if not v["version"].isdigit() or not 0 < int(v["version"]) < 10**9:
            problems.append(("version", _("版本应为正整数。")))
        else:
            version = int(v["version"])
    budget = _money(v["budget"], "budget", problems)
    amount = _money(v["amount"], "amount", problems)
    code = v["winner_credit_code"].upper()
    if code:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            problems.append(("winner_credit_code", exc.messages[0]))
    if v["url"] and not re.match(r"^https?://\S+$", v["url"]):
        problems.append(("url", _("原文链接应以 http:// 或 https:// 开头。")))
    if problems:
        raise RowProblems(line, problems)
    return CleanRow(
        line=line,
        supervisor_code=v["supervisor_code"],
        project={
            "source_id": v["project_id"],
            "code": v["project_code"],
            "title": v["project_title"],
            "category": str(category),
            "tenderer": v["tenderer"],
            "agent": v["agent"],
            "budget": budget,
            "region": v["region"],
        },
        notice={
            "source_id": v["notice_id"],
            "version": version,
            "kind": str(kind),
            "title": v["notice_title"],
            "published_on": published,
            "amount": amount,
            "winner": v["winner"],
            "winner_credit_code": code,
            "url": v["url"],
            "body": v["body"],
        },
    )
