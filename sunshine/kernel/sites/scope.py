"""What a page of the current site shows (网站集群): the one place where the portal's lists
learn the site's agency subtree. A city's site (a Site with an agency that is not the
default site) shows the content of its agency and the agencies below it; the default
(provincial) site and a site without an agency show the whole cluster.

    from sunshine.kernel.sites.scope import within_site

    def latest_records(request, limit):
        rows = within_site(public_records(), request)[:limit]

`request` may be a request (its `site`, set by CurrentSiteMiddleware), a SiteIdentity (the
periodic jobs that build every site's lists) or None (the whole cluster)."""

from django.db.models import QuerySet

from sunshine.kernel.orgs.models import Agency

from .resolver import SiteIdentity


def site_of(request_or_site) -> SiteIdentity | None:
    if request_or_site is None or isinstance(request_or_site, SiteIdentity):
        return request_or_site
    return getattr(request_or_site, "site", None)


def current_site_agencies(request_or_site) -> QuerySet | None:
    """The ids of the agencies whose content the site shows, as a subquery (the rows' own
    agency index serves the filter, as in kernel.access.scope); None: every agency."""
    site = site_of(request_or_site)
    if site is None or not getattr(site, "scoped", False):
        return None
    return Agency.objects.filter(path__startswith=site.agency_path).values("pk")


def within_site(queryset: QuerySet, request_or_site, field: str = "agency") -> QuerySet:
    """`queryset` limited to the current site's agencies (unchanged on the whole cluster)."""
    agencies = current_site_agencies(request_or_site)
    if agencies is None:
        return queryset
    return queryset.filter(**{f"{field}__in": agencies})


def site_key(request_or_site) -> str:
    """ "" for the default site (and the whole cluster), else "@<site id>": what tells one
    site's stored lists from another's (the portal's column snapshots). Every other site has
    lists of its own: its subtree, and the items pushed to it."""
    site = site_of(request_or_site)
    if site is None or getattr(site, "is_default", True) or not getattr(site, "id", None):
        return ""
    return f"@{site.id}"
