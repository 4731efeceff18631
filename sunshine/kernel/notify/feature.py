"""The notification kernel's manifest (see sunshine/kernel/features.py): the staff action for
the subscription statistics and the dead-letter list, its workbench menu entry, and the
periodic digest job."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

FEATURE = Feature(
    name="notify",
    label=_("订阅与推送"),
    actions={
        # Statistics, the delivery log, replaying dead letters, registering webhooks: the
        # platform's operators, not an agency's editors (the addresses are personal data).
        "notify.manage": [Role.SUPERVISOR, Role.SYSADMIN],
    },
    menu=(MenuEntry("notify", _("订阅与推送"), "workbench:notify_stats", 95, "notify.manage"),),
    surfaces=("notify",),
    jobs=(
        # Every hour on the hour (Asia/Shanghai): the daily and weekly digests whose hour it is.
        PeriodicJob("notify.digests", "sunshine.kernel.notify.tasks.send_digests", "0 * * * *"),
    ),
)
