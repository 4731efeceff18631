"""The hour clocks of 政务舆情 (国办发〔2016〕80号 and 〔2016〕61号), declared here and listed
in the feature manifest. Hours, so the due-soon thresholds are hours too."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import HOURS, rule

RULES = (
    rule(
        "opinion.major_first_response",
        unit=HOURS,
        length=5,
        due_soon=1,
        label=_("重大舆情首次发布"),
        basis="国办发〔2016〕80号",
    ),
    rule(
        "opinion.press_conference",
        unit=HOURS,
        length=24,
        due_soon=6,
        label=_("新闻发布会"),
        basis="国办发〔2016〕80号",
    ),
    rule(
        "opinion.hot_issue",
        unit=HOURS,
        length=48,
        due_soon=12,
        label=_("热点回应"),
        basis="国办发〔2016〕61号",
    ),
)

# 会商: each invited agency answers its part within this many hours (a 会商 may set its own,
# COORDINATION_HOURS_MIN..MAX; a province overrides the default with DEADLINE_RULES). No
# national number: 4 h leaves time to answer a major emergency's 5 h release (国办发〔2016〕80号);
# the duty to answer one's part is 国办发〔2016〕61号 一 ("相关部门按照职责分工做好回应工作").
RULES = (
    *RULES,
    rule(
        "opinion.coordination_reply",
        unit=HOURS,
        length=4,
        due_soon=1,
        label=_("会商答复"),
        basis="国办发〔2016〕61号",
    ),
)
