"""{% load portal_site %}{% site_links as links %}: the addresses behind the portal footer's
identity marks (base.html → portal/_footer.html), from the request's site (kernel/sites) and
settings: the 党政机关 mark's verification page, the ICP and 公安 record lookups."""

import re

from django import template
from django.conf import settings

register = template.Library()

CONAC_SHOW = "https://bszs.conac.cn/sitename?method=show&id={id}"
CONAC_HOME = "https://bszs.conac.cn/"
ICP_LOOKUP = "https://beian.miit.gov.cn/"
PSB_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
PSB_HOME = "https://beian.mps.gov.cn/"


def psb_url(psb: str) -> str:
    """The 公安 record's lookup page: its number is the digits of 粤公网安备 44010402001143号."""
    digits = "".join(re.findall(r"\d+", psb or ""))
    return PSB_LOOKUP.format(code=digits) if digits else PSB_HOME


@register.simple_tag(takes_context=True)
def site_links(context) -> dict:
    site = context.get("site")
    default = getattr(site, "id", None) is None or getattr(site, "host", "") == getattr(
        settings, "SITE_DOMAIN", ""
    )
    # The 党政机关 identifier is issued per site; only the default site's is configured.
    conac_id = getattr(settings, "SITE_CONAC_ID", "") if default else ""
    return {
        "conac": CONAC_SHOW.format(id=conac_id) if conac_id else CONAC_HOME,
        "icp": ICP_LOOKUP,
        "psb": psb_url(getattr(site, "psb", "")),
    }
