import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sunshine.governance.powers.models import PowerItem, PowerItemVersion
from sunshine.governance.powers.xlsx import HEADER, export_powers, import_powers
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.clock import frozen
from sunshine.kernel.files.tables import TableImportError
from sunshine.testing.factories.powers import ROWS_DEMO, xlsx_file

pytestmark = pytest.mark.django_db

ROWS = ROWS_DEMO


def test_import_creates_items(gov):
    result = import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(ROWS))
    assert len(result.created) == 3 and not result.revised
    item = PowerItem.objects.get(code="CF-001")
    assert item.kind == "penalty"
    assert item.versions.get().effective_from == dt.date(2020, 1, 1)
    assert PowerItem.objects.get(code="QL-001").versions.get().service_code.startswith("1144")
    assert AuditEvent.objects.filter(action="power.import").count() == 1


def test_import_with_bad_rows_saves_nothing_and_names_each(gov):
    rows = [
        ROWS[0],
        ["JC-001", "", "检查", "", "x", "", "", "", "", "2019-13-01", ""],
        [
            "CF-001",
            "对无证经营食品的处罚",
            "行政处罚",
            "《食品安全法》",
            "x",
            "",
            "",
            "",
            "1144-1",
            "",
            "",
        ],
        ["ql-001", "重复", "行政许可", "依据", "x", "", "", "", "", "", ""],
    ]
    with pytest.raises(TableImportError) as exc:
        import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(rows))
    found = {(e.row, e.column) for e in exc.value.row_errors}
    assert found == {
        (4, "事项名称"),
        (4, "事项类型"),
        (4, "设定依据"),
        (4, "生效日期"),
        (5, "关联政务服务事项编码"),
        (6, "事项编码"),
    }
    assert "第 4 行“事项类型”" in str(exc.value.messages)
    assert PowerItem.objects.count() == 0 and PowerItemVersion.objects.count() == 0


def test_reimport_revises_changed_rows_only(gov):
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(ROWS))
        changed = [list(r) for r in ROWS]
        changed[1][3] = "《食品安全法》第一百一十条；《食品生产经营监督检查管理办法》"
        changed[1][9] = ""  # a revision must say when it takes effect
        with pytest.raises(TableImportError) as exc:
            import_powers(
                agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(changed)
            )
        assert [(e.row, e.column) for e in exc.value.row_errors] == [(4, "生效日期")]
        changed[1][9] = "2026-04-01"
        changed[1][10] = "依据总局令第49号"
        result = import_powers(
            agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(changed)
        )
    assert (len(result.created), len(result.revised), len(result.unchanged)) == (0, 1, 2)
    item = PowerItem.objects.get(code="JC-001")
    assert [v.effective_from for v in item.versions.order_by("number")] == [
        dt.date(2019, 6, 1),
        dt.date(2026, 4, 1),
    ]


def test_import_refuses_other_files_and_agencies(gov):
    with pytest.raises(PermissionDenied):
        import_powers(agency=gov["market"], actor=gov["env_editor"], uploaded_file=xlsx_file(ROWS))
    text = SimpleUploadedFile("list.txt", "事项编码,事项名称\n".encode(), content_type="text/csv")
    with pytest.raises(ValidationError) as exc:
        import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=text)
    assert "XLSX" in " ".join(exc.value.messages)
    with pytest.raises(TableImportError) as exc:
        import_powers(
            agency=gov["market"],
            actor=gov["editor"],
            uploaded_file=xlsx_file(ROWS, header=["序号", "名称"]),
        )
    assert "未找到表头" in exc.value.row_errors[0].message


def test_export_round_trips(gov):
    import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=xlsx_file(ROWS))
    data = export_powers(gov["market"])
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert [r[0] for r in rows[1:]] == ["CF-001", "JC-001", "QL-001"]
    again = SimpleUploadedFile(
        "again.xlsx",
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    result = import_powers(agency=gov["market"], actor=gov["editor"], uploaded_file=again)
    assert len(result.unchanged) == 3
