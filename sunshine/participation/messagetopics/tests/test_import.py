"""Import of taidi2020-format CSVs: cleaning, times, predicted categories, routing,
idempotency by 留言编号, refused rows with reasons; the command and the demo loader."""

import csv
import io

import pytest
from django.core.management import call_command

from sunshine.kernel.audit.models import AuditEvent
from sunshine.participation.messages.importing import (
    ImportFileError,
    import_files,
    parse_time,
    read_rows,
)
from sunshine.participation.messages.models import Message, MessageReply

pytestmark = pytest.mark.django_db

HEADER = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"]


def _write(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _subset(tmp_path, taidi_rows, n=40):
    rows = [r for r in taidi_rows if r.get("答复意见")][:n]
    return _write(tmp_path / "replies.csv", [[r[h] for h in HEADER] for r in rows])


def test_parse_time_is_beijing_and_tolerates_date_only():
    moment = parse_time("2019/4/3 9:05:07")
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (
        2019, 4, 3, 9, 5,
    )  # fmt: skip
    assert moment.utcoffset().total_seconds() == 8 * 3600
    assert parse_time("2018/4/24").hour == 0
    assert parse_time("2019-13-01") is None and parse_time("昨天") is None


def test_import_is_idempotent_and_cleans_text(province, tmp_path, taidi_rows):
    path = _subset(tmp_path, taidi_rows)
    first = import_files([path])[path]
    assert first.created == 40 and not first.refused
    message = Message.objects.get(external_id=taidi_rows[0]["留言编号"], source="import")
    assert not message.body.startswith(("\n", "\t", " ")) and "\u3000" not in message.body
    assert message.category  # predicted by the shipped classifier
    assert message.agency is not None  # routed (the general office when nothing matches)
    assert message.replied_at and message.replied_at >= message.submitted_at
    assert MessageReply.objects.filter(message=message).count() == 1
    assert first.predicted == 40
    second = import_files([path])[path]
    assert (second.created, second.existing) == (0, 40)
    assert Message.objects.count() == 40 and MessageReply.objects.count() == 40
    assert AuditEvent.objects.filter(action="message.import").count() == 2


def test_refused_rows_have_reasons_and_do_not_stop_the_rest(province, tmp_path):
    good = [
        "9001",
        "U1",
        "A市某路段路灯不亮",
        "2019/5/6 10:00:00",
        "晚上一片漆黑，请尽快维修。",
        "",
        "",
    ]
    rows = [
        good,
        ["", "U2", "无编号", "2019/5/6 10:00:00", "内容", "", ""],
        ["9003", "U3", "时间错", "2019年5月6日", "内容", "", ""],
        ["9004", "U4", "", "2019/5/6 10:00:00", "", "", ""],
        ["9005", "U5", "答复早于留言", "2019/5/6 10:00:00", "内容", "已处理", "2019/5/1 10:00:00"],
    ]
    path = _write(tmp_path / "bad.csv", rows)
    summary = import_files([path])[path]
    assert summary.created == 1
    reasons = {line: why for line, _id, why in summary.refused}
    assert set(reasons) == {3, 4, 5, 6}
    assert "留言编号" in reasons[3] and "留言时间" in reasons[4]
    assert "为空" in reasons[5] and "早于" in reasons[6]


def test_missing_column_is_a_file_error(tmp_path):
    path = _write(tmp_path / "x.csv", [["1", "主题"]], header=["留言编号", "留言主题"])
    with pytest.raises(ImportFileError, match="留言时间"):
        read_rows(path)


def test_command_prints_summary_and_refusals(province, tmp_path):
    path = _write(tmp_path / "c.csv", [["7", "U", "主题", "not a time", "内容", "", ""]])
    out = io.StringIO()
    call_command("import_messages", str(path), "--no-predict", stdout=out)
    text = out.getvalue()
    assert "拒绝 1" in text and "第 2 行" in text
