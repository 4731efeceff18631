"""Every write on the sites of the cluster: a site's identity, its columns (which appear on
its home page, in what order) and the items pushed from one site to others (推送到子站). Each
is one transaction with its audit event; the cached identities are forgotten on commit."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.audit.services import record_event

from .models import Column, SharedItem, Site
from .permissions import check_manage_site, check_push_from
from .resolver import HOME_SORT, STANDARD_COLUMNS, forget_cached_sites

IDENTITY_FIELDS = ("name", "id_code", "icp", "psb", "sponsor", "contact")

# Called with (site id, column slug) after items are pushed to or withdrawn from a column, so
# the portal forgets the stored list (the kernel knows no shell; the portal registers here).
_SHARED_LISTENERS: list[Callable[[int, str], None]] = []


def on_shared_change(listener: Callable[[int, str], None]) -> None:
    if listener not in _SHARED_LISTENERS:
        _SHARED_LISTENERS.append(listener)


def _shared_changed(site_id: int, slug: str) -> None:
    for listener in _SHARED_LISTENERS:
        listener(site_id, slug)


@transaction.atomic
def ensure_site(
    *,
    actor=None,
    host: str,
    name: str,
    id_code: str,
    sponsor: str,
    agency=None,
    icp: str = "",
    psb: str = "",
    contact: str = "",
    is_default: bool = False,
) -> Site:
    site, created = Site.objects.update_or_create(
        host=host,
        defaults=dict(
            name=name,
            id_code=id_code,
            sponsor=sponsor,
            agency=agency,
            icp=icp,
            psb=psb,
            contact=contact,
            is_default=is_default,
        ),
    )
    for order, (slug, col_name, kind) in enumerate(STANDARD_COLUMNS):
        Column.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={
                "name": col_name,
                "kind": kind,
                "sort": order,
                "home_sort": HOME_SORT.get(slug, 100),
            },
        )
    if created:
        record_event(action="site.create", actor=actor, obj=site, agency=agency, summary=name)
    transaction.on_commit(forget_cached_sites)
    return site


@transaction.atomic
def update_site(*, actor, site: Site, **changes) -> Site:
    """A site's identity (网站名称, 网站标识码, 备案号, 主办单位, 联系方式)."""
    check_manage_site(actor, site)
    unknown = set(changes) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"not identity fields: {sorted(unknown)}")
    before = {f: getattr(site, f) for f in IDENTITY_FIELDS}
    for name, value in changes.items():
        setattr(site, name, (value or "").strip())
    site.full_clean(exclude=["agency"])
    site.save(update_fields=list(changes))
    after = {f: getattr(site, f) for f in IDENTITY_FIELDS}
    record_event(
        action="site.update", actor=actor, obj=site, summary=site.name, before=before, after=after
    )
    transaction.on_commit(forget_cached_sites)
    return site


@transaction.atomic
def set_columns(*, actor, site: Site, columns: Iterable[dict]) -> list[Column]:
    """The site's columns: for each existing column (by slug) its name, `sort` (navigation),
    `on_home` and `home_sort` (the home page). `on_home` False leaves it off the home page (its
    column page stays)."""
    check_manage_site(actor, site)
    existing = {c.slug: c for c in site.columns.all()}
    changed = []
    for row in columns:
        column = existing.get(row["slug"])
        if column is None:
            raise ValidationError(_("栏目“%(slug)s”不存在。") % {"slug": row["slug"]})
        name = (row.get("name") or "").strip()
        if not name:
            raise ValidationError(_("栏目名称不能为空。"))
        column.name, column.sort = name, int(row["sort"])
        column.on_home, column.home_sort = bool(row["on_home"]), int(row["home_sort"])
        changed.append(column)
    Column.objects.bulk_update(changed, ["name", "sort", "on_home", "home_sort"])
    record_event(
        action="site.columns",
        actor=actor,
        obj=site,
        summary=site.name,
        data={"columns": [[c.slug, c.name, c.sort, c.on_home, c.home_sort] for c in changed]},
    )
    transaction.on_commit(forget_cached_sites)
    return sorted(changed, key=lambda c: (c.sort, c.pk))


@transaction.atomic
def push_item(
    *,
    actor,
    from_site: Site,
    to_sites: Iterable[Site],
    column_slug: str,
    item_type: str,
    item_id: int,
    title: str,
    url: str,
    date,
    source_agency,
) -> list[SharedItem]:
    """推送到子站: show an item of `from_site` in column `column_slug` of each of `to_sites`,
    with its 来源. Pushing the same item to a site's column again changes nothing (the first
    push is the record). Returns the rows created now."""
    check_push_from(actor, from_site)
    to_sites = [s for s in to_sites if s.pk != from_site.pk]
    if not to_sites:
        raise ValidationError(_("请至少选择一个子站。"))
    missing = [s.name for s in to_sites if not s.columns.filter(slug=column_slug).exists()]
    if missing:
        raise ValidationError(_("子站“%(sites)s”没有该栏目。") % {"sites": "、".join(missing)})
    created = []
    for site in to_sites:
        row, new = SharedItem.objects.get_or_create(
            site=site,
            column_slug=column_slug,
            item_type=item_type,
            item_id=item_id,
            defaults=dict(
                from_site=from_site,
                source_agency=source_agency,
                title=title[:300],
                url=url,
                date=date,
                pushed_by=actor if getattr(actor, "pk", None) else None,
                pushed_at=clock.now(),
            ),
        )
        if new:
            created.append(row)
            record_event(
                action="site.push",
                actor=actor,
                obj=row,
                agency=source_agency,
                summary=f"{title} → {site.name}",
                data={"site": site.pk, "column": column_slug, "item": f"{item_type}:{item_id}"},
            )
            transaction.on_commit(lambda pk=site.pk: _shared_changed(pk, column_slug))
    return created


@transaction.atomic
def withdraw_item(*, actor, shared: SharedItem) -> None:
    """撤回推送: the item leaves the site's column; the audit chain keeps the push."""
    check_push_from(actor, shared.from_site or shared.site)
    site_id, slug = shared.site_id, shared.column_slug
    record_event(
        action="site.withdraw",
        actor=actor,
        obj=shared,
        agency=shared.source_agency,
        summary=f"{shared.title} ← {shared.site.name}",
    )
    shared.delete()
    transaction.on_commit(lambda: _shared_changed(site_id, slug))
