"""The checks of 网站自查 over one crawl (rules.md §10; 国办秘函〔2019〕19号, docs/sitecheck.md):
what the crawler saw becomes findings, each with the URL it is about. No database here except
the site's identity passed in; `scoring.py` turns the findings into the checklist score."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .choices import FOOTER_ITEMS, GUIDE_ELEMENTS, META_TAGS, Check, Severity
from .crawler import CrawlResult, PageInfo

# Freshness limits (国办秘函〔2019〕19号, 单项否决 栏目不更新): 动态/要闻 columns within 2 weeks,
# 通知公告/政策文件 columns within 6 months; the home page within 2 weeks.
NEWS_WORDS = ("动态", "要闻", "新闻")
NOTICE_WORDS = ("通知公告", "公告", "政策文件")
NEWS_DAYS = 14
NOTICE_MONTHS = 6
OTHER_MONTHS = 12  # "应更新但长期未更新" for the other columns: a year without an item
HOME_DAYS = 14
AVAILABILITY_VETO = 0.05  # ≥ 5 % of the requests not served within 15 s
STALE_MANY = 10
BLANK_MANY = 5
GUIDE_PAGE_MARKER = "事项编码"  # the field every 办事指南 page of the portal shows


def stale_veto_count() -> int:
    """How many stale 动态/要闻/通知公告/政策文件 columns make a veto: rules.md §10 says one;
    the 19号 text says 5 in all. settings.SITECHECK_STALE_VETO_COUNT chooses."""
    return int(getattr(settings, "SITECHECK_STALE_VETO_COUNT", 1))


@dataclass
class FindingData:
    item: str
    severity: str
    message: str
    url: str = ""
    source_url: str = ""
    points: Decimal = Decimal("0")
    data: dict = field(default_factory=dict)


def months_before(day: dt.date, months: int) -> dt.date:
    month, year = day.month - months, day.year
    while month <= 0:
        month += 12
        year -= 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def latest_date(page: PageInfo | None) -> dt.date | None:
    if page is None:
        return None
    days = [d for d in (parse_day(v) for v in page.dates) if d]
    return max(days) if days else None


def column_kind(name: str, kind: str) -> str:
    text = f"{name}{kind}"
    if any(w in text for w in NOTICE_WORDS):
        return "notice"
    if any(w in text for w in NEWS_WORDS):
        return "news"
    return "other"


def column_url(base_url: str, slug: str) -> str:
    try:
        path = reverse("portal:column", args=[slug])
    except NoReverseMatch:
        path = f"/column/{slug}/"
    return base_url.rstrip("/") + path


def column_seeds(columns) -> tuple[str, ...]:
    return tuple(column_url("", slug) for slug, _name, _kind in columns)


def _limit(kind: str, today: dt.date) -> dt.date:
    if kind == "news":
        return today - dt.timedelta(days=NEWS_DAYS)
    if kind == "notice":
        return months_before(today, NOTICE_MONTHS)
    return months_before(today, OTHER_MONTHS)


def check_availability(result: CrawlResult) -> list[FindingData]:
    found = []
    pages = list(result.pages.values())
    failed = [p for p in pages if p.unavailable]
    rate = len(failed) / len(pages) if pages else 0.0
    if pages and rate >= AVAILABILITY_VETO:
        found.append(
            FindingData(
                Check.AVAILABILITY,
                Severity.VETO,
                _("%(n)s 个页面（%(rate).1f%%）在 15 秒内无法打开，达到 5%% 的否决线。")
                % {"n": len(failed), "rate": rate * 100},
                url=result.base_url,
                data={"failed": len(failed), "checked": len(pages)},
            )
        )
    for page in failed:
        found.append(
            FindingData(
                Check.PAGE_FAILED,
                Severity.DEDUCT,
                _("页面无法访问（%(why)s）。")
                % {"why": f"HTTP {page.status}" if page.status else (page.error or "timeout")},
                url=page.url,
                source_url=result.sources.get(page.url, ""),
                points=Decimal("1"),
                data={"status": page.status, "seconds": round(page.elapsed, 2)},
            )
        )
    return found


def check_broken_links(result: CrawlResult) -> list[FindingData]:
    found = []
    home = result.base_url
    for page in result.pages.values():
        if page.unavailable or page.ok:
            continue
        source = result.sources.get(page.url, "")
        found.append(
            FindingData(
                Check.BROKEN_LINK,
                Severity.DEDUCT,
                _("链接无法正常访问（HTTP %(status)s）。") % {"status": page.status},
                url=page.url,
                source_url=source,
                # 首页上的错链每个扣 1 分，其他页面上的每个扣 0.1 分 (docs/sitecheck.md).
                points=Decimal("1") if source == home else Decimal("0.1"),
                data={"status": page.status},
            )
        )
    return found


def check_freshness(
    result: CrawlResult, columns, today: dt.date
) -> tuple[list[FindingData], list[dict]]:
    """Home page and columns: stale, blank; the many-stale and many-blank vetoes."""
    found: list[FindingData] = []
    table: list[dict] = []
    home = result.pages.get(result.base_url)
    home_latest = latest_date(home)
    if (
        home is not None
        and home.ok
        and (home_latest is None or home_latest < today - dt.timedelta(days=HOME_DAYS))
    ):
        found.append(
            FindingData(
                Check.HOME_STALE,
                Severity.VETO,
                _("首页 2 周内没有更新（最近一条信息：%(d)s）。")
                % {"d": home_latest.isoformat() if home_latest else _("无发布日期")},
                url=result.base_url,
            )
        )
    stale_key, stale_all, blank = [], [], []
    for slug, name, kind in columns:
        url = column_url(result.base_url, slug)
        page = result.pages.get(url)
        row = {"slug": slug, "name": name, "kind": kind, "url": url, "latest": None}
        if page is None or not page.ok:
            row["state"] = "unchecked"
            table.append(row)
            continue
        latest = latest_date(page)
        row["latest"] = latest.isoformat() if latest else None
        row["items"] = len(page.item_links)
        kind_key = column_kind(name, kind)
        row["rule"] = kind_key
        if page.empty_column or not page.item_links:
            row["state"] = "blank"
            blank.append(row)
            found.append(
                FindingData(
                    Check.COLUMN_BLANK,
                    Severity.DEDUCT,
                    _("空白栏目：%(name)s 没有任何内容。") % {"name": name},
                    url=url,
                    points=Decimal("2"),
                    data={"column": slug},
                )
            )
        elif latest is None or latest < _limit(kind_key, today):
            row["state"] = "stale"
            stale_all.append(row)
            if kind_key == "other":
                message = _("栏目 %(name)s 一年以上没有更新（最近：%(d)s）。")
            elif kind_key == "news":
                message = _("动态要闻类栏目 %(name)s 2 周内没有更新（最近：%(d)s）。")
            else:
                message = _("通知公告、政策文件类栏目 %(name)s 6 个月内没有更新（最近：%(d)s）。")
            key_column = kind_key != "other"
            if key_column:
                stale_key.append(row)
            found.append(
                FindingData(
                    Check.COLUMN_STALE,
                    Severity.VETO if key_column and stale_veto_count() <= 1 else Severity.DEDUCT,
                    message
                    % {"name": name, "d": latest.isoformat() if latest else _("无发布日期")},
                    url=url,
                    points=Decimal("5") if key_column else Decimal("1"),
                    data={"column": slug, "latest": row["latest"], "rule": kind_key},
                )
            )
        else:
            row["state"] = "fresh"
        table.append(row)
    if len(stale_key) >= stale_veto_count() > 1:
        found.append(
            FindingData(
                Check.STALE_MANY,
                Severity.VETO,
                _("%(n)s 个动态要闻、通知公告、政策文件类栏目未按时更新。") % {"n": len(stale_key)},
                url=result.base_url,
            )
        )
    if len(stale_all) >= STALE_MANY:
        found.append(
            FindingData(
                Check.STALE_MANY,
                Severity.VETO,
                _("%(n)s 个栏目长期未更新（10 个即否决）。") % {"n": len(stale_all)},
                url=result.base_url,
            )
        )
    if len(blank) >= BLANK_MANY:
        found.append(
            FindingData(
                Check.BLANK_MANY,
                Severity.VETO,
                _("%(n)s 个空白栏目（5 个即否决）。") % {"n": len(blank)},
                url=result.base_url,
            )
        )
    return found, table


def check_metadata(result: CrawlResult) -> tuple[list[FindingData], int]:
    """Every article page (a page reached from a column's item list) carries the 12 tags."""
    found, checked = [], 0
    for url in sorted(result.item_targets):
        page = result.pages.get(url)
        if page is None or not page.ok or not page.is_html:
            continue
        checked += 1
        missing = [t for t in META_TAGS if not page.meta.get(t)]
        if missing:
            found.append(
                FindingData(
                    Check.METADATA,
                    Severity.DEDUCT,
                    _("文章页缺少元数据：%(tags)s。") % {"tags": "、".join(missing)},
                    url=url,
                    source_url=result.sources.get(url, ""),
                    points=Decimal("0.5"),
                    data={"missing": missing},
                )
            )
    return found, checked


def check_home_features(result: CrawlResult, identity) -> list[FindingData]:
    """Footer identity items, the 适老化 mode and the 我为政府网站找错 entry on the home page."""
    home = result.pages.get(result.base_url)
    if home is None or not home.ok:
        return []
    found = []
    values = {
        "sponsor": identity.sponsor,
        "id_code": identity.id_code,
        "icp": identity.icp,
        "psb": identity.psb,
        "contact": identity.contact,
    }
    for key, label in FOOTER_ITEMS:
        value = (values.get(key) or "").strip()
        if str(label) not in home.footer_text or not value or value not in home.footer_text:
            found.append(
                FindingData(
                    Check.FOOTER,
                    Severity.DEDUCT,
                    _("页脚缺少“%(label)s”或其内容。") % {"label": label},
                    url=result.base_url,
                    points=Decimal("2"),
                    data={"item": key},
                )
            )
    if not home.elder_link:
        found.append(
            FindingData(
                Check.ELDER_MODE,
                Severity.DEDUCT,
                _("首页没有适老化（长者）模式入口。"),
                url=result.base_url,
                points=Decimal("5"),
            )
        )
    if not home.error_report_link:
        found.append(
            FindingData(
                Check.ERROR_REPORT,
                Severity.DEDUCT,
                _("首页没有“我为政府网站找错”入口。"),
                url=result.base_url,
                points=Decimal("5"),
            )
        )
    return found


def check_guides(result: CrawlResult) -> tuple[list[FindingData], int]:
    found, checked = [], 0
    for page in result.pages.values():
        if not page.ok or not page.is_html or GUIDE_PAGE_MARKER not in page.text:
            continue
        if "办事" not in page.meta.get("ColumnType", "") + page.meta.get("ColumnName", ""):
            continue
        checked += 1
        missing = [str(e) for e in GUIDE_ELEMENTS if str(e) not in page.text]
        if missing:
            found.append(
                FindingData(
                    Check.GUIDE,
                    Severity.DEDUCT,
                    _("办事指南缺少要素：%(items)s。") % {"items": "、".join(missing)},
                    url=page.url,
                    points=Decimal("1"),
                    data={"missing": missing},
                )
            )
    return found, checked


def check_unanswered(items, base_url: str) -> list[FindingData]:
    return [
        FindingData(
            Check.UNANSWERED,
            Severity.VETO,
            _("留言超过 3 个月未答复：%(title)s（%(d)s 提交）。")
            % {"title": item.title[:80], "d": f"{item.date:%Y-%m-%d}" if item.date else "—"},
            url=item.url if item.url.startswith("http") else base_url.rstrip("/") + item.url,
        )
        for item in items
    ]


def analyse(result: CrawlResult, identity, today: dt.date, unanswered=()) -> tuple[list, dict]:
    findings: list[FindingData] = []
    findings += check_availability(result)
    findings += check_broken_links(result)
    fresh, table = check_freshness(result, identity.columns, today)
    findings += fresh
    findings += check_unanswered(unanswered, result.base_url)
    meta, articles = check_metadata(result)
    findings += meta
    findings += check_home_features(result, identity)
    guides, guide_pages = check_guides(result)
    findings += guides
    pages = list(result.pages.values())
    summary = {
        "columns": table,
        "articles_checked": articles,
        "guides_checked": guide_pages,
        "truncated": result.truncated,
        "seconds": result.seconds,
        "slowest": max((round(p.elapsed, 2) for p in pages), default=0),
        "home_latest": str(latest_date(result.pages.get(result.base_url)) or ""),
    }
    return findings, summary
