"""Who may change a site of the cluster and push content to other sites.

A site's agency decides: the general office's 单位管理员 on the provincial government (the root
of the tree) reaches every site, a city's 单位管理员 the city's site; the system administrator
and superusers every site. Pushing a provincial policy to the cities' sites is the 公开办's
work too."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import can, scope
from sunshine.kernel.accounts.roles import Role as R

ACTIONS = {
    "site.manage": [R.AGENCY_ADMIN, R.SYSADMIN],
    "site.push": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SYSADMIN],
}


def _sites_without_agency_need_global(user, action, site) -> bool:
    # A site without an agency belongs to no subtree: only global roles (can(…, None)).
    return can(user, action, site if site.agency_id else None)


def may_manage_site(user, site) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return _sites_without_agency_need_global(user, "site.manage", site)


def may_push_from(user, site) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return _sites_without_agency_need_global(user, "site.push", site)


def check_manage_site(user, site) -> None:
    if not may_manage_site(user, site):
        raise PermissionDenied(_("您没有权限管理“%(site)s”。") % {"site": site.name})


def check_push_from(user, site) -> None:
    if not may_push_from(user, site):
        raise PermissionDenied(_("您没有权限从“%(site)s”推送内容。") % {"site": site.name})


def manageable_sites(user, queryset):
    """The sites the user may manage, decided in the query (a site without an agency only
    for global roles and superusers)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    return scope(user, "site.manage", queryset.filter(agency__isnull=False)) | (
        queryset.filter(agency__isnull=True) if can(user, "site.manage") else queryset.none()
    )
