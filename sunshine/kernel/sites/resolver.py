"""Which site a request is for. Looked up by host and cached, so a page costs no query for it;
without any Site row the identity comes from settings (the default site)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from .models import Column, Site

CACHE_KEY = "sites:v2:{host}"

# The standard columns of a provincial portal (slug, name, ColumnType).
STANDARD_COLUMNS = [
    ("zwgk", "政务公开", "政务公开"),
    ("zcwj", "政策文件", "政策文件"),
    ("zcjd", "政策解读", "政策解读"),
    ("hdjl", "互动交流", "互动交流"),
    ("bsfw", "办事服务", "办事服务"),
    ("sjkf", "数据开放", "数据开放"),
    ("xwfb", "新闻发布", "新闻动态"),
]
# Where the standard columns' blocks stand on a home page by default (the 要闻 of 新闻发布 is
# always first): 政务公开, then the 办事服务 band, then 互动交流 and 数据开放.
HOME_SORT = {"xwfb": 0, "zwgk": 10, "zcwj": 11, "zcjd": 12, "bsfw": 20, "hdjl": 30, "sjkf": 50}


@dataclass(frozen=True)
class SiteIdentity:
    id: int | None
    host: str
    name: str
    id_code: str
    icp: str
    psb: str
    sponsor: str
    contact: str
    columns: tuple = field(default_factory=tuple)  # (slug, name, kind)
    # The agency whose subtree the site shows (its path "/1/6/"); "" for the whole cluster.
    agency_id: int | None = None
    agency_path: str = ""
    agency_name: str = ""
    is_default: bool = True
    home: tuple | None = None  # the column slugs on the home page, in order (None: all)

    @property
    def scoped(self) -> bool:
        """Whether the site shows only its agency's subtree (a city's or department's site)."""
        return bool(self.agency_path) and not self.is_default


def default_identity() -> SiteIdentity:
    return SiteIdentity(
        None,
        settings.SITE_DOMAIN,
        settings.SITE_NAME,
        settings.SITE_ID_CODE,
        settings.SITE_ICP,
        settings.SITE_PSB,
        settings.SITE_SPONSOR,
        settings.SITE_CONTACT,
        tuple(STANDARD_COLUMNS),
    )


def _identity(site: Site) -> SiteIdentity:
    rows = list(Column.objects.filter(site=site).values_list("slug", "name", "kind"))
    columns = tuple(rows)
    home = Column.objects.filter(site=site, on_home=True).order_by("home_sort", "sort", "pk")
    agency = site.agency
    return SiteIdentity(
        site.pk,
        site.host,
        site.name,
        site.id_code,
        site.icp,
        site.psb,
        site.sponsor,
        site.contact,
        columns or tuple(STANDARD_COLUMNS),
        agency_id=site.agency_id,
        agency_path=agency.path if agency else "",
        agency_name=agency.name if agency else "",
        is_default=site.is_default,
        home=tuple(home.values_list("slug", flat=True)) if rows else None,
    )


def identity_of(site: Site) -> SiteIdentity:
    """The identity of a Site row (the periodic jobs that build every site's lists)."""
    return _identity(site)


def site_for_host(host: str) -> SiteIdentity:
    host = (host or "").split(":")[0].lower()
    key = CACHE_KEY.format(host=host)
    try:
        found = cache.get(key)
    except Exception:  # a cache outage must not take pages (or /healthz) down
        found = None
    if found is None:
        try:
            sites = Site.objects.select_related("agency")
            site = sites.filter(host=host).first() or sites.filter(is_default=True).first()
        except DatabaseError:
            return default_identity()  # /healthz still answers with its own JSON 503
        found = _identity(site) if site else default_identity()
        try:
            cache.set(key, found, 300)
        except Exception:
            pass
    return found


def forget_cached_sites() -> None:
    cache.delete_many(
        [CACHE_KEY.format(host=h) for h in Site.objects.values_list("host", flat=True)]
    )
