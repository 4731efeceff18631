"""我为政府网站找错: see sunshine/kernel/features.py."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.features import Feature, MenuEntry

from . import rules

R = Role

FEATURE = Feature(
    name="errorreports",
    label=_("我为政府网站找错"),
    actions={
        # Confirm, correct or answer the reports about one's agency's site.
        "errorreport.handle": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SYSADMIN],
        "errorreport.view": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
    },
    rules=rules.RULES,
    menu=(
        MenuEntry(
            "errorreports",
            _("网站纠错"),
            "workbench:errorreport_list",
            81,
            "errorreport.view",
        ),
    ),
    surfaces=("sitecheck",),
)
