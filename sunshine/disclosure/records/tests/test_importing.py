"""Import of existing documents: `import_published_record`, the CSV and folder importers, the
`import_records` command (summary, refused rows, no duplicates on re-run) and the demo data."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sunshine.disclosure.records import importing, indexing
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.files.testing import make_docx, make_pdf

pytestmark = pytest.mark.django_db
D = dt.date
GD = "Guangdong Provincial Government"
COLUMNS = ["government", "url", "title", "doc_number", "issued", "published", "listed_date",
           "listed_date_label", "doc_number_raw", "in_sources"]  # fmt: skip
ROWS = [  # government, url, title, doc_number, issued, published
    (GD, "http://gd/1", "广东省人民政府办公厅关于推进阳光政务建设工作的通知", "粤办函[2016]629号",
     "2016-12-12", "2016-12-16"),
    (GD, "http://gd/2", "广东省人民政府关于广佛高速公路改扩建工程收费期限的批复", "粤府函〔2016〕156号",
     "", "2016-09-26"),
    (GD, "http://gd/3", "广东省安全生产责任保险实施办法", "", "", "2016-09-08"),
    (GD, "http://gd/1", "广东省人民政府办公厅关于推进阳光政务建设工作的通知", "粤办函〔2016〕629号",
     "2016-12-12", "2016-12-16"),  # the same document listed twice
    (GD, "http://gd/5", "关于印发某方案的通知", "粤府办2016年1号", "", "2016-05-01"),
    (GD, "http://gd/6", "", "粤府办〔2016〕9号", "", "2016-05-01"),
    (GD, "http://gd/7", "关于加强国有企业改革中划拨土地管理的通知", "", "1999-05-27", "1999-05-14"),
    (GD, "http://gd/8", "关于未来工作的通知", "", "", "2099-01-01"),
    (GD, "http://gd/9", "关于日期的通知", "", "", "2016-13-01"),
    (GD, "http://gd/10", "广东省人民政府关于另一份文件的通知", "粤府函〔2016〕156号", "", "2016-10-01"),
    ("Henan Provincial Government", "http://henan/1", "河南省人民政府关于某事的通知", "", "",
     "2016-01-01"),
]  # fmt: skip


def write_csv(path, rows=ROWS):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([*row, "", "", "", ""])
    return path


def test_import_published_record_checks_like_drafting(people):
    office = people["agency"]
    values = dict(agency=office, title="关于测试的通知", date_written=D(2016, 3, 1),
                  date_published=D(2016, 3, 5), doc_number="粤府办(2016)3号", kind="notice")  # fmt: skip
    with pytest.raises(PermissionDenied):
        importing.import_published_record(actor=people["drafter"], **values)
    with pytest.raises(ValidationError) as exc:
        importing.import_published_record(
            actor=None, **{**values, "doc_number": "粤府办2016-3", "date_published": D(2016, 2, 1)}
        )
    assert set(exc.value.message_dict) == {"doc_number", "date_published"}
    with pytest.raises(ValidationError) as exc:
        importing.import_published_record(actor=None, **{**values, "date_written": D(1900, 1, 1)})
    assert "超出合理范围" in exc.value.message_dict["date_written"][0]

    record = importing.import_published_record(actor=people["approver"], source="x", **values)
    record.refresh_from_db()
    assert (record.state, record.disclosure_mode, record.date_published) == (
        "published", "proactive", D(2016, 3, 5),
    )  # fmt: skip
    assert record.doc_number == "粤府办〔2016〕3号" and record.index_number.endswith("/2016-00001")
    assert record.current_version.number == 1 and record.created_by == people["approver"]
    event = AuditEvent.objects.get(action="record.import")
    assert event.data["source"] == "x" and event.actor == people["approver"]
    assert verify_chain().ok
    with pytest.raises(ValidationError):  # the same 文号 twice
        importing.import_published_record(actor=None, **{**values, "title": "另一份"})


def test_csv_import_reports_refusals_and_never_duplicates(province, tmp_path):
    path = write_csv(tmp_path / "docs.csv")
    report = importing.import_csv(path)
    assert len(report.created) == 3 and report.duplicates == 1
    assert report.ignored == {"Henan Provincial Government": 1}
    reasons = {label: reason for label, _title, reason in report.refused}
    assert set(reasons) == {"第 6 行", "第 7 行", "第 8 行", "第 9 行", "第 10 行", "第 11 行"}
    assert "文号" in reasons["第 6 行"] and "格式不正确" in reasons["第 6 行"]
    assert reasons["第 7 行"] == "缺少标题。"
    assert "早于成文日期" in reasons["第 8 行"] and "晚于今天" in reasons["第 9 行"]
    assert "不是有效日期" in reasons["第 10 行"]
    assert "已被另一份政府信息使用" in reasons["第 11 行"]

    seed = DisclosureRecord.objects.get(doc_number="粤办函〔2016〕629号")
    assert seed.agency == province["office"] == seed.issuer  # from the title
    assert (seed.date_written, seed.date_published) == (D(2016, 12, 12), D(2016, 12, 16))
    assert (seed.kind, seed.topic) == ("notice", "general")
    reply = DisclosureRecord.objects.get(doc_number="粤府函〔2016〕156号")
    assert reply.agency == province["root"] and reply.date_written == D(2016, 9, 26)
    assert (reply.kind, reply.topic) == ("reply", "industry")
    assert DisclosureRecord.objects.get(title__contains="安全生产").kind == "measures"
    hits = indexing.search_public("阳光政务").hits  # indexed in bulk at the end
    assert [h.object_id for h in hits] == [str(seed.pk)]
    assert indexing.search_public("粤府函〔2016〕").total == 1

    again = importing.import_csv(path)
    assert (len(again.created), again.duplicates, len(again.refused)) == (0, 4, 6)
    assert DisclosureRecord.objects.count() == 3


def test_forced_agency_imports_other_governments(province, tmp_path):
    path = write_csv(tmp_path / "henan.csv", [ROWS[-1]])
    report = importing.import_csv(path, agency=province["transport"])
    record = DisclosureRecord.objects.get(pk=report.created[0])
    assert record.agency == record.issuer == province["transport"]


def test_command_prints_progress_summary_and_report(province, tmp_path):
    path = write_csv(tmp_path / "docs.csv")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", str(path), stdout=out, stderr=err)
    assert "新建 3 条，重复跳过 1 条，拒绝 6 条。" in out.getvalue()
    assert "Henan Provincial Government" in out.getvalue()
    assert "[##############################] 10/10" in err.getvalue()
    assert "第 7 行" in err.getvalue() and "缺少标题" in err.getvalue()

    report_path = tmp_path / "refused.csv"
    out = io.StringIO()
    call_command("import_records", str(path), "--report", str(report_path), stdout=out,
                 stderr=io.StringIO())  # fmt: skip
    assert "新建 0 条，重复跳过 4 条，拒绝 6 条。" in out.getvalue()
    with open(report_path, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["位置", "标题", "原因"] and len(rows) == 7


NOTICE = """粤府办〔2026〕7号
广东省人民政府办公厅关于加强政务公开培训工作的通知
各地级以上市人民政府，省政府各部门、各直属机构：
为提高政务公开工作人员业务能力，现就加强政务公开培训工作通知如下：
一、各地、各部门要在三年内完成全员培训。
广东省人民政府办公厅
2026年3月2日
"""
UNKNOWN = """某某市人民政府关于开展春季植树活动的通知
各区人民政府：
现将植树活动安排通知如下：组织干部职工参加义务植树。
某某市人民政府
2026年3月10日
"""


def test_folder_import_reads_documents(province, tmp_path):
    (tmp_path / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "unknown.txt").write_text(UNKNOWN, encoding="utf-8")
    (tmp_path / "order.docx").write_bytes(
        make_docx(["广东省交通运输厅关于规范公路养护作业的通知", "厅属各单位：",
                   "为规范公路养护作业，现通知如下：严格落实安全措施。",
                   "广东省交通运输厅", "2026年4月1日"])
    )  # fmt: skip
    (tmp_path / "bulletin.pdf").write_bytes(
        make_pdf([["广东省教育厅关于做好招生工作的通知", "各地级以上市教育局：",
                   "  现就招生工作通知如下：做好宣传。", "广东省教育厅", "2026年5月6日"]])
    )  # fmt: skip
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (tmp_path / "undated.txt").write_text(
        "广东省人民政府关于某事的通知\n正文。\n", encoding="utf-8"
    )
    (tmp_path / "notes.md").write_text("not a document", encoding="utf-8")

    report = importing.import_folder(tmp_path)
    titles = set(DisclosureRecord.objects.values_list("title", flat=True))
    assert titles == {
        "广东省人民政府办公厅关于加强政务公开培训工作的通知",
        "广东省交通运输厅关于规范公路养护作业的通知",
    }
    notice = DisclosureRecord.objects.get(doc_number="粤府办〔2026〕7号")
    assert notice.agency == province["office"] and notice.date_written == D(2026, 3, 2)
    assert notice.recipients.startswith("各地级以上市人民政府") and "三年内" in notice.body
    reasons = {label: reason for label, _title, reason in report.refused}
    assert "未知的发文机关：某某市人民政府" in reasons["sub/unknown.txt"]
    assert reasons["undated.txt"] == "缺少成文日期。"
    assert "broken.pdf" in reasons and "bulletin.pdf" in reasons  # 广东省教育厅 is not here
    assert indexing.search_public("政务公开培训").total == 1

    again = importing.import_folder(tmp_path)
    assert (len(again.created), again.duplicates) == (0, 2)
