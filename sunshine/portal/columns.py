"""What each portal column (栏目) shows. A feature's `portal/<surface>/providers.py` registers a
provider per column slug (found through the feature manifests, kernel/features.py).

    from sunshine.portal.columns import ColumnItem, register_column_provider

    def latest_policies(request, limit):
        return [ColumnItem(title=d.title, url=d.get_absolute_url(), date=d.published_on)
                for d in Document.objects.published()[:limit]]

    register_column_provider("zcwj", latest_policies)

A provider returns a list of items that have `title`, `url` and `date` (objects or dicts).
The rendered blocks are cached for CACHE_SECONDS per site and language, so a provider's content
may appear up to that long after publication (rules.md §10 counts staleness in weeks).

Behind the cache, the items of every column are kept in one table (models.ColumnSnapshot),
refreshed every minute by a periodic job (`refresh_snapshots`) and by the page itself when a
row is older than SNAPSHOT_SECONDS: a page with a cold cache reads all its columns in one query
(the home page made one query per provider, 15 in all) and a content change shows within
about a minute, as before.

Each site of the cluster (kernel/sites) has its own lists: a provider limits its rows to the
site's agencies with `kernel.sites.scope.within_site(queryset, request)` and gives each item its
`source` (来源, the publishing agency); the items other sites pushed to the site's column
(推送到子站) are merged in here; the snapshots of a site other than the default one are stored
under "<slug>@<site id>"."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_noop

from sunshine.kernel import clock
from sunshine.kernel.registry import Registry
from sunshine.kernel.sites.scope import site_key, site_of
from sunshine.kernel.sites.services import on_shared_change

CACHE_SECONDS = 60
CACHE_KEY = "portal:columns:v1:{site}:{lang}:{slug}:{limit}"
SNAPSHOT_SECONDS = 90  # a snapshot row older than this is recomputed by the page
SNAPSHOT_SIZES = (8, 20)  # the home page's and a column page's list

# The standard column names, for makemessages: they are stored in Chinese (settings, Column rows)
# and translated at render time with {% translate name %}.
STANDARD_COLUMN_NAMES = [
    gettext_noop("政务公开"),
    gettext_noop("政策文件"),
    gettext_noop("政策解读"),
    gettext_noop("互动交流"),
    gettext_noop("办事服务"),
    gettext_noop("数据开放"),
    gettext_noop("新闻发布"),
    gettext_noop("新闻动态"),
]


@dataclass(frozen=True)
class ColumnItem:
    """One line of a column. `label` is a short tag (征集, 在线访谈 …); `ends` the last day of
    something still open (a consultation's 截止日期), so a page can say "征集中，截至 …";
    `source` the publishing agency (来源), shown on every item of the cluster's lists."""

    title: str
    url: str
    date: date | datetime | None = None
    label: str = ""
    ends: "date | None" = None  # a string: `date` the field shadows the type here
    source: str = ""


Provider = Callable[..., list]
# slug -> {provider key: provider}; several modules may feed one column (e.g. 政务公开 gets
# the catalogs and the gazette), and their items are merged newest first.
_PROVIDERS: Registry[Registry[Provider]] = Registry("column")
_KEY_LENGTH = 300  # a provider's key is its dotted path


def _provider_key(provider: Provider) -> str:
    return (
        f"{getattr(provider, '__module__', '')}.{getattr(provider, '__qualname__', id(provider))}"
    )


def register_column_provider(slug: str, provider: Provider) -> None:
    """Declare a source of column `slug`: provider(request, limit) -> list of items.
    Registering the same function again replaces it (idempotent)."""
    providers = _PROVIDERS.find(slug)
    if providers is None:
        providers = Registry("column provider", max_name=_KEY_LENGTH, in_order_added=True)
        _PROVIDERS.add(slug, providers)
    providers.add(_provider_key(provider), provider)


def unregister_column_provider(slug: str, provider: Provider | None = None) -> None:
    if provider is None:
        _PROVIDERS.remove(slug)
    elif slug in _PROVIDERS:
        _PROVIDERS.get(slug).remove(_provider_key(provider))


def provider_count() -> int:
    return sum(len(providers) for providers in _PROVIDERS.all())


def column_providers() -> list[tuple[str, Provider]]:
    """Every (column slug, provider), for checks over all columns."""
    return [(slug, p) for slug, providers in _PROVIDERS.items() for p in providers.all()]


def has_provider(slug: str) -> bool:
    return slug in _PROVIDERS


def _normalise(item) -> ColumnItem:
    if isinstance(item, ColumnItem):
        return item
    if isinstance(item, dict):
        return ColumnItem(
            item["title"],
            item["url"],
            item.get("date"),
            str(item.get("label") or ""),
            item.get("ends"),
            str(item.get("source") or ""),
        )
    return ColumnItem(
        item.title,
        item.url,
        getattr(item, "date", None),
        str(getattr(item, "label", "") or ""),
        getattr(item, "ends", None),
        str(getattr(item, "source", "") or ""),
    )


def _sort_key(item: ColumnItem):
    d = item.date
    if isinstance(d, datetime):
        d = d.date()
    return d or date.min


def _shared(request, slugs, limit: int) -> dict[str, list[ColumnItem]]:
    """The items other sites pushed to this site's columns (推送到子站), with their 来源: one
    query for all of `slugs`."""
    if not site_key(request):
        return {}
    from sunshine.kernel.sites.selectors import shared_items

    return {
        slug: [ColumnItem(s.title, s.url, s.date, source=s.source_agency.name) for s in rows]
        for slug, rows in shared_items(site_of(request).id, slugs, limit).items()
    }


def column_items(request, slug: str, limit: int, *, shared=None) -> list[ColumnItem]:
    """The newest `limit` items of a column on the request's site; empty when nobody provides
    it. Providers limit their rows to the site's agencies (kernel.sites.scope.within_site); the
    items pushed to the site's column are merged in."""
    providers = _PROVIDERS.find(slug)
    providers = providers.all() if providers is not None else []
    items = [_normalise(i) for p in providers for i in p(request, limit)[:limit]]
    if shared is None:
        shared = _shared(request, [slug], limit).get(slug, [])
    if shared:
        seen = {i.url for i in items}
        items += [i for i in shared if i.url not in seen]
    if len(providers) > 1 or shared:
        items.sort(key=_sort_key, reverse=True)
    return items[:limit]


def _dump(item: ColumnItem) -> dict:
    d = item.date
    if isinstance(d, datetime):
        d = {"dt": d.isoformat()}
    elif isinstance(d, date):
        d = d.isoformat()
    row = {"title": str(item.title), "url": str(item.url), "date": d}
    if item.label:
        row["label"] = str(item.label)
    if item.ends:
        row["ends"] = item.ends.isoformat()
    if item.source:
        row["source"] = str(item.source)
    return row


def _load(row: dict) -> ColumnItem:
    d = row.get("date")
    if isinstance(d, dict):
        d = parse_datetime(d["dt"])
    elif d:
        d = parse_date(d)
    ends = parse_date(row["ends"]) if row.get("ends") else None
    return ColumnItem(
        row["title"], row["url"], d or None, row.get("label", ""), ends, row.get("source", "")
    )


def _store_snapshot(slug: str, size: int, items: list[ColumnItem]) -> None:
    """`slug` is the stored key: the column's slug, with "@<site id>" for a site other than
    the default one (kernel.sites.scope.site_key)."""
    from .models import ColumnSnapshot

    values = {"items": [_dump(i) for i in items], "refreshed_at": clock.now()}
    try:
        with transaction.atomic():
            ColumnSnapshot.objects.update_or_create(slug=slug, size=size, defaults=values)
    except IntegrityError:  # another request stored the same list at the same moment
        pass


def snapshot_items(request, slugs, size: int) -> dict[str, list[ColumnItem]]:
    """The newest `size` items of each column in `slugs` on the request's site: one query for
    the stored lists; a list missing or older than SNAPSHOT_SECONDS is asked from its providers
    and stored. Each site of the cluster has its own stored lists."""
    from .models import ColumnSnapshot

    slugs = list(dict.fromkeys(slugs))
    suffix = site_key(request)
    fresh_after = clock.now() - timedelta(seconds=SNAPSHOT_SECONDS)
    keys = [f"{slug}{suffix}" for slug in slugs]
    rows = ColumnSnapshot.objects.filter(slug__in=keys, size=size, refreshed_at__gte=fresh_after)
    stored = {key: [_load(r) for r in items] for key, items in rows.values_list("slug", "items")}
    found = {}
    missing = [slug for slug in slugs if f"{slug}{suffix}" not in stored]
    pushed = _shared(request, missing, size) if missing else {}
    for slug in slugs:
        key = f"{slug}{suffix}"
        if key in stored:
            found[slug] = stored[key]
        else:
            found[slug] = column_items(request, slug, size, shared=pushed.get(slug, []))
            _store_snapshot(key, size, found[slug])
    return found


def refresh_snapshots() -> int:
    """The periodic job: ask every provider again and store the lists (every column with a
    provider, in the sizes the pages show), for the whole cluster and for each other site.
    Returns the number of lists stored."""
    from sunshine.kernel.sites.resolver import identity_of
    from sunshine.kernel.sites.selectors import cluster_sites

    scopes = [None] + [identity_of(s) for s in cluster_sites() if not s.is_default]
    stored = 0
    for site in scopes:
        suffix = site_key(site)
        for slug in list(_PROVIDERS):
            for size in SNAPSHOT_SIZES:
                _store_snapshot(f"{slug}{suffix}", size, column_items(site, slug, size))
                stored += 1
    return stored


def cache_key(site, lang: str, slug: str, limit: int) -> str:
    key = getattr(site, "id", None) or getattr(site, "host", "") or "default"
    return CACHE_KEY.format(site=key, lang=lang, slug=slug, limit=limit)


def forget_cached_columns(site, slug: str, languages=("zh-hans", "en"), limits=(8, 20)) -> None:
    """Drop the cached blocks of a column, e.g. right after publishing into it."""
    from .models import ColumnSnapshot

    cache.delete_many([cache_key(site, lang, slug, n) for lang in languages for n in limits])
    ColumnSnapshot.objects.filter(Q(slug=slug) | Q(slug__startswith=f"{slug}@")).delete()


def _forget_shared(site_id: int, slug: str) -> None:
    """Items were pushed to (or withdrawn from) a site's column: its stored lists go."""
    from .models import ColumnSnapshot

    ColumnSnapshot.objects.filter(slug=f"{slug}@{site_id}").delete()
    cache.delete_many(
        [
            CACHE_KEY.format(site=site_id, lang=lang, slug=slug, limit=n)
            for lang in ("zh-hans", "en")
            for n in SNAPSHOT_SIZES
        ]
    )


on_shared_change(_forget_shared)


@dataclass(frozen=True)
class ColumnEntry:
    """A way in to a feature from its column page (我要写信, 征求意见, 办事大厅 ...)."""

    label: str
    url_name: str
    description: str = ""
    order: int = 50


# slug -> {url_name: entry}
_ENTRIES: Registry[Registry[ColumnEntry]] = Registry("column")


def register_column_entry(
    slug: str, *, label, url_name: str, description="", order: int = 50
) -> None:
    """Show a link to a feature's own pages at the top of column `slug` (idempotent)."""
    entries = _ENTRIES.find(slug)
    if entries is None:
        entries = _ENTRIES.add(slug, Registry("column entry", max_name=_KEY_LENGTH))
    entries.add(url_name, ColumnEntry(label, url_name, description, order))


def unregister_column_entry(slug: str, url_name: str) -> None:
    entries = _ENTRIES.find(slug)
    if entries is not None:
        entries.remove(url_name)


def column_entries(slug: str) -> list[ColumnEntry]:
    entries = _ENTRIES.find(slug)
    if entries is None:
        return []
    return sorted(entries.all(), key=lambda e: (e.order, e.url_name))
