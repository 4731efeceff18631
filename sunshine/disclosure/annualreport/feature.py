"""The 政府信息公开工作年度报告 feature: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import permissions, rules

FEATURE = Feature(
    name="annualreport",
    label=_("政府信息公开工作年度报告"),
    actions=permissions.ANNUALREPORT_ACTIONS,
    rules=rules.RULES,  # annualreport.department (31 Jan), annualreport.government (31 Mar)
    # From 1 January each agency's report of the past year is opened with its clock.
    jobs=(
        PeriodicJob(
            "annualreport.open_year",
            "sunshine.disclosure.annualreport.tasks.open_year_task",
            "20 0 * * *",
        ),
    ),
    menu=(
        MenuEntry(
            "annualreport",
            _("信息公开年报"),
            "workbench:annualreport_list",
            46,
            "annualreport.view",
        ),
    ),
    surfaces=("annualreport",),
    api=(("/annualreport", "annualreport"),),
    demo="sunshine.demo.annualreport_data",
)
