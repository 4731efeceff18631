from django.db import transaction

from sunshine.kernel.audit.services import record_event

from .models import Column, Site
from .resolver import STANDARD_COLUMNS, forget_cached_sites


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
            site=site, slug=slug, defaults={"name": col_name, "kind": kind, "sort": order}
        )
    if created:
        record_event(action="site.create", actor=actor, obj=site, agency=agency, summary=name)
    transaction.on_commit(forget_cached_sites)
    return site
