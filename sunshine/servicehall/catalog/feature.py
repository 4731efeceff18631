"""办事事项 (the service catalog and its guides): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.search.registry import DocType

from . import permissions
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="service_catalog",
    label=_("办事事项"),
    actions=permissions.CATALOG_ACTIONS,
    search_types=(DocType(DOC_TYPE, _("办事指南"), reindex=reindex_documents),),
    menu=(
        MenuEntry(
            "service_items", _("办事事项"), "workbench:service_items", 51, "service_item.view_staff"
        ),
    ),
    surfaces=("servicehall",),
)
