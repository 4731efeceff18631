"""Demo data of 依申请公开: 32 applications to 广东省交通运输厅 received across 2025 and 2026, in
every state and with every outcome group (补正, third-party consultations, an extension, fees by
volume, a 行政复议 and a 行政诉讼), so that the annual tables of both years are non-trivial and
balance (一 + 二 = 三 + 四).

Each application is replayed at its own dates (the kernel clock frozen while each act is
recorded), so its clocks stop on time or late as they would have. Idempotent: an application
whose description is already there is left alone."""

import datetime as dt

from django.db import transaction

from sunshine.disclosure.foi import remedies, replies, services
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories.foi import received
from sunshine.testing.identity import make_credit_code, make_id_number

D = dt.date
AGENCY = "广东省交通运输厅"

NAMES = ["陈志明", "李淑芬", "黄伟强", "张丽华", "吴国栋", "刘晓燕", "周建新", "林美玲", "郑海涛"]
ORGS = {
    "business": ["广州粤运物流有限公司", "深圳鹏程客运有限公司", "佛山顺通汽车服务有限公司"],
    "research": ["华南交通规划研究院", "广东省智能交通研究中心"],
    "public_interest": ["广东省道路安全公益促进会", "珠江环境保护志愿者协会"],
    "legal_service": ["广东正衡律师事务所", "广州明法律师事务所"],
    "other_org": ["天河区石牌街道居民委员会", "广州市出租汽车行业协会"],
}

# (received, applicant type, channel, description, steps) — steps in time order:
# ("correction", day, supplied day or None), ("third_party", day, reply day or None, opinion),
# ("extend", day, days), ("fee", day, method, pages, paid day or None),
# ("reply", day, outcome, reasons), ("deliver", day, method, proof),
# ("review", filed, decided or None, result), ("lawsuit", filed, kind, decided or None, result)
SPECS = [
    (
        D(2025, 3, 10),
        "natural_person",
        "post",
        "2024年度全省高速公路收费公路统计公报",
        [
            ("reply", D(2025, 3, 28), "disclosed", ""),
            ("deliver", D(2025, 3, 31), "post", "EMS 1190003251"),
        ],
    ),
    (
        D(2025, 4, 14),
        "business",
        "in_person",
        "广州至湛江高速公路改扩建工程施工招标评标结果及评标委员会评审意见",
        [
            (
                "reply",
                D(2025, 5, 9),
                "partial",
                "评标委员会成员个人信息不予公开，其余部分予以公开。",
            ),
            ("deliver", D(2025, 5, 12), "in_person", "申请人签收回执"),
        ],
    ),
    (
        D(2025, 5, 6),
        "research",
        "online",
        "省交通运输厅2025年第3次厅务会议关于综合交通规划调整的讨论记录",
        [
            ("reply", D(2025, 5, 30), "withheld_process", "会议讨论记录属于过程性信息。"),
            ("deliver", D(2025, 5, 30), "online", "网上送达"),
            ("review", D(2025, 6, 20), D(2025, 8, 15), "upheld"),
        ],
    ),
    (
        D(2025, 6, 3),
        "natural_person",
        "post",
        "2010年某县道改造工程的竣工验收资料",
        [("reply", D(2025, 6, 24), "unavailable_not_held", "该工程由县级交通运输部门组织验收。")],
    ),
    (
        D(2025, 7, 1),
        "legal_service",
        "online",
        "2024年全省交通运输行政处罚案件统计数据（重复提交）",
        [("reply", D(2025, 7, 10), "not_processed_repeat", "")],
    ),
    (
        D(2025, 8, 11),
        "public_interest",
        "post",
        "全省各地级市公交车辆碳排放量逐月对比分析报告",
        [("reply", D(2025, 9, 5), "unavailable_needs_creation", "")],
    ),
    (
        D(2025, 9, 15),
        "natural_person",
        "in_person",
        "关于某路段的相关文件",
        [
            ("correction", D(2025, 9, 17), None),
            ("reply", D(2025, 10, 30), "other_no_correction", ""),
        ],
    ),
    (
        D(2025, 10, 20),
        "business",
        "post",
        "某客运公司2024年度经营许可年审材料中的财务报表",
        [
            ("third_party", D(2025, 10, 22), D(2025, 11, 5), "objects"),
            (
                "reply",
                D(2025, 11, 20),
                "withheld_third_party",
                "第三方认为涉及商业秘密，不同意公开。",
            ),
        ],
    ),
    (
        D(2025, 11, 3),
        "other_org",
        "online",
        "投诉某出租车司机绕路并要求处理",
        [("reply", D(2025, 11, 10), "not_processed_petition", "")],
    ),
    (
        D(2025, 12, 15),
        "natural_person",
        "post",
        "2025年全省农村公路建设补助资金分配明细",
        [
            ("extend", D(2026, 1, 5), 15),
            ("reply", D(2026, 1, 20), "disclosed", ""),
            ("deliver", D(2026, 1, 22), "post", "EMS 1190007788"),
        ],
    ),
    (
        D(2025, 12, 22),
        "business",
        "online",
        "2020年以来全部道路运输经营许可证核发档案扫描件",
        [
            ("fee", D(2025, 12, 24), "by_volume", 150, None),
            ("reply", D(2026, 2, 6), "other_no_payment", ""),
        ],
    ),
    (
        D(2026, 1, 12),
        "natural_person",
        "online",
        "2026年春运期间省内高速公路免费通行安排文件",
        [
            ("reply", D(2026, 1, 30), "disclosed", ""),
            ("deliver", D(2026, 1, 30), "email", "邮件编号 M-20260130-01"),
        ],
    ),
    (
        D(2026, 2, 5),
        "business",
        "post",
        "珠三角城际轨道交通项目征地拆迁补偿资金拨付情况",
        [
            ("reply", D(2026, 3, 11), "partial", "涉及个人身份信息的部分不予公开。"),
            ("review", D(2026, 4, 1), D(2026, 5, 20), "corrected"),
        ],
    ),
    (
        D(2026, 3, 2),
        "natural_person",
        "post",
        "省交通运输厅机关内部考勤管理办法",
        [("reply", D(2026, 3, 20), "withheld_internal", "")],
    ),
    (
        D(2026, 3, 16),
        "research",
        "online",
        "有关交通方面的数据",
        [
            ("correction", D(2026, 3, 18), D(2026, 3, 25)),
            ("reply", D(2026, 4, 10), "unavailable_unclear", ""),
        ],
    ),
    (
        D(2026, 4, 7),
        "legal_service",
        "in_person",
        "某货运企业超限运输行政处罚案卷全部材料",
        [
            ("reply", D(2026, 4, 28), "withheld_enforcement", ""),
            ("lawsuit", D(2026, 6, 1), "direct", None, "pending"),
        ],
    ),
    (
        D(2026, 5, 11),
        "natural_person",
        "post",
        "《广东交通年鉴（2025）》全书",
        [("reply", D(2026, 5, 15), "not_processed_publication", "")],
    ),
    (
        D(2026, 6, 1),
        "public_interest",
        "online",
        "2025年全省无障碍公交车辆配置情况",
        [("reply", D(2026, 6, 19), "disclosed", "")],
    ),
    (
        D(2026, 6, 15),
        "natural_person",
        "online",
        "2000年至2026年全部交通规划文件（每日重复提交）",
        [("reply", D(2026, 6, 26), "not_processed_excessive", "")],
    ),
    (
        D(2026, 7, 6),
        "business",
        "online",
        "2025年度全省道路运输企业质量信誉考核结果全部附表",
        [
            ("fee", D(2026, 7, 8), "by_volume", 80, D(2026, 7, 14)),
            ("reply", D(2026, 8, 5), "disclosed", ""),
        ],
    ),
    (
        D(2026, 8, 3),
        "other_org",
        "post",
        "出租汽车运价调整听证会筹备情况",
        [("reply", D(2026, 8, 20), "other", "听证会尚在筹备，已告知将于举行前公告。")],
    ),
    (
        D(2026, 9, 7),
        "natural_person",
        "in_person",
        "本人名下机动车的道路运输证登记信息",
        [("reply", D(2026, 9, 18), "withheld_inquiry", "请按道路运输证查询的规定办理。")],
    ),
    (
        D(2026, 9, 21),
        "natural_person",
        "online",
        "某高速公路服务区规划",
        [
            ("correction", D(2026, 9, 24), D(2026, 10, 9)),
            ("reply", D(2026, 10, 30), "disclosed", ""),
        ],
    ),
    (
        D(2026, 9, 28),
        "business",
        "post",
        "粤西沿海高速公路养护工程中标单位的施工方案",
        [
            ("third_party", D(2026, 9, 30), D(2026, 10, 20), "agrees"),
            ("reply", D(2026, 11, 10), "disclosed", ""),
        ],
    ),
    (
        D(2026, 10, 12),
        "research",
        "online",
        "请确认本单位已取得的交通科研项目验收意见真实性",
        [("reply", D(2026, 10, 23), "not_processed_confirmation", "")],
    ),
    (
        D(2026, 10, 19),
        "natural_person",
        "post",
        "2026年全省普通国省道路面改造计划及资金安排",
        [("extend", D(2026, 11, 13), 20)],
    ),
    (D(2026, 10, 9), "public_interest", "post", "全省高速公路服务区充电桩建设数量及分布", []),
    (
        D(2026, 11, 9),
        "business",
        "post",
        "某港口疏港公路项目环境影响评价报告中的企业技术资料",
        [("third_party", D(2026, 11, 12), None, None)],
    ),
    (
        D(2026, 11, 16),
        "natural_person",
        "online",
        "2026年全省交通运输行政许可事项办理情况统计",
        [("fee", D(2026, 11, 18), "by_volume", 60, None)],
    ),
    (D(2026, 11, 20), "legal_service", "in_person", "广州市某路段交通事故多发点段治理方案", []),
]

# Applications by the demo citizen's account (online): one answered with a letter, one
# waiting for 补正.
CITIZEN_SPECS = [
    (
        D(2026, 6, 8),
        "广州市区至白云机场高速公路拥堵治理方案",
        [
            ("reply", D(2026, 6, 22), "disclosed", ""),
            ("deliver", D(2026, 6, 22), "online", "网上送达"),
        ],
    ),
    (D(2026, 11, 2), "某交通项目资料", [("correction", D(2026, 11, 5), None)]),
]


def _values(i: int, kind: str, description: str) -> dict:
    if kind == "natural_person":
        birth = f"19{70 + i % 25}0{1 + i % 9}1{i % 10}"
        name = NAMES[i % len(NAMES)]
        ident = {"id_number": make_id_number(i % 10 * 101 + 30, birth=birth)}
        extra = {}
    else:
        pool = ORGS[kind]
        name = pool[i % len(pool)]
        ident = {"credit_code": make_credit_code(kind="91", org_code=f"7{100 + i:08d}")}
        extra = {"contact_person": NAMES[(i + 3) % len(NAMES)]}
    return {
        "applicant_type": kind,
        "applicant_name": name,
        "phone": f"020-8{i:03d}6688",
        "email": f"foi{i}@example.com",
        "address": "广州市越秀区白云路27号",
        "description": description,
        "delivery_form": "email" if i % 2 else "paper",
        **ident,
        **extra,
    }


def _replay(request, steps, officer, approver) -> None:
    for step in steps:
        kind, day = step[0], step[1]
        with clock.frozen(day):
            request.refresh_from_db()
            if kind == "correction":
                services.send_correction_notice(
                    request=request,
                    actor=officer,
                    items="请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。",
                )
                if step[2] is not None:
                    with clock.frozen(step[2]):
                        services.supply_correction(
                            request=request,
                            actor=request.applicant or officer,
                            text="所需信息为该项目的批复文件及附件。",
                        )
            elif kind == "third_party":
                consultation = services.consult_third_party(
                    request=request, actor=officer, third_party="相关企业（第三方）"
                )
                if step[2] is not None:
                    with clock.frozen(step[2]):
                        services.record_third_party_opinion(
                            consultation=consultation, actor=officer, opinion=step[3]
                        )
            elif kind == "extend":
                services.extend_request(
                    request=request,
                    actor=officer,
                    approver=approver,
                    days=step[2],
                    reason="所需信息涉及多个处室，需协调汇总。",
                )
            elif kind == "fee":
                services.issue_fee_notice(
                    request=request, actor=officer, method=step[2], pages=step[3]
                )
                if step[4] is not None:
                    with clock.frozen(step[4]):
                        services.record_payment(request=request, actor=officer)
            elif kind == "reply":
                replies.reply_to_request(
                    request=request,
                    actor=officer,
                    outcome=step[2],
                    reasons=step[3],
                    generate_letters=day.year == 2026,
                )
            elif kind == "deliver":
                replies.record_delivery(
                    request=request,
                    actor=officer,
                    method=step[2],
                    delivered_on=day,
                    proof=step[3],
                )
            elif kind == "review":
                case = remedies.record_review_case(
                    request=request, actor=officer, review_body="广东省人民政府", filed_on=day
                )
                if step[2] is not None:
                    with clock.frozen(step[2]):
                        remedies.decide_case(
                            case=case, actor=officer, result=step[3], decided_on=step[2]
                        )
            elif kind == "lawsuit":
                remedies.record_lawsuit(
                    request=request,
                    actor=officer,
                    kind=step[2],
                    court="广州铁路运输中级法院",
                    filed_on=day,
                )


def load(*, stdout=None) -> None:
    agency = Agency.objects.filter(name=AGENCY).first()
    if agency is None:
        return
    officer = User.objects.get(email="officer@demo.gd.gov.cn")
    approver = User.objects.get(email="approver@demo.gd.gov.cn")
    citizen = User.objects.filter(email="citizen@demo.example.com").first()
    existing = set(InfoRequest.objects.filter(agency=agency).values_list("description", flat=True))
    created = 0
    for i, (received_on, kind, channel, description, steps) in enumerate(SPECS):
        if description in existing:
            continue
        with transaction.atomic():
            request = received(agency, officer, received_on, _values(i, kind, description), channel)
            _replay(request, steps, officer, approver)
        created += 1
    if citizen is not None:
        for received_on, description, steps in CITIZEN_SPECS:
            if description in existing:
                continue
            values = _values(0, "natural_person", description)
            values.update(applicant_name=citizen.display_name, id_number=citizen.id_number)
            with transaction.atomic(), clock.frozen(received_on):
                request = services.submit_online_request(applicant=citizen, agency=agency, **values)
                _replay(request, steps, officer, approver)
            created += 1
    if stdout is not None:
        stdout.write(f"foi: {created} applications added")
