"""网站自查 and 政府网站工作年度报表: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry
from sunshine.kernel.jobs.schedule import PeriodicJob

from . import rules

R = Role

FEATURE = Feature(
    name="sitecheck",
    label=_("网站自查"),
    actions={
        # See the crawl reports and yearly reports of one's agencies' sites.
        "sitecheck.view": [
            R.DISCLOSURE_OFFICER,
            R.AGENCY_ADMIN,
            R.SUPERVISOR,
            R.SYSADMIN,
        ],
        # Start a crawl on demand.
        "sitecheck.run": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SYSADMIN],
        # Generate and publish the yearly 政府网站工作年度报表.
        "sitecheck.publish_report": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    },
    rules=rules.RULES,
    jobs=(
        # Monthly self-check of every site: the 1st, 02:30 Asia/Shanghai.
        PeriodicJob(
            "sitecheck.monthly_crawl",
            "sunshine.assessment.sitecheck.tasks.monthly_crawl_task",
            "30 2 1 * *",
        ),
        # 1 January: draft each site's yearly report of the past year and start its clock.
        PeriodicJob(
            "sitecheck.yearly_reports",
            "sunshine.assessment.sitecheck.tasks.yearly_reports_task",
            "0 4 1 1 *",
        ),
    ),
    menu=(MenuEntry("sitecheck", _("网站自查"), "workbench:sitecheck_runs", 80, "sitecheck.view"),),
    surfaces=("sitecheck",),
    demo="sunshine.demo.sitecheck_data",
)
