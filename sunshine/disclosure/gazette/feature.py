"""The 政府公报 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.search.registry import DocType

from . import permissions
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="gazette",
    label=_("政府公报"),
    actions=permissions.GAZETTE_ACTIONS,
    # Site search: the articles of published historical issues (their own text; the records of
    # compiled issues are indexed as records).
    search_types=(DocType(DOC_TYPE, _("政府公报"), reindex=reindex_documents),),
    menu=(MenuEntry("gazette", _("政府公报"), "workbench:gazette_list", 45, "gazette.view_staff"),),
    surfaces=("gazette",),
    api=(("/gazette", "gazette"),),
    demo="sunshine.demo.gazette_data",
)
