"""Demo data of 征求意见: an open 重大行政决策 consultation of 广东省交通运输厅 (网约车管理办法,
articles under chapters, basis documents, 24 comments of citizens and an enterprise, one hidden
with its reason), and a closed one (高速公路服务区管理办法) whose comments are grouped, marked
采纳 / 部分采纳 / 不采纳 and whose 采纳情况说明 is published.

Every act goes through the services at its own time (kernel clock frozen), so the periods,
the feedback clock and the audit trail look as they would have. Idempotent: a consultation
already there (by title) is left alone; demo citizens are created once."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.participation.consultations import comment_services as cs
from sunshine.participation.consultations import services
from sunshine.participation.consultations.models import Consultation

from .kernel_data import ensure_citizen

AGENCY = "广东省交通运输厅"
OPEN_TITLE = "广东省网络预约出租汽车经营服务管理办法（征求意见稿）"
CLOSED_TITLE = "广东省高速公路服务区服务质量管理办法（征求意见稿）"

CITIZENS = [
    ("demo.citizen1@demo.example.com", "刘建国"),
    ("demo.citizen2@demo.example.com", "陈晓燕"),
    ("demo.citizen3@demo.example.com", "黄志强"),
    ("demo.citizen4@demo.example.com", "李婉婷"),
    ("demo.citizen5@demo.example.com", "张伟明"),
    ("demo.citizen6@demo.example.com", "吴海涛"),
]

OPEN_DRAFT = """广东省网络预约出租汽车经营服务管理办法（征求意见稿）
第一章 总则
第一条 为规范网络预约出租汽车（以下简称网约车）经营服务行为，保障运营安全和乘客合法权益，促进出租汽车行业健康发展，根据《网络预约出租汽车经营服务管理暂行办法》等规定，结合本省实际，制定本办法。
第二条 本省行政区域内从事网约车经营服务及相关管理活动，适用本办法。
第三条 县级以上人民政府交通运输主管部门负责本行政区域内网约车的监督管理工作。
公安、网信、市场监管、价格等部门按照各自职责做好相关管理工作。
第二章 网约车平台公司
第四条 网约车平台公司应当取得网络预约出租汽车经营许可证，并在服务所在地设立服务机构。
第五条 网约车平台公司应当按照规定将订单、车辆、驾驶员、运营轨迹等数据实时接入省网约车监管信息交互平台，并保证数据真实、完整。
第六条 网约车平台公司应当公开计程计价方式和收费标准，不得有损害乘客合法权益的价格行为；调整计价规则的，应当提前七日向社会公示。
第七条 网约车平台公司从平台获得的抽成比例或者信息服务费上限，应当向社会公布，并保障驾驶员合理劳动报酬。
第三章 车辆和驾驶员
第八条 从事网约车经营的车辆应当符合下列条件：
（一）7座及以下乘用车；
（二）安装具有行驶记录功能的车辆卫星定位装置、应急报警装置；
（三）车辆轴距、排量或者续航里程等技术指标符合所在地设区的市人民政府规定的条件；
（四）车辆使用年限不超过8年。
第九条 从事网约车服务的驾驶员应当取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历，无交通肇事犯罪、危险驾驶犯罪记录。
第十条 网约车驾驶员连续驾驶时间超过4小时的，平台应当强制其休息不少于20分钟。
第四章 经营服务
第十一条 网约车应当在许可的经营区域内从事经营活动，超出许可的经营区域的，起讫点一端应当在许可的经营区域内。
第十二条 网约车平台公司应当在机场、火车站等交通枢纽设置专门上落客区域，并保障残疾人、老年人等群体的出行需求，提供电话叫车等服务方式。
第十三条 乘客对服务质量有异议的，网约车平台公司应当在24小时内响应，5个工作日内处理完毕并告知处理结果。
第五章 监督检查
第十四条 交通运输主管部门应当建立网约车平台公司和驾驶员信用记录，并纳入全国信用信息共享平台。
第十五条 违反本办法第五条规定，未按照规定报送数据的，由交通运输主管部门责令改正，处1万元以上3万元以下罚款。
第六章 附则
第十六条 本办法自2027年3月1日起施行。"""

OPEN_EXPLANATION = """一、起草背景
近年来我省网约车行业快速发展，截至2026年6月，全省共有网约车平台公司86家，网约车驾驶员约45万人。行业在方便群众出行的同时，也存在数据报送不及时、计价规则不透明、驾驶员疲劳驾驶等问题。
二、起草依据
《网络预约出租汽车经营服务管理暂行办法》《巡游出租汽车经营服务管理规定》以及《广东省道路运输条例》等。
三、主要内容
本办法共六章十六条，重点规范平台数据接入、计价规则公示、抽成比例公开、驾驶员休息保障和适老化服务等内容。"""

# (days after the start, hour, author index: 0 citizen@, 1 company@, 2.. demo citizens,
#  clause position or None, anonymous, text)
OPEN_COMMENTS = [
    (
        0,
        10,
        0,
        6,
        False,
        "建议明确计价规则调整的公示方式，除平台公示外，还应当报交通运输主管部门备案，方便乘客查询历史价格。",
    ),
    (
        0,
        15,
        2,
        8,
        False,
        "第八条第四项车辆使用年限8年的规定偏严，新能源车辆电池衰减问题更值得关注，建议按行驶里程和电池健康度综合确定。",
    ),
    (
        1,
        9,
        3,
        10,
        True,
        "连续驾驶4小时强制休息20分钟很有必要，我家人就是网约车司机，经常一天开十几个小时，希望严格执行。",
    ),
    (
        1,
        20,
        1,
        5,
        False,
        "作为平台合作企业，建议第五条明确数据接口的技术标准和过渡期，给企业留出不少于6个月的系统改造时间。",
    ),
    (
        2,
        11,
        4,
        12,
        False,
        "支持在机场、火车站设置专门上落客区域。建议同时明确老年人电话叫车的响应时限，目前很多老人根本叫不到车。",
    ),
    (
        2,
        16,
        5,
        7,
        False,
        "抽成比例上限应当由主管部门直接规定，只要求公布不够，现在有的平台抽成超过30%，司机收入很低。",
    ),
    (
        3,
        10,
        6,
        None,
        False,
        "整体上支持出台本办法，条文比较全面。建议增加网约车保险的条款，要求平台为乘客购买承运人责任险。",
    ),
    (
        3,
        14,
        7,
        13,
        True,
        "乘客投诉5个工作日处理完太慢了，遇到多收费、绕路等问题，建议3个工作日内处理完毕。",
    ),
    (
        4,
        9,
        0,
        15,
        False,
        "第十五条罚款额度1万元至3万元对大平台没有威慑力，建议按违规次数累进处罚，情节严重的暂停新增车辆。",
    ),
    (
        4,
        19,
        2,
        11,
        False,
        "跨区域经营的规定比较合理，但建议明确粤港澳大湾区城市之间的跨城订单如何管理。",
    ),
    (
        5,
        10,
        3,
        9,
        False,
        "驾驶员3年驾龄的要求可以保留，建议增加每年一次的安全驾驶培训和健康体检要求。",
    ),
    (
        6,
        15,
        4,
        8,
        False,
        "车辆轴距、排量的技术指标由各市自定，会造成各地标准不一，建议全省统一基本标准，各市只能适当提高。",
    ),
    (
        7,
        11,
        5,
        14,
        False,
        "信用记录纳入全国信用信息共享平台很好，建议同时向乘客公开驾驶员的服务评分。",
    ),
    (
        8,
        16,
        6,
        6,
        True,
        "建议平台在乘客下单前就显示预估价格和计价明细，行程结束后实际价格超过预估20%的，应当说明原因。",
    ),
    (9, 9, 7, 12, False, "希望增加无障碍车辆的比例要求，轮椅使用者现在很难打到能放轮椅的车。"),
    (
        9,
        17,
        1,
        4,
        False,
        "建议第四条“服务机构”明确为具有固定办公场所和专职人员的分支机构，线上客服不能替代。",
    ),
    (
        10,
        10,
        0,
        None,
        False,
        "办法很好，期待早日实施。建议出台后配套制定实施细则，并做好政策解读。",
    ),
    (
        10,
        14,
        2,
        3,
        False,
        "第三条各部门职责写得比较原则，建议明确网信部门对平台算法的监管职责，防止大数据杀熟。",
    ),
    (
        10,
        21,
        3,
        10,
        False,
        "强制休息的规定还应当考虑司机跨平台接单的情况，建议监管平台汇总各平台在线时长。",
    ),
    (
        1,
        13,
        5,
        5,
        False,
        "乘客的行程数据涉及个人隐私，建议第五条同时规定数据的保存期限和使用范围，防止泄露。",
    ),
    (3, 18, 7, 6, False, "现在有的平台深夜加价很厉害，建议明确高峰和夜间加价的上限。"),
    (
        6,
        9,
        2,
        12,
        False,
        "建议在第十二条增加“保留巡游车扬召服务”的表述，不能因为网约车发展就让不会用手机的老人打不到车。",
    ),
    (
        8,
        10,
        1,
        16,
        False,
        "施行日期距发布时间较短，建议设置不少于6个月的过渡期，给平台和驾驶员办理证件留出时间。",
    ),
    (
        9,
        20,
        6,
        13,
        True,
        "投诉渠道要畅通，现在打平台客服电话经常排队半小时，建议规定人工客服的接通时限。",
    ),
]
# Off-topic: kept off the public page, the reason shown to its author.
OFF_TOPIC = (5, 12, 4, None, False, "请问科目三考试预约什么时候能放号？我已经等了两个月了。")
OFF_TOPIC_REASON = "与本次征求意见内容无关。驾驶考试预约问题请通过“我要留言”反映。"

CLOSED_DRAFT = """广东省高速公路服务区服务质量管理办法（征求意见稿）
第一条 为提升高速公路服务区服务质量，制定本办法。
第二条 服务区应当提供二十四小时免费公共卫生间、停车、饮用水和应急救助服务。
第三条 服务区经营管理单位应当按照车流量配置充电设施，节假日期间应当增设移动充电设施。
第四条 服务区商品和服务应当明码标价，价格不得明显高于所在地市场平均价格。
第五条 本办法自2026年10月1日起施行。"""

CLOSED_COMMENTS = [
    (
        1,
        3,
        "充电",
        "节假日充电排队两三个小时，建议第三条明确每个服务区充电桩的最低数量。",
        "adopted",
        "",
    ),
    (
        2,
        4,
        "充电",
        "建议在服务区充电桩旁设置排队叫号系统，减少车主排队等待。",
        "partly_adopted",
        "已在第三条增加“引导有序充电”的要求，具体方式由经营单位确定。",
    ),
    (
        3,
        5,
        "充电",
        "移动充电车效率低，不如直接多建固定充电桩。",
        "partly_adopted",
        "固定充电桩建设已纳入第三条，移动充电设施作为节假日补充保留。",
    ),
    (
        4,
        4,
        "价格",
        "服务区一碗面卖四五十元，建议规定价格不得高于市区同类商品的1.2倍。",
        "not_adopted",
        "价格主要由市场调节，本办法已要求明码标价且不得明显高于市场平均价格，不宜规定具体倍数。",
    ),
    (5, 6, "价格", "建议服务区至少提供一种平价套餐，方便货车司机。", "adopted", ""),
    (6, 2, "", "卫生间数量不足，节假日女厕排长队，建议按男女1:2的比例设置厕位。", "adopted", ""),
    (7, None, "", "建议增加服务区母婴室和无障碍设施的要求。", "adopted", ""),
]
CLOSED_REPORT = """2026年6月1日至6月30日，我厅就《广东省高速公路服务区服务质量管理办法（征求意见稿）》公开征求社会意见，共收到有效意见7条，涉及充电设施、商品价格、卫生间配置和无障碍设施等方面。
经认真研究，采纳4条，部分采纳2条，未采纳1条。
关于充电设施：已在第三条增加充电桩最低配置要求，并要求节假日引导有序充电。
关于商品价格：增加服务区提供平价餐食的要求；对规定具体价格倍数的建议，因商品价格主要由市场调节，未予采纳。
关于卫生间和无障碍设施：已增加女性厕位比例、母婴室和无障碍设施的规定。
感谢社会各界对交通运输工作的关心和支持。"""


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _citizens() -> list[User]:
    people = [
        User.objects.get(email="citizen@demo.example.com"),
        User.objects.get(email="company@demo.example.com"),
    ]
    for email, name in CITIZENS:
        people.append(ensure_citizen(email, name))
    return people


def _open_consultation(agency, drafter, approver, people, today: dt.date) -> None:
    start = today - dt.timedelta(days=11)
    with clock.frozen(_at(start - dt.timedelta(days=3), 10)):
        c = services.create_consultation(
            agency=agency,
            actor=drafter,
            title=OPEN_TITLE,
            summary="规范网约车平台数据接入、计价规则公示、抽成比例公开、驾驶员休息保障和适老化服务。",
            draft_text=OPEN_DRAFT,
            explanation=OPEN_EXPLANATION,
            is_major_decision=True,
            moderation_mode="post",
            start_date=start,
            end_date=start + dt.timedelta(days=34),
            contact="电子邮箱 wyc-zjyj@demo.gd.gov.cn；信函请寄广州市越秀区白云路27号省交通运输厅运输服务处",
        )
        services.add_basis_link(
            consultation=c,
            actor=drafter,
            title="交通运输部网站：《网络预约出租汽车经营服务管理暂行办法》",
            url="https://www.mot.gov.cn/",
        )
        note = (
            "起草依据目录\n"
            "1.《网络预约出租汽车经营服务管理暂行办法》\n"
            "2.《巡游出租汽车经营服务管理规定》\n"
            "3.《广东省道路运输条例》\n"
            "4. 全省网约车行业发展情况调研报告（2026年）\n"
        ).encode()
        services.add_basis_file(
            consultation=c,
            actor=drafter,
            uploaded_file=SimpleUploadedFile("起草依据目录.txt", note, content_type="text/plain"),
        )
    with clock.frozen(_at(start - dt.timedelta(days=1), 16)):
        services.open_consultation(consultation=c, actor=approver)  # scheduled
    with clock.frozen(_at(start, 0, 5)):
        services.sync_consultation_states()
    clauses = {x.position: x for x in c.clauses.all()}
    for day, hour, who, position, anonymous, text in [*OPEN_COMMENTS, OFF_TOPIC]:
        moment = _at(start + dt.timedelta(days=day), hour, 7 * who % 60)
        if moment.date() > today:
            continue
        with clock.frozen(moment):
            comment = cs.submit_comment(
                consultation=c,
                author=people[who],
                body=text,
                clause=clauses.get(position) if position else None,
                is_anonymous=anonymous,
            )
        if text == OFF_TOPIC[-1]:
            with clock.frozen(moment + dt.timedelta(hours=2)):
                cs.hide_comment(comment=comment, actor=drafter, reason=OFF_TOPIC_REASON)


def _closed_consultation(agency, drafter, approver, people, today: dt.date) -> None:
    start = today - dt.timedelta(days=80)
    end = start + dt.timedelta(days=29)
    with clock.frozen(_at(start, 9)):
        c = services.create_consultation(
            agency=agency,
            actor=drafter,
            title=CLOSED_TITLE,
            summary="规范高速公路服务区公共服务、充电设施配置和商品价格。",
            draft_text=CLOSED_DRAFT,
            explanation="为回应群众对服务区充电难、价格高等问题的关切，起草本办法。",
            is_major_decision=False,
            moderation_mode="pre",
            start_date=start,
            end_date=end,
        )
        services.open_consultation(consultation=c, actor=approver)
    clauses = {x.position: x for x in c.clauses.all()}
    made = []
    for i, (day, position, group, text, adoption, reason) in enumerate(CLOSED_COMMENTS):
        with clock.frozen(_at(start + dt.timedelta(days=day), 10 + i)):
            comment = cs.submit_comment(
                consultation=c,
                author=people[(i + 2) % len(people)],
                body=text,
                clause=clauses.get(position) if position else None,
                is_anonymous=i % 3 == 0,
            )
            cs.approve_comment(comment=comment, actor=drafter)
        made.append((comment, group, adoption, reason))
    with clock.frozen(_at(end + dt.timedelta(days=1), 0, 10)):
        services.sync_consultation_states()
    with clock.frozen(_at(end + dt.timedelta(days=8), 15)):
        for group in {g for _c, g, _a, _r in made if g}:
            ids = [x.pk for x, g, _a, _r in made if g == group]
            cs.group_comments(consultation=c, actor=drafter, comment_ids=ids, label=group)
        for comment, _group, adoption, reason in made:
            cs.mark_adoption(comment=comment, actor=drafter, adoption=adoption, reason=reason)
    with clock.frozen(_at(end + dt.timedelta(days=14), 10)):
        services.save_feedback_report(consultation=c, actor=drafter, report=CLOSED_REPORT)
        services.publish_feedback_report(consultation=c, actor=approver)


def load(*, stdout=None) -> None:
    agency = Agency.objects.get(name=AGENCY)
    drafter = User.objects.get(email="drafter@demo.gd.gov.cn")
    approver = User.objects.get(email="approver@demo.gd.gov.cn")
    today = clock.today()
    with transaction.atomic():
        people = _citizens()
    created = []
    if not Consultation.objects.filter(title=OPEN_TITLE).exists():
        with transaction.atomic():
            _open_consultation(agency, drafter, approver, people, today)
        created.append(OPEN_TITLE)
    if not Consultation.objects.filter(title=CLOSED_TITLE).exists():
        with transaction.atomic():
            _closed_consultation(agency, drafter, approver, people, today)
        created.append(CLOSED_TITLE)
    if stdout is not None:
        stdout.write(
            f"consultations: {len(created)} created ({Consultation.objects.count()} in all)"
        )
