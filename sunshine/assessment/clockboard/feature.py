"""The 期限看板 feature: see sunshine/kernel/features.py. It owns no rules and no clocks: it
shows the statistics of every rule the other features declare (kernel/deadlines/stats.py)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

R = Role

FEATURE = Feature(
    name="clockboard",
    label=_("期限看板"),
    actions={
        # The staff dashboard and its drill-down: one's own agency and its subtree (the general
        # office's supervisors: every agency). The clocks themselves open under "clock.view".
        "clockboard.view_staff": [
            R.DRAFTER,
            R.REVIEWER,
            R.APPROVER,
            R.DISCLOSURE_OFFICER,
            R.AGENCY_ADMIN,
            R.SUPERVISOR,
            R.SYSADMIN,
        ],
    },
    menu=(
        MenuEntry(
            "clockboard", _("期限看板"), "workbench:clockboard_index", 88, "clockboard.view_staff"
        ),
    ),
    # The board's finished figures are cached under the facts' stamp; two minutes after each
    # run of "deadlines.stats" (*/10) this fills the cache for the default periods.
    jobs=(
        PeriodicJob(
            "clockboard.warm",
            "sunshine.assessment.clockboard.board.warm_cache_task",
            "2-59/10 * * * *",
        ),
    ),
    surfaces=("clockboard",),
    api=(("/clockboard", "clockboard"),),
    demo="sunshine.demo.clockboard_data",
)
