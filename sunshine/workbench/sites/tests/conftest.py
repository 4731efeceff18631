import datetime as dt

import pytest

from sunshine.disclosure.records import importing, indexing
from sunshine.kernel.sites.services import ensure_site

GD, GZ = "www.gd.gov.cn", "www.gz.gov.cn"


def publish(agency, title, day):
    return importing.import_published_record(
        actor=None,
        agency=agency,
        title=title,
        doc_number="",
        date_written=day,
        date_published=day,
        topic="general",
        kind="notice",
        body=f"{title}。政务公开演示正文。",
        index=False,
    )


@pytest.fixture
def cluster(province, settings):
    settings.ALLOWED_HOSTS = [GD, GZ, "testserver"]
    gd = ensure_site(
        host=GD,
        name="广东省人民政府",
        id_code="4400000035",
        sponsor="广东省人民政府办公厅",
        agency=province["root"],
        is_default=True,
    )
    gz = ensure_site(
        host=GZ,
        name="广州市人民政府",
        id_code="4401000001",
        sponsor="广州市人民政府办公厅",
        agency=province["city"],
    )
    records = {
        "province": publish(
            province["office"], "省府办公厅关于政务公开的通知", dt.date(2026, 3, 2)
        ),
        "city": publish(province["city"], "广州市政府关于公交优化的通知", dt.date(2026, 3, 3)),
        "county": publish(province["county"], "天河区政府关于社区服务的通知", dt.date(2026, 3, 4)),
    }
    indexing.index_records()
    return {"gd": gd, "gz": gz, "records": records, **province}
