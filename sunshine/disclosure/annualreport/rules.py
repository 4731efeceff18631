"""The deadline rules of the annual report (条例 Art. 49). Both are fixed calendar dates of the
next year, not periods: a clock starts at the end of the report year (31 December) and runs
in calendar days (unit DAYS) with its own length up to the date (clocks.py), so the due day is
exactly 31 January or 31 March, never moved by a holiday (docs/annualreport.md explains why)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, rule

DEPARTMENT, GOVERNMENT = "annualreport.department", "annualreport.government"

RULES = (
    # 县级以上人民政府部门: by 31 January (31 days after 31 December).
    rule(
        DEPARTMENT,
        unit=DAYS,
        length=31,
        due_soon=10,
        label=_("部门政府信息公开工作年度报告"),
        basis="条例第四十九条第一款",
    ),
    # 县级以上地方人民政府 (and its office, which compiles it): by 31 March.
    rule(
        GOVERNMENT,
        unit=DAYS,
        length=90,
        due_soon=15,
        label=_("政府信息公开工作年度报告"),
        basis="条例第四十九条第二款",
    ),
)
