"""Demo of the 公开答复库 and 条例 Art. 44 (after foi_data): three replied applications whose
applicants agreed to publication, published as public answers (their names, phones and ID
numbers appear in the text and are masked), one newer application for information already
answered (the staff page points to the answer, Art. 36(一)), and three applications from three
applicants for the same information, open, so that the officer sees the Art. 44 prompt.
Idempotent (by description)."""

import datetime as dt

from django.db import transaction

from sunshine.disclosure.answers import services as answers
from sunshine.disclosure.foi import replies
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories.foi import received

from .foi_data import AGENCY, _values

D = dt.date
# (received, replied, outcome, description, reply text, title)
ANSWERED = [
    (
        D(2026, 9, 7),
        D(2026, 9, 25),
        "disclosed",
        "本人林志强（电话13826481357）申请公开2026年全省高速公路服务区充电桩建设计划及各服务区"
        "建设进度表。",
        "林志强先生：您申请的2026年全省高速公路服务区充电桩建设计划及建设进度表予以公开，见附件"
        "说明。计划共新建充电桩1200个，2026年底前覆盖全部服务区。",
        "2026年全省高速公路服务区充电桩建设计划及进度",
    ),
    (
        D(2026, 9, 14),
        D(2026, 10, 16),
        "partial",
        "申请公开2025年全省农村公路建设补助资金分配明细（各县区金额）。联系人：陈美玲，"
        "身份证号440106198503120026。",
        "经审查，2025年全省农村公路建设补助资金分配明细予以公开；其中涉及个别企业账户信息的部分"
        "属于商业秘密，不予公开。",
        "2025年全省农村公路建设补助资金分配明细",
    ),
    (
        D(2026, 10, 12),
        D(2026, 10, 30),
        "disclosed",
        "请提供广州至湛江高速公路改扩建工程环境影响评价批复文件。",
        "所申请的环境影响评价批复文件予以公开，已通过电子邮件提供。",
        "广州至湛江高速公路改扩建工程环评批复",
    ),
]
# Already answered: the staff page shows the public answer above.
ASKED_AGAIN = "请提供2025年度全省农村公路建设补助资金的分配明细表"
# 条例 Art. 44: three applicants, the same information.
CLUSTER = [
    (D(2026, 11, 9), "2026年全省公交车辆新能源更新补贴资金分配方案"),
    (D(2026, 11, 16), "请公开2026年全省公交车辆新能源更新补贴资金的分配方案"),
    (D(2026, 11, 23), "2026年度全省公交车辆新能源更新补贴资金分配方案及各市分配金额"),
]


def load(*, stdout=None) -> None:
    agency = Agency.objects.filter(name=AGENCY).first()
    if agency is None:
        return
    officer = User.objects.get(email="officer@demo.gd.gov.cn")
    existing = set(InfoRequest.objects.filter(agency=agency).values_list("description", flat=True))
    created = 0
    for i, (received_on, replied_on, outcome, description, reply, title) in enumerate(ANSWERED):
        if description in existing:
            continue
        with transaction.atomic():
            values = {**_values(40 + i, "natural_person", description), "publish_consent": True}
            request = received(agency, officer, received_on, values, channel="online")
            with clock.frozen(replied_on):
                replies.reply_to_request(
                    request=request, actor=officer, outcome=outcome, reasons=reply,
                    generate_letters=False,
                )  # fmt: skip
                request.refresh_from_db()
                answers.publish_answer(request=request, actor=officer, title=title)
        created += 1
    later = [(D(2026, 11, 30), ASKED_AGAIN), *CLUSTER]
    for i, (received_on, description) in enumerate(later):
        if description in existing:
            continue
        with transaction.atomic():
            received(agency, officer, received_on, _values(50 + i, "natural_person", description))
        created += 1
    if stdout is not None:
        stdout.write(f"answers: {created} applications added")
