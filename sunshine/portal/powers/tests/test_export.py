"""The public XLSX download of the 权力清单 / 责任清单 (issue 13): the page's filters, formula-like
text quoted, streamed (the response is a stream whose first bytes come before the rows are
read), and a file a spreadsheet program opens."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sunshine.governance.powers.models import PowerItem
from sunshine.kernel.files.tables import Column
from sunshine.kernel.files.xlsx_stream import stream_table
from sunshine.testing.factories.powers import make_item

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.streaming
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data)).active


def test_download_has_the_filters_and_quotes_formulas(client, gov):
    make_item(gov["editor"], gov["market"], code="QL-001", name="食品经营许可")
    make_item(gov["editor"], gov["market"], code="JC-001", kind="inspection",
              name="=HYPERLINK(\"http://evil.example\",\"点击\")",
              responsibility="@SUM(A1:A9)")  # fmt: skip
    make_item(gov["env_editor"], gov["env"], code="CF-001", kind="penalty", name="对超标排污的处罚")
    page = client.get(reverse("portal:powers_list"), {"kind": "inspection"}).content.decode()
    assert 'href="/qlqd/export.xlsx?kind=inspection" download' in page
    answer = client.get("/qlqd/export.xlsx", {"kind": "inspection"})
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in answer["Content-Disposition"]
    sheet = _sheet(answer)
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["事项编码", "事项名称", "事项类型"] and rows[0][-1] == "机关"
    assert len(rows) == 2  # the header and the one 行政检查 item
    assert rows[1][0] == "JC-001" and rows[1][2] == "行政检查"
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","点击")'  # text, not a formula
    assert sheet["B2"].data_type == "s"
    everything = _sheet(client.get("/qlqd/export.xlsx", {"agency": gov["env"].pk}))
    assert [r[0].value for r in everything.iter_rows(min_row=2)] == ["CF-001"]
    duties = _sheet(client.get("/qlqd/zrqd/export.xlsx", {"q": "HYPERLINK"}))
    header = [c.value for c in duties[1]]
    assert header == [
        "事项编码",
        "事项名称",
        "事项类型",
        "实施主体",
        "责任事项",
        "追责情形及依据",
        "机关",
    ]
    assert duties["E2"].value == "'@SUM(A1:A9)"
    page = client.get(reverse("portal:powers_responsibility"), {"q": "HYPERLINK"}).content.decode()
    assert 'href="/qlqd/zrqd/export.xlsx?q=HYPERLINK" download' in page


def test_the_file_streams_before_the_rows_are_read(client, gov):
    make_item(gov["editor"], gov["market"], code="QL-001")
    answer = client.get("/qlqd/export.xlsx")
    chunks = iter(answer.streaming_content)
    first = next(chunks)
    assert first.startswith(b"PK")  # the zip's first parts went out …
    PowerItem.objects.all().delete()  # … before the rows were read from the database
    rest = b"".join(chunks)
    sheet = load_workbook(io.BytesIO(first + rest)).active
    assert sheet.max_row == 1  # the header only: the rows were read after the first bytes


def test_a_long_table_streams_in_pieces_and_bad_characters_go():
    columns = (Column("a", "编号"), Column("b", "名称"))
    rows = ([str(n), f"事项{n}\x07<&>"] for n in range(5000))
    chunks = list(stream_table("清单[1]", columns, rows))
    assert len(chunks) > 20  # written as it goes, not in one piece
    book = load_workbook(io.BytesIO(b"".join(chunks)))
    sheet = book.active
    assert sheet.title == "清单1" and sheet.max_row == 5001
    assert sheet["B5001"].value == "事项4999<&>" and sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
