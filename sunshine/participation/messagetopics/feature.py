"""留言统计与热点 (message topics): see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from .permissions import ACTIONS

_TASKS = "sunshine.participation.messagetopics.tasks"


def _install_summary_hooks() -> None:
    from .summary import install

    install()


FEATURE = Feature(
    name="messagetopics",
    label=_("留言统计与热点"),
    actions=ACTIONS,
    jobs=(
        # New messages join groups every 10 minutes; hot scores decay, so refresh them too.
        PeriodicJob(
            "message_topics.assign_new", f"{_TASKS}.assign_new_messages_task", "*/10 * * * *"
        ),
        PeriodicJob("message_topics.refresh_hot", f"{_TASKS}.refresh_hot_scores_task", "5 * * * *"),
        # The batch regroup (new topics, merged topics) at night, Asia/Shanghai time.
        PeriodicJob("message_topics.regroup", f"{_TASKS}.regroup_messages_task", "40 2 * * *"),
        # The statistics' summary (summary.py): the messages saved since the last run every 10
        # minutes; at night also the last three months and messages deleted outside the ORM.
        PeriodicJob(
            "message_topics.refresh_stats", f"{_TASKS}.refresh_stats_summary_task", "*/10 * * * *"
        ),
        PeriodicJob(
            "message_topics.recount_stats", f"{_TASKS}.recount_stats_summary_task", "50 2 * * *"
        ),
    ),
    menu=(
        MenuEntry(
            "messagetopics",
            _("留言统计与热点"),
            "workbench:messagetopics_stats",
            56,
            "message_topics.view_stats",
        ),
    ),
    surfaces=("messagetopics",),
    api=(("/messagetopics", "messagetopics"),),
    # A message deleted through the ORM leaves the statistics' summary at once.
    install=(_install_summary_hooks,),
)
