"""全文检索: what the search kernel adds to the platform (see sunshine/kernel/features.py): who
may maintain the synonym dictionary, its workbench page, and the pruning of query counts."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

FEATURE = Feature(
    name="search",
    label=_("全文检索"),
    # The synonyms serve every site of the cluster: the general office (its supervisors, whose
    # grant reaches every agency) and the system administrators maintain them.
    actions={"search.synonyms.manage": [Role.SUPERVISOR, Role.SYSADMIN]},
    jobs=(
        PeriodicJob(
            "search.prune_query_counts",
            "sunshine.kernel.search.tasks.prune_query_counts_task",
            "40 3 * * *",
        ),
    ),
    menu=(
        MenuEntry(
            "search_synonyms",
            _("检索同义词"),
            "workbench:search_synonyms",
            96,
            "search.synonyms.manage",
        ),
    ),
    surfaces=("search",),
)
