"""网站集群: the sites of the cluster, their columns and the content pushed between them
(see sunshine/kernel/features.py)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry

from . import permissions

FEATURE = Feature(
    name="sites",
    label=_("网站集群"),
    actions=permissions.ACTIONS,
    menu=(MenuEntry("sites", _("网站集群"), "workbench:sites_list", 95, "site.manage"),),
    surfaces=("sites",),
    demo="sunshine.demo.sites_data",
)
