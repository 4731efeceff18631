"""The deadline rule of the catalog's yearly review, declared here and registered in
AppConfig.ready(); a province changes it with settings.DEADLINE_RULES["catalog.review"]."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import register_rule

REVIEW = "catalog.review"


def register() -> None:
    # The yearly review has its own clock so that it shows on the deadline dashboard.
    register_rule(REVIEW, length=20, label=_("目录年度审核"))
