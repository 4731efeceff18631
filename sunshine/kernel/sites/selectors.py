"""Reads of the cluster: the sites, and the items pushed to a site's column."""

from .models import SharedItem, Site


def cluster_sites():
    return Site.objects.select_related("agency").order_by("-is_default", "agency__path", "pk")


def shared_items(site_id: int, slugs, limit: int) -> dict[str, list[SharedItem]]:
    """The items pushed to each column in `slugs` of a site (the newest `limit` of each), with
    their 来源, in one query (pushes are few: a site's whole list is read)."""
    rows = SharedItem.objects.filter(site_id=site_id, column_slug__in=list(slugs))
    found: dict[str, list[SharedItem]] = {}
    for row in rows.select_related("source_agency").order_by("-date", "-pushed_at", "-pk"):
        found.setdefault(row.column_slug, [])
        if len(found[row.column_slug]) < limit:
            found[row.column_slug].append(row)
    return found


def pushes():
    """What was pushed where (the workbench's record), newest first."""
    return SharedItem.objects.select_related("site", "from_site", "source_agency", "pushed_by")


def pushes_from(site, limit: int = 100):
    """What `site` pushed where, newest first (the record shown on its push page)."""
    return pushes().filter(from_site=site)[:limit]


def pushes_to(site, limit: int = 100):
    """What other sites pushed to `site`, newest first."""
    return pushes().filter(site=site)[:limit]
