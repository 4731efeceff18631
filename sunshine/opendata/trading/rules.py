"""Deadline rules of 公共资源交易 complaints (kernel deadlines, declared in the feature manifest);
each number can be changed in settings.DEADLINE_RULES.

政府采购质疑和投诉办法 (财政部令第94号): the finance department reviews a complaint within 5
working days of receiving it (Art. 21: 补正, 不予受理 or 受理) and decides it within 30 working
days of receiving it (Art. 28); the time for inspection, testing, appraisal, expert review or
补正 is not counted (Art. 28 ¶2: a pause of the kernel clock). Both clocks start on receipt."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

ACCEPT, DECIDE = "trading.complaint_accept", "trading.complaint_decide"

RULES = (
    rule(
        ACCEPT,
        WD,
        5,
        due_soon=2,
        label=_("投诉受理审查"),
        basis="政府采购质疑和投诉办法第二十一条",
    ),
    rule(
        DECIDE,
        WD,
        30,
        due_soon=5,
        label=_("投诉处理决定"),
        basis="政府采购质疑和投诉办法第二十八条",
    ),
)
