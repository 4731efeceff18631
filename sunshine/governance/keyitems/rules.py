"""Deadline rules of the key items (kernel deadlines, declared in the feature manifest); a
province overrides the numbers in settings.DEADLINE_RULES, e.g.
{"keyitems.crosscheck": {"length": 10}}.

The notice (广东省人民政府办公厅关于推进阳光政务建设工作的通知, 2016-12-12, 二) requires the
supervision but sets no periods: the lengths below are this platform's defaults, in working
days of the official calendar, counted from the day after the clock starts."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

CROSSCHECK = "keyitems.crosscheck"
EXPERT_OPINION = "keyitems.expert_opinion"
QUESTION_REPLY = "keyitems.question_reply"

NOTICE = "粤府办阳光政务通知（2016-12-12）二；期限为本平台默认值"

RULES = (
    # 内部交叉审核: the checking unit signs off or returns within 5 working days.
    rule(CROSSCHECK, WD, 5, label=_("内部交叉审核"), basis=NOTICE),
    # 专家组跟进: the group's opinion on a stage within 10 working days of being asked.
    rule(EXPERT_OPINION, WD, 10, label=_("专家组阶段意见"), basis=NOTICE),
    # 公众监督: a question is answered within 5 working days, as a 网民留言 (rules.md §7).
    rule(QUESTION_REPLY, WD, 5, label=_("公众监督答复"), basis=NOTICE),
)
