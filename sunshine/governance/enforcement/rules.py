"""Deadline rules of 行政执法公示 (kernel deadlines, declared in the feature manifest). Each
number can be changed per province in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, WD, rule

RULES = (
    # 国办发〔2018〕118号 (三项制度指导意见) 二(三): 行政许可、行政处罚的执法决定信息要在执法决定
    # 作出之日起7个工作日内公开 — counted from the day after the decision's date.
    rule(
        "enforcement.publish",
        WD,
        7,
        due_soon=2,
        label=_("执法决定公示"),
        basis="国办发〔2018〕118号",
    ),
    # 行政处罚法 (2021) Art. 48 para. 2: a published decision that is changed, revoked, confirmed
    # unlawful or void is withdrawn within three days (日, calendar days), with the reason.
    rule(
        "enforcement.withdraw",
        DAYS,
        3,
        due_soon=1,
        label=_("撤回已公示的执法决定"),
        basis="行政处罚法第四十八条",
    ),
    # 法制审核 of a 重大执法决定 (行政处罚法 Art. 58; 国办发〔2018〕118号 二(五)): the law sets no
    # period; 5 working days is this platform's default.
    rule(
        "enforcement.legal_review",
        WD,
        5,
        due_soon=1,
        label=_("重大执法决定法制审核"),
        basis="行政处罚法第五十八条",
    ),
)
