"""Test data of 征求意见 (one factory per model, built through the services)."""

import datetime as dt

from sunshine.kernel import clock
from sunshine.testing.factories import CitizenFactory, staff_with

from .. import comment_services, services

DRAFT = """广东省道路运输管理办法（征求意见稿）
第一章 总则
第一条 为了规范道路运输市场秩序，保障道路运输安全，制定本办法。
第二条 本办法适用于本省行政区域内的道路运输经营活动。
第二章 经营许可
第三条 申请从事道路客运经营的，应当具备下列条件：
（一）有与其经营业务相适应并经检测合格的车辆；
（二）有符合规定条件的驾驶人员。
第四条 县级以上交通运输主管部门应当自受理申请之日起二十日内作出决定。
第三章 附则
第五条 本办法自2027年1月1日起施行。"""


def make_consultation(
    agency,
    *,
    actor=None,
    state="open",
    start=None,
    days=30,
    major=True,
    mode="post",
    draft=DRAFT,
    title="广东省道路运输管理办法（征求意见稿）",
    reason="",
):
    """A consultation of `agency` opened by its approver (state "open" needs the clock's today
    within the period: start defaults to today)."""
    approver = actor or staff_with("approver", agency)
    start = start or clock.today()
    c = services.create_consultation(
        agency=agency,
        actor=approver,
        title=title,
        draft_text=draft,
        explanation="为规范道路运输，起草本办法。",
        start_date=start,
        end_date=start + dt.timedelta(days=days),
        is_major_decision=major,
        moderation_mode=mode,
        short_period_reason=reason,
    )
    if state in ("open", "scheduled"):
        services.open_consultation(consultation=c, actor=approver)
    return c


def comment(consultation, *, author=None, body="建议明确第四条的受理期限起算方式。", **kw):
    return comment_services.submit_comment(
        consultation=consultation, author=author or CitizenFactory(), body=body, **kw
    )
