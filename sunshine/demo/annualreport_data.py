"""Demo of the 政府信息公开工作年度报告: the complete 2025 report of 广东省交通运输厅, computed
from the demo data (the 32 applications of foi_data for table 三, their review and lawsuits for
table 四, the department's records, 行政执法公示 and the FOI fees for table 二), with sections 一,
五 and 六 drafted from the computed facts, published on 26 January 2026 — on time, before the
31 January deadline — as a record in the department's 政府信息公开工作年度报告 column.

Table 二 needs 行政规范性文件 of the year: three are added here (2024, 2025, 2025), the 2024 one
repealed in 2025, so 制发 2, 废止 1, 现行有效 2 (last year 1). 行政强制 is recorded by no module:
its 12 decisions are entered as staff would (人工填报).

Idempotent: the records are found by title, the report by agency and year; a published report
is left alone. When an invariant fails (other demo data changed), the report stays a draft and
the failures are printed."""

import datetime as dt

from sunshine.disclosure.annualreport import services
from sunshine.disclosure.annualreport.selectors import report_of
from sunshine.disclosure.records import services as record_services
from sunshine.disclosure.records.importing import import_published_record
from sunshine.disclosure.records.indexing import index_records
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

AGENCY = "广东省交通运输厅"
YEAR = 2025
OFFICER = "officer@demo.gd.gov.cn"
APPROVER = "approver@demo.gd.gov.cn"
D = dt.date
# (title, 文号, published, repealed on)
DOCUMENTS = [
    ("广东省交通运输厅关于规范公路超限运输许可管理的规定", "粤交规〔2024〕3号", D(2024, 5, 10),
     D(2025, 8, 1)),
    ("广东省交通运输厅公路超限运输许可管理办法", "粤交规〔2025〕2号", D(2025, 7, 20), None),
    ("广东省交通运输厅关于进一步规范道路运输政务公开工作的规定", "粤交规〔2025〕5号",
     D(2025, 10, 15), None),
]  # fmt: skip
COERCION = 12

SECTION_ONE_INTRO = (
    "2025年，广东省交通运输厅坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国"
    "政府信息公开条例》，围绕交通运输重点工作，持续做好主动公开、依申请公开、政府信息管理、"
    "平台建设和监督保障工作。"
)
SECTION_FIVE = (
    "存在的主要问题：一是部分政策解读形式较为单一；二是依申请公开答复文书的说理还需加强。\n"
    "改进措施：一是丰富图解、视频等解读形式；二是加强答复文书合法性审查和业务培训。"
)
SECTION_SIX = (
    "本机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况见第二部分。"
    "本年度未发生其他需要报告的事项。"
)


def _documents(agency, approver) -> list[int]:
    ids = []
    for title, number, published, repealed in DOCUMENTS:
        record = DisclosureRecord.objects.filter(agency=agency, title=title).first()
        if record is None:
            record = import_published_record(
                actor=None,
                agency=agency,
                title=title,
                date_written=published - dt.timedelta(days=5),
                date_published=published,
                doc_number=number,
                normative=True,
                kind="provisions",
                topic="industry",
                body=f"{title}全文。",
                source="demo:annualreport",
            )
        if repealed and record.validity == "valid":
            record_services.repeal(
                record=record, actor=approver, comment="被新的管理办法取代", on=repealed
            )
        ids.append(record.pk)
    return ids


def load(*, stdout=None) -> None:
    agency = Agency.objects.filter(name=AGENCY).first()
    officer = User.objects.filter(email=OFFICER).first()
    approver = User.objects.filter(email=APPROVER).first()
    if agency is None or officer is None or approver is None:
        return
    existing = report_of(agency, YEAR)
    if existing is not None and existing.is_published:
        if stdout is not None:
            stdout.write(f"信息公开年报：{existing} 已发布")
        return
    ids = _documents(agency, approver)
    with clock.frozen(dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)):
        report = services.get_or_open(agency, YEAR, actor=officer)
        report = services.save_draft(report=report, actor=officer, manual={"coercion": COERCION})
        data = services.compute(report)
        facts = {f["key"]: f["text"] for f in data["facts"]}
        one = "\n".join(
            [SECTION_ONE_INTRO]
            + [facts[k] for k in ("proactive", "published", "requests", "remedies", "fees")]
        )
        report = services.save_draft(
            report=report, actor=officer, texts={"一": one, "五": SECTION_FIVE, "六": SECTION_SIX}
        )
    data = services.compute(report)
    if data["failures"]:
        index_records(ids)
        if stdout is not None:
            names = "、".join(f["code"] for f in data["failures"])
            stdout.write(f"信息公开年报：{report} 未发布（{names}）")
        return
    with clock.frozen(dt.datetime(2026, 1, 26, 2, 0, tzinfo=dt.UTC)):
        report = services.publish(report=report, actor=officer)
    # Indexed now: load_demo may run inside one transaction, whose on-commit hooks (the
    # records' own indexing) would not run before the demo is used.
    index_records([*ids, report.record_id])
    if stdout is not None:
        stdout.write(f"信息公开年报：{report} 已发布")
