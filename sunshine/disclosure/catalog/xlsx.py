"""The catalog as an XLSX sheet in the standard column layout (rules.md §2, 国办 standard
guidelines): the header row is exactly

    序号 | 一级事项 | 二级事项 | 公开内容(要素) | 公开依据 | 公开时限 | 公开主体 |
    公开渠道和载体 | 公开对象 | 公开方式 | 公开层级

with the channels and levels as 、-joined text ("政府网站、政府公报"), 公开对象 全社会 / 特定群体
and 公开方式 主动 / 依申请.

Reading is lenient where real files vary and strict where a mistake would be saved: a title
row above the header is skipped; full-width brackets and spaces in the header are ignored;
columns may come in any order; channels may be separated by 、，,； or spaces, or marked with
■/√ in front of each chosen one (□ for the others, as in the printed guidelines); common short
forms are understood (网站, 微信, 乡镇 ...). Anything else unknown is an error naming the row,
the column and the value. Empty 公开对象 / 公开方式 mean 全社会 / 主动."""

import io
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from sunshine.kernel.files.safe_extract.runner import (
    ExtractionError,
    TooLargeError,
    TooManyRowsError,
    read_xlsx_rows,
)
from sunshine.kernel.files.tables import RowError

from .choices import Audience, Channel, Level, Mode, labels
from .validation import clean_item, item_key

COLUMNS = [
    ("number", "序号"),
    ("category", "一级事项"),
    ("subcategory", "二级事项"),
    ("content", "公开内容(要素)"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("subject", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("mode", "公开方式"),
    ("levels", "公开层级"),
]
HEADER = [label for _name, label in COLUMNS]
LABEL_OF = dict(COLUMNS)
REQUIRED_COLUMNS = ("category", "content", "channels")
WIDTHS = [6, 16, 20, 40, 36, 22, 18, 26, 10, 10, 14]
SHEET_TITLE = "主动公开基本目录"
JOIN = "、"

# Header spellings seen in real files -> field.
HEADER_ALIASES = {
    "公开内容": "content",
    "公开内容要素": "content",
    "公开渠道": "channels",
    "公开渠道及载体": "channels",
    "公开载体": "channels",
    "公开层次": "levels",
    "公开事项一级事项": "category",
    "公开事项二级事项": "subcategory",
}
CHANNEL_ALIASES = {
    "网站": Channel.WEBSITE,
    "门户网站": Channel.WEBSITE,
    "政府门户网站": Channel.WEBSITE,
    "部门网站": Channel.WEBSITE,
    "公报": Channel.GAZETTE,
    "微博": Channel.NEW_MEDIA,
    "微信": Channel.NEW_MEDIA,
    "客户端": Channel.NEW_MEDIA,
    "政务新媒体": Channel.NEW_MEDIA,
    "政务微博": Channel.NEW_MEDIA,
    "政务微信": Channel.NEW_MEDIA,
    "发布会": Channel.PRESS,
    "听证会": Channel.PRESS,
    "新闻发布会": Channel.PRESS,
    "广播": Channel.BROADCAST,
    "电视": Channel.BROADCAST,
    "报刊": Channel.PRINT,
    "报纸": Channel.PRINT,
    "查阅点": Channel.READING_POINT,
    "政务服务大厅": Channel.SERVICE_CENTER,
    "便民服务点": Channel.SERVICE_STATION,
    "入户": Channel.ON_SITE,
    "现场": Channel.ON_SITE,
    "公示栏": Channel.NOTICE_BOARD,
    "公开栏": Channel.NOTICE_BOARD,
    "村务公开栏": Channel.NOTICE_BOARD,
    "社区公示栏": Channel.NOTICE_BOARD,
    "村公示栏": Channel.NOTICE_BOARD,
}
LEVEL_ALIASES = {
    "市": Level.CITY,
    "地市级": Level.CITY,
    "市本级": Level.CITY,
    "县": Level.COUNTY,
    "区": Level.COUNTY,
    "县区": Level.COUNTY,
    "区县": Level.COUNTY,
    "县(区)级": Level.COUNTY,
    "乡": Level.TOWNSHIP,
    "镇": Level.TOWNSHIP,
    "乡镇": Level.TOWNSHIP,
    "街道": Level.TOWNSHIP,
    "乡镇(街道)": Level.TOWNSHIP,
    "乡(镇)级": Level.TOWNSHIP,
}
AUDIENCE_TEXT = {"全社会": Audience.PUBLIC, "特定群体": Audience.SPECIFIC}
MODE_TEXT = {
    "主动": Mode.PROACTIVE,
    "主动公开": Mode.PROACTIVE,
    "依申请": Mode.ON_REQUEST,
    "依申请公开": Mode.ON_REQUEST,
}
_MARKS = "■☑√✓✔"
_MARKED = re.compile(rf"[{_MARKS}]\s*([^{_MARKS}□☐、，,；;\s]+)")
_SEPARATORS = re.compile(r"[、，,；;\s]+")


@dataclass
class ParsedRow:
    row: int
    values: dict  # cleaned item fields (validation.clean_item)


# --- Writing -----------------------------------------------------------------------------


def item_cells(item) -> list[str]:
    return [
        item.number,
        item.category,
        item.subcategory,
        item.content,
        item.basis,
        item.time_limit,
        item.subject,
        JOIN.join(labels(item.channels, Channel)),
        str(item.get_audience_display()),
        str(item.get_mode_display()),
        JOIN.join(labels(item.levels, Level)),
    ]


def export_workbook(items, *, progress=None) -> bytes:
    """The items (in their order) as an XLSX file: the header row, then one row each;
    `progress(rows written)` is called every 500 rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for count, item in enumerate(items, start=1):
        sheet.append(item_cells(item))
        if progress is not None and count % 500 == 0:
            progress(count)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Reading -----------------------------------------------------------------------------


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_field(text: str) -> str | None:
    plain = _plain(text).replace("（", "(").replace("）", ")")
    for name, label in COLUMNS:
        if plain == label:
            return name
    return HEADER_ALIASES.get(plain.replace("(", "").replace(")", ""))


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").strip()
    if any(mark in text for mark in _MARKS):
        return _MARKED.findall(text)
    return [t for t in _SEPARATORS.split(text) if t and t not in "□☐"]


def parse_set(text: str, choices, aliases: dict) -> tuple[list[str], list[str]]:
    """(codes, unknown words) of a 、-joined set such as "政府网站、政府公报"."""
    by_label = {_plain(str(label)): code for code, label in choices.choices}
    by_label.update({_plain(k): str(v) for k, v in aliases.items()})
    codes, unknown = [], []
    for token in _tokens(text):
        code = by_label.get(_plain(token))
        if code is None and "/" in token:  # "政府网站/政府公报"
            parts = [by_label.get(_plain(p)) for p in token.split("/")]
            if all(parts):
                codes.extend(parts)
                continue
        if code is None:
            unknown.append(token)
        else:
            codes.append(code)
    return codes, unknown


def _find_header(rows: list[tuple]) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(rows[:10]):
        fields = {i: _header_field(_cell_text(v)) for i, v in enumerate(row)}
        fields = {i: f for i, f in fields.items() if f}
        if {"category", "content"} <= set(fields.values()):
            return index, fields
    return None


def _one_of(text: str, table: dict, column: str, row: int, errors: list) -> str:
    plain = _plain(text)
    if not plain:
        return ""
    value = table.get(plain)
    if value is None:
        options = "、".join(dict.fromkeys(str(v.label) for v in table.values()))
        errors.append(
            RowError(row, column, _("无法识别“%(v)s”，应为：%(o)s") % {"v": text, "o": options})
        )
        return ""
    return str(value)


def _parse_row(number: int, raw: dict, errors: list[RowError]) -> dict | None:
    found: list[RowError] = []
    values = {name: raw.get(name, "") for name in ("number", "category", "subcategory")}
    values.update({name: raw.get(name, "") for name in ("content", "basis", "time_limit")})
    values["subject"] = raw.get("subject", "")
    for name, choices, aliases in (
        ("channels", Channel, CHANNEL_ALIASES),
        ("levels", Level, LEVEL_ALIASES),
    ):
        codes, unknown = parse_set(raw.get(name, ""), choices, aliases)
        for word in unknown:
            found.append(RowError(number, LABEL_OF[name], _("未知的选项“%(v)s”") % {"v": word}))
        values[name] = codes
    values["audience"] = _one_of(
        raw.get("audience", ""), AUDIENCE_TEXT, LABEL_OF["audience"], number, found
    )
    values["mode"] = _one_of(raw.get("mode", ""), MODE_TEXT, LABEL_OF["mode"], number, found)
    try:
        cleaned = clean_item(values)
    except ValidationError as exc:
        reported = {e.column for e in found}
        for field, messages in exc.message_dict.items():
            column = LABEL_OF.get(field, field)
            if column not in reported:  # an unknown channel already says why it is empty
                found.extend(RowError(number, column, m) for m in messages)
        cleaned = None
    errors.extend(found)
    return None if found else cleaned


def read_workbook(fileobj, *, max_rows: int = 100_000, progress=None, checked=None):
    """Every data row of the first sheet, cleaned, and every problem found (all rows are
    checked: the caller saves nothing unless the error list is empty). The file is read by
    the kernel's bounded extraction (a separate, resource-limited process): TooLargeError or
    TooManyRowsError (past `max_rows` rows) are raised as they come; `progress(rows read)` is
    called now and then while reading, `checked(rows checked)` every 1,000 rows after."""
    data = fileobj.read() if hasattr(fileobj, "read") else bytes(fileobj)
    try:
        rows = read_xlsx_rows(data, max_rows=max_rows, progress=progress)
    except (TooLargeError, TooManyRowsError):
        raise
    except ExtractionError:
        return [], [RowError(1, "", _("无法读取该XLSX文件，文件可能已损坏。"))]
    header = _find_header(rows)
    if header is None:
        return [], [RowError(1, "", _("未找到表头。表头应为：%(h)s") % {"h": " | ".join(HEADER)})]
    header_index, fields = header
    missing = [LABEL_OF[f] for f in REQUIRED_COLUMNS if f not in fields.values()]
    if missing:
        message = _("缺少列：%(cols)s") % {"cols": "、".join(missing)}
        return [], [RowError(header_index + 1, "", message)]
    parsed, errors = [], []
    seen: dict[tuple, int] = {}
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if checked is not None and offset % 1000 == 0:
            checked(offset)
        raw = {fields[i]: _cell_text(v) for i, v in enumerate(row) if i in fields}
        if not any(raw.values()):
            continue
        cleaned = _parse_row(offset, raw, errors)
        key = item_key(raw.get("category", ""), raw.get("subcategory", ""), raw.get("content", ""))
        if key in seen and key[0] and key[2]:
            message = _("与第 %(n)s 行重复（一级事项、二级事项、公开内容均相同）") % {
                "n": seen[key]
            }
            errors.append(RowError(offset, LABEL_OF["category"], message))
            continue
        seen.setdefault(key, offset)
        if cleaned is not None:
            parsed.append(ParsedRow(offset, cleaned))
    return parsed, errors
