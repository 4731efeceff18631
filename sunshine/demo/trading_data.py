"""Demo of 公共资源交易: six Guangdong projects harvested from the provincial trading platform's
feed (工程建设 supervised by 广东省交通运输厅, 政府采购 by 广东省财政厅, a 土地使用权出让 by
广州市人民政府, a 国有产权 transfer by 广东省人民政府) with their announcements, a decided
complaint (published on the project page) and one waiting for review on its clock, a blacklist
entry in force, and the three tables as published open datasets of 广东省交通运输厅.

The companies on the blacklist and the complainant are fictitious (演示); dates are relative to
today. A second run adds nothing."""

import datetime as dt
import json

from sunshine.kernel import clock
from sunshine.kernel.orgs.codes import credit_code_check_char

PLATFORM = "gdggzy"
BLACKLISTED = "广东省演示路桥工程有限公司"


def _code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


def _rows(today: dt.date, org: dict) -> list[dict]:
    def day(n):
        return (today - dt.timedelta(days=n)).isoformat()

    rows = []

    def project(pid, code, title, category, tenderer, agent, budget, region, supervisor, notices):
        for i, (kind, ntitle, ago, extra) in enumerate(notices, start=1):
            rows.append(
                {
                    "project_id": pid,
                    "project_code": code,
                    "project_title": title,
                    "category": category,
                    "tenderer": tenderer,
                    "agent": agent,
                    "budget": budget,
                    "region": region,
                    "supervisor_code": org[supervisor],
                    "notice_id": f"{pid}-{i}",
                    "version": "1",
                    "notice_type": kind,
                    "notice_title": ntitle,
                    "published_on": day(ago),
                    "url": f"https://ygp.gdzwfw.gov.cn/#/44/new/jygg/v3/{pid}-{i}",
                    "body": extra.pop("body", ""),
                    **extra,
                }  # fmt: skip
            )

    project(
        "GZZJ-2026-03", "E4400000001001234001", "广州至湛江高速公路改扩建工程土建施工第3标段",
        "工程建设", "广东省交通集团有限公司", "广东省建设工程招标有限公司", "1268000000",
        "江门市、阳江市", "广东省交通运输厅",
        [
            ("招标公告", "广州至湛江高速公路改扩建工程土建施工第3标段招标公告", 75,
             {"body": "标段长约32.6公里，含特大桥2座、互通立交3处。投标人须具备公路工程施工总承包特级资质。"}),
            ("变更公告", "关于广州至湛江高速公路改扩建工程土建施工第3标段招标文件的澄清和修改", 62,
             {"body": "投标截止时间顺延至原定时间后7日，开标地点不变。"}),
            ("中标/成交结果公示", "广州至湛江高速公路改扩建工程土建施工第3标段中标结果公示", 20,
             {"winner": "中交第四航务工程局有限公司", "winner_credit_code": _code("91440000190454561"),
              "amount": "1186452300.00", "body": "公示期3日。对结果有异议的，可在公示期内向招标人提出。"}),
            ("合同公开", "广州至湛江高速公路改扩建工程土建施工第3标段施工合同", 6,
             {"winner": "中交第四航务工程局有限公司", "winner_credit_code": _code("91440000190454561"),
              "amount": "1186452300.00", "body": "合同工期36个月。"}),
        ],
    )  # fmt: skip
    project(
        "G324-YF-2026", "E4453000002001111002", "国道G324线云浮段路面改造工程施工",
        "工程建设", "云浮市公路事务中心", "广东华禹工程咨询有限公司", "86500000", "云浮市云城区",
        "广东省交通运输厅",
        [
            ("招标公告", "国道G324线云浮段路面改造工程施工招标公告", 60,
             {"body": "改造里程18.4公里，采用资格后审。"}),
            ("中标/成交结果公示", "国道G324线云浮段路面改造工程施工中标候选人公示", 40,
             {"winner": "广东省长大公路工程有限公司", "winner_credit_code": _code("91440000190332671"),
              "amount": "81230000.00"}),
        ],
    )  # fmt: skip
    project(
        "GDCG-2026-0412", "GDZC2026G0412", "广东省人民医院医用耗材集中采购项目",
        "政府采购", "广东省人民医院", "广东省政府采购中心", "23600000", "广州市越秀区",
        "广东省财政厅",
        [
            ("招标/采购公告", "广东省人民医院医用耗材集中采购项目公开招标公告", 35,
             {"body": "采购血管介入类耗材，分3个包组；供应商须具备医疗器械经营许可。"}),
            ("中标/成交结果公示", "广东省人民医院医用耗材集中采购项目中标（成交）结果公告", 8,
             {"winner": "国药控股广州有限公司", "winner_credit_code": _code("91440101190442773"),
              "amount": "21875000.00"}),
        ],
    )  # fmt: skip
    project(
        "GDCG-2026-0533", "GDZC2026G0533", "广东省2026年中小学教师信息技术应用能力培训服务采购项目",
        "政府采购", "广东省教育厅", "广东省政府采购中心", "4800000", "全省", "广东省财政厅",
        [("招标/采购公告", "广东省2026年中小学教师信息技术应用能力培训服务采购项目竞争性磋商公告", 3,
          {"body": "培训对象约1.2万人次，服务期12个月。"})],
    )  # fmt: skip
    project(
        "GZ-TD-2026-018", "穗规划资源挂〔2026〕18号", "广州市黄埔区知识城南起步区地块国有建设用地使用权挂牌出让",
        "土地使用权和矿业权出让", "广州市规划和自然资源局", "广州公共资源交易中心", "612000000",
        "广州市黄埔区", "广州市人民政府",
        [
            ("招标/采购公告", "广州市黄埔区知识城南起步区地块国有建设用地使用权挂牌出让公告", 50,
             {"body": "宗地面积42,316平方米，用途为商务设施用地，出让年限40年。"}),
            ("中标/成交结果公示", "广州市黄埔区知识城南起步区地块国有建设用地使用权挂牌出让结果公示", 14,
             {"winner": "广州知识城投资开发有限公司", "winner_credit_code": _code("91440101MA5CKQ761"),
              "amount": "655000000.00"}),
        ],
    )  # fmt: skip
    project(
        "GDCQ-2026-0076", "G32026GD1000076", "广东省粤科金融集团有限公司所持广东粤科新材料有限公司20%股权转让",
        "国有产权交易", "广东省粤科金融集团有限公司", "广东联合产权交易中心", "38000000",
        "广州市天河区", "广东省人民政府",
        [("招标/采购公告", "广东粤科新材料有限公司20%股权转让信息披露公告", 9,
          {"body": "转让底价3,800万元，信息披露期20个工作日。"})],
    )  # fmt: skip
    return rows


def load(*, stdout=None) -> None:
    from sunshine.kernel.accounts.models import User
    from sunshine.kernel.orgs.models import Agency
    from sunshine.opendata.trading.models import TradingProject

    users = {u.email: u for u in User.objects.filter(email__contains="@demo.")}
    agencies = {a.name: a for a in Agency.objects.all()}
    needed = ("广东省交通运输厅", "广东省财政厅", "广州市人民政府", "广东省人民政府")
    if "sysadmin@demo.gd.gov.cn" not in users or any(n not in agencies for n in needed):
        return
    if not TradingProject.objects.filter(platform=PLATFORM).exists():
        _build(users, agencies)
    if stdout is not None:
        stdout.write(
            f"公共资源交易：{TradingProject.objects.filter(platform=PLATFORM).count()} 个项目"
        )


def _build(users, agencies) -> None:
    from sunshine.opendata.datasets import services as datasets
    from sunshine.opendata.trading import services
    from sunshine.opendata.trading.harvest import import_feed
    from sunshine.opendata.trading.models import TradingProject

    today = clock.today()
    org = {name: agencies[name].org_code for name in agencies}
    report = import_feed(
        data=json.dumps({"items": _rows(today, org)}, ensure_ascii=False).encode(),
        fmt="json",
        platform=PLATFORM,
        actor=users["sysadmin@demo.gd.gov.cn"],
        origin="api",
    )
    if report["failed"]:
        raise RuntimeError(f"trading demo rows refused: {report['row_errors']}")
    bidder = users["company@demo.example.com"]
    reviewer = users["reviewer@demo.gd.gov.cn"]
    road = TradingProject.objects.get(platform=PLATFORM, source_id="G324-YF-2026")
    result = road.announcements.get(kind="result")
    text = {
        "complainant_name": "广东示范科技有限公司",
        "credit_code": bidder.credit_code,
        "contact": "020-87654321",
    }
    with clock.frozen(today - dt.timedelta(days=38)):
        decided = services.file_complaint(
            complainant=bidder, project=road, announcement_id=result.pk, **text,
            matters="第一中标候选人的项目经理在投标截止时仍在另一在建项目任职，不符合招标文件第二章资格要求。",
            facts="全国建筑市场监管公共服务平台显示该项目经理在某在建项目担任项目经理，该项目尚未竣工验收。",
            request_text="请求取消第一中标候选人的中标资格。",
            challenge="已于公示期内向招标人提出异议，招标人答复称项目经理已变更，我司对答复不满意。",
        )  # fmt: skip
    with clock.frozen(today - dt.timedelta(days=35)):
        services.accept_complaint(actor=reviewer, complaint=decided)
    with clock.frozen(today - dt.timedelta(days=15)):
        services.decide_complaint(
            actor=reviewer, complaint=decided, outcome="unfounded",
            decision="经调查，该项目经理已于投标截止日前办理变更手续，在建项目已另行委派项目经理，符合招标文件要求，投诉事项不成立。",
        )  # fmt: skip
    highway = TradingProject.objects.get(platform=PLATFORM, source_id="GZZJ-2026-03")
    with clock.frozen(today - dt.timedelta(days=2)):
        services.file_complaint(
            complainant=bidder, project=highway, **text,
            matters="评标委员会对我司施工组织设计评分明显偏低，评分理由与招标文件评分标准不一致。",
            facts="评标报告显示施工组织设计得分12分（满分30分），扣分理由为“无BIM应用方案”，但招标文件未将BIM列为评分项。",
            request_text="请求组织复核评分，必要时重新评标。",
            challenge="已向招标人提出异议，招标人答复维持评标结果。",
        )  # fmt: skip
    officer = users["officer@demo.gd.gov.cn"]
    transport = agencies["广东省交通运输厅"]
    entry = services.register_blacklist(
        actor=officer, agency=transport, entity_name=BLACKLISTED,
        credit_code=_code("91440000MA4UDEM01"),
        reason="在国道G324线云浮段路面改造工程投标中提供虚假的类似工程业绩证明材料。",
        basis="《中华人民共和国招标投标法实施条例》第六十八条；《广东省公共资源交易失信行为管理办法》",
        valid_from=today - dt.timedelta(days=30), valid_to=today + dt.timedelta(days=335),
    )  # fmt: skip
    services.publish_blacklist(actor=officer, entry=entry)
    admin = users.get("admin@demo.gd.gov.cn")
    if admin is not None:
        for key in ("trading.projects", "trading.results", "trading.blacklist"):
            dataset = datasets.create_generated_dataset(agency=transport, actor=admin, source=key)
            datasets.publish_dataset(dataset=dataset, actor=admin)
