"""An officer registers a dataset in the workbench (Chromium, headless, axe): the catalog entry
with its §11 fields, a CSV uploaded — its header becomes the 字段说明, types read from the
values — then published; the portal page shows the schema and the first rows."""

import pytest
from playwright.sync_api import expect

from sunshine.kernel.accounts.roles import Role
from sunshine.opendata.datasets.models import Dataset
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import HOLIDAY_ROWS, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _clean(page, axe):
    violations, text = axe(page)
    assert violations == [], text


def test_officer_registers_uploads_and_publishes(page, axe, shot, transport, tmp_path):
    officer = staff_with(Role.DISCLOSURE_OFFICER, transport, display_name="数据专员")
    sign_in(page, officer, next_url="/workbench/opendata/")
    _clean(page, axe)
    page.get_by_role("link", name="新增数据资源").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("新增数据资源")
    page.get_by_label("提供方").select_option(label=transport.name)
    page.get_by_label("名称").fill("2026年法定节假日")
    page.get_by_label("标识名").fill("holidays-2026")
    page.get_by_label("摘要").fill("国务院办公厅关于2026年部分节假日安排的通知中的放假和调休日期。")
    page.get_by_label("主题分类").select_option(label="机构团体")
    page.get_by_label("行业分类").select_option(label="公共管理、社会保障和社会组织")
    page.get_by_label("开放属性").select_option(label="无条件开放")
    page.get_by_label("更新频率").select_option(label="每年")
    page.get_by_label("关键词").fill("节假日，调休")
    _clean(page, axe)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026年法定节假日")
    expect(page.locator("main")).to_contain_text("上传的第一个表格文件的表头会作为字段说明")
    _clean(page, axe)

    # Publishing without data is refused with the reason.
    page.get_by_role("button", name="发布").click()
    expect(page.locator("body")).to_contain_text("开放的数据至少要有一个数据文件或接口")

    upload = tmp_path / "holidays.csv"
    upload.write_bytes(csv_bytes(["date", "name", "is_off_day", "year"], HOLIDAY_ROWS))
    page.get_by_label("名称").fill("2026年（CSV）")
    page.get_by_label("格式").select_option("CSV")
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name="添加").click()
    expect(page.locator("body")).to_contain_text("已添加“2026年（CSV）”，6 行。")
    schema = page.locator("#id_schema")
    expect(schema).to_have_value(
        "date||date||\nname||string||\nis_off_day||boolean||\nyear||integer||"
    )
    schema.fill(
        "date|日期|date||公历日期\nname|节日|string||\n"
        "is_off_day|是否放假|boolean||true 放假\nyear|年份|integer|年|"
    )
    page.get_by_role("button", name="保存字段说明").click()
    expect(page.locator("body")).to_contain_text("已保存字段说明")
    page.get_by_label("版本说明").fill("首次发布")
    page.get_by_role("button", name="发布").click()
    expect(page.locator("body")).to_contain_text("已发布第 1 版")
    _clean(page, axe)
    shot(page, "opendata-workbench-published")
    dataset = Dataset.objects.get(name="holidays-2026")
    assert dataset.state == "published" and dataset.version == 1

    page.get_by_role("link", name="门户页面").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2026年法定节假日")
    expect(page.locator("#preview tbody tr")).to_have_count(6)
    expect(page.locator("#preview thead")).to_contain_text("是否放假")
