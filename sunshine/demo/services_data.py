"""Demo 办事服务: life-event themes, ~15 service items with complete guides (one draft that
still lacks elements) of 省交通运输厅 / 广州市交通运输局 / 省教育厅, and 60 applications in every
state with their histories over the past months — made through the services under a frozen
clock, so clocks, history, audit, notifications and ratings are real. Idempotent: themes and
items are keyed by slug / 事项编码; applications are made only when none of the demo items has
any yet."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.workcalendar.calendar import add_workdays, is_workday
from sunshine.testing.factories.applications import pdf
from sunshine.testing.identity import make_credit_code, make_id_number

from .kernel_data import DEMO_PASSWORD, ensure_citizen, ensure_enterprise

TRANSPORT, GZ_TRANSPORT, EDUCATION = "广东省交通运输厅", "广州市交通运输局", "广东省教育厅"

THEMES = [
    ("shengyu", "生育收养", "person"), ("huji", "户籍办理", "person"),
    ("jiaoyu", "教育", "person"), ("jiuye", "就业创业", "person"),
    ("shebao", "社会保障", "person"), ("jiaotong", "交通出行", "person"),
    ("zhiye", "职业资格", "person"),
    ("sheli", "设立变更", "enterprise"), ("shuiwu", "税务", "enterprise"),
    ("yunshu", "交通运输", "enterprise"), ("zizhi", "资质认定", "enterprise"),
    ("peixun", "教育培训", "enterprise"),
]  # fmt: skip

HALL = "广州市越秀区白云路27号 广东省政务服务中心二楼交通运输窗口"
GZ_HALL = "广州市天河区天河北路 广州市政务服务中心三楼交通窗口"
EDU_HALL = "广州市越秀区东风东路723号 广东省教育厅政务服务窗口"
HOURS = "工作日上午9:00-12:00，下午14:00-17:30（法定节假日除外）"
STEPS = "1. 网上申请或窗口提交材料\n2. 受理（材料不全的一次性告知补正）\n3. 审查\n4. 作出决定\n5. 办结\n6. 送达（电子证照或邮寄）"

# code, agency, name, basis, conditions, promised, statutory, persons, enterprises, themes,
# materials [(name, required)]
ITEMS = [
    ("GD-JT-001", TRANSPORT, "道路旅客运输经营许可", "《中华人民共和国道路运输条例》第八条、第十条",
     "有与其经营业务相适应并经检测合格的客车；有符合条件的驾驶人员；有健全的安全生产管理制度。",
     15, 20, False, True, ["yunshu", "sheli"],
     [("道路旅客运输经营申请表", True), ("企业法定代表人身份证明", True), ("客车技术等级评定证明", True), ("安全生产管理制度文本", False)]),
    ("GD-JT-002", TRANSPORT, "道路货物运输经营许可", "《中华人民共和国道路运输条例》第二十一条、第二十四条",
     "有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。",
     10, 20, False, True, ["yunshu"],
     [("道路货物运输经营申请表", True), ("营业执照", True), ("车辆行驶证", True)]),
    ("GD-JT-003", TRANSPORT, "道路运输从业人员从业资格证核发", "《道路运输从业人员管理规定》第九条",
     "取得相应的机动车驾驶证；年龄不超过60周岁；经考试合格。",
     5, 10, True, False, ["zhiye", "jiaotong", "jiuye"],
     [("从业资格考试申请表", True), ("身份证明", True), ("机动车驾驶证", True), ("近期免冠照片", False)]),
    ("GD-JT-004", TRANSPORT, "机动车驾驶员培训机构备案", "《机动车驾驶员培训管理规定》第十二条",
     "取得企业法人资格；有健全的培训机构和管理制度；有与培训业务相适应的教学人员和车辆。",
     5, 5, False, True, ["peixun", "yunshu"],
     [("机动车驾驶员培训备案表", True), ("教练场地使用证明", True)]),
    ("GD-JT-005", TRANSPORT, "公路超限运输许可", "《公路安全保护条例》第三十五条；《超限运输车辆行驶公路管理规定》",
     "载运不可解体物品；车货总体外廓尺寸、总质量超过限定标准；有运输方案和护送方案。",
     5, 15, False, True, ["yunshu"],
     [("公路超限运输申请表", True), ("车辆行驶证", True), ("货物照片及外廓尺寸说明", True)]),
    ("GD-JT-006", TRANSPORT, "国内水路运输经营许可", "《国内水路运输管理条例》第七条、第九条",
     "取得企业法人资格；有符合要求的船舶；有明确的经营范围和航线。",
     15, 20, False, True, ["yunshu", "sheli"],
     [("国内水路运输经营申请书", True), ("船舶所有权登记证书", True)]),
    ("GZ-JT-001", GZ_TRANSPORT, "出租汽车驾驶员从业资格证核发", "《出租汽车驾驶员从业资格管理规定》第十条、第十一条",
     "取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历；无交通肇事犯罪、危险驾驶犯罪记录；经全国公共科目和区域科目考试合格。",
     5, 20, True, False, ["zhiye", "jiuye", "jiaotong"],
     [("出租汽车驾驶员从业资格证申请表", True), ("身份证", True), ("机动车驾驶证", True), ("无犯罪记录证明", True)]),
    ("GZ-JT-002", GZ_TRANSPORT, "网络预约出租汽车运输证核发", "《网络预约出租汽车经营服务管理暂行办法》第十二条",
     "车辆为7座及以下乘用车；安装具有行驶记录功能的车辆卫星定位装置和应急报警装置；车辆技术性能符合运营安全标准。",
     5, 20, True, True, ["jiaotong", "yunshu"],
     [("网约车运输证申请表", True), ("机动车行驶证", True), ("车辆所有人身份证明", True)]),
    ("GZ-JT-003", GZ_TRANSPORT, "巡游出租汽车经营许可", "《巡游出租汽车经营服务管理规定》第八条",
     "有符合要求的车辆或车辆经营权；有取得从业资格证的驾驶员；有健全的经营管理制度。",
     10, 20, False, True, ["yunshu", "sheli"],
     [("巡游出租汽车经营申请表", True), ("投资人身份证明", True), ("经营管理制度文本", True)]),
    ("GZ-JT-004", GZ_TRANSPORT, "城市公共汽电车线路运营权审批", "《城市公共汽车和电车客运管理规定》第十三条",
     "具有企业法人营业执照；具有符合运营线路要求的运营车辆；具有合理可行的线路运营方案。",
     15, 20, False, True, ["yunshu"],
     [("线路运营权申请书", True), ("线路运营方案", True)]),
    ("GZ-JT-005", GZ_TRANSPORT, "机动车维修经营备案", "《机动车维修管理规定》第十一条",
     "有与维修业务相适应的维修车间和设备设施；有必要的技术人员。",
     3, 5, True, True, ["sheli", "jiuye"],
     [("机动车维修经营备案表", True), ("维修场地证明", True)]),
    ("GD-JY-001", EDUCATION, "教师资格认定", "《中华人民共和国教师法》第十条、第十三条；《教师资格条例》",
     "遵守宪法和法律，热爱教育事业；具备规定的学历；普通话水平达到二级乙等以上；体检合格；教育教学能力测试合格。",
     20, 30, True, False, ["jiaoyu", "zhiye", "jiuye"],
     [("教师资格认定申请表", True), ("身份证", True), ("学历证书", True), ("普通话水平测试等级证书", True), ("体检表", True)]),
    ("GD-JY-002", EDUCATION, "民办学校设立审批", "《中华人民共和国民办教育促进法》第十二条",
     "有规定的组织机构和章程；有合格的教师；有与办学规模相适应的校舍和设施；有必备的办学资金。",
     20, 30, False, True, ["peixun", "sheli"],
     [("民办学校设立申请报告", True), ("举办者资格证明", True), ("学校章程", True), ("校舍证明", True)]),
    ("GD-JY-003", EDUCATION, "普通话水平测试等级证书补发", "《普通话水平测试管理规定》第十七条",
     "原证书遗失或损毁；曾在广东省参加普通话水平测试并取得等级证书。",
     5, 10, True, False, ["jiaoyu"],
     [("证书补发申请表", True), ("身份证", True)]),
    ("GD-JY-004", EDUCATION, "学生资助（国家助学金）申请", "《学生资助资金管理办法》",
     "具有中华人民共和国国籍的全日制在校学生；家庭经济困难。",
     15, 20, True, False, ["jiaoyu", "shebao", "shengyu"],
     [("国家助学金申请表", True), ("家庭经济困难认定材料", True)]),
]  # fmt: skip
DRAFT = ("GD-JY-005", EDUCATION, "高等学校教师资格认定（试点）")

EXTRA_STAFF = [
    ("gz.approver@demo.gd.gov.cn", "郑签发", GZ_TRANSPORT, ["approver", "reviewer"]),
    ("edu.handler@demo.gd.gov.cn", "何受理", EDUCATION, ["drafter", "reviewer"]),
    ("edu.approver@demo.gd.gov.cn", "罗签发", EDUCATION, ["approver"]),
]
CITIZENS = [("liu.min", "刘敏"), ("chen.wei", "陈伟"), ("li.na", "李娜"), ("zhang.qiang", "张强"),
            ("wang.fang", "王芳"), ("huang.lei", "黄磊")]  # fmt: skip
COMPANIES = [("shunda", "广州顺达客运有限公司"), ("tongda", "佛山通达物流有限公司"),
             ("qiming", "广东启明教育科技有限公司")]  # fmt: skip

# (final state, how many): 60 applications in every state.
SCENARIOS = [
    ("delivered", 18), ("delivered_after_correction", 4), ("completed", 5), ("decided", 3),
    ("reviewing", 4), ("accepted", 4), ("accepted_overdue", 3), ("submitted", 5),
    ("submitted_overdue", 3), ("correction", 5), ("rejected", 6),
]  # fmt: skip


def _citizen_id_number(n: int) -> str:
    return make_id_number(n, birth=f"1985{n % 12 + 1:02d}{n % 28 + 1:02d}")


def _company_credit_code(handle: str) -> str:
    digits = f"{sum(map(ord, handle)) * 7919 % 10**11:011d}"  # 企业 of 广州市 (4401..)
    return make_credit_code(kind="91", region="4401" + digits[:2], org_code=digits[2:])


def _ensure_users(stdout) -> dict:
    from sunshine.kernel.accounts import services as accounts

    sysadmin = User.objects.get(email="sysadmin@demo.gd.gov.cn")
    agencies = {
        a.name: a for a in Agency.objects.filter(name__in=[TRANSPORT, GZ_TRANSPORT, EDUCATION])
    }
    for email, name, agency, roles in EXTRA_STAFF:
        if not User.objects.filter(email=email).exists():
            accounts.create_staff_user(
                actor=sysadmin, agency=agencies[agency], email=email, display_name=name,
                password=DEMO_PASSWORD, roles=roles,
            )  # fmt: skip
    for i, (handle, name) in enumerate(CITIZENS):
        ensure_citizen(
            f"{handle}@demo.example.com", name,
            mobile=f"1390000{i:04d}", id_number=_citizen_id_number(i + 11),
        )  # fmt: skip
    for handle, name in COMPANIES:
        ensure_enterprise(f"{handle}@demo.example.com", name, _company_credit_code(handle))
    staff = {e: User.objects.get(email=e) for e, *_ in EXTRA_STAFF}
    for email in ("drafter", "reviewer", "approver", "admin", "gz.drafter"):
        staff[email] = User.objects.get(email=f"{email}@demo.gd.gov.cn")
    return {
        "agencies": agencies,
        "sysadmin": sysadmin,
        TRANSPORT: (staff["drafter"], staff["reviewer"], staff["approver"]),
        GZ_TRANSPORT: (staff["gz.drafter"], staff["gz.approver@demo.gd.gov.cn"],
                       staff["gz.approver@demo.gd.gov.cn"]),
        EDUCATION: (staff["edu.handler@demo.gd.gov.cn"], staff["edu.handler@demo.gd.gov.cn"],
                    staff["edu.approver@demo.gd.gov.cn"]),
        "persons": list(User.objects.filter(email__in=["citizen@demo.example.com"] + [f"{h}@demo.example.com" for h, _ in CITIZENS])),
        "companies": list(User.objects.filter(email__in=["company@demo.example.com"] + [f"{h}@demo.example.com" for h, _ in COMPANIES])),
    }  # fmt: skip


def _ensure_items(people, stdout) -> list:
    from sunshine.servicehall.catalog import services as catalog
    from sunshine.servicehall.catalog.models import ServiceItem, ServiceTheme

    for position, (slug, name, audience) in enumerate(THEMES):
        catalog.ensure_theme(slug=slug, name=name, audience=audience, position=position)
    themes = {t.slug: t for t in ServiceTheme.objects.all()}
    halls = {TRANSPORT: HALL, GZ_TRANSPORT: GZ_HALL, EDUCATION: EDU_HALL}
    phones = {TRANSPORT: "020-83730000", GZ_TRANSPORT: "020-12345", EDUCATION: "020-37628114"}
    created = 0
    for (
        code,
        agency_name,
        name,
        basis,
        cond,
        promised,
        statutory,
        persons,
        ents,
        tslugs,
        mats,
    ) in ITEMS:
        if ServiceItem.objects.filter(code=code).exists():
            continue
        agency = people["agencies"][agency_name]
        actor = people[agency_name][2]
        item = catalog.create_item(
            agency=agency, actor=actor, code=code, name=name,
            summary=f"{agency.name}实施的{name}。", basis=basis, conditions=cond,
            location=halls[agency_name], handling_unit=agency.name,
            fee_standard="不收费", is_free=True, office_hours=HOURS, phone=phones[agency_name],
            procedure=STEPS, promised_days=promised, statutory_days=statutory,
            online=True, offline=True, for_persons=persons, for_enterprises=ents,
            themes=[themes[s] for s in tslugs],
        )  # fmt: skip
        for i, (mname, required) in enumerate(mats):
            catalog.add_material(
                item=item, actor=actor, name=mname, required=required, copies=1,
                description="原件扫描件（PDF 或图片）" if i else "请下载空白表格填写后上传",
                template=pdf(f"{mname}.pdf", f"{mname}（空白表格）") if i == 0 else None,
            )  # fmt: skip
        with clock.frozen(timezone.now() - dt.timedelta(days=150)):
            catalog.publish_item(item=item, actor=actor)
        created += 1
    code, agency_name, name = DRAFT
    if not ServiceItem.objects.filter(code=code).exists():
        catalog.create_item(
            agency=people["agencies"][agency_name], actor=people[agency_name][0], code=code,
            name=name, basis="《中华人民共和国高等教育法》第四十六条", promised_days=20,
            statutory_days=30, for_persons=True,
        )  # fmt: skip
        created += 1
    stdout.write(f"services: {created} items created")
    return list(ServiceItem.objects.filter(code__in=[i[0] for i in ITEMS]).select_related("agency"))


def _workdays_ago(day: dt.date, n: int) -> dt.date:
    while n > 0 or not is_workday(day):
        day -= dt.timedelta(days=1)
        if is_workday(day):
            n -= 1
    return day


def _at(day: dt.date, rnd: random.Random) -> dt.datetime:
    """A working-hours moment of `day`, never in the future."""
    moment = timezone.make_aware(
        dt.datetime.combine(day, dt.time(9 + rnd.randint(0, 7), rnd.randint(0, 59)))
    )
    return min(moment, timezone.now() - dt.timedelta(minutes=30))


class _Moments:
    """Increasing moments for the steps of one application (same day: later hours)."""

    def __init__(self, rnd: random.Random):
        self.rnd, self.last = rnd, None

    def on(self, day: dt.date) -> dt.datetime:
        moment = _at(day, self.rnd)
        if self.last is not None and moment <= self.last:
            moment = self.last + dt.timedelta(minutes=self.rnd.randint(5, 25))
        self.last = min(moment, timezone.now() - dt.timedelta(seconds=1))
        return self.last


def _next(day: dt.date, rnd: random.Random, lo=0, hi=2) -> dt.date:
    n = rnd.randint(lo, hi)
    return add_workdays(day, n)[0] if n else day


RATINGS = [
    ("very_satisfied", "办理很快，网上就能办，不用跑腿。"),
    ("satisfied", "流程清楚，工作人员答复及时。"),
    ("very_satisfied", ""),
    ("satisfied", "一次性告知补正，很方便。"),
    ("basic", "整体还行，希望进度通知再及时一些。"),
]


def _make_applications(items, people, stdout) -> int:
    from sunshine.kernel.ratings.services import rate
    from sunshine.servicehall.applications import services as apps

    rnd = random.Random(2026)
    today = timezone.localdate()
    made = 0
    plan = [name for name, n in SCENARIOS for _ in range(n)]
    rnd.shuffle(plan)
    bad_done = False
    for i, scenario in enumerate(plan):
        item = items[i % len(items)]
        drafter, reviewer, approver = people[item.agency.name]
        enterprise = item.for_enterprises and (not item.for_persons or i % 2)
        pool = people["companies"] if enterprise else people["persons"]
        applicant = pool[i % len(pool)]
        # Finished ones started 1–4 months ago; open ones recently (overdue ones long ago).
        if scenario in ("submitted", "correction", "accepted", "reviewing"):
            start = _workdays_ago(today, rnd.randint(0, 1))
        elif scenario in ("submitted_overdue", "accepted_overdue", "decided"):
            start = _workdays_ago(today, rnd.randint(8, 15))
        elif scenario == "completed":
            start = _workdays_ago(today, rnd.randint(6, 9))
        else:
            start = today - dt.timedelta(days=rnd.randint(25, 120))
        day = start
        files = [
            (m, pdf(f"{m.name}.pdf", f"{m.name}（{applicant}）"))
            for m in item.materials.all()
            if m.required
        ]
        moments = _Moments(rnd)
        with clock.frozen(moments.on(day)):
            app = apps.submit_application(
                item=item, applicant=applicant,
                applicant_kind="enterprise" if enterprise else "person",
                applicant_name=applicant.enterprise_name or applicant.display_name,
                contact_phone=applicant.mobile or "020-88886666",
                form_data={"description": f"申请办理{item.name}。"}, files=files,
            )  # fmt: skip
        made += 1
        if scenario in ("submitted", "submitted_overdue"):
            continue

        def step(fn, lo=0, hi=2, app=app, moments=moments, **kw):
            nonlocal day
            day = min(_next(day, rnd, lo, hi), today)
            with clock.frozen(moments.on(day)):
                fn(application=app, **kw)

        if scenario in ("correction", "delivered_after_correction"):
            step(
                apps.request_correction,
                0,
                1,
                actor=drafter,
                missing=[
                    f"{item.materials.first().name}（签字盖章页不清晰）",
                    "申请人身份证明反面",
                ],
            )
            if scenario == "correction":
                continue
            step(
                lambda **kw: apps.resubmit_application(**kw),
                1,
                4,
                actor=applicant,
                note="已重新上传清晰扫描件",
                files=[(None, pdf("补正材料.pdf", "补正材料"))],
            )
        if scenario == "rejected":
            step(
                apps.reject_application,
                0,
                2,
                actor=drafter,
                reason="申请事项不属于本机关职权范围，请向属地交通运输主管部门申请。",
            )
            continue
        if scenario == "accepted_overdue":
            step(apps.accept_application, 0, 1, actor=drafter)
            continue
        step(apps.accept_application, 0, 2, actor=drafter)
        apps.assign_application(application=app, actor=approver, assignee=drafter)
        if scenario == "accepted":
            continue
        step(
            apps.review_application,
            1,
            4,
            actor=reviewer,
            opinion="材料齐全，符合法定条件，建议准予许可。",
        )
        if scenario == "reviewing":
            continue
        approved = rnd.random() > 0.1
        step(
            apps.decide_application,
            0,
            3,
            actor=approver,
            decision="approved" if approved else "denied",
            text="准予许可，核发证件。" if approved else "经审查不符合申请条件，不予许可。",
        )
        if scenario == "decided":
            continue
        step(
            apps.complete_application,
            0,
            1,
            actor=drafter,
            delivery_method=rnd.choice(["online", "post", "window"]),
        )
        if scenario == "completed":
            continue
        step(apps.deliver_application, 0, 2, actor=drafter)
        # Ratings within the 7-day period for about two thirds; the rest get 基本满意 by default.
        if rnd.random() < 0.65:
            level, comment = RATINGS[i % len(RATINGS)]
            if not bad_done and applicant.id_number:
                level, comment, bad_done = (
                    "dissatisfied",
                    "审查环节等待时间较长，电话咨询无人接听。",
                    True,
                )
            with clock.frozen(
                min(app.delivered_at + dt.timedelta(hours=rnd.randint(1, 60)), timezone.now())
            ):
                rate(obj=app, rater=applicant, level=level, comment=comment)
    return made


def load(*, stdout) -> None:
    from sunshine.kernel.deadlines.sweep import sweep_open_clocks
    from sunshine.kernel.ratings.services import apply_default_ratings
    from sunshine.servicehall.applications.models import ServiceApplication

    with transaction.atomic():
        people = _ensure_users(stdout)
        items = _ensure_items(people, stdout)
    if ServiceApplication.objects.filter(item__in=items).exists():
        stdout.write("services: demo applications already present")
        return
    with transaction.atomic():
        made = _make_applications(items, people, stdout)
    defaults = apply_default_ratings()
    sweep_open_clocks()
    stdout.write(f"services: {made} applications, {defaults} default ratings")
