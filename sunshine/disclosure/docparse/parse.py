"""Metadata of a government document (公文) from its text, by rules (GB/T 9704-2012 layout):

    [XX文件]            版头 (red header, optional)
    粤府办〔2016〕1号     发文字号 (optional; above or below the title)
    XX关于……的通知       标题 (one to four lines)
    各地级以上市……：      主送机关 (ends with a colon, may wrap)
    正文……
    XX办公厅             署名 (signature; often a short form: 省府办公厅)
    2016年12月12日       成文日期
    （此件公开发布）/ 抄送 / 印发   版记 (not body)

`parse_document(text)` returns title, issuer, doc_number (canonical 〔〕 form), recipients,
date_written (ISO), body (paragraphs joined by "\\n"). Every part is optional: scraped pages
often start at the recipients or at the body. Pure functions, no database."""

import re

from .dates import date_line
from .docnumber import doc_number_of_line
from .layout import (
    LIST_MARKER,
    Line,
    full_width_of,
    group_paragraphs,
    paragraph_text,
    split_lines,
    tidy,
)

HEADER_SCAN = 12  # the title, 文号 and recipients are within the first lines
DOC_TYPES = (
    "通知|通报|意见|决定|办法|规定|规则|条例|细则|公告|通告|批复|函|报告|请示|方案|计划|纪要|要点"
    "|令|决议|命令|议案|指引|指南|标准|规划|纲要|公报|意见书|复函|答复"
)
_DOC_TYPE_END = re.compile(rf"(?:(?:{DOC_TYPES})(?:[（(][^（()）]*[）)])?|令第\d+号)$")
ORG_SUFFIX = (
    "人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|院|署|会|办|处|司|中心|银行|总队|支队|公司|集团"
    "|机关|机构|部门|单位|学校|高校|大学|组织|分局|分行|街道|镇|乡|村|区|县|市|省|站|所|社|室|馆"
    "|首席专家|专家|协会|学会|党组|党委"
)
_ORG_END = re.compile(rf"(?:{ORG_SUFFIX})$")
_LABEL = re.compile(
    r"^(?:签发人|附件|附|发文单位|发文机关|文号|联系人|联系电话|电话|传真|地址|邮编|主题词|抄送|抄报"
    r"|发布日期|成文日期|发布时间|索引号|分类|主题分类|公开方式|来源|时间|字号)[:：]"
)
# A line ending with a colon that is a sentence, not an address (现将有关事项通知如下：).
_NOT_RECIPIENTS = re.compile(
    r"如下|决定|现将|指出|强调|要求|表示|认为|通知|公告|^(?:为了|为贯彻|根据|按照|经.{0,12}同意|经研究)"
)
_ISSUER_FROM_TITLE = re.compile(r"^(?P<issuer>.{2,60}?)(?:关于|印发|转发|批转|联合)")
_ISSUER_FROM_ORDER = re.compile(r"^(?P<issuer>[^（(《]{2,40}?)令(?:$|[（(第])")
_ORDER_IN_BRACKETS = re.compile(r"[（(](?P<issuer>[^（(《》）)]{2,30}?)令第\d+号")
_ORDER_NUMBER = re.compile(r"^[（(]?\d{4}年第\d+号[）)]?$")  # 令 number line: 2018 年 第 2 号
_ABBREVIATED = re.compile(r"^(?:省|市|区|县|州|盟|旗|自治区|本)")
_RED_HEADER = re.compile(r"^(?P<issuer>.{2,60}?)(?:文件|函|公报)$")
_CLOSING_NOTES = re.compile(
    r"^[（(]此件[^）)]*[）)]$|^(?:抄送|抄报|发送|分送)[:：]|印发$|^公开方式[:：]|^[（(]?联系人[:：]"
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_recipients_end(line: Line) -> bool:
    """A line ending with a colon that addresses organisations (各地级以上市人民政府，……：)."""
    if line.last not in "：:" or _LABEL.match(line.text):
        return False
    head = _compact(line.text[:-1])
    if not head or "。" in head or len(head) > 200:
        return False
    last_part = re.split(r"[，,、；;]", head)[-1]
    if _NOT_RECIPIENTS.search(head):
        return False
    return bool(_ORG_END.search(last_part)) or head.startswith(("各", "有关", "你"))


def _is_titleish(line: Line) -> bool:
    text = line.text
    return (
        bool(text)
        and not _ORDER_NUMBER.match(_compact(text))
        and line.last not in "。；;：:，,"
        and not _LABEL.match(text)
        and doc_number_of_line(text) is None
        and date_line(text) is None
        and len(_compact(text)) <= 60
    )


def _find_recipients(lines: list[Line], width: int | None) -> tuple[int, int] | None:
    """(first, last) line indexes of the recipients block."""
    for end in range(min(len(lines), HEADER_SCAN)):
        if not _is_recipients_end(lines[end]):
            continue
        start = end
        while start > 0:
            before = lines[start - 1]
            wrapped = width is not None and before.width >= 0.85 * width
            if _DOC_TYPE_END.search(_compact(before.text)) or "关于" in before.text:
                break
            if doc_number_of_line(before.text) or before.last in "。：:":
                break
            if not (wrapped or before.last in "，,、；;"):
                break
            start -= 1
        return start, end
    return None


def _title_block(lines: list[Line], stop: int, *, strict: bool) -> tuple[str | None, int]:
    """The title: the run of title-like lines just above `stop` (skipping the 文号 and the
    red header). Returns (title, index of its first line)."""
    i = stop - 1
    while i >= 0 and not _is_titleish(lines[i]):
        if i < stop - 3:
            return None, stop
        i -= 1
    end = i
    while i >= 0 and end - i < 4 and _is_titleish(lines[i]):
        if _RED_HEADER.match(_compact(lines[i].text)) and i < end:
            break
        i -= 1
    first = i + 1
    if first > end:
        return None, stop
    title = tidy("".join(_compact(line.text) for line in lines[first : end + 1]), hard_wrapped=True)
    if _RED_HEADER.match(title) and first == end and end > 0:
        return None, stop
    if strict and not (_DOC_TYPE_END.search(title) or "关于" in title):
        return None, stop
    return title, first


def _top_title(lines: list[Line]) -> tuple[str | None, int]:
    """Without recipients (公告, 令, a body-only page): the title-like lines at the top."""
    stop = 0
    while stop < min(len(lines), 5) and (
        _is_titleish(lines[stop]) or doc_number_of_line(lines[stop].text)
    ):
        if LIST_MARKER.match(lines[stop].text):
            break
        stop += 1
    title, first = _title_block(lines, stop, strict=True)
    return title, (stop if title else 0)


def _doc_number(lines: list[Line], upto: int) -> str | None:
    for line in lines[: max(upto, 0) + 3][:HEADER_SCAN]:
        number = doc_number_of_line(line.text)
        if number:
            return number
    return None


def _closing(lines: list[Line], start: int) -> tuple[int, int, str | None] | None:
    """(signature first line, date line, date ISO) of the first 成文日期 line after `start`."""
    for i in range(start, len(lines)):
        value = date_line(lines[i].text)
        if value is None:
            continue
        first = i
        while first > start and i - first < 4:
            before = lines[first - 1]
            text = _compact(before.text)
            if (
                len(text) > 30
                or before.last in "。；;，,：:!！?？"
                or LIST_MARKER.match(before.text)
                or not _ORG_END.search(text.replace("（印章）", ""))
            ):
                break
            first -= 1
        return first, i, value.isoformat()
    return None


def _issuer_of_title(title: str | None) -> str | None:
    """XX of "XX关于……的通知", "XX印发……", "XX令", "……（XX令第N号）"."""
    if not title:
        return None
    for pattern in (_ISSUER_FROM_TITLE, _ISSUER_FROM_ORDER, _ORDER_IN_BRACKETS):
        match = pattern.search(title) if pattern is _ORDER_IN_BRACKETS else pattern.match(title)
        if not match:
            continue
        issuer = match["issuer"]
        if issuer.startswith(("批转", "转发", "印发")) or re.search(r"[《》（）()“”]", issuer):
            continue  # "批转XX关于……": the issuer is not in the title
        if _ORG_END.search(issuer):
            return issuer
    return None


def _issuer(title: str | None, header: list[Line], signature: list[Line]) -> str | None:
    """From the title (the full name), else the red header, else the signature. A title
    that names its issuer by a short form (省政府办公厅) yields to a full signature
    (江苏省人民政府办公厅)."""
    names = [_compact(line.text).replace("（印章）", "") for line in signature]
    signed = "、".join(n for n in names if n) or None
    from_title = _issuer_of_title(title)
    if from_title:
        if _ABBREVIATED.match(from_title) and signed and not _ABBREVIATED.match(signed):
            return signed
        return from_title
    for line in header:
        match = _RED_HEADER.match(_compact(line.text))
        if match and _ORG_END.search(match["issuer"]):
            return match["issuer"]
    return signed


def parse_document(text: str) -> dict:
    """title, issuer, doc_number, recipients, date_written, body of a document's text."""
    lines = split_lines(text)
    width = full_width_of(lines)
    hard = width is not None
    recipients_span = _find_recipients(lines, width)
    if recipients_span:
        title, title_first = _title_block(lines, recipients_span[0], strict=False)
        body_start = recipients_span[1] + 1
        recipients = paragraph_text(
            lines[recipients_span[0] : recipients_span[1] + 1], hard_wrapped=hard
        ).rstrip("：:")
    else:
        title, body_start = _top_title(lines)
        title_first, recipients = 0, None
    doc_number = _doc_number(lines, body_start)
    closing = _closing(lines, body_start)
    if closing:
        sig_first, date_index, date_written = closing
        signature = lines[sig_first:date_index]
        body_lines = lines[body_start:sig_first] + [
            line for line in lines[date_index + 1 :] if not _CLOSING_NOTES.search(line.text)
        ]
    else:
        signature, date_written, body_lines = [], None, lines[body_start:]
    while body_lines and doc_number_of_line(body_lines[0].text):  # 文号 under the recipients
        body_lines = body_lines[1:]
    body = [
        paragraph_text(group, hard_wrapped=hard) for group in group_paragraphs(body_lines, width)
    ]
    return {
        "title": title,
        "issuer": _issuer(title, lines[: max(title_first, 0)], signature),
        "doc_number": doc_number,
        "recipients": recipients,
        "date_written": date_written,
        "body": "\n".join(p for p in body if p),
    }
