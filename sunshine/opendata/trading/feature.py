"""The 公共资源交易 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob
from sunshine.kernel.search.registry import DocType

from . import permissions, rules
from .indexing import DOC_TYPE, reindex_documents


def _register_sources() -> None:
    from .datasources import register_sources

    register_sources()


FEATURE = Feature(
    name="trading",
    label=_("公共资源交易"),
    actions=permissions.TRADING_ACTIONS,
    rules=rules.RULES,  # review 5 wd (工程建设 3 wd), decision 30 wd: see rules.py
    jobs=(
        # Every 5 minutes: pull each enabled feed source whose own cron fired since its last run.
        PeriodicJob(
            "trading.pull_feeds", "sunshine.opendata.trading.tasks.pull_due_feeds", "*/5 * * * *"
        ),
    ),  # fmt: skip
    search_types=(DocType(DOC_TYPE, _("公共资源交易"), reindex=reindex_documents),),
    menu=(
        MenuEntry("trading", _("公共资源交易"), "workbench:trading_list", 64, "trading.view_staff"),
    ),
    surfaces=("trading",),
    api=(("/trading", "trading"),),
    demo="sunshine.demo.trading_data",
    install=(_register_sources,),
)
