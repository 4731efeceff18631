"""XLSX import and export in the standard column layout: round trip, bad rows reported by row
number with nothing saved, re-import without duplicates, real-world spellings."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from sunshine.disclosure.catalog import selectors
from sunshine.disclosure.catalog.imports import import_catalog
from sunshine.disclosure.catalog.models import Catalog, CatalogItem
from sunshine.disclosure.catalog.xlsx import HEADER, export_workbook
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.files.tables import TableImportError
from sunshine.kernel.files.testing import make_pdf, upload
from sunshine.testing.factories.catalog import catalog, item, xlsx_upload

pytestmark = pytest.mark.django_db

ROWS = [
    HEADER,
    [1, "重大建设项目", "审批服务", "申报要求、批准结果", "《政府信息公开条例》",
     "信息形成或变更之日起20个工作日内", "县发展改革局", "政府网站、政府公报",
     "全社会", "主动", "县级、乡级"],
    [2, "重大建设项目", "招标投标", "招标公告、中标候选人公示", "《招标投标法实施条例》",
     "实时", "县公共资源交易中心", "政府网站、两微一端、精准推送", "全社会", "主动", "县级"],
    [3, "财政预决算", "部门预算", "部门预算及说明", "《预算法》第十四条",
     "每年3月底前", "县财政局", "政府网站", "全社会", "主动", "市级、县级"],
    [4, "社会救助", "最低生活保障", "保障对象名单", "《社会救助暂行办法》",
     "每季度结束后15日内", "乡镇人民政府", "社区/企事业单位/村公示栏、入户/现场",
     "特定群体", "依申请", "乡级"],
]  # fmt: skip

FIELDS = [
    "number", "category", "subcategory", "content", "basis", "time_limit", "subject",
    "channels", "audience", "mode", "levels", "limit_kind", "limit_unit", "limit_length",
    "limit_month", "limit_day",
]  # fmt: skip


def as_rows(cat) -> list[tuple]:
    return [tuple(getattr(i, f) for f in FIELDS) for i in cat.items.order_by("sort_order", "pk")]


def test_import_then_export_round_trip(catalog_people):
    result = import_catalog(
        agency=catalog_people["agency"],
        actor=catalog_people["officer"],
        uploaded_file=xlsx_upload(ROWS),
    )
    assert len(result.created) == 4 and not result.updated
    cat = result.catalog
    social = cat.items.get(number="4")
    assert social.channels == ["on_site", "notice_board"]
    assert (social.audience, social.mode, social.levels) == ("specific", "on_request", ["township"])
    assert (social.limit_kind, social.limit_length) == ("quarterly", 15)

    data = export_workbook(selectors.staff_items(cat))
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert rows[4][7] == "入户/现场、社区/企事业单位/村公示栏"  # in the standard's order
    assert rows[1][8:] == ["全社会", "主动", "县级、乡级"]

    # Export, then import into another agency's empty catalog: the same items.
    other = import_catalog(
        agency=catalog_people["other_agency"],
        actor=catalog_people["other_officer"],
        uploaded_file=upload("导出.xlsx", data),
    )
    assert as_rows(other.catalog) == as_rows(cat)
    # And importing the export into the same catalog changes nothing.
    again = import_catalog(
        agency=catalog_people["agency"],
        actor=catalog_people["officer"],
        uploaded_file=upload("x.xlsx", data),
    )
    assert not again.created and not again.updated and len(again.unchanged) == 4
    assert CatalogItem.objects.filter(catalog=cat).count() == 4


def test_export_keeps_items_made_on_the_form(catalog_people):
    entry = item(catalog_people, number="", basis="", levels=[])
    sheet = load_workbook(io.BytesIO(export_workbook([entry]))).active
    row = [c or "" for c in list(sheet.iter_rows(values_only=True))[1]]
    assert row[1:4] == [entry.category, entry.subcategory, entry.content]
    assert row[7] == "政府网站、政府公报" and row[10] == ""


def test_bad_rows_are_reported_by_row_number_and_nothing_is_saved(catalog_people):
    rows = [list(r) for r in ROWS]
    rows[1][1] = ""  # row 2: empty 一级事项
    rows[2][7] = "政府网站、电报"  # row 3: unknown channel
    rows[3][8] = "部分群众"  # row 4: unknown 公开对象
    rows[4][10] = "省级"  # row 5: unknown level
    rows.append([5, "重大建设项目", "招标投标", "招标公告、 中标候选人公示", "", "", "", "网站"])
    with pytest.raises(TableImportError) as exc:
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["officer"],
            uploaded_file=xlsx_upload(rows),
        )
    found = [(e.row, e.column) for e in exc.value.row_errors]
    assert found == [
        (2, "一级事项"),
        (3, "公开渠道和载体"),
        (4, "公开对象"),
        (5, "公开层级"),
        (6, "一级事项"),  # the same item as row 3 (spaces do not count)
    ]
    messages = exc.value.messages
    assert messages[0] == "第 2 行“一级事项”：请填写一级事项。"
    assert "电报" in messages[1]
    assert "与第 3 行重复" in messages[4]
    assert not Catalog.objects.exists() and not CatalogItem.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="catalog.").exists()


def test_reimport_updates_by_content_or_number_without_duplicates(catalog_people):
    import_catalog(
        agency=catalog_people["agency"],
        actor=catalog_people["officer"],
        uploaded_file=xlsx_upload(ROWS),
    )
    rows = [list(r) for r in ROWS]
    rows[1][5] = "信息形成之日起10个工作日内"  # same key: updated
    rows[3][3] = "部门预算、部门预算说明"  # new content, same 序号 3: updated
    rows.append([5, "就业", "就业服务", "招聘会信息", "", "实时", "", "政府网站", "", "", ""])
    result = import_catalog(
        agency=catalog_people["agency"],
        actor=catalog_people["officer"],
        uploaded_file=xlsx_upload(rows),
    )
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (1, 2, 2)
    cat = result.catalog
    assert cat.items.count() == 5
    assert cat.items.get(number="3").content == "部门预算、部门预算说明"
    assert cat.items.get(number="1").limit_length == 10
    newest = cat.items.get(number="5")
    assert (newest.audience, newest.mode) == ("public", "proactive")  # empty cells: defaults
    assert list(cat.items.order_by("sort_order").values_list("number", flat=True)) == [
        "1", "2", "3", "4", "5",
    ]  # fmt: skip
    event = AuditEvent.objects.filter(action="catalog.import").last()
    assert event.data["created"] == [newest.pk] and event.data["rows"] == 5


def test_real_world_layouts(catalog_people):
    rows = [
        ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
         "公开渠道和载体", "公开对象", "公开方式", "公开层级"],
        [1.0, "征地补偿", "征收土地公告", "征收范围、补偿标准", "《土地管理法》", "批准后10个工作日内",
         "县自然资源局", "■政府网站 □政府公报 ■入户/现场 □其他", "全社会", "主动公开", "县、乡镇"],
        [2, "征地补偿", "补偿登记", "登记结果", "", "", "", "网站，微信；公示栏", "", "依申请公开", ""],
    ]  # fmt: skip
    result = import_catalog(
        agency=catalog_people["agency"],
        actor=catalog_people["officer"],
        uploaded_file=xlsx_upload(rows, title_row="某县主动公开基本目录（2026年版）"),
    )
    first, second = result.catalog.items.order_by("sort_order")
    assert first.number == "1" and first.channels == ["website", "on_site"]
    assert first.levels == ["county", "township"]
    assert second.channels == ["website", "new_media", "notice_board"]
    assert second.mode == "on_request" and second.limit_kind == "none"


def test_a_file_that_is_not_a_catalog(catalog_people):
    with pytest.raises(ValidationError, match="XLSX"):
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["officer"],
            uploaded_file=upload("目录.pdf", make_pdf([["目录"]])),
        )
    with pytest.raises(TableImportError) as exc:
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["officer"],
            uploaded_file=xlsx_upload([["名称", "内容"], ["a", "b"]]),
        )
    assert exc.value.row_errors[0].row == 1 and "未找到表头" in exc.value.messages[0]
    with pytest.raises(TableImportError) as exc:
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["officer"],
            uploaded_file=xlsx_upload([["序号", "一级事项", "公开内容(要素)"], [1, "a", "b"]]),
        )
    assert "缺少列：公开渠道和载体" in exc.value.messages[0]
    with pytest.raises(ValidationError, match="没有目录事项"):
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["officer"],
            uploaded_file=xlsx_upload([HEADER]),
        )


def test_only_the_agencys_officers_import(catalog_people):
    catalog(catalog_people)
    with pytest.raises(PermissionDenied):
        import_catalog(
            agency=catalog_people["agency"],
            actor=catalog_people["other_officer"],
            uploaded_file=xlsx_upload(ROWS),
        )
    assert not CatalogItem.objects.exists()
