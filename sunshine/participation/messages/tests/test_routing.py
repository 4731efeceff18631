import csv

import pytest
from django.core.management import CommandError, call_command

from sunshine.participation.messages.routing import AGENCY_COLUMN

ROWS = [
    ("A市某小学食堂饭菜质量差", "孩子在学校食堂吃不饱，老师也不管，希望教育局调查学校食堂。"),
    ("某公司拖欠工资三个月", "我们农民工的工资被拖欠，社保也没有缴纳，请劳动部门帮忙。"),
]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("with_category", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_route_messages_round_trip(tmp_path, with_category, encoding):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    header = ["留言编号", "留言主题", "留言详情", "备注"]
    if with_category:
        header.insert(3, "一级分类")
    with open(src, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for i, (subject, body) in enumerate(ROWS, start=1):
            row = [i, subject, body, "x\ny"]
            if with_category:
                row.insert(3, "旧分类")
            writer.writerow(row)
    call_command("route_messages", str(src), str(dst))
    out = read(dst)
    with open(dst, encoding="utf-8-sig", newline="") as fh:
        out_header = next(csv.reader(fh))
    assert out_header[: len(header)] == header
    assert out_header.count("一级分类") == 1
    assert out_header[-1] == AGENCY_COLUMN
    assert [r["留言主题"] for r in out] == [s for s, _ in ROWS]
    assert [r["备注"] for r in out] == ["x\ny", "x\ny"]
    assert out[0]["一级分类"] == "教育文体"
    assert out[0][AGENCY_COLUMN] == "教育局"
    assert out[1]["一级分类"] == "劳动和社会保障"
    assert out[1][AGENCY_COLUMN] == "人力资源和社会保障局"


def test_missing_column_is_a_clear_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("留言编号,留言主题\n1,问题\n", encoding="utf-8")
    with pytest.raises(CommandError, match="缺少列：留言详情"):
        call_command("route_messages", str(src), str(tmp_path / "out.csv"))


def test_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("route_messages", str(tmp_path / "nope.csv"), str(tmp_path / "out.csv"))
    bad = tmp_path / "gbk.csv"
    bad.write_bytes("留言主题,留言详情\n问题,详情\n".encode("gbk"))
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command("route_messages", str(bad), str(tmp_path / "out.csv"))
