"""The sites of the cluster that the self-check crawls: each Site row (kernel sites), or the
default site from settings when there is none. The URL crawled is
settings.SITECHECK_BASE_URLS[host] when given (a staging address, a port), else
https://<host>/."""

from dataclasses import dataclass

from django.conf import settings

from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.sites.models import Site
from sunshine.kernel.sites.resolver import SiteIdentity, default_identity, site_for_host


@dataclass(frozen=True)
class SiteTarget:
    site_id: int | None
    host: str
    name: str
    agency_id: int | None
    identity: SiteIdentity

    @property
    def base_url(self) -> str:
        configured = getattr(settings, "SITECHECK_BASE_URLS", {}) or {}
        return configured.get(self.host) or f"https://{self.host}/"


def _root_agency_id() -> int | None:
    return (
        Agency.objects.filter(parent__isnull=True).order_by("pk").values_list("pk", flat=True)
    ).first()


def target_for(site: Site | None) -> SiteTarget:
    if site is None:
        identity = default_identity()
        return SiteTarget(None, identity.host, identity.name, _root_agency_id(), identity)
    identity = site_for_host(site.host)
    if identity.id != site.pk:  # the cache answered for another row (a renamed host)
        identity = site_for_host(site.host)
    return SiteTarget(site.pk, site.host, site.name, site.agency_id or _root_agency_id(), identity)


def site_targets() -> list[SiteTarget]:
    sites = list(Site.objects.order_by("-is_default", "pk"))
    return [target_for(s) for s in sites] if sites else [target_for(None)]


def target_by_host(host: str) -> SiteTarget | None:
    for target in site_targets():
        if target.host == host:
            return target
    return None
