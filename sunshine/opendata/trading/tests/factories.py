"""Test data of 公共资源交易: feed rows as a trading platform sends them, as CSV or JSON bytes,
and a small imported project. Shared by the domain's, the shells' and the demo's tests."""

import csv
import io
import json

from sunshine.opendata.trading.feedformat import COLUMN_NAMES


def _valid_code(first17: str) -> str:
    from sunshine.kernel.orgs.codes import credit_code_check_char

    return first17 + credit_code_check_char(first17)


WINNER_CODE = _valid_code("91440101MA5AB1234")
BIDDER_CODE = _valid_code("91440300MA5CD5678")


def feed_row(agency, *, project="GD-P-1", notice="GD-N-1", kind="tender", version=1, **extra):
    row = {
        "project_id": project,
        "project_code": f"GDGGZY-2026-{project[-3:]}",
        "project_title": "广州市第一人民医院医疗设备采购项目",
        "category": "政府采购",
        "tenderer": "广州市第一人民医院",
        "agent": "广东省机电设备招标中心有限公司",
        "budget": "12,800,000.00",
        "region": "广州市越秀区",
        "supervisor_code": agency.org_code,
        "notice_id": notice,
        "version": str(version),
        "notice_type": kind,
        "notice_title": "广州市第一人民医院医疗设备采购项目公开招标公告",
        "published_on": "2026-09-01",
        "amount": "",
        "winner": "",
        "winner_credit_code": "",
        "url": "https://ygp.gdzwfw.gov.cn/notice/1",
        "body": "项目概况：采购CT机一台、核磁共振一台。",
    }
    row.update({k: str(v) for k, v in extra.items()})
    return row


def result_row(agency, **extra):
    values = {
        "notice": "GD-N-2",
        "kind": "中标/成交结果公示",
        "notice_title": "广州市第一人民医院医疗设备采购项目中标结果公告",
        "published_on": "2026-09-25",
        "amount": "11960000",
        "winner": "广州康华医疗器械有限公司",
        "winner_credit_code": WINNER_CODE,
    }
    values.update(extra)
    return feed_row(agency, **values)


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def json_bytes(rows) -> bytes:
    return json.dumps({"platform": "gdggzy", "items": rows}, ensure_ascii=False).encode()


def imported_project(agency, actor):
    """A project with its tender and result announcements, imported through the service."""
    from sunshine.opendata.trading.harvest import import_feed
    from sunshine.opendata.trading.models import TradingProject

    import_feed(
        data=json_bytes([feed_row(agency), result_row(agency)]),
        fmt="json",
        platform="gdggzy",
        actor=actor,
    )
    return TradingProject.objects.get(platform="gdggzy", source_id="GD-P-1")


def works_project(agency, actor):
    """A 工程建设 project (its complaints run on the 3-wd review clock)."""
    from sunshine.opendata.trading.harvest import import_feed
    from sunshine.opendata.trading.models import TradingProject

    row = feed_row(
        agency,
        project="GD-W-1",
        notice="GD-W-N-1",
        category="工程建设",
        project_title="广州市白云区某道路改造工程施工",
        notice_title="广州市白云区某道路改造工程施工招标公告",
    )
    import_feed(data=json_bytes([row]), fmt="json", platform="gdggzy", actor=actor)
    return TradingProject.objects.get(platform="gdggzy", source_id="GD-W-1")
