"""The deadline rule of the catalog's yearly review, declared here and listed in
the feature manifest; a province changes it with settings.DEADLINE_RULES["catalog.review"]."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

REVIEW = "catalog.review"


RULES = (
    # The yearly review has its own clock so that it shows on the deadline dashboard.
    rule(REVIEW, length=20, label=_("目录年度审核")),
)
