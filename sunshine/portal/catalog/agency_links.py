"""Links on an agency's own page of the portal (its 主动公开基本目录, /gkml/<id>/) to what other
features publish about that agency — e.g. 公共资源交易 adds "本机关监管的交易项目" when it
supervises any — without editing this package:

    from sunshine.portal.catalog.agency_links import AgencyLink, register_agency_link

    def trading_link(agency):
        n = public_projects(agency_id=agency.pk).count()
        return AgencyLink(_("公共资源交易"), url, _("%(n)s 个项目") % {"n": n}) if n else None

    register_agency_link(trading_link, key="trading", order=40)

`link(agency) -> AgencyLink | None`; None leaves it out. A link must only lead to public
pages. A failing provider is logged and left out, as the record page's panels are."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from sunshine.kernel.registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyLink:
    label: str
    url: str
    note: str = ""


Provider = Callable[..., AgencyLink | None]
_LINKS: Registry[tuple[int, Provider]] = Registry("agency link", max_name=300)


def register_agency_link(link: Provider, *, key: str, order: int = 100) -> None:
    """Show `link(agency)` on every agency page (lower order first); the same key replaces."""
    _LINKS.add(key, (order, link))


def unregister_agency_link(key: str) -> None:
    _LINKS.remove(key)


def links_for(agency) -> list[AgencyLink]:
    result = []
    for key, (_order, provider) in sorted(_LINKS.items(), key=lambda kv: (kv[1][0], kv[0])):
        try:
            link = provider(agency)
        except Exception:
            if settings.DEBUG:
                raise
            logger.exception("agency link %s failed for agency %s", key, agency.pk)
            continue
        if link is not None:
            result.append(link)
    return result
