"""Deadline rules of 公共资源交易 complaints (kernel deadlines, declared in the feature manifest);
each number can be changed in settings.DEADLINE_RULES. Both clocks of a complaint start on
receipt; the kernel counts from the next day (94号令 Art. 42: 期间开始之日不计算在期间内).

政府采购 (and, for want of a national rule of their own, 土地使用权和矿业权出让 and 国有产权交易):
政府采购质疑和投诉办法 (财政部令第94号) Art. 21: the finance department reviews a complaint
within 5 wd of receiving it (补正 notice, 不予受理 or 受理; an accepted complaint counts as
accepted on the day it was received); Art. 26: decides it within 30 wd of receiving it; Art. 27:
the time for inspection, testing, appraisal, expert review or the complainant's 补正 is not
counted (a kernel pause).

工程建设: 招标投标法实施条例 Art. 61 ¶2: the supervising department decides within 3 wd of
receipt whether to accept, and decides within 30 wd of acceptance, time for inspection, testing,
appraisal or expert review not counted; 工程建设项目招标投标活动投诉处理办法 (七部委令第11号,
amended 2013) Art. 11: 收到投诉书后三个工作日内进行审查, and an accepted complaint counts as
accepted on the day the complaint was received — so that clock too runs from receipt."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

from .choices import TradeCategory

ACCEPT, DECIDE = "trading.complaint_accept", "trading.complaint_decide"
ACCEPT_WORKS, DECIDE_WORKS = "trading.works_complaint_accept", "trading.works_complaint_decide"
ALL = (ACCEPT, DECIDE, ACCEPT_WORKS, DECIDE_WORKS)

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
        basis="政府采购质疑和投诉办法第二十六条、第二十七条",
    ),
    rule(
        ACCEPT_WORKS,
        WD,
        3,
        due_soon=1,
        label=_("工程建设投诉受理审查"),
        basis="招标投标法实施条例第六十一条；工程建设项目招标投标活动投诉处理办法第十一条",
    ),
    rule(
        DECIDE_WORKS,
        WD,
        30,
        due_soon=5,
        label=_("工程建设投诉处理决定"),
        basis="招标投标法实施条例第六十一条",
    ),
)


def accept_rule(category: str) -> str:
    return ACCEPT_WORKS if category == TradeCategory.ENGINEERING else ACCEPT


def decide_rule(category: str) -> str:
    return DECIDE_WORKS if category == TradeCategory.ENGINEERING else DECIDE
