"""Deadline rules of 网站自查 (kernel deadlines, declared in the feature manifest)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, rule

YEARLY_REPORT = "sitecheck.yearly_report"

RULES = (
    # 政府网站发展指引 (国办发〔2017〕47号): 每年1月31日前发布上一年度政府网站工作年度报表.
    # The clock starts on 1 January 00:00 and runs 30 calendar days: due at the end of 31
    # January (counting starts the day after the start).
    rule(
        YEARLY_REPORT,
        DAYS,
        30,
        due_soon=7,
        label=_("发布政府网站工作年度报表"),
        basis="国办发〔2017〕47号",
    ),
)
