"""The 网民留言 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob
from sunshine.kernel.search.registry import DocType

from . import integration, permissions, rules
from .indexing import DOC_TYPE, reindex_documents

FEATURE = Feature(
    name="messages",
    label=_("网民留言"),
    actions=permissions.ACTIONS,
    rules=rules.RULES,
    # Daily at 02:10 Asia/Shanghai: replied and not rated for N days → 办结.
    jobs=(
        PeriodicJob(
            "messages.close_stale_replied",
            "sunshine.participation.messages.tasks.close_stale_replied_task",
            "10 2 * * *",
        ),
    ),
    search_types=(DocType(DOC_TYPE, _("网民留言"), reindex=reindex_documents),),
    rateables=(integration.rateable(),),
    supervisables=(integration.SUPERVISABLE,),
    menu=(
        MenuEntry("messages", _("网民留言"), "workbench:messages_queue", 40, "message.view_staff"),
    ),
    surfaces=("messages",),
    api=(("/messages", "messages"),),
    demo="sunshine.demo.messages_data",
)
