"""The home page's own lists, beside the site's columns: what a citizen of a provincial portal
expects there (广东省人民政府门户网站: 要闻, 政务公开, 办事服务, 互动交流, 专题, 数据开放).

Each list is a column provider under a `home-…` slug (columns.py), so its items live in the
same snapshot table as the columns' and the home page still reads everything in one query.
Items carry what makes their date mean something: a consultation its 截止日期 (`ends`), a
briefing its time (future ones are shown as 预告, never as news), a service item its agency.

The 要闻 carousel is composed at render time from the first item of several lists, each with
an illustration of its kind (static SVG files, with alt text)."""

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.kernel import clock
from sunshine.kernel.sites.scope import within_site
from sunshine.opendata.datasets.selectors import published as published_datasets
from sunshine.participation.briefings.selectors import public_briefings
from sunshine.participation.consultations.selectors import public_consultations
from sunshine.servicehall.catalog.indexing import item_url
from sunshine.servicehall.catalog.selectors import public_items, themes

from .columns import ColumnItem, column_entries, register_column_provider
from .messages.providers import latest_messages

CONSULTATIONS = "home-zj"  # 征集: consultations open now (or about to open)
BRIEFINGS = "home-ft"  # 访谈 and 发布会: upcoming first, then the latest held
SERVICES = "home-bs"  # 热门事项: the most applied-for items of the last 90 days
THEMES = "home-zt"  # 办事主题 for persons
DATASETS = "home-sj"  # 数据开放: the newest datasets
MESSAGES = "home-ly"  # 留言: the latest published letters and replies
POPULAR_DAYS = 90

HOME_SLUGS = (CONSULTATIONS, BRIEFINGS, SERVICES, THEMES, DATASETS, MESSAGES)

# The standard columns the home page lays out itself; any other column of a site gets a plain
# block (when it has items).
LAID_OUT = {"zwgk", "zcwj", "zcjd", "hdjl", "bsfw", "sjkf", "xwfb"}

# 专题: (url name, label, one line). A feature that is not installed is left out.
SPECIALS = [
    ("portal:keyitems_list", _("重点领域信息公开"), _("民生实事、重大项目、财政资金")),
    ("portal:decisions_catalogs", _("重大行政决策"), _("决策事项目录、草案、解读")),
    ("portal:gazette_index", _("政府公报"), _("规章和规范性文件的标准文本")),
    ("portal:enforcement_list", _("行政执法公示"), _("行政许可和行政处罚双公示")),
    ("portal:powers_list", _("权责清单"), _("行政职权和责任事项")),
    ("portal:spotchecks_list", _("双随机、一公开"), _("抽查计划和抽查结果")),
    ("portal:trading_list", _("公共资源交易"), _("交易公告和结果公示")),
    ("portal:clockboard", _("办理时限看板"), _("各机关按期办结情况")),
]

# 要闻 slides: (list slug, illustration, its alt text, tag). The first item of each list that
# has one becomes a slide; past briefings only (a future one is an announcement, not news).
SLIDE_IMAGES = {
    "zcjd": ("img/portal/yw-interpretation.svg", _("插图：放大镜下的政策文件"), _("政策解读")),
    "zcwj": ("img/portal/yw-policy.svg", _("插图：盖有红色印章的政府文件"), _("政策文件")),
    BRIEFINGS: ("img/portal/yw-briefing.svg", _("插图：发布台与话筒"), _("新闻发布")),
    CONSULTATIONS: ("img/portal/yw-consultation.svg", _("插图：对话气泡与意见表"), _("征求意见")),
}
SERVICE_SLIDE = ("img/portal/yw-service.svg", _("插图：政务服务大厅窗口"), _("办事服务"))


def open_consultations(request, limit: int) -> list[ColumnItem]:
    rows = (
        within_site(public_consultations(), request)
        .select_related("agency")
        .filter(state__in=("open", "scheduled"))
        .order_by("end_date", "pk")
        .only("pk", "title", "start_date", "end_date", "state", "agency__name")[:limit]
    )
    return [
        ColumnItem(
            title=c.title,
            url=reverse("portal:consultation_detail", args=[c.pk]),
            date=c.start_date,
            label=str(_("征集")),
            ends=c.end_date,
            source=c.agency.name,
        )
        for c in rows
    ]


def briefings(request, limit: int) -> list[ColumnItem]:
    """Upcoming (soonest first) and held (newest first) in one query: ordered by distance from
    now would need a database function, so take the newest `limit` scheduled times and let the
    page split them at the moment it renders."""
    rows = (
        within_site(public_briefings(), request)
        .prefetch_related(None)
        .select_related("agency")
        .only("pk", "title", "kind", "scheduled_at", "agency__name")
        .order_by("-scheduled_at", "-pk")[:limit]
    )
    return [
        ColumnItem(
            title=b.title,
            url=reverse("portal:briefings_detail", args=[b.pk]),
            date=b.scheduled_at,
            label=str(b.get_kind_display()),
            source=b.agency.name,
        )
        for b in rows
    ]


def popular_services(request, limit: int) -> list[ColumnItem]:
    since = clock.now() - timedelta(days=POPULAR_DAYS)
    rows = (
        within_site(public_items(), request)
        .annotate(n=Count("applications", filter=Q(applications__submitted_at__gte=since)))
        .only("pk", "code", "name", "agency__short_name", "agency__name")
        .order_by("-n", "-published_at", "pk")[:limit]
    )
    return [
        ColumnItem(
            title=i.name,
            url=item_url(i),
            label=i.agency.short_name or i.agency.name,
            source=i.agency.name,
        )
        for i in rows
    ]


def person_themes(request, limit: int) -> list[ColumnItem]:
    rows = themes("person").order_by("position", "pk").only("slug", "name")[:limit]
    return [
        ColumnItem(title=t.name, url=reverse("portal:service_persons_theme", args=[t.slug]))
        for t in rows
    ]


def newest_datasets(request, limit: int) -> list[ColumnItem]:
    rows = within_site(published_datasets(), request).select_related("agency")
    rows = rows.only("name", "title", "modified_at", "agency__name")
    return [
        ColumnItem(
            title=d.title,
            url=reverse("portal:opendata_detail", args=[d.name]),
            date=timezone.localdate(d.modified_at),
            source=d.agency.name,
        )
        for d in rows.order_by("-modified_at", "pk")[:limit]
    ]


def register() -> None:
    register_column_provider(MESSAGES, latest_messages)
    register_column_provider(CONSULTATIONS, open_consultations)
    register_column_provider(BRIEFINGS, briefings)
    register_column_provider(SERVICES, popular_services)
    register_column_provider(THEMES, person_themes)
    register_column_provider(DATASETS, newest_datasets)


def split_briefings(items, now) -> tuple[list, list]:
    """(upcoming soonest first, held newest first)."""
    upcoming = sorted((i for i in items if i.date and i.date > now), key=lambda i: i.date)
    held = [i for i in items if not (i.date and i.date > now)]
    return upcoming, held


def slides(lists: dict, now) -> list[dict]:
    """The 要闻 carousel: the newest item of each kind that has one, with its illustration."""
    result = []
    for slug, (image, alt, tag) in SLIDE_IMAGES.items():
        items = lists.get(slug) or []
        if slug == BRIEFINGS:
            items = split_briefings(items, now)[1]
        if items:
            result.append({"item": items[0], "image": image, "alt": alt, "tag": tag})
    if lists.get(SERVICES):
        image, alt, tag = SERVICE_SLIDE
        entry = ColumnItem(
            title=str(_("办事服务：查找事项、在线申请、查询办件进度")),
            url=reverse("portal:service_hall"),
        )
        result.append({"item": entry, "image": image, "alt": alt, "tag": tag})
    return result


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _entries(slug: str) -> list[tuple]:
    found = []
    for entry in column_entries(slug):
        url = _url(f"portal:{entry.url_name}")
        if url:
            found.append((entry, url))
    return found


def _not_future(items, today) -> list:
    """News is what has happened: a briefing scheduled for next week is an announcement."""

    def day(item):
        d = item.date
        return timezone.localdate(d) if isinstance(d, datetime) else d

    return [i for i in items if day(i) is None or day(i) <= today]


# The home page's bands and the columns that feed them; 专题 (zt) stands before 数据开放.
SECTION_OF = {"zwgk": "zwgk", "zcwj": "zwgk", "zcjd": "zwgk", "bsfw": "bsfw", "hdjl": "hdjl"}
SECTION_OF["sjkf"] = "sjkf"
DEFAULT_SECTIONS = ("zwgk", "bsfw", "hdjl", "zt", "sjkf")


def home_sections(home) -> list[str]:
    """The bands of the home page in the site's order (its columns' 首页排序, set in the
    workbench); `home` None (no site rows): the standard layout."""
    if home is None:
        return list(DEFAULT_SECTIONS)
    sections = list(dict.fromkeys(SECTION_OF[s] for s in home if s in SECTION_OF))
    sections.insert(sections.index("sjkf") if "sjkf" in sections else len(sections), "zt")
    return sections


def home_context(request, site_columns, lists: dict, now) -> dict:
    """`site_columns` are the site's columns; those its workbench page left off the home page
    (SiteIdentity.home) show no block here, and the bands follow the site's order."""
    home = getattr(getattr(request, "site", None), "home", None)
    names = {slug: name for slug, name, _kind in site_columns}
    if home is not None:
        site_columns = sorted(
            (c for c in site_columns if c[0] in home), key=lambda c: home.index(c[0])
        )
    present = {slug for slug, _name, _kind in site_columns}
    today = timezone.localdate(now)
    upcoming, held = split_briefings(lists.get(BRIEFINGS) or [], now)
    news = _not_future(lists.get("xwfb") or [], today)[:6] if "xwfb" in present else []
    specials = [(label, note, url) for name, label, note in SPECIALS if (url := _url(name))]
    others = [
        (slug, name, lists[slug])
        for slug, name, _kind in site_columns
        if slug not in LAID_OUT and lists.get(slug)
    ]
    return {
        "names": names,
        "present": present,
        "today": today,
        "now": now,
        "slides": slides(lists, now),
        "news": news,
        "policies": lists.get("zcwj", [])[:6] if "zcwj" in present else [],
        "interpretations": lists.get("zcjd", [])[:6] if "zcjd" in present else [],
        "disclosure": lists.get("zwgk", [])[:4] if "zwgk" in present else [],
        "disclosure_entries": _entries("zwgk") if "zwgk" in present else [],
        "catalog_url": _url("portal:catalog_list"),
        "services": lists.get(SERVICES, [])[:8] if "bsfw" in present else [],
        "themes": lists.get(THEMES, []) if "bsfw" in present else [],
        "service_entries": _entries("bsfw") if "bsfw" in present else [],
        "letters": lists.get(MESSAGES, [])[:5] if "hdjl" in present else [],
        "consultations": lists.get(CONSULTATIONS, [])[:4] if "hdjl" in present else [],
        "upcoming": upcoming[:3] if "hdjl" in present else [],
        "held": held[:3] if "hdjl" in present else [],
        # The 数据开放 column's own items when a feature provides them, else the newest datasets.
        "datasets": (lists.get("sjkf") or lists.get(DATASETS, []))[:5] if "sjkf" in present else [],
        "specials": specials,
        "other_columns": others,
        "sections": home_sections(home),
    }
